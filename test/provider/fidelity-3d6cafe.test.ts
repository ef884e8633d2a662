// Provider behaviours issue 11 settled against CloudStack's source at 3d6cafe: RFC 6598 guest
// space (NetUtils.validateGuestCidr) and the firewall rule openFirewall reuses
// (FirewallManagerImpl.createRuleForAllCidrs), which is not the LB or PF rule's to report.
import * as assert from "assert";
import { startedForSuite } from "../support/fixture-hooks";
import { checkFailures, createFrom, freshIp, listed, startRules, webTier, type AddressingFixture, type WebTier } from "../support/rules-fixture";

describe("provider fidelity to CloudStack 3d6cafe", function () {
  this.timeout(60000);
  let fx: AddressingFixture;
  let tier: WebTier;
  startedForSuite(startRules, async (started) => {
    fx = started;
    tier = await webTier(fx, "fid-net", "10.1.71.0/24", 1);
  });

  it("accepts RFC 6598 space (100.64.0.0/10) for a VPC CIDR and a guest VM CIDR at check", async () => {
    const vpc = { name: "cgn", zone: "Sandbox-simulator", vpcOffering: "Default VPC offering", cidr: "100.64.0.0/16" };
    assert.deepStrictEqual(await checkFailures(fx.sim, fx.admin.provider("Vpc"), vpc), []);
    const beyond = await checkFailures(fx.sim, fx.admin.provider("Vpc"), { ...vpc, cidr: "100.128.0.0/16" });
    assert.deepStrictEqual(
      beyond.map((f) => f.reason),
      ['cidr: "100.128.0.0/16" is not RFC 1918 or RFC 6598 space (CloudStack: "Guest Cidr 100.128.0.0/16 is not RFC1918 compliant")'],
    );
    const network = {
      name: "cgn-net",
      zone: "Sandbox-simulator",
      networkOffering: "DefaultIsolatedNetworkOfferingWithSourceNatService",
      gateway: "100.64.1.1",
      netmask: "255.255.255.0",
      guestVmCidr: "100.64.1.0/26",
    };
    assert.deepStrictEqual(await checkFailures(fx.sim, fx.admin.provider("Network"), network), []);
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
