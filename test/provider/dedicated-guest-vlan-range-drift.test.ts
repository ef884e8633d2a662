// DedicatedGuestVlanRange drift through the provider, against the simulator over real HTTP:
// the range released and dedicated again to another account out of band. CloudStack gives the
// new dedication a new id, so the program's dedication reads as gone, the engine's re-create is
// refused with CloudStack's text, and the new owner shows when that dedication is read or adopted.
import * as assert from "assert";
import { apiRefusal } from "../support/api-refusal";
import { startedForEachTest } from "../support/fixture-hooks";
import { rootDomainId } from "../support/seed-ids";
import { AddressingFixture, createFrom, startAddressing } from "../support/addressing-fixture";

const PNET = "Sandbox-pnet";

describe("DedicatedGuestVlanRange re-dedicated out of band against the simulator", function () {
  let fx: AddressingFixture;
  const provider = () => fx.admin.provider("DedicatedGuestVlanRange");

  startedForEachTest(startAddressing, (started) => (fx = started));

  it("reads as gone, its re-create is refused, and the other account's dedication reads with its owner", async () => {
    const news = { vlanRange: "180-185", physicalNetwork: PNET, account: "user", domainId: rootDomainId(fx.sim) };
    const mine = await createFrom(provider(), news);
    assert.strictEqual(mine.outs.account, "user");

    await fx.admin.client.execute("releaseDedicatedGuestVlanRange", { id: mine.id });
    const pnetId = String(mine.outs.physicalNetworkId);
    const theirs = await fx.admin.client.execute("dedicateGuestVlanRange", {
      vlanrange: "180-185",
      physicalnetworkid: pnetId,
      account: "admin",
      domainid: rootDomainId(fx.sim),
    });
    const theirsId = String((theirs.dedicatedguestvlanrange as Record<string, unknown>).id);
    assert.notStrictEqual(theirsId, mine.id);

    assert.deepStrictEqual(await provider().read(mine.id, mine.outs), { id: "", props: {} });

    // What the engine does next for a resource that read as gone: create it again.
    const checked = await provider().check({}, news);
    assert.deepStrictEqual(checked.failures, []);
    await assert.rejects(provider().create(checked.inputs), apiRefusal(431, "Vlan range is already dedicated. Cannot dedicate guest vlan range 180-185"));

    const read = await provider().read(theirsId, {});
    assert.strictEqual(read.id, theirsId);
    assert.strictEqual(read.inputs?.vlanRange, "180-185");
    assert.strictEqual(read.inputs?.account, "admin");
    // Adopting it into the program (importId) is refused: the program's owner does not hold it.
    const adopt = await provider().check({}, { ...news, importId: theirsId });
    await assert.rejects(
      provider().create(adopt.inputs),
      new RegExp(`^AdoptError: cannot adopt DedicatedGuestVlanRange ${theirsId}: CloudStack has no such DedicatedGuestVlanRange of account user; nothing was created\\.`),
    );

    const listed = await fx.admin.client.list<Record<string, unknown>>("listDedicatedGuestVlanRanges", { physicalnetworkid: pnetId });
    assert.deepStrictEqual(
      listed.map((r) => [r.id, r.guestvlanrange, r.account]),
      [[theirsId, "180-185", "admin"]],
    );
  });
});
