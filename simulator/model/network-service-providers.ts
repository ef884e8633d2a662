// Network service providers of physical networks and the elements some of them need
// configured before they can be enabled (NetworkServiceImpl.addProviderToPhysicalNetwork,
// updateNetworkServiceProvider, deleteNetworkServiceProvider; VirtualRouterElement and
// InternalLoadBalancerElement: configure, isReady).
import { internalError, paramError } from "../errors";
import { newUuid, nextId } from "./ids";
import type { NetworkServiceProviderRecord, PhysicalNetworkRecord, ProviderElementRecord, SimulatorState } from "./records";
import { physicalNetworkText } from "./object-texts";

interface ProviderFacts {
  /** The services the provider's element advertises (its getCapabilities keys). */
  services: string[];
  /** The element kind whose `enabled` flag isReady reads, if any. */
  element?: ProviderElementRecord["type"];
  /** canEnableIndividualServices. */
  individualServices: boolean;
  /** isReady without an element: true for providers that need no device or configuration. */
  readyWithoutElement: boolean;
}

const ROUTER_SERVICES = ["Dhcp", "Dns", "UserData", "Firewall", "Gateway", "Lb", "SourceNat", "StaticNat", "PortForwarding", "Vpn"];

/** The providers the simulator knows, by the names Network.Provider registers. */
const PROVIDERS: Readonly<Record<string, ProviderFacts>> = {
  VirtualRouter: { services: ROUTER_SERVICES, element: "VirtualRouter", individualServices: true, readyWithoutElement: false },
  VpcVirtualRouter: {
    services: [...ROUTER_SERVICES.filter((s) => s !== "Firewall"), "NetworkACL"],
    element: "VPCVirtualRouter",
    individualServices: true,
    readyWithoutElement: false,
  },
  InternalLbVm: { services: ["Lb"], element: "InternalLbVm", individualServices: true, readyWithoutElement: false },
  SecurityGroupProvider: { services: ["SecurityGroup"], individualServices: false, readyWithoutElement: true },
  ConfigDrive: { services: ["UserData"], individualServices: false, readyWithoutElement: true },
  // NetscalerElement.isReady answers true whether or not a device is added.
  Netscaler: { services: ["Lb", "StaticNat"], individualServices: true, readyWithoutElement: true },
  F5BigIp: { services: ["Lb"], individualServices: true, readyWithoutElement: false },
  JuniperSRX: { services: ["Firewall", "Gateway", "SourceNat", "StaticNat", "PortForwarding", "Vpn"], individualServices: true, readyWithoutElement: false },
  PaloAlto: { services: ["Firewall", "Gateway", "SourceNat", "StaticNat", "PortForwarding"], individualServices: true, readyWithoutElement: false },
};

/** What createPhysicalNetwork adds to every new physical network, Disabled (its addDefault*Provider calls). */
const DEFAULT_PROVIDERS = ["VirtualRouter", "SecurityGroupProvider", "VpcVirtualRouter", "InternalLbVm", "ConfigDrive"];

const KNOWN_SERVICES = [
  "Vpn", "Dhcp", "Dns", "SourceNat", "PortForwarding", "Lb", "UserData", "StaticNat", "NetworkACL", "Firewall",
  "Gateway", "SecurityGroup", "Connectivity", "BaremetalPxeService", "VMAutoScale",
];

/** Network.Service.getService: case-insensitive. */
const serviceNamed = (name: string): string | undefined => KNOWN_SERVICES.find((s) => s.toLowerCase() === name.toLowerCase());


export class NetworkServiceProviders {
  constructor(private readonly state: SimulatorState) {}

  find(uuid: string): NetworkServiceProviderRecord | undefined {
    return this.state.networkServiceProviders.find((p) => p.uuid === uuid);
  }

  ofPhysicalNetwork(pnetUuid: string): NetworkServiceProviderRecord[] {
    return this.state.networkServiceProviders.filter((p) => p.physicalNetworkUuid === pnetUuid);
  }

  /** A provider row, with its element where the provider has one (addDefaultVirtualRouterToPhysicalNetwork and its kin). */
  private persist(pnet: PhysicalNetworkRecord, name: string, services: string[], destination?: PhysicalNetworkRecord): NetworkServiceProviderRecord {
    const nsp: NetworkServiceProviderRecord = {
      uuid: newUuid(),
      id: nextId(this.state, "networkServiceProvider"),
      name,
      physicalNetworkUuid: pnet.uuid,
      destinationPhysicalNetworkUuid: destination?.uuid,
      state: "Disabled",
      services,
    };
    this.state.networkServiceProviders.push(nsp);
    return nsp;
  }

  addDefaults(pnet: PhysicalNetworkRecord): void {
    for (const name of DEFAULT_PROVIDERS) {
      const nsp = this.persist(pnet, name, [...PROVIDERS[name].services]);
      const element = PROVIDERS[name].element;
      if (element) this.createElement(nsp, element);
    }
  }

