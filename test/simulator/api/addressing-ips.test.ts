import * as assert from "assert";
import { startedForSuite } from "../../support/fixture-hooks";
import { startWithCatalog } from "./api-instances-fixture";
import { assertError, assertJobError, jobObject, uuidNotFoundText, type Fixture, type Obj } from "./api-fixture";

describe("simulator api: public IP addresses (associate, release, reserve, dedicated ranges, portable IPs)", function () {
  this.timeout(20_000);
  let f: Fixture;
  let zoneid: string;
  let domainid: string;
  let userAccountId: string;
  let offerings: Record<string, string>;

  startedForSuite(startWithCatalog, (started) => ({ f, c: { zoneid, rootDomainId: domainid, userAccountId, networkOfferings: offerings } } = started));

  async function network(creds: Fixture["admin"], offering = "DefaultIsolatedNetworkOfferingWithSourceNatService"): Promise<Obj> {
    const r = await f.call(creds, "createNetwork", { zoneid, name: "net", networkofferingid: offerings[offering] });
    assert.strictEqual(r.status, 200, JSON.stringify(r.body));
    return r.body.network as Obj;
  }
  const associate = async (creds: Fixture["admin"], params: Record<string, string>): Promise<Obj> =>
    jobObject(await f.job(creds, "associateIpAddress", params), "ipaddress");

  describe("associateIpAddress / disassociateIpAddress", () => {
    it("the first IP of an isolated network without a source NAT IP becomes its source NAT IP; the next one does not", async () => {
      const n = await network(f.user);
      const first = await associate(f.user, { networkid: String(n.id) });
      assert.deepStrictEqual(
        [first.issourcenat, first.state, first.associatednetworkid, first.account, first.forvirtualnetwork, first.isportable, first.issystem],
        [true, "Allocated", n.id, "user", true, false, false],
      );
      const second = await associate(f.user, { networkid: String(n.id) });
      assert.strictEqual(second.issourcenat, false);
      assert.deepStrictEqual(
        (await f.list(f.user, "listPublicIpAddresses", { associatednetworkid: String(n.id), issourcenat: "true" })).map((ip) => ip.id),
        [first.id],
      );
    });

    it("the job answers the IP's id at once, as an async-create command does", async () => {
      const n = await network(f.user);
      const r = await f.call(f.user, "associateIpAddress", { networkid: String(n.id) });
      assert.strictEqual(r.status, 200);
      assert.strictEqual(typeof r.body.id, "string");
      assert.strictEqual(typeof r.body.jobid, "string");
    });

    it("a source NAT IP of an implemented network cannot be disassociated (530 from the job); of an Allocated network it can", async () => {
      const implemented = await network(f.user, "DefaultIsolatedNetworkOfferingWithSourceNatServicePersistent");
      const snat = (await f.list(f.user, "listPublicIpAddresses", { associatednetworkid: String(implemented.id) }))[0];
      assert.strictEqual(snat.issourcenat, true);
      assertJobError(
        await f.job(f.user, "disassociateIpAddress", { id: String(snat.id) }),
        530,
        "ip address is used for source nat purposes and can not be disassociated.",
      );
      assert.strictEqual((await f.list(f.user, "listPublicIpAddresses", { id: String(snat.id) }))[0].state, "Allocated");
      const allocated = await network(f.user);
      const ip = await associate(f.user, { networkid: String(allocated.id) });
      assert.strictEqual(ip.issourcenat, true);
      assert.strictEqual((await f.job(f.user, "disassociateIpAddress", { id: String(ip.id) })).jobstatus, 1);
    });

    it("a released IP row stays, Free; releasing it again succeeds", async () => {
      const n = await network(f.user);
      await associate(f.user, { networkid: String(n.id) });
      const ip = await associate(f.user, { networkid: String(n.id) });
      assert.strictEqual((await f.job(f.user, "disassociateIpAddress", { id: String(ip.id) })).jobstatus, 1);
      assert.deepStrictEqual(await f.list(f.user, "listPublicIpAddresses", { id: String(ip.id) }), []);
      const row = (await f.list(f.admin, "listPublicIpAddresses", { id: String(ip.id), allocatedonly: "false" }))[0];
      assert.deepStrictEqual([row.state, row.account, row.associatednetworkid], ["Free", undefined, undefined]);
      assert.strictEqual((await f.job(f.user, "disassociateIpAddress", { id: String(ip.id) })).jobstatus, 1);
    });

    it("takes a specific address; one in use is refused with 533", async () => {
      const n = await network(f.user);
      const ip = await associate(f.user, { networkid: String(n.id), ipaddress: "192.168.2.150" });
      assert.strictEqual(ip.ipaddress, "192.168.2.150");
      assertError(await f.call(f.user, "associateIpAddress", { networkid: String(n.id), ipaddress: "192.168.2.150" }), 533, 4320, "Insufficient address capacity");
    });

    it("with only a zone, uses the account's single isolated network, and names the problem otherwise", async () => {
      const single = await network(f.admin);
      const adminIp = await associate(f.admin, { zoneid });
      assert.strictEqual(adminIp.associatednetworkid, single.id);
      assertError(
        await f.call(f.admin, "associateIpAddress", { zoneid, projectid: await projectId() }),
        431,
        4350,
        `Account name=null domain=ROOT doesn't have virtual networks in zone=Sandbox-simulator`,
      );
      assertError(
        await f.call(f.user, "associateIpAddress", {}),
        431,
        4350,
        "Unable to figure out zone to assign IP to. Please specify either zoneId, or networkId, or vpcId in the call",
      );
      assertError(await f.call(f.user, "associateIpAddress", { zoneid }), 431, 4350, "Account has more than one isolated network in the zone");
    });

    it("another account's network is refused with 531", async () => {
      const n = await network(f.admin);
      const r = await f.call(f.user, "associateIpAddress", { networkid: String(n.id) });
      assert.strictEqual(r.status, 531);
    });

    it("refuses a shared network without the services IPs are for", async () => {
      const r = await f.call(f.admin, "createNetwork", {
        zoneid,
        name: "shared",
        networkofferingid: offerings.DefaultSharedNetworkOffering,
        vlan: "400",
        gateway: "10.40.0.1",
        netmask: "255.255.255.0",
        startip: "10.40.0.10",
        endip: "10.40.0.20",
      });
      assertError(
        await f.call(f.admin, "associateIpAddress", { networkid: String((r.body.network as Obj).id) }),
        431,
        4350,
        "Associate IP address can only be called on the shared networks in the advanced zone with Firewall/Source Nat/Static Nat/Port Forwarding/Load balancing services enabled",
      );
    });

    it("updateIpAddress changes fordisplay in a job; tags follow the IP and go with its release", async () => {
      const n = await network(f.user);
      await associate(f.user, { networkid: String(n.id) });
      const ip = await associate(f.user, { networkid: String(n.id) });
      const updated = jobObject(await f.job(f.user, "updateIpAddress", { id: String(ip.id), fordisplay: "false" }), "ipaddress");
      assert.strictEqual(updated.fordisplay, false);
      assert.strictEqual((await f.job(f.user, "createTags", { resourcetype: "PublicIpAddress", resourceids: String(ip.id), "tags[0].key": "role", "tags[0].value": "web" })).jobstatus, 1);
      const listed = await f.list(f.user, "listPublicIpAddresses", { "tags[0].key": "role", "tags[0].value": "web" });
      assert.deepStrictEqual(listed.map((x) => [x.id, (x.tags as Obj[])[0].value]), [[ip.id, "web"]]);
      await f.job(f.user, "disassociateIpAddress", { id: String(ip.id) });
      assert.deepStrictEqual(await f.list(f.user, "listTags", { resourceid: String(ip.id) }), []);
    });
  });

  let project: string | undefined;
  async function projectId(): Promise<string> {
    project ??= String((await f.list(f.user, "listProjects"))[0].id);
    return project;
  }

  describe("reserveIpAddress / releaseIpAddress", () => {
    it("reserves a Free IP for the caller, is idempotent for it, refuses others, and releases it", async () => {
      const free = (await f.list(f.admin, "listPublicIpAddresses", { allocatedonly: "false", state: "Free", ipaddress: "192.168.2.190" }))[0];
      const reserved = await f.call(f.user, "reserveIpAddress", { id: String(free.id) });
      assert.strictEqual(reserved.status, 200, JSON.stringify(reserved.body));
      assert.deepStrictEqual([(reserved.body.ipaddress as Obj).state, (reserved.body.ipaddress as Obj).account], ["Reserved", "user"]);
      assert.strictEqual((await f.call(f.user, "reserveIpAddress", { id: String(free.id) })).status, 200);
      assertError(
        await f.call(f.admin, "reserveIpAddress", { id: String(free.id) }),
        431,
        4350,
        "Unable to reserve a IP because it has already been reserved for another Account.",
      );
      const n = await network(f.user);
      const used = await associate(f.user, { networkid: String(n.id) });
      assertError(await f.call(f.user, "reserveIpAddress", { id: String(used.id) }), 431, 4350, "Unable to reserve a IP in Allocated state.");
      assertError(
        await f.call(f.user, "releaseIpAddress", { id: String(used.id) }),
        431,
        4350,
        "Unable to release a public IP in Allocated state, please use disassociateIpAddress instead",
      );
      assert.deepStrictEqual(await f.call(f.user, "releaseIpAddress", { id: String(free.id) }), { status: 200, body: { success: true } });
      assert.strictEqual((await f.list(f.admin, "listPublicIpAddresses", { id: String(free.id), allocatedonly: "false" }))[0].state, "Free");
    });

    it("a reserved IP can then be associated by its owner, by address", async () => {
      const free = (await f.list(f.admin, "listPublicIpAddresses", { allocatedonly: "false", state: "Free", ipaddress: "192.168.2.191" }))[0];
      await f.call(f.user, "reserveIpAddress", { id: String(free.id) });
      const n = await network(f.user);
      await associate(f.user, { networkid: String(n.id) });
      const ip = await associate(f.user, { networkid: String(n.id), ipaddress: "192.168.2.191" });
      assert.deepStrictEqual([ip.id, ip.state], [free.id, "Allocated"]);
    });
  });

  describe("dedicated public ranges and use.system.public.ips", () => {
    it("an account's new IPs come from its dedicated range first, then from the system pool; with the setting false for it, none once the range is used up", async () => {
      const range = (
        await f.call(f.admin, "createVlanIpRange", { zoneid, gateway: "172.20.0.1", netmask: "255.255.255.0", startip: "172.20.0.10", endip: "172.20.0.11", account: "user", domainid })
      ).body.vlan as Obj;
      const n = await network(f.user);
      const got = [await associate(f.user, { networkid: String(n.id) }), await associate(f.user, { networkid: String(n.id) }), await associate(f.user, { networkid: String(n.id) })];
      assert.deepStrictEqual(got.map((ip) => ip.ipaddress), ["172.20.0.10", "172.20.0.11", got[2].ipaddress]);
      assert.ok(String(got[2].ipaddress).startsWith("192.168.2."), "the system pool follows");
      const adminNet = await network(f.admin);
      const adminIp = await associate(f.admin, { networkid: String(adminNet.id) });
      assert.ok(String(adminIp.ipaddress).startsWith("192.168.2."), "other accounts never get a dedicated IP");

      const cfg = await f.call(f.admin, "updateConfiguration", { name: "use.system.public.ips", value: "false", accountid: userAccountId });
      assert.strictEqual((cfg.body.configuration as Obj).value, "false");
      assert.strictEqual((await f.list(f.admin, "listConfigurations", { name: "use.system.public.ips", accountid: userAccountId }))[0].value, "false");
      assert.strictEqual((await f.list(f.admin, "listConfigurations", { name: "use.system.public.ips" }))[0].value, "true");
      assertError(await f.call(f.user, "associateIpAddress", { networkid: String(n.id) }), 533, 4320, "Insufficient address capacity");

      // Releasing the range returns its unused IPs to the system pool; the account draws from it again.
      await f.job(f.user, "disassociateIpAddress", { id: String(got[1].id) });
      assert.strictEqual((await f.call(f.admin, "releasePublicIpRange", { id: String(range.id) })).status, 200);
      const again = await associate(f.user, { networkid: String(n.id) });
      assert.ok(String(again.ipaddress).startsWith("192.168.2.") || again.ipaddress === "172.20.0.11");
      await f.call(f.admin, "updateConfiguration", { name: "use.system.public.ips", value: "true", accountid: userAccountId });
    });
  });

  describe("portable IP ranges", () => {
    it("creates a region range (async-create), lists its addresses, refuses overlaps, and deletes it when nothing is assigned", async () => {
      const r = await f.job(f.admin, "createPortableIpRange", { regionid: "1", gateway: "10.100.0.1", netmask: "255.255.255.0", startip: "10.100.0.10", endip: "10.100.0.11" });
      const range = jobObject(r, "portableiprange");
      assert.deepStrictEqual([range.regionid, range.startip, range.endip, range.vlan], [1, "10.100.0.10", "10.100.0.11", "untagged"]);
      assert.deepStrictEqual((range.portableipaddress as Obj[]).map((p) => [p.ipaddress, p.state]), [["10.100.0.10", "Free"], ["10.100.0.11", "Free"]]);
      assertError(
        await f.call(f.admin, "createPortableIpRange", { regionid: "1", gateway: "10.100.0.1", netmask: "255.255.255.0", startip: "10.100.0.11", endip: "10.100.0.12" }),
        431,
        4350,
        "Ip  range: 10.100.0.11-10.100.0.12 overlaps with a portable IP range already configured in the region 1",
      );
      assertError(
        await f.call(f.admin, "createPortableIpRange", { regionid: "7", gateway: "10.101.0.1", netmask: "255.255.255.0", startip: "10.101.0.10", endip: "10.101.0.11" }),
        431,
        4350,
        "Invalid region ID: 7",
      );
      const portableEnabled = (await f.list(f.admin, "listRegions"))[0].portableipserviceenabled;
      assert.strictEqual(portableEnabled, true);

      const n = await network(f.user);
      await associate(f.user, { networkid: String(n.id) });
      const ip = await associate(f.user, { networkid: String(n.id), isportable: "true" });
      assert.deepStrictEqual([ip.isportable, ip.ipaddress, ip.issourcenat], [true, "10.100.0.10", false]);
      assertJobError(await f.job(f.admin, "deletePortableIpRange", { id: String(range.id) }), 431, "Can't delete portable IP range as there are IP's assigned.");
      assertError(await f.call(f.user, "reserveIpAddress", { id: String(ip.id) }), 431, 4350, "Unable to reserve a portable IP.");
      assertError(
        await f.call(f.user, "releaseIpAddress", { id: String(ip.id) }),
        431,
        4350,
        "Unable to release a portable IP, please use disassociateIpAddress instead",
      );
      assert.strictEqual((await f.job(f.user, "disassociateIpAddress", { id: String(ip.id) })).jobstatus, 1);
      assertError(await f.call(f.user, "listPublicIpAddresses", { id: String(ip.id) }), 431, 4350, uuidNotFoundText("id", String(ip.id)));
      assert.strictEqual((await f.job(f.admin, "deletePortableIpRange", { id: String(range.id) })).jobstatus, 1);
      assertError(await f.call(f.admin, "listPortableIpRanges", { id: String(range.id) }), 431, 4350, uuidNotFoundText("id", String(range.id)));
    });

    it("with no free portable address, associate answers 533", async () => {
      const n = await network(f.user);
      await associate(f.user, { networkid: String(n.id) });
      assertError(
        await f.call(f.user, "associateIpAddress", { networkid: String(n.id), isportable: "true" }),
        533,
        4320,
        "Unable to find available portable IP addresses",
      );
    });
  });
});
