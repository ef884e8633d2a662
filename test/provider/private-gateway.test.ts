// PrivateGateway through the adapter against the simulator over real HTTP.
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
  Props,
  replaceDeletingFirst,
  startVpcFixture,
  updateTo,
  VpcFixture,
} from "../support/vpc-fixture";

describe("PrivateGateway against the simulator", function () {
  let fx: VpcFixture;
  let vpc: Applied;
  const provider = () => fx.admin.provider("PrivateGateway");
  const gatewayInputs = (extra: Props = {}): Props => ({
    vpcId: vpc.id,
    vlan: "500",
    ipAddress: "172.16.0.2",
    gateway: "172.16.0.1",
    netmask: "255.255.255.0",
    ...extra,
  });
  const row = async (id: string) => (await adminList(fx, "listPrivateGateways", { id, listall: true }))[0];

  startedForEachTest(startVpcFixture, async (started) => {
    fx = started;
    vpc = await makeVpc(fx);
  });

  it("creates a Ready gateway with source NAT and its own ACL, and plans no change after", async () => {
    const acl = await makeAclList(fx, vpc, "gw-acl");
    const news = gatewayInputs({ sourceNatSupported: true, aclId: acl.id });
    const gw = await createFrom(provider(), news);
    assert.strictEqual(gw.outs.state, "Ready");
    assert.strictEqual(gw.outs.aclId, acl.id);
    assert.strictEqual(gw.outs.sourceNatSupported, true);
    assert.strictEqual(gw.outs.vlan, "500", "the user's spelling is kept");
    assertPlainJson(gw.outs);
    const api = await row(gw.id);
    assert.strictEqual(api.vlan, "vlan://500");
    assert.strictEqual(api.sourcenatsupported, true);
    assert.deepStrictEqual((await plan(provider(), gw, news)).diff, NO_CHANGE);
    assert.deepStrictEqual((await plan(provider(), gw, { ...news, vlan: "vlan://500" })).diff, NO_CHANGE);
  });

  it("gets default_deny without an ACL, and changes its ACL in place with replaceNetworkACLList", async () => {
    const gw = await createFrom(provider(), gatewayInputs());
    assert.strictEqual(gw.outs.aclName, "default_deny");
    assert.deepStrictEqual((await plan(provider(), gw, gatewayInputs())).diff, NO_CHANGE, "the default ACL is no change");
    const acl = await makeAclList(fx, vpc, "gw-acl");
    const mark = fx.jobs.length;
    const news = gatewayInputs({ aclId: acl.id });
    const updated = await updateTo(provider(), gw, news);
    assert.deepStrictEqual(jobsSince(fx, mark), ["replaceNetworkACLList"]);
    assert.strictEqual(fx.jobs[fx.jobs.length - 1].params.gatewayid, gw.id);
    assert.strictEqual((await row(gw.id)).aclid, acl.id);
    assert.deepStrictEqual((await plan(provider(), updated, news)).diff, NO_CHANGE);
  });

  it("replaces on a new address, deleting the old gateway first on the same VLAN", async () => {
    const gw = await createFrom(provider(), gatewayInputs());
    const moved = await plan(provider(), gw, gatewayInputs({ ipAddress: "172.16.0.3" }));
    assert.deepStrictEqual(moved.diff, { changes: true, replaces: ["ipAddress"], deleteBeforeReplace: true });
    const replacement = await replaceDeletingFirst(provider(), gw, moved.checked);
    assert.strictEqual((await row(replacement.id)).ipaddress, "172.16.0.3");
    assert.strictEqual(await row(gw.id), undefined);
    const elsewhere = await plan(provider(), replacement, gatewayInputs({ vlan: "501", ipAddress: "172.17.0.2", gateway: "172.17.0.1" }));
    assert.strictEqual(elsewhere.diff.deleteBeforeReplace, false, "another VLAN and address do not collide");
  });

  it("sees a gateway deleted out of band as gone (soft-deleted: {}), deletes twice, and refreshes ACL drift", async () => {
    const acl = await makeAclList(fx, vpc, "gw-acl");
    const news = gatewayInputs({ aclId: acl.id });
    const gw = await createFrom(provider(), news);
    const defaultAllow = (await adminList(fx, "listNetworkACLLists", { name: "default_allow" }))[0];
    await fx.admin.client.execute("replaceNetworkACLList", { aclid: String(defaultAllow.id), gatewayid: gw.id });
    const read = await provider().read(gw.id, gw.outs);
    assert.strictEqual(read.inputs?.aclId, defaultAllow.id);
    assert.deepStrictEqual((await plan(provider(), { id: gw.id, outs: read.props }, news)).diff, { changes: true, replaces: [], deleteBeforeReplace: false });

    await fx.admin.client.execute("deletePrivateGateway", { id: gw.id });
    assert.deepStrictEqual(await provider().read(gw.id, gw.outs), { id: "", props: {} });
    await provider().delete(gw.id, gw.outs);
    await provider().delete(gw.id, gw.outs);
  });

  it("reads from the id alone and adopts with importId", async () => {
    const made = await fx.admin.client.execute("createPrivateGateway", {
      vpcid: vpc.id,
      vlan: "600",
      ipaddress: "172.18.0.2",
      gateway: "172.18.0.1",
      netmask: "255.255.255.0",
    });
    const id = String((made.privategateway as Props).id);
    const read = await provider().read(id, {});
    assert.deepStrictEqual([read.inputs?.vpcId, read.inputs?.ipAddress, read.inputs?.vlan], [vpc.id, "172.18.0.2", "vlan://600"]);
    const acl = await makeAclList(fx, vpc, "adopted-acl");
    const news = gatewayInputs({ vlan: "600", ipAddress: "172.18.0.2", gateway: "172.18.0.1", aclId: acl.id });
    const adopted = await provider().create((await provider().check({}, { ...news, importId: id })).inputs);
    assert.strictEqual(adopted.id, id);
    assert.strictEqual((await row(id)).aclid, acl.id, "the ACL is applied on adoption");
    await assert.rejects(
      provider().create((await provider().check({}, { ...news, ipAddress: "172.18.0.9", importId: id })).inputs),
      /cannot adopt PrivateGateway .*ipAddress is "172\.18\.0\.2" there but "172\.18\.0\.9"/,
    );
  });

  it("refuses bad inputs at check, creating nothing, and lets CloudStack refuse an ACL of another VPC", async () => {
    const both = await checkRefuses(fx, "PrivateGateway", gatewayInputs({ associatedNetworkId: "6f1e7c1a-0000-4000-8000-000000000000" }));
    assert.deepStrictEqual(both, ['associatedNetworkId: "6f1e7c1a-0000-4000-8000-000000000000" cannot be combined with vlan: give one or the other']);
    const neither = await checkRefuses(fx, "PrivateGateway", gatewayInputs({ vlan: undefined, ipAddress: "172.20.0.2", netmask: "255.255.0.255" }));
    assert.ok(neither.includes("vlan or associatedNetworkId is required (CloudStack needs exactly one of them)"), neither.join("\n"));
    assert.ok(neither.some((r) => r.startsWith('netmask: "255.255.0.255" is not a valid IPv4 netmask')), neither.join("\n"));
    const outside = await checkRefuses(fx, "PrivateGateway", gatewayInputs({ ipAddress: "172.20.0.2" }));
    assert.deepStrictEqual(outside, ['ipAddress: "172.20.0.2" is not in the subnet of gateway 172.16.0.1/24']);

    const foreign = await makeAclList(fx, await makeVpc(fx, { name: "vpc-2", cidr: "10.9.0.0/16" }), "foreign");
    const checked = await provider().check({}, gatewayInputs({ aclId: foreign.id }));
    assert.deepStrictEqual(checked.failures, []);
    await assert.rejects(provider().create(checked.inputs), (err: unknown) => err instanceof CloudStackApiError && err.errorcode === 431);
    assert.deepStrictEqual(await adminList(fx, "listPrivateGateways", { vpcid: vpc.id, listall: true }), []);
  });
});
