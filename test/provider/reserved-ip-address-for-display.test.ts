// ReservedIpAddress `forDisplay` changed in place (updateIpAddress fordisplay) through the
// provider, against the simulator over real HTTP: the reservation and its address stay.
import * as assert from "assert";
import { startedForEachTest } from "../support/fixture-hooks";
import { rootDomainId } from "../support/seed-ids";
import { AddressingFixture, createFrom, NO_CHANGE, plan, startAddressing, updateTo } from "../support/addressing-fixture";

type Ip = Record<string, unknown>;

describe("ReservedIpAddress forDisplay in place against the simulator", function () {
  let fx: AddressingFixture;
  const provider = () => fx.admin.provider("ReservedIpAddress");

  async function row(id: string): Promise<Ip> {
    return (await fx.admin.client.list<Ip>("listPublicIpAddresses", { id, allocatedonly: false, listall: true }))[0];
  }

  startedForEachTest(startAddressing, (started) => (fx = started));

  it("hides and shows the reservation in place, keeping its id, address, owner and state", async () => {
    const news = { ipAddress: "192.168.2.190", account: "user", domainId: rootDomainId(fx.sim) };
    const reserved = await createFrom(provider(), news);
    assert.strictEqual(reserved.outs.forDisplay, true, "CloudStack's default");
    assert.strictEqual((await row(reserved.id)).fordisplay, true);

    const hidden = await updateTo(provider(), reserved, { ...news, forDisplay: false });
    assert.strictEqual(hidden.id, reserved.id);
    assert.strictEqual(hidden.outs.forDisplay, false);
    const api = await row(reserved.id);
    assert.strictEqual(api.fordisplay, false);
    assert.strictEqual(api.state, "Reserved");
    assert.strictEqual(api.ipaddress, "192.168.2.190");
    assert.strictEqual(api.account, "user");
    assert.deepStrictEqual((await plan(provider(), hidden, { ...news, forDisplay: false })).diff, NO_CHANGE);
    assert.deepStrictEqual((await plan(provider(), hidden, news)).diff, NO_CHANGE, "omitted, it keeps what CloudStack has");

    const shown = await updateTo(provider(), hidden, { ...news, forDisplay: true });
    assert.strictEqual(shown.outs.forDisplay, true);
    assert.strictEqual((await row(reserved.id)).fordisplay, true);
  });

  it("undoes forDisplay changed out of band in place after a refresh", async () => {
    const news = { ipAddress: "192.168.2.191", account: "user", domainId: rootDomainId(fx.sim), forDisplay: true };
    const reserved = await createFrom(provider(), news);
    await fx.admin.client.execute("updateIpAddress", { id: reserved.id, fordisplay: false });
    const read = await provider().read(reserved.id, reserved.outs);
    assert.strictEqual(read.props.forDisplay, false);

    const { checked, diff } = await plan(provider(), { id: reserved.id, outs: read.props }, news);
    assert.deepStrictEqual(diff, { changes: true, replaces: [], deleteBeforeReplace: false });
    const undone = await provider().update(reserved.id, read.props, checked);
    assert.strictEqual(undone.outs.forDisplay, true);
    assert.strictEqual((await row(reserved.id)).fordisplay, true);
    assert.strictEqual((await row(reserved.id)).state, "Reserved");
  });
});
