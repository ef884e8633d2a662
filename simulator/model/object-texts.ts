// How CloudStack names a zone, a physical network or an offering inside error texts: the JSON form its
// toString gives (ReflectionToStringBuilderUtils.reflectOnlySelectedFields with id, name and uuid).
import type { NetworkOfferingRecord, PhysicalNetworkRecord, PodRecord, VpcOfferingRecord, ZoneRecord } from "./records";

export const zoneObjectText = (z: Pick<ZoneRecord, "id" | "name" | "uuid">): string => `Zone {"id": ${z.id}, "name": "${z.name}", "uuid": "${z.uuid}"}`;

export const physicalNetworkText = (p: PhysicalNetworkRecord): string => `PhysicalNetwork {"id": ${p.id}, "name": "${p.name}", "uuid": "${p.uuid}"}`;

/** HostPodVO.toString selects id, uuid and name, in that order. */
export const podObjectText = (p: Pick<PodRecord, "id" | "name" | "uuid">): string => `HostPod {"id": ${p.id}, "uuid": "${p.uuid}", "name": "${p.name}"}`;

/** NetworkOfferingVO.toString: its fields in declaration order. */
export const offeringText = (o: NetworkOfferingRecord): string =>
  `NetworkOffering {"id": ${o.id}, "name": "${o.name}", "trafficType": "${o.trafficType}", "uuid": "${o.uuid}"}`;

/** VpcOfferingVO.toString. */
export const vpcOfferingText = (o: VpcOfferingRecord): string => `VPCOffering {"id": ${o.id}, "uuid": "${o.uuid}", "name": "${o.name}"}`;
