// The traffic-rule scenarios' programs (test/scenarios/fixtures/rules-<name>) as stacks of the
// engine stand-in against a simulator, and the root admin's view of what they made.
import { RunningSimulator } from "../../simulator";
import type { ExampleStack } from "../support/example-stack";
import { adminList, fixtureStack, Item } from "./scenario-stack";

export { assertOk, configure, errorText, adminList, adminListById, publicIp } from "./scenario-stack";
export type { Item } from "./scenario-stack";

export function rulesStack(name: string, sim: RunningSimulator, stack = "dev"): ExampleStack {
  return fixtureStack(`rules-${name}`, sim, { stack });
}

/** The member instance ids of an LB rule, sorted. */
export async function lbMemberIds(sim: RunningSimulator, ruleId: string): Promise<string[]> {
  const items = await adminList(sim, "listLoadBalancerRuleInstances", "lbrulevmidip", { id: ruleId, lbvmips: "true" });
  return items.map((i) => String((i.loadbalancerruleinstance as Item | undefined)?.id ?? i.id)).sort();
}
