import * as assert from "assert";
import { startedForSuite } from "../../support/fixture-hooks";
import { assertError, startFixture, type Fixture, type Obj } from "./sim-fixture";

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
});
