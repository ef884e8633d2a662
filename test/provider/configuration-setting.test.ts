// ConfigurationSetting through the adapter against the simulator over real HTTP.
import * as assert from "assert";
import { UNKNOWN } from "../../provider";
import { valueProblem } from "../../provider/resources/configuration-setting";
import { startedForEachTest } from "../support/fixture-hooks";
import {
  AddressingFixture,
  assertPlainJson,
  checkFailures,
  createFrom,
  NO_CHANGE,
  plan,
  replace,
  startAddressing,
  updateTo,
} from "../support/addressing-fixture";

const PUBLIC_IPS = "use.system.public.ips";
const MAX_TIERS = "vpc.max.networks";

describe("ConfigurationSetting against the simulator", function () {
  let fx: AddressingFixture;
  const provider = () => fx.admin.provider("ConfigurationSetting");
  const accountUuid = () => fx.sim.model.state.accounts.find((a) => a.name === "user")!.uuid;

  async function valueAt(name: string, scope: Record<string, string> = {}): Promise<unknown> {
    const items = await fx.admin.client.list<Record<string, unknown>>("listConfigurations", { name, ...scope });
    return items.find((item) => item.name === name)?.value;
  }

  startedForEachTest(startAddressing, (started) => (fx = started));

  it("sets a value for one account, keeps the value it found, and plans no change after", async () => {
    const news = { name: PUBLIC_IPS, value: "false", account: "user" };
    const setting = await createFrom(provider(), news);

    assert.strictEqual(setting.id, `account/${accountUuid()}/${PUBLIC_IPS}`);
    assert.strictEqual(setting.outs.accountId, accountUuid());
    assert.strictEqual(setting.outs.account, "user", "the account stays in the form the user wrote");
    assert.strictEqual(setting.outs.value, "false");
    assert.strictEqual(setting.outs.priorValue, "true");
    assert.strictEqual(setting.outs.zoneId, null);
    assert.strictEqual(setting.outs.scope, "account");
    assertPlainJson(setting.outs);

    assert.strictEqual(await valueAt(PUBLIC_IPS, { accountid: accountUuid() }), "false");
    assert.strictEqual(await valueAt(PUBLIC_IPS), "true", "the global value is untouched");

    assert.deepStrictEqual((await plan(provider(), setting, news)).diff, NO_CHANGE);
    // The account written as its id is the same account.
    assert.deepStrictEqual((await plan(provider(), setting, { ...news, account: accountUuid() })).diff, NO_CHANGE);
  });

  it("sets a value for a zone and for a domain, each beside the global value, and restores them", async () => {
    const zone = await createFrom(provider(), { name: "guest.domain.suffix", value: "zone.example", zone: "Sandbox-simulator" });
    const zoneId = String(zone.outs.zoneId);
    assert.strictEqual(zone.id, `zone/${zoneId}/guest.domain.suffix`);
    assert.strictEqual(zone.outs.scope, "zone");
    assert.strictEqual(await valueAt("guest.domain.suffix", { zoneid: zoneId }), "zone.example");
    assert.strictEqual(await valueAt("guest.domain.suffix"), "sandbox.simulator", "the global value is untouched");

    const domainNews = { name: "destroy.root.volume.on.vm.destruction", value: "true", domain: "ROOT" };
    const domain = await createFrom(provider(), domainNews);
    const domainId = String(domain.outs.domainId);
    assert.strictEqual(domain.id, `domain/${domainId}/destroy.root.volume.on.vm.destruction`);
    assert.strictEqual(domain.outs.scope, "domain");
    assert.strictEqual(await valueAt("destroy.root.volume.on.vm.destruction", { domainid: domainId }), "true");
    assert.strictEqual(await valueAt("destroy.root.volume.on.vm.destruction"), "false", "the global value is untouched");
    assert.deepStrictEqual((await plan(provider(), domain, domainNews)).diff, NO_CHANGE);

    await provider().delete(zone.id, zone.outs);
    await provider().delete(domain.id, domain.outs);
    assert.strictEqual(await valueAt("guest.domain.suffix", { zoneid: zoneId }), "sandbox.simulator");
    assert.strictEqual(await valueAt("destroy.root.volume.on.vm.destruction", { domainid: domainId }), "false");
  });

  it("updates the value in place and keeps the first prior value", async () => {
    const setting = await createFrom(provider(), { name: MAX_TIERS, value: "5" });
    assert.strictEqual(setting.id, `global/${MAX_TIERS}`);
    const updated = await updateTo(provider(), setting, { name: MAX_TIERS, value: "7" });
    assert.strictEqual(updated.outs.value, "7");
    assert.strictEqual(updated.outs.priorValue, "3");
    assert.strictEqual(await valueAt(MAX_TIERS), "7");

    await provider().delete(updated.id, updated.outs);
    assert.strictEqual(await valueAt(MAX_TIERS), "3", "delete restores the value found at creation, not the intermediate one");
  });

  it("treats surrounding blanks in a value as no change, as CloudStack trims them", async () => {
    const setting = await createFrom(provider(), { name: MAX_TIERS, value: "4" });
    assert.deepStrictEqual((await plan(provider(), setting, { name: MAX_TIERS, value: " 4 " })).diff, NO_CHANGE);
  });

  it("replaces on a change of setting or scope; the old setting gets its prior value back", async () => {
    const setting = await createFrom(provider(), { name: PUBLIC_IPS, value: "false", account: "user" });
    const news = { name: "use.system.guest.vlans", value: "false", account: "user" };
    const { checked, diff } = await plan(provider(), setting, news);
    assert.deepStrictEqual(diff, { changes: true, replaces: ["name"], deleteBeforeReplace: false });

    const replacement = await replace(provider(), setting, checked);
    assert.strictEqual(replacement.id, `account/${accountUuid()}/use.system.guest.vlans`);
    assert.strictEqual(await valueAt("use.system.guest.vlans", { accountid: accountUuid() }), "false");
    assert.strictEqual(await valueAt(PUBLIC_IPS, { accountid: accountUuid() }), "true");

    // Global instead of the account: another placement too.
    const toGlobal = await plan(provider(), replacement, { name: "use.system.guest.vlans", value: "false" });
    assert.deepStrictEqual(toGlobal.diff, { changes: true, replaces: ["account"], deleteBeforeReplace: false });
  });

  it("deletes first when a replacement would set the same setting at the same scope", async () => {
    const setting = await createFrom(provider(), { name: MAX_TIERS, value: "5", account: "user" });
    const sameSpot = await plan(provider(), setting, { name: MAX_TIERS, value: "6", account: UNKNOWN });
    assert.deepStrictEqual(sameSpot.diff, { changes: true, replaces: ["account"], deleteBeforeReplace: true });
  });

  it("refreshes drift: a value changed out of band shows on read, and the next preview updates it back", async () => {
    const news = { name: PUBLIC_IPS, value: "false", account: "user" };
    const setting = await createFrom(provider(), news);
    await fx.admin.client.execute("updateConfiguration", { name: PUBLIC_IPS, value: "true", accountid: accountUuid() });

    const read = await provider().read(setting.id, setting.outs);
    assert.strictEqual(read.id, setting.id);
    assert.strictEqual(read.props.value, "true");
    assert.strictEqual(read.inputs?.value, "true");
    assert.strictEqual(read.inputs?.account, "user");
    assert.strictEqual(read.props.priorValue, "true", "the prior value survives a refresh");
    assertPlainJson(read.props);

    const { diff } = await plan(provider(), { id: setting.id, outs: read.props }, news);
    assert.deepStrictEqual(diff, { changes: true, replaces: [], deleteBeforeReplace: false });
  });

  it("reads a setting whose account was removed out of band as gone", async () => {
    const setting = await createFrom(provider(), { name: PUBLIC_IPS, value: "false", account: "user" });
    const accounts = fx.sim.model.state.accounts;
    accounts.splice(accounts.findIndex((a) => a.name === "user"), 1);
    assert.deepStrictEqual(await provider().read(setting.id, setting.outs), { id: "", props: {} });
    await provider().delete(setting.id, setting.outs);
  });

  it("deletes twice without error, the value restored both times", async () => {
    const setting = await createFrom(provider(), { name: PUBLIC_IPS, value: "false", account: "user" });
    await provider().delete(setting.id, setting.outs);
    assert.strictEqual(await valueAt(PUBLIC_IPS, { accountid: accountUuid() }), "true");
    await provider().delete(setting.id, setting.outs);
    assert.strictEqual(await valueAt(PUBLIC_IPS, { accountid: accountUuid() }), "true");
  });

  it("reads an existing setting from its id alone, as get() does; the value found is its prior value", async () => {
    await fx.admin.client.execute("updateConfiguration", { name: MAX_TIERS, value: "4", accountid: accountUuid() });
    const id = `account/${accountUuid()}/${MAX_TIERS}`;
    const read = await provider().read(id, {});
    assert.strictEqual(read.id, id);
    assert.deepStrictEqual(read.inputs, { name: MAX_TIERS, value: "4", account: accountUuid() });
    assert.strictEqual(read.props.accountId, accountUuid());
    assert.strictEqual(read.props.priorValue, "4");
  });

  it("adopts a value with importId: the value found becomes the prior value, and the declared one is set in place", async () => {
    await fx.admin.client.execute("updateConfiguration", { name: MAX_TIERS, value: "4", accountid: accountUuid() });
    const id = `account/${accountUuid()}/${MAX_TIERS}`;
    const news = { name: MAX_TIERS, value: "6", account: "user" };
    const adopted = await provider().create((await provider().check({}, { ...news, importId: id })).inputs);
    assert.strictEqual(adopted.id, id);
    assert.strictEqual(adopted.outs.value, "6");
    assert.strictEqual(adopted.outs.priorValue, "4");
    assert.strictEqual(await valueAt(MAX_TIERS, { accountid: accountUuid() }), "6");
    assert.deepStrictEqual((await plan(provider(), { id, outs: adopted.outs }, news)).diff, NO_CHANGE);

    await provider().delete(id, adopted.outs);
    assert.strictEqual(await valueAt(MAX_TIERS, { accountid: accountUuid() }), "4");

    const elsewhere = (await provider().check({}, { name: MAX_TIERS, value: "6", importId: id })).inputs;
    await assert.rejects(provider().create(elsewhere), /cannot adopt ConfigurationSetting .*account is ".*" there but null in the program/);
  });

  it("catches bad inputs at check and changes nothing", async () => {
    const twoScopes = await checkFailures(fx.sim, provider(), { name: PUBLIC_IPS, value: "false", account: "user", zone: "Sandbox-simulator" });
    assert.deepStrictEqual(twoScopes, [
      {
        property: "account",
        reason: 'account: "user" cannot be combined with zone: a value has one scope (given: zone, account)',
      },
    ]);

    const noAccount = await checkFailures(fx.sim, provider(), { name: PUBLIC_IPS, value: "false", account: "nobody" });
    assert.strictEqual(noAccount.length, 1);
    assert.strictEqual(noAccount[0].property, "account");
    assert.match(noAccount[0].reason, /^account: "nobody" matches no account by name; candidates: .*"user"/);

    const missing = await checkFailures(fx.sim, provider(), { name: "", value: 3 });
    assert.deepStrictEqual(missing.map((f) => f.property).sort(), ["name", "value"]);
  });

  it("refuses at check a value that does not fit the setting's type (from listConfigurations), with CloudStack's text", async () => {
    const refused = async (name: string, value: string) => (await checkFailures(fx.sim, provider(), { name, value })).map((f) => f.reason);
    assert.deepStrictEqual(await refused("default.page.size", "-5"), [
      'value: "-5" must be -1 (no limit) or at least 1: CloudStack stores it, but every list command takes default.page.size as its maximum page size (BaseListCmd), so a value below 1 breaks them all',
    ]);
    assert.deepStrictEqual(await refused("default.page.size", "abc"), [
      'value: "abc" is not a whole number, which default.page.size takes (listConfigurations type Number): CloudStack refuses it ("Value [abc] is not a valid [class java.lang.Integer]."), or Long/Short per the setting',
    ]);
    assert.deepStrictEqual(await refused(MAX_TIERS, "3.5"), [
      'value: "3.5" is not a whole number, which vpc.max.networks takes (listConfigurations type Number): CloudStack refuses it ("Value [3.5] is not a valid [class java.lang.Integer]."), or Long/Short per the setting',
    ]);
    assert.deepStrictEqual(await refused(PUBLIC_IPS, "Yes"), [
      'value: "Yes" is not true or false, which use.system.public.ips takes (listConfigurations type Boolean): CloudStack refuses it ("Value [yes] is not a valid [class java.lang.Boolean].")',
    ]);
    for (const [name, value] of [["default.page.size", "-1"], ["default.page.size", "100"], [MAX_TIERS, "5"], [PUBLIC_IPS, "false"], ["no.such.setting", "x"]]) {
      assert.deepStrictEqual(await refused(name, value), [], `${name}=${value}`);
    }
    // CloudStack takes the same values the check lets through, and refuses the others itself too.
    await assert.rejects(fx.admin.client.execute("updateConfiguration", { name: MAX_TIERS, value: "3.5" }), /Value \[3\.5\] is not a valid \[class java\.lang\.Integer\]/);
  });

  it("judges Decimal and Range settings as CloudStack's validateValueType and validateValueRange do", () => {
    assert.strictEqual(valueProblem("cpu.overprovisioning.factor", "Decimal", "1.5"), undefined);
    assert.match(valueProblem("cpu.overprovisioning.factor", "Decimal", "fast")!, /is not a decimal number.*"Value \[fast\] is not a valid \[class java\.lang\.Float\]\."/);
    assert.strictEqual(valueProblem("host.capacityType.to.order.clusters", "Range", "0.5"), undefined);
    assert.strictEqual(
      valueProblem("vm.allocation.algorithm.weight", "Range", "1.5"),
      'is not from 0 to 1: CloudStack refuses it ("Please enter a value between 0 and 1 for the configuration parameter: [vm.allocation.algorithm.weight].")',
    );
    assert.strictEqual(valueProblem("any.text", "CSV", "a,b"), undefined);
  });

  it("lets CloudStack's refusal of an unknown setting through, and creates nothing", async () => {
    const checked = await provider().check({}, { name: "no.such.setting", value: "1" });
    assert.deepStrictEqual(checked.failures, []);
    const before = JSON.stringify(fx.sim.model.state.configValues);
    await assert.rejects(provider().create(checked.inputs), /updateConfiguration failed \(431.*Invalid configuration variable\./);
    assert.strictEqual(JSON.stringify(fx.sim.model.state.configValues), before);
  });
});
