// Pods of zones made through the API: createPod, updatePod and deletePod with
// ConfigurationManagerImpl's rules (createPod, checkPodAttributes, editPod, checkIfPodIsDeletable).
// A pod also brings the simulator's stand-in capacity (a cluster, a host, primary and secondary
// storage), which is what lets a zone made from scratch run instances and offer templates.
import { internalError, paramError } from "../errors";
import { cidrContainsIp, cidrFromGatewayNetmask, ipToNumber, isValidIp, isValidNetmask } from "./cidr";
import { now } from "./dates";
import { newUuid, nextId } from "./ids";
import type { PodRecord, SimulatorState, ZoneRecord } from "./records";
import { allocationState } from "./zones";

export interface PodInput {
  name?: string;
  gateway?: string;
  netmask?: string;
  startip?: string;
  endip?: string;
  allocationstate?: string;
}

export class Pods {
  constructor(private readonly state: SimulatorState) {}

  find(uuid: string): PodRecord | undefined {
    return this.state.pods.find((p) => p.uuid === uuid);
  }

  /** checkPodAttributes, in its order: name, gateway and netmask, the range inside the subnet, the gateway outside it. */
  private checkAttributes(zone: ZoneRecord, pod: Required<Omit<PodInput, "allocationstate">>, except?: PodRecord): void {
    if (this.state.pods.some((p) => p !== except && p.zoneUuid === zone.uuid && p.name === pod.name)) {
      throw paramError(`A pod with name: ${pod.name} already exists in zone ${zone.id}. Please specify a different pod name. `);
    }
    if (!isValidIp(pod.gateway)) throw paramError("The gateway is not a valid IP address.");
    if (!isValidNetmask(pod.netmask)) throw paramError("Please specify a valid netmask.");
    if (!isValidIp(pod.startip)) throw paramError("The start address of the IP range is not a valid IP address.");
    if (!isValidIp(pod.endip)) throw paramError("The end address of the IP range is not a valid IP address.");
    const cidr = cidrFromGatewayNetmask(pod.gateway, pod.netmask);
    if (!cidrContainsIp(cidr, pod.startip)) throw paramError("The start address of the IP range is not in the CIDR subnet.");
    if (!cidrContainsIp(cidr, pod.endip)) throw paramError("The end address of the IP range is not in the CIDR subnet.");
    if (ipToNumber(pod.endip) < ipToNumber(pod.startip)) throw paramError("The start IP address must have a lower value than the end IP address.");
    const gw = ipToNumber(pod.gateway);
    if (gw >= ipToNumber(pod.startip) && gw <= ipToNumber(pod.endip)) throw paramError("The gateway shouldn't overlap start/end ip addresses");
  }

  create(zone: ZoneRecord, input: PodInput & { name: string }): PodRecord {
    const attributes = {
      name: input.name,
      gateway: input.gateway ?? "",
      netmask: input.netmask ?? "",
      startip: input.startip ?? "",
      // CloudStack gives a pod without an end address the rest of its subnet; the simulator asks for both.
      endip: input.endip ?? input.startip ?? "",
    };
    this.checkAttributes(zone, attributes);
    const pod: PodRecord = {
      uuid: newUuid(),
      id: nextId(this.state, "pod"),
      name: attributes.name,
      zoneUuid: zone.uuid,
      gateway: attributes.gateway,
      netmask: attributes.netmask,
      startIp: attributes.startip,
      endIp: attributes.endip,
      allocationState: input.allocationstate === undefined ? "Enabled" : allocationState(input.allocationstate),
      capacity: { clusterUuid: newUuid(), hostUuid: newUuid(), primaryStorageUuid: newUuid(), secondaryStorageUuid: newUuid() },
    };
    this.state.pods.push(pod);
    return pod;
  }

  /** editPod: omitted values stay; the new values pass the same checks as a new pod's. */
  update(pod: PodRecord, input: PodInput): PodRecord {
    const zone = this.state.zones.find((z) => z.uuid === pod.zoneUuid) as ZoneRecord;
    const next = {
      name: input.name ?? pod.name,
      gateway: input.gateway ?? pod.gateway,
      netmask: input.netmask ?? pod.netmask,
      startip: input.startip ?? pod.startIp,
      endip: input.endip ?? pod.endIp,
    };
    this.checkAttributes(zone, next, pod);
    const state = input.allocationstate === undefined ? pod.allocationState : allocationState(input.allocationstate);
    Object.assign(pod, { name: next.name, gateway: next.gateway, netmask: next.netmask, startIp: next.startip, endIp: next.endip, allocationState: state });
    return pod;
  }

  /**
   * checkIfPodIsDeletable would refuse a pod holding hosts and clusters; the stand-in capacity is
   * the simulator's, so it goes with the pod, and only live instances on it block the delete.
   */
  delete(pod: PodRecord): void {
    if (this.state.vms.some((vm) => vm.hostUuid === pod.capacity.hostUuid && vm.removed === undefined)) {
      throw internalError("The pod cannot be deleted because there are virtual machines in this pod.");
    }
    // deletePod removes the pod's VLAN ranges (a basic zone's guest ranges) with it.
    const ranges = new Set(this.state.vlanIpRanges.filter((r) => r.podUuid === pod.uuid && !r.removed).map((r) => r.uuid));
    for (const r of this.state.vlanIpRanges) if (ranges.has(r.uuid)) r.removed = now();
    this.state.publicIps = this.state.publicIps.filter((ip) => !ranges.has(ip.vlanRangeUuid));
    this.state.pods = this.state.pods.filter((p) => p !== pod);
  }

  /** The host an instance of the zone runs on: its first pod's, for a zone made through the API. */
  hostFor(zone: ZoneRecord): string | undefined {
    return this.state.pods.find((p) => p.zoneUuid === zone.uuid)?.capacity.hostUuid;
  }
}

/**
 * Whether a zone has compute and storage: every seeded zone does, a zone made through the API
 * once it has a pod (templates are offered, and instances deployed, only there).
 */
export function zoneHasCapacity(state: SimulatorState, zone: ZoneRecord): boolean {
  return !zone.createdByApi || state.pods.some((p) => p.zoneUuid === zone.uuid);
}
