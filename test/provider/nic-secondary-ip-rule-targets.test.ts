// Traffic sent to a secondary guest IP (a NicSecondaryIp on the instance's NIC) through the
// providers, against the simulator over real HTTP: a LoadBalancerRule member given by instance
// and guest IP (vmidipmap), and a PortForwardingRule with vmGuestIp.
import * as assert from "assert";
import { startedForSuite } from "../support/fixture-hooks";
import { nicsOf } from "../support/instance-fixture";
import { AddressingFixture, assertPlainJson, createFrom, freshIp, listed, NO_CHANGE, plan, startRules, updateTo, webTier, WebTier } from "../support/rules-fixture";

describe("Secondary guest IPs as LB members and port forwarding targets against the simulator", function () {
  this.timeout(60000);
  let fx: AddressingFixture;
  let tier: WebTier;
  /** A secondary IP on the first instance's NIC, made through NicSecondaryIp. */
  let secondary: string;

  const primaryOf = (i: number) => String(tier.vms[i].outs.ipAddress);

  /** The guest IPs of each member, by instance id, as listLoadBalancerRuleInstances lbvmips=true gives them. */
  async function mappedIps(ruleId: string): Promise<Record<string, string[]>> {
    const items = await fx.admin.client.list<Record<string, unknown>>("listLoadBalancerRuleInstances", { id: ruleId, lbvmips: true });
    const byVm: Record<string, string[]> = {};
    for (const item of items) {
      const vm = item.loadbalancerruleinstance as Record<string, unknown>;
      byVm[String(vm.id)] = [...(item.lbvmipaddresses as string[])].sort();
    }
    return byVm;
  }

  startedForSuite(startRules, async (started) => {
    fx = started;
    tier = await webTier(fx, "gip-net", "10.1.71.0/24", 2);
    const nic = nicsOf(tier.vms[0].outs)[0];
    const ip = await createFrom(fx.admin.provider("NicSecondaryIp"), { nicId: nic.id });
    secondary = String(ip.outs.ipAddress);
    assert.notStrictEqual(secondary, primaryOf(0));
  });

  it("balances to an instance's secondary IP given as a member's ip, and moves the member to its primary IP in place", async () => {
    const provider = fx.admin.provider("LoadBalancerRule");
    const ip = await freshIp(fx.admin.client, tier.network.id);
    const news = {
      name: "to-secondary",
      ipAddressId: ip.id,
      publicPort: 80,
      privatePort: 8080,
      algorithm: "roundrobin",
      members: [{ virtualMachine: tier.vms[0].id, ip: secondary }, { virtualMachine: "gip-net-vm2" }],
    };
    const created = await createFrom(provider, news);
    assertPlainJson(created.outs);
    assert.deepStrictEqual(created.outs.members, news.members);
    assert.deepStrictEqual(await mappedIps(created.id), { [tier.vms[0].id]: [secondary], [tier.vms[1].id]: [primaryOf(1)] });
    assert.deepStrictEqual((await plan(provider, created, news)).diff, NO_CHANGE);

    const read = await provider.read(created.id, created.outs);
    assert.deepStrictEqual(read.inputs?.members, news.members, "the member keeps its guest IP on refresh");

    const moved = await updateTo(provider, created, { ...news, members: [{ virtualMachine: tier.vms[0].id, ip: primaryOf(0) }, { virtualMachine: "gip-net-vm2" }] });
    assert.strictEqual(moved.id, created.id, "the rule stays");
    assert.deepStrictEqual(await mappedIps(created.id), { [tier.vms[0].id]: [primaryOf(0)], [tier.vms[1].id]: [primaryOf(1)] });

    await provider.delete(created.id, created.outs);
    assert.deepStrictEqual(await listed(fx.admin.client, "listLoadBalancerRules", { id: created.id }), []);
  });

  it("forwards to an instance's secondary IP with vmGuestIp, and back to its primary IP in place", async () => {
    const provider = fx.admin.provider("PortForwardingRule");
    const ip = await freshIp(fx.admin.client, tier.network.id);
    const news = { ipAddressId: ip.id, protocol: "tcp", publicPort: 2201, privatePort: 22, virtualMachine: tier.vms[0].id, vmGuestIp: secondary };
    const created = await createFrom(provider, news);
    assertPlainJson(created.outs);
    assert.strictEqual(created.outs.vmGuestIp, secondary);
    const rule = async () => (await listed(fx.admin.client, "listPortForwardingRules", { id: created.id }))[0];
    assert.strictEqual((await rule()).vmguestip, secondary);
    assert.strictEqual((await rule()).virtualmachineid, tier.vms[0].id);
    assert.deepStrictEqual((await plan(provider, created, news)).diff, NO_CHANGE);

    const back = await updateTo(provider, created, { ...news, vmGuestIp: primaryOf(0) });
    assert.strictEqual(back.outs.vmGuestIp, primaryOf(0));
    assert.strictEqual((await rule()).vmguestip, primaryOf(0));
    assert.strictEqual((await rule()).id, created.id, "changed in place");

    await provider.delete(created.id, created.outs);
    assert.deepStrictEqual(await listed(fx.admin.client, "listPortForwardingRules", { id: created.id }), []);
  });
});
