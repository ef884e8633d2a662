// DedicatedGuestVlanRange through the adapter against the simulator over real HTTP.
import * as assert from "assert";
import { CloudStackApiError } from "../../provider/client";
import { startedForEachTest } from "../support/fixture-hooks";
import { rootDomainId } from "../support/seed-ids";
import {
  AddressingFixture,
  assertPlainJson,
  checkFailures,
  createFrom,
  NO_CHANGE,
  PERSISTENT,
  plan,
  replaceDeletingFirst,
  startAddressing,
  ZONE,
} from "../support/addressing-fixture";

type Dedication = Record<string, unknown>;
const PNET = "Sandbox-pnet";

describe("DedicatedGuestVlanRange against the simulator", function () {
  let fx: AddressingFixture;
  const provider = () => fx.admin.provider("DedicatedGuestVlanRange");
  const rootDomain = () => rootDomainId(fx.sim);
  const pnetUuid = () => fx.sim.model.state.physicalNetworks.find((p) => p.name === PNET)!.uuid;
  const forUser = (vlanRange = "180-185") => ({ vlanRange, physicalNetwork: PNET, account: "user", domainId: rootDomain() });

  async function listed(id: string): Promise<Dedication[]> {
    try {
      return await fx.admin.client.list<Dedication>("listDedicatedGuestVlanRanges", { id });
    } catch (err) {
      if (err instanceof CloudStackApiError && err.errorcode === 431) return [];
      throw err;
    }
  }

  startedForEachTest(startAddressing, (started) => (fx = started));

  it("dedicates VLANs to an account and plans no change after", async () => {
    const news = forUser();
    const dedication = await createFrom(provider(), news);
    assert.strictEqual(dedication.outs.vlanRange, "180-185");
    assert.strictEqual(dedication.outs.physicalNetwork, PNET);
    assert.strictEqual(dedication.outs.physicalNetworkId, pnetUuid(), "the uuid, though CloudStack answers the internal id");
    assert.strictEqual(dedication.outs.account, "user");
    assert.strictEqual(dedication.outs.domain, "ROOT");
    assertPlainJson(dedication.outs);
    assert.strictEqual((await listed(dedication.id))[0]?.guestvlanrange, "180-185");

    assert.deepStrictEqual((await plan(provider(), dedication, news)).diff, NO_CHANGE);
    assert.deepStrictEqual((await plan(provider(), dedication, { ...news, vlanRange: " 180 - 185 " })).diff, NO_CHANGE);
    assert.deepStrictEqual((await plan(provider(), dedication, { ...news, physicalNetwork: pnetUuid() })).diff, NO_CHANGE);

    // A refresh keeps the physical network as written.
    const read = await provider().read(dedication.id, dedication.outs);
    assert.strictEqual(read.inputs?.physicalNetwork, PNET);
    assert.deepStrictEqual((await plan(provider(), { id: dedication.id, outs: read.props }, news)).diff, NO_CHANGE);
  });

  it("gives the account's new isolated networks their VLAN from the range", async () => {
    await createFrom(provider(), forUser());
    const user = await fx.user();
    const net = await createFrom(user.provider("Network"), { name: "user-vlan", zone: ZONE, networkOffering: PERSISTENT });
    assert.strictEqual(fx.sim.model.findNetwork(net.id)?.vlan, "180");
  });

  it("replaces on a range change, releasing first when the ranges overlap", async () => {
    const dedication = await createFrom(provider(), forUser());
    const overlapping = await plan(provider(), dedication, forUser("183-190"));
    assert.deepStrictEqual(overlapping.diff, { changes: true, replaces: ["vlanRange"], deleteBeforeReplace: true });
    const apart = await plan(provider(), dedication, forUser("190-195"));
    assert.deepStrictEqual(apart.diff, { changes: true, replaces: ["vlanRange"], deleteBeforeReplace: false });

    const again = await replaceDeletingFirst(provider(), dedication, overlapping.checked);
    assert.deepStrictEqual(await listed(dedication.id), []);
    assert.strictEqual((await listed(again.id))[0]?.guestvlanrange, "183-190");
  });

  it("reads a dedication released out of band as gone (CloudStack's 431 for a removed id)", async () => {
    const dedication = await createFrom(provider(), forUser());
    await fx.admin.client.execute("releaseDedicatedGuestVlanRange", { id: dedication.id });
    assert.deepStrictEqual(await provider().read(dedication.id, dedication.outs), { id: "", props: {} });
  });

  it("releases on delete, twice without error", async () => {
    const dedication = await createFrom(provider(), forUser());
    await provider().delete(dedication.id, dedication.outs);
    assert.deepStrictEqual(await listed(dedication.id), []);
    await provider().delete(dedication.id, dedication.outs);
  });

  it("reads from the id alone, as get() does, and adopts with importId", async () => {
    const made = await fx.admin.client.execute("dedicateGuestVlanRange", {
      vlanrange: "186-188",
      physicalnetworkid: pnetUuid(),
      account: "user",
      domainid: rootDomain(),
    });
    const id = String((made.dedicatedguestvlanrange as Dedication).id);
    const read = await provider().read(id, {});
    assert.strictEqual(read.id, id);
    assert.strictEqual(read.inputs?.vlanRange, "186-188");
    assert.strictEqual(read.inputs?.account, "user");

    const checked = await provider().check({}, { ...forUser("186-188"), importId: id });
    const adopted = await provider().create(checked.inputs);
    assert.strictEqual(adopted.id, id);
    assert.strictEqual(adopted.outs.physicalNetworkId, pnetUuid());
    assert.deepStrictEqual((await plan(provider(), { id, outs: adopted.outs }, forUser("186-188"))).diff, NO_CHANGE);

    const differs = await provider().check({}, { ...forUser("186-189"), importId: id });
    await assert.rejects(provider().create(differs.inputs), /cannot adopt DedicatedGuestVlanRange .*vlanRange is "186-188" there but "186-189" in the program/);
  });

  it("catches bad inputs at check and dedicates nothing", async () => {
    const notRange = await checkFailures(fx.sim, provider(), { vlanRange: "180", physicalNetwork: PNET });
    assert.deepStrictEqual(notRange, [{ property: "vlanRange", reason: 'vlanRange: "180" is not a VLAN range written "start-end", e.g. "100-110"' }]);
    const backwards = await checkFailures(fx.sim, provider(), { vlanRange: "190-180", physicalNetwork: PNET });
    assert.deepStrictEqual(backwards, [{ property: "vlanRange", reason: 'vlanRange: "190-180" is backwards: its start must be at most its end' }]);
    const unknownPnet = await checkFailures(fx.sim, provider(), { vlanRange: "180-181", physicalNetwork: "nope" });
    assert.match(unknownPnet[0].reason, /^physicalNetwork: "nope" matches no physical network by name; candidates: "Sandbox-pnet"/);
    const project = fx.sim.model.state.projects[0].uuid;
    const both = await checkFailures(fx.sim, provider(), { ...forUser(), projectId: project });
    assert.deepStrictEqual(both.map((f) => f.property), ["projectId"]);
  });

  it("lets CloudStack's refusals through: outside the VLAN range, already dedicated", async () => {
    const outside = await provider().check({}, forUser("300-310"));
    await assert.rejects(provider().create(outside.inputs), (err: unknown) => {
      assert.ok(err instanceof CloudStackApiError);
      assert.strictEqual(err.errorcode, 431);
      assert.match(err.errortext, /Unable to find guest vlan by range/);
      return true;
    });
    await createFrom(provider(), forUser());
    const twice = await provider().check({}, forUser("184-186"));
    await assert.rejects(provider().create(twice.inputs), /Vlan range is already dedicated/);
    assert.strictEqual(fx.sim.model.state.dedicatedGuestVlanRanges.length, 1);
  });
});
