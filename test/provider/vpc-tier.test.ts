// Network as a VPC tier (vpcId, aclId) through the adapter, with the tier checks the registry
// adds, against the simulator over real HTTP.
import * as assert from "assert";
import { UNKNOWN } from "../../provider";
import { CloudStackApiError } from "../../provider/client";
import { startedForEachTest } from "../support/fixture-hooks";
import {
  adminList,
  checkRefuses,
  createFrom,
  jobsSince,
  makeAclList,
  makeTier,
  makeVpc,
  NO_CHANGE,
  plan,
  startVpcFixture,
  tierInputs,
  updateTo,
  VpcFixture,
} from "../support/vpc-fixture";

describe("Network as a VPC tier against the simulator", function () {
  let fx: VpcFixture;
  const provider = () => fx.admin.provider("Network");

  startedForEachTest(startVpcFixture, (started) => (fx = started));

  it("creates a tier with its ACL, taking the VPC's network domain, and plans no change after", async () => {
    const vpc = await makeVpc(fx, { networkDomain: "corp.internal" });
    const acl = await makeAclList(fx, vpc, "web-acl");
    const news = tierInputs(vpc, "web", "10.0.1.0/24", { aclId: acl.id });
    const tier = await createFrom(provider(), news);
    assert.strictEqual(tier.outs.vpcId, vpc.id);
    assert.strictEqual(tier.outs.aclId, acl.id);
    assert.strictEqual(tier.outs.networkDomain, "corp.internal");
    assert.strictEqual(tier.outs.gateway, "10.0.1.1");
    const [api] = await adminList(fx, "listNetworks", { id: tier.id });
    assert.strictEqual(api.vpcid, vpc.id);
    assert.strictEqual(api.aclid, acl.id);
    assert.deepStrictEqual((await plan(provider(), tier, news)).diff, NO_CHANGE);
  });

  it("changes the tier's ACL in place with replaceNetworkACLList", async () => {
    const vpc = await makeVpc(fx);
    const first = await makeAclList(fx, vpc, "first");
    const second = await makeAclList(fx, vpc, "second");
    const tier = await makeTier(fx, vpc, "app", "10.0.2.0/24", { aclId: first.id });
    const mark = fx.jobs.length;
    const news = tierInputs(vpc, "app", "10.0.2.0/24", { aclId: second.id });
    const updated = await updateTo(provider(), tier, news);
    assert.strictEqual(updated.id, tier.id);
    assert.strictEqual(updated.outs.aclId, second.id);
    assert.deepStrictEqual(jobsSince(fx, mark), ["replaceNetworkACLList"]);
    assert.strictEqual(fx.jobs[fx.jobs.length - 1].params.networkid, tier.id);
    assert.strictEqual((await adminList(fx, "listNetworks", { id: tier.id }))[0].aclid, second.id);
    assert.deepStrictEqual((await plan(provider(), updated, news)).diff, NO_CHANGE);

    // A tier created without an ACL gets one the same way.
    const bare = await makeTier(fx, vpc, "db", "10.0.3.0/24");
    assert.strictEqual(bare.outs.aclId, null);
    const given = await updateTo(provider(), bare, tierInputs(vpc, "db", "10.0.3.0/24", { aclId: first.id }));
    assert.strictEqual(given.outs.aclId, first.id);
  });

  it("refreshes an ACL swapped out of band, and the next preview swaps it back in place", async () => {
    const vpc = await makeVpc(fx);
    const mine = await makeAclList(fx, vpc, "mine");
    const theirs = await makeAclList(fx, vpc, "theirs");
    const news = tierInputs(vpc, "web", "10.0.1.0/24", { aclId: mine.id });
    const tier = await createFrom(provider(), news);
    await fx.admin.client.execute("replaceNetworkACLList", { aclid: theirs.id, networkid: tier.id });
    const read = await provider().read(tier.id, tier.outs);
    assert.strictEqual(read.inputs?.aclId, theirs.id);
    assert.strictEqual(read.inputs?.vpcId, vpc.id);
    const { diff } = await plan(provider(), { id: tier.id, outs: read.props }, news);
    assert.deepStrictEqual(diff, { changes: true, replaces: [], deleteBeforeReplace: false });
  });

  it("replaces on another VPC, and deletes first when the new CIDR overlaps the old one in the same VPC", async () => {
    const vpc = await makeVpc(fx);
    const other = await makeVpc(fx, { name: "vpc-2", cidr: "10.9.0.0/16" });
    const tier = await makeTier(fx, vpc, "web", "10.0.1.0/24");
    const moved = await plan(provider(), tier, tierInputs(other, "web", "10.9.1.0/24"));
    assert.deepStrictEqual(moved.diff.replaces.sort(), ["cidr", "vpcId"]);
    assert.strictEqual(moved.diff.deleteBeforeReplace, false);
    const resized = await plan(provider(), tier, tierInputs(vpc, "web", "10.0.0.0/23"));
    assert.deepStrictEqual(resized.diff, { changes: true, replaces: ["cidr"], deleteBeforeReplace: true });
    const elsewhere = await plan(provider(), tier, tierInputs(vpc, "web", "10.0.4.0/24"));
    assert.deepStrictEqual(elsewhere.diff, { changes: true, replaces: ["cidr"], deleteBeforeReplace: false });
  });

  it("refuses a fourth tier with CloudStack's reason", async () => {
    const vpc = await makeVpc(fx);
    for (const [i, name] of ["web", "app", "db"].entries()) await makeTier(fx, vpc, name, `10.0.${i + 1}.0/24`);
    const checked = await provider().check({}, tierInputs(vpc, "extra", "10.0.4.0/24"));
    assert.deepStrictEqual(checked.failures, [], "the limit is CloudStack's to enforce");
    await assert.rejects(provider().create(checked.inputs), (err: unknown) => {
      assert.ok(err instanceof CloudStackApiError);
      assert.strictEqual(err.errorcode, 530);
      assert.strictEqual(err.message.includes("Number of networks per VPC cannot surpass [3]."), true, err.message);
      return true;
    });
    assert.strictEqual((await adminList(fx, "listNetworks", { vpcid: vpc.id })).length, 3);
  });

  it("allows a fourth tier once a ConfigurationSetting raises vpc.max.networks", async () => {
    const vpc = await makeVpc(fx);
    for (const [i, name] of ["web", "app", "db"].entries()) await makeTier(fx, vpc, name, `10.0.${i + 1}.0/24`);
    await createFrom(fx.admin.provider("ConfigurationSetting"), { name: "vpc.max.networks", value: "4" });
    const fourth = await makeTier(fx, vpc, "extra", "10.0.4.0/24");
    assert.strictEqual(fourth.outs.vpcId, vpc.id);
  });

  it("refuses at check, creating nothing, a tier outside the VPC's CIDR, without a subnet, or with another domain", async () => {
    const vpc = await makeVpc(fx);
    const outside = await checkRefuses(fx, "Network", tierInputs(vpc, "web", "10.1.1.0/24"));
    assert.deepStrictEqual(outside.length, 1, outside.join("\n"));
    assert.match(outside[0], /^cidr: "10\.1\.1\.0\/24" puts the tier's subnet 10\.1\.1\.0\/24 outside VPC vpc-1's CIDR 10\.0\.0\.0\/16/);

    const byGateway = await checkRefuses(fx, "Network", { ...tierInputs(vpc, "web", "10.0.1.0/24"), cidr: undefined, gateway: "192.168.5.1", netmask: "255.255.255.0" });
    assert.match(byGateway[0], /^gateway: "192\.168\.5\.1" puts the tier's subnet 192\.168\.5\.0\/24 outside/);

    const bare = await checkRefuses(fx, "Network", { ...tierInputs(vpc, "web", "10.0.1.0/24"), cidr: undefined });
    assert.match(bare[0], /^cidr is required for a VPC tier/);

    const domain = await checkRefuses(fx, "Network", tierInputs(vpc, "web", "10.0.1.0/24", { networkDomain: "other.internal" }));
    assert.match(domain[0], /^networkDomain: "other\.internal" differs from VPC vpc-1's network domain/);

    const missing = await checkRefuses(fx, "Network", tierInputs({ id: "6f1e7c1a-0000-4000-8000-000000000000", outs: {} }, "web", "10.0.1.0/24"));
    assert.deepStrictEqual(missing, ['vpcId: "6f1e7c1a-0000-4000-8000-000000000000" matches no VPC (it does not exist, or was deleted)']);
  });

  it("checks nothing against a VPC not known yet (preview of a new VPC)", async () => {
    const failures = await checkRefuses(fx, "Network", tierInputs({ id: UNKNOWN, outs: {} }, "web", "10.1.1.0/24"));
    assert.deepStrictEqual(failures, []);
  });
});
