// Public IPs of a VPC: PublicIpAddress with `vpc`, against the simulator's associateIpAddress
// vpcid= and listPublicIpAddresses vpcid=.
import * as assert from "assert";
import { CloudStackApiError } from "../../provider/client";
import { startedForEachTest } from "../support/fixture-hooks";
import { adminList, checkRefuses, createFrom, makeTier, makeVpc, NO_CHANGE, plan, startVpcFixture, VpcFixture } from "../support/vpc-fixture";

describe("PublicIpAddress in a VPC against the simulator", function () {
  let fx: VpcFixture;
  const provider = () => fx.admin.provider("PublicIpAddress");

  startedForEachTest(startVpcFixture, (started) => (fx = started));

  it("acquires an IP for a VPC by name or id: no tier yet, no source NAT, listed under the VPC", async () => {
    const vpc = await makeVpc(fx);
    const ip = await createFrom(provider(), { vpc: "vpc-1" });
    assert.strictEqual(ip.outs.vpcId, vpc.id);
    assert.strictEqual(ip.outs.vpcName, "vpc-1");
    assert.strictEqual(ip.outs.isSourceNat, false);
    assert.strictEqual(ip.outs.networkId, null);
    assert.strictEqual(ip.outs.state, "Allocated");
    assert.strictEqual(ip.outs.zone, "Sandbox-simulator");
    assert.deepStrictEqual((await plan(provider(), ip, { vpc: "vpc-1" })).diff, NO_CHANGE);
    assert.deepStrictEqual((await plan(provider(), ip, { vpc: vpc.id })).diff, NO_CHANGE);

    const listed = await adminList(fx, "listPublicIpAddresses", { vpcid: vpc.id, listall: true });
    assert.deepStrictEqual(listed.map((i) => [i.ipaddress === ip.outs.ipAddress, i.issourcenat]).sort(), [[false, true], [true, false]]);

    await provider().delete(ip.id, ip.outs);
    assert.deepStrictEqual(await provider().read(ip.id, ip.outs), { id: "", props: {} });
    assert.strictEqual((await adminList(fx, "listPublicIpAddresses", { vpcid: vpc.id, listall: true })).length, 1, "the source NAT IP stays");
  });

  it("refuses both a network and a VPC at check: CloudStack would drop the network and give the IP to the VPC", async () => {
    const vpc = await makeVpc(fx);
    await makeTier(fx, vpc, "tier-1", "10.0.1.0/24");
    assert.deepStrictEqual(await checkRefuses(fx, "PublicIpAddress", { network: "tier-1", vpc: "vpc-1" }), [
      'vpc: "vpc-1" cannot be combined with network: CloudStack ignores networkid when vpcid is given and gives the IP to the VPC. Give vpc for a VPC\'s IP (a tier\'s IPs belong to its VPC), or network for another network\'s',
    ]);
    assert.deepStrictEqual(await checkRefuses(fx, "PublicIpAddress", { vpc: "vpc-1" }), []);
  });

  it("releases the VPC's IPs with the VPC, and refuses unknown or deleted VPCs", async () => {
    const vpc = await makeVpc(fx);
    const ip = await createFrom(provider(), { vpc: vpc.id });
    await fx.admin.provider("Vpc").delete(vpc.id, vpc.outs);
    assert.deepStrictEqual(await provider().read(ip.id, ip.outs), { id: "", props: {} });

    await assert.rejects(fx.admin.client.execute("associateIpAddress", { vpcid: vpc.id }), (err: unknown) => {
      assert.ok(err instanceof CloudStackApiError);
      assert.strictEqual(err.errorcode, 431);
      return true;
    });
    await assert.rejects(fx.admin.client.execute("associateIpAddress", { vpcid: "6f1e7c1a-0000-4000-8000-000000000000" }), (err: unknown) => {
      assert.ok(err instanceof CloudStackApiError);
      assert.strictEqual(err.errorcode, 431);
      return true;
    });
  });
});
