// LbStickinessPolicy through the adapter against the simulator over real HTTP.
import * as assert from "assert";
import { startedForSuite } from "../support/fixture-hooks";
import { AddressingFixture, Applied, assertPlainJson, checkFailures, createFrom, freshIp, NO_CHANGE, plan, replaceDeletingFirst, startRules, updateTo, webTier } from "../support/rules-fixture";

type Policy = Record<string, unknown>;

describe("LbStickinessPolicy against the simulator", function () {
  this.timeout(60000);
  let fx: AddressingFixture;
  let lb: Applied;
  const provider = () => fx.admin.provider("LbStickinessPolicy");

  async function policies(ruleId: string): Promise<Policy[]> {
    const wrappers = await fx.admin.client.list<Record<string, unknown>>("listLBStickinessPolicies", { lbruleid: ruleId });
    return wrappers.flatMap((w) => (Array.isArray(w.stickinesspolicy) ? (w.stickinesspolicy as Policy[]) : []));
  }

  startedForSuite(startRules, async (started) => {
    fx = started;
    const tier = await webTier(fx, "sticky-net", "10.1.64.0/24", 1);
    const ip = await freshIp(fx.admin.client, tier.network.id);
    lb = await createFrom(fx.admin.provider("LoadBalancerRule"), {
      name: "sticky",
      ipAddressId: ip.id,
      publicPort: 80,
      privatePort: 80,
      algorithm: "roundrobin",
      members: [{ virtualMachine: tier.vms[0].id }],
    });
  });
  afterEach(async () => {
    for (const p of await policies(lb.id)) await fx.admin.client.execute("deleteLBStickinessPolicy", { id: String(p.id) });
  });

  it("sets a cookie stickiness policy with its parameters and plans no change after", async () => {
    const news = { loadBalancerRuleId: lb.id, name: "cookie", method: "LbCookie", params: { "cookie-name": "SERVERID", mode: "insert" } };
    const created = await createFrom(provider(), news);
    assertPlainJson(created.outs);
    assert.deepStrictEqual(created.outs.params, news.params);
    const [api] = await policies(lb.id);
    assert.strictEqual(api.id, created.id);
    assert.strictEqual(String(api.methodname).toLowerCase(), "lbcookie");
    assert.deepStrictEqual((await plan(provider(), created, news)).diff, NO_CHANGE);
    assert.deepStrictEqual((await plan(provider(), created, { ...news, method: "lbcookie", params: { mode: "insert", "Cookie-Name": "SERVERID" } })).diff, NO_CHANGE);
  });

  it("changes the display flag in place; a new parameter replaces the policy, deleting first", async () => {
    const news = { loadBalancerRuleId: lb.id, name: "source", method: "SourceBased", params: { tablesize: "200k", expire: "30m" } };
    let current = await createFrom(provider(), news);
    current = await updateTo(provider(), current, { ...news, forDisplay: false });
    assert.strictEqual((await policies(lb.id))[0].fordisplay, false);
    const { checked, diff } = await plan(provider(), current, { ...news, forDisplay: false, params: { tablesize: "300k", expire: "30m" } });
    assert.deepStrictEqual(diff, { changes: true, replaces: ["params"], deleteBeforeReplace: true });
    const replaced = await replaceDeletingFirst(provider(), current, checked);
    const now = await policies(lb.id);
    assert.deepStrictEqual(now.map((p) => p.id), [replaced.id]);
  });

  it("is gone once deleted out of band, and deletes twice without error", async () => {
    const created = await createFrom(provider(), { loadBalancerRuleId: lb.id, name: "app", method: "AppCookie", params: { "cookie-name": "JSESSIONID" } });
    await fx.admin.client.execute("deleteLBStickinessPolicy", { id: created.id });
    assert.deepStrictEqual(await provider().read(created.id, created.outs), { id: "", props: {} });
    await provider().delete(created.id, created.outs);
    await provider().delete(created.id, created.outs);
  });

  it("reads a policy by id alone (get), and adopts one made out of band with importId", async () => {
    const made = await fx.admin.client.execute("createLBStickinessPolicy", {
      lbruleid: lb.id,
      name: "made",
      methodname: "SourceBased",
      param: [{ name: "expire", value: "3h" }],
    });
    const id = String(((made.stickinesspolicies as Record<string, unknown>).stickinesspolicy as Policy[])[0].id);
    const got = await provider().read(id, {});
    assert.strictEqual(got.id, id);
    assert.deepStrictEqual(got.inputs?.params, { expire: "3h" });
    assert.strictEqual(got.inputs?.loadBalancerRuleId, lb.id);
    const news = { loadBalancerRuleId: lb.id, name: "made", method: "SourceBased", params: { expire: "3h" } };
    const adopted = await createFrom(provider(), { ...news, importId: id });
    assert.strictEqual(adopted.id, id);
    assert.deepStrictEqual((await plan(provider(), adopted, news)).diff, NO_CHANGE);
    const wrong = await provider().check({}, { ...news, params: { expire: "4h" }, importId: id });
    await assert.rejects(provider().create(wrong.inputs), /cannot adopt LbStickinessPolicy .*params/);
  });

  it("reads a display flag changed out of band as drift to undo in place", async () => {
    const news = { loadBalancerRuleId: lb.id, name: "shown", method: "LbCookie", forDisplay: true };
    const created = await createFrom(provider(), news);
    await fx.admin.client.execute("updateLBStickinessPolicy", { id: created.id, fordisplay: false });
    const read = await provider().read(created.id, created.outs);
    assert.strictEqual(read.props.forDisplay, false);
    assert.deepStrictEqual((await plan(provider(), { id: created.id, outs: read.props }, news)).diff, { changes: true, replaces: [], deleteBeforeReplace: false });
  });

  describe("bad inputs", () => {
    it("checks each method's parameters before any call", async () => {
      const wrongParam = await checkFailures(fx.sim, provider(), { loadBalancerRuleId: lb.id, name: "x", method: "SourceBased", params: { "cookie-name": "a" } });
      assert.deepStrictEqual(wrongParam.map((f) => f.reason), [
        'params.cookie-name: "a" is not a parameter of method SourceBased; its parameters are: tablesize, expire, holdtime',
      ]);
      const badValues = await checkFailures(fx.sim, provider(), {
        loadBalancerRuleId: lb.id,
        name: "x",
        method: "AppCookie",
        params: { length: "long", holdtime: "3 hours", mode: "cookie" },
      });
      assert.deepStrictEqual(badValues.map((f) => f.property).sort(), ["params.holdtime", "params.length", "params.mode"]);
      const badMethod = await checkFailures(fx.sim, provider(), { loadBalancerRuleId: "not-an-id", name: "x", method: "Cookie" });
      assert.deepStrictEqual(badMethod.map((f) => f.property).sort(), ["loadBalancerRuleId", "method"]);
      assert.deepStrictEqual(await policies(lb.id), []);
    });

    it("passes on CloudStack's refusal of a parameter the provider needs", async () => {
      const checked = await provider().check({}, { loadBalancerRuleId: lb.id, name: "x", method: "AppCookie", params: { name: "SESSION" } });
      assert.deepStrictEqual(checked.failures, [], "name is an AppCookie parameter of NetScaler");
      await assert.rejects(provider().create(checked.inputs), /Stickiness policy does not support param name :name/);
      assert.deepStrictEqual(await policies(lb.id), []);
    });
  });
});
