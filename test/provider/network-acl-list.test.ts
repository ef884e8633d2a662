// NetworkAclList through the adapter against the simulator over real HTTP.
import * as assert from "assert";
import { CloudStackApiError } from "../../provider/client";
import { startedForEachTest } from "../support/fixture-hooks";
import {
  adminList,
  assertPlainJson,
  checkRefuses,
  createFrom,
  makeAclList,
  makeTier,
  makeVpc,
  NO_CHANGE,
  plan,
  replace,
  startVpcFixture,
  updateTo,
  VpcFixture,
} from "../support/vpc-fixture";

describe("NetworkAclList against the simulator", function () {
  let fx: VpcFixture;
  const provider = () => fx.admin.provider("NetworkAclList");

  startedForEachTest(startVpcFixture, (started) => (fx = started));

  it("creates a list in a VPC and plans no change after", async () => {
    const vpc = await makeVpc(fx);
    const news = { vpcId: vpc.id, name: "web-acl" };
    const acl = await createFrom(provider(), news);
    assert.strictEqual(acl.outs.vpcName, "vpc-1");
    assertPlainJson(acl.outs);
    const [api] = await adminList(fx, "listNetworkACLLists", { id: acl.id });
    assert.strictEqual(api.vpcid, vpc.id);
    assert.deepStrictEqual((await plan(provider(), acl, news)).diff, NO_CHANGE);
  });

  it("updates name and description in place, and replaces on another VPC", async () => {
    const vpc = await makeVpc(fx);
    const acl = await makeAclList(fx, vpc, "web-acl");
    const news = { vpcId: vpc.id, name: "front", description: "front tier" };
    const updated = await updateTo(provider(), acl, news);
    const [api] = await adminList(fx, "listNetworkACLLists", { id: acl.id });
    assert.strictEqual(api.name, "front");
    assert.strictEqual(api.description, "front tier");
    assert.deepStrictEqual((await plan(provider(), updated, news)).diff, NO_CHANGE);

    const other = await makeVpc(fx, { name: "vpc-2", cidr: "10.9.0.0/16" });
    const moved = await plan(provider(), updated, { ...news, vpcId: other.id });
    assert.deepStrictEqual(moved.diff, { changes: true, replaces: ["vpcId"], deleteBeforeReplace: false });
    const replacement = await replace(provider(), updated, moved.checked);
    assert.strictEqual(replacement.outs.vpcId, other.id);
  });

  it("sees a list deleted out of band as gone (hard-deleted: 431), and deletes twice without error", async () => {
    const vpc = await makeVpc(fx);
    const acl = await makeAclList(fx, vpc, "web-acl");
    await fx.admin.client.execute("deleteNetworkACLList", { id: acl.id });
    assert.deepStrictEqual(await provider().read(acl.id, acl.outs), { id: "", props: {} });
    await provider().delete(acl.id, acl.outs);
    await provider().delete(acl.id, acl.outs);
  });

  it("lets CloudStack's refusal through while a tier uses the list", async () => {
    const vpc = await makeVpc(fx);
    const acl = await makeAclList(fx, vpc, "web-acl");
    await makeTier(fx, vpc, "web", "10.0.1.0/24", { aclId: acl.id });
    await assert.rejects(provider().delete(acl.id, acl.outs), (err: unknown) => {
      assert.ok(err instanceof CloudStackApiError);
      assert.match(err.message, /ACL is still associated with 1 tier\(s\)\. Cannot delete network ACL: /);
      return true;
    });
  });

  it("refreshes drift, reads from the id alone, and adopts with importId", async () => {
    const vpc = await makeVpc(fx);
    const made = await fx.admin.client.execute("createNetworkACLList", { vpcid: vpc.id, name: "existing" });
    const id = String((made.networkacllist as Record<string, unknown>).id);
    const read = await provider().read(id, {});
    assert.strictEqual(read.inputs?.vpcId, vpc.id);
    assert.strictEqual(read.inputs?.name, "existing");

    const news = { vpcId: vpc.id, name: "existing", description: "adopted" };
    const adopted = await provider().create((await provider().check({}, { ...news, importId: id })).inputs);
    assert.strictEqual(adopted.id, id);
    assert.strictEqual((await adminList(fx, "listNetworkACLLists", { id }))[0].description, "adopted");

    await fx.admin.client.execute("updateNetworkACLList", { id, description: "by hand" });
    const drifted = await provider().read(id, adopted.outs);
    assert.strictEqual(drifted.inputs?.description, "by hand");
    assert.deepStrictEqual((await plan(provider(), { id, outs: drifted.props }, news)).diff, { changes: true, replaces: [], deleteBeforeReplace: false });
  });

  it("refuses bad inputs at check, creating nothing", async () => {
    const reasons = await checkRefuses(fx, "NetworkAclList", { vpcId: "not-a-uuid", name: "" });
    assert.strictEqual(reasons.length, 2, reasons.join("\n"));
    assert.ok(reasons.some((r) => r.startsWith('vpcId: "not-a-uuid" is not a UUID')));
    assert.ok(reasons.some((r) => r === 'name: "" must not be empty'));
  });
});
