// Zones made and changed through the API: createZone, updateZone and deleteZone with
// ConfigurationManagerImpl's rules (createZone, checkZoneParameters, editZone, deleteZone).
import { internalError, paramError } from "../errors";
import { isGuestCidrCompliant, isValidIp, parseCidr } from "./cidr";
import { guestCidrComplianceChecked } from "./config";
import { newUuid, nextId } from "./ids";
import type { SimulatorState, TrafficTypeName, ZoneRecord } from "./records";
import { DOMAIN_NAME_TEXT, isValidDomainName } from "./networks";

export interface CreateZoneInput {
  name: string;
  networktype: string;
  dns1: string;
  dns2?: string;
  internaldns1: string;
  internaldns2?: string;
  guestcidraddress?: string;
  domain?: string;
  allocationstate?: string;
  securitygroupenabled?: boolean;
  localstorageenabled?: boolean;
}

export interface UpdateZoneInput {
  name?: string;
  dns1?: string;
  dns2?: string;
  internaldns1?: string;
  internaldns2?: string;
  guestcidraddress?: string;
  domain?: string;
  allocationstate?: string;
  localstorageenabled?: boolean;
}

/** Grouping.AllocationState.valueOf (zones and pods): exact case, as Java's enum lookup is. */
export function allocationState(value: string): "Enabled" | "Disabled" {
  if (value === "Enabled" || value === "Disabled") return value;
  throw paramError(`Unable to resolve Allocation State '${value}' to a supported state`);
}

export class Zones {
  constructor(private readonly state: SimulatorState) {}

  find(uuid: string): ZoneRecord | undefined {
    return this.state.zones.find((z) => z.uuid === uuid);
  }

  /** checkZoneParameters: a unique name and IPv4 DNS servers. */
  private checkParameters(name: string, dns: Array<[string, string | undefined]>, except?: ZoneRecord): void {
    if (this.state.zones.some((z) => z !== except && z.name === name)) {
      throw paramError("A zone with that name already exists. Please specify a unique zone name.");
    }
    for (const [label, value] of dns) {
      if (value !== undefined && !isValidIp(value)) throw paramError(`Please enter a valid IP address for ${label}`);
    }
  }

  private checkGuestCidr(cidr: string | undefined): void {
    if (cidr === undefined) return;
    const parsed = parseCidr(cidr);
    if (!parsed || (guestCidrComplianceChecked(this.state) && !isGuestCidrCompliant(parsed))) throw paramError("Please enter a valid guest cidr");
  }

  /** ConfigurationManagerImpl.createZone: Disabled unless told otherwise (since 3.0). */
  create(input: CreateZoneInput): ZoneRecord {
    const type = input.networktype.toLowerCase();
    if (type !== "basic" && type !== "advanced") throw paramError("Invalid zone type; only Advanced and Basic values are supported");
    const basic = type === "basic";
    if (basic && input.guestcidraddress !== undefined) throw paramError("guestCidrAddress parameter is not supported for Basic zone");
    this.checkGuestCidr(input.guestcidraddress);
    if (input.domain !== undefined && !isValidDomainName(input.domain)) throw paramError(DOMAIN_NAME_TEXT);
    this.checkParameters(input.name, [
      ["DNS1", input.dns1],
      ["DNS2", input.dns2],
      ["internal DNS1", input.internaldns1],
      ["internal DNS2", input.internaldns2],
    ]);
    const zone: ZoneRecord = {
      uuid: newUuid(),
      id: nextId(this.state, "zone"),
      name: input.name,
      networkType: basic ? "Basic" : "Advanced",
      // A basic zone always isolates with security groups.
      securityGroupsEnabled: basic || input.securitygroupenabled === true,
      dns1: input.dns1,
      dns2: input.dns2,
      internalDns1: input.internaldns1,
      internalDns2: input.internaldns2,
      guestCidr: input.guestcidraddress,
      allocationState: input.allocationstate === undefined ? "Disabled" : allocationState(input.allocationstate),
      localStorageEnabled: input.localstorageenabled === true,
      domainSuffix: input.domain,
      createdByApi: true,
    };
    this.state.zones.push(zone);
    return zone;
  }

