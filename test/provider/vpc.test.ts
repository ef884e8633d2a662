// Vpc through the adapter against the simulator over real HTTP.
import * as assert from "assert";
import { CloudStackApiError } from "../../provider/client";
import { startedForEachTest } from "../support/fixture-hooks";
import {
  adminList,
  assertPlainJson,
  checkRefuses,
  createFrom,
  jobsSince,
  makeTier,
  makeVpc,
  NO_CHANGE,
  plan,
  replace,
  startVpcFixture,
  updateTo,
  VpcFixture,
  vpcInputs,
} from "../support/vpc-fixture";

describe("Vpc against the simulator", function () {
  let fx: VpcFixture;
  const provider = () => fx.admin.provider("Vpc");

  startedForEachTest(startVpcFixture, (started) => (fx = started));

  it("creates a VPC with its source NAT IP, and plans no change after (a zone written as its id included)", async () => {
    const news = vpcInputs({ networkDomain: "corp.internal", dns1: "10.0.0.53" });
    const vpc = await createFrom(provider(), news);
    assert.strictEqual(vpc.outs.state, "Enabled");
    assert.strictEqual(vpc.outs.cidr, "10.0.0.0/16");
    assert.strictEqual(vpc.outs.networkDomain, "corp.internal");
    assert.strictEqual(vpc.outs.vpcOfferingName, "Default VPC offering");
    assert.strictEqual(vpc.outs.publicMtu, 1500, "CloudStack's default MTU is an output");
    assertPlainJson(vpc.outs);
    const ips = await adminList(fx, "listPublicIpAddresses", { vpcid: vpc.id, listall: true });
    assert.deepStrictEqual(ips.map((ip) => ip.issourcenat), [true], "the VPC got its source NAT IP");

    assert.deepStrictEqual((await plan(provider(), vpc, news)).diff, NO_CHANGE);
    assert.deepStrictEqual((await plan(provider(), vpc, { ...news, zone: String(vpc.outs.zoneId) })).diff, NO_CHANGE);
  });

  it("updates name, display text and MTU in place", async () => {
    const vpc = await makeVpc(fx);
    const news = vpcInputs({ name: "vpc-renamed", displayText: "renamed", publicMtu: 1400 });
    const updated = await updateTo(provider(), vpc, news);
    assert.strictEqual(updated.outs.name, "vpc-renamed");
    const [api] = await adminList(fx, "listVPCs", { id: vpc.id });
    assert.strictEqual(api.name, "vpc-renamed");
    assert.strictEqual(api.displaytext, "renamed");
    assert.strictEqual(api.publicmtu, 1400);
    assert.deepStrictEqual((await plan(provider(), updated, news)).diff, NO_CHANGE);
  });

  it("restarts with cleanup only when restartTrigger changes to a new value", async () => {
    const vpc = await createFrom(provider(), vpcInputs({ restartTrigger: "1" }));
    assert.ok(!jobsSince(fx, 0).includes("restartVPC"), "creating with a trigger restarts nothing");

    let mark = fx.jobs.length;
    const renamed = await updateTo(provider(), vpc, vpcInputs({ name: "other", restartTrigger: "1" }));
    assert.deepStrictEqual(jobsSince(fx, mark), ["updateVPC"], "an update without a new trigger does not restart");

    mark = fx.jobs.length;
    const restarted = await updateTo(provider(), renamed, vpcInputs({ name: "other", restartTrigger: "2" }));
    const restart = fx.jobs.slice(mark).find((job) => job.command === "restartVPC");
    assert.ok(restart, "a new trigger restarts");
    assert.strictEqual(restart.params.cleanup, "true");
    assert.strictEqual(restarted.outs.restartTrigger, "2");
    assert.deepStrictEqual((await plan(provider(), restarted, vpcInputs({ name: "other", restartTrigger: "2" }))).diff, NO_CHANGE);

    mark = fx.jobs.length;
    const { diff, checked } = await plan(provider(), restarted, vpcInputs({ name: "other" }));
    assert.deepStrictEqual(diff, { changes: true, replaces: [], deleteBeforeReplace: false });
    await provider().update(restarted.id, restarted.outs, checked);
    assert.deepStrictEqual(jobsSince(fx, mark), [], "removing the trigger restarts nothing");
  });

  it("replaces on a new CIDR or DNS server", async () => {
    const vpc = await makeVpc(fx);
    const moved = await plan(provider(), vpc, vpcInputs({ cidr: "10.1.0.0/16" }));
    assert.deepStrictEqual(moved.diff, { changes: true, replaces: ["cidr"], deleteBeforeReplace: false });
    assert.deepStrictEqual((await plan(provider(), vpc, vpcInputs({ dns1: "10.0.0.53" }))).diff.replaces, ["dns1"]);
    const replacement = await replace(provider(), vpc, moved.checked);
    assert.notStrictEqual(replacement.id, vpc.id);
    assert.deepStrictEqual(await adminList(fx, "listVPCs", { id: vpc.id }), [], "the old VPC is deleted");
    assert.strictEqual((await adminList(fx, "listVPCs", { id: replacement.id }))[0].cidr, "10.1.0.0/16");
  });

  it("sees a VPC deleted out of band as gone (soft-deleted: {}), and deletes twice without error", async () => {
    const vpc = await makeVpc(fx);
    await fx.admin.client.execute("deleteVPC", { id: vpc.id });
    assert.deepStrictEqual(await provider().read(vpc.id, vpc.outs), { id: "", props: {} });
    await provider().delete(vpc.id, vpc.outs);

    const other = await makeVpc(fx, { name: "vpc-2" });
    await provider().delete(other.id, other.outs);
    await provider().delete(other.id, other.outs);
    assert.deepStrictEqual(await adminList(fx, "listVPCs", { id: other.id }), []);
  });

  it("lets CloudStack's refusal through when tiers remain", async () => {
    const vpc = await makeVpc(fx);
    await makeTier(fx, vpc, "web", "10.0.1.0/24");
    await assert.rejects(provider().delete(vpc.id, vpc.outs), (err: unknown) => {
      assert.ok(err instanceof CloudStackApiError);
      assert.match(err.message, /Can't delete VPC \[VPC \[\d+-vpc-1\] as its used by 1 networks/);
      return true;
    });
  });

  it("refreshes drift: a name changed out of band shows on read, and the next preview restores it", async () => {
    const vpc = await makeVpc(fx);
    await fx.admin.client.execute("updateVPC", { id: vpc.id, name: "by-hand" });
    const read = await provider().read(vpc.id, vpc.outs);
    assert.strictEqual(read.inputs?.name, "by-hand");
    assert.strictEqual(read.inputs?.zone, "Sandbox-simulator");
    const { diff } = await plan(provider(), { id: vpc.id, outs: read.props }, vpcInputs());
    assert.deepStrictEqual(diff, { changes: true, replaces: [], deleteBeforeReplace: false });
  });

  it("reads from the id alone, as get() does, and adopts with importId", async () => {
    const made = await fx.admin.client.execute("createVPC", {
      name: "existing",
      zoneid: fx.sim.model.state.zones.find((z) => z.name === "Sandbox-simulator")!.uuid,
      vpcofferingid: fx.sim.model.state.vpcOfferings[0].uuid,
      cidr: "10.5.0.0/16",
    });
    const id = String((made.vpc as Record<string, unknown>).id);
    const read = await provider().read(id, {});
    assert.strictEqual(read.inputs?.cidr, "10.5.0.0/16");
    assert.strictEqual(read.inputs?.vpcOffering, "Default VPC offering");

    const news = vpcInputs({ name: "existing", cidr: "10.5.0.0/16", displayText: "adopted" });
    const adopted = await provider().create((await provider().check({}, { ...news, importId: id })).inputs);
    assert.strictEqual(adopted.id, id);
    assert.strictEqual((await adminList(fx, "listVPCs", { id }))[0].displaytext, "adopted", "in-place inputs are applied");
    assert.deepStrictEqual((await plan(provider(), { id, outs: adopted.outs }, news)).diff, NO_CHANGE);

    const differs = (await provider().check({}, { ...news, cidr: "10.6.0.0/16", importId: id })).inputs;
    await assert.rejects(provider().create(differs), /cannot adopt Vpc .*cidr is "10\.5\.0\.0\/16" there but "10\.6\.0\.0\/16"/);
  });

  it("refuses bad inputs at check, creating nothing", async () => {
    const reasons = await checkRefuses(fx, "Vpc", vpcInputs({ cidr: "8.8.0.0/16", dns2: "10.0.0.2", vpcOffering: "No such offering" }));
    assert.strictEqual(reasons.length, 3, reasons.join("\n"));
    assert.ok(reasons.some((r) => /^cidr: "8\.8\.0\.0\/16" is not RFC 1918/.test(r)));
    assert.ok(reasons.some((r) => r === 'dns2: "10.0.0.2" needs dns1 as well'));
    assert.ok(reasons.some((r) => /^vpcOffering: "No such offering" matches no VPC offering by name; candidates: "Default VPC offering"/.test(r)));
    assert.ok((await checkRefuses(fx, "Vpc", vpcInputs({ cidr: "10.0.0.1/16" })))[0].startsWith('cidr: "10.0.0.1/16" is not a network address'));
  });
});
