// ReservedIpAddress through the adapter against the simulator over real HTTP.
import * as assert from "assert";
import { UNKNOWN } from "../../provider";
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
  replace,
  replaceDeletingFirst,
  startAddressing,
  ZONE,
} from "../support/addressing-fixture";

type Ip = Record<string, unknown>;

describe("ReservedIpAddress against the simulator", function () {
  let fx: AddressingFixture;
  const provider = () => fx.admin.provider("ReservedIpAddress");
  const rootDomain = () => rootDomainId(fx.sim);
  const forUser = (ipAddress = "192.168.2.180") => ({ ipAddress, account: "user", domainId: rootDomain() });
  const rowOf = (address: string) => fx.sim.model.state.publicIps.find((ip) => ip.address === address)!;

  async function row(id: string): Promise<Ip | undefined> {
    return (await fx.admin.client.list<Ip>("listPublicIpAddresses", { id, allocatedonly: false, listall: true }))[0];
  }

  startedForEachTest(startAddressing, (started) => (fx = started));

  it("reserves an address for an account and plans no change after", async () => {
    const news = forUser();
    const reserved = await createFrom(provider(), news);
    assert.strictEqual(reserved.id, rowOf("192.168.2.180").uuid, "the id is the public IP's");
    assert.strictEqual(reserved.outs.state, "Reserved");
    assert.strictEqual(reserved.outs.address, "192.168.2.180");
    assert.strictEqual(reserved.outs.account, "user");
    assert.strictEqual(reserved.outs.zone, ZONE);
    assertPlainJson(reserved.outs);
    assert.strictEqual((await row(reserved.id))?.state, "Reserved");
    assert.deepStrictEqual((await plan(provider(), reserved, news)).diff, NO_CHANGE);
  });

  it("reserves by the public IP's id, keeping the id form", async () => {
    const id = rowOf("192.168.2.181").uuid;
    const news = forUser(id);
    const reserved = await createFrom(provider(), news);
    assert.strictEqual(reserved.id, id);
    assert.strictEqual(reserved.outs.ipAddress, id);
    assert.strictEqual(reserved.outs.address, "192.168.2.181");
    const read = await provider().read(id, reserved.outs);
    assert.strictEqual(read.inputs?.ipAddress, id);
    assert.deepStrictEqual((await plan(provider(), reserved, news)).diff, NO_CHANGE);
  });

  it("lets the owner acquire the reserved address; the reservation then steps aside on delete", async () => {
    const reserved = await createFrom(provider(), forUser());
    const user = await fx.user();
    const net = await createFrom(user.provider("Network"), { name: "user-net", zone: ZONE, networkOffering: PERSISTENT });
    const ip = await createFrom(user.provider("PublicIpAddress"), { network: net.id, ipAddress: "192.168.2.180" });
    assert.strictEqual(ip.id, reserved.id);
    assert.strictEqual(ip.outs.state, "Allocated");

    const read = await provider().read(reserved.id, reserved.outs);
    assert.strictEqual(read.props.state, "Allocated");
    await provider().delete(reserved.id, reserved.outs);
    assert.strictEqual((await row(reserved.id))?.state, "Allocated", "the acquired IP is left to its PublicIpAddress");
    await user.provider("PublicIpAddress").delete(ip.id, ip.outs);
  });

  it("replaces on a new address, and deletes first when the address stays while the owner changes", async () => {
    const reserved = await createFrom(provider(), forUser());
    const other = await plan(provider(), reserved, forUser("192.168.2.182"));
    assert.deepStrictEqual(other.diff, { changes: true, replaces: ["ipAddress"], deleteBeforeReplace: false });
    const owner = await plan(provider(), reserved, { ipAddress: "192.168.2.180", account: "admin", domainId: rootDomain() });
    assert.deepStrictEqual(owner.diff, { changes: true, replaces: ["account"], deleteBeforeReplace: true });
    const unknown = await plan(provider(), reserved, forUser(UNKNOWN));
    assert.deepStrictEqual(unknown.diff, { changes: true, replaces: ["ipAddress"], deleteBeforeReplace: true });

    const moved = await replace(provider(), reserved, other.checked);
    assert.strictEqual((await row(reserved.id))?.state, "Free");
    assert.strictEqual((await row(moved.id))?.state, "Reserved");
    const toAdmin = await replaceDeletingFirst(provider(), moved, { ...(await provider().check({}, { ipAddress: "192.168.2.182", account: "admin", domainId: rootDomain() })).inputs });
    assert.strictEqual((await row(toAdmin.id))?.account, "admin");
  });

  it("refreshes drift: forDisplay changed out of band shows on read", async () => {
    const news = forUser();
    const reserved = await createFrom(provider(), news);
    await fx.admin.client.execute("updateIpAddress", { id: reserved.id, fordisplay: false });
    const read = await provider().read(reserved.id, reserved.outs);
    assert.strictEqual(read.inputs?.forDisplay, false);
    const { diff } = await plan(provider(), { id: reserved.id, outs: read.props }, { ...news, forDisplay: true });
    // updateIpAddress takes fordisplay, so restoring it is an in-place update.
    assert.deepStrictEqual(diff, { changes: true, replaces: [], deleteBeforeReplace: false });
  });

  it("reports a reservation released out of band as gone, and releases twice without error", async () => {
    const reserved = await createFrom(provider(), forUser());
    await fx.admin.client.execute("releaseIpAddress", { id: reserved.id });
    assert.deepStrictEqual(await provider().read(reserved.id, reserved.outs), { id: "", props: {} });

    const again = await createFrom(provider(), forUser());
    await provider().delete(again.id, again.outs);
    assert.strictEqual((await row(again.id))?.state, "Free");
    await provider().delete(again.id, again.outs);
  });

  it("reads from the id alone, as get() does, and adopts with importId", async () => {
    const id = rowOf("192.168.2.183").uuid;
    await fx.admin.client.execute("reserveIpAddress", { id, account: "user", domainid: rootDomain() });
    const read = await provider().read(id, {});
    assert.strictEqual(read.inputs?.ipAddress, "192.168.2.183");
    assert.strictEqual(read.inputs?.account, "user");

    const adopted = await provider().create((await provider().check({}, { ...forUser("192.168.2.183"), importId: id })).inputs);
    assert.strictEqual(adopted.id, id);
    assert.deepStrictEqual((await plan(provider(), { id, outs: adopted.outs }, forUser("192.168.2.183"))).diff, NO_CHANGE);
    const differs = (await provider().check({}, { ipAddress: "192.168.2.183", account: "admin", domainId: rootDomain(), importId: id })).inputs;
    // Read in the program's owner scope, another account's reservation is not there to adopt.
    await assert.rejects(provider().create(differs), /cannot adopt ReservedIpAddress .*no such ReservedIpAddress of account admin; nothing was created/);
  });

  it("catches bad inputs at check and reserves nothing", async () => {
    const failures = await checkFailures(fx.sim, provider(), { ipAddress: "ip-1", account: "user" });
    assert.deepStrictEqual(failures.map((f) => f.property).sort(), ["account", "ipAddress"]);
    assert.strictEqual(failures.find((f) => f.property === "ipAddress")!.reason, 'ipAddress: "ip-1" is neither an IPv4 address (a.b.c.d) nor the id of a public IP (a UUID)');
    const zoneWithId = await checkFailures(fx.sim, provider(), { ipAddress: rowOf("192.168.2.184").uuid, zone: ZONE });
    assert.deepStrictEqual(zoneWithId.map((f) => f.property), ["zone"]);
  });

  it("fails clearly for an address that does not exist, and lets CloudStack's refusal of a taken IP through", async () => {
    const nowhere = (await provider().check({}, forUser("203.0.113.77"))).inputs;
    await assert.rejects(provider().create(nowhere), /no public IP 203\.0\.113\.77 is visible to this account/);

    const net = await createFrom(fx.admin.provider("Network"), { name: "admin-net", zone: ZONE, networkOffering: PERSISTENT });
    const taken = String((await fx.admin.client.list<Ip>("listPublicIpAddresses", { associatednetworkid: net.id }))[0].ipaddress);
    const refused = (await provider().check({}, forUser(taken))).inputs;
    await assert.rejects(provider().create(refused), (err: unknown) => {
      assert.ok(err instanceof CloudStackApiError);
      assert.strictEqual(err.errorcode, 431);
      assert.strictEqual(err.errortext, "Unable to reserve a IP in Allocated state.");
      return true;
    });
  });
});