  /** ConfigurationManagerImpl.editZone: omitted values stay; enabling needs the system traffic types. */
  update(zone: ZoneRecord, input: UpdateZoneInput): ZoneRecord {
    const name = input.name ?? zone.name;
    this.checkParameters(
      name,
      [
        ["DNS1", input.dns1],
        ["DNS2", input.dns2],
        ["internal DNS1", input.internaldns1],
        ["internal DNS2", input.internaldns2],
      ],
      zone,
    );
    this.checkGuestCidr(input.guestcidraddress);
    if (input.domain !== undefined && !isValidDomainName(input.domain)) throw paramError(DOMAIN_NAME_TEXT);
    const state = input.allocationstate === undefined ? undefined : allocationState(input.allocationstate);
    if (state === "Enabled") this.checkCanEnable(zone);
    zone.name = name;
    if (input.dns1 !== undefined) zone.dns1 = input.dns1;
    if (input.dns2 !== undefined) zone.dns2 = input.dns2;
    if (input.internaldns1 !== undefined) zone.internalDns1 = input.internaldns1;
    if (input.internaldns2 !== undefined) zone.internalDns2 = input.internaldns2;
    if (input.guestcidraddress !== undefined) zone.guestCidr = input.guestcidraddress;
    if (input.domain !== undefined) zone.domainSuffix = input.domain;
    if (input.localstorageenabled !== undefined) zone.localStorageEnabled = input.localstorageenabled;
    if (state !== undefined) zone.allocationState = state;
    return zone;
  }

  /** The zone's physical network carrying a traffic type (NetworkModelImpl.getDefaultPhysicalNetworkByZoneAndTrafficType). */
  private carrier(zone: ZoneRecord, type: TrafficTypeName): string | undefined {
    const pnets = new Set(this.state.physicalNetworks.filter((p) => p.zoneUuid === zone.uuid).map((p) => p.uuid));
    return this.state.trafficTypes.find((t) => t.trafficType === type && pnets.has(t.physicalNetworkUuid))?.physicalNetworkUuid;
  }

  /**
   * editZone before Enabled: Management traffic somewhere, Public too in an advanced zone without
   * security groups; a missing Storage type is added beside Management. Seeded zones have no
   * traffic type records and are checked only when they were made through the API.
   */
  private checkCanEnable(zone: ZoneRecord): void {
    if (!zone.createdByApi) return;
    const missing = (type: TrafficTypeName) =>
      paramError(`Cannot enable this Zone since: Unable to find the default physical network with traffic=${type} in the specified zone id`);
    const management = this.carrier(zone, "Management");
    if (management === undefined) throw missing("Management");
    if (zone.networkType === "Advanced" && !zone.securityGroupsEnabled && this.carrier(zone, "Public") === undefined) throw missing("Public");
    if (this.carrier(zone, "Storage") === undefined) {
      const labels = this.state.trafficTypes.find((t) => t.physicalNetworkUuid === management && t.trafficType === "Management")?.labels ?? {};
      this.state.trafficTypes.push({
        uuid: newUuid(),
        id: nextId(this.state, "trafficType"),
        physicalNetworkUuid: management,
        trafficType: "Storage",
        labels: { ...labels },
      });
    }
  }

  /** ConfigurationManagerImpl.checkIfZoneIsDeletable, in its order; public ranges go with the zone. */
  delete(zone: ZoneRecord): void {
    const blocked = (why: string) => internalError(`The zone cannot be deleted because ${why}`);
    if (this.state.pods.some((p) => p.zoneUuid === zone.uuid)) throw blocked("there are pods in this zone.");
    const rangeUuids = new Set(this.state.vlanIpRanges.filter((r) => r.zoneUuid === zone.uuid).map((r) => r.uuid));
    if (this.state.publicIps.some((ip) => rangeUuids.has(ip.vlanRangeUuid) && ip.state !== "Free")) {
      throw blocked("there are public IP addresses allocated in this zone.");
    }
    if (this.state.vms.some((vm) => vm.zoneUuid === zone.uuid && vm.removed === undefined)) throw blocked("there are virtual machines in this zone.");
    if (this.state.physicalNetworks.some((p) => p.zoneUuid === zone.uuid)) throw blocked("there are physical networks in this zone.");
    this.state.publicIps = this.state.publicIps.filter((ip) => !rangeUuids.has(ip.vlanRangeUuid));
    this.state.vlanIpRanges = this.state.vlanIpRanges.filter((r) => r.zoneUuid !== zone.uuid);
    this.state.configValues = this.state.configValues.filter((c) => !(c.scope === "Zone" && c.scopeUuid === zone.uuid));
    this.state.zones = this.state.zones.filter((z) => z !== zone);
  }
}
