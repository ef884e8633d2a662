// SecurityGroupRuleset through the adapter against the simulator over real HTTP: every rule of a
// group, keyed by content, each change touching only the CloudStack rules that differ.
import * as assert from "assert";
import { startedForEachTest } from "../support/fixture-hooks";
import {
  Applied,
  assertPlainJson,
  checkFailures,
  createFrom,
  groupRows,
  jobsSince,
  makeGroup,
  NO_CHANGE,
  plan,
  Props,
  SecurityGroupFixture,
  startSecurityGroupFixture,
  updateTo,
} from "../support/security-group-fixture";

const WEB_RULES: Props[] = [
  { protocol: "tcp", startPort: 22, cidrList: ["203.0.113.0/24"] },
  { protocol: "tcp", startPort: 80, cidrList: ["0.0.0.0/0", "::/0"] },
  { protocol: "tcp", startPort: 443, cidrList: ["0.0.0.0/0"] },
  { trafficType: "Egress", protocol: "udp", startPort: 53, endPort: 53, cidrList: ["10.0.0.0/8"] },
];

describe("SecurityGroupRuleset against the simulator", function () {
  let fx: SecurityGroupFixture;
  let web: Applied;
  const provider = () => fx.admin.provider("SecurityGroupRuleset");
  const ids = async () => new Map((await groupRows(fx, web.id)).map((r) => [`${r.direction} ${String(r.startport)} ${String(r.cidr)}`, String(r.ruleid)]));

  startedForEachTest(startSecurityGroupFixture, async (started) => {
    fx = started;
    web = await makeGroup(fx.admin, "web");
  });

  const withRules = (rules: Props[]) => createFrom(provider(), { securityGroupId: web.id, rules });

  it("authorizes every rule, reports their ids by content, and sees no change when reordered or regrouped", async () => {
    const set = await withRules(WEB_RULES);
    assert.strictEqual(set.id, web.id, "the ruleset is identified by its group");
    const rows = await groupRows(fx, web.id);
    assert.strictEqual(rows.length, 5);
    assert.deepStrictEqual(set.outs.ruleIds, {
      "ingress tcp 22:22 cidr 203.0.113.0/24": rows[0].ruleid,
      "ingress tcp 80:80 cidr 0.0.0.0/0": rows[1].ruleid,
      "ingress tcp 80:80 cidr ::/0": rows[2].ruleid,
      "ingress tcp 443:443 cidr 0.0.0.0/0": rows[3].ruleid,
      "egress udp 53:53 cidr 10.0.0.0/8": rows[4].ruleid,
    });
    assertPlainJson(set.outs);
    assert.deepStrictEqual((await plan(provider(), set, { securityGroupId: web.id, rules: WEB_RULES })).diff, NO_CHANGE);
    const regrouped = [
      WEB_RULES[3],
      { protocol: "TCP", startPort: 80, endPort: 80, cidrList: ["::/0"] },
      { protocol: "tcp", startPort: 443, cidrList: ["0.0.0.0/0"] },
      { protocol: "tcp", startPort: 80, cidrList: ["0.0.0.0/0"] },
      WEB_RULES[0],
    ];
    assert.deepStrictEqual((await plan(provider(), set, { securityGroupId: web.id, rules: regrouped })).diff, NO_CHANGE);
  });

  it("adds a rule by authorizing only it, and removes one CIDR by revoking only its rule", async () => {
    const set = await withRules(WEB_RULES);
    const before = await ids();
    let mark = fx.jobs.length;
    const more = [...WEB_RULES, { protocol: "icmp", icmpType: 8, icmpCode: 0, cidrList: ["0.0.0.0/0"] }];
    const added = await updateTo(provider(), set, { securityGroupId: web.id, rules: more });
    assert.deepStrictEqual(jobsSince(fx, mark), ["authorizeSecurityGroupIngress"]);
    assert.strictEqual(fx.jobs[fx.jobs.length - 1].params.protocol, "icmp");
    for (const [key, id] of before) assert.strictEqual((await ids()).get(key), id, `${key} is the same rule`);

    mark = fx.jobs.length;
    const fewer = [WEB_RULES[0], { ...WEB_RULES[1], cidrList: ["0.0.0.0/0"] }, WEB_RULES[2], WEB_RULES[3], more[4]];
    const removed = await updateTo(provider(), added, { securityGroupId: web.id, rules: fewer });
    assert.deepStrictEqual(jobsSince(fx, mark), ["revokeSecurityGroupIngress"]);
    assert.strictEqual(fx.jobs[fx.jobs.length - 1].params.id, before.get("ingress 80 ::/0"));
    assert.strictEqual((await groupRows(fx, web.id)).length, 5);
    assert.deepStrictEqual((await plan(provider(), removed, { securityGroupId: web.id, rules: fewer })).diff, NO_CHANGE);
  });

  it("refuses to create over a group with other rules, and adopts them with importId", async () => {
    await fx.admin.client.execute("authorizeSecurityGroupIngress", { securitygroupid: web.id, protocol: "tcp", startport: 22, endport: 22, cidrlist: "203.0.113.0/24" });
    await fx.admin.client.execute("authorizeSecurityGroupIngress", { securitygroupid: web.id, protocol: "tcp", startport: 3306, endport: 3306, cidrlist: "0.0.0.0/0" });
    const checked = await provider().check({}, { securityGroupId: web.id, rules: WEB_RULES });
    await assert.rejects(provider().create(checked.inputs), /already has 1 rule\(s\) this ruleset does not declare \(ingress tcp 3306:3306 cidr 0.0.0.0\/0\); nothing was changed.*importId/);
    assert.strictEqual((await groupRows(fx, web.id)).length, 2);

    const kept = (await ids()).get("ingress 22 203.0.113.0/24");
    const mark = fx.jobs.length;
    const adopted = await createFrom(provider(), { securityGroupId: web.id, rules: WEB_RULES, importId: web.id });
    assert.deepStrictEqual(jobsSince(fx, mark).sort(), [
      "authorizeSecurityGroupEgress",
      "authorizeSecurityGroupIngress",
      "authorizeSecurityGroupIngress",
      "revokeSecurityGroupIngress",
    ]);
    assert.strictEqual((await ids()).get("ingress 22 203.0.113.0/24"), kept, "the rule it declares is kept");
    assert.deepStrictEqual((await plan(provider(), adopted, { securityGroupId: web.id, rules: WEB_RULES })).diff, NO_CHANGE);
  });

  it("sees rules added and revoked out of band, and the next update puts them back", async () => {
    const set = await withRules(WEB_RULES);
    await fx.admin.client.execute("revokeSecurityGroupIngress", { id: (await ids()).get("ingress 443 0.0.0.0/0") });
    await fx.admin.client.execute("authorizeSecurityGroupIngress", { securitygroupid: web.id, protocol: "all", cidrlist: "0.0.0.0/0" });
    const read = await provider().read(web.id, set.outs);
    const diff = await provider().diff(web.id, read.props, (await provider().check(read.props, { securityGroupId: web.id, rules: WEB_RULES })).inputs);
    assert.deepStrictEqual([diff.changes, diff.replaces], [true, []]);
    const mark = fx.jobs.length;
    const repaired = await updateTo(provider(), { id: web.id, outs: read.props }, { securityGroupId: web.id, rules: WEB_RULES });
    assert.deepStrictEqual(jobsSince(fx, mark).sort(), ["authorizeSecurityGroupIngress", "revokeSecurityGroupIngress"]);
    assert.strictEqual((await groupRows(fx, web.id)).length, 5);
    assert.deepStrictEqual((await plan(provider(), repaired, { securityGroupId: web.id, rules: WEB_RULES })).diff, NO_CHANGE);
  });

  it("revokes every rule on delete (twice without error), and sees a deleted group as gone", async () => {
    const set = await withRules(WEB_RULES);
    await provider().delete(set.id, set.outs);
    assert.deepStrictEqual(await groupRows(fx, web.id), []);
    await provider().delete(set.id, set.outs);
    await fx.admin.client.execute("deleteSecurityGroup", { id: web.id });
    assert.strictEqual((await provider().read(web.id, set.outs)).id, "");
  });

  it("names a bad rule by its place in the list at check", async () => {
    const failures = await checkFailures(fx.sim, provider(), {
      securityGroupId: web.id,
      rules: [WEB_RULES[0], { protocol: "udp", cidrList: ["0.0.0.0/0"] }, { protocol: "all", startPort: 1, cidrList: [] }],
    });
    assert.deepStrictEqual(failures.map((f) => f.property).sort(), ["rules[1].startPort", "rules[2].cidrList", "rules[2].startPort"]);
  });
});
