// NicSecondaryIp through the adapter against the simulator over real HTTP.
import * as assert from "assert";
import { CloudStackApiError } from "../../provider/client";
import { startedForSuite } from "../support/fixture-hooks";
import { Applied, createFrom, plan } from "../support/network-fixture";
import { InstanceFixture, instanceInputs, isolatedNetwork, nicsOf, startInstanceFixture } from "../support/instance-fixture";

const NO_CHANGE = { changes: false, replaces: [], deleteBeforeReplace: false };

describe("NicSecondaryIp against the simulator", function () {
  this.timeout(30000);
  let fx: InstanceFixture;
  let networkId: string;
  let vm: Applied;
  let nicId: string;

  async function secondaryIps(): Promise<Array<{ id: string; ipaddress: string }>> {
    const [nic] = await fx.client.list<Record<string, unknown>>("listNics", { virtualmachineid: vm.id, nicid: nicId });
    return (nic.secondaryip as Array<{ id: string; ipaddress: string }>) ?? [];
  }

  startedForSuite(startInstanceFixture, async (started) => {
    fx = started;
    networkId = await isolatedNetwork(fx, "sec-net", "10.1.60.0/24");
    vm = await createFrom(fx.instance, instanceInputs("sec-vm", { networks: [{ network: networkId }] }));
    nicId = nicsOf(vm.outs)[0].id;
  });

  it("adds an automatically chosen IP to the NIC and plans no change after", async () => {
    const news = { nicId };
    const ip = await createFrom(fx.secondaryIp, news);
    assert.match(String(ip.outs.ipAddress), /^10\.1\.60\.\d+$/);
    assert.notStrictEqual(ip.outs.ipAddress, vm.outs.ipAddress);
    assert.strictEqual(ip.outs.virtualMachineId, vm.id);
    assert.strictEqual(ip.outs.networkId, networkId);
    assert.ok((await secondaryIps()).some((s) => s.id === ip.id && s.ipaddress === ip.outs.ipAddress));
    assert.deepStrictEqual((await plan(fx.secondaryIp, ip, news)).diff, NO_CHANGE);

    // The instance's refreshed NICs show it too.
    const read = await fx.instance.read(vm.id, vm.outs);
    assert.ok(nicsOf(read.props)[0].secondaryIps.includes(String(ip.outs.ipAddress)));
  });

  it("adds a given IP; another address on the same NIC is a replacement that deletes first only when the IP stays", async () => {
    const news = { nicId, ipAddress: "10.1.60.200" };
    const ip = await createFrom(fx.secondaryIp, news);
    assert.strictEqual(ip.outs.ipAddress, "10.1.60.200");
    assert.deepStrictEqual((await plan(fx.secondaryIp, ip, news)).diff, NO_CHANGE);

    // The same address moved to another NIC would collide with the old one: delete first.
    const moved = await plan(fx.secondaryIp, ip, { nicId: "6f1c2f7e-1111-4222-8333-944455556666", ipAddress: "10.1.60.200" });
    assert.deepStrictEqual(moved.diff, { changes: true, replaces: ["nicId"], deleteBeforeReplace: true });

    const other = await plan(fx.secondaryIp, ip, { nicId, ipAddress: "10.1.60.201" });
    assert.deepStrictEqual(other.diff, { changes: true, replaces: ["ipAddress"], deleteBeforeReplace: false });
    const replacement = await fx.secondaryIp.create(other.checked);
    await fx.secondaryIp.delete(ip.id, ip.outs);
    const left = (await secondaryIps()).map((s) => s.ipaddress);
    assert.ok(left.includes("10.1.60.201") && !left.includes("10.1.60.200"));
    assert.strictEqual(replacement.outs.ipAddress, "10.1.60.201");
  });

  it("refuses an IP already in use with CloudStack's error, adding nothing", async () => {
    const before = await secondaryIps();
    const checked = await fx.secondaryIp.check({}, { nicId, ipAddress: String(vm.outs.ipAddress) });
    assert.deepStrictEqual(checked.failures, []);
    await assert.rejects(fx.secondaryIp.create(checked.inputs), (err: unknown) => {
      assert.ok(err instanceof CloudStackApiError, String(err));
      assert.strictEqual(err.command, "addIpToNic");
      return true;
    });
    assert.deepStrictEqual(await secondaryIps(), before);
  });

  it("reports an IP removed out of band as gone, and deletes twice without error", async () => {
    const ip = await createFrom(fx.secondaryIp, { nicId });
    await fx.client.execute("removeIpFromNic", { id: ip.id });
    assert.deepStrictEqual(await fx.secondaryIp.read(ip.id, ip.outs), { id: "", props: {} });
    await fx.secondaryIp.delete(ip.id, ip.outs);
    await fx.secondaryIp.delete(ip.id, ip.outs);
  });

  it("reads an IP by its id alone (Resource.get), finding its instance", async () => {
    const ip = await createFrom(fx.secondaryIp, { nicId, ipAddress: "10.1.60.210" });
    const read = await fx.secondaryIp.read(ip.id, {});
    assert.strictEqual(read.id, ip.id);
    assert.deepStrictEqual(read.inputs, { nicId, ipAddress: "10.1.60.210" });
    assert.strictEqual(read.props.virtualMachineId, vm.id);
  });

  it("adopts an address added out of band with importId", async () => {
    const added = await fx.client.execute("addIpToNic", { nicid: nicId, ipaddress: "10.1.60.220" });
    const id = String((added.nicsecondaryip as Record<string, unknown>).id);
    const before = (await secondaryIps()).length;
    const adopted = await createFrom(fx.secondaryIp, { nicId, ipAddress: "10.1.60.220", importId: id });
    assert.strictEqual(adopted.id, id);
    assert.strictEqual(adopted.outs.virtualMachineId, vm.id);
    assert.strictEqual((await secondaryIps()).length, before, "nothing was added");
    assert.deepStrictEqual((await plan(fx.secondaryIp, adopted, { nicId, ipAddress: "10.1.60.220" })).diff, NO_CHANGE);

    const wrong = await fx.secondaryIp.check({}, { nicId, ipAddress: "10.1.60.221", importId: id });
    await assert.rejects(fx.secondaryIp.create(wrong.inputs), /cannot adopt NicSecondaryIp .*ipAddress/);
  });

  it("rejects a malformed NIC id and address at check", async () => {
    const checked = await fx.secondaryIp.check({}, { nicId: "nic-1", ipAddress: "10.1.60.999" });
    assert.deepStrictEqual(checked.failures.map((f) => f.property).sort(), ["ipAddress", "nicId"]);
  });
});
