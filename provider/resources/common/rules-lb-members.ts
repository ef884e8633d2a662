// The members of a load balancer rule: instances, each optionally by one guest IP of its NIC
// (assignToLoadBalancerRule / removeFromLoadBalancerRule with virtualmachineids or vmidipmap,
// listLoadBalancerRuleInstances). Changed in place, always from what CloudStack lists now, so a
// run cut short between a remove and an assign is finished by the next one.
import { z } from "zod";
import { CloudStackApiError, type CloudStackClient, type Params } from "../../client";
import { isAbsent } from "../../adapter/diff/comparators";
import { failure, failuresMessage } from "../../adapter/check/failures";
import { resolveReference } from "../../adapter/check/reference";
import { CheckFailure, PropertyMap } from "../../adapter/types";
import { ownerScope } from "../../adapter/check/owner-scope";
import { ipv4Address, nonEmpty } from "../../validation/fields";
import { textOrNull } from "./api-values";
import { virtualMachineReference } from "./reference-kinds";
import { findPublicIp } from "./rules-common";

export const lbMember = z
  .object({
    virtualMachine: nonEmpty().describe("The instance, by name or id (usually an Instance's `id`)."),
    ip: ipv4Address().optional().describe("One guest IP of the instance's NIC on the rule's network (a secondary IP); the NIC's IP when omitted."),
  })
  .strict();

export type LbMember = z.infer<typeof lbMember>;

/** A member as CloudStack lists it: the instance and the guest IPs mapped to the rule. */
export interface MappedInstance {
  readonly id: string;
  readonly name: string | null;
  readonly ips: readonly string[];
}

function membersOf(value: unknown): LbMember[] {
  if (!Array.isArray(value)) return [];
  return value.filter((m): m is LbMember => m !== null && typeof m === "object" && typeof (m as LbMember).virtualMachine === "string");
}

const memberKey = (m: LbMember) => `${m.virtualMachine.toLowerCase()}|${m.ip ?? ""}`;

/** Members equal as sets; absent means none. */
export function sameMembers(a: unknown, b: unknown): boolean {
  const left = membersOf(a).map(memberKey).sort();
  const right = membersOf(b).map(memberKey).sort();
  return left.length === right.length && left.every((key, i) => key === right[i]);
}

/** The same instance and IP twice is refused by CloudStack ("already mapped"); said at check. */
export function memberFailures(inputs: PropertyMap, known: (key: string) => boolean): CheckFailure[] {
  if (!known("members") || isAbsent(inputs.members)) return [];
  const seen = new Set<string>();
  const failures: CheckFailure[] = [];
  membersOf(inputs.members).forEach((member, i) => {
    const key = memberKey(member);
    if (seen.has(key)) failures.push(failure(`members[${i}]`, member, "is listed twice"));
    seen.add(key);
  });
  return failures;
}

/** The rule's members now (applied or not), with their guest IPs. */
export async function mappedInstances(client: CloudStackClient, ruleId: string): Promise<MappedInstance[]> {
  let items: Array<Record<string, unknown>>;
  try {
    items = await client.list("listLoadBalancerRuleInstances", { id: ruleId, lbvmips: true, applied: true });
  } catch (err) {
    if (err instanceof CloudStackApiError && err.errorcode === 431) return [];
    throw err;
  }
  const byId = new Map<string, { id: string; name: string | null; ips: string[] }>();
  for (const item of items) {
    // With lbvmips the instance sits under loadbalancerruleinstance; without, the item is one.
    const vm = (item.loadbalancerruleinstance && typeof item.loadbalancerruleinstance === "object" ? item.loadbalancerruleinstance : item) as Record<string, unknown>;
    const id = textOrNull(vm.id);
    if (!id) continue;
    const entry = byId.get(id) ?? { id, name: textOrNull(vm.name), ips: [] };
    const ips = Array.isArray(item.lbvmipaddresses) ? item.lbvmipaddresses.filter((ip): ip is string => typeof ip === "string") : [];
    for (const ip of ips) if (!entry.ips.includes(ip)) entry.ips.push(ip);
    byId.set(id, entry);
  }
  return [...byId.values()];
}

const refersTo = (written: string, vm: MappedInstance) =>
  written.toLowerCase() === vm.id.toLowerCase() || (vm.name !== null && written === vm.name);

/**
 * The members as CloudStack has them, written as `olds` wrote them where they are the same: an
 * instance by name stays a name, and an instance listed without an IP stays without one (its
 * NIC's IP is what CloudStack maps).
 */
