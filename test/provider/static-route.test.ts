// StaticRoute through the adapter against the simulator over real HTTP.
import * as assert from "assert";
import { CloudStackApiError } from "../../provider/client";
import { startedForEachTest } from "../support/fixture-hooks";
import {
  Applied,
  adminList,
  assertPlainJson,
  checkRefuses,
  createFrom,
  makeVpc,
  NO_CHANGE,
  plan,
  Props,
  replaceDeletingFirst,
  startVpcFixture,
  VpcFixture,
} from "../support/vpc-fixture";

describe("StaticRoute against the simulator", function () {
  let fx: VpcFixture;
  let vpc: Applied;
  let gateway: Applied;
  const provider = () => fx.admin.provider("StaticRoute");
  const row = async (id: string) => (await adminList(fx, "listStaticRoutes", { id, listall: true }))[0];

  startedForEachTest(startVpcFixture, async (started) => {
    fx = started;
    vpc = await makeVpc(fx);
    gateway = await createFrom(fx.admin.provider("PrivateGateway"), {
      vpcId: vpc.id,
      vlan: "500",
      ipAddress: "172.16.0.2",
      gateway: "172.16.0.1",
      netmask: "255.255.255.0",
    });
  });

  it("creates a route through a private gateway and plans no change after", async () => {
    const news = { cidr: "192.168.100.0/24", gatewayId: gateway.id };
    const route = await createFrom(provider(), news);
    assert.strictEqual(route.outs.vpcId, vpc.id, "the VPC comes from the gateway");
    assert.strictEqual(route.outs.gatewayIp, "172.16.0.2");
    assert.strictEqual(route.outs.state, "Active");
    assertPlainJson(route.outs);
    assert.strictEqual((await row(route.id)).vpcgatewayid, gateway.id);
    assert.deepStrictEqual((await plan(provider(), route, news)).diff, NO_CHANGE);
  });

  it("creates a route through a next hop in the VPC", async () => {
    const news = { cidr: "192.168.200.0/24", nextHop: "10.0.1.254", vpcId: vpc.id };
    const route = await createFrom(provider(), news);
    assert.strictEqual((await row(route.id)).nexthop, "10.0.1.254");
    assert.deepStrictEqual((await plan(provider(), route, news)).diff, NO_CHANGE);
  });

  it("replaces on any change, deleting the old route first when the CIDRs overlap", async () => {
    const route = await createFrom(provider(), { cidr: "192.168.100.0/24", gatewayId: gateway.id });
    const widened = await plan(provider(), route, { cidr: "192.168.0.0/16", gatewayId: gateway.id });
    assert.deepStrictEqual(widened.diff, { changes: true, replaces: ["cidr"], deleteBeforeReplace: true });
    const replacement = await replaceDeletingFirst(provider(), route, widened.checked);
    assert.strictEqual((await row(replacement.id)).cidr, "192.168.0.0/16");
    const apart = await plan(provider(), replacement, { cidr: "172.31.0.0/16", gatewayId: gateway.id });
    assert.strictEqual(apart.diff.deleteBeforeReplace, false);
  });

  it("keeps the private gateway from being deleted while the route exists, with CloudStack's reason", async () => {
    await createFrom(provider(), { cidr: "192.168.100.0/24", gatewayId: gateway.id });
    await assert.rejects(fx.admin.provider("PrivateGateway").delete(gateway.id, gateway.outs), (err: unknown) => {
      assert.ok(err instanceof CloudStackApiError);
      assert.strictEqual(err.errorcode, 530);
      assert.match(err.message, /Can't delete private gateway VpcGateway\[.*\] as it has 1 static routes applied\. Remove the routes first/);
      return true;
    });
  });

  it("sees a route deleted out of band as gone (431), deletes twice, reads from the id alone and adopts", async () => {
    const route = await createFrom(provider(), { cidr: "192.168.100.0/24", gatewayId: gateway.id });
    await fx.admin.client.execute("deleteStaticRoute", { id: route.id });
    assert.deepStrictEqual(await provider().read(route.id, route.outs), { id: "", props: {} });
    await provider().delete(route.id, route.outs);
    await provider().delete(route.id, route.outs);

    const made = await fx.admin.client.execute("createStaticRoute", { cidr: "192.168.150.0/24", gatewayid: gateway.id });
    const id = String((made.staticroute as Props).id);
    const read = await provider().read(id, {});
    assert.deepStrictEqual([read.inputs?.cidr, read.inputs?.gatewayId], ["192.168.150.0/24", gateway.id]);
    const adopted = await provider().create((await provider().check({}, { cidr: "192.168.150.0/24", gatewayId: gateway.id, importId: id })).inputs);
    assert.strictEqual(adopted.id, id);
    await assert.rejects(
      provider().create((await provider().check({}, { cidr: "192.168.151.0/24", gatewayId: gateway.id, importId: id })).inputs),
      /cannot adopt StaticRoute .*cidr is "192\.168\.150\.0\/24" there but "192\.168\.151\.0\/24"/,
    );
  });

  it("refuses bad inputs at check, creating nothing, and lets CloudStack refuse a conflict", async () => {
    assert.deepStrictEqual(await checkRefuses(fx, "StaticRoute", { cidr: "192.168.1.0/24" }), [
      "gatewayId or nextHop is required (CloudStack needs exactly one of them)",
    ]);
    const both = await checkRefuses(fx, "StaticRoute", { cidr: "169.254.10.0/24", gatewayId: gateway.id, nextHop: "10.0.1.1" });
    assert.ok(both.includes('nextHop: "10.0.1.1" cannot be combined with gatewayId: a route goes through one or the other'), both.join("\n"));
    assert.ok(both.some((r) => r.startsWith('cidr: "169.254.10.0/24" overlaps the link-local range')), both.join("\n"));
    assert.deepStrictEqual(await checkRefuses(fx, "StaticRoute", { cidr: "192.168.1.0/24", nextHop: "10.0.1.1" }), ["vpcId is required with nextHop"]);

    // VpcManagerImpl.createStaticRoute: NetUtils.isNetworksOverlap(vpc cidr, cidr), whether inside or around it.
    const vpcName = String(vpc.outs.name);
    for (const [news, cidr] of [
      [{ cidr: "10.0.5.0/24", gatewayId: gateway.id }, "10.0.5.0/24"],
      [{ cidr: "10.0.0.0/8", nextHop: "10.0.1.254", vpcId: vpc.id }, "10.0.0.0/8"],
    ] as const) {
      assert.deepStrictEqual(await checkRefuses(fx, "StaticRoute", news), [
        `cidr: "${cidr}" overlaps VPC ${vpcName}'s CIDR 10.0.0.0/16: a static route leads outside its VPC, and CloudStack refuses it ("CIDR should be outside of VPC cidr 10.0.0.0/16")`,
      ]);
    }
    // What check let through, CloudStack refuses the same way (the simulator keeps the rule).
    await assert.rejects(
      fx.admin.client.execute("createStaticRoute", { cidr: "10.0.5.0/24", gatewayid: gateway.id }),
      /CIDR should be outside of VPC cidr 10\.0\.0\.0\/16/,
    );
    assert.deepStrictEqual(await checkRefuses(fx, "StaticRoute", { cidr: "10.1.0.0/16", gatewayId: gateway.id }), []);
    await createFrom(provider(), { cidr: "192.168.100.0/24", gatewayId: gateway.id });
    const overlapping = (await provider().check({}, { cidr: "192.168.100.128/25", gatewayId: gateway.id })).inputs;
    await assert.rejects(provider().create(overlapping), (err: unknown) => {
      assert.ok(err instanceof CloudStackApiError);
      assert.strictEqual(err.errorcode, 537);
      assert.match(err.message, /New static route cidr conflicts with existing route StaticRoute\[/);
      return true;
    });
  });
});
