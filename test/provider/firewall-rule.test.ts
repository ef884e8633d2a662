// FirewallRule through the adapter against the simulator over real HTTP.
import * as assert from "assert";
import { startedForSuite } from "../support/fixture-hooks";
import { simProjectId } from "../support/seed-ids";
import {
  AddressingFixture,
  assertPlainJson,
  checkFailures,
  createFrom,
  freshIp,
  listed,
  NO_CHANGE,
  plan,
  replace,
  replaceDeletingFirst,
  startRules,
  updateTo,
  webTier,
  WebTier,
} from "../support/rules-fixture";

describe("FirewallRule against the simulator", function () {
  this.timeout(60000);
  let fx: AddressingFixture;
  let tier: WebTier;
  const provider = () => fx.admin.provider("FirewallRule");
  const rule = async (id: string) => (await listed(fx.admin.client, "listFirewallRules", { id }))[0];

  startedForSuite(startRules, async (started) => {
    fx = started;
    tier = await webTier(fx, "fw-net", "10.1.60.0/24", 1);
  });

  it("opens a port range to source CIDRs and plans no change after, whatever the spelling", async () => {
    const ip = await freshIp(fx.admin.client, tier.network.id);
    const news = { ipAddressId: ip.id, protocol: "TCP", startPort: 33, endPort: 44, cidrList: ["192.168.100.0/24", "10.0.0.0/8"] };
    const created = await createFrom(provider(), news);
    assertPlainJson(created.outs);
    assert.strictEqual(created.outs.protocol, "TCP", "the protocol stays as written");
    assert.strictEqual(created.outs.ipAddress, ip.ipaddress);
    assert.strictEqual(created.outs.networkId, tier.network.id);
    assert.strictEqual(created.outs.relatedRuleId, null);

    const api = await rule(created.id);
    assert.strictEqual(String(api.protocol).toLowerCase(), "tcp");
    assert.strictEqual(Number(api.startport), 33);
    assert.strictEqual(Number(api.endport), 44);
    assert.deepStrictEqual(String(api.cidrlist).split(",").sort(), ["10.0.0.0/8", "192.168.100.0/24"]);

    assert.deepStrictEqual((await plan(provider(), created, news)).diff, NO_CHANGE);
    const respelled = { ...news, protocol: "tcp", cidrList: ["10.0.0.0/8", "192.168.100.0/24"] };
    assert.deepStrictEqual((await plan(provider(), created, respelled)).diff, NO_CHANGE);
    await provider().delete(created.id, created.outs);
  });

  it("takes CloudStack's defaults without a diff: one port, 0.0.0.0/0, icmp type and code -1", async () => {
    const ip = await freshIp(fx.admin.client, tier.network.id);
    const ssh = await createFrom(provider(), { ipAddressId: ip.id, protocol: "tcp", startPort: 22 });
    assert.strictEqual(ssh.outs.endPort, 22);
    assert.deepStrictEqual(ssh.outs.cidrList, ["0.0.0.0/0"]);
    assert.deepStrictEqual((await plan(provider(), ssh, { ipAddressId: ip.id, protocol: "tcp", startPort: 22 })).diff, NO_CHANGE);
    assert.deepStrictEqual((await plan(provider(), ssh, { ipAddressId: ip.id, protocol: "tcp", startPort: 22, cidrList: [] })).diff, NO_CHANGE);

    const ping = await createFrom(provider(), { ipAddressId: ip.id, protocol: "icmp" });
    assert.strictEqual(ping.outs.icmpType, -1);
    assert.strictEqual(ping.outs.icmpCode, -1);
    assert.deepStrictEqual((await plan(provider(), ping, { ipAddressId: ip.id, protocol: "ICMP" })).diff, NO_CHANGE);
    assert.deepStrictEqual((await plan(provider(), ping, { ipAddressId: ip.id, protocol: "icmp", icmpType: -1, icmpCode: -1 })).diff, NO_CHANGE);
  });

  it("changes the display flag in place; anything else replaces, deleting first when the ports overlap", async () => {
    const ip = await freshIp(fx.admin.client, tier.network.id);
    const news = { ipAddressId: ip.id, protocol: "tcp", startPort: 80 };
    let current = await createFrom(provider(), news);
    current = await updateTo(provider(), current, { ...news, forDisplay: false });
    assert.strictEqual((await rule(current.id)).fordisplay, false);

    const wider = await plan(provider(), current, { ...news, forDisplay: false, endPort: 81 });
    assert.deepStrictEqual(wider.diff, { changes: true, replaces: ["endPort"], deleteBeforeReplace: true });
    const replaced = await replaceDeletingFirst(provider(), current, wider.checked);
    assert.strictEqual(await rule(current.id), undefined, "the old rule is gone");
    assert.strictEqual(Number((await rule(replaced.id)).endport), 81);

    const elsewhere = await plan(provider(), replaced, { ...news, forDisplay: false, startPort: 8080 });
    assert.deepStrictEqual(elsewhere.diff, { changes: true, replaces: ["startPort"], deleteBeforeReplace: false });
    const moved = await replace(provider(), replaced, elsewhere.checked);
    assert.strictEqual(await rule(replaced.id), undefined);
    assert.strictEqual(Number((await rule(moved.id)).startport), 8080);
  });

  it("reports a rule deleted out of band as gone, and deletes twice without error", async () => {
    const ip = await freshIp(fx.admin.client, tier.network.id);
    const created = await createFrom(provider(), { ipAddressId: ip.id, protocol: "udp", startPort: 53 });
    await fx.admin.client.execute("deleteFirewallRule", { id: created.id });
    assert.deepStrictEqual(await provider().read(created.id, created.outs), { id: "", props: {} });
    await provider().delete(created.id, created.outs);
    await provider().delete(created.id, created.outs);
  });

  it("reads a display flag changed out of band as drift to undo in place", async () => {
    const ip = await freshIp(fx.admin.client, tier.network.id);
    const news = { ipAddressId: ip.id, protocol: "tcp", startPort: 443, forDisplay: true };
    const created = await createFrom(provider(), news);
    await fx.admin.client.execute("updateFirewallRule", { id: created.id, fordisplay: false });
    const read = await provider().read(created.id, created.outs);
    assert.strictEqual(read.props.forDisplay, false);
    const { diff } = await plan(provider(), { id: created.id, outs: read.props }, news);
    assert.deepStrictEqual(diff, { changes: true, replaces: [], deleteBeforeReplace: false });
  });

  it("reads a rule by id alone (get) and adopts one made out of band with importId", async () => {
    const ip = await freshIp(fx.admin.client, tier.network.id);
    const made = (await fx.admin.client.execute("createFirewallRule", { ipaddressid: ip.id, protocol: "tcp", startport: 8443, cidrlist: "10.9.0.0/16" }))
      .firewallrule as { id: string };
    const got = await provider().read(made.id, {});
    assert.strictEqual(got.id, made.id);
    assert.deepStrictEqual(got.inputs?.cidrList, ["10.9.0.0/16"]);

    const news = { ipAddressId: ip.id, protocol: "tcp", startPort: 8443, cidrList: ["10.9.0.0/16"] };
    const adopted = await createFrom(provider(), { ...news, importId: made.id });
    assert.strictEqual(adopted.id, made.id);
    assert.deepStrictEqual((await plan(provider(), adopted, news)).diff, NO_CHANGE);

    const wrong = await provider().check({}, { ...news, startPort: 8444, importId: made.id });
    await assert.rejects(provider().create(wrong.inputs), /cannot adopt FirewallRule .*startPort/);
    assert.strictEqual(Number((await rule(made.id)).startport), 8443, "nothing changed");
  });

  it("keeps the project of its public IP for reads, as a normal user needs", async () => {
    const user = await fx.user();
    const projectId = simProjectId(fx.sim);
    await createFrom(user.provider("Network"), {
      name: "fw-project",
      zone: "Sandbox-simulator",
      networkOffering: "DefaultIsolatedNetworkOfferingWithSourceNatServicePersistent",
      projectId,
    });
    const ip = await createFrom(user.provider("PublicIpAddress"), { zone: "Sandbox-simulator", projectId });
    const created = await createFrom(user.provider("FirewallRule"), { ipAddressId: ip.id, protocol: "tcp", startPort: 22 });
    assert.strictEqual(created.outs.projectId, projectId, "the rule carries its IP's project");
    const read = await user.provider("FirewallRule").read(created.id, created.outs);
    assert.strictEqual(read.id, created.id);
    assert.deepStrictEqual(await listed(user.client, "listFirewallRules", { id: created.id, listall: false }), [], "without the project scope the user sees nothing");
    await user.provider("FirewallRule").delete(created.id, created.outs);
    assert.strictEqual(await rule(created.id), undefined);
  });

  describe("bad inputs", () => {
    it("names every broken field at check, creating nothing", async () => {
      const failures = await checkFailures(fx.sim, provider(), {
        ipAddressId: "192.168.2.10",
        protocol: "gre",
        startPort: 70000,
        cidrList: ["10.1.1.1/24"],
      });
      assert.deepStrictEqual(failures.map((f) => f.property).sort(), ["cidrList.0", "ipAddressId", "protocol", "startPort"]);
      assert.match(failures.find((f) => f.property === "cidrList.0")!.reason, /did you mean 10\.1\.1\.0\/24/);
    });

    it("checks ports against the protocol and the range's order", async () => {
      const ip = await freshIp(fx.admin.client, tier.network.id);
      const icmpPorts = await checkFailures(fx.sim, provider(), { ipAddressId: ip.id, protocol: "icmp", startPort: 22 });
      assert.deepStrictEqual(icmpPorts.map((f) => f.property), ["startPort"]);
      assert.match(icmpPorts[0].reason, /protocol icmp: it has no ports/);
      const tcpIcmp = await checkFailures(fx.sim, provider(), { ipAddressId: ip.id, protocol: "tcp", icmpType: 8 });
      assert.deepStrictEqual(tcpIcmp.map((f) => f.property), ["icmpType"]);
      const backwards = await checkFailures(fx.sim, provider(), { ipAddressId: ip.id, protocol: "tcp", startPort: 44, endPort: 33 });
      assert.deepStrictEqual(backwards.map((f) => f.reason), [`endPort: 33 is below startPort 44 (CloudStack: "Start port can't be bigger than end port")`]);
      assert.deepStrictEqual(await listed(fx.admin.client, "listFirewallRules", { ipaddressid: ip.id }), []);
    });
  });
});
