// PortableIpRange through the adapter against the simulator over real HTTP.
import * as assert from "assert";
import { UNKNOWN } from "../../provider";
import { CloudStackApiError } from "../../provider/client";
import { startedForEachTest } from "../support/fixture-hooks";
import {
  AddressingFixture,
  assertPlainJson,
  checkFailures,
  createFrom,
  NO_CHANGE,
  PERSISTENT,
  plan,
  replace,
  replaceDeletingFirst,
  startAddressing,
  ZONE,
} from "../support/addressing-fixture";

type Range = Record<string, unknown>;

function pool(extra: Range = {}): Range {
  return { regionId: 1, gateway: "198.51.100.1", netmask: "255.255.255.0", startIp: "198.51.100.10", endIp: "198.51.100.20", ...extra };
}

describe("PortableIpRange against the simulator", function () {
  let fx: AddressingFixture;
  const provider = () => fx.admin.provider("PortableIpRange");

  async function listed(id: string): Promise<Range | undefined> {
    try {
      return (await fx.admin.client.list<Range>("listPortableIpRanges", { id }))[0];
    } catch (err) {
      if (err instanceof CloudStackApiError && err.errorcode === 431) return undefined;
      throw err;
    }
  }

  startedForEachTest(startAddressing, (started) => (fx = started));

  it("creates a region's portable range (an async job) and plans no change after", async () => {
    const news = pool({ vlan: "600" });
    const range = await createFrom(provider(), news);
    assert.strictEqual(range.outs.regionId, 1);
    assert.strictEqual(range.outs.allocatedIpCount, 0);
    assert.strictEqual(range.outs.vlan, "600");
    assertPlainJson(range.outs);
    assert.strictEqual((await listed(range.id))?.startip, "198.51.100.10");
    assert.deepStrictEqual((await plan(provider(), range, news)).diff, NO_CHANGE);
    assert.deepStrictEqual((await plan(provider(), range, pool({ vlan: "vlan://600" }))).diff, NO_CHANGE);
  });

  it("replaces on any change; deleting first when the new range overlaps the old", async () => {
    const range = await createFrom(provider(), pool());
    const overlapping = await plan(provider(), range, pool({ endIp: "198.51.100.30" }));
    assert.deepStrictEqual(overlapping.diff, { changes: true, replaces: ["endIp"], deleteBeforeReplace: true });
    const unknown = await plan(provider(), range, pool({ startIp: UNKNOWN }));
    assert.deepStrictEqual(unknown.diff, { changes: true, replaces: ["startIp"], deleteBeforeReplace: true });
    const apart = await plan(provider(), range, pool({ startIp: "198.51.100.50", endIp: "198.51.100.60" }));
    assert.deepStrictEqual(apart.diff, { changes: true, replaces: ["startIp", "endIp"], deleteBeforeReplace: false });

    const moved = await replace(provider(), range, apart.checked);
    assert.strictEqual(await listed(range.id), undefined);
    assert.strictEqual((await listed(moved.id))?.startip, "198.51.100.50");
    const widened = await replaceDeletingFirst(provider(), moved, pool({ startIp: "198.51.100.50", endIp: "198.51.100.70" }));
    assert.strictEqual((await listed(widened.id))?.endip, "198.51.100.70");
  });

  it("fails to delete while a portable IP is allocated, with CloudStack's error; refresh shows the count", async () => {
    const range = await createFrom(provider(), pool());
    const net = await createFrom(fx.admin.provider("Network"), { name: "portable-holder", zone: ZONE, networkOffering: PERSISTENT });
    await fx.admin.client.execute("associateIpAddress", { networkid: net.id, isportable: true, regionid: 1 });

    const read = await provider().read(range.id, range.outs);
    assert.strictEqual(read.props.allocatedIpCount, 1);
    assert.deepStrictEqual((await plan(provider(), { id: range.id, outs: read.props }, pool())).diff, NO_CHANGE);

    await assert.rejects(provider().delete(range.id, range.outs), (err: unknown) => {
      assert.ok(err instanceof CloudStackApiError);
      assert.strictEqual(err.errortext, "Can't delete portable IP range as there are IP's assigned.");
      return true;
    });
    assert.ok(await listed(range.id));
  });

  it("reports a range deleted out of band as gone (CloudStack's 431 for a removed id), and deletes twice", async () => {
    const range = await createFrom(provider(), pool());
    await fx.admin.client.execute("deletePortableIpRange", { id: range.id });
    assert.deepStrictEqual(await provider().read(range.id, range.outs), { id: "", props: {} });
    await provider().delete(range.id, range.outs);

    const again = await createFrom(provider(), pool());
    await provider().delete(again.id, again.outs);
    assert.strictEqual(await listed(again.id), undefined);
    await provider().delete(again.id, again.outs);
  });

  it("reads from the id alone, as get() does, and adopts with importId", async () => {
    const made = await fx.admin.client.execute("createPortableIpRange", {
      regionid: 1,
      gateway: "198.51.100.1",
      netmask: "255.255.255.0",
      startip: "198.51.100.100",
      endip: "198.51.100.110",
    });
    const id = String((made.portableiprange as Range).id);
    const read = await provider().read(id, {});
    assert.deepStrictEqual(read.inputs, { regionId: 1, gateway: "198.51.100.1", netmask: "255.255.255.0", startIp: "198.51.100.100", endIp: "198.51.100.110", vlan: "untagged" });

    const news = pool({ startIp: "198.51.100.100", endIp: "198.51.100.110", vlan: "untagged" });
    const adopted = await provider().create((await provider().check({}, { ...news, importId: id })).inputs);
    assert.strictEqual(adopted.id, id);
    assert.deepStrictEqual((await plan(provider(), { id, outs: adopted.outs }, news)).diff, NO_CHANGE);
    const differs = (await provider().check({}, { ...news, endIp: "198.51.100.111", importId: id })).inputs;
    await assert.rejects(provider().create(differs), /cannot adopt PortableIpRange .*endIp is "198\.51\.100\.110" there but "198\.51\.100\.111"/);
  });

  it("catches bad inputs at check and creates nothing", async () => {
    const failures = await checkFailures(fx.sim, provider(), pool({ startIp: "198.51.101.10", endIp: "198.51.100.5", regionId: 0 }));
    assert.deepStrictEqual(failures.map((f) => f.property).sort(), ["endIp", "regionId", "startIp"]);
    const backwards = await checkFailures(fx.sim, provider(), pool({ startIp: "198.51.100.20", endIp: "198.51.100.10" }));
    assert.deepStrictEqual(backwards, [{ property: "endIp", reason: 'endIp: "198.51.100.10" is before startIp 198.51.100.20' }]);
    const missing = await checkFailures(fx.sim, provider(), { regionId: "1", gateway: "198.51.100.1" });
    assert.deepStrictEqual(missing.map((f) => f.property).sort(), ["endIp", "netmask", "regionId", "startIp"]);
  });

  it("lets CloudStack's refusals through: an unknown region, an overlap", async () => {
    const noRegion = (await provider().check({}, pool({ regionId: 7 }))).inputs;
    await assert.rejects(provider().create(noRegion), /Invalid region ID: 7/);
    await createFrom(provider(), pool());
    const overlapping = (await provider().check({}, pool({ startIp: "198.51.100.15", endIp: "198.51.100.25" }))).inputs;
    await assert.rejects(provider().create(overlapping), /overlaps with a portable IP range already configured in the region 1/);
    assert.strictEqual(fx.sim.model.state.portableIpRanges.length, 1);
  });
});
