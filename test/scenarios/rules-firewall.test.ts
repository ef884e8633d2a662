// The firewall and port forwarding scenarios, run as a user would through the engine stand-in
// against the simulator: the guide's example (a firewall rule opening 33-44, port forwarding
// from public 33 to private 100, no 0.0.0.0/0 rule appearing; egress to one destination CIDR
// only), and port forwarding refused on an IP with static NAT.
import * as assert from "assert";
import { startSimulator, RunningSimulator } from "../../simulator";
import { startedForSuite } from "../support/fixture-hooks";
import { adminList, adminListById, assertOk, configure, errorText, publicIp, rulesStack } from "./rules-stack";

describe("traffic rules scenarios: firewall and port forwarding", function () {
  this.timeout(300000);
  let sim: RunningSimulator;
  startedForSuite(() => startSimulator({ jobMs: 10 }), (started) => (sim = started));

  it("the guide's example: 33-44 open to one CIDR, public 33 forwarded to private 100, egress to one destination, no 0.0.0.0/0 rule", async () => {
    const { stack, cleanup } = rulesStack("firewall-pf", sim);
    try {
      const up = assertOk(await stack.up());
      const ipId = String(up.outputs.ipId);
      const firewall = await adminList(sim, "listFirewallRules", "firewallrule", { ipaddressid: ipId, listall: "true" });
      assert.deepStrictEqual(firewall.map((r) => r.id), [up.outputs.firewallId], "only the rule the program declares");
      assert.strictEqual(Number(firewall[0].startport), 33);
      assert.strictEqual(Number(firewall[0].endport), 44);
      assert.strictEqual(firewall[0].cidrlist, "203.0.113.0/24");
      assert.ok(!firewall.some((r) => String(r.cidrlist).split(",").includes("0.0.0.0/0")), "no rule open to 0.0.0.0/0");
      assert.strictEqual(up.outputs.forwardFirewallRuleId, null);

      const [forward] = await adminListById(sim, "listPortForwardingRules", "portforwardingrule", String(up.outputs.forwardId));
      assert.strictEqual(Number(forward.publicport), 33);
      assert.strictEqual(Number(forward.privateport), 100);
      assert.strictEqual(forward.virtualmachineid, up.outputs.vmId);

      const egress = await adminList(sim, "listEgressFirewallRules", "firewallrule", { networkid: String(up.outputs.networkId), listall: "true" });
      assert.deepStrictEqual(egress.map((r) => r.id), [up.outputs.egressId]);
      assert.strictEqual(egress[0].destcidrlist, "198.51.100.0/24");

      assert.strictEqual((await stack.preview()).changed, false, "a second preview after apply is empty");
      // The rules read back as applied (the network's own state moves on once an instance implements it).
      const refreshed = assertOk(await stack.refresh());
      const ruleSteps = refreshed.steps.filter((s) => /(FirewallRule|EgressFirewallRule|PortForwardingRule)$/.test(s.type));
      assert.strictEqual(ruleSteps.length, 3, refreshed.plan);
      assert.deepStrictEqual(ruleSteps.filter((s) => s.gone || s.diffKeys.length > 0), [], refreshed.plan);

      assertOk(await stack.destroy());
      assert.deepStrictEqual(stack.state().resources, []);
      assert.deepStrictEqual(await adminListById(sim, "listFirewallRules", "firewallrule", String(up.outputs.firewallId)), []);
      assert.deepStrictEqual(await adminListById(sim, "listEgressFirewallRules", "firewallrule", String(up.outputs.egressId)), []);
    } finally {
      cleanup();
    }
  });

  it("a port forwarding rule on an IP with static NAT is refused with CloudStack's reason, state unchanged", async () => {
    const { stack, cleanup } = rulesStack("pf-static-nat", sim);
    try {
      const up = assertOk(await stack.up());
      const before = JSON.stringify(stack.state().resources.map((r) => [r.name, r.id]));

      configure(stack, { pf: true });
      const refused = await stack.up();
      assert.strictEqual(refused.ok, false, refused.plan);
      const address = String(up.outputs.ipAddress).replace(/\./g, "\\.");
      // CloudStack prints the IP object there (IPAddressVO.toString), address included.
      assert.match(errorText(refused), new RegExp(`Unable to create port forwarding rule; ip .*${address}.* has static nat enabled`));
      assert.strictEqual(JSON.stringify(stack.state().resources.map((r) => [r.name, r.id])), before, "the stack state is unchanged");
      assert.deepStrictEqual(await adminList(sim, "listPortForwardingRules", "portforwardingrule", { ipaddressid: String(up.outputs.ipId), listall: "true" }), []);
      const ip = await publicIp(sim, String(up.outputs.ipId));
      assert.strictEqual(ip.isstaticnat, true);
      assert.strictEqual(ip.virtualmachineid, up.outputs.vmId);

      configure(stack, { pf: false });
      assert.strictEqual((await stack.preview()).changed, false);
      assertOk(await stack.destroy());
      assert.deepStrictEqual(stack.state().resources, []);
    } finally {
      cleanup();
    }
  });
});
