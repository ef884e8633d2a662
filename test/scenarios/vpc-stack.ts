// The VPC scenarios' programs (test/scenarios/fixtures/vpc-<name>) as stacks of the engine
// stand-in against a simulator that records its jobs, and the checks that a destroyed VPC stack
// left nothing behind.
import * as assert from "assert";
import * as path from "path";
import { findRepoRoot } from "../harness";
import type { LocalStack } from "../harness";
import { startSimulator, RunningSimulator } from "../../simulator";
import { exampleStack, listAllNetworks } from "../examples/example-stack";
import { adminList, Item } from "./scenario-stack";

export interface RecordingSimulator {
  sim: RunningSimulator;
  /** Every async job started, in order. */
  jobs: Array<{ command: string; params: Record<string, string> }>;
}

export async function startRecordingSimulator(): Promise<RecordingSimulator> {
  const jobs: RecordingSimulator["jobs"] = [];
  const sim = await startSimulator({
    jobDurationMs: (command, params) => {
      jobs.push({ command, params: { ...params } });
      return 10;
    },
  });
  return { sim, jobs };
}

export function vpcScenario(name: string, sim: RunningSimulator): { stack: LocalStack; cleanup(): void } {
  return exampleStack(path.join(findRepoRoot(), "test", "scenarios", "fixtures", `vpc-${name}`), sim);
}

/** Asserts that CloudStack holds nothing of the VPC `vpcId` any more, nor of its tiers. */
export async function assertVpcGone(sim: RunningSimulator, vpcId: string): Promise<void> {
  const all = { listall: "true" };
  assert.deepStrictEqual((await adminList(sim, "listVPCs", "vpc", all)).filter((v) => v.id === vpcId), [], "the VPC is deleted");
  const tiers = (await listAllNetworks(sim)).filter((n) => n.vpcid === vpcId && n.state !== "Destroy");
  assert.deepStrictEqual(tiers, [], "no tier is left");
  const lists = (await adminList(sim, "listNetworkACLLists", "networkacllist", all)).filter((l: Item) => l.vpcid !== undefined);
  assert.deepStrictEqual(lists, [], "only the default ACL lists remain");
  assert.deepStrictEqual(await adminList(sim, "listPrivateGateways", "privategateway", all), [], "no private gateway is left");
  assert.deepStrictEqual(await adminList(sim, "listStaticRoutes", "staticroute", all), [], "no static route is left");
  assert.deepStrictEqual(await adminList(sim, "listLoadBalancerRules", "loadbalancerrule", all), [], "no LB rule is left");
  assert.deepStrictEqual(await adminList(sim, "listPublicIpAddresses", "publicipaddress", { ...all, vpcid: vpcId }), [], "the VPC's IPs are released");
}

export const commandsOf = (jobs: RecordingSimulator["jobs"], from: number): string[] => jobs.slice(from).map((job) => job.command);
