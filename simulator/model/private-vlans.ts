// Private VLANs (PVLAN) of shared and L2 networks: a primary VLAN (the network's `vlan`) and a
// secondary VLAN (`isolatedpvlan`) of type Promiscuous, Community or Isolated. The request rules of
// NetworkServiceImpl.createGuestNetwork (getPrivateVlanPair, performBasicPrivateVlanChecks), the
// broadcast URI of NetUtils.generateUriForPvlan and the overlap rules of
// NetworkDaoImpl.listByPhysicalNetworkPvlan (isNetworkOverlappingRequestedPvlan).
import { internalError, paramError } from "../errors";
import type { NetworkRecord } from "./records";

export type PvlanType = "Promiscuous" | "Community" | "Isolated";

/** A private VLAN as createNetwork settles it: the secondary VLAN and its type. */
export interface PrivateVlan {
  secondary: string;
  type: PvlanType;
}

/** Network.PVlanType.fromValue: the name or its first letter, in any case. */
function pvlanTypeOf(text: string): PvlanType {
  const t = text.toLowerCase();
  if (t === "promiscuous" || t === "p") return "Promiscuous";
  if (t === "community" || t === "c") return "Community";
  if (t === "isolated" || t === "i") return "Isolated";
  throw paramError(`Unexpected Private VLAN type: ${text}`);
}

const blank = (s: string | undefined): boolean => s === undefined || s.trim() === "";

/**
 * The private VLAN a createNetwork asks for, or undefined for none, after CloudStack's request
 * checks: a type given is parsed; without one, equal primary and secondary VLANs mean Promiscuous
 * and different ones Isolated; a Promiscuous network without a secondary VLAN uses its primary;
 * the secondary must be a number; a primary VLAN is required; Promiscuous means secondary equals
 * primary, and Community or Isolated means it differs.
 */
export function requestedPrivateVlan(vlan: string | undefined, isolatedPvlan: string | undefined, isolatedPvlanType: string | undefined): PrivateVlan | undefined {
  let secondary = blank(isolatedPvlan) ? undefined : isolatedPvlan;
  let type: PvlanType | undefined;
  if (!blank(isolatedPvlanType)) type = pvlanTypeOf(isolatedPvlanType as string);
  else if (!blank(vlan) && secondary !== undefined) type = vlan === secondary ? "Promiscuous" : "Isolated";
  if (secondary === undefined && type === "Promiscuous") secondary = vlan;
  if (secondary !== undefined && !/^[+-]?\d+$/.test(secondary)) {
    // A CloudRuntimeException, hence 530.
    throw internalError(`The secondary VLAN ID: ${secondary} is not in numeric format`);
  }
  if ((secondary !== undefined || type !== undefined) && blank(vlan)) {
    throw paramError("VLAN ID has to be set in order to configure a Private VLAN");
  }
  const primary = vlan as string;
  if (!blank(primary) && secondary === undefined && type !== undefined && type !== "Promiscuous") {
    throw paramError("Private VLAN ID has not been set, therefore Promiscuous type is expected");
  }
  if (secondary !== undefined && primary.toLowerCase() !== secondary.toLowerCase() && type === "Promiscuous") {
    throw paramError("Private VLAN type is set to Promiscuous, but VLAN ID and Secondary VLAN ID differ");
  }
  if (secondary !== undefined && type !== undefined && type !== "Promiscuous" && primary.toLowerCase() === secondary.toLowerCase()) {
    throw paramError(`Private VLAN type is set to ${type}, but VLAN ID and Secondary VLAN ID are equal`);
  }
  return secondary === undefined || type === undefined ? undefined : { secondary, type };
}

/** NetUtils.generateUriForPvlan: pvlan://<primary>-<first letter of the type><secondary>. */
export function pvlanUri(primary: string, pvlan: PrivateVlan): string {
  return `pvlan://${primary}-${pvlan.type.charAt(0).toLowerCase()}${pvlan.secondary}`;
}

/** A live network's private VLAN pair, when it has one. */
function pairOf(network: NetworkRecord): { primary: number; secondary: number; type: PvlanType } | undefined {
  if (network.removed || network.vlan === undefined || network.isolatedPvlan === undefined || network.isolatedPvlanType === undefined) return undefined;
  return { primary: Number(network.vlan), secondary: Number(network.isolatedPvlan), type: network.isolatedPvlanType as PvlanType };
}

/**
 * Whether a requested PVLAN pair clashes with a network of the physical network: the same pair;
 * a secondary VLAN already used as a secondary, or (unless Promiscuous) as a primary; a primary
 * already used as the secondary of a non-Promiscuous network; a second Isolated, or a second
 * Promiscuous, network on the same primary VLAN. Community networks may share a primary.
 */
export function pvlanOverlaps(networks: readonly NetworkRecord[], physicalNetworkUuid: string, primary: string, pvlan: PrivateVlan): boolean {
  const p = Number(primary);
  const s = Number(pvlan.secondary);
  return networks.some((network) => {
    const existing = network.physicalNetworkUuid === physicalNetworkUuid ? pairOf(network) : undefined;
    if (!existing) return false;
    const exact = existing.primary === p && existing.secondary === s;
    const secondaryUsed = (pvlan.type !== "Promiscuous" && s === existing.primary) || s === existing.secondary;
    const primaryUsed = existing.type !== "Promiscuous" && p === existing.secondary;
    const samePrimaryOnly = existing.primary === p && existing.type === pvlan.type && pvlan.type !== "Community";
    return exact || secondaryUsed || primaryUsed || samePrimaryOnly;
  });
}

/** Whether a plain VLAN is the primary or secondary VLAN of a PVLAN network of the physical network. */
export function vlanUsedByPvlan(networks: readonly NetworkRecord[], physicalNetworkUuid: string, vlan: string): boolean {
  const v = Number(vlan);
  return networks.some((network) => {
    const existing = network.physicalNetworkUuid === physicalNetworkUuid ? pairOf(network) : undefined;
    return existing !== undefined && (existing.primary === v || existing.secondary === v);
  });
}
