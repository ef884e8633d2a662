// The traffic-rule examples run end to end through the engine stand-in against the simulator:
// up, a second preview with no changes, destroy, and afterwards the simulator holds none of
// their rules, policies, instances or networks.
import * as assert from "assert";
import { startSimulator, RunningSimulator } from "../../simulator";
import { startedForSuite } from "../support/fixture-hooks";
import { runEndToEnd } from "../support/example-stack";
import { adminList, adminListById, Item, listAllNetworks } from "../support/simulator-lists";

const all = { listall: "true" };

describe("traffic-rule examples through the engine stand-in", function () {
  this.timeout(300000);
  let sim: RunningSimulator;
  startedForSuite(() => startSimulator({ jobMs: 20 }), (started) => (sim = started));

  it("lb-web-tier: up, a second preview with no changes, destroy, nothing left", async () => {
    await runEndToEnd("lb-web-tier", sim, {
      afterUp: async (up) => {
        for (const kind of ["Network", "Instance", "PublicIpAddress", "LoadBalancerRule", "LbStickinessPolicy", "FirewallRule"]) {
          assert.match(up.plan, new RegExp(`\\+ cloudstack:${kind} \\S+ create`));
        }
        const lbId = String(up.outputs.loadBalancerId);
        assert.strictEqual((up.outputs.memberIds as string[]).length, 3);
        assert.strictEqual(up.outputs.url, `http://${String(up.outputs.publicAddress)}/`);
        const members = await adminList(sim, "listLoadBalancerRuleInstances", "lbrulevmidip", { id: lbId, lbvmips: "true" });
        assert.strictEqual(members.length, 3);
        const [wrapper] = await adminList(sim, "listLBStickinessPolicies", "stickinesspolicies", { lbruleid: lbId });
        assert.deepStrictEqual((wrapper.stickinesspolicy as Item[]).map((p) => p.id), [up.outputs.stickinessPolicyId]);
        const firewall = await adminList(sim, "listFirewallRules", "firewallrule", { id: String(up.outputs.firewallRuleId), listall: "true" });
        assert.strictEqual(Number(firewall[0].startport), 80);
      },
      nothingLeft: async (up) => {
        assert.deepStrictEqual(await adminListById(sim, "listLoadBalancerRules", "loadbalancerrule", String(up.outputs.loadBalancerId)), []);
        assert.deepStrictEqual(await adminListById(sim, "listFirewallRules", "firewallrule", String(up.outputs.firewallRuleId)), []);
        assert.deepStrictEqual((await adminList(sim, "listVirtualMachines", "virtualmachine", all)).filter((v) => String(v.name).startsWith("web-tier-")), []);
        assert.deepStrictEqual((await listAllNetworks(sim)).filter((n) => n.name === "web-tier" && n.state !== "Destroy"), []);
      },
    });
  });

  it("gslb-two-zones: up, a second preview with no changes, destroy, nothing left", async () => {
    await runEndToEnd("gslb-two-zones", sim, {
      afterUp: async (up) => {
        assert.match(up.plan, /\+ cloudstack:GlobalLoadBalancerRule app create/);
        const [dns] = await adminList(sim, "listConfigurations", "configuration", { name: "cloud.dns.name" });
        assert.strictEqual(up.outputs.fqdn, `app.example.com.${String(dns.value)}`);
        const [rule] = await adminListById(sim, "listGlobalLoadBalancerRules", "globalloadbalancerrule", String(up.outputs.gslbRuleId));
        const zones = (rule.loadbalancerrule as Item[]).map((lb) => lb.zonename).sort();
        assert.deepStrictEqual(zones, ["Sandbox-simulator", "Sandbox-simulator-2"]);
      },
      nothingLeft: async (up) => {
        assert.deepStrictEqual(await adminListById(sim, "listGlobalLoadBalancerRules", "globalloadbalancerrule", String(up.outputs.gslbRuleId)), []);
        for (const id of up.outputs.loadBalancerRuleIds as string[]) assert.deepStrictEqual(await adminListById(sim, "listLoadBalancerRules", "loadbalancerrule", id), []);
        assert.deepStrictEqual((await listAllNetworks(sim)).filter((n) => String(n.name).startsWith("gslb-") && n.state !== "Destroy"), []);
      },
    });
  });
});