export function renderMembers(mapped: readonly MappedInstance[], olds: unknown): LbMember[] {
  const written = membersOf(olds);
  const out: LbMember[] = [];
  for (const vm of mapped) {
    const mine = written.filter((m) => refersTo(m.virtualMachine, vm));
    const form = mine[0]?.virtualMachine ?? vm.name ?? vm.id;
    let bareUsed = !mine.some((m) => m.ip === undefined);
    const ips = vm.ips.length > 0 ? vm.ips : [undefined];
    for (const ip of ips) {
      if (ip !== undefined && mine.some((m) => m.ip === ip)) {
        out.push({ virtualMachine: form, ip });
      } else if (!bareUsed) {
        bareUsed = true;
        out.push({ virtualMachine: form });
      } else {
        out.push(ip === undefined ? { virtualMachine: form } : { virtualMachine: form, ip });
      }
    }
  }
  return out;
}

/** A member with its instance resolved to an id. */
export interface ResolvedMember {
  readonly vmId: string;
  readonly ip?: string;
}

/**
 * The owner scope a rule's members are looked up in, as for any owned reference: the rule's own
 * (account + domainId, or the project its outputs record), else that of its public IP, whose
 * owner a rule takes. A project's instance is listed only with the project's id.
 */
async function memberScope(client: CloudStackClient, rule: PropertyMap): Promise<Params> {
  const own = ownerScope(rule);
  if (Object.keys(own).length > 0 || typeof rule.ipAddressId !== "string") return own;
  const ip = await findPublicIp(client, rule.ipAddressId);
  return ip ? ownerScope({ projectId: textOrNull(ip.projectid), account: textOrNull(ip.account), domainId: textOrNull(ip.domainid) }) : {};
}

/**
 * Instance names and ids to ids, looked up in the owner scope of `rule` (the rule's inputs or
 * outputs); a name that matches none or several fails, listing the candidates.
 */
export async function resolveMembers(client: CloudStackClient, members: readonly LbMember[], rule: PropertyMap): Promise<ResolvedMember[]> {
  if (members.length === 0) return [];
  const owner = await memberScope(client, rule);
  const failures: CheckFailure[] = [];
  const cache = new Map<string, string>();
  const wanted: ResolvedMember[] = [];
  for (const [i, member] of members.entries()) {
    let vmId = cache.get(member.virtualMachine);
    if (!vmId) {
      const resolution = await resolveReference(client, `members[${i}].virtualMachine`, member.virtualMachine, virtualMachineReference, owner);
      if ("failure" in resolution) {
        failures.push(resolution.failure);
        continue;
      }
      vmId = resolution.id;
      cache.set(member.virtualMachine, vmId);
    }
    wanted.push(member.ip === undefined ? { vmId } : { vmId, ip: member.ip });
  }
  if (failures.length > 0) throw new Error(failuresMessage("LoadBalancerRule", failures));
  return wanted;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Makes the rule's members `members`: removes what is mapped but not wanted, then assigns what
 * is wanted but not mapped. Removing first frees an instance whose IP changes.
 */
export async function syncMembers(client: CloudStackClient, ruleId: string, wanted: readonly ResolvedMember[]): Promise<void> {
  const mapped = await mappedInstances(client, ruleId);

  const removeVms: string[] = [];
  const removeIps: Array<Record<string, string>> = [];
  for (const vm of mapped) {
    const mine = wanted.filter((w) => same(w.vmId, vm.id));
    if (mine.length === 0) {
      removeVms.push(vm.id);
      continue;
    }
    const explicit = mine.filter((w) => w.ip !== undefined).map((w) => w.ip as string);
    let bare = mine.some((w) => w.ip === undefined);
    for (const ip of vm.ips) {
      if (explicit.includes(ip)) continue;
      if (bare) {
        bare = false;
        continue;
      }
      removeIps.push({ vmid: vm.id, vmip: ip });
    }
  }
  if (removeVms.length > 0) await client.execute("removeFromLoadBalancerRule", { id: ruleId, virtualmachineids: removeVms });
  if (removeIps.length > 0) await client.execute("removeFromLoadBalancerRule", { id: ruleId, vmidipmap: removeIps });

  const assignVms: string[] = [];
  const assignIps: Array<Record<string, string>> = [];
  for (const w of wanted) {
    const vm = mapped.find((m) => same(m.id, w.vmId) && !removeVms.includes(m.id));
    if (w.ip === undefined) {
      if (!vm && !assignVms.some((id) => same(id, w.vmId))) assignVms.push(w.vmId);
    } else if (!vm || !vm.ips.includes(w.ip)) {
      assignIps.push({ vmid: w.vmId, vmip: w.ip });
    }
  }
  if (assignVms.length > 0) await client.execute("assignToLoadBalancerRule", { id: ruleId, virtualmachineids: assignVms });
  if (assignIps.length > 0) await client.execute("assignToLoadBalancerRule", { id: ruleId, vmidipmap: assignIps });
}
