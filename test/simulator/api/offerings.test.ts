// Network and VPC offerings through the simulator's API: ConfigurationManagerImpl's and
// VpcManagerImpl's rules on creating, updating, listing and deleting them, and a network or VPC
// refused on a disabled one.
import * as assert from "assert";
import { startedForEachTest } from "../../support/fixture-hooks";
import { assertError, jobObject, startFixture, type Fixture, type Obj } from "./api-fixture";

describe("simulator api: network and VPC offerings", function () {
  this.timeout(20_000);
  let f: Fixture;

  startedForEachTest(startFixture, (started) => (f = started));

  const vr = (services: string[]) =>
    Object.fromEntries(services.flatMap((s, i) => [[`serviceproviderlist[${i}].service`, s], [`serviceproviderlist[${i}].provider`, "VirtualRouter"]]));
  const isolated = (extra: Record<string, string> = {}) => ({
    name: "iso",
    traffictype: "Guest",
    guestiptype: "Isolated",
    supportedservices: "Dhcp,Dns,SourceNat,PortForwarding",
    ...vr(["Dhcp", "Dns", "SourceNat", "PortForwarding"]),
    ...extra,
  });
  const create = (params: Record<string, string>) => f.call(f.admin, "createNetworkOffering", params);
  async function made(params: Record<string, string>): Promise<Obj> {
    const r = await create(params);
    assert.strictEqual(r.status, 200, JSON.stringify(r.body));
    return r.body.networkoffering as Obj;
  }

  it("creates an offering Disabled unless enabled, Firewall added for the router's port forwarding, Gateway kept out of the answer", async () => {
    const o = await made(isolated());
    assert.deepStrictEqual([o.state, o.isdefault, o.forvpc, o.egressdefaultpolicy, o.conservemode, o.availability], ["Disabled", false, false, true, true, "Optional"]);
    assert.deepStrictEqual((o.service as Obj[]).map((s) => s.name), ["Dhcp", "Dns", "SourceNat", "PortForwarding", "Firewall"]);
    const enabled = await made(isolated({ name: "on", enable: "true", ispersistent: "true" }));
    assert.deepStrictEqual([enabled.state, enabled.ispersistent], ["Enabled", true]);
    const zoneid = await f.zoneId();
    const network = (id: string, name: string) => f.call(f.admin, "createNetwork", { zoneid, networkofferingid: id, name, gateway: "10.90.0.1", netmask: "255.255.255.0" });
    assertError(await network(String(o.id), "refused"), 431, 4350, "Can't use specified network offering id as its state is not Enabled");
    const persistent = await network(String(enabled.id), "persistent");
    assert.strictEqual(persistent.status, 200, JSON.stringify(persistent.body));
    assert.strictEqual((persistent.body.network as Obj).state, "Implemented");
    assert.match(String((persistent.body.network as Obj).vlan), /^\d+$/);
  });

  it("refuses what createNetworkOffering refuses, with CloudStack's texts", async () => {
    const cases: Array<[Record<string, string>, number, number, string]> = [
      [isolated({ traffictype: "Public" }), 431, 4350, "Only traffic type Guest is supported in the current release"],
      [isolated({ guestiptype: "Routed" }), 431, 4350, 'Invalid "type" parameter is given; can have Shared and Isolated values'],
      [isolated({ supportedservices: "Dhcp,Gateway" }), 431, 4350, "Invalid service Gateway"],
      [isolated({ supportedservices: "Dhcp" }), 431, 4350, "Service Dns is not enabled for the network offering, can't add a provider to it"],
      [isolated({ "serviceproviderlist[0].provider": "Nobody" }), 431, 4350, "Invalid service provider: Nobody"],
      [isolated({ supportedservices: "Dhcp,Dns,SourceNat,PortForwarding,SecurityGroup" }), 431, 4350, "Security group service is supported for network offerings with guest ip type Shared"],
      [isolated({ specifyipranges: "true" }), 431, 4350, "SpecifyIpRanges can only be true for Shared network offerings and Isolated with no SourceNat service"],
      [{ name: "sh", traffictype: "Guest", guestiptype: "Shared", specifyipranges: "true", ispersistent: "true" }, 431, 4350, "isPersistent should be false if network offering's type is Shared"],
      [{ name: "sh", traffictype: "Guest", guestiptype: "Shared" }, 431, 4350, "SpecifyIpRanges should always be true for Shared network offerings"],
      [isolated({ availability: "Required" }), 431, 4350, "System already has network offering id=1 with availability Required"],
      [
        isolated({ "servicecapabilitylist[0].service": "Lb", "servicecapabilitylist[0].capabilitytype": "SupportedLBIsolation", "servicecapabilitylist[0].capabilityvalue": "dedicated" }),
        431,
        4350,
        "Capabilities for LB service can be specifed only when LB service is enabled for network offering.",
      ],
      [
        isolated({ "servicecapabilitylist[0].service": "SourceNat", "servicecapabilitylist[0].capabilitytype": "SupportedSourceNatTypes", "servicecapabilitylist[0].capabilityvalue": "perzone" }),
        530,
        4390,
        "Service SourceNat doesn't support value perzone for capability SupportedSourceNatTypes for element=VirtualRouter implementing Provider=VirtualRouter",
      ],
      [isolated({ "serviceproviderlist[0].provider": "InternalLbVm" }), 530, 4390, "InternalLbVm Provider cannot provide service Dhcp"],
      [isolated({ "serviceproviderlist[3].provider": "JuniperSRX" }), 431, 4350, "Unable to find the Network Element implementing the Service Provider 'JuniperSRX'"],
    ];
    for (const [params, code, cserrorcode, text] of cases) assertError(await create(params), code, cserrorcode, text);
    const before = (await f.list(f.admin, "listNetworkOfferings")).length;
    assert.strictEqual(before, f.sim.model.state.networkOfferings.length, "nothing was made");
  });

  it("updates in place what updateNetworkOffering changes, lists by scope and state, and deletes only what no network uses", async () => {
    const o = await made(isolated({ enable: "true" }));
    const zoneid = await f.zoneId();
    const u = await f.call(f.admin, "updateNetworkOffering", { id: String(o.id), name: "renamed", state: "Disabled", tags: "fast", zoneid });
    assert.deepStrictEqual([(u.body.networkoffering as Obj).name, (u.body.networkoffering as Obj).state, (u.body.networkoffering as Obj).tags, (u.body.networkoffering as Obj).zoneid], ["renamed", "Disabled", "fast", zoneid]);
    assertError(await f.call(f.admin, "updateNetworkOffering", { id: String(o.id), state: "Gone" }), 431, 4350, "Incorrect state value: Gone");
    const r = await f.call(f.admin, "createZone", { name: "other", networktype: "Advanced", dns1: "8.8.8.8", internaldns1: "10.0.0.2" });
    const other = String((r.body.zone as Obj).id);
    assert.ok(!(await f.list(f.admin, "listNetworkOfferings", { zoneid: other })).some((x) => x.id === o.id), "limited to its zone");
    assert.ok((await f.list(f.admin, "listNetworkOfferings", { zoneid })).some((x) => x.id === o.id));
    assert.deepStrictEqual((await f.list(f.admin, "listNetworkOfferings", { state: "Disabled" })).map((x) => x.id), [o.id]);

    await f.call(f.admin, "updateNetworkOffering", { id: String(o.id), state: "Enabled", zoneid: "all", tags: "" });
    const n = await f.call(f.admin, "createNetwork", { zoneid, networkofferingid: String(o.id), name: "user", gateway: "10.91.0.1", netmask: "255.255.255.0" });
    assert.strictEqual(n.status, 200, JSON.stringify(n.body));
    const refused = await f.call(f.admin, "deleteNetworkOffering", { id: String(o.id) });
    assert.strictEqual(refused.status, 431);
    assert.match(String(refused.body.errortext), /^Can't delete network offering NetworkOffering \{"id": \d+, "name": "renamed", "trafficType": "Guest", "uuid": "[^"]+"\} as its used by 1 networks\. To make the network offering unavailable, disable it$/);
    await f.job(f.admin, "deleteNetwork", { id: String((n.body.network as Obj).id) });
    assert.strictEqual((await f.call(f.admin, "deleteNetworkOffering", { id: String(o.id) })).status, 200);
    assert.deepStrictEqual(await f.list(f.admin, "listNetworkOfferings", { id: String(o.id) }), [], "a deleted offering's id lists nothing");
    assertError(await f.call(f.admin, "deleteNetworkOffering", { id: await f.offeringId("DefaultL2NetworkOffering") }), 431, 4350, "Default network offering can't be deleted");
    assertError(await f.call(f.user, "createNetworkOffering", isolated()), 432, 9999, "The given command does not exist or it is not available for user");
  });

  it("creates VPC offerings with SourceNat and NetworkACL added, Disabled unless enabled; refuses what VpcManagerImpl refuses", async () => {
    const offering = jobObject(await f.job(f.admin, "createVPCOffering", { name: "vpc-off", supportedservices: "Dhcp,Dns", "servicecapabilitylist[0].service": "SourceNat", "servicecapabilitylist[0].capabilitytype": "RedundantRouter", "servicecapabilitylist[0].capabilityvalue": "true" }), "vpcoffering");
    assert.deepStrictEqual([offering.state, (offering.service as Obj[]).map((s) => s.name)], ["Disabled", ["Dhcp", "Dns", "SourceNat", "NetworkACL"]]);
    const zoneid = await f.zoneId();
    assertError(await f.call(f.admin, "createVPC", { zoneid, vpcofferingid: String(offering.id), name: "v", cidr: "10.92.0.0/16" }), 431, 4350, "Unable to find vpc offering in Enabled state by specified id");
    assertError(await f.call(f.admin, "createVPCOffering", { name: "x" }), 431, 4350, "Supported services needs to be provided");
    assertError(await f.call(f.admin, "createVPCOffering", { name: "x", supportedservices: "Dhcp,Firewall" }), 431, 4350, "Service Firewall is not supported in VPC");
    assertError(
      await f.call(f.admin, "createVPCOffering", { name: "x", supportedservices: "Dhcp", "servicecapabilitylist[0].service": "Dhcp", "servicecapabilitylist[0].capabilitytype": "DistributedRouter", "servicecapabilitylist[0].capabilityvalue": "true" }),
      431,
      4350,
      "Invalid Service: Dhcp specified. Capability Connectivity can be specified only for service DistributedRouter",
    );
    const [defaultOffering] = await f.list(f.admin, "listVPCOfferings", { isdefault: "true" });
    const refused = await f.job(f.admin, "deleteVPCOffering", { id: String(defaultOffering.id) });
    assert.strictEqual(refused.jobstatus, 2);
    assert.strictEqual((refused.jobresult as Obj).errortext, "Default network offering can't be deleted");
    assert.strictEqual((await f.job(f.admin, "updateVPCOffering", { id: String(offering.id), state: "Enabled", name: "renamed" })).jobstatus, 1);
    assert.strictEqual((await f.job(f.admin, "deleteVPCOffering", { id: String(offering.id) })).jobstatus, 1);
    assert.deepStrictEqual(await f.list(f.admin, "listVPCOfferings", { id: String(offering.id) }), []);
  });
});
