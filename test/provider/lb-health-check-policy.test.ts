// LbHealthCheckPolicy through the adapter against the simulator over real HTTP: on a network
// whose LB provider is NetScaler, and CloudStack's refusal on a virtual router network.
import * as assert from "assert";
import { startedForSuite } from "../support/fixture-hooks";
import {
  AddressingFixture,
  Applied,
  assertPlainJson,
  checkFailures,
  createFrom,
  freshIp,
  NETSCALER_LB,
  NO_CHANGE,
  plan,
  replaceDeletingFirst,
  startRules,
  updateTo,
  webTier,
} from "../support/rules-fixture";

type Policy = Record<string, unknown>;

describe("LbHealthCheckPolicy against the simulator", function () {
  this.timeout(60000);
  let fx: AddressingFixture;
  let netscalerLb: Applied;
  let routerLb: Applied;
  const provider = () => fx.admin.provider("LbHealthCheckPolicy");

  async function policies(ruleId: string): Promise<Policy[]> {
    const wrappers = await fx.admin.client.list<Record<string, unknown>>("listLBHealthCheckPolicies", { lbruleid: ruleId });
    return wrappers.flatMap((w) => (Array.isArray(w.healthcheckpolicy) ? (w.healthcheckpolicy as Policy[]) : []));
  }

  async function lbOn(name: string, cidr: string, offering?: string): Promise<Applied> {
    const tier = await webTier(fx, name, cidr, 1, offering ? { offering } : {});
    const ip = await freshIp(fx.admin.client, tier.network.id);
    return createFrom(fx.admin.provider("LoadBalancerRule"), {
      name,
      ipAddressId: ip.id,
      publicPort: 80,
      privatePort: 80,
      algorithm: "roundrobin",
      members: [{ virtualMachine: tier.vms[0].id }],
    });
  }

  startedForSuite(startRules, async (started) => {
    fx = started;
    netscalerLb = await lbOn("ns-net", "10.1.65.0/24", NETSCALER_LB);
    routerLb = await lbOn("vr-net", "10.1.66.0/24");
  });
  afterEach(async () => {
    for (const p of await policies(netscalerLb.id)) await fx.admin.client.execute("deleteLBHealthCheckPolicy", { id: String(p.id) });
  });

  it("probes the members of a NetScaler-balanced rule and plans no change after", async () => {
    const news = { loadBalancerRuleId: netscalerLb.id, pingPath: "/health", responseTimeout: 3, intervalTime: 10, healthyThreshold: 2, unhealthyThreshold: 4 };
    const created = await createFrom(provider(), news);
    assertPlainJson(created.outs);
    const [api] = await policies(netscalerLb.id);
    assert.strictEqual(api.id, created.id);
    assert.strictEqual(api.pingpath, "/health");
    assert.strictEqual(Number(api.healthcheckinterval), 10);
    assert.deepStrictEqual((await plan(provider(), created, news)).diff, NO_CHANGE);
  });

  it("takes CloudStack's defaults without a diff", async () => {
    const news = { loadBalancerRuleId: netscalerLb.id };
    const created = await createFrom(provider(), news);
    assert.strictEqual(created.outs.pingPath, "/");
    assert.strictEqual(typeof created.outs.intervalTime, "number");
    assert.deepStrictEqual((await plan(provider(), created, news)).diff, NO_CHANGE);
  });

  it("changes the display flag in place; new timing replaces it, deleting first (one per rule)", async () => {
    const news = { loadBalancerRuleId: netscalerLb.id, responseTimeout: 2, intervalTime: 5 };
    let current = await createFrom(provider(), news);
    current = await updateTo(provider(), current, { ...news, forDisplay: false });
    assert.strictEqual((await policies(netscalerLb.id))[0].fordisplay, false);
    const { checked, diff } = await plan(provider(), current, { ...news, forDisplay: false, intervalTime: 30 });
    assert.deepStrictEqual(diff, { changes: true, replaces: ["intervalTime"], deleteBeforeReplace: true });
    const replaced = await replaceDeletingFirst(provider(), current, checked);
    assert.deepStrictEqual((await policies(netscalerLb.id)).map((p) => p.id), [replaced.id]);
  });

  it("is refused on a virtual router network with CloudStack's reason, explained", async () => {
    const checked = await provider().check({}, { loadBalancerRuleId: routerLb.id, pingPath: "/health" });
    assert.deepStrictEqual(checked.failures, []);
    await assert.rejects(provider().create(checked.inputs), (err: unknown) => {
      const message = String((err as Error).message);
      assert.match(message, /HealthCheck Policy is not supported by LB Provider for the LB rule/);
      assert.match(message, /balances with VirtualRouter, which offers no health checks .*NetScaler/);
      return true;
    });
    assert.deepStrictEqual(await policies(routerLb.id), []);
  });

  it("reports a policy deleted out of band as gone, and deletes twice without error", async () => {
    const created = await createFrom(provider(), { loadBalancerRuleId: netscalerLb.id });
    await fx.admin.client.execute("deleteLBHealthCheckPolicy", { id: created.id });
    assert.deepStrictEqual(await provider().read(created.id, created.outs), { id: "", props: {} });
    await provider().delete(created.id, created.outs);
    await provider().delete(created.id, created.outs);
  });

  it("reads a policy by id alone (get), adopts one with importId, and reads display drift", async () => {
    const made = await fx.admin.client.execute("createLBHealthCheckPolicy", { lbruleid: netscalerLb.id, pingpath: "/ping", intervaltime: 15 });
    const id = String(((made.healthcheckpolicies as Record<string, unknown>).healthcheckpolicy as Policy[])[0].id);
    const got = await provider().read(id, {});
    assert.strictEqual(got.id, id);
    assert.strictEqual(got.inputs?.pingPath, "/ping");
    assert.strictEqual(got.inputs?.intervalTime, 15);
    const news = { loadBalancerRuleId: netscalerLb.id, pingPath: "/ping", intervalTime: 15, forDisplay: true };
    const adopted = await createFrom(provider(), { ...news, importId: id });
    assert.strictEqual(adopted.id, id);
    assert.deepStrictEqual((await plan(provider(), adopted, news)).diff, NO_CHANGE);

    await fx.admin.client.execute("updateLBHealthCheckPolicy", { id, fordisplay: false });
    const read = await provider().read(id, adopted.outs);
    assert.strictEqual(read.props.forDisplay, false);
    assert.deepStrictEqual((await plan(provider(), { id, outs: read.props }, news)).diff, { changes: true, replaces: [], deleteBeforeReplace: false });
  });

  describe("bad inputs", () => {
    it("checks the timing before any call, creating nothing", async () => {
      const slow = await checkFailures(fx.sim, provider(), { loadBalancerRuleId: netscalerLb.id, responseTimeout: 20, intervalTime: 10 });
      assert.deepStrictEqual(slow.map((f) => f.reason), ["responseTimeout: 20 is above intervalTime 10: a probe must be answered before the next one starts"]);
      const ranges = await checkFailures(fx.sim, provider(), { loadBalancerRuleId: netscalerLb.id, responseTimeout: 1, intervalTime: 30000, healthyThreshold: 0 });
      assert.deepStrictEqual(ranges.map((f) => f.property).sort(), ["healthyThreshold", "intervalTime", "responseTimeout"]);
      assert.deepStrictEqual(await policies(netscalerLb.id), []);
    });
  });
});
