// Traffic types of physical networks (NetworkServiceImpl.addTrafficTypeToPhysicalNetwork,
// updatePhysicalNetworkTrafficType, deletePhysicalNetworkTrafficType).
import { internalError, paramError } from "../errors";
import { newUuid, nextId } from "./ids";
import type { PhysicalNetworkRecord, SimulatorState, TrafficTypeName, TrafficTypeRecord, ZoneRecord } from "./records";
import { zoneObjectText } from "./object-texts";

const TRAFFIC_TYPES: readonly TrafficTypeName[] = ["Public", "Guest", "Management", "Storage", "Control", "Vlan"];

export type Labels = TrafficTypeRecord["labels"];


export class TrafficTypes {
  constructor(private readonly state: SimulatorState) {}

  find(uuid: string): TrafficTypeRecord | undefined {
    return this.state.trafficTypes.find((t) => t.uuid === uuid);
  }

  ofPhysicalNetwork(pnetUuid: string): TrafficTypeRecord[] {
    return this.state.trafficTypes.filter((t) => t.physicalNetworkUuid === pnetUuid);
  }

  /** The zone's physical networks carrying a traffic type (PhysicalNetworkDao.listByZoneAndTrafficType). */
  private carriersInZone(zoneUuid: string, type: TrafficTypeName): PhysicalNetworkRecord[] {
    const carriers = new Set(this.state.trafficTypes.filter((t) => t.trafficType === type).map((t) => t.physicalNetworkUuid));
    return this.state.physicalNetworks.filter((p) => p.zoneUuid === zoneUuid && carriers.has(p.uuid));
  }

  /** checkForPhysicalNetworksWithoutTag: one untagged physical network per traffic type in a zone. */
  checkUntagged(pnet: PhysicalNetworkRecord, type: TrafficTypeName): void {
    if (this.carriersInZone(pnet.zoneUuid, type).some((p) => p !== pnet && (p.tags ?? "") === "")) {
      throw internalError(`There are more than 1 physical network without tags in the zone: ${zoneObjectText(this.state.zones.find((z) => z.uuid === pnet.zoneUuid) as ZoneRecord)}`);
    }
  }

  /** addTrafficTypeToPhysicalNetwork, in its order of checks. */
  add(pnet: PhysicalNetworkRecord, typeName: string, labels: Labels, vlan?: string, isolationMethod?: string): TrafficTypeRecord {
    // TrafficType.valueOf: exact case.
    const type = TRAFFIC_TYPES.find((t) => t === typeName);
    if (!type) throw paramError(`Unable to resolve trafficType '${typeName}' to a supported value`);
    if (this.ofPhysicalNetwork(pnet.uuid).some((t) => t.trafficType === type)) {
      throw internalError(`This physical network already supports the traffic type: ${type}`);
    }
    if (type !== "Guest" && type !== "Vlan" && this.carriersInZone(pnet.zoneUuid, type).length > 0) {
      throw internalError(`Fail to add the traffic type to physical network because Zone already has a physical network with this traffic type: ${type}`);
    }
    if ((pnet.tags ?? "") === "") this.checkUntagged(pnet, type);
    const record: TrafficTypeRecord = {
      uuid: newUuid(),
      id: nextId(this.state, "trafficType"),
      physicalNetworkUuid: pnet.uuid,
      trafficType: type,
      labels: Object.fromEntries(Object.entries(labels).filter(([, v]) => v !== undefined && v !== "")),
      vlan,
      isolationMethod,
    };
    this.state.trafficTypes.push(record);
    return record;
  }

  /** updatePhysicalNetworkTrafficType: only the labels; "" clears one, omitted ones stay. */
  update(record: TrafficTypeRecord, labels: Labels): TrafficTypeRecord {
    for (const [key, value] of Object.entries(labels) as Array<[keyof Labels, string | undefined]>) {
      if (value === undefined) continue;
      if (value === "") delete record.labels[key];
      else record.labels[key] = value;
    }
    return record;
  }

  /** deletePhysicalNetworkTrafficType: Guest stays while guest networks of the physical network live. */
  delete(record: TrafficTypeRecord): void {
    if (record.trafficType === "Guest" && this.state.networks.some((n) => n.removed === undefined && n.physicalNetworkUuid === record.physicalNetworkUuid)) {
      throw internalError("The Traffic Type is not deletable because there are existing networks with this traffic type:Guest");
    }
    this.state.trafficTypes = this.state.trafficTypes.filter((t) => t !== record);
  }

  removeAllOf(pnetUuid: string): void {
    this.state.trafficTypes = this.state.trafficTypes.filter((t) => t.physicalNetworkUuid !== pnetUuid);
  }
}
