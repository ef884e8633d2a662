// Network sourceNatIpAddress: the way to choose the source NAT IP instead of having the first
// public IP acquired for the network take that role (NetworkServiceImpl.checkAndSetRouterSourceNatIp), against the simulator.
import * as assert from "assert";
import { UNKNOWN } from "../../provider";
import { startedForEachTest } from "../support/fixture-hooks";
import {
  AddressingFixture,
  Applied,
  assertPlainJson,
  capturingWarnings,
  createFrom,
  ISOLATED,
  NO_CHANGE,
  PERSISTENT,
  plan,
  Props,
  startAddressing,
  updateTo,
  ZONE,
} from "../support/addressing-fixture";

type Ip = Record<string, unknown>;

describe("Network sourceNatIpAddress against the simulator", function () {
  let fx: AddressingFixture;
  const networks = () => fx.admin.provider("Network");
  const ips = () => fx.admin.provider("PublicIpAddress");

  startedForEachTest(startAddressing, (started) => (fx = started));

  async function sourceNatOf(networkId: string): Promise<string[]> {
    const rows = await fx.admin.client.list<Ip>("listPublicIpAddresses", { associatednetworkid: networkId, issourcenat: true, listall: true });
    return rows.filter((ip) => ip.issourcenat === true).map((ip) => String(ip.ipaddress));
  }

  const inputs = (name: string, extra: Props = {}): Props => ({ name, zone: ZONE, networkOffering: ISOLATED, cidr: "10.1.60.0/24", ...extra });

  it("makes the given address the source NAT IP at creation, so a later PublicIpAddress is an ordinary IP", async () => {
    const news = inputs("chosen-nat", { sourceNatIpAddress: "192.168.2.150" });
    const net = await createFrom(networks(), news);
    assert.strictEqual(net.outs.state, "Allocated", "a non-persistent network is not implemented yet");
    assert.strictEqual(net.outs.sourceNatIpAddress, "192.168.2.150");
    assertPlainJson(net.outs);
    assert.deepStrictEqual(await sourceNatOf(net.id), ["192.168.2.150"]);

    let ip: Applied | undefined;
    const warnings = await capturingWarnings(async () => {
      ip = await createFrom(ips(), { network: "chosen-nat" });
    });
    assert.strictEqual(ip!.outs.isSourceNat, false);
    assert.notStrictEqual(ip!.outs.ipAddress, "192.168.2.150");
    assert.deepStrictEqual(warnings, [], "no source NAT warning");

    // Implementing the network (its first instance) keeps the chosen address.
    fx.sim.model.networks.implement(fx.sim.model.findNetwork(net.id)!);
    assert.deepStrictEqual(await sourceNatOf(net.id), ["192.168.2.150"]);

    assert.deepStrictEqual((await plan(networks(), net, news)).diff, NO_CHANGE);
    const read = await networks().read(net.id, net.outs);
    assert.strictEqual(read.inputs?.sourceNatIpAddress, "192.168.2.150");
  });

  it("without it, the first PublicIpAddress becomes the source NAT IP (the surprise it avoids)", async () => {
    await createFrom(networks(), inputs("first-ip-nat"));
    const warnings = await capturingWarnings(async () => {
      const ip = await createFrom(ips(), { network: "first-ip-nat" });
      assert.strictEqual(ip.outs.isSourceNat, true);
    });
    assert.strictEqual(warnings.length, 1);
    assert.match(warnings[0], /or give the network a sourceNatIpAddress/);
  });

  it("keeps the chosen address when the network is shut down and implemented again", async () => {
    const net = await createFrom(networks(), inputs("again", { networkOffering: PERSISTENT, sourceNatIpAddress: "192.168.2.160" }));
    assert.strictEqual(net.outs.state, "Implemented");
    assert.deepStrictEqual(await sourceNatOf(net.id), ["192.168.2.160"]);
    const record = fx.sim.model.findNetwork(net.id)!;
    fx.sim.model.networks.shutdown(record);
    assert.deepStrictEqual(await sourceNatOf(net.id), []);
    // While it has none, the declared address stands: no drift.
    assert.strictEqual((await networks().read(net.id, net.outs)).inputs?.sourceNatIpAddress, "192.168.2.160");
    fx.sim.model.networks.implement(record);
    assert.deepStrictEqual(await sourceNatOf(net.id), ["192.168.2.160"]);
  });

  it("moves the source NAT IP in place to an address already acquired for the network", async () => {
    const news = inputs("moved", { sourceNatIpAddress: "192.168.2.150" });
    const net = await createFrom(networks(), news);
    const other = await createFrom(ips(), { network: "moved", ipAddress: "192.168.2.151" });
    assert.strictEqual(other.outs.isSourceNat, false);

    const { diff } = await plan(networks(), net, { ...news, sourceNatIpAddress: "192.168.2.151" });
    assert.deepStrictEqual(diff, { changes: true, replaces: [], deleteBeforeReplace: false });
    const moved = await updateTo(networks(), net, { ...news, sourceNatIpAddress: "192.168.2.151" });
    assert.strictEqual(moved.outs.sourceNatIpAddress, "192.168.2.151");
    assert.deepStrictEqual(await sourceNatOf(net.id), ["192.168.2.151"]);
    assert.deepStrictEqual((await plan(networks(), moved, { ...news, sourceNatIpAddress: "192.168.2.151" })).diff, NO_CHANGE);
  });

  it("refuses to move it to an address the network has not acquired, naming what to do", async () => {
    const news = inputs("not-mine", { sourceNatIpAddress: "192.168.2.150" });
    const net = await createFrom(networks(), news);
    const { checked } = await plan(networks(), net, { ...news, sourceNatIpAddress: "192.168.2.170" });
    await assert.rejects(networks().update(net.id, net.outs, checked), (err: Error) => {
      assert.match(err.message, /192\.168\.2\.170 did not become its source NAT IP \(it is 192\.168\.2\.150\)/);
      assert.match(err.message, /PublicIpAddress with this ipAddress on the network/);
      return true;
    });
    assert.deepStrictEqual(await sourceNatOf(net.id), ["192.168.2.150"]);
  });

  it("shows an out-of-band change of the source NAT IP on refresh, and the next up puts it back", async () => {
    const news = inputs("drift", { sourceNatIpAddress: "192.168.2.150" });
    const net = await createFrom(networks(), news);
    await createFrom(ips(), { network: "drift", ipAddress: "192.168.2.152" });
    await fx.admin.client.execute("updateNetwork", { id: net.id, sourcenatipaddress: "192.168.2.152" });

    const read = await networks().read(net.id, net.outs);
    assert.strictEqual(read.props.sourceNatIpAddress, "192.168.2.152");
    const refreshed: Applied = { id: net.id, outs: read.props };
    const back = await updateTo(networks(), refreshed, news);
    assert.strictEqual(back.outs.sourceNatIpAddress, "192.168.2.150");
    assert.deepStrictEqual(await sourceNatOf(net.id), ["192.168.2.150"]);
  });

  it("fails the create, leaving no network, when the address is taken", async () => {
    await createFrom(networks(), inputs("holder", { sourceNatIpAddress: "192.168.2.150" }));
    const before = (await fx.admin.client.list("listNetworks", { listall: true })).length;
    const checked = await networks().check({}, inputs("second", { cidr: "10.1.61.0/24", sourceNatIpAddress: "192.168.2.150" }));
    assert.deepStrictEqual(checked.failures, []);
    await assert.rejects(networks().create(checked.inputs), /Insufficient address capacity/);
    assert.strictEqual((await fx.admin.client.list("listNetworks", { listall: true })).length, before);
  });

  it("deletes the old network first when a replacement keeps the address, and checks the address", async () => {
    const news = inputs("replaced", { sourceNatIpAddress: "192.168.2.150" });
    const net = await createFrom(networks(), news);
    const { diff } = await plan(networks(), net, { ...news, cidr: "10.1.62.0/24" });
    assert.deepStrictEqual(diff, { changes: true, replaces: ["cidr"], deleteBeforeReplace: true });
    const elsewhere = await plan(networks(), net, { ...news, cidr: "10.1.62.0/24", sourceNatIpAddress: "192.168.2.153" });
    assert.strictEqual(elsewhere.diff.deleteBeforeReplace, false);
    const unknown = await networks().check(net.outs, { ...news, sourceNatIpAddress: UNKNOWN });
    assert.deepStrictEqual(unknown.failures, []);
    const bad = await networks().check({}, { ...news, sourceNatIpAddress: "192.168.2" });
    assert.deepStrictEqual(bad.failures.map((f) => f.property), ["sourceNatIpAddress"]);
  });

  it("is refused by the simulator for a network whose offering has no SourceNat", async () => {
    const checked = await networks().check({}, { name: "no-nat", zone: ZONE, networkOffering: "DefaultIsolatedNetworkOffering", cidr: "10.1.63.0/24", startIp: "10.1.63.10", endIp: "10.1.63.20", sourceNatIpAddress: "192.168.2.150" });
    assert.deepStrictEqual(checked.failures, []);
    await assert.rejects(networks().create(checked.inputs), /SourceNat service/);
  });
});
