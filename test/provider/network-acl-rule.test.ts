// NetworkAclRule through the adapter against the simulator over real HTTP.
import * as assert from "assert";
import { CloudStackApiError } from "../../provider/client";
import { startedForEachTest } from "../support/fixture-hooks";
import {
  Applied,
  adminList,
  assertPlainJson,
  checkRefuses,
  createFrom,
  jobsSince,
  makeAclList,
  makeVpc,
  NO_CHANGE,
  plan,
  replace,
  startVpcFixture,
  updateTo,
  VpcFixture,
} from "../support/vpc-fixture";

describe("NetworkAclRule against the simulator", function () {
  let fx: VpcFixture;
  let acl: Applied;
  const provider = () => fx.admin.provider("NetworkAclRule");
  const item = async (id: string) => (await adminList(fx, "listNetworkACLs", { id }))[0];

  startedForEachTest(startVpcFixture, async (started) => {
    fx = started;
    acl = await makeAclList(fx, await makeVpc(fx), "web-acl");
  });

  it("creates a tcp rule and plans no change after CloudStack's normalisation (ports as strings, cidrs joined, defaults)", async () => {
    const news = { aclId: acl.id, number: 10, protocol: "TCP", startPort: 80, cidrList: ["0.0.0.0/0"] };
    const rule = await createFrom(provider(), news);
    const api = await item(rule.id);
    assert.strictEqual(api.startport, "80");
    assert.strictEqual(api.endport, "80");
    assert.strictEqual(api.cidrlist, "0.0.0.0/0");
    assert.strictEqual(api.traffictype, "Ingress");
    assert.strictEqual(rule.outs.endPort, 80);
    assert.strictEqual(rule.outs.action, "Allow");
    assertPlainJson(rule.outs);
    assert.deepStrictEqual((await plan(provider(), rule, news)).diff, NO_CHANGE);
    assert.deepStrictEqual((await plan(provider(), rule, { ...news, protocol: "tcp", endPort: 80 })).diff, NO_CHANGE);
  });

  it("normalises icmp by number and CloudStack's defaults: no change on a second preview", async () => {
    const news = { aclId: acl.id, protocol: "1", trafficType: "egress" };
    const rule = await createFrom(provider(), news);
    const api = await item(rule.id);
    assert.strictEqual(api.protocol, "icmp", "CloudStack stores protocol 1 as icmp");
    assert.strictEqual(api.icmptype, -1);
    assert.strictEqual(api.cidrlist, "0.0.0.0/0,::/0");
    assert.strictEqual(rule.outs.number, 1, "CloudStack numbers the first rule 1");
    assert.deepStrictEqual((await plan(provider(), rule, news)).diff, NO_CHANGE);
    assert.deepStrictEqual((await plan(provider(), rule, { ...news, protocol: "icmp", icmpType: -1, cidrList: ["::/0", "0.0.0.0/0"] })).diff, NO_CHANGE);
  });

  it("changes the port range, protocol, CIDRs and action in place with updateNetworkACLItem", async () => {
    const rule = await createFrom(provider(), { aclId: acl.id, number: 10, protocol: "tcp", startPort: 80, endPort: 80 });
    let mark = fx.jobs.length;
    const ranged = await updateTo(provider(), rule, { aclId: acl.id, number: 10, protocol: "tcp", startPort: 8000, endPort: 8080 });
    assert.deepStrictEqual(jobsSince(fx, mark), ["updateNetworkACLItem"]);
    assert.strictEqual(ranged.id, rule.id);
    let api = await item(rule.id);
    assert.deepStrictEqual([api.startport, api.endport], ["8000", "8080"]);

    mark = fx.jobs.length;
    const news = { aclId: acl.id, number: 20, protocol: "icmp", cidrList: ["10.0.0.0/8"], action: "Deny", reason: "no pings from inside" };
    const changed = await updateTo(provider(), ranged, news);
    assert.deepStrictEqual(jobsSince(fx, mark), ["updateNetworkACLItem"]);
    api = await item(rule.id);
    assert.strictEqual(api.protocol, "icmp");
    assert.strictEqual(api.startport, undefined, "the ports the program dropped are cleared");
    assert.strictEqual(api.number, 20);
    assert.strictEqual(api.action, "Deny");
    assert.strictEqual(api.cidrlist, "10.0.0.0/8");
    assert.deepStrictEqual((await plan(provider(), changed, news)).diff, NO_CHANGE);
  });

  it("replaces on another list", async () => {
    const rule = await createFrom(provider(), { aclId: acl.id, protocol: "all" });
    const other = await makeAclList(fx, await makeVpc(fx, { name: "vpc-2", cidr: "10.9.0.0/16" }), "other");
    const moved = await plan(provider(), rule, { aclId: other.id, protocol: "all" });
    assert.deepStrictEqual(moved.diff, { changes: true, replaces: ["aclId"], deleteBeforeReplace: false });
    const replacement = await replace(provider(), rule, moved.checked);
    assert.strictEqual((await item(replacement.id)).aclid, other.id);
  });

  it("sees a rule deleted out of band as gone (431), deletes twice, and refreshes drift", async () => {
    const news = { aclId: acl.id, number: 5, protocol: "udp", startPort: 53 };
    const rule = await createFrom(provider(), news);
    await fx.admin.client.execute("updateNetworkACLItem", { id: rule.id, action: "Deny" });
    const read = await provider().read(rule.id, rule.outs);
    assert.strictEqual(read.inputs?.action, "Deny");
    assert.deepStrictEqual((await plan(provider(), { id: rule.id, outs: read.props }, news)).diff, { changes: true, replaces: [], deleteBeforeReplace: false });

    await fx.admin.client.execute("deleteNetworkACL", { id: rule.id });
    assert.deepStrictEqual(await provider().read(rule.id, rule.outs), { id: "", props: {} });
    await provider().delete(rule.id, rule.outs);
    await provider().delete(rule.id, rule.outs);
  });

  it("reads from the id alone and adopts with importId", async () => {
    const made = await fx.admin.client.execute("createNetworkACL", { aclid: acl.id, protocol: "tcp", startport: 443, number: 7 });
    const id = String((made.networkacl as Record<string, unknown>).id);
    const read = await provider().read(id, {});
    assert.deepStrictEqual([read.inputs?.aclId, read.inputs?.protocol, read.inputs?.startPort, read.inputs?.number], [acl.id, "tcp", 443, 7]);
    const news = { aclId: acl.id, number: 7, protocol: "tcp", startPort: 443, cidrList: ["192.0.2.0/24"] };
    const adopted = await provider().create((await provider().check({}, { ...news, importId: id })).inputs);
    assert.strictEqual(adopted.id, id);
    assert.strictEqual((await item(id)).cidrlist, "192.0.2.0/24", "in-place inputs are applied on adoption");
  });

  it("refuses bad inputs at check, creating nothing, and lets a duplicate number through to CloudStack", async () => {
    const reasons = await checkRefuses(fx, "NetworkAclRule", { aclId: acl.id, protocol: "icmp", startPort: 80, icmpCode: 300 });
    assert.ok(reasons.some((r) => r.startsWith("startPort: 80 cannot be set with protocol icmp")), reasons.join("\n"));
    assert.ok(reasons.some((r) => r.startsWith("icmpCode: 300 is not an ICMP type or code")), reasons.join("\n"));
    const more = await checkRefuses(fx, "NetworkAclRule", { aclId: acl.id, protocol: "gre", cidrList: ["10.0.0.0/33"] });
    assert.ok(more.some((r) => r.startsWith('protocol: "gre" is not a protocol')), more.join("\n"));
    assert.ok(more.some((r) => r.startsWith('cidrList.0: "10.0.0.0/33" is not a CIDR')), more.join("\n"));
    const typed = await checkRefuses(fx, "NetworkAclRule", { aclId: acl.id, protocol: "tcp", icmpType: 8, startPort: 90, endPort: 80 });
    assert.ok(typed.some((r) => r.startsWith("icmpType: 8 applies only to protocol icmp")), typed.join("\n"));
    assert.ok(typed.some((r) => r.startsWith("endPort: 80 is below startPort 90")), typed.join("\n"));

    await createFrom(provider(), { aclId: acl.id, number: 10, protocol: "all" });
    const checked = await provider().check({}, { aclId: acl.id, number: 10, protocol: "tcp", startPort: 22 });
    await assert.rejects(provider().create(checked.inputs), (err: unknown) => {
      assert.ok(err instanceof CloudStackApiError);
      assert.match(err.message, new RegExp(`ACL item with number 10 already exists in ACL: ${acl.id}`));
      return true;
    });
  });
});
