import * as assert from "assert";
import { startedForSuite } from "../../support/fixture-hooks";
import { assertError, startFixture, type Fixture, type Obj } from "./api-fixture";

describe("simulator api: owner scoping", function () {
  this.timeout(20_000);
  let f: Fixture;
  let zoneid: string;
  let offering: string;
  let projectid: string;
  let rootDomain: string;
  let adminNet: Obj;
  let userNet: Obj;
  let projectNet: Obj;
  let userForAdmin: Obj;

  const ids = (items: Obj[]): string[] => items.map((n) => String(n.id)).sort();

  startedForSuite(startFixture, async (started) => {
    f = started;
    zoneid = await f.zoneId();
    offering = await f.offeringId("DefaultIsolatedNetworkOfferingWithSourceNatService");
    projectid = String((await f.list(f.user, "listProjects", { name: "simproject" }))[0].id);
    rootDomain = String((await f.list(f.admin, "listDomains", { name: "ROOT" }))[0].id);
    const mk = async (creds: Fixture["admin"], name: string, extra: Record<string, string> = {}): Promise<Obj> => {
      const r = await f.call(creds, "createNetwork", { zoneid, networkofferingid: offering, name, ...extra });
      assert.strictEqual(r.status, 200, JSON.stringify(r.body));
      return r.body.network as Obj;
    };
    adminNet = await mk(f.admin, "admin-net");
    userNet = await mk(f.user, "user-net");
    projectNet = await mk(f.user, "project-net", { projectid });
    userForAdmin = await mk(f.admin, "made-for-user", { account: "user", domainid: rootDomain });
  });

  it("creating with projectid gives the project the network", () => {
    assert.strictEqual(projectNet.projectid, projectid);
    assert.strictEqual(projectNet.project, "simproject");
    assert.strictEqual(projectNet.account, undefined);
  });

  it("an admin creating with account + domainid gives that account the network", () => {
    assert.strictEqual(userForAdmin.account, "user");
    assert.strictEqual(userForAdmin.domainid, rootDomain);
  });

  it("a user sees their own networks only, with or without listall", async () => {
    // zoneid leaves out the basic zone's domain-wide shared network, which every account sees.
    const expected = ids([userNet, userForAdmin]);
    assert.deepStrictEqual(ids(await f.list(f.user, "listNetworks", { zoneid })), expected);
    assert.deepStrictEqual(ids(await f.list(f.user, "listNetworks", { zoneid, listall: "true" })), expected);
    assert.deepStrictEqual(await f.list(f.user, "listNetworks", { id: String(adminNet.id) }), []);
  });

  it("an admin sees own networks unless listall or an id is given", async () => {
    assert.deepStrictEqual(ids(await f.list(f.admin, "listNetworks", { zoneid })), ids([adminNet]));
    assert.deepStrictEqual(ids(await f.list(f.admin, "listNetworks", { zoneid, listall: "true" })), ids([adminNet, userNet, userForAdmin]));
    assert.deepStrictEqual(ids(await f.list(f.admin, "listNetworks", { id: String(userNet.id) })), ids([userNet]));
    assert.deepStrictEqual(ids(await f.list(f.admin, "listNetworks", { id: String(projectNet.id) })), ids([projectNet]));
    assert.deepStrictEqual(ids(await f.list(f.admin, "listNetworks", { zoneid, account: "user", domainid: rootDomain })), ids([userNet, userForAdmin]));
  });

  it("project networks appear only with projectid, for members and admins", async () => {
    assert.deepStrictEqual(ids(await f.list(f.user, "listNetworks", { projectid })), ids([projectNet]));
    assert.deepStrictEqual(ids(await f.list(f.admin, "listNetworks", { projectid })), ids([projectNet]));
    assert.deepStrictEqual(await f.list(f.user, "listNetworks", { id: String(projectNet.id) }), []);
    assert.deepStrictEqual(ids(await f.list(f.user, "listNetworks", { id: String(projectNet.id), projectid })), ids([projectNet]));
  });

  it("account must come with domainid", async () => {
    assertError(await f.call(f.admin, "listNetworks", { account: "user" }), 431, 4350, "AccountName and domainId must be specified together");
    assertError(
      await f.call(f.admin, "createNetwork", { zoneid, networkofferingid: offering, name: "x", account: "user" }),
      431,
      4350,
      "AccountName and domainId must be specified together",
    );
  });

  it("a user may not create for another account", async () => {
    assertError(
      await f.call(f.user, "createNetwork", { zoneid, networkofferingid: offering, name: "x", account: "admin", domainid: rootDomain }),
      531,
      4365,
      `Can't create/list resources for account admin in domain ${rootDomain}, permission denied`,
    );
  });

  it("a user may not list another account's networks", async () => {
    const r = await f.call(f.user, "listNetworks", { account: "admin", domainid: rootDomain });
    assert.strictEqual(r.status, 531);
    assert.strictEqual(r.body.errorcode, 531);
  });

  it("other lists follow the caller: accounts, projects, domains", async () => {
    const userAccounts = await f.list(f.user, "listAccounts");
    assert.deepStrictEqual(userAccounts.map((a) => a.name), ["user"]);
    const adminAccounts = (await f.list(f.admin, "listAccounts")).map((a) => a.name);
    assert.ok(adminAccounts.includes("admin") && adminAccounts.includes("user"));
    assert.ok(!adminAccounts.some((n) => String(n).startsWith("PrjAcct-")), "project accounts are hidden");
    const projects = await f.list(f.user, "listProjects");
    assert.deepStrictEqual(projects.map((p) => p.name), ["simproject"]);
    assert.deepStrictEqual(projects[0].owner, [{ account: "user" }]);
  });
});
