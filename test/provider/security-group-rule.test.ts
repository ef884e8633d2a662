// SecurityGroupRule through the adapter against the simulator over real HTTP: one resource is the
// CloudStack rules one authorize call makes (one per CIDR and per allowed group); every change
// replaces it.
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
  replaceDeletingFirst,
  SecurityGroupFixture,
  startSecurityGroupFixture,
} from "../support/security-group-fixture";

describe("SecurityGroupRule against the simulator", function () {
  let fx: SecurityGroupFixture;
  let web: Applied;
  const provider = () => fx.admin.provider("SecurityGroupRule");
  const ssh = (extra: Props = {}): Props => ({ securityGroupId: web.id, protocol: "tcp", startPort: 22, cidrList: ["203.0.113.0/24", "2001:db8::/32"], ...extra });

  startedForEachTest(startSecurityGroupFixture, async (started) => {
    fx = started;
    web = await makeGroup(fx.admin, "web");
  });

  it("makes one CloudStack rule per CIDR, is identified by their ids, and plans no change after normalisation", async () => {
    const rule = await createFrom(provider(), ssh());
    const rows = await groupRows(fx, web.id);
    assert.deepStrictEqual(rows.map((r) => [r.direction, r.protocol, r.startport, r.endport, r.cidr]), [
      ["ingress", "tcp", 22, 22, "203.0.113.0/24"],
      ["ingress", "tcp", 22, 22, "2001:db8::/32"],
    ]);
    assert.strictEqual(rule.id, rows.map((r) => r.ruleid).join(","));
    assert.deepStrictEqual(rule.outs.ruleIds, rows.map((r) => r.ruleid));
    assert.strictEqual(rule.outs.securityGroupName, "web");
    assertPlainJson(rule.outs);
    assert.deepStrictEqual((await plan(provider(), rule, ssh())).diff, NO_CHANGE);
    const respelled = ssh({ protocol: "TCP", endPort: 22, trafficType: "ingress", cidrList: ["2001:db8::/32", "203.0.113.0/24"] });
    assert.deepStrictEqual((await plan(provider(), rule, respelled)).diff, NO_CHANGE);
  });

  it("allows another group, egress ICMP, and protocol numbers as CloudStack stores them", async () => {
    const byGroup = await createFrom(provider(), { securityGroupId: web.id, protocol: "tcp", startPort: 80, endPort: 81, allowedGroups: [{ account: "admin", group: "default" }] });
    const echo = await createFrom(provider(), { securityGroupId: web.id, trafficType: "Egress", protocol: "1", cidrList: ["0.0.0.0/0"] });
    const gre = await createFrom(provider(), { securityGroupId: web.id, protocol: "47", cidrList: ["198.51.100.0/24"] });
    const rows = await groupRows(fx, web.id);
    assert.deepStrictEqual(rows.map((r) => [r.direction, r.protocol, r.securitygroupname ?? r.cidr, r.startport ?? r.icmptype]), [
      ["ingress", "tcp", "default", 80],
      ["ingress", "47", "198.51.100.0/24", 0],
      ["egress", "icmp", "0.0.0.0/0", -1],
    ]);
    for (const [applied, news] of [
      [byGroup, { securityGroupId: web.id, protocol: "tcp", startPort: 80, endPort: 81, allowedGroups: [{ account: "admin", group: "default" }] }],
      [echo, { securityGroupId: web.id, trafficType: "Egress", protocol: "icmp", icmpType: -1, icmpCode: -1, cidrList: ["0.0.0.0/0"] }],
      [gre, { securityGroupId: web.id, protocol: "47", cidrList: ["198.51.100.0/24"] }],
    ] as Array<[Applied, Props]>) {
      assert.deepStrictEqual((await plan(provider(), applied, news)).diff, NO_CHANGE, JSON.stringify(news));
    }
  });

  it("replaces on every change, revoking the old rules first where the contents overlap", async () => {
    const rule = await createFrom(provider(), ssh());
    for (const [news, replaces] of [
      [ssh({ startPort: 2222 }), ["startPort"]],
      [ssh({ cidrList: ["203.0.113.0/24"] }), ["cidrList"]],
      [ssh({ trafficType: "Egress" }), ["trafficType"]],
      [ssh({ protocol: "udp" }), ["protocol"]],
    ] as Array<[Props, string[]]>) {
      const { diff } = await plan(provider(), rule, news);
      assert.deepStrictEqual(diff.replaces, replaces, JSON.stringify(news));
    }
    const narrower = await plan(provider(), rule, ssh({ cidrList: ["203.0.113.0/24"] }));
    assert.strictEqual(narrower.diff.deleteBeforeReplace, true, "203.0.113.0/24 is in both");
    assert.strictEqual((await plan(provider(), rule, ssh({ startPort: 2222 }))).diff.deleteBeforeReplace, false);

    const mark = fx.jobs.length;
    const replaced = await replaceDeletingFirst(provider(), rule, narrower.checked);
    assert.deepStrictEqual(jobsSince(fx, mark), ["revokeSecurityGroupIngress", "revokeSecurityGroupIngress", "authorizeSecurityGroupIngress"]);
    assert.deepStrictEqual((await groupRows(fx, web.id)).map((r) => r.cidr), ["203.0.113.0/24"]);
    assert.deepStrictEqual((await plan(provider(), replaced, ssh({ cidrList: ["203.0.113.0/24"] }))).diff, NO_CHANGE);
  });

  it("refuses rules that are already there and leaves the group as it was", async () => {
    await fx.admin.client.execute("authorizeSecurityGroupIngress", { securitygroupid: web.id, protocol: "tcp", startport: 22, endport: 22, cidrlist: "203.0.113.0/24" });
    const [existing] = await groupRows(fx, web.id);
    const all = await provider().check({}, ssh({ cidrList: ["203.0.113.0/24"] }));
    await assert.rejects(provider().create(all.inputs), new RegExp(`already has 1 rule\\(s\\) with this content \\(${String(existing.ruleid)}\\); nothing was created.*importId`));
    const some = await provider().check({}, ssh());
    await assert.rejects(provider().create(some.inputs), /already has 1 rule\(s\) with this content/);
    assert.deepStrictEqual((await groupRows(fx, web.id)).map((r) => r.ruleid), [existing.ruleid], "the rule added for the other CIDR was taken back");
  });

  it("adopts rules by their ids with importId, and one rule by its id with get()", async () => {
    await fx.admin.client.execute("authorizeSecurityGroupIngress", { securitygroupid: web.id, protocol: "tcp", startport: 22, endport: 22, cidrlist: "203.0.113.0/24,2001:db8::/32" });
    const ids = (await groupRows(fx, web.id)).map((r) => String(r.ruleid));
    const adopted = await createFrom(provider(), { ...ssh(), importId: ids.join(",") });
    assert.strictEqual(adopted.id, ids.join(","));
    assert.deepStrictEqual((await plan(provider(), adopted, ssh())).diff, NO_CHANGE);
    const got = await provider().read(ids[1], {});
    assert.deepStrictEqual([got.id, got.inputs?.securityGroupId, got.inputs?.cidrList, got.inputs?.startPort], [ids[1], web.id, ["2001:db8::/32"], 22]);
    const mixed = await fx.admin.client.execute("authorizeSecurityGroupEgress", { securitygroupid: web.id, cidrlist: "0.0.0.0/0" });
    const egressId = String(((mixed.securitygroup as Props).egressrule as Props[])[0].ruleid);
    await assert.rejects(provider().read(`${ids[0]},${egressId}`, {}), /differ in direction, protocol or ports/);
  });

  it("sees a rule revoked out of band; a change is planned, and deleting twice is no error", async () => {
    const rule = await createFrom(provider(), ssh());
    await fx.admin.client.execute("revokeSecurityGroupIngress", { id: (rule.outs.ruleIds as string[])[1] });
    const read = await provider().read(rule.id, rule.outs);
    assert.deepStrictEqual(read.inputs?.cidrList, ["203.0.113.0/24"]);
    const diff = await provider().diff(rule.id, read.props, (await provider().check(read.props, ssh())).inputs);
    assert.deepStrictEqual(diff.replaces, ["cidrList"]);
    await provider().delete(rule.id, read.props);
    assert.deepStrictEqual(await groupRows(fx, web.id), []);
    assert.strictEqual((await provider().read(rule.id, rule.outs)).id, "");
    await provider().delete(rule.id, rule.outs);
  });

  it("names every bad input at check, before anything reaches CloudStack", async () => {
    const reasons = async (news: Props) => (await checkFailures(fx.sim, provider(), news)).map((f) => `${f.property}: ${f.reason}`);
    const id = web.id;
    assert.match((await reasons({ securityGroupId: id, protocol: "tcp", cidrList: ["0.0.0.0/0"] })).join("\n"), /startPort is required with protocol tcp/);
    assert.match((await reasons({ securityGroupId: id, protocol: "icmp", startPort: 1, cidrList: ["0.0.0.0/0"] })).join("\n"), /startPort: 1 cannot be set with protocol icmp/);
    assert.match((await reasons({ securityGroupId: id, protocol: "47", startPort: 1, cidrList: ["0.0.0.0/0"] })).join("\n"), /CloudStack ignores ports for protocol number 47/);
    assert.match((await reasons({ securityGroupId: id, protocol: "icmp", icmpCode: 3, cidrList: ["0.0.0.0/0"] })).join("\n"), /icmpCode: 3 needs icmpType as well/);
    assert.match((await reasons({ securityGroupId: id, protocol: "icmp", icmpType: 8, cidrList: ["0.0.0.0/0"] })).join("\n"), /icmpCode: .*is required with icmpType 8/);
    assert.match((await reasons({ securityGroupId: id, protocol: "tcp", startPort: 1, icmpType: 8, cidrList: ["0.0.0.0/0"] })).join("\n"), /icmpType: 8 applies only to protocol icmp/);
    assert.match((await reasons({ securityGroupId: id, protocol: "tcp", startPort: 90, endPort: 80, cidrList: ["0.0.0.0/0"] })).join("\n"), /endPort: 80 is below startPort 90/);
    assert.match((await reasons({ securityGroupId: id })).join("\n"), /cidrList: null is empty and so is allowedGroups/);
    assert.match((await reasons({ securityGroupId: id, cidrList: ["10.0.0.0/33"] })).join("\n"), /cidrList.0: "10.0.0.0\/33" is not a CIDR/);
    assert.match((await reasons({ securityGroupId: id, protocol: "gre", cidrList: ["0.0.0.0/0"] })).join("\n"), /protocol: "gre" is not a protocol/);
    assert.match((await reasons({ securityGroupId: id, trafficType: "inbound", cidrList: ["0.0.0.0/0"] })).join("\n"), /trafficType: "inbound" is not one of "Ingress", "Egress"/);
    assert.match((await reasons({ securityGroupId: id, allowedGroups: [{ account: "admin" }] })).join("\n"), /allowedGroups.0.group is required/);
    assert.match((await reasons({ securityGroupId: "web", cidrList: ["0.0.0.0/0"] })).join("\n"), /securityGroupId: "web" is not a UUID/);
  });
});
