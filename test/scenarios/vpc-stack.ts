// The VPC scenarios' programs (test/scenarios/fixtures/vpc-<name>) as stacks of the engine
// stand-in against a simulator that records its jobs, and the checks that a destroyed VPC stack
// left nothing behind.
import * as assert from "assert";
import { RunningSimulator } from "../../simulator";
import type { ExampleStack } from "../support/example-stack";
import { adminList, listAllNetworks, type Item } from "../support/simulator-lists";
import { fixtureStack } from "./scenario-stack";

export function vpcScenario(name: string, sim: RunningSimulator): ExampleStack {
  return fixtureStack(`vpc-${name}`, sim);
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

