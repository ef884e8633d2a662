// StaticNat through the adapter against the simulator over real HTTP.
import * as assert from "assert";
import { CloudStackApiError } from "../../provider/client";
import { startedForSuite } from "../support/fixture-hooks";
import { Applied, createFrom, plan } from "../support/network-fixture";
import { InstanceFixture, instanceInputs, isolatedNetwork, startInstanceFixture } from "../support/instance-fixture";

type Ip = Record<string, string | boolean | undefined> & { id: string; ipaddress: string };

const NO_CHANGE = { changes: false, replaces: [], deleteBeforeReplace: false };

describe("StaticNat against the simulator", function () {
  this.timeout(30000);
  let fx: InstanceFixture;
  let networkId: string;
  let web1: Applied;
  let web2: Applied;

  async function ipOf(id: string): Promise<Ip> {
    const [ip] = await fx.client.list<Ip>("listPublicIpAddresses", { id, listall: true });
    return ip;
  }

  /** A public IP on the network that is not its source NAT IP (the network is implemented). */
  async function freshIp(): Promise<Ip> {
    const result = await fx.client.execute("associateIpAddress", { networkid: networkId });
    const ip = result.ipaddress as Ip;
    assert.strictEqual(ip.issourcenat, false, "the network already has its source NAT IP");
    return ip;
  }

  startedForSuite(startInstanceFixture, async (started) => {
    fx = started;
    networkId = await isolatedNetwork(fx, "nat-net", "10.1.50.0/24");
    web1 = await createFrom(fx.instance, instanceInputs("nat-web1", { networks: [{ network: networkId }] }));
    web2 = await createFrom(fx.instance, instanceInputs("nat-web2", { networks: [{ network: networkId }] }));
  });
  // An instance has one static NAT IP outside elastic-IP networks: each test starts unmapped.
  afterEach(async () => {
    const mapped = await fx.client.list<Ip>("listPublicIpAddresses", { associatednetworkid: networkId, isstaticnat: true, listall: true });
    for (const ip of mapped) await fx.client.execute("disableStaticNat", { ipaddressid: ip.id });
  });

  it("maps a public IP to an instance by name and plans no change after", async () => {
    const ip = await freshIp();
    const news = { ipAddressId: ip.id, virtualMachine: "nat-web1" };
    const nat = await createFrom(fx.staticNat, news);
    assert.strictEqual(nat.id, ip.id, "the mapping's id is the public IP's");
    assert.strictEqual(nat.outs.virtualMachineId, web1.id);
    assert.strictEqual(nat.outs.virtualMachine, "nat-web1", "the instance stays in the form the user wrote");
    assert.strictEqual(nat.outs.ipAddress, ip.ipaddress);
    assert.strictEqual(nat.outs.vmGuestIp, web1.outs.ipAddress, "CloudStack maps to the NIC's primary IP");
    assert.strictEqual(nat.outs.networkId, networkId);

    const listed = await ipOf(String(ip.id));
    assert.strictEqual(listed.isstaticnat, true);
    assert.strictEqual(listed.virtualmachineid, web1.id);
    assert.deepStrictEqual((await plan(fx.staticNat, nat, news)).diff, NO_CHANGE);
    // The instance written as its id is the same instance.
    assert.deepStrictEqual((await plan(fx.staticNat, nat, { ipAddressId: ip.id, virtualMachine: web1.id })).diff, NO_CHANGE);
  });

  it("moves the IP to another instance by disabling first, then enabling", async () => {
    const ip = await freshIp();
    const nat = await createFrom(fx.staticNat, { ipAddressId: ip.id, virtualMachine: web1.id });
    const { checked, diff } = await plan(fx.staticNat, nat, { ipAddressId: ip.id, virtualMachine: web2.id });
    assert.deepStrictEqual(diff, { changes: true, replaces: ["virtualMachine"], deleteBeforeReplace: true });

    await fx.staticNat.delete(nat.id, nat.outs);
    assert.strictEqual((await ipOf(nat.id)).isstaticnat, false);
    const moved = await fx.staticNat.create(checked);
    assert.strictEqual(moved.id, ip.id);
    assert.strictEqual((await ipOf(nat.id)).virtualmachineid, web2.id);
  });

  it("refuses static NAT on the network's source NAT IP with CloudStack's reason, changing nothing", async () => {
    const [sourceNat] = await fx.client.list<Ip>("listPublicIpAddresses", { associatednetworkid: networkId, issourcenat: true, listall: true });
    assert.ok(sourceNat, "the implemented network has a source NAT IP");
    const checked = await fx.staticNat.check({}, { ipAddressId: sourceNat.id, virtualMachine: web1.id });
    assert.deepStrictEqual(checked.failures, []);
    await assert.rejects(fx.staticNat.create(checked.inputs), (err: unknown) => {
      assert.ok(err instanceof CloudStackApiError);
      assert.strictEqual(err.errorcode, 431);
      assert.strictEqual(err.errortext, `Can't enable static, ip address ${sourceNat.ipaddress} is a sourceNat ip address`);
      return true;
    });
    const after = await ipOf(String(sourceNat.id));
    assert.strictEqual(after.isstaticnat, false);
    assert.strictEqual(after.issourcenat, true);
  });

  it("reports a mapping disabled out of band as gone, and deletes twice without error", async () => {
    const ip = await freshIp();
    const nat = await createFrom(fx.staticNat, { ipAddressId: ip.id, virtualMachine: web1.id });
    await fx.client.execute("disableStaticNat", { ipaddressid: ip.id });
    assert.deepStrictEqual(await fx.staticNat.read(nat.id, nat.outs), { id: "", props: {} });
    await fx.staticNat.delete(nat.id, nat.outs);
    await fx.staticNat.delete(nat.id, nat.outs);
  });

  it("deletes a live mapping and then finds nothing to delete", async () => {
    const ip = await freshIp();
    const nat = await createFrom(fx.staticNat, { ipAddressId: ip.id, virtualMachine: web2.id });
    await fx.staticNat.delete(nat.id, nat.outs);
    assert.strictEqual((await ipOf(nat.id)).isstaticnat, false);
    await fx.staticNat.delete(nat.id, nat.outs);
  });

  it("reads a mapping moved out of band as drift toward the other instance", async () => {
    const ip = await freshIp();
    const news = { ipAddressId: ip.id, virtualMachine: web1.id };
    const nat = await createFrom(fx.staticNat, news);
    await fx.client.execute("disableStaticNat", { ipaddressid: ip.id });
    await fx.client.execute("enableStaticNat", { ipaddressid: ip.id, virtualmachineid: web2.id });

    const read = await fx.staticNat.read(nat.id, nat.outs);
    assert.strictEqual(read.id, nat.id);
    assert.strictEqual(read.props.virtualMachineId, web2.id);
    assert.strictEqual(read.inputs?.virtualMachine, "nat-web2");
    const { diff } = await plan(fx.staticNat, { id: nat.id, outs: read.props }, news);
    assert.deepStrictEqual(diff, { changes: true, replaces: ["virtualMachine"], deleteBeforeReplace: true });
  });

  it("adopts a mapping made out of band with importId, and reads one by id alone", async () => {
    const ip = await freshIp();
    await fx.client.execute("enableStaticNat", { ipaddressid: ip.id, virtualmachineid: web2.id });
    const news = { ipAddressId: ip.id, virtualMachine: web2.id };
    const adopted = await createFrom(fx.staticNat, { ...news, importId: ip.id });
    assert.strictEqual(adopted.id, ip.id);
    assert.strictEqual(adopted.outs.virtualMachineId, web2.id);
    assert.deepStrictEqual((await plan(fx.staticNat, adopted, news)).diff, NO_CHANGE);

    const wrong = await fx.staticNat.check({}, { ipAddressId: ip.id, virtualMachine: web1.id, importId: ip.id });
    await assert.rejects(fx.staticNat.create(wrong.inputs), /cannot adopt StaticNat .*virtualMachine/);
    assert.strictEqual((await ipOf(String(ip.id))).virtualmachineid, web2.id, "nothing changed");

    const read = await fx.staticNat.read(ip.id, {});
    assert.strictEqual(read.id, ip.id);
    assert.strictEqual(read.inputs?.virtualMachine, "nat-web2");
  });

  describe("bad inputs", () => {
    it("rejects a malformed IP id and guest IP without calling CloudStack to create", async () => {
      const checked = await fx.staticNat.check({}, { ipAddressId: "192.168.2.10", virtualMachine: web1.id, vmGuestIp: "10.1.50" });
      assert.deepStrictEqual(checked.failures.map((f) => f.property).sort(), ["ipAddressId", "vmGuestIp"]);
      assert.match(checked.failures.find((f) => f.property === "ipAddressId")!.reason, /is not a UUID/);
    });

    it("rejects an unknown instance name and lists the candidates", async () => {
      const ip = await freshIp();
      const checked = await fx.staticNat.check({}, { ipAddressId: ip.id, virtualMachine: "no-such-vm" });
      assert.deepStrictEqual(checked.failures.map((f) => f.property), ["virtualMachine"]);
      assert.match(checked.failures[0].reason, /matches no virtual machine by name; candidates: .*"nat-web1"/);
      assert.strictEqual((await ipOf(String(ip.id))).isstaticnat, false);
    });
  });
});
