// The load balancing scenarios, run as a user would: a Pulumi program of the sdk classes through
// the engine stand-in against the simulator. Two web instances behind a round-robin rule with a
// cookie stickiness policy, a third member added in place, the algorithm changed in place, a
// health check refused on a virtual router network and accepted on a NetScaler one.
import * as assert from "assert";
import { startSimulator, RunningSimulator } from "../../simulator";
import { startedForSuite } from "../support/fixture-hooks";
import { adminList, adminListById, assertOk, configure, errorText, lbMemberIds, rulesStack } from "./rules-stack";

const NETSCALER_LB = "DefaultIsolatedNetworkOfferingWithNetscalerLB";

describe("traffic rules scenarios: load balancing", function () {
  this.timeout(300000);
  let sim: RunningSimulator;
  startedForSuite(() => startSimulator({ jobMs: 10 }), (started) => (sim = started));

  it("two web instances behind round robin with cookie stickiness; a third member and leastconn in place; a health check refused on the virtual router", async () => {
    const { stack, cleanup } = rulesStack("lb", sim);
    try {
      const up = assertOk(await stack.up());
      const webIds = up.outputs.webIds as string[];
      const lbId = String(up.outputs.lbId);
      assert.deepStrictEqual(await lbMemberIds(sim, lbId), webIds.slice(0, 2).sort());
      const [rule] = await adminListById(sim, "listLoadBalancerRules", "loadbalancerrule", lbId);
      assert.strictEqual(rule.algorithm, "roundrobin");
      assert.strictEqual(up.outputs.firewallRuleId, null);
      assert.deepStrictEqual(await adminList(sim, "listFirewallRules", "firewallrule", { ipaddressid: String(up.outputs.ipId), listall: "true" }), [], "no port opened to 0.0.0.0/0");
      const [wrapper] = await adminList(sim, "listLBStickinessPolicies", "stickinesspolicies", { lbruleid: lbId });
      const [policy] = wrapper.stickinesspolicy as Array<Record<string, unknown>>;
      assert.strictEqual(policy.id, up.outputs.stickyId);
      assert.strictEqual(String(policy.methodname).toLowerCase(), "lbcookie");
      assert.strictEqual((await stack.preview()).changed, false, "a second preview after apply is empty");

      configure(stack, { members: 3 });
      const preview = await stack.preview();
      assert.match(preview.plan, /~ cloudstack:LoadBalancerRule web update \[diff: ~members\]/);
      assert.doesNotMatch(preview.plan, /\+- cloudstack:LoadBalancerRule/);
      const grown = assertOk(await stack.up());
      assert.strictEqual(grown.outputs.lbId, lbId, "the same rule");
      assert.deepStrictEqual(await lbMemberIds(sim, lbId), [...webIds].sort());

      configure(stack, { algorithm: "leastconn" });
      const changed = assertOk(await stack.up());
      assert.ok(changed.steps.some((s) => s.name === "web" && s.op === "update" && s.diffKeys.includes("algorithm")));
      assert.strictEqual((await adminListById(sim, "listLoadBalancerRules", "loadbalancerrule", lbId))[0].algorithm, "leastconn");
      assert.strictEqual((await stack.preview()).changed, false);

      configure(stack, { healthCheck: true });
      const refused = await stack.up();
      assert.strictEqual(refused.ok, false, refused.plan);
      const text = errorText(refused);
      assert.match(text, /HealthCheck Policy is not supported by LB Provider for the LB rule/);
      assert.match(text, /balances with VirtualRouter, which offers no health checks/);
      assert.ok(!stack.state().resources.some((r) => r.name === "health"));
      assert.deepStrictEqual(await adminList(sim, "listLBHealthCheckPolicies", "healthcheckpolicies", { lbruleid: lbId }).then((w) => w.flatMap((x) => (x.healthcheckpolicy as unknown[]) ?? [])), []);
      assert.deepStrictEqual(await lbMemberIds(sim, lbId), [...webIds].sort(), "the rule is unchanged");

      configure(stack, { healthCheck: false });
      assert.strictEqual((await stack.preview()).changed, false);
      assertOk(await stack.destroy());
      assert.deepStrictEqual(stack.state().resources, []);
      assert.deepStrictEqual(await adminListById(sim, "listLoadBalancerRules", "loadbalancerrule", lbId), []);
    } finally {
      cleanup();
    }
  });

  it("a health check on a network whose LB provider is NetScaler", async () => {
    const { stack, cleanup } = rulesStack("lb", sim, "netscaler");
    try {
      configure(stack, { offering: NETSCALER_LB, networkName: "scenario-lb-ns", cidr: "10.1.85.0/24", stickyParams: JSON.stringify({ holdtime: "30" }), healthCheck: true });
      const up = assertOk(await stack.up());
      const lbId = String(up.outputs.lbId);
      const wrappers = await adminList(sim, "listLBHealthCheckPolicies", "healthcheckpolicies", { lbruleid: lbId });
      const policies = wrappers.flatMap((w) => (w.healthcheckpolicy as Array<Record<string, unknown>>) ?? []);
      assert.strictEqual(policies.length, 1);
      assert.strictEqual(policies[0].pingpath, "/health");
      assert.strictEqual((await stack.preview()).changed, false);
      assertOk(await stack.destroy());
      assert.deepStrictEqual(stack.state().resources, []);
    } finally {
      cleanup();
    }
  });
});
