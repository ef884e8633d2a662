// The firewall rule an openFirewall create finds already open on its ports is reused by
// CloudStack (FirewallManagerImpl.createRuleForAllCidrs): it stays the user's, so the LB or port
// forwarding rule does not report it as its own, and it outlives that rule.
import * as assert from "assert";
import { startedForSuite } from "../support/fixture-hooks";
import { createFrom, freshIp, listed, startRules, webTier, type AddressingFixture, type WebTier } from "../support/rules-fixture";

describe("provider: openFirewall and a firewall rule already open", function () {
  this.timeout(60000);
  let fx: AddressingFixture;
  let tier: WebTier;
  startedForSuite(startRules, async (started) => {
    fx = started;
    tier = await webTier(fx, "fid-net", "10.1.71.0/24", 1);
  });

  const firewallRules = (ipId: string) => listed(fx.admin.client, "listFirewallRules", { ipaddressid: ipId });

  it("LoadBalancerRule reports no firewallRuleId when CloudStack reused the user's firewall rule, which outlives it", async () => {
    const ip = await freshIp(fx.admin.client, tier.network.id);
    const mine = await fx.admin.client.execute("createFirewallRule", { ipaddressid: ip.id, protocol: "tcp", startport: 80, endport: 80, cidrlist: ["0.0.0.0/0"] });
    const mineId = String((mine as { firewallrule?: { id?: string } }).firewallrule?.id);
    const provider = fx.admin.provider("LoadBalancerRule");
    const created = await createFrom(provider, { name: "web", ipAddressId: ip.id, publicPort: 80, privatePort: 8080, algorithm: "roundrobin", openFirewall: true });
    assert.strictEqual(created.outs.firewallRuleId, null);
    const reread = await provider.read(created.id, created.outs);
    assert.strictEqual(reread.props?.firewallRuleId, null);
    await provider.delete(created.id, created.outs);
    assert.deepStrictEqual((await firewallRules(ip.id)).map((r) => r.id), [mineId], "the user's rule stays");

    // On a port with no firewall rule, the one CloudStack makes is reported and goes with the LB rule.
    const own = await createFrom(provider, { name: "web2", ipAddressId: ip.id, publicPort: 81, privatePort: 8081, algorithm: "roundrobin", openFirewall: true });
    assert.ok(typeof own.outs.firewallRuleId === "string");
    assert.ok((await firewallRules(ip.id)).some((r) => r.id === own.outs.firewallRuleId));
  });

  it("PortForwardingRule reports no firewallRuleId when CloudStack reused the user's firewall rule", async () => {
    const ip = await freshIp(fx.admin.client, tier.network.id);
    await fx.admin.client.execute("createFirewallRule", { ipaddressid: ip.id, protocol: "tcp", startport: 22, endport: 22, cidrlist: ["0.0.0.0/0"] });
    const provider = fx.admin.provider("PortForwardingRule");
    const created = await createFrom(provider, { ipAddressId: ip.id, protocol: "tcp", publicPort: 22, privatePort: 22, virtualMachine: tier.vms[0].id, openFirewall: true });
    assert.strictEqual(created.outs.firewallRuleId, null);
    await provider.delete(created.id, created.outs);
    assert.strictEqual((await firewallRules(ip.id)).length, 1, "the user's rule stays");
  });
});
