// NetworkAclRuleset through the adapter against the simulator over real HTTP: rules keyed by
// number, each change touching only the rules that differ.
import * as assert from "assert";
import { startedForEachTest } from "../support/fixture-hooks";
import {
  Applied,
  aclItems,
  assertPlainJson,
  checkRefuses,
  createFrom,
  jobsSince,
  makeAclList,
  makeVpc,
  NO_CHANGE,
  plan,
  Props,
  startVpcFixture,
  updateTo,
  VpcFixture,
} from "../support/vpc-fixture";

const WEB_RULES = [
  { number: 10, protocol: "tcp", startPort: 80, cidrList: ["0.0.0.0/0"] },
  { number: 20, protocol: "tcp", startPort: 443, cidrList: ["0.0.0.0/0"] },
  { number: 100, protocol: "1", trafficType: "Egress" },
];

describe("NetworkAclRuleset against the simulator", function () {
  let fx: VpcFixture;
  let acl: Applied;
  const provider = () => fx.admin.provider("NetworkAclRuleset");
  const ids = async () => new Map([...(await aclItems(fx, acl.id))].map(([n, item]) => [n, String(item.id)]));

  startedForEachTest(startVpcFixture, async (started) => {
    fx = started;
    acl = await makeAclList(fx, await makeVpc(fx), "web-acl");
  });

  async function withRules(rules: Props[]): Promise<Applied> {
    return createFrom(provider(), { aclId: acl.id, rules });
  }

  it("creates every rule, reports their ids, and plans no change after CloudStack's normalisation", async () => {
    const set = await withRules(WEB_RULES);
    assert.strictEqual(set.id, acl.id, "the ruleset is identified by its list");
    const items = await aclItems(fx, acl.id);
    assert.deepStrictEqual([...items.keys()].sort((a, b) => a - b), [10, 20, 100]);
    assert.strictEqual(items.get(100)?.protocol, "icmp");
    assert.deepStrictEqual(set.outs.ruleIds, Object.fromEntries([...items].map(([n, item]) => [String(n), item.id])));
    assertPlainJson(set.outs);
    assert.deepStrictEqual((await plan(provider(), set, { aclId: acl.id, rules: WEB_RULES })).diff, NO_CHANGE);
    const reordered = [WEB_RULES[2], { ...WEB_RULES[1], protocol: "TCP", endPort: 443 }, WEB_RULES[0]];
    assert.deepStrictEqual((await plan(provider(), set, { aclId: acl.id, rules: reordered })).diff, NO_CHANGE);
  });

  it("inserts a rule numbered between two others by creating only that rule", async () => {
    const set = await withRules(WEB_RULES);
    const before = await ids();
    const mark = fx.jobs.length;
    const rules = [WEB_RULES[0], { number: 15, protocol: "tcp", startPort: 8080 }, WEB_RULES[1], WEB_RULES[2]];
    const updated = await updateTo(provider(), set, { aclId: acl.id, rules });
    assert.deepStrictEqual(jobsSince(fx, mark), ["createNetworkACL"]);
    assert.strictEqual(fx.jobs[fx.jobs.length - 1].params.number, "15");
    const after = await ids();
    for (const n of [10, 20, 100]) assert.strictEqual(after.get(n), before.get(n), `rule ${n} is the same rule`);
    assert.deepStrictEqual((await plan(provider(), updated, { aclId: acl.id, rules })).diff, NO_CHANGE);
  });

  it("changes one rule's port range in place, and deletes only a number left out", async () => {
    const set = await withRules(WEB_RULES);
    const before = await ids();
    let mark = fx.jobs.length;
    const ranged = [WEB_RULES[0], { ...WEB_RULES[1], startPort: 8443, endPort: 8450 }, WEB_RULES[2]];
    const updated = await updateTo(provider(), set, { aclId: acl.id, rules: ranged });
    assert.deepStrictEqual(jobsSince(fx, mark), ["updateNetworkACLItem"]);
    assert.strictEqual(fx.jobs[fx.jobs.length - 1].params.id, before.get(20));
    const item = (await aclItems(fx, acl.id)).get(20);
    assert.deepStrictEqual([item?.startport, item?.endport, item?.id], ["8443", "8450", before.get(20)]);

    mark = fx.jobs.length;
    const fewer = await updateTo(provider(), updated, { aclId: acl.id, rules: [ranged[0], ranged[1]] });
    assert.deepStrictEqual(jobsSince(fx, mark), ["deleteNetworkACL"]);
    assert.deepStrictEqual([...(await ids()).keys()].sort((a, b) => a - b), [10, 20]);
    assert.deepStrictEqual(Object.keys(fewer.outs.ruleIds as object).sort(), ["10", "20"]);
  });

  it("refuses to create over a list that has rules, and adopts them with importId", async () => {
    await fx.admin.client.execute("createNetworkACL", { aclid: acl.id, number: 10, protocol: "tcp", startport: 80 });
    await fx.admin.client.execute("createNetworkACL", { aclid: acl.id, number: 50, protocol: "udp", startport: 53 });
    const checked = await provider().check({}, { aclId: acl.id, rules: WEB_RULES });
    await assert.rejects(provider().create(checked.inputs), /already has 2 rule\(s\) \(numbers 10, 50\); nothing was changed.*importId/);
    assert.strictEqual((await aclItems(fx, acl.id)).size, 2);

    const existing = await ids();
    const mark = fx.jobs.length;
    const adopted = await provider().create((await provider().check({}, { aclId: acl.id, rules: WEB_RULES, importId: acl.id })).inputs);
    assert.strictEqual(adopted.id, acl.id);
    assert.deepStrictEqual(jobsSince(fx, mark).sort(), ["createNetworkACL", "createNetworkACL", "deleteNetworkACL", "updateNetworkACLItem"]);
    const after = await ids();
    assert.strictEqual(after.get(10), existing.get(10), "rule 10 is kept (its cidr updated in place)");
    assert.deepStrictEqual([...after.keys()].sort((a, b) => a - b), [10, 20, 100]);
    assert.deepStrictEqual((await plan(provider(), { id: acl.id, outs: adopted.outs }, { aclId: acl.id, rules: WEB_RULES })).diff, NO_CHANGE);
  });

  it("refreshes a rule changed out of band, and the next update puts it back", async () => {
    const set = await withRules(WEB_RULES);
    const id = (await ids()).get(10)!;
    await fx.admin.client.execute("updateNetworkACLItem", { id, startport: 81, endport: 81 });
    const read = await provider().read(acl.id, set.outs);
    const rule10 = (read.inputs?.rules as Props[]).find((r) => r.number === 10);
    assert.strictEqual(rule10?.startPort, 81);
    const drifted = { id: acl.id, outs: read.props };
    const repaired = await updateTo(provider(), drifted, { aclId: acl.id, rules: WEB_RULES });
    assert.strictEqual((await aclItems(fx, acl.id)).get(10)?.startport, "80");
    assert.deepStrictEqual((await plan(provider(), repaired, { aclId: acl.id, rules: WEB_RULES })).diff, NO_CHANGE);
  });

  it("deletes every rule of the list (twice without error), and sees a deleted list as gone", async () => {
    const set = await withRules(WEB_RULES);
    await provider().delete(set.id, set.outs);
    assert.strictEqual((await aclItems(fx, acl.id)).size, 0);
    assert.strictEqual((await adminLists()).includes(acl.id), true, "the list itself stays: NetworkAclList owns it");
    await provider().delete(set.id, set.outs);

    await fx.admin.client.execute("deleteNetworkACLList", { id: acl.id });
    assert.deepStrictEqual(await provider().read(set.id, set.outs), { id: "", props: {} });
    await provider().delete(set.id, set.outs);
  });

  it("replaces on another list", async () => {
    const set = await withRules(WEB_RULES);
    const other = await makeAclList(fx, await makeVpc(fx, { name: "vpc-2", cidr: "10.9.0.0/16" }), "other");
    const { diff } = await plan(provider(), set, { aclId: other.id, rules: WEB_RULES });
    assert.deepStrictEqual(diff, { changes: true, replaces: ["aclId"], deleteBeforeReplace: false });
  });

  it("refuses bad rules at check, naming the rule, and creates nothing", async () => {
    const reasons = await checkRefuses(fx, "NetworkAclRuleset", {
      aclId: acl.id,
      rules: [
        { number: 10, protocol: "tcp", startPort: 80 },
        { number: 10, protocol: "icmp", startPort: 22 },
        { number: 30, protocol: "tcp", startPort: 90, endPort: 80 },
      ],
    });
    assert.deepStrictEqual(reasons.sort(), [
      "rules[1].number: 10 is used by rules[0] too; rule numbers are unique in a list",
      'rules[1].startPort: 22 cannot be set with protocol icmp (CloudStack: "Can\'t specify start/end port when protocol is ICMP")',
      'rules[2].endPort: 80 is below startPort 90 (CloudStack: "Start port can\'t be bigger than end port")',
    ]);
    const missing = await checkRefuses(fx, "NetworkAclRuleset", { aclId: acl.id, rules: [{ protocol: "tcp" }] });
    assert.deepStrictEqual(missing, ["rules.0.number is required"]);
  });

  async function adminLists(): Promise<string[]> {
    return (await fx.admin.client.list<Props>("listNetworkACLLists", { id: acl.id })).map((l) => String(l.id));
  }
});
