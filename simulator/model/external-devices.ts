// NetScaler load balancers and Palo Alto firewalls added to a physical network
// (NetscalerElement.addNetscalerLoadBalancer / configureNetscalerLoadBalancer /
// deleteNetscalerLoadBalancer, PaloAltoExternalFirewallElement.addPaloAltoFirewall /
// configurePaloAltoFirewall, ExternalLoadBalancerDeviceManagerImpl.addExternalLoadBalancer,
// ExternalFirewallDeviceManagerImpl.addExternalFirewall, and the `configure` of NetscalerResource
// and PaloAltoResource, which read the device's settings from the URL's query). The device itself
// is not contacted: every login succeeds and reports the declared device type.
import { ApiError, internalError, paramError } from "../errors";
import { newUuid, nextId } from "./ids";
import { physicalNetworkText } from "./object-texts";
import type { ExternalDeviceRecord, PhysicalNetworkRecord, SimulatorState } from "./records";

export const NETSCALER_TYPES = ["NetscalerMPXLoadBalancer", "NetscalerVPXLoadBalancer", "NetscalerSDXLoadBalancer"] as const;
export const PALO_ALTO_TYPE = "PaloAltoFirewall";

/** Config.DefaultExternalLoadBalancerCapacity and DefaultExternalFirewallCapacity: what a capacity of 0 means. */
const DEFAULT_CAPACITY = 50;

/** What NetscalerResource.configure and PaloAltoResource.configure refuse to start without, and their texts. */
const REQUIRED_SETTINGS: Readonly<Record<ExternalDeviceRecord["provider"], ReadonlyArray<readonly [string, string]>>> = {
  Netscaler: [
    ["ip", "Unable to find IP address in the configuration parameters"],
    ["publicinterface", "Unable to find public interface in the configuration parameters"],
    ["privateinterface", "Unable to find private interface in the configuration parameters"],
  ],
  PaloAlto: [
    ["ip", "Unable to find IP"],
    ["publicinterface", "Unable to find public interface."],
    ["privateinterface", "Unable to find private interface."],
    ["publicnetwork", "Unable to find public zone"],
    ["privatenetwork", "Unable to find private zone"],
    ["pavr", "Unable to find virtual router"],
  ],
};

