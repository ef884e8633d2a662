import * as assert from "assert";
import { startedForSuite } from "../../support/fixture-hooks";
import { assertError, assertJobError, jobObject, startFixture, uuidNotFoundText, type Fixture, type Obj } from "./api-fixture";
import { vpcKit, type VpcKit } from "./api-vpc-fixture";

describe("simulator api: VPC private gateways and static routes", function () {
  this.timeout(30_000);
  let f: Fixture;
  let k: VpcKit;

  startedForSuite(startFixture, async (started) => {
    f = started;
    k = await vpcKit(f);
  });

  const gatewayParams = (vpcid: string, extra: Record<string, string> = {}): Record<string, string> => ({
    vpcid,
    ipaddress: "10.100.0.2",
    gateway: "10.100.0.1",
    netmask: "255.255.255.0",
    ...extra,
  });
  const gatewayJob = async (creds: Fixture["admin"], params: Record<string, string>): Promise<Obj> =>
    jobObject(await f.job(creds, "createPrivateGateway", params), "privategateway");
  const routeJob = async (creds: Fixture["admin"], params: Record<string, string>): Promise<Obj> =>
    jobObject(await f.job(creds, "createStaticRoute", params), "staticroute");

  it("creates a gateway on a VLAN (root admins): Ready after its job, default_deny unless an ACL is given", async () => {
    const vpc = String((await k.vpc(f.user, { name: "gw-vpc" })).id);
    const r = await f.call(f.admin, "createPrivateGateway", gatewayParams(vpc, { vlan: "900", sourcenatsupported: "true" }));
    assert.strictEqual(r.status, 200, JSON.stringify(r.body));
    const [creating] = await f.list(f.admin, "listPrivateGateways", { id: String(r.body.id) });
    assert.ok(["Creating", "Ready"].includes(String(creating.state)));
    const g = await gatewayJob(f.admin, gatewayParams(vpc, { vlan: "901", ipaddress: "10.101.0.2", gateway: "10.101.0.1" }));
    assert.strictEqual(g.state, "Ready");
    assert.strictEqual(g.vlan, "vlan://901");
    assert.strictEqual(g.vpcid, vpc);
    assert.strictEqual(g.vpcname, "gw-vpc");
    assert.strictEqual(g.account, "user", "the gateway belongs to the VPC's owner");
    assert.strictEqual(g.sourcenatsupported, false);
    assert.strictEqual(g.aclname, "default_deny");
    assert.strictEqual(g.ipaddress, "10.101.0.2");
    assert.strictEqual(g.zonename, "Sandbox-simulator");
    const [first] = await f.list(f.admin, "listPrivateGateways", { id: String(r.body.id) });
    assert.strictEqual(first.sourcenatsupported, true);
    assert.strictEqual(first.state, "Ready");
    const [seenByUser] = await f.list(f.user, "listPrivateGateways", { id: String(g.id) });
    assert.strictEqual(seenByUser.vlan, undefined, "users do not see the VLAN");
    assert.strictEqual((await f.list(f.user, "listPrivateGateways", { vpcid: vpc })).length, 2);
    assert.strictEqual((await f.list(f.admin, "listPrivateGateways", { vlan: "901", listall: "true" })).length, 1);
  });

  it("needs exactly one of a VLAN (root admins only) or an associated network, and valid IPv4 values", async () => {
    const vpc = String((await k.vpc(f.user)).id);
    assertError(await f.call(f.admin, "createPrivateGateway", gatewayParams(vpc)), 431, 4350, "One of vlanId and associatedNetworkId must be specified");
    const plain = await f.call(f.user, "createNetwork", {
      zoneid: k.zoneid,
      name: "plain",
      networkofferingid: await f.offeringId("DefaultIsolatedNetworkOfferingWithSourceNatService"),
    });
    const plainId = String((plain.body.network as Obj).id);
    assertError(
      await f.call(f.admin, "createPrivateGateway", gatewayParams(vpc, { vlan: "902", associatednetworkid: plainId })),
      431,
      4350,
      "vlanId and associatedNetworkId are mutually exclusive",
    );
    // The vlan parameter exists only in the admin variant of the command.
    assertError(
      await f.call(f.user, "createPrivateGateway", gatewayParams(vpc, { vlan: "902" })),
      431,
      9999,
      "Unable to execute API command createprivategateway due to unknown parameter vlan",
    );
    assertError(await f.call(f.user, "createPrivateGateway", gatewayParams(vpc)), 431, 4350, "One of vlanId and associatedNetworkId must be specified");
    for (const [extra, text] of [
      [{ ipaddress: "10.100.0.300" }, "Invalid format for the ip address parameter"],
      [{ gateway: "gateway" }, "Invalid gateway"],
      [{ netmask: "255.0.255.0" }, "Invalid netmask"],
    ] as Array<[Record<string, string>, string]>) {
      assertError(await f.call(f.admin, "createPrivateGateway", gatewayParams(vpc, { vlan: "903", ...extra })), 431, 4350, text);
    }
  });

  it("takes an associated network of the VPC owner, implementing it", async () => {
    const vpc = String((await k.vpc(f.user)).id);
    const net = await f.call(f.user, "createNetwork", {
      zoneid: k.zoneid,
      name: "transit",
      networkofferingid: await f.offeringId("DefaultIsolatedNetworkOfferingWithSourceNatService"),
      gateway: "172.16.0.1",
      netmask: "255.255.255.0",
    });
    const netId = String((net.body.network as Obj).id);
    const g = await gatewayJob(f.user, gatewayParams(vpc, { associatednetworkid: netId, ipaddress: "10.110.0.2", gateway: "10.110.0.1" }));
    assert.strictEqual(g.associatednetworkid, netId);
    assert.strictEqual(g.associatednetwork, "transit");
    assert.strictEqual(g.state, "Ready");
    assert.strictEqual((await f.list(f.user, "listNetworks", { id: netId }))[0].state, "Implemented");
    assertError(
      await f.call(f.user, "createPrivateGateway", gatewayParams(vpc, { associatednetworkid: netId, ipaddress: "172.16.0.20" })),
      431,
      4350,
      "The IP range (172.16.0.20-172.16.0.20) overlaps with cidr of associated network: transit (172.16.0.0/24)",
    );
    const adminVpc = String((await k.vpc(f.admin)).id);
    assertError(
      await f.call(f.admin, "createPrivateGateway", gatewayParams(adminVpc, { associatednetworkid: netId, ipaddress: "10.111.0.2", gateway: "10.111.0.1" })),
      431,
      4350,
      "The new network and associated network MUST be owned by same account",
    );
  });

  it("keeps one gateway per VLAN and CIDR in a VPC, a private IP once per private network, and the ACL in the VPC", async () => {
    const vpc = String((await k.vpc(f.user)).id);
    await gatewayJob(f.admin, gatewayParams(vpc, { vlan: "910" }));
    assertError(
      await f.call(f.admin, "createPrivateGateway", gatewayParams(vpc, { vlan: "910", ipaddress: "10.100.0.3" })),
      431,
      4350,
      `Private network for the vlan: vlan://910 and cidr  10.100.0.0/24  already exists for Vpc ${k.vpcText(vpc)} in zone Sandbox-simulator`,
    );
    const other = String((await k.vpc(f.user)).id);
    assertError(
      await f.call(f.admin, "createPrivateGateway", gatewayParams(other, { vlan: "910" })),
      431,
      4350,
      "Private ip address 10.100.0.2 already used for private gateway in zone Sandbox-simulator",
    );
    await gatewayJob(f.admin, gatewayParams(other, { vlan: "910", ipaddress: "10.100.0.3" }));
    const foreign = String(jobObject(await f.job(f.user, "createNetworkACLList", { name: "foreign", vpcid: vpc }), "networkacllist").id);
    assertError(
      await f.call(f.admin, "createPrivateGateway", gatewayParams(other, { vlan: "911", aclid: foreign })),
      431,
      4350,
      "Private gateway and network acl are not in the same vpc.",
    );
    const own = String(jobObject(await f.job(f.user, "createNetworkACLList", { name: "own", vpcid: other }), "networkacllist").id);
    const g = await gatewayJob(f.admin, gatewayParams(other, { vlan: "911", aclid: own }));
    assert.strictEqual(g.aclid, own);
    assertJobError(
      await f.job(f.user, "deleteNetworkACLList", { id: own }),
      530,
      `ACL is still associated with 1 private gateway(s). Cannot delete network ACL: ${own}`,
    );
    const allow = await k.defaultAcl("default_allow");
    assert.strictEqual((await f.job(f.user, "replaceNetworkACLList", { aclid: allow, gatewayid: String(g.id) })).jobstatus, 1);
    assert.strictEqual((await f.list(f.user, "listPrivateGateways", { id: String(g.id) }))[0].aclname, "default_allow");
    assertJobError(
      await f.job(f.user, "replaceNetworkACLList", { aclid: foreign, gatewayid: String(g.id) }),
      431,
      `private gateway: ${k.gatewayInternalId(String(g.id))} and ACL: ${k.aclInternalId(foreign)} do not belong to the same VPC`,
    );
  });

  it("adds static routes through a gateway or to a next hop, with CloudStack's CIDR and next-hop rules", async () => {
    const vpc = String((await k.vpc(f.user, { cidr: "10.0.0.0/16" })).id);
    const g = await gatewayJob(f.admin, gatewayParams(vpc, { vlan: "920" }));
    const gid = String(g.id);
    const viaGateway = await routeJob(f.user, { gatewayid: gid, cidr: "192.168.50.0/24" });
    assert.strictEqual(viaGateway.state, "Active");
    assert.strictEqual(viaGateway.vpcid, vpc);
    assert.strictEqual(viaGateway.vpcgatewayid, gid);
    assert.strictEqual(viaGateway.vpcgatewayip, "10.100.0.2");
    assert.strictEqual(viaGateway.cidr, "192.168.50.0/24");
    assert.strictEqual(viaGateway.account, "user");
    const viaHop = await routeJob(f.user, { vpcid: vpc, nexthop: "10.0.1.10", cidr: "172.20.0.0/16" });
    assert.strictEqual(viaHop.nexthop, "10.0.1.10");
    assert.strictEqual(viaHop.vpcgatewayid, undefined);
    await routeJob(f.user, { vpcid: vpc, nexthop: "10.100.0.50", cidr: "172.21.0.0/16" });
    await routeJob(f.user, { vpcid: vpc, nexthop: "192.168.2.77", cidr: "172.22.0.0/16" });
    const call = (params: Record<string, string>) => f.call(f.user, "createStaticRoute", params);
    assertError(await call({ cidr: "172.30.0.0/16", vpcid: vpc }), 431, 4350, "one of gatewayId and nextHop must be specified");
    assertError(await call({ cidr: "172.30.0.0/16", gatewayid: gid, nexthop: "10.0.1.1" }), 431, 4350, "Only one of gatewayId and nextHop can be specified");
    assertError(await call({ cidr: "172.30.0.0/16", nexthop: "10.0.1.1" }), 431, 4350, "vpcId must be specified");
    assertError(await call({ cidr: "10.0.5.0/24", gatewayid: gid }), 431, 4350, "CIDR should be outside of VPC cidr 10.0.0.0/16");
    assertError(await call({ cidr: "169.254.10.0/24", gatewayid: gid }), 431, 4350, "CIDR should be outside of link local cidr 169.254.0.0/16");
    assertError(await call({ cidr: "not-a-cidr", gatewayid: gid }), 431, 4350, "Invalid format for cidr not-a-cidr");
    assertError(
      await call({ cidr: "172.30.0.0/16", vpcid: vpc, nexthop: "8.8.8.8" }),
      431,
      4350,
      "Next hop 8.8.8.8 is invalid. It must be within VPC CIDR or on the same public or private network",
    );
    const other = String((await k.vpc(f.user)).id);
    assertError(await call({ cidr: "172.30.0.0/16", vpcid: other, gatewayid: gid }), 431, 4350, "Invalid gateway id is given");
    const conflict = await call({ cidr: "192.168.50.128/25", gatewayid: gid });
    assertError(conflict, 537, 4360, `New static route cidr conflicts with existing route StaticRoute[${String(viaGateway.id)}|192.168.50.0/24|${k.gatewayInternalId(gid)}]`);
    assert.deepStrictEqual(
      (await f.list(f.user, "listStaticRoutes", { vpcid: vpc })).map((r) => r.cidr),
      ["172.22.0.0/16", "172.21.0.0/16", "172.20.0.0/16", "192.168.50.0/24"],
    );
    assert.deepStrictEqual((await f.list(f.user, "listStaticRoutes", { gatewayid: gid })).map((r) => r.id), [viaGateway.id]);
  });

  it("refuses to delete a gateway that static routes use; routes are hard-deleted, gateways soft-deleted", async () => {
    const vpc = String((await k.vpc(f.user)).id);
    const g = await gatewayJob(f.admin, gatewayParams(vpc, { vlan: "930" }));
    const gid = String(g.id);
    const route = await routeJob(f.user, { gatewayid: gid, cidr: "192.168.60.0/24" });
    assertJobError(
      await f.job(f.admin, "deletePrivateGateway", { id: gid }),
      530,
      `Can't delete private gateway VpcGateway[${k.gatewayInternalId(gid)}|10.100.0.2|${k.vpcInternalId(vpc)}] as it has 1 static routes applied. Remove the routes first`,
    );
    assertJobError(
      await f.job(f.user, "deletePrivateGateway", { id: gid }),
      431,
      "Unable to delete private gateway with specified vlan by non-ROOT accounts",
    );
    assert.strictEqual((await f.job(f.user, "deleteStaticRoute", { id: String(route.id) })).jobstatus, 1);
    assertError(await f.call(f.user, "listStaticRoutes", { id: String(route.id) }), 431, 4350, uuidNotFoundText("id", String(route.id)));
    const deleted = await f.job(f.admin, "deletePrivateGateway", { id: gid });
    assert.deepStrictEqual(deleted.jobresult, { success: true });
    assert.deepStrictEqual(await f.list(f.admin, "listPrivateGateways", { id: gid }), [], "a deleted gateway answers the empty list");
    assertError(await f.call(f.user, "createStaticRoute", { gatewayid: gid, cidr: "192.168.61.0/24" }), 431, 4350, "Invalid gateway id is given");
  });

  it("takes the VPC's gateways and routes with it when the VPC is deleted", async () => {
    const vpc = String((await k.vpc(f.user)).id);
    const g = await gatewayJob(f.admin, gatewayParams(vpc, { vlan: "940" }));
    const route = await routeJob(f.user, { gatewayid: String(g.id), cidr: "192.168.70.0/24" });
    assert.strictEqual((await f.job(f.user, "deleteVPC", { id: vpc })).jobstatus, 1);
    assert.deepStrictEqual(await f.list(f.admin, "listPrivateGateways", { id: String(g.id) }), []);
    assertError(await f.call(f.user, "listStaticRoutes", { id: String(route.id) }), 431, 4350, uuidNotFoundText("id", String(route.id)));
    assertError(await f.call(f.admin, "createPrivateGateway", gatewayParams(vpc, { vlan: "941" })), 431, 4350, "Unable to find Enabled VPC by id specified");
  });
});
