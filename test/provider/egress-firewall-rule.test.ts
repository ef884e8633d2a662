// EgressFirewallRule through the adapter against the simulator over real HTTP.
import * as assert from "assert";
import { startedForSuite } from "../support/fixture-hooks";
import {
  AddressingFixture,
  assertPlainJson,
  checkFailures,
  createFrom,
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

describe("EgressFirewallRule against the simulator", function () {
  this.timeout(60000);
  let fx: AddressingFixture;
  let tier: WebTier;
  const provider = () => fx.admin.provider("EgressFirewallRule");
  const rule = async (id: string) => (await listed(fx.admin.client, "listEgressFirewallRules", { id }))[0];

  startedForSuite(startRules, async (started) => {
    fx = started;
    tier = await webTier(fx, "eg-net", "10.1.63.0/24", 1);
  });
  afterEach(async () => {
    for (const r of await listed(fx.admin.client, "listEgressFirewallRules", { networkid: tier.network.id })) {
      await fx.admin.client.execute("deleteEgressFirewallRule", { id: String(r.id) });
    }
  });

  it("allows traffic to one destination CIDR from a network named by name, and plans no change after", async () => {
    const news = { network: "eg-net", protocol: "TCP", startPort: 443, destCidrList: ["203.0.113.0/24"] };
    const created = await createFrom(provider(), news);
    assertPlainJson(created.outs);
    assert.strictEqual(created.outs.networkId, tier.network.id);
    assert.strictEqual(created.outs.network, "eg-net");
    assert.deepStrictEqual(created.outs.cidrList, ["10.1.63.0/24"], "CloudStack takes the network's CIDR as the source");

    const api = await rule(created.id);
    assert.strictEqual(api.destcidrlist, "203.0.113.0/24");
    assert.strictEqual(api.networkid, tier.network.id);

    assert.deepStrictEqual((await plan(provider(), created, news)).diff, NO_CHANGE);
    const respelled = { ...news, network: tier.network.id, protocol: "tcp", cidrList: ["10.1.63.0/24"] };
    assert.deepStrictEqual((await plan(provider(), created, respelled)).diff, NO_CHANGE);
  });

  it("takes protocol all and anywhere as destination without a diff", async () => {
    const news = { network: tier.network.id, protocol: "all" };
    const created = await createFrom(provider(), news);
    assert.deepStrictEqual((await plan(provider(), created, news)).diff, NO_CHANGE);
    assert.deepStrictEqual((await plan(provider(), created, { ...news, destCidrList: ["0.0.0.0/0"] })).diff, NO_CHANGE);
    assert.deepStrictEqual((await plan(provider(), created, { ...news, destCidrList: [] })).diff, NO_CHANGE);
  });

  it("changes the display flag in place; a new destination replaces it, deleting first on the same ports", async () => {
    const news = { network: tier.network.id, protocol: "udp", startPort: 53, destCidrList: ["198.51.100.0/24"] };
    let current = await createFrom(provider(), news);
    current = await updateTo(provider(), current, { ...news, forDisplay: false });
    assert.strictEqual((await rule(current.id)).fordisplay, false);

    const moved = await plan(provider(), current, { ...news, forDisplay: false, destCidrList: ["198.51.100.0/25"] });
    assert.deepStrictEqual(moved.diff, { changes: true, replaces: ["destCidrList"], deleteBeforeReplace: true });
    const replaced = await replaceDeletingFirst(provider(), current, moved.checked);
    assert.strictEqual(await rule(current.id), undefined);
    assert.strictEqual((await rule(replaced.id)).destcidrlist, "198.51.100.0/25");

    const other = await plan(provider(), replaced, { ...news, forDisplay: false, destCidrList: ["198.51.100.0/25"], startPort: 123 });
    assert.deepStrictEqual(other.diff, { changes: true, replaces: ["startPort"], deleteBeforeReplace: false });
    const again = await replace(provider(), replaced, other.checked);
    assert.strictEqual(Number((await rule(again.id)).startport), 123);
  });

  it("reports a rule deleted out of band as gone, and deletes twice without error", async () => {
    const created = await createFrom(provider(), { network: tier.network.id, protocol: "icmp" });
    assert.strictEqual(created.outs.icmpType, -1);
    await fx.admin.client.execute("deleteEgressFirewallRule", { id: created.id });
    assert.deepStrictEqual(await provider().read(created.id, created.outs), { id: "", props: {} });
    await provider().delete(created.id, created.outs);
    await provider().delete(created.id, created.outs);
  });

  it("reads a display flag changed out of band as drift to undo in place", async () => {
    const news = { network: tier.network.id, protocol: "tcp", startPort: 25, forDisplay: true };
    const created = await createFrom(provider(), news);
    await fx.admin.client.execute("updateEgressFirewallRule", { id: created.id, fordisplay: false });
    const read = await provider().read(created.id, created.outs);
    assert.strictEqual(read.props.forDisplay, false);
    assert.deepStrictEqual((await plan(provider(), { id: created.id, outs: read.props }, news)).diff, { changes: true, replaces: [], deleteBeforeReplace: false });
  });

  it("reads a rule by id alone (get) and adopts one made out of band with importId", async () => {
    const made = (await fx.admin.client.execute("createEgressFirewallRule", { networkid: tier.network.id, protocol: "tcp", startport: 80, endport: 81 }))
      .firewallrule as { id: string };
    const got = await provider().read(made.id, {});
    assert.strictEqual(got.id, made.id);
    assert.strictEqual(got.inputs?.endPort, 81);
    const news = { network: "eg-net", protocol: "tcp", startPort: 80, endPort: 81 };
    const adopted = await createFrom(provider(), { ...news, importId: made.id });
    assert.strictEqual(adopted.id, made.id);
    assert.deepStrictEqual((await plan(provider(), adopted, news)).diff, NO_CHANGE);
    const wrong = await provider().check({}, { ...news, protocol: "udp", importId: made.id });
    await assert.rejects(provider().create(wrong.inputs), /cannot adopt EgressFirewallRule .*protocol/);
  });

  describe("bad inputs", () => {
    it("names every broken field at check, creating nothing", async () => {
      const failures = await checkFailures(fx.sim, provider(), { network: "no-such-net", protocol: "all", startPort: 80, destCidrList: ["300.0.0.0/8"] });
      assert.deepStrictEqual(failures.map((f) => f.property).sort(), ["destCidrList.0", "network", "startPort"]);
      assert.match(failures.find((f) => f.property === "network")!.reason, /matches no network by name; candidates: .*"eg-net"/);
      assert.match(failures.find((f) => f.property === "startPort")!.reason, /protocol all: it has no ports/);
      assert.deepStrictEqual(await listed(fx.admin.client, "listEgressFirewallRules", { networkid: tier.network.id }), []);
    });
  });
});
