// The traffic-rule scenarios' programs (test/scenarios/fixtures/rules-<name>) as stacks of the
// engine stand-in against a simulator, and the root admin's view of what they made.
import * as path from "path";
import { findRepoRoot } from "../harness";
import type { LocalStack } from "../harness";
import { RunningSimulator } from "../../simulator";
import { exampleStack } from "../examples/example-stack";
import { adminList, Item } from "./scenario-stack";

export { assertOk, configure, errorText, adminList, publicIp } from "./scenario-stack";
export type { Item } from "./scenario-stack";

export function rulesStack(name: string, sim: RunningSimulator, stack = "dev"): { stack: LocalStack; cleanup(): void } {
  return exampleStack(path.join(findRepoRoot(), "test", "scenarios", "fixtures", `rules-${name}`), sim, { stack });
}

/** A list by id as the root admin sees it; [] once the object is gone (431 on a hard-deleted id). */
export async function adminListById(sim: RunningSimulator, command: string, key: string, id: string): Promise<Item[]> {
  try {
    return await adminList(sim, command, key, { id, listall: "true" });
  } catch (err) {
    if (/"errorcode":431/.test(String((err as Error).message))) return [];
    throw err;
  }
}

/** The member instance ids of an LB rule, sorted. */
export async function lbMemberIds(sim: RunningSimulator, ruleId: string): Promise<string[]> {
  const items = await adminList(sim, "listLoadBalancerRuleInstances", "lbrulevmidip", { id: ruleId, lbvmips: "true" });
  return items.map((i) => String((i.loadbalancerruleinstance as Item | undefined)?.id ?? i.id)).sort();
}