  /** NetworkServiceImpl.addProviderToPhysicalNetwork, in its order of checks. */
  add(pnet: PhysicalNetworkRecord, name: string, serviceList: string[] | undefined, destination?: PhysicalNetworkRecord): NetworkServiceProviderRecord {
    const facts = PROVIDERS[name];
    if (!facts) throw paramError(`Invalid Network Service Provider=${name}`);
    if (this.ofPhysicalNetwork(pnet.uuid).some((p) => p.name === name)) {
      throw internalError(`The '${name}' provider already exists on physical network : ${physicalNetworkText(pnet)}`);
    }
    let services = [...facts.services];
    if (serviceList !== undefined) {
      if (!facts.individualServices && serviceList.length !== facts.services.length) {
        throw paramError(`Cannot enable subset of Services, Please specify the complete list of Services for this Service Provider '${name}'`);
      }
      services = [];
      for (const given of serviceList) {
        const service = serviceNamed(given);
        if (service === undefined || service === "Gateway") throw paramError(`Invalid Network Service specified=${given}`);
        if (!facts.services.includes(service)) throw paramError(`${name} Provider cannot provide this Service specified=${given}`);
        services.push(service);
      }
      // SourceNat brings Gateway with it.
      if (services.includes("SourceNat")) services.push("Gateway");
    }
    return this.persist(pnet, name, services, destination);
  }

  /** updateNetworkServiceProvider: Enabled only when the element is ready; a new service list replaces the old. */
  update(nsp: NetworkServiceProviderRecord, state: string | undefined, serviceList: string[] | undefined): NetworkServiceProviderRecord {
    const facts = PROVIDERS[nsp.name];
    let next = nsp.state;
    if (state !== undefined) {
      if (state !== "Enabled" && state !== "Disabled" && state !== "Shutdown") {
        throw paramError(`Unable to resolve state '${state}' to a supported value {Enabled or Disabled}`);
      }
      if (state === "Shutdown") throw paramError("Updating the provider state to 'Shutdown' is not supported");
      if (state === "Enabled" && !this.isReady(nsp)) {
        throw internalError("Provider is not ready, cannot Enable the provider, please configure the provider first");
      }
      next = state;
    }
    let services = nsp.services;
    if (serviceList !== undefined) {
      if (!facts.individualServices) throw paramError(`Cannot update set of Services for this Service Provider '${nsp.name}'`);
      services = serviceList.map((given) => {
        const service = serviceNamed(given);
        if (service === undefined) throw paramError(`Invalid Network Service specified=${given}`);
        return service;
      });
    }
    nsp.state = next;
    nsp.services = services;
    return nsp;
  }

  /** NetworkElement.isReady: the element enabled, or nothing to configure. */
  private isReady(nsp: NetworkServiceProviderRecord): boolean {
    const facts = PROVIDERS[nsp.name];
    // PaloAltoExternalFirewallElement.isReady: an Enabled Palo Alto device on the physical network.
    if (nsp.name === "PaloAlto") {
      return this.state.externalDevices.some((d) => d.provider === "PaloAlto" && d.physicalNetworkUuid === nsp.physicalNetworkUuid && d.state === "Enabled");
    }
    if (!facts.element) return facts.readyWithoutElement;
    return this.elementOf(nsp)?.enabled === true;
  }

  /** deleteNetworkServiceProvider: refused while a live network of the physical network uses the provider. */
  delete(nsp: NetworkServiceProviderRecord): void {
    const inUse = this.state.networks.some(
      (n) =>
        n.removed === undefined &&
        n.physicalNetworkUuid === nsp.physicalNetworkUuid &&
        this.state.networkOfferings.find((o) => o.uuid === n.offeringUuid)?.services.some((s) => s.providers.includes(nsp.name)),
    );
    if (inUse) {
      throw internalError(
        "Provider is not deletable because there are active networks using this provider, please upgrade these networks to new network offerings",
      );
    }
    this.state.providerElements = this.state.providerElements.filter((e) => e.nspUuid !== nsp.uuid);
    this.state.networkServiceProviders = this.state.networkServiceProviders.filter((p) => p !== nsp);
  }

  /** Everything of a physical network being deleted (deletePhysicalNetwork's deleteProviders). */
  removeAllOf(pnetUuid: string): void {
    for (const nsp of this.ofPhysicalNetwork(pnetUuid)) this.delete(nsp);
  }

  elementOf(nsp: NetworkServiceProviderRecord): ProviderElementRecord | undefined {
    return this.state.providerElements.find((e) => e.nspUuid === nsp.uuid);
  }

  findElement(uuid: string, type: "router" | "internalLb"): ProviderElementRecord | undefined {
    return this.state.providerElements.find((e) => e.uuid === uuid && (type === "internalLb") === (e.type === "InternalLbVm"));
  }

  listElements(type: "router" | "internalLb"): ProviderElementRecord[] {
    return this.state.providerElements.filter((e) => (type === "internalLb") === (e.type === "InternalLbVm"));
  }

  private createElement(nsp: NetworkServiceProviderRecord, type: ProviderElementRecord["type"]): ProviderElementRecord {
    const element: ProviderElementRecord = { uuid: newUuid(), id: nextId(this.state, "providerElement"), nspUuid: nsp.uuid, type, enabled: false };
    this.state.providerElements.push(element);
    return element;
  }

  /**
   * createVirtualRouterElement / createInternalLoadBalancerElement for a provider added by hand
   * (VirtualRouterElement.addElement): one element per provider.
   */
  addElement(nsp: NetworkServiceProviderRecord, type: ProviderElementRecord["type"]): ProviderElementRecord {
    const existing = this.elementOf(nsp);
    if (existing) throw internalError(`Element for network service provider ${nsp.uuid} already exists`);
    return this.createElement(nsp, type);
  }

  /** configureVirtualRouterElement / configureInternalLoadBalancerElement: the `enabled` flag. */
  configureElement(element: ProviderElementRecord, enabled: boolean): ProviderElementRecord {
    element.enabled = enabled;
    return element;
  }
}
