// Network permissions over HTTP (NetworkServiceImpl ~6070-6240): who may grant, which networks
// and accounts CloudStack refuses, idempotent grants, and a grant letting another account deploy.
import * as assert from "assert";
import { startedForSuite } from "../../support/fixture-hooks";
import { deployParams, isolatedNetwork, startWithCatalog, type Catalog } from "./api-instances-fixture";
import { assertError, type Fixture, type Obj } from "./api-fixture";

describe("simulator api: network permissions", function () {
  this.timeout(20_000);
  let f: Fixture;
  let c: Catalog;
  let adminAccountId: string;

  startedForSuite(startWithCatalog, (started) => ({ f, c } = started));
  before(async () => {
    adminAccountId = String((await f.list(f.admin, "listAccounts", { name: "admin" }))[0].id);
  });

  const permissions = async (networkid: string): Promise<Obj[]> => f.list(f.admin, "listNetworkPermissions", { networkid });

  it("lets the owner grant an account of the network's domain, lists it, and keeps a second grant a no-op", async () => {
    const net = await isolatedNetwork(f, c, f.user, "owned-by-user");
    const networkid = String(net.id);
    const granted = await f.call(f.user, "createNetworkPermissions", { networkid, accounts: "admin" });
    assert.deepStrictEqual([granted.status, granted.body.success], [200, true]);
    await f.call(f.user, "createNetworkPermissions", { networkid, accountids: adminAccountId });
    // The owner's own name is dropped; the owner's id is skipped.
    await f.call(f.user, "createNetworkPermissions", { networkid, accounts: "user", accountids: c.userAccountId });
    const list = await permissions(networkid);
    assert.deepStrictEqual(list, [{ networkid, domainid: c.rootDomainId, domain: "ROOT", account: "admin", accountid: adminAccountId }]);
    const removed = await f.call(f.user, "removeNetworkPermissions", { networkid, accounts: "admin" });
    assert.deepStrictEqual([removed.status, removed.body.success], [200, true]);
    assert.deepStrictEqual(await permissions(networkid), []);
    await f.call(f.admin, "createNetworkPermissions", { networkid, accountids: adminAccountId });
    assert.deepStrictEqual((await f.call(f.admin, "resetNetworkPermissions", { networkid })).body.success, true);
    assert.deepStrictEqual(await permissions(networkid), []);
  });

  it("refuses domain-shared networks, VPC tiers, project networks, others' networks and unknown accounts", async () => {
    const shared = await f.call(f.admin, "createNetwork", {
      zoneid: c.zoneid,
      name: "domain-shared",
      networkofferingid: c.networkOfferings.DefaultSharedNetworkOffering,
      vlan: "980",
      gateway: "10.98.0.1",
      netmask: "255.255.255.0",
      startip: "10.98.0.10",
      endip: "10.98.0.20",
    });
    const sharedId = String((shared.body.network as Obj).id);
    assertError(await f.call(f.admin, "createNetworkPermissions", { networkid: sharedId, accounts: "user" }), 431, 4350, "network is already shared in domain");
    const vpcOffering = (await f.list(f.admin, "listVPCOfferings", { name: "Default VPC offering" }))[0];
    const vpc = await f.job(f.user, "createVPC", { name: "v", displaytext: "v", zoneid: c.zoneid, vpcofferingid: String(vpcOffering.id), cidr: "10.60.0.0/16" });
    const vpcid = String((vpc.jobresult as Obj & { vpc: Obj }).vpc.id);
    const tier = await f.call(f.user, "createNetwork", {
      zoneid: c.zoneid,
      name: "tier",
      networkofferingid: c.networkOfferings.DefaultIsolatedNetworkOfferingForVpcNetworks,
      vpcid,
      gateway: "10.60.1.1",
      netmask: "255.255.255.0",
    });
    assert.strictEqual(tier.status, 200, JSON.stringify(tier.body));
    assertError(await f.call(f.user, "createNetworkPermissions", { networkid: String((tier.body.network as Obj).id), accounts: "admin" }), 431, 4350, "VPC tiers cannot be shared");
    const project = (await f.list(f.user, "listProjects", {}))[0];
    const projectNet = await isolatedNetwork(f, c, f.user, "project-net", { projectid: String(project.id) });
    assertError(
      await f.call(f.user, "createNetworkPermissions", { networkid: String(projectNet.id), accounts: "admin" }),
      431,
      4350,
      "Update network permissions is an invalid operation on network project-net. Project owned networks cannot be shared outside network.",
    );
    const adminNet = await isolatedNetwork(f, c, f.admin, "owned-by-admin");
    assertError(
      await f.call(f.user, "createNetworkPermissions", { networkid: String(adminNet.id), accounts: "user" }),
      531,
      4365,
      `Account user does not have permission to operate with resource ${String(adminNet.id)}`,
    );
    assertError(await f.call(f.admin, "createNetworkPermissions", { networkid: String(adminNet.id), accounts: "nobody" }), 431, 4350, "Unable to find account by name nobody");
    const projectAccount = f.sim.model.state.accounts.find((a) => a.type === 5);
    // A project's account is in the domain, so it may be granted by its project's id.
    assert.strictEqual((await f.call(f.admin, "createNetworkPermissions", { networkid: String(adminNet.id), projectids: String(project.id) })).status, 200);
    assert.deepStrictEqual(
      (await permissions(String(adminNet.id))).map((p) => [p.accountid, p.projectid]),
      [[projectAccount?.uuid, String(project.id)]],
    );
  });

  it("refuses accounts outside the network's domain, naming the account by its internal id", async () => {
    const net = await isolatedNetwork(f, c, f.admin, "domain-check");
    const state = f.sim.model.state;
    const child = { uuid: "c0ffee00-0000-4000-8000-000000000001", id: 99, name: "child", path: "ROOT/child", level: 1, parentUuid: c.rootDomainId, created: "2024-01-01T00:00:00+0000" };
    state.domains.push(child);
    const outsider = { ...state.accounts.find((a) => a.name === "user")!, uuid: "c0ffee00-0000-4000-8000-000000000002", id: 98, name: "outsider", domainUuid: child.uuid };
    state.accounts.push(outsider);
    assertError(
      await f.call(f.admin, "createNetworkPermissions", { networkid: String(net.id), accountids: outsider.uuid }),
      431,
      4350,
      `Unable to find account 98 in domain id=${c.rootDomainId}. No permissions is removed`,
    );
    // By name, only the network's own domain is searched.
    assertError(await f.call(f.admin, "createNetworkPermissions", { networkid: String(net.id), accounts: "outsider" }), 431, 4350, "Unable to find account by name outsider");
  });

  it("lets a granted account deploy an instance on the network, and not before", async () => {
    const net = await isolatedNetwork(f, c, f.admin, "granted-net");
    const networkids = String(net.id);
    const refused = await f.call(f.user, "deployVirtualMachine", deployParams(c, { networkids, name: "guest-before" }));
    assertError(refused, 531, 4365, `Unable to use network with id= ${networkids}, permission denied`);
    await f.call(f.admin, "createNetworkPermissions", { networkid: networkids, accounts: "user" });
    const deployed = await f.job(f.user, "deployVirtualMachine", deployParams(c, { networkids, name: "guest-after" }));
    assert.strictEqual(deployed.jobstatus, 1, JSON.stringify(deployed));
    assert.strictEqual(((deployed.jobresult as Obj).virtualmachine as Obj).account, "user");
  });
});
