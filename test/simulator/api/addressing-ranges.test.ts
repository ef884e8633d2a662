import * as assert from "assert";
import { startedForSuite } from "../../support/fixture-hooks";
import { assertError, assertJobError, jobObject, startFixture, uuidNotFoundText, type Fixture, type Obj } from "./api-fixture";

describe("simulator api: VLAN IP ranges, their dedication, guest VLAN dedication", function () {
  this.timeout(20_000);
  let f: Fixture;
  let zoneid: string;
  let pnetId: string;
  let domainid: string;
  let offerings: Record<string, string>;

  startedForSuite(startFixture, async (started) => {
    f = started;
    zoneid = await f.zoneId();
    pnetId = String((await f.list(f.admin, "listPhysicalNetworks", { zoneid }))[0].id);
    domainid = String((await f.list(f.admin, "listDomains", { name: "ROOT" }))[0].id);
    offerings = await f.offeringIds();
  });

  let vlanTag = 300;
  async function sharedNetwork(extra: Record<string, string> = {}): Promise<Obj> {
    vlanTag += 1;
    const r = await f.call(f.admin, "createNetwork", {
      zoneid,
      name: "shared",
      networkofferingid: offerings.DefaultSharedNetworkOffering,
      vlan: String(vlanTag),
      gateway: `10.${vlanTag - 200}.1.1`,
      netmask: "255.255.255.0",
      startip: `10.${vlanTag - 200}.1.10`,
      endip: `10.${vlanTag - 200}.1.11`,
      ...extra,
    });
    assert.strictEqual(r.status, 200, JSON.stringify(r.body));
    return r.body.network as Obj;
  }

  const createRange = (params: Record<string, string>) => f.call(f.admin, "createVlanIpRange", params);

  describe("public ranges", () => {
    it("creates a zone public range with its IPs Free, lists it, and deletes it; the deleted id lists empty", async () => {
      const r = await createRange({ zoneid, vlan: "untagged", gateway: "172.16.5.1", netmask: "255.255.255.0", startip: "172.16.5.10", endip: "172.16.5.12", forvirtualnetwork: "true" });
      assert.strictEqual(r.status, 200, JSON.stringify(r.body));
      const vlan = r.body.vlan as Obj;
      assert.deepStrictEqual(
        [vlan.forvirtualnetwork, vlan.vlan, vlan.gateway, vlan.netmask, vlan.cidr, vlan.startip, vlan.endip, vlan.zoneid, vlan.forsystemvms],
        [true, "vlan://untagged", "172.16.5.1", "255.255.255.0", "172.16.5.0/24", "172.16.5.10", "172.16.5.12", zoneid, false],
      );
      const ips = await f.list(f.admin, "listPublicIpAddresses", { vlanid: String(vlan.id), allocatedonly: "false" });
      assert.deepStrictEqual(ips.map((ip) => [ip.ipaddress, ip.state]), [["172.16.5.10", "Free"], ["172.16.5.11", "Free"], ["172.16.5.12", "Free"]]);
      assert.strictEqual((await f.list(f.admin, "listVlanIpRanges", { id: String(vlan.id) })).length, 1);
      const del = await f.call(f.admin, "deleteVlanIpRange", { id: String(vlan.id) });
      assert.deepStrictEqual(del, { status: 200, body: { success: true } });
      assert.deepStrictEqual(await f.list(f.admin, "listVlanIpRanges", { id: String(vlan.id) }), []);
      assertError(await f.call(f.admin, "deleteVlanIpRange", { id: String(vlan.id) }), 431, 4350, "Please specify a valid IP range id.");
    });

    it("refuses overlapping IPs, the gateway inside the range, and a different gateway for the same subnet", async () => {
      assertError(
        await createRange({ zoneid, gateway: "192.168.2.1", netmask: "255.255.255.0", startip: "192.168.2.150", endip: "192.168.2.220" }),
        431,
        4350,
        "The IP range already has IPs that overlap with the new range. Please specify a different start IP/end IP.",
      );
      assertError(
        await createRange({ zoneid, gateway: "172.16.6.5", netmask: "255.255.255.0", startip: "172.16.6.2", endip: "172.16.6.9" }),
        431,
        4350,
        "The gateway ip should not be the part of the ip range being added.",
      );
      assertError(
        await createRange({ zoneid, gateway: "192.168.2.254", netmask: "255.255.255.0", startip: "192.168.2.230", endip: "192.168.2.240" }),
        431,
        4350,
        "The IP range has already been added with gateway 192.168.2.1 ,and netmask 255.255.255.0, Please specify the gateway/netmask if you want to extend ip range",
      );
      assertError(
        await createRange({ zoneid, gateway: "172.16.7.1", netmask: "255.255.255.0", startip: "172.16.8.2", endip: "172.16.8.9" }),
        431,
        4350,
        "Please specify a valid IP range or valid netmask or valid gateway",
      );
      assertError(await createRange({ zoneid, gateway: "172.16.7.1", netmask: "255.255.255.0" }), 431, 4350, "StartIP or IPv6 CIDR is missing in the parameters!");
      assertError(
        await createRange({ zoneid, gateway: "172.16.7.1", netmask: "255.255.255.0", startip: "172.16.7.2", vlan: "150" }),
        431,
        4350,
        "The VLAN tag vlan://150 is already being used for dynamic vlan allocation for the guest network in zone Sandbox-simulator",
      );
    });

    it("is a root-admin command", async () => {
      assertError(await f.call(f.user, "listVlanIpRanges"), 432, 9999, "The given command does not exist or it is not available for user");
    });

    it("a range with IPs in use cannot be deleted and stays unchanged", async () => {
      const r = await createRange({ zoneid, gateway: "172.16.9.1", netmask: "255.255.255.0", startip: "172.16.9.2", endip: "172.16.9.3" });
      const vlan = r.body.vlan as Obj;
      const ip = (await f.list(f.admin, "listPublicIpAddresses", { vlanid: String(vlan.id), allocatedonly: "false" }))[0];
      await f.call(f.user, "reserveIpAddress", { id: String(ip.id) });
      assertError(await f.call(f.admin, "deleteVlanIpRange", { id: String(vlan.id) }), 431, 4350, "1  Ips are in use. Cannot delete this vlan");
      assert.strictEqual((await f.list(f.admin, "listVlanIpRanges", { id: String(vlan.id) })).length, 1);
      assert.strictEqual((await f.list(f.user, "listPublicIpAddresses", { id: String(ip.id) }))[0].state, "Reserved");
      await f.call(f.user, "releaseIpAddress", { id: String(ip.id) });
      assert.strictEqual((await f.call(f.admin, "deleteVlanIpRange", { id: String(vlan.id) })).status, 200);
    });

    it("updateVlanIpRange grows and shrinks a range but keeps every IP in use inside it", async () => {
      const vlan = (await createRange({ zoneid, gateway: "172.16.10.1", netmask: "255.255.255.0", startip: "172.16.10.5", endip: "172.16.10.6" })).body.vlan as Obj;
      const grown = await f.call(f.admin, "updateVlanIpRange", { id: String(vlan.id), startip: "172.16.10.4", endip: "172.16.10.8" });
      assert.strictEqual((grown.body.vlan as Obj).startip, "172.16.10.4");
      const ips = await f.list(f.admin, "listPublicIpAddresses", { vlanid: String(vlan.id), allocatedonly: "false" });
      assert.deepStrictEqual(ips.map((ip) => ip.ipaddress).sort(), ["172.16.10.4", "172.16.10.5", "172.16.10.6", "172.16.10.7", "172.16.10.8"]);
      const reserved = ips.find((ip) => ip.ipaddress === "172.16.10.8") as Obj;
      await f.call(f.admin, "reserveIpAddress", { id: String(reserved.id) });
      assertError(
        await f.call(f.admin, "updateVlanIpRange", { id: String(vlan.id), endip: "172.16.10.7" }),
        530,
        4250,
        "Failed to edit VlanRange. Please contact Cloud Support.",
      );
      const n = (await f.call(f.admin, "createNetwork", { zoneid, name: "n", networkofferingid: offerings.DefaultIsolatedNetworkOfferingWithSourceNatService })).body.network as Obj;
      assert.strictEqual((await f.job(f.admin, "associateIpAddress", { networkid: String(n.id), ipaddress: "172.16.10.7" })).jobstatus, 1);
      assertError(
        await f.call(f.admin, "updateVlanIpRange", { id: String(vlan.id), endip: "172.16.10.6" }),
        431,
        4350,
        "The start IP address must be less than or equal to 172.16.10.7 which is already in use. The end IP address must be greater than or equal to 172.16.10.7 which is already in use. There are 1 IPs already allocated in this range.",
      );
      assertError(
        await f.call(f.admin, "updateVlanIpRange", { id: String(vlan.id), gateway: "172.16.10.254" }),
        431,
        4350,
        "Unable to change gateway to 172.16.10.254 because some IPs are in use",
      );
    });
  });

  describe("shared network ranges", () => {
    it("adds a second range from another subnet with its own gateway, and a range extending an existing subnet", async () => {
      const net = await sharedNetwork();
      const base = Number(String(net.gateway).split(".")[1]);
      const second = await createRange({ networkid: String(net.id), forvirtualnetwork: "false", gateway: `10.${base}.2.1`, netmask: "255.255.255.0", startip: `10.${base}.2.10`, endip: `10.${base}.2.11` });
      assert.strictEqual(second.status, 200, JSON.stringify(second.body));
      const v = second.body.vlan as Obj;
      assert.deepStrictEqual([v.forvirtualnetwork, v.networkid, v.gateway, v.vlan], [false, net.id, `10.${base}.2.1`, `vlan://${vlanTag}`]);
      const extend = await createRange({ networkid: String(net.id), forvirtualnetwork: "false", startip: `10.${base}.1.20`, endip: `10.${base}.1.21` });
      assert.strictEqual(extend.status, 200, JSON.stringify(extend.body));
      assert.deepStrictEqual([(extend.body.vlan as Obj).gateway, (extend.body.vlan as Obj).netmask], [`10.${base}.1.1`, "255.255.255.0"]);
      const ranges = await f.list(f.admin, "listVlanIpRanges", { networkid: String(net.id) });
      assert.deepStrictEqual(ranges.map((r) => r.startip), [`10.${base}.1.10`, `10.${base}.2.10`, `10.${base}.1.20`]);
    });

    it("refuses subnets that contain or sit inside an existing one, a second VLAN, and a range outside any subnet without gateway", async () => {
      const net = await sharedNetwork();
      const base = Number(String(net.gateway).split(".")[1]);
      const common = { networkid: String(net.id), forvirtualnetwork: "false" };
      assertError(
        await createRange({ ...common, gateway: `10.${base}.0.1`, netmask: "255.255.0.0", startip: `10.${base}.5.10`, endip: `10.${base}.5.11` }),
        431,
        4350,
        `The subnet you are trying to add is a superset of the existing subnet having gateway 10.${base}.1.1 and netmask 255.255.255.0`,
      );
      assertError(
        await createRange({ ...common, gateway: `10.${base}.1.129`, netmask: "255.255.255.128", startip: `10.${base}.1.130`, endip: `10.${base}.1.131` }),
        431,
        4350,
        `The subnet you are trying to add is a subset of the existing subnet having gateway 10.${base}.1.1 and netmask 255.255.255.0`,
      );
      assertError(
        await createRange({ ...common, vlan: "999", gateway: `10.${base}.3.1`, netmask: "255.255.255.0", startip: `10.${base}.3.10` }),
        431,
        4350,
        `there is already one vlan vlan://${vlanTag} on network :${String(net.id)}, only one vlan is allowed on guest network`,
      );
      assertError(
        await createRange({ ...common, startip: `10.${base}.4.10` }),
        431,
        4350,
        "The IP range dose not belong to any of the existing subnets, Provide the netmask and gateway if you want to add new subnet",
      );
      assertError(
        await createRange({ ...common, gateway: `10.${base}.1.254`, netmask: "255.255.255.0", startip: `10.${base}.1.30` }),
        431,
        4350,
        `The gateway of the subnet should be unique. The subnet already has a gateway 10.${base}.1.1`,
      );
    });

    it("refuses a guest range on an isolated network with source NAT", async () => {
      const n = (await f.call(f.admin, "createNetwork", { zoneid, name: "iso", networkofferingid: offerings.DefaultIsolatedNetworkOfferingWithSourceNatService })).body.network as Obj;
      assertError(
        await createRange({ networkid: String(n.id), forvirtualnetwork: "false", gateway: "10.1.1.1", netmask: "255.255.255.0", startip: "10.1.1.50" }),
        431,
        4350,
        `Can't create direct vlan for network ${String(n.id)} with type: Isolated`,
      );
    });

    it("deleting the network removes its ranges", async () => {
      const net = await sharedNetwork();
      const [range] = await f.list(f.admin, "listVlanIpRanges", { networkid: String(net.id) });
      assert.strictEqual((await f.job(f.admin, "deleteNetwork", { id: String(net.id) })).jobstatus, 1);
      assert.deepStrictEqual(await f.list(f.admin, "listVlanIpRanges", { id: String(range.id) }), []);
    });
  });

  describe("dedicatePublicIpRange / releasePublicIpRange", () => {
    it("dedicates a range to an account, shows the owner, and releases it", async () => {
      const vlan = (await createRange({ zoneid, gateway: "172.16.20.1", netmask: "255.255.255.0", startip: "172.16.20.2", endip: "172.16.20.3" })).body.vlan as Obj;
      const d = await f.call(f.admin, "dedicatePublicIpRange", { id: String(vlan.id), account: "user", domainid });
      assert.strictEqual(d.status, 200, JSON.stringify(d.body));
      assert.deepStrictEqual([(d.body.vlan as Obj).account, (d.body.vlan as Obj).domainid], ["user", domainid]);
      assertError(await f.call(f.admin, "dedicatePublicIpRange", { id: String(vlan.id), account: "admin", domainid }), 431, 4350, "Specified Public IP range has already been dedicated");
      assert.deepStrictEqual(await f.call(f.admin, "releasePublicIpRange", { id: String(vlan.id) }), { status: 200, body: { success: true } });
      const after = (await f.list(f.admin, "listVlanIpRanges", { id: String(vlan.id) }))[0];
      assert.strictEqual(after.account, undefined);
      const rangeNumber = (await f.sim.model.state.vlanIpRanges.find((r) => r.uuid === vlan.id))?.id;
      assertError(
        await f.call(f.admin, "releasePublicIpRange", { id: String(vlan.id) }),
        431,
        4350,
        `Can't release Public IP range ${String(rangeNumber)} as it not dedicated to any domain and any account`,
      );
    });

    it("refuses the system account and a range with IPs of another account", async () => {
      const vlan = (await createRange({ zoneid, gateway: "172.16.21.1", netmask: "255.255.255.0", startip: "172.16.21.2", endip: "172.16.21.3" })).body.vlan as Obj;
      assertError(
        await f.call(f.admin, "dedicatePublicIpRange", { id: String(vlan.id), account: "system", domainid }),
        431,
        4350,
        "Please specify a valid account. Cannot dedicate IP range to system account",
      );
      const ip = (await f.list(f.admin, "listPublicIpAddresses", { vlanid: String(vlan.id), allocatedonly: "false" }))[0];
      await f.call(f.admin, "reserveIpAddress", { id: String(ip.id) });
      assertError(
        await f.call(f.admin, "dedicatePublicIpRange", { id: String(vlan.id), account: "user", domainid }),
        431,
        4350,
        "172.16.21.2 Public IP address in range is allocated to another account ",
      );
    });

    it("a dedicated range with an allocated IP can be deleted: its IPs are released first", async () => {
      const vlan = (await createRange({ zoneid, gateway: "172.16.22.1", netmask: "255.255.255.0", startip: "172.16.22.2", endip: "172.16.22.2", account: "user", domainid })).body.vlan as Obj;
      assert.strictEqual(vlan.account, "user");
      const ip = (await f.list(f.admin, "listPublicIpAddresses", { vlanid: String(vlan.id), allocatedonly: "false" }))[0];
      assert.strictEqual((await f.call(f.user, "reserveIpAddress", { id: String(ip.id) })).status, 200);
      assert.strictEqual((await f.call(f.admin, "deleteVlanIpRange", { id: String(vlan.id) })).status, 200);
    });
  });

  describe("guest VLAN dedication", () => {
    it("dedicates a range; the account's new isolated networks get VLANs from it; releasing it is a job", async () => {
      const d = await f.call(f.admin, "dedicateGuestVlanRange", { vlanrange: "180-181", physicalnetworkid: pnetId, account: "user", domainid });
      assert.strictEqual(d.status, 200, JSON.stringify(d.body));
      const range = d.body.dedicatedguestvlanrange as Obj;
      assert.deepStrictEqual([range.guestvlanrange, range.account, typeof range.physicalnetworkid, typeof range.zoneid], ["180-181", "user", "number", "number"]);
      const vlans: string[] = [];
      for (let i = 0; i < 3; i += 1) {
        const n = (await f.call(f.user, "createNetwork", { zoneid, name: `d${i}`, networkofferingid: offerings.DefaultIsolatedNetworkOfferingWithSourceNatServicePersistent })).body.network as Obj;
        vlans.push(String((await f.list(f.admin, "listNetworks", { id: String(n.id) }))[0].vlan));
      }
      assert.deepStrictEqual(vlans.slice(0, 2), ["180", "181"]);
      assert.ok(Number(vlans[2]) < 180, `the third network falls back to the system pool: ${vlans[2]}`);
      const admins = (await f.call(f.admin, "createNetwork", { zoneid, name: "a", networkofferingid: offerings.DefaultIsolatedNetworkOfferingWithSourceNatServicePersistent })).body.network as Obj;
      const adminVlan = Number((await f.list(f.admin, "listNetworks", { id: String(admins.id) }))[0].vlan);
      assert.ok(adminVlan < 180 || adminVlan > 181, "another account never gets a dedicated VLAN");
      assert.strictEqual((await f.list(f.admin, "listDedicatedGuestVlanRanges", { physicalnetworkid: pnetId })).length, 1);
      assert.strictEqual((await f.job(f.admin, "releaseDedicatedGuestVlanRange", { id: String(range.id) })).jobstatus, 1);
      assertError(await f.call(f.admin, "listDedicatedGuestVlanRanges", { id: String(range.id) }), 431, 4350, uuidNotFoundText("id", String(range.id)));
    });

    it("with use.system.guest.vlans false for the account, no VLAN comes from the system pool", async () => {
      const userId = String((await f.list(f.admin, "listAccounts", { name: "user" }))[0].id);
      const d = (await f.call(f.admin, "dedicateGuestVlanRange", { vlanrange: "190-190", physicalnetworkid: pnetId, account: "user", domainid })).body.dedicatedguestvlanrange as Obj;
      await f.call(f.admin, "updateConfiguration", { name: "use.system.guest.vlans", value: "false", accountid: userId });
      const first = (await f.call(f.user, "createNetwork", { zoneid, name: "x", networkofferingid: offerings.DefaultIsolatedNetworkOfferingWithSourceNatService })).body.network as Obj;
      const second = (await f.call(f.user, "createNetwork", { zoneid, name: "y", networkofferingid: offerings.DefaultIsolatedNetworkOfferingWithSourceNatService })).body.network as Obj;
      const implement = async (n: Obj) => f.job(f.user, "updateNetwork", { id: String(n.id), networkofferingid: offerings.DefaultIsolatedNetworkOfferingWithSourceNatServicePersistent });
      assert.strictEqual(jobObject(await implement(first), "network").state, "Implemented");
      assertJobError(await implement(second), 533, `Unable to allocate vnet as a part of network ${String(second.id)} implement `);
      await f.call(f.admin, "updateConfiguration", { name: "use.system.guest.vlans", value: "true", accountid: userId });
      await f.job(f.admin, "releaseDedicatedGuestVlanRange", { id: String(d.id) });
    });

    it("refuses overlaps, ranges outside the vnet range, bad formats and VLANs of another account", async () => {
      const d = (await f.call(f.admin, "dedicateGuestVlanRange", { vlanrange: "170-172", physicalnetworkid: pnetId, account: "user", domainid })).body.dedicatedguestvlanrange as Obj;
      assertError(
        await f.call(f.admin, "dedicateGuestVlanRange", { vlanrange: "172-173", physicalnetworkid: pnetId, account: "admin", domainid }),
        431,
        4350,
        "Vlan range is already dedicated. Cannot dedicate guest vlan range 172-173",
      );
      assertError(
        await f.call(f.admin, "dedicateGuestVlanRange", { vlanrange: "250-260", physicalnetworkid: pnetId, account: "admin", domainid }),
        431,
        4350,
        "Unable to find guest vlan by range 250-260",
      );
      assertError(
        await f.call(f.admin, "dedicateGuestVlanRange", { vlanrange: "150", physicalnetworkid: pnetId, account: "admin", domainid }),
        431,
        4350,
        "Invalid format for parameter value vlan 150 .VLAN should be specified as 'startvlan-endvlan'",
      );
      const n = (await f.call(f.admin, "createNetwork", { zoneid, name: "held", networkofferingid: offerings.DefaultIsolatedNetworkOfferingWithSourceNatServicePersistent })).body.network as Obj;
      const held = String((await f.list(f.admin, "listNetworks", { id: String(n.id) }))[0].vlan);
      assertError(
        await f.call(f.admin, "dedicateGuestVlanRange", { vlanrange: `${held}-${held}`, physicalnetworkid: pnetId, account: "user", domainid }),
        431,
        4350,
        `Guest VLAN from this range ${held} is allocated to a different Account. Can only dedicate a range which has no allocated VLANs or has VLANs allocated to the same Account `,
      );
      await f.job(f.admin, "releaseDedicatedGuestVlanRange", { id: String(d.id) });
    });
  });
});
