// LoadBalancerRule through the adapter against the simulator over real HTTP: members and the
// algorithm in place, openFirewall, replacement, gone, get, importId and drift.
import * as assert from "assert";
import { startedForSuite } from "../support/fixture-hooks";
import {
  AddressingFixture,
  Applied,
  assertPlainJson,
  checkFailures,
  createFrom,
  freshIp,
  listed,
  NO_CHANGE,
  plan,
  Props,
  replaceDeletingFirst,
  startRules,
  updateTo,
  webTier,
  WebTier,
} from "../support/rules-fixture";

describe("LoadBalancerRule against the simulator", function () {
  this.timeout(60000);
  let fx: AddressingFixture;
  let tier: WebTier;
  const provider = () => fx.admin.provider("LoadBalancerRule");
  const rule = async (id: string) => (await listed(fx.admin.client, "listLoadBalancerRules", { id }))[0];

  async function memberIds(id: string): Promise<string[]> {
    const items = await fx.admin.client.list<Record<string, unknown>>("listLoadBalancerRuleInstances", { id, lbvmips: true });
    return items.map((i) => String((i.loadbalancerruleinstance as Record<string, unknown> | undefined)?.id ?? i.id)).sort();
  }

  const vmIds = (...indexes: number[]) => indexes.map((i) => tier.vms[i].id).sort();

  startedForSuite(startRules, async (started) => {
    fx = started;
    tier = await webTier(fx, "lb-net", "10.1.62.0/24", 3);
  });

  async function webRule(ipId: string, extra: Props = {}): Promise<{ news: Props; created: Applied }> {
    const news = {
      name: "web",
      ipAddressId: ipId,
      publicPort: 80,
      privatePort: 8080,
      algorithm: "RoundRobin",
      members: [{ virtualMachine: "lb-net-vm1" }, { virtualMachine: tier.vms[1].id }],
      ...extra,
    };
    return { news, created: await createFrom(provider(), news) };
  }

  it("balances over two instances, sends openFirewall=false, and plans no change after", async () => {
    const ip = await freshIp(fx.admin.client, tier.network.id);
    const { news, created } = await webRule(ip.id);
    assertPlainJson(created.outs);
    assert.deepStrictEqual(created.outs.members, news.members, "members stay as written, names and ids");
    assert.deepStrictEqual([...(created.outs.memberIds as string[])].sort(), vmIds(0, 1));
    assert.strictEqual(created.outs.openFirewall, false);
    assert.strictEqual(created.outs.firewallRuleId, null);
    assert.strictEqual(created.outs.networkId, tier.network.id);
    assert.strictEqual(created.outs.publicIp, ip.ipaddress);

    const api = await rule(created.id);
    assert.strictEqual(String(api.algorithm).toLowerCase(), "roundrobin");
    assert.deepStrictEqual(await memberIds(created.id), vmIds(0, 1));
    assert.deepStrictEqual(await listed(fx.admin.client, "listFirewallRules", { ipaddressid: ip.id }), [], "nothing opened to 0.0.0.0/0");

    assert.deepStrictEqual((await plan(provider(), created, news)).diff, NO_CHANGE);
    const respelled = { ...news, algorithm: "roundrobin", members: [{ virtualMachine: tier.vms[1].id }, { virtualMachine: "lb-net-vm1" }], cidrList: [] };
    assert.deepStrictEqual((await plan(provider(), created, respelled)).diff, NO_CHANGE);
  });

  it("adds a third member, then changes the algorithm, both in place on the same rule", async () => {
    const ip = await freshIp(fx.admin.client, tier.network.id);
    const { news, created } = await webRule(ip.id);
    const three = { ...news, members: [...(news.members as Props[]), { virtualMachine: "lb-net-vm3" }] };
    const grown = await updateTo(provider(), created, three);
    assert.strictEqual(grown.id, created.id);
    assert.deepStrictEqual(await memberIds(created.id), vmIds(0, 1, 2));
    assert.deepStrictEqual((await plan(provider(), grown, three)).diff, NO_CHANGE);

    const leastconn = await updateTo(provider(), grown, { ...three, algorithm: "leastconn", name: "web-lc" });
    const api = await rule(created.id);
    assert.strictEqual(api.algorithm, "leastconn");
    assert.strictEqual(api.name, "web-lc");
    assert.deepStrictEqual((await plan(provider(), leastconn, { ...three, algorithm: "leastconn", name: "web-lc" })).diff, NO_CHANGE);

    const fewer = await updateTo(provider(), leastconn, { ...three, algorithm: "leastconn", name: "web-lc", members: [{ virtualMachine: tier.vms[2].id }] });
    assert.deepStrictEqual(await memberIds(created.id), vmIds(2));
    assert.deepStrictEqual(fewer.outs.members, [{ virtualMachine: tier.vms[2].id }]);
  });

  it("with openFirewall reports the firewall rule CloudStack made for the public port", async () => {
    const ip = await freshIp(fx.admin.client, tier.network.id);
    const { news, created } = await webRule(ip.id, { openFirewall: true, publicPort: 443, privatePort: 8443 });
    const opened = (await listed(fx.admin.client, "listFirewallRules", { ipaddressid: ip.id })).find((r) => r.id === created.outs.firewallRuleId);
    assert.ok(opened, "the related firewall rule is an output");
    assert.strictEqual(Number(opened.startport), 443);
    assert.deepStrictEqual((await plan(provider(), created, news)).diff, NO_CHANGE);
    const { diff } = await plan(provider(), created, { ...news, openFirewall: false });
    assert.deepStrictEqual(diff, { changes: true, replaces: ["openFirewall"], deleteBeforeReplace: true });
  });

  it("replaces the rule for a new private port, deleting first (same IP and public port)", async () => {
    const ip = await freshIp(fx.admin.client, tier.network.id);
    const { news, created } = await webRule(ip.id, { publicPort: 8000 });
    const { checked, diff } = await plan(provider(), created, { ...news, privatePort: 9000 });
    assert.deepStrictEqual(diff, { changes: true, replaces: ["privatePort"], deleteBeforeReplace: true });
    const replaced = await replaceDeletingFirst(provider(), created, checked);
    assert.strictEqual(await rule(created.id), undefined);
    assert.strictEqual(Number((await rule(replaced.id)).privateport), 9000);
    assert.deepStrictEqual(await memberIds(replaced.id), vmIds(0, 1));
  });

  it("reports a rule deleted out of band as gone, and deletes twice without error", async () => {
    const ip = await freshIp(fx.admin.client, tier.network.id);
    const { created } = await webRule(ip.id);
    await fx.admin.client.execute("deleteLoadBalancerRule", { id: created.id });
    assert.deepStrictEqual(await provider().read(created.id, created.outs), { id: "", props: {} });
    await provider().delete(created.id, created.outs);
    await provider().delete(created.id, created.outs);
  });

  it("reads a member removed and the algorithm changed out of band as drift, and puts them back in place", async () => {
    const ip = await freshIp(fx.admin.client, tier.network.id);
    const { news, created } = await webRule(ip.id);
    await fx.admin.client.execute("removeFromLoadBalancerRule", { id: created.id, virtualmachineids: [tier.vms[1].id] });
    await fx.admin.client.execute("updateLoadBalancerRule", { id: created.id, algorithm: "source" });
    const read = await provider().read(created.id, created.outs);
    assert.deepStrictEqual(read.inputs?.members, [{ virtualMachine: "lb-net-vm1" }]);
    assert.strictEqual(read.props.algorithm, "source");
    const drift = await plan(provider(), { id: created.id, outs: read.props }, news);
    assert.deepStrictEqual(drift.diff, { changes: true, replaces: [], deleteBeforeReplace: false });
    await provider().update(created.id, read.props, drift.checked);
    assert.deepStrictEqual(await memberIds(created.id), vmIds(0, 1));
    assert.strictEqual((await rule(created.id)).algorithm, "roundrobin");
  });

  it("reads a rule by id alone (get) and adopts one made out of band with importId", async () => {
    const ip = await freshIp(fx.admin.client, tier.network.id);
    const made = (
      await fx.admin.client.execute("createLoadBalancerRule", {
        name: "made",
        publicipid: ip.id,
        publicport: 25,
        privateport: 25,
        algorithm: "source",
        openfirewall: false,
      })
    ).loadbalancer as { id: string };
    await fx.admin.client.execute("assignToLoadBalancerRule", { id: made.id, virtualmachineids: [tier.vms[2].id] });
    const got = await provider().read(made.id, {});
    assert.strictEqual(got.id, made.id);
    assert.deepStrictEqual(got.inputs?.members, [{ virtualMachine: "lb-net-vm3", ip: tier.vms[2].outs.ipAddress }]);

    const news = { name: "made", ipAddressId: ip.id, publicPort: 25, privatePort: 25, algorithm: "source", members: [{ virtualMachine: tier.vms[2].id }] };
    const adopted = await createFrom(provider(), { ...news, importId: made.id });
    assert.strictEqual(adopted.id, made.id);
    assert.deepStrictEqual((await plan(provider(), adopted, news)).diff, NO_CHANGE);
    const wrong = await provider().check({}, { ...news, privatePort: 26, importId: made.id });
    await assert.rejects(provider().create(wrong.inputs), /cannot adopt LoadBalancerRule .*privatePort/);
  });

  describe("bad inputs", () => {
    it("names every broken field at check, creating nothing", async () => {
      const ip = await freshIp(fx.admin.client, tier.network.id);
      const failures = await checkFailures(fx.sim, provider(), {
        name: "bad",
        ipAddressId: ip.id,
        publicPort: 0,
        privatePort: 80,
        algorithm: "random",
        members: [{ virtualMachine: "lb-net-vm1" }, { virtualMachine: "lb-net-vm1" }, { virtualMachine: "lb-net-vm2", ip: "10.1.62" }],
        account: "admin",
      });
      assert.deepStrictEqual(failures.map((f) => f.property).sort(), ["account", "algorithm", "members.2.ip", "publicPort"]);
      const twice = await checkFailures(fx.sim, provider(), {
        name: "bad",
        ipAddressId: ip.id,
        publicPort: 80,
        privatePort: 80,
        algorithm: "source",
        members: [{ virtualMachine: "lb-net-vm1" }, { virtualMachine: "lb-net-vm1" }],
      });
      assert.deepStrictEqual(twice.map((f) => f.reason), [`members[1]: {"virtualMachine":"lb-net-vm1"} is listed twice`]);
      assert.deepStrictEqual(await listed(fx.admin.client, "listLoadBalancerRules", { publicipid: ip.id }), []);
    });

    it("fails the create on a member that names no instance, before making the rule", async () => {
      const ip = await freshIp(fx.admin.client, tier.network.id);
      const checked = await provider().check({}, { name: "ghost", ipAddressId: ip.id, publicPort: 80, privatePort: 80, algorithm: "source", members: [{ virtualMachine: "ghost-vm" }] });
      assert.deepStrictEqual(checked.failures, []);
      await assert.rejects(provider().create(checked.inputs), (err: unknown) => {
        assert.match(String((err as Error).message), /members\[0\]\.virtualMachine: "ghost-vm" matches no virtual machine by name/);
        return true;
      });
      assert.deepStrictEqual(await listed(fx.admin.client, "listLoadBalancerRules", { publicipid: ip.id }), []);
    });
  });
});
