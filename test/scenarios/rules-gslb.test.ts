// The GSLB scenarios, run as a user would through the engine stand-in against the simulator:
// app.example.com across LB rules in two zones with weights; a weight changed and a zone's
// member removed, both in place; a second LB rule of one zone refused with CloudStack's reason;
// a region without the GSLB service refused clearly.
import * as assert from "assert";
import { startSimulator, RunningSimulator } from "../../simulator";
import { startedForSuite } from "../support/fixture-hooks";
import { adminList, adminListById, assertOk, configure, errorText, Item, rulesStack } from "./rules-stack";

describe("traffic rules scenarios: GSLB", function () {
  this.timeout(300000);
  let sim: RunningSimulator;
  startedForSuite(() => startSimulator({ jobMs: 10 }), (started) => (sim = started));

  const membersOf = async (id: string) =>
    ((await adminListById(sim, "listGlobalLoadBalancerRules", "globalloadbalancerrule", id))[0]?.loadbalancerrule as Item[] | undefined ?? [])
      .map((lb) => String(lb.id))
      .sort();

  it("app.example.com across two zones with weights; a weight changed and a zone removed in place; a second rule of one zone refused", async () => {
    const { stack, cleanup } = rulesStack("gslb", sim);
    try {
      const up = assertOk(await stack.up());
      const id = String(up.outputs.gslbId);
      const [dns] = await adminList(sim, "listConfigurations", "configuration", { name: "cloud.dns.name" });
      assert.strictEqual(up.outputs.fqdn, `app.example.com.${String(dns.value)}`, "the domain name under cloud.dns.name");
      assert.deepStrictEqual(up.outputs.members, [
        { loadBalancerRuleId: up.outputs.eastLb, weight: 60 },
        { loadBalancerRuleId: up.outputs.westLb, weight: 40 },
      ]);
      assert.deepStrictEqual(await membersOf(id), [String(up.outputs.eastLb), String(up.outputs.westLb)].sort());
      assert.strictEqual((await stack.preview()).changed, false);

      configure(stack, { westWeight: 80 });
      const preview = await stack.preview();
      assert.match(preview.plan, /~ cloudstack:GlobalLoadBalancerRule app update \[diff: ~members\]/);
      const reweighted = assertOk(await stack.up());
      assert.strictEqual(reweighted.outputs.gslbId, id, "the same rule");
      assert.deepStrictEqual((reweighted.outputs.members as Item[]).find((m) => m.loadBalancerRuleId === up.outputs.westLb), { loadBalancerRuleId: up.outputs.westLb, weight: 80 });
      assert.strictEqual((await stack.preview()).changed, false);

      configure(stack, { zones: "east" });
      const shrunk = assertOk(await stack.up());
      assert.strictEqual(shrunk.outputs.gslbId, id);
      assert.deepStrictEqual(await membersOf(id), [String(up.outputs.eastLb)]);

      configure(stack, { zones: "both", secondEast: true });
      const refused = await stack.up();
      assert.strictEqual(refused.ok, false, refused.plan);
      assert.match(errorText(refused), /Load balancer rule specified should be in unique zone/);
      assert.deepStrictEqual(await membersOf(id), [String(up.outputs.eastLb)], "CloudStack assigned nothing");

      configure(stack, { secondEast: false });
      assertOk(await stack.up());
      assert.deepStrictEqual(await membersOf(id), [String(up.outputs.eastLb), String(up.outputs.westLb)].sort());
      assert.strictEqual((await stack.preview()).changed, false);

      assertOk(await stack.destroy());
      assert.deepStrictEqual(stack.state().resources, []);
      assert.deepStrictEqual(await adminListById(sim, "listGlobalLoadBalancerRules", "globalloadbalancerrule", id), []);
    } finally {
      cleanup();
    }
  });

  it("a GSLB rule in a region without the GSLB service is refused clearly, creating nothing", async () => {
    const { stack, cleanup } = rulesStack("gslb", sim, "no-gslb");
    try {
      configure(stack, { regionId: 2, zones: "east", domainName: "nogslb.example.com" });
      const refused = await stack.up();
      assert.strictEqual(refused.ok, false, refused.plan);
      assert.match(errorText(refused), /region Sandbox-region-2 \(id 2\) has no GSLB service .*"GSLB service is not enabled in region : Sandbox-region-2"/);
      assert.ok(!stack.state().resources.some((r) => r.name === "app"));
      const rules = await adminList(sim, "listGlobalLoadBalancerRules", "globalloadbalancerrule", { regionid: "2" });
      assert.deepStrictEqual(rules.filter((r) => String(r.gslbdomainname).startsWith("nogslb.example.com")), []);
      assertOk(await stack.destroy());
    } finally {
      cleanup();
    }
  });
});
