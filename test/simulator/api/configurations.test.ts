import * as assert from "assert";
import { startedForSuite } from "../../support/fixture-hooks";
import { startWithCatalog, type Catalog } from "./api-instances-fixture";
import { assertError, startFixture, uuidNotFoundText, type Fixture, type Obj } from "./api-fixture";

describe("simulator api: listConfigurations / updateConfiguration", function () {
  this.timeout(20_000);
  let f: Fixture;
  startedForSuite(startFixture, (started) => (f = started));

  const one = async (params: Record<string, string>): Promise<Obj> => {
    const items = await f.list(f.admin, "listConfigurations", params);
    assert.strictEqual(items.length, 1, JSON.stringify(items));
    return items[0];
  };

  it("lists the global values the simulator honours", async () => {
    assert.strictEqual((await one({ name: "default.page.size" })).value, "500");
    assert.strictEqual((await one({ name: "vpc.max.networks" })).value, "3");
    assert.strictEqual((await one({ name: "use.system.public.ips" })).value, "true");
    assert.strictEqual((await one({ name: "use.system.guest.vlans" })).value, "true");
    assert.strictEqual((await one({ name: "allow.user.expunge.recover.vm" })).value, "false");
    // Seeded so that the default region's GSLB service works (GSLB FQDNs end in it).
    const dns = await one({ name: "cloud.dns.name" });
    assert.strictEqual(dns.value, "example.com");
    assert.strictEqual(dns.isdynamic, true);
  });

  it("updates a global value and reads it back", async () => {
    const r = await f.call(f.admin, "updateConfiguration", { name: "cloud.dns.name", value: "gslb.example.com" });
    assert.strictEqual(r.status, 200, JSON.stringify(r.body));
    assert.strictEqual((r.body.configuration as Obj).value, "gslb.example.com");
    assert.strictEqual((await one({ name: "cloud.dns.name" })).value, "gslb.example.com");
    assert.strictEqual(f.sim.model.configValue("cloud.dns.name"), "gslb.example.com");
  });

  it("sets an account-scoped value without changing the global one", async () => {
    const accountid = String((await f.list(f.admin, "listAccounts", { name: "user" }))[0].id);
    const r = await f.call(f.admin, "updateConfiguration", { name: "vpc.max.networks", value: "5", accountid });
    assert.strictEqual(r.status, 200, JSON.stringify(r.body));
    assert.strictEqual((r.body.configuration as Obj).scope, "account");
    assert.strictEqual((await one({ name: "vpc.max.networks", accountid })).value, "5");
    assert.strictEqual((await one({ name: "vpc.max.networks" })).value, "3");
  });

  it("refuses unknown names, wrong scopes, several scopes and badly typed values", async () => {
    assertError(await f.call(f.admin, "updateConfiguration", { name: "no.such.config", value: "1" }), 431, 4350, "Invalid configuration variable.");
    const zoneid = await f.zoneId();
    assertError(
      await f.call(f.admin, "updateConfiguration", { name: "default.page.size", value: "100", zoneid }),
      431,
      4350,
      "Invalid scope id provided for the parameter default.page.size",
    );
    const accountid = String((await f.list(f.admin, "listAccounts", { name: "user" }))[0].id);
    assertError(
      await f.call(f.admin, "updateConfiguration", { name: "vpc.max.networks", value: "4", zoneid, accountid }),
      431,
      4350,
      "cannot handle multiple IDs, provide only one ID corresponding to the scope",
    );
    assertError(
      await f.call(f.admin, "updateConfiguration", { name: "vpc.max.networks", value: "many" }),
      431,
      4350,
      "Value [many] is not a valid [class java.lang.Integer].",
    );
  });

  it("is for root admins only", async () => {
    assertError(await f.call(f.user, "listConfigurations"), 432, 9999, "The given command does not exist or it is not available for user");
  });

  describe("a Domain-scoped setting (destroy.root.volume.on.vm.destruction)", () => {
    let fx: Fixture;
    let catalog: Catalog;
    startedForSuite(startWithCatalog, (started) => {
      fx = started.f;
      catalog = started.c;
    });
    const NAME = "destroy.root.volume.on.vm.destruction";
    const list = (params: Record<string, string>) => fx.list(fx.admin, "listConfigurations", params);

    it("lists only Domain-scoped settings with domainid, and sets a domain's value apart from the global one", async () => {
      const domainid = catalog.rootDomainId;
      const atDomain = await list({ domainid });
      assert.deepStrictEqual(
        atDomain.map((c) => [c.name, c.value, c.scope]),
        [[NAME, "false", "domain"]],
      );
      const global = (await list({ name: NAME }))[0];
      assert.deepStrictEqual(
        [global.value, global.defaultvalue, global.scope, global.isdynamic, global.category, global.component, global.group, global.subgroup, global.type],
        ["false", "false", "domain", true, "Advanced", "UserVmManager", "Storage", "Volume", "Boolean"],
      );

      const updated = await fx.call(fx.admin, "updateConfiguration", { name: NAME, value: "true", domainid });
      assert.strictEqual(updated.status, 200, JSON.stringify(updated.body));
      const configuration = updated.body.configuration as Obj;
      assert.deepStrictEqual([configuration.name, configuration.value, configuration.scope], [NAME, "true", "domain"]);
      assert.strictEqual((await list({ name: NAME, domainid }))[0].value, "true");
      assert.strictEqual((await list({ name: NAME }))[0].value, "false");
      assert.strictEqual(fx.sim.model.configValue(NAME, { scope: "Domain", scopeUuid: domainid }), "true");
      assert.strictEqual(fx.sim.model.configValue(NAME), "false");
    });

    it("refuses the domain scope for other settings, other scopes for it, bad values and unknown domains", async () => {
      const domainid = catalog.rootDomainId;
      assertError(
        await fx.call(fx.admin, "updateConfiguration", { name: "vpc.max.networks", value: "4", domainid }),
        431,
        4350,
        "Invalid scope id provided for the parameter vpc.max.networks",
      );
      assertError(
        await fx.call(fx.admin, "updateConfiguration", { name: NAME, value: "true", accountid: catalog.userAccountId }),
        431,
        4350,
        `Invalid scope id provided for the parameter ${NAME}`,
      );
      assertError(
        await fx.call(fx.admin, "updateConfiguration", { name: NAME, value: "yes", domainid }),
        431,
        4350,
        "Value [yes] is not a valid [class java.lang.Boolean].",
      );
      const unknown = "00000000-0000-4000-8000-000000000000";
      assertError(await fx.call(fx.admin, "listConfigurations", { name: NAME, domainid: unknown }), 431, 4350, uuidNotFoundText("domainid", unknown));
    });
  });
});
