// DedicatedPublicIpRange through the adapter against the simulator over real HTTP.
import * as assert from "assert";
import { UNKNOWN } from "../../provider";
import { CloudStackApiError } from "../../provider/client";
import { startedForEachTest } from "../support/fixture-hooks";
import { rootDomainId, simProjectId } from "../support/seed-ids";
import {
  AddressingFixture,
  Applied,
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

type Range = Record<string, unknown>;

describe("DedicatedPublicIpRange against the simulator", function () {
  let fx: AddressingFixture;
  let range: Applied;
  const provider = () => fx.admin.provider("DedicatedPublicIpRange");
  const rootDomain = () => rootDomainId(fx.sim);
  const project = () => simProjectId(fx.sim);
  const toUser = () => ({ ipRangeId: range.id, account: "user", domainId: rootDomain() });

  async function listed(id: string): Promise<Range | undefined> {
    return (await fx.admin.client.list<Range>("listVlanIpRanges", { id }))[0];
  }

  startedForEachTest(startAddressing, async (started) => {
    fx = started;
    range = await createFrom(fx.admin.provider("IpRange"), {
      zone: ZONE,
      gateway: "172.30.0.1",
      netmask: "255.255.255.0",
      startIp: "172.30.0.10",
      endIp: "172.30.0.12",
    });
  });

  it("dedicates a range to an account and plans no change after; the IpRange plans no change either", async () => {
    const news = toUser();
    const dedication = await createFrom(provider(), news);
    assert.strictEqual(dedication.id, range.id, "the dedication's id is the range's");
    assert.strictEqual(dedication.outs.account, "user");
    assert.strictEqual(dedication.outs.domain, "ROOT");
    assert.strictEqual(dedication.outs.startIp, "172.30.0.10");
    assertPlainJson(dedication.outs);
    assert.strictEqual((await listed(range.id))?.account, "user");

    assert.deepStrictEqual((await plan(provider(), dedication, news)).diff, NO_CHANGE);
    // The range itself declares no owner: a dedication made by another resource is no drift for it.
    const rangeRead = await fx.admin.provider("IpRange").read(range.id, range.outs);
    assert.strictEqual(rangeRead.inputs?.account, undefined);
    assert.strictEqual(rangeRead.props.ownerAccount, "user");
  });

  it("gives the account's new public IPs from the dedicated range", async () => {
    await createFrom(provider(), toUser());
    const user = await fx.user();
    const net = await createFrom(user.provider("Network"), { name: "user-net", zone: ZONE, networkOffering: PERSISTENT });
    const sourceNat = (await user.client.list<Range>("listPublicIpAddresses", { associatednetworkid: net.id }))[0];
    assert.strictEqual(sourceNat.ipaddress, "172.30.0.10", "the network's source NAT IP came from the dedicated range");
  });

  it("dedicates to a project, and to a whole domain", async () => {
    const toProject = await createFrom(provider(), { ipRangeId: range.id, projectId: project(), domainId: rootDomain() });
    assert.strictEqual(toProject.outs.projectId, project());
    assert.strictEqual(toProject.outs.project, "simproject");
    assert.strictEqual(toProject.outs.account, null, "a project's hidden account is not an input");
    await provider().delete(toProject.id, toProject.outs);

    const toDomain = await createFrom(provider(), { ipRangeId: range.id, domainId: rootDomain() });
    assert.strictEqual(toDomain.outs.domainId, rootDomain());
    assert.strictEqual(toDomain.outs.account, null);
    assert.deepStrictEqual((await plan(provider(), toDomain, { ipRangeId: range.id, domainId: rootDomain() })).diff, NO_CHANGE);
  });

  it("replaces on an owner change, releasing first since a range is dedicated once", async () => {
    const dedication = await createFrom(provider(), toUser());
    const { checked, diff } = await plan(provider(), dedication, { ipRangeId: range.id, account: "admin", domainId: rootDomain() });
    assert.deepStrictEqual(diff, { changes: true, replaces: ["account"], deleteBeforeReplace: true });
    const again = await replaceDeletingFirst(provider(), dedication, checked);
    assert.strictEqual((await listed(again.id))?.account, "admin");

    const unknownRange = await plan(provider(), again, { ipRangeId: UNKNOWN, account: "admin", domainId: rootDomain() });
    assert.deepStrictEqual(unknownRange.diff, { changes: true, replaces: ["ipRangeId"], deleteBeforeReplace: true });
  });

  it("refreshes drift: a range re-dedicated out of band to another account shows on read", async () => {
    const news = toUser();
    const dedication = await createFrom(provider(), news);
    await fx.admin.client.execute("releasePublicIpRange", { id: range.id });
    await fx.admin.client.execute("dedicatePublicIpRange", { id: range.id, account: "admin", domainid: rootDomain() });

    const read = await provider().read(dedication.id, dedication.outs);
    assert.strictEqual(read.id, range.id);
    assert.strictEqual(read.inputs?.account, "admin");
    const { diff } = await plan(provider(), { id: range.id, outs: read.props }, news);
    assert.deepStrictEqual(diff, { changes: true, replaces: ["account"], deleteBeforeReplace: true });
  });

  it("reads a dedication released out of band as gone, and a deleted range too", async () => {
    const dedication = await createFrom(provider(), toUser());
    await fx.admin.client.execute("releasePublicIpRange", { id: range.id });
    assert.deepStrictEqual(await provider().read(dedication.id, dedication.outs), { id: "", props: {} });

    const again = await createFrom(provider(), toUser());
    await fx.admin.client.execute("deleteVlanIpRange", { id: range.id });
    assert.deepStrictEqual(await provider().read(again.id, again.outs), { id: "", props: {} });
  });

  it("releases on delete, twice without error", async () => {
    const dedication = await createFrom(provider(), toUser());
    await provider().delete(dedication.id, dedication.outs);
    assert.strictEqual((await listed(range.id))?.account, undefined);
    await provider().delete(dedication.id, dedication.outs);
  });

  it("reads from the id alone, as get() does, and adopts with importId", async () => {
    await fx.admin.client.execute("dedicatePublicIpRange", { id: range.id, account: "user", domainid: rootDomain() });
    const read = await provider().read(range.id, {});
    assert.deepStrictEqual(read.inputs, { ipRangeId: range.id, domainId: rootDomain(), account: "user" });

    const checked = await provider().check({}, { ...toUser(), importId: range.id });
    const adopted = await provider().create(checked.inputs);
    assert.strictEqual(adopted.id, range.id);
    assert.deepStrictEqual((await plan(provider(), { id: range.id, outs: adopted.outs }, toUser())).diff, NO_CHANGE);

    const other = await provider().check({}, { ipRangeId: range.id, account: "admin", domainId: rootDomain(), importId: range.id });
    await assert.rejects(provider().create(other.inputs), /cannot adopt DedicatedPublicIpRange .*account is "user" there but "admin" in the program/);
  });

  it("catches bad inputs at check and dedicates nothing", async () => {
    const failures = await checkFailures(fx.sim, provider(), { ipRangeId: "range-1", account: "user", projectId: project() });
    // domainId is missing, so account lacks its domain as well.
    assert.deepStrictEqual(failures.map((f) => f.property).sort(), ["account", "domainId", "ipRangeId", "projectId"]);
    const both = await checkFailures(fx.sim, provider(), { ipRangeId: range.id, account: "user", projectId: project(), domainId: rootDomain() });
    assert.deepStrictEqual(both, [
      { property: "projectId", reason: `projectId: "${project()}" cannot be combined with account: the owner is one or the other` },
    ]);
  });

  it("lets CloudStack's refusal through when the range's IPs belong to another account", async () => {
    const net = await createFrom(fx.admin.provider("Network"), { name: "admin-net", zone: ZONE, networkOffering: PERSISTENT });
    await fx.admin.client.execute("associateIpAddress", { networkid: net.id, ipaddress: "172.30.0.11" });
    const checked = await provider().check({}, toUser());
    await assert.rejects(provider().create(checked.inputs), (err: unknown) => {
      assert.ok(err instanceof CloudStackApiError);
      assert.strictEqual(err.errorcode, 431);
      assert.strictEqual(err.errortext, "172.30.0.11 Public IP address in range is allocated to another account ");
      return true;
    });
    assert.strictEqual((await listed(range.id))?.account, undefined);
  });
});