/** Characters java.net.URI never accepts unescaped. */
const ILLEGAL_URI_CHARACTER = /[\s"<>\\^`{|}]/;

/** The host and query parameters of a device URL, as java.net.URI and UrlUtil.parseQueryParameters read them. */
function parseDeviceUrl(url: string, onError: (reason: string) => ApiError): { host?: string; query: Record<string, string> } {
  const bad = ILLEGAL_URI_CHARACTER.exec(url);
  if (bad) throw onError(`Illegal character at index ${bad.index}: ${url}`);
  const hierarchical = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/.exec(url);
  const authority = hierarchical?.[1] ?? "";
  const host = authority.replace(/^[^@]*@/, "").replace(/:\d*$/, "");
  const queryAt = url.indexOf("?");
  const query: Record<string, string> = {};
  if (queryAt >= 0) {
    for (const part of url.slice(queryAt + 1).split("#")[0].split("&")) {
      const [key, value] = part.split("=");
      if (key !== "" && value !== undefined) query[key] = value;
    }
  }
  return { host: host === "" ? undefined : host, query };
}

export interface NetscalerAdd {
  url: string;
  username: string;
  deviceType: string;
  gslbProvider: boolean;
  exclusiveGslbProvider: boolean;
  gslbPublicIp?: string;
  gslbPrivateIp?: string;
}

export class ExternalDevices {
  constructor(private readonly state: SimulatorState) {}

  find(uuid: string, provider: ExternalDeviceRecord["provider"]): ExternalDeviceRecord | undefined {
    return this.state.externalDevices.find((d) => d.uuid === uuid && d.provider === provider);
  }

  ofPhysicalNetwork(pnetUuid: string, provider: ExternalDeviceRecord["provider"]): ExternalDeviceRecord[] {
    return this.state.externalDevices.filter((d) => d.physicalNetworkUuid === pnetUuid && d.provider === provider);
  }

  /** NetscalerElement.addNetscalerLoadBalancer, then addExternalLoadBalancer, in their order of checks. */
  addNetscaler(pnet: PhysicalNetworkRecord, input: NetscalerAdd): ExternalDeviceRecord {
    const type = input.deviceType;
    if (!NETSCALER_TYPES.some((t) => t.toLowerCase() === type.toLowerCase())) throw paramError("Invalid Netscaler device type");
    const { query } = parseDeviceUrl(input.url, (reason) =>
      paramError(`Error parsing the url parameter specified in addNetscalerLoadBalancer command due to ${reason}`),
    );
    const dedicated = query.lbdevicededicated === "true";
    // These compare the type exactly, where the first check ignores case (as does the stored name).
    if (dedicated && type !== "NetscalerVPXLoadBalancer") throw paramError("Only Netscaler VPX load balancers can be specified for dedicated use");
    if (input.gslbProvider) {
      if (type !== "NetscalerVPXLoadBalancer" && type !== "NetscalerMPXLoadBalancer") {
        throw paramError("Only Netscaler VPX or MPX load balancers can be specified as GSLB service provider");
      }
      if (input.gslbPublicIp === undefined || input.gslbPrivateIp === undefined) {
        throw paramError("Public and Privae IP needs to provided for NetScaler that will be GSLB provider");
      }
      if (dedicated) throw paramError("NetScaler provisioned to be GSLB service provider can only be configured for shared usage.");
    }
    if (input.exclusiveGslbProvider && !input.gslbProvider) {
      throw paramError("NetScaler can be provisioned to be exclusive GSLB service provider only if its being configured as GSLB service provider also.");
    }
    this.requireProvider(pnet, "Netscaler", "is in shutdown state");
    if (input.gslbProvider && this.ofPhysicalNetwork(pnet.uuid, "Netscaler").some((d) => d.gslbProvider)) {
      throw internalError("There is a GSLB service provider configured in the zone already.");
    }
    const device = this.configured(pnet, "Netscaler", input.url, input.username, type, query, "lbdevicecapacity", dedicated);
    if (input.gslbProvider) {
      device.gslbProvider = true;
      device.gslbPublicIp = input.gslbPublicIp;
      device.gslbPrivateIp = input.gslbPrivateIp;
      device.exclusiveGslbProvider = input.exclusiveGslbProvider;
    }
    this.state.externalDevices.push(device);
    return device;
  }

  /** PaloAltoExternalFirewallElement.addPaloAltoFirewall, then addExternalFirewall. */
  addPaloAlto(pnet: PhysicalNetworkRecord, url: string, username: string, deviceType: string): ExternalDeviceRecord {
    if (deviceType.toLowerCase() !== PALO_ALTO_TYPE.toLowerCase()) throw paramError("Invalid Palo Alto firewall device type");
    this.requireProvider(pnet, "PaloAlto", "is not added or in shutdown state");
    const { query } = parseDeviceUrl(url, (reason) => paramError(reason));
    const device = this.configured(pnet, "PaloAlto", url, username, deviceType, query, "fwdevicecapacity", query.fwdevicededicated === "true");
    this.state.externalDevices.push(device);
    return device;
  }

  private requireProvider(pnet: PhysicalNetworkRecord, provider: ExternalDeviceRecord["provider"], shutdownText: string): void {
    const nsp = this.state.networkServiceProviders.find((p) => p.physicalNetworkUuid === pnet.uuid && p.name === provider);
    if (!nsp) {
      throw internalError(`Network Service Provider: ${provider} is not enabled in the physical network: ${physicalNetworkText(pnet)} to add this device`);
    }
    if (nsp.state === "Shutdown") {
      throw internalError(`Network Service Provider: ${provider} ${shutdownText} in the physical network: ${physicalNetworkText(pnet)} to add this device`);
    }
  }

  /** The device's resource configured from the URL (its ConfigurationException a 530), then its row. */
  private configured(
    pnet: PhysicalNetworkRecord,
    provider: ExternalDeviceRecord["provider"],
    url: string,
    username: string,
    deviceName: string,
    query: Record<string, string>,
    capacityKey: string,
    dedicated: boolean,
  ): ExternalDeviceRecord {
    const host = parseDeviceUrl(url, (reason) => paramError(reason)).host;
    const settings: Record<string, string | undefined> = { ip: host, ...query };
    for (const [key, text] of REQUIRED_SETTINGS[provider]) if (settings[key] === undefined) throw internalError(text);
    const capacity = Number.parseInt(query[capacityKey] ?? "", 10);
    return {
      uuid: newUuid(),
      id: nextId(this.state, "externalDevice"),
      provider,
      deviceName,
      physicalNetworkUuid: pnet.uuid,
      ipAddress: host ?? "",
      username,
      capacity: Number.isFinite(capacity) && capacity !== 0 ? capacity : DEFAULT_CAPACITY,
      dedicated,
      state: "Enabled",
      gslbProvider: false,
      exclusiveGslbProvider: false,
      podUuids: [],
      details: query,
    };
  }

  /**
   * NetscalerElement.configureNetscalerLoadBalancer: every failure, its parameter checks too, is
   * wrapped as "failed to configure netscaler device due to <reason>" (530).
   */
  configureNetscaler(device: ExternalDeviceRecord, capacity: number | undefined, dedicated: boolean | undefined, podUuids: string[] | undefined): ExternalDeviceRecord {
    const failed = (reason: string) => internalError(`failed to configure netscaler device due to ${reason}`);
    // CloudStack walks the current pods against a missing list and fails with a NullPointerException.
    if (podUuids === undefined && device.podUuids.length > 0) throw failed("null");
    if (dedicated === true && (isType(device, "NetscalerMPXLoadBalancer") || isType(device, "NetscalerSDXLoadBalancer"))) {
      throw failed("Netscaler MPX and SDX device should be shared and can not be dedicated to a single account.");
    }
    // The SDX's capacity is left as it is (a FIXME in CloudStack).
    if (capacity !== undefined && !isType(device, "NetscalerSDXLoadBalancer")) device.capacity = capacity === 0 ? DEFAULT_CAPACITY : capacity;
    if (dedicated !== undefined) device.dedicated = dedicated;
    if (podUuids !== undefined) device.podUuids = [...new Set(podUuids)];
    return device;
  }

  /** PaloAltoExternalFirewallElement.configurePaloAltoFirewall: the capacity, and the device Enabled. */
  configurePaloAlto(device: ExternalDeviceRecord, capacity: number | undefined): ExternalDeviceRecord {
    if (capacity !== undefined) device.capacity = capacity === 0 ? DEFAULT_CAPACITY : capacity;
    device.state = "Enabled";
    return device;
  }

  /** deleteExternalLoadBalancer / deleteExternalFirewall: no network of the simulator uses a device, so nothing blocks it. */
  delete(device: ExternalDeviceRecord): void {
    this.state.externalDevices = this.state.externalDevices.filter((d) => d !== device);
  }
}

/** configureNetscalerLoadBalancer compares the stored type ignoring case. */
const isType = (device: ExternalDeviceRecord, type: string): boolean => device.deviceName.toLowerCase() === type.toLowerCase();
