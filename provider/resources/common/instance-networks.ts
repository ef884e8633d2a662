// An instance's ordered networks: how they are written (name or id, optional fixed IP; the
// adapter resolves the names to networkIds at check, as a list reference), sent to
// deployVirtualMachine (networkids, or iptonetworklist when an IP is fixed), and read back from
// the instance's NICs.
import type { Params } from "../../client";
import { isAbsent } from "../../adapter/diff/comparators";
import { ApiObject, PropertyMap } from "../../adapter/types";
import { looksLikeUuid } from "../../validation/fields";

export interface NetworkEntry {
  network: string;
  ipAddress?: string;
}

export interface NicOutput {
  id: string;
  networkId: string;
  networkName: string | null;
  ipAddress: string | null;
  isDefault: boolean;
  macAddress: string | null;
  secondaryIps: string[];
}

const text = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

export function entriesOf(value: unknown): NetworkEntry[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item): NetworkEntry[] => {
    if (!item || typeof item !== "object") return [];
    const { network, ipAddress } = item as Record<string, unknown>;
    if (typeof network !== "string") return [];
    return [typeof ipAddress === "string" ? { network, ipAddress } : { network }];
  });
}

/** The instance's NICs, default first, then in device order as CloudStack numbers them. */
export function nicsOf(vm: ApiObject): NicOutput[] {
  const raw = Array.isArray(vm.nic) ? (vm.nic as unknown[]) : [];
  const nics = raw.filter((n): n is ApiObject => !!n && typeof n === "object");
  const order = (nic: ApiObject) => (nic.isdefault === true ? -1 : Number(nic.deviceid ?? 0));
  return [...nics]
    .sort((a, b) => order(a) - order(b))
    .map((nic) => ({
      id: String(nic.id),
      networkId: String(nic.networkid),
      networkName: text(nic.networkname),
      ipAddress: text(nic.ipaddress),
      isDefault: nic.isdefault === true,
      macAddress: text(nic.macaddress),
      secondaryIps: (Array.isArray(nic.secondaryip) ? (nic.secondaryip as ApiObject[]) : [])
        .map((ip) => text(ip?.ipaddress))
        .filter((ip): ip is string => ip !== null),
    }));
}

/** Same networks in the same order with the same fixed IPs; names compare without case. */
export function sameNetworks(a: unknown, b: unknown): boolean {
  const left = entriesOf(a);
  const right = entriesOf(b);
  if (isAbsent(a) || isAbsent(b)) return left.length === 0 && right.length === 0;
  return (
    left.length === right.length &&
    left.every(
      (entry, i) =>
        entry.network.toLowerCase() === right[i].network.toLowerCase() && (entry.ipAddress ?? null) === (right[i].ipAddress ?? null),
    )
  );
}

/** networkids in order, or iptonetworklist (which cannot go together with networkids) when an IP is fixed. */
export function networkParams(entries: readonly NetworkEntry[], ids: readonly string[]): Params {
  if (entries.length === 0) return {};
  if (!entries.some((entry) => entry.ipAddress)) return { networkids: [...ids] };
  return {
    iptonetworklist: entries.map((entry, i): Record<string, string> =>
      entry.ipAddress ? { networkid: ids[i], ip: entry.ipAddress } : { networkid: ids[i] },
    ),
  };
}

/**
 * The networks as the instance has them. Where the prior entry names the same network (its
 * recorded id matches the NIC's), the prior spelling is kept; a fixed IP is reported only where
 * one was written, so that an automatically chosen IP is not drift.
 */
export function networksFromNics(nics: readonly NicOutput[], olds: PropertyMap): NetworkEntry[] {
  const prior = entriesOf(olds.networks);
  const priorIds = Array.isArray(olds.networkIds) ? (olds.networkIds as unknown[]) : [];
  return nics.map((nic, i) => {
    const before = prior[i];
    const sameNetwork =
      before !== undefined &&
      ((typeof priorIds[i] === "string" && String(priorIds[i]).toLowerCase() === nic.networkId.toLowerCase()) ||
        before.network.toLowerCase() === nic.networkId.toLowerCase() ||
        (!looksLikeUuid(before.network) && before.network === nic.networkName));
    const network = sameNetwork ? before.network : (nic.networkName ?? nic.networkId);
    const entry: NetworkEntry = { network };
    if (before?.ipAddress && nic.ipAddress) entry.ipAddress = nic.ipAddress;
    return entry;
  });
}
