// How CloudStack names a zone or a physical network inside error texts: the JSON form its
// toString gives (ReflectionToStringBuilderUtils.reflectOnlySelectedFields with id, name and uuid).
import type { PhysicalNetworkRecord, PodRecord, ZoneRecord } from "./records";

export const zoneObjectText = (z: Pick<ZoneRecord, "id" | "name" | "uuid">): string => `Zone {"id": ${z.id}, "name": "${z.name}", "uuid": "${z.uuid}"}`;

export const physicalNetworkText = (p: PhysicalNetworkRecord): string => `PhysicalNetwork {"id": ${p.id}, "name": "${p.name}", "uuid": "${p.uuid}"}`;

/** HostPodVO.toString selects id, uuid and name, in that order. */
export const podObjectText = (p: Pick<PodRecord, "id" | "name" | "uuid">): string => `HostPod {"id": ${p.id}, "uuid": "${p.uuid}", "name": "${p.name}"}`;
