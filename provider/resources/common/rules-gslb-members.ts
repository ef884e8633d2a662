// The members of a GSLB rule: LB rules from different zones, each with a weight (1-100, 1 when
// not given). assignToGlobalLoadBalancerRule sets weights; nothing else changes them, and it
// refuses a rule already assigned, so a weight change is a remove, then an assign
// (GlobalLoadBalancingRulesServiceImpl.assignToGlobalLoadBalancerRule). Always computed from what CloudStack lists now: a run that stopped
// between the two leaves a member missing, which the next run assigns again.
import { z } from "zod";
import type { CloudStackClient } from "../../client";
import { failure } from "../../adapter/check/failures";
import { ApiObject, CheckFailure, PropertyMap } from "../../adapter/types";
import { uuid } from "../../validation/fields";
import { numberOrNull, textOrNull } from "./api-values";

export const DEFAULT_WEIGHT = 1;

export const gslbMember = z
  .object({
    loadBalancerRuleId: uuid().describe("The id of a load balancer rule (e.g. a LoadBalancerRule's `id`); one per zone."),
    weight: z
      .number()
      .int({ message: "must be a whole number" })
      .min(1, { message: "is outside 1-100" })
      .max(100, { message: "is outside 1-100" })
      .optional()
      .describe("The share of traffic for this zone's rule, 1-100; 1 when omitted."),
  })
  .strict();

export type GslbMember = z.infer<typeof gslbMember>;

function membersOf(value: unknown): GslbMember[] {
  if (!Array.isArray(value)) return [];
  return value.filter((m): m is GslbMember => m !== null && typeof m === "object" && typeof (m as GslbMember).loadBalancerRuleId === "string");
}

const weightOf = (m: GslbMember): number => m.weight ?? DEFAULT_WEIGHT;
const key = (m: GslbMember) => `${m.loadBalancerRuleId.toLowerCase()}=${weightOf(m)}`;

/** Members equal as sets of (rule, weight), a missing weight being 1; absent means none. */
export function sameGslbMembers(a: unknown, b: unknown): boolean {
  const left = membersOf(a).map(key).sort();
  const right = membersOf(b).map(key).sort();
  return left.length === right.length && left.every((k, i) => k === right[i]);
}

export function gslbMemberFailures(inputs: PropertyMap, known: (key: string) => boolean): CheckFailure[] {
  if (!known("members")) return [];
  const seen = new Set<string>();
  const failures: CheckFailure[] = [];
  membersOf(inputs.members).forEach((member, i) => {
    const id = member.loadBalancerRuleId.toLowerCase();
    if (seen.has(id)) failures.push(failure(`members[${i}].loadBalancerRuleId`, member.loadBalancerRuleId, "is listed twice"));
    seen.add(id);
  });
  return failures;
}

/** The LB rules of a GSLB rule as CloudStack lists them. */
export function assignedRules(rule: ApiObject): ApiObject[] {
  const list = rule.loadbalancerrule;
  return Array.isArray(list) ? list.filter((item): item is ApiObject => item !== null && typeof item === "object") : [];
}

/**
 * A member's weight: as listed where CloudStack lists it (it does not in GlobalLoadBalancerResponse),
 * else the weight last applied; undefined when neither is known (a rule read by id alone).
 */
function knownWeight(lb: ApiObject, olds: unknown): number | undefined {
  const listed = numberOrNull(lb.weight);
  if (listed !== null) return listed;
  const id = String(lb.id).toLowerCase();
  const before = membersOf(olds).find((m) => m.loadBalancerRuleId.toLowerCase() === id);
  return before ? weightOf(before) : undefined;
}

/** The members as listed, in the form `olds` wrote them (a weight left out stays out when it is 1). */
export function renderGslbMembers(rule: ApiObject, olds: unknown): GslbMember[] {
  const written = membersOf(olds);
  return assignedRules(rule).map((lb) => {
    const id = String(lb.id);
    const weight = knownWeight(lb, olds);
    const before = written.find((m) => m.loadBalancerRuleId.toLowerCase() === id.toLowerCase());
    const form = before?.loadBalancerRuleId ?? id;
    if (weight === undefined || (before && before.weight === undefined && weight === DEFAULT_WEIGHT)) return { loadBalancerRuleId: form };
    return { loadBalancerRuleId: form, weight };
  });
}

/** The zone of each assigned rule, for outputs. */
export function memberZones(rule: ApiObject): string[] {
  return assignedRules(rule)
    .map((lb) => textOrNull(lb.zoneid))
    .filter((zone): zone is string => zone !== null);
}

/**
 * Makes the members of GSLB rule `rule` (as just read) `members`: removes rules not wanted or
 * with another weight, then assigns what is missing with its weight.
 */
export async function syncGslbMembers(client: CloudStackClient, rule: ApiObject, members: readonly GslbMember[], olds: unknown): Promise<void> {
  const id = String(rule.id);
  const current = assignedRules(rule).map((lb) => ({ id: String(lb.id), weight: knownWeight(lb, olds) ?? DEFAULT_WEIGHT }));
  const wanted = new Map(members.map((m) => [m.loadBalancerRuleId.toLowerCase(), { id: m.loadBalancerRuleId, weight: weightOf(m) }]));

  const remove = current.filter((c) => wanted.get(c.id.toLowerCase())?.weight !== c.weight);
  const kept = new Set(current.filter((c) => !remove.includes(c)).map((c) => c.id.toLowerCase()));
  const assign = [...wanted.values()].filter((w) => !kept.has(w.id.toLowerCase()));

  if (remove.length > 0) {
    await client.execute("removeFromGlobalLoadBalancerRule", { id, loadbalancerrulelist: remove.map((r) => r.id) });
  }
  if (assign.length > 0) {
    await client.execute("assignToGlobalLoadBalancerRule", {
      id,
      loadbalancerrulelist: assign.map((a) => a.id),
      gslblbruleweightsmap: assign.map((a) => ({ loadbalancerid: a.id, weight: String(a.weight) })),
    });
  }
}
