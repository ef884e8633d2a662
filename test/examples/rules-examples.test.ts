// The traffic-rule examples run end to end through the engine stand-in against the simulator:
// up, a second preview with no changes, destroy, and afterwards the simulator holds none of
// their rules, policies, instances or networks.
import * as assert from "assert";
import { startSimulator, RunningSimulator } from "../../simulator";
import { rawCall } from "../simulator/raw-client";
import { exampleStack, listAllNetworks } from "./example-stack";

type Item = Record<string, unknown>;

async function listAll(sim: RunningSimulator, command: string, key: string, params: Record<string, string> = { listall: "true" }): Promise<Item[]> {
  const res = await rawCall(sim.endpoint, sim.admin, command, params);
  if (res.status !== 200) throw new Error(`${command}: ${JSON.stringify(res.body)}`);
  const body = res.body[`${command.toLowerCase()}response`] as Record<string, Item[] | undefined> | undefined;
  return body?.[key] ?? [];
}

/** Rows of a list by id; none once the object is gone (CloudStack answers 431 for a hard-deleted id). */
async function byId(sim: RunningSimulator, command: string, key: string, id: string): Promise<Item[]> {
  const res = await rawCall(sim.endpoint, sim.admin, command, { id, listall: "true" });
  if (res.status === 431) return [];
  if (res.status !== 200) throw new Error(`${command}: ${JSON.stringify(res.body)}`);
  const body = res.body[`${command.toLowerCase()}response`] as Record<string, Item[] | undefined> | undefined;
  return body?.[key] ?? [];
}

describe("traffic-rule examples through the engine stand-in", function () {
  this.timeout(300000);
  let sim: RunningSimulator;
  before(async () => (sim = await startSimulator({ jobMs: 20 })));
  after(async () => sim.close());

  it("lb-web-tier: up, a second preview with no changes, destroy, nothing left", async () => {
    const { stack, cleanup } = exampleStack("lb-web-tier", sim);
    try {
      const up = await stack.up();
      assert.ok(up.ok, `${up.plan}\n${up.errors.join("\n")}`);
      for (const kind of ["Network", "Instance", "PublicIpAddress", "LoadBalancerRule", "LbStickinessPolicy", "FirewallRule"]) {
        assert.match(up.plan, new RegExp(`\\+ cloudstack:${kind} \\S+ create`));
      }
      const lbId = String(up.outputs.loadBalancerId);
      assert.strictEqual((up.outputs.memberIds as string[]).length, 3);
      assert.strictEqual(up.outputs.url, `http://${String(up.outputs.publicAddress)}/`);
      const members = await listAll(sim, "listLoadBalancerRuleInstances", "lbrulevmidip", { id: lbId, lbvmips: "true" });
      assert.strictEqual(members.length, 3);
      const [wrapper] = await listAll(sim, "listLBStickinessPolicies", "stickinesspolicies", { lbruleid: lbId });
      assert.deepStrictEqual((wrapper.stickinesspolicy as Item[]).map((p) => p.id), [up.outputs.stickinessPolicyId]);
      const firewall = await listAll(sim, "listFirewallRules", "firewallrule", { id: String(up.outputs.firewallRuleId), listall: "true" });
      assert.strictEqual(Number(firewall[0].startport), 80);

      const preview = await stack.preview();
      assert.ok(preview.ok, preview.plan);
      assert.strictEqual(preview.changed, false, preview.plan);

      const destroy = await stack.destroy();
      assert.ok(destroy.ok, `${destroy.plan}\n${destroy.errors.join("\n")}`);
      assert.deepStrictEqual(stack.state().resources, []);
      assert.deepStrictEqual(await byId(sim, "listLoadBalancerRules", "loadbalancerrule", lbId), []);
      assert.deepStrictEqual(await byId(sim, "listFirewallRules", "firewallrule", String(up.outputs.firewallRuleId)), []);
      assert.deepStrictEqual((await listAll(sim, "listVirtualMachines", "virtualmachine")).filter((v) => String(v.name).startsWith("web-tier-")), []);
      assert.deepStrictEqual((await listAllNetworks(sim)).filter((n) => n.name === "web-tier" && n.state !== "Destroy"), []);
    } finally {
      cleanup();
    }
  });

  it("gslb-two-zones: up, a second preview with no changes, destroy, nothing left", async () => {
    const { stack, cleanup } = exampleStack("gslb-two-zones", sim);
    try {
      const up = await stack.up();
      assert.ok(up.ok, `${up.plan}\n${up.errors.join("\n")}`);
      assert.match(up.plan, /\+ cloudstack:GlobalLoadBalancerRule app create/);
      const [dns] = await listAll(sim, "listConfigurations", "configuration", { name: "cloud.dns.name" });
      assert.strictEqual(up.outputs.fqdn, `app.example.com.${String(dns.value)}`);
      const gslbId = String(up.outputs.gslbRuleId);
      const [rule] = await byId(sim, "listGlobalLoadBalancerRules", "globalloadbalancerrule", gslbId);
      const zones = (rule.loadbalancerrule as Item[]).map((lb) => lb.zonename).sort();
      assert.deepStrictEqual(zones, ["Sandbox-simulator", "Sandbox-simulator-2"]);

      const preview = await stack.preview();
      assert.ok(preview.ok, preview.plan);
      assert.strictEqual(preview.changed, false, preview.plan);

      const destroy = await stack.destroy();
      assert.ok(destroy.ok, `${destroy.plan}\n${destroy.errors.join("\n")}`);
      assert.deepStrictEqual(stack.state().resources, []);
      assert.deepStrictEqual(await byId(sim, "listGlobalLoadBalancerRules", "globalloadbalancerrule", gslbId), []);
      for (const id of up.outputs.loadBalancerRuleIds as string[]) assert.deepStrictEqual(await byId(sim, "listLoadBalancerRules", "loadbalancerrule", id), []);
      assert.deepStrictEqual((await listAllNetworks(sim)).filter((n) => String(n.name).startsWith("gslb-") && n.state !== "Destroy"), []);
    } finally {
      cleanup();
    }
  });
});
