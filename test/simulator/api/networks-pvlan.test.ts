// Private VLANs over HTTP: CloudStack's request rules (NetworkServiceImpl.createGuestNetwork), the
// broadcast URI per type (NetUtils.generateUriForPvlan) and the overlap rules between PVLAN pairs
// and plain VLANs of a physical network (NetworkDaoImpl.listByPhysicalNetworkPvlan).
import * as assert from "assert";
import { startedForSuite } from "../../support/fixture-hooks";
import { startWithCatalog } from "./api-instances-fixture";
import { assertError, type Fixture, type Obj } from "./api-fixture";

describe("simulator api: private VLANs", function () {
  this.timeout(20_000);
  let f: Fixture;
  let zoneid: string;
  let offerings: Record<string, string>;
  let zoneText: string;

  startedForSuite(startWithCatalog, (started) => ({ f, c: { zoneid, networkOfferings: offerings } } = started));
  before(() => {
    const zone = f.sim.model.state.zones.find((z) => z.uuid === zoneid);
    zoneText = `Zone {"id": "${zone?.id}", "name": "${zone?.name}", "uuid": "${zoneid}"}`;
  });

  const l2 = (name: string, params: Record<string, string>) =>
    f.call(f.admin, "createNetwork", { zoneid, name, networkofferingid: offerings.DefaultL2NetworkOfferingVlan, ...params });
  const made = async (name: string, params: Record<string, string>): Promise<Obj> => {
    const r = await l2(name, params);
    assert.strictEqual(r.status, 200, JSON.stringify(r.body));
    return r.body.network as Obj;
  };

  it("names the type in the broadcast URI; without a type, equal VLANs mean promiscuous and different ones isolated", async () => {
    assert.strictEqual((await made("p", { vlan: "900", isolatedpvlantype: "promiscuous" })).broadcasturi, "pvlan://900-p900");
    assert.strictEqual((await made("c", { vlan: "900", isolatedpvlan: "901", isolatedpvlantype: "Community" })).broadcasturi, "pvlan://900-c901");
    assert.strictEqual((await made("i", { vlan: "900", isolatedpvlan: "902", isolatedpvlantype: "i" })).broadcasturi, "pvlan://900-i902");
    assert.strictEqual((await made("inferred", { vlan: "910", isolatedpvlan: "911" })).broadcasturi, "pvlan://910-i911");
    const shared = await f.call(f.admin, "createNetwork", {
      zoneid,
      name: "shared-pvlan",
      networkofferingid: offerings.DefaultSharedNetworkOffering,
      vlan: "920",
      isolatedpvlan: "920",
      gateway: "10.92.0.1",
      netmask: "255.255.255.0",
      startip: "10.92.0.10",
      endip: "10.92.0.20",
    });
    assert.strictEqual(shared.status, 200, JSON.stringify(shared.body));
    assert.strictEqual((shared.body.network as Obj).broadcasturi, "pvlan://920-p920");
    assert.strictEqual((shared.body.network as Obj).broadcastdomaintype, "Pvlan");
  });

  it("refuses requests CloudStack refuses, with its texts", async () => {
    assertError(await l2("x", { vlan: "930", isolatedpvlantype: "bogus" }), 431, 4350, "Unexpected Private VLAN type: bogus");
    assertError(await l2("x", { vlan: "930", isolatedpvlantype: "community" }), 431, 4350, "Private VLAN ID has not been set, therefore Promiscuous type is expected");
    assertError(
      await l2("x", { vlan: "930", isolatedpvlan: "931", isolatedpvlantype: "promiscuous" }),
      431,
      4350,
      "Private VLAN type is set to Promiscuous, but VLAN ID and Secondary VLAN ID differ",
    );
    assertError(
      await l2("x", { vlan: "930", isolatedpvlan: "930", isolatedpvlantype: "isolated" }),
      431,
      4350,
      "Private VLAN type is set to Isolated, but VLAN ID and Secondary VLAN ID are equal",
    );
    assertError(await l2("x", { vlan: "930", isolatedpvlan: "abc" }), 530, 4250, "The secondary VLAN ID: abc is not in numeric format");
    assertError(
      await f.call(f.admin, "createNetwork", { zoneid, name: "x", networkofferingid: offerings.DefaultL2NetworkOffering, isolatedpvlan: "931" }),
      431,
      4350,
      "VLAN ID has to be set in order to configure a Private VLAN",
    );
    assertError(
      await l2("x", { vlan: "930", isolatedpvlan: "150" }),
      431,
      4350,
      `The VLAN tag for isolated PVLAN 150 is already being used for dynamic vlan allocation for the guest network in zone ${zoneText}`,
    );
  });

  it("lets community networks share a primary VLAN but not two isolated or two promiscuous ones, nor a secondary used twice", async () => {
    await made("prom", { vlan: "940", isolatedpvlantype: "promiscuous" });
    await made("com-a", { vlan: "940", isolatedpvlan: "941", isolatedpvlantype: "community" });
    await made("com-b", { vlan: "940", isolatedpvlan: "943", isolatedpvlantype: "community" });
    await made("iso", { vlan: "940", isolatedpvlan: "942", isolatedpvlantype: "isolated" });
    const overlap = (secondary: string, type: string) =>
      `Network with primary vlan 940 and secondary vlan ${secondary} type ${type} already exists or overlaps with other network pvlans in zone ${zoneText}`;
    assertError(await l2("x", { vlan: "940", isolatedpvlantype: "promiscuous" }), 431, 4350, overlap("940", "Promiscuous"));
    assertError(await l2("x", { vlan: "940", isolatedpvlan: "944", isolatedpvlantype: "isolated" }), 431, 4350, overlap("944", "Isolated"));
    assertError(await l2("x", { vlan: "940", isolatedpvlan: "941", isolatedpvlantype: "community" }), 431, 4350, overlap("941", "Community"));
    // A plain VLAN may be neither the primary nor a secondary VLAN of a PVLAN network.
    for (const vlan of ["940", "942"]) {
      assertError(
        await l2("x", { vlan }),
        431,
        4350,
        `Network with vlan ${vlan} already exists or overlaps with other network pvlans in zone ${zoneText}`,
      );
    }
    // And a secondary VLAN may not be a plain network's VLAN.
    await made("plain", { vlan: "950" });
    assertError(
      await l2("x", { vlan: "951", isolatedpvlan: "950" }),
      431,
      4350,
      `Network with vlan 950 already exists or overlaps with other network vlans in zone ${zoneText}`,
    );
  });

  it("frees the pair when the network is deleted", async () => {
    const n = await made("temp", { vlan: "960", isolatedpvlan: "961", isolatedpvlantype: "isolated" });
    const del = await f.job(f.admin, "deleteNetwork", { id: String(n.id) });
    assert.strictEqual(del.jobstatus, 1, JSON.stringify(del));
    await made("again", { vlan: "960", isolatedpvlan: "961", isolatedpvlantype: "isolated" });
  });

  it("has no PVLAN in an advanced zone with security groups", async () => {
    const sgZone = String((await f.list(f.admin, "listZones", { name: "Sandbox-advanced-sg" }))[0].id);
    assertError(
      await f.call(f.admin, "createNetwork", {
        zoneid: sgZone,
        name: "x",
        networkofferingid: offerings.DefaultSharedNetworkOfferingWithSGService,
        vlan: "970",
        isolatedpvlan: "971",
        gateway: "10.97.0.1",
        netmask: "255.255.255.0",
        startip: "10.97.0.10",
        endip: "10.97.0.20",
      }),
      431,
      4350,
      "Isolated Private VLAN is not supported with security group!",
    );
  });
});
