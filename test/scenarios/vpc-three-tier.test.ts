// The VPC issue's three-tier scenario, as a user runs it: a Pulumi program of the sdk classes
// through the engine stand-in against the simulator. Per-tier ACLs, an LB rule on the web tier,
// a rule inserted between two others (only it is created), a port range changed in place, and
// a destroy that CloudStack accepts, leaving nothing behind.
import * as assert from "assert";
import { RunningSimulator } from "../../simulator";
import { startedForSuite } from "../support/fixture-hooks";
import { commandsSince, RecordingSimulator, startRecordingSimulator } from "../support/recording-simulator";
import { adminList, assertOk, configure, Item } from "./scenario-stack";
import { assertVpcGone, vpcScenario } from "./vpc-stack";

type Ids = Record<string, string>;

async function rulesOf(sim: RunningSimulator, aclId: string): Promise<Map<number, Item>> {
  const items = await adminList(sim, "listNetworkACLs", "networkacl", { aclid: aclId });
  return new Map(items.map((item) => [Number(item.number), item]));
}

describe("VPC scenario: three tiers with ACLs and a load balancer", function () {
  this.timeout(300000);
  let rec: RecordingSimulator;
  startedForSuite(startRecordingSimulator, (started) => (rec = started));

  it("builds the tiers with their ACLs and the web LB rule, changes rules one at a time, and destroys it all", async () => {
    const { sim, jobs } = rec;
    const { stack, cleanup } = vpcScenario("three-tier", sim);
    try {
      const up = assertOk(await stack.up());
      const tierIds = up.outputs.tierIds as Ids;
      const aclIds = up.outputs.aclIds as Ids;
      const vpcId = String(up.outputs.vpcId);

      // Each tier carries its own list, with the rules the program declares.
      for (const name of ["web", "app", "db"]) {
        const [tier] = await adminList(sim, "listNetworks", "network", { id: tierIds[name], listall: "true" });
        assert.strictEqual(tier.vpcid, vpcId);
        assert.strictEqual(tier.aclid, aclIds[name], `${name} tier uses its own ACL`);
      }
      const web = await rulesOf(sim, aclIds.web);
      assert.deepStrictEqual([...web.keys()].sort((a, b) => a - b), [10, 20]);
      assert.deepStrictEqual([web.get(10)?.startport, web.get(10)?.cidrlist, web.get(20)?.startport], ["80", "0.0.0.0/0", "443"]);
      const app = (await rulesOf(sim, aclIds.app)).get(10);
      assert.deepStrictEqual([app?.startport, app?.endport, app?.cidrlist], ["8000", "8080", "10.20.1.0/24"], "app only from the web tier");
      const db = (await rulesOf(sim, aclIds.db)).get(10);
      assert.deepStrictEqual([db?.startport, db?.cidrlist], ["5432", "10.20.2.0/24"], "db only from the app tier");

      // The LB rule sits on a public IP of the VPC, which it associated with the web tier.
      const [lb] = await adminList(sim, "listLoadBalancerRules", "loadbalancerrule", { id: String(up.outputs.lbId), listall: "true" });
      assert.strictEqual(lb.networkid, tierIds.web);
      const [ip] = await adminList(sim, "listPublicIpAddresses", "publicipaddress", { id: String(up.outputs.ipId), listall: "true" });
      assert.strictEqual(ip.vpcid, vpcId);
      assert.strictEqual(ip.associatednetworkid, tierIds.web);
      const members = await adminList(sim, "listLoadBalancerRuleInstances", "loadbalancerruleinstance", { id: String(up.outputs.lbId) });
      assert.deepStrictEqual(members.map((m) => m.id), [up.outputs.webVmId]);

      const again = await stack.preview();
      assert.strictEqual(again.changed, false, again.plan);

      // Inserting rule 15 between 10 and 20: the ruleset changes in place, only rule 15 is created.
      const before = await rulesOf(sim, aclIds.web);
      configure(stack, { insert: true });
      const insertPlan = await stack.preview();
      assert.match(insertPlan.plan, /~ cloudstack:NetworkAclRuleset web-rules update \[diff: ~rules\]/);
      let mark = jobs.length;
      assertOk(await stack.up());
      assert.deepStrictEqual(commandsSince(jobs, mark), ["createNetworkACL"]);
      const inserted = await rulesOf(sim, aclIds.web);
      assert.deepStrictEqual([...inserted.keys()].sort((a, b) => a - b), [10, 15, 20]);
      for (const n of [10, 20]) assert.strictEqual(inserted.get(n)?.id, before.get(n)?.id, `rule ${n} untouched`);

      // Widening the app rule's port range updates that rule in place.
      const appBefore = (await rulesOf(sim, aclIds.app)).get(10);
      configure(stack, { appPortEnd: 8090 });
      mark = jobs.length;
      assertOk(await stack.up());
      assert.deepStrictEqual(commandsSince(jobs, mark), ["updateNetworkACLItem"]);
      const appAfter = (await rulesOf(sim, aclIds.app)).get(10);
      assert.deepStrictEqual([appAfter?.id, appAfter?.endport], [appBefore?.id, "8090"]);
      const settled = await stack.preview();
      assert.strictEqual(settled.changed, false, settled.plan);

      const destroy = assertOk(await stack.destroy());
      assert.deepStrictEqual(stack.state().resources, []);
      assert.ok(destroy.steps.every((s) => s.op === "delete" || s.op === "same" || s.op === "read"), "only deletes");
      await assertVpcGone(sim, vpcId);
      const vms = (await adminList(sim, "listVirtualMachines", "virtualmachine", { listall: "true" })).filter((v) => v.name === "three-tier-web-1");
      assert.deepStrictEqual(vms, [], "the instance is expunged");
    } finally {
      cleanup();
    }
  });
});
