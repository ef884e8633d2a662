// PortForwardingRule through the adapter against the simulator over real HTTP, with the
// firewall rule that openFirewall makes.
import * as assert from "assert";
import { CloudStackApiError } from "../../provider/client";
import { startedForSuite } from "../support/fixture-hooks";
import {
  AddressingFixture,
  assertPlainJson,
  checkFailures,
  createFrom,
  freshIp,
  listed,
  NO_CHANGE,
  plan,
  replaceDeletingFirst,
  startRules,
  updateTo,
  webTier,
  WebTier,
} from "../support/rules-fixture";

describe("PortForwardingRule against the simulator", function () {
  this.timeout(60000);
  let fx: AddressingFixture;
  let tier: WebTier;
  const provider = () => fx.admin.provider("PortForwardingRule");
  const rule = async (id: string) => (await listed(fx.admin.client, "listPortForwardingRules", { id }))[0];
  const firewallRules = (ipId: string) => listed(fx.admin.client, "listFirewallRules", { ipaddressid: ipId });

  startedForSuite(startRules, async (started) => {
    fx = started;
    tier = await webTier(fx, "pf-net", "10.1.61.0/24", 2);
  });

  it("forwards public 33 to private 100 of an instance named by name, sends openFirewall=false, and plans no change after", async () => {
    const ip = await freshIp(fx.admin.client, tier.network.id);
    const news = { ipAddressId: ip.id, protocol: "TCP", publicPort: 33, privatePort: 100, virtualMachine: "pf-net-vm1" };
    const created = await createFrom(provider(), news);
    assertPlainJson(created.outs);
    assert.strictEqual(created.outs.virtualMachineId, tier.vms[0].id);
    assert.strictEqual(created.outs.virtualMachine, "pf-net-vm1");
    assert.strictEqual(created.outs.openFirewall, false);
    assert.strictEqual(created.outs.firewallRuleId, null);
    assert.strictEqual(created.outs.vmGuestIp, tier.vms[0].outs.ipAddress, "CloudStack forwards to the NIC's IP");

    const api = await rule(created.id);
    assert.strictEqual(Number(api.publicport), 33);
    assert.strictEqual(Number(api.privateport), 100);
    assert.deepStrictEqual(await firewallRules(ip.id), [], "no firewall rule opened 33 to 0.0.0.0/0");

    assert.deepStrictEqual((await plan(provider(), created, news)).diff, NO_CHANGE);
    const byId = { ...news, protocol: "tcp", virtualMachine: tier.vms[0].id, openFirewall: false };
    assert.deepStrictEqual((await plan(provider(), created, byId)).diff, NO_CHANGE);
  });

  it("moves to another instance and private port in place; a new public range replaces it, deleting first", async () => {
    const ip = await freshIp(fx.admin.client, tier.network.id);
    const news = { ipAddressId: ip.id, protocol: "tcp", publicPort: 2222, privatePort: 22, virtualMachine: tier.vms[0].id };
    let current = await createFrom(provider(), news);
    current = await updateTo(provider(), current, { ...news, virtualMachine: tier.vms[1].id, privatePort: 2022 });
    const api = await rule(current.id);
    assert.strictEqual(api.virtualmachineid, tier.vms[1].id);
    assert.strictEqual(Number(api.privateport), 2022);
    assert.strictEqual(current.outs.vmGuestIp, tier.vms[1].outs.ipAddress);

    const { checked, diff } = await plan(provider(), current, { ...news, virtualMachine: tier.vms[1].id, privatePort: 2222, publicEndPort: 2223, privateEndPort: 2223 });
    assert.deepStrictEqual(diff, { changes: true, replaces: ["publicEndPort"], deleteBeforeReplace: true });
    const replaced = await replaceDeletingFirst(provider(), current, checked);
    assert.strictEqual(await rule(current.id), undefined);
    assert.strictEqual(Number((await rule(replaced.id)).publicendport), 2223);
  });

  it("with openFirewall reports the firewall rule CloudStack made, which FirewallRule does not take for its own", async () => {
    const ip = await freshIp(fx.admin.client, tier.network.id);
    const mine = await createFrom(fx.admin.provider("FirewallRule"), { ipAddressId: ip.id, protocol: "tcp", startPort: 8000, cidrList: ["10.0.0.0/8"] });
    const news = { ipAddressId: ip.id, protocol: "tcp", publicPort: 80, privatePort: 80, virtualMachine: tier.vms[0].id, openFirewall: true };
    const created = await createFrom(provider(), news);
    assert.strictEqual(created.outs.openFirewall, true);
    assert.ok(typeof created.outs.firewallRuleId === "string", "the related firewall rule is an output");
    const opened = (await firewallRules(ip.id)).find((r) => r.id === created.outs.firewallRuleId);
    assert.ok(opened, "CloudStack made it");
    assert.strictEqual(Number(opened.startport), 80);
    assert.strictEqual(opened.cidrlist, "0.0.0.0/0");

    assert.deepStrictEqual((await plan(provider(), created, news)).diff, NO_CHANGE);
    const refreshed = await provider().read(created.id, created.outs);
    assert.strictEqual(refreshed.props.firewallRuleId, created.outs.firewallRuleId);
    const mineRead = await fx.admin.provider("FirewallRule").read(mine.id, mine.outs);
    assert.strictEqual(mineRead.id, mine.id);
    assert.deepStrictEqual(
      (await plan(fx.admin.provider("FirewallRule"), { id: mine.id, outs: mineRead.props }, { ipAddressId: ip.id, protocol: "tcp", startPort: 8000, cidrList: ["10.0.0.0/8"] })).diff,
      NO_CHANGE,
    );

    await provider().delete(created.id, created.outs);
    const left = await firewallRules(ip.id);
    assert.deepStrictEqual(left.map((r) => r.id), [mine.id], "the related rule went with the forwarding rule");
  });

  it("is refused on an IP with static NAT, with CloudStack's reason, changing nothing", async () => {
    const ip = await freshIp(fx.admin.client, tier.network.id);
    await fx.admin.client.execute("enableStaticNat", { ipaddressid: ip.id, virtualmachineid: tier.vms[1].id });
    try {
      const checked = await provider().check({}, { ipAddressId: ip.id, protocol: "tcp", publicPort: 33, privatePort: 100, virtualMachine: tier.vms[0].id });
      assert.deepStrictEqual(checked.failures, []);
      await assert.rejects(provider().create(checked.inputs), (err: unknown) => {
        assert.ok(err instanceof CloudStackApiError);
        assert.strictEqual(err.errorcode, 431);
        // CloudStack prints the IP object there (IPAddressVO.toString), address included.
        assert.ok(err.errortext.startsWith("Unable to create port forwarding rule; ip "), err.errortext);
        assert.ok(err.errortext.endsWith(" has static nat enabled"), err.errortext);
        assert.ok(err.errortext.includes(ip.ipaddress), err.errortext);
        return true;
      });
      assert.deepStrictEqual(await listed(fx.admin.client, "listPortForwardingRules", { ipaddressid: ip.id }), []);
    } finally {
      await fx.admin.client.execute("disableStaticNat", { ipaddressid: ip.id });
    }
  });

  it("reports a rule deleted out of band as gone, and deletes twice without error", async () => {
    const ip = await freshIp(fx.admin.client, tier.network.id);
    const created = await createFrom(provider(), { ipAddressId: ip.id, protocol: "udp", publicPort: 5000, privatePort: 5000, virtualMachine: tier.vms[0].id });
    await fx.admin.client.execute("deletePortForwardingRule", { id: created.id });
    assert.deepStrictEqual(await provider().read(created.id, created.outs), { id: "", props: {} });
    await provider().delete(created.id, created.outs);
    await provider().delete(created.id, created.outs);
  });

  it("reads a private port changed out of band as drift to undo in place", async () => {
    const ip = await freshIp(fx.admin.client, tier.network.id);
    const news = { ipAddressId: ip.id, protocol: "tcp", publicPort: 8080, privatePort: 80, virtualMachine: tier.vms[0].id };
    const created = await createFrom(provider(), news);
    await fx.admin.client.execute("updatePortForwardingRule", { id: created.id, privateport: 81, privateendport: 81 });
    const read = await provider().read(created.id, created.outs);
    assert.strictEqual(read.props.privatePort, 81);
    const drift = await plan(provider(), { id: created.id, outs: read.props }, news);
    assert.deepStrictEqual(drift.diff, { changes: true, replaces: [], deleteBeforeReplace: false });
    const undone = await provider().update(created.id, read.props, drift.checked);
    assert.strictEqual(undone.outs.privatePort, 80);
    assert.strictEqual(Number((await rule(created.id)).privateport), 80);
  });

  it("reads a rule by id alone (get) and adopts one made out of band with importId", async () => {
    const ip = await freshIp(fx.admin.client, tier.network.id);
    const made = (
      await fx.admin.client.execute("createPortForwardingRule", {
        ipaddressid: ip.id,
        protocol: "tcp",
        publicport: 3306,
        privateport: 3306,
        virtualmachineid: tier.vms[1].id,
        openfirewall: false,
      })
    ).portforwardingrule as { id: string };
    const got = await provider().read(made.id, {});
    assert.strictEqual(got.id, made.id);
    assert.strictEqual(got.inputs?.virtualMachine, "pf-net-vm2");

    const news = { ipAddressId: ip.id, protocol: "tcp", publicPort: 3306, privatePort: 3306, virtualMachine: tier.vms[1].id };
    const adopted = await createFrom(provider(), { ...news, importId: made.id });
    assert.strictEqual(adopted.id, made.id);
    assert.deepStrictEqual((await plan(provider(), adopted, news)).diff, NO_CHANGE);
    const wrong = await provider().check({}, { ...news, publicPort: 3307, importId: made.id });
    await assert.rejects(provider().create(wrong.inputs), /cannot adopt PortForwardingRule .*publicPort/);
  });

  describe("bad inputs", () => {
    it("checks the port ranges before any call, creating nothing", async () => {
      const ip = await freshIp(fx.admin.client, tier.network.id);
      const base = { ipAddressId: ip.id, protocol: "tcp", virtualMachine: tier.vms[0].id };
      const sizes = await checkFailures(fx.sim, provider(), { ...base, publicPort: 33, publicEndPort: 44, privatePort: 33, privateEndPort: 40 });
      assert.deepStrictEqual(sizes.map((f) => f.property), ["privateEndPort"]);
      assert.match(sizes[0].reason, /ranges of equal size/);
      const shifted = await checkFailures(fx.sim, provider(), { ...base, publicPort: 33, publicEndPort: 44, privatePort: 100, privateEndPort: 111 });
      assert.deepStrictEqual(shifted.map((f) => f.property), ["privatePort"]);
      const fields = await checkFailures(fx.sim, provider(), { ...base, protocol: "icmp", publicPort: 0, privatePort: 100, openFirewall: "yes" });
      assert.deepStrictEqual(fields.map((f) => f.property).sort(), ["openFirewall", "protocol", "publicPort"]);
      const unknownVm = await checkFailures(fx.sim, provider(), { ...base, virtualMachine: "no-such-vm", publicPort: 33, privatePort: 100 });
      assert.match(unknownVm[0].reason, /matches no virtual machine by name; candidates: .*"pf-net-vm1"/);
      assert.deepStrictEqual(await listed(fx.admin.client, "listPortForwardingRules", { ipaddressid: ip.id }), []);
    });
  });
});
