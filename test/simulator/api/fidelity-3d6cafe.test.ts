// Behaviours checked against CloudStack's source at 3d6cafe (issue 11); each test failed against
// the simulator before that work. The class and method that decide each rule are named in the test.
import * as assert from "assert";
import { startedForSuite } from "../../support/fixture-hooks";
import { deploy, isolatedNetwork, type Catalog } from "./api-instances-fixture";
import { loadBalancerText, startRulesFixture, type RulesFixture } from "./api-rules-fixture";
import { assertError, assertJobError, jobObject, type Fixture, type Obj } from "./api-fixture";
import { vpcKit, TIER_OFFERING, type VpcKit } from "./api-vpc-fixture";

describe("simulator api: fidelity to CloudStack 3d6cafe", function () {
  this.timeout(60_000);
  let r: RulesFixture;
  let f: Fixture;
  let c: Catalog;
  let k: VpcKit;
  startedForSuite(startRulesFixture, async (started) => {
    r = started;
    f = started.f;
    c = started.c;
    k = await vpcKit(f);
  });
  const offering = (name: string): string => r.c.networkOfferings[name];
  const iso = (): string => offering("DefaultIsolatedNetworkOfferingWithSourceNatService");
  const createNetwork = (creds: Fixture["user"], params: Record<string, string>) =>
    f.call(creds, "createNetwork", { zoneid: c.zoneid, displaytext: params.name ?? "n", ...params });

  describe("guest CIDRs (NetUtils.validateGuestCidr: RFC 1918 and RFC 6598)", () => {
    it("accepts 100.64.0.0/10 for an isolated network, a VPC and a guest VM CIDR", async () => {
      const n = await createNetwork(f.user, { name: "cgn", networkofferingid: iso(), gateway: "100.64.1.1", netmask: "255.255.255.0" });
      assert.strictEqual(n.status, 200, JSON.stringify(n.body));
      const net = n.body.network as Obj;
      assert.strictEqual(net.cidr, "100.64.1.0/24");
      const reserved = jobObject(await f.job(f.user, "updateNetwork", { id: String(net.id), guestvmcidr: "100.64.1.0/26" }), "network");
      assert.strictEqual(reserved.cidr, "100.64.1.0/26");
      const vpc = await k.vpc(f.user, { name: "cgn-vpc", cidr: "100.65.0.0/16" });
      assert.strictEqual(vpc.cidr, "100.65.0.0/16");
      assertError(
        await createNetwork(f.user, { name: "beyond", networkofferingid: iso(), gateway: "100.128.1.1", netmask: "255.255.255.0" }),
        431,
        4350,
        "Virtual Guest Cidr 100.128.1.0/24 is not RFC 1918 or 6598 compliant",
      );
    });

    it("skips the check while allow.non.rfc1918.compliant.ips is true", async () => {
      const set = (value: string) => f.call(f.admin, "updateConfiguration", { name: "allow.non.rfc1918.compliant.ips", value });
      assert.strictEqual((await set("true")).status, 200);
      try {
        const n = await createNetwork(f.user, { name: "public-cidr", networkofferingid: iso(), gateway: "8.8.8.1", netmask: "255.255.255.0" });
        assert.strictEqual(n.status, 200, JSON.stringify(n.body));
        const vpc = await k.vpc(f.user, { name: "public-vpc", cidr: "9.9.0.0/16" });
        assert.strictEqual(vpc.cidr, "9.9.0.0/16");
      } finally {
        await set("false");
      }
      assertError(await f.call(f.user, "createVPC", { name: "v", displaytext: "v", zoneid: c.zoneid, vpcofferingid: k.vpcOfferingId, cidr: "9.10.0.0/16" }), 431, 4350, "Guest Cidr 9.10.0.0/16 is not RFC1918 compliant");
    });
  });

  describe("createNetwork texts (NetworkOrchestrator.createGuestNetwork)", () => {
    it("refuses an L2 network's VLAN another network of the zone uses, with the overlap text", async () => {
      const l2 = offering("DefaultL2NetworkOfferingVlan");
      assert.strictEqual((await createNetwork(f.admin, { name: "l2-a", networkofferingid: l2, vlan: "701" })).status, 200);
      const zone = f.sim.model.state.zones.find((z) => z.uuid === c.zoneid);
      assert.ok(zone);
      assertError(
        await createNetwork(f.admin, { name: "l2-b", networkofferingid: l2, vlan: "701" }),
        431,
        4350,
        `Network with vlan 701 already exists or overlaps with other network vlans in zone Zone {"id": "${zone.id}", "name": "${zone.name}", "uuid": "${zone.uuid}"}`,
      );
      // bypassvlanoverlapcheck lets a non-isolated offering reuse it.
      assert.strictEqual((await createNetwork(f.admin, { name: "l2-c", networkofferingid: l2, vlan: "701", bypassvlanoverlapcheck: "true" })).status, 200);
    });

    it("does not need a CIDR for an isolated offering with the Gateway service and no SourceNat", async () => {
      const state = f.sim.model.state;
      const base = state.networkOfferings.find((o) => o.name === "DefaultIsolatedNetworkOffering");
      assert.ok(base);
      assert.ok(!base.services.some((s) => s.name === "Gateway"));
      // A copy with Gateway: CloudStack ships no such default offering, admins make them.
      state.networkOfferings.push({
        ...base,
        uuid: "0e3f3f4e-1c1a-4c55-9d55-3d6cafe00011",
        id: 9011,
        name: "IsolatedWithGatewayNoSourceNat",
        services: [...base.services, { name: "Gateway", providers: ["VirtualRouter"] }],
      });
      const n = await createNetwork(f.user, { name: "gw-only", networkofferingid: "0e3f3f4e-1c1a-4c55-9d55-3d6cafe00011" });
      assert.strictEqual(n.status, 200, JSON.stringify(n.body));
      assertError(
        await createNetwork(f.user, { name: "no-gw", networkofferingid: base.uuid }),
        431,
        4350,
        "gateway/netmask are required when create network of type Isolated with service SourceNat disabled",
      );
    });
  });

  describe("source NAT (IpAddressManagerImpl.isSourceNatAvailableForNetwork)", () => {
    it("never makes a portable IP the source NAT IP, even as a network's first IP", async () => {
      await f.job(f.admin, "createPortableIpRange", { regionid: "1", gateway: "10.210.0.1", netmask: "255.255.255.0", startip: "10.210.0.10", endip: "10.210.0.11" });
      const net = await isolatedNetwork(f, c, f.user, "portable-first");
      const ip = jobObject(await f.job(f.user, "associateIpAddress", { networkid: String(net.id), isportable: "true" }), "ipaddress");
      assert.deepStrictEqual([ip.isportable, ip.issourcenat], [true, false]);
      const ordinary = jobObject(await f.job(f.user, "associateIpAddress", { networkid: String(net.id) }), "ipaddress");
      assert.strictEqual(ordinary.issourcenat, true);
    });

    it("refuses an IP for an advanced zone's isolated network without SourceNat (associateIPToGuestNetwork)", async () => {
      const n = await createNetwork(f.user, { name: "no-snat", networkofferingid: offering("DefaultIsolatedNetworkOffering"), gateway: "10.77.0.1", netmask: "255.255.255.0" });
      assert.strictEqual(n.status, 200, JSON.stringify(n.body));
      const job = await f.job(f.user, "associateIpAddress", { networkid: String((n.body.network as Obj).id) });
      assertJobError(job, 431, "In zone of type Advanced ip address can be associated only to the network of guest type Isolated with the SourceNat enabled");
    });
  });

  describe("@ACL ids are checked before the job (ParamProcessWorker, ApiServer)", () => {
    it("answers 531 at once for another account's network on delete, restart and update", async () => {
      const theirs = await isolatedNetwork(f, c, f.admin, "admins");
      for (const command of ["deleteNetwork", "restartNetwork", "updateNetwork"]) {
        const res = await f.call(f.user, command, { id: String(theirs.id) });
        assertError(res, 531, 4365, `Account user does not have permission to operate with resource ${String(theirs.id)}`);
        assert.strictEqual(res.body.jobid, undefined);
      }
      assert.strictEqual((await f.list(f.admin, "listNetworks", { id: String(theirs.id) })).length, 1);
    });

    it("createTags checks access inside its job, which fails 530 with an empty uuidList", async () => {
      const theirs = await isolatedNetwork(f, c, f.admin, "admins-tagged");
      const job = await f.job(f.user, "createTags", { resourcetype: "Network", resourceids: String(theirs.id), "tags[0].key": "k", "tags[0].value": "v" });
      assert.strictEqual(job.jobstatus, 2);
      assert.strictEqual(job.jobresultcode, 530);
      assert.deepStrictEqual((job.jobresult as Obj).uuidList, []);
      assert.strictEqual((job.jobresult as Obj).errorcode, 530);
    });
  });

  describe("restartNetwork (NetworkServiceImpl.restartNetwork)", () => {
    it("refuses a cleanup restart of a VPC tier, and restarts it without cleanup", async () => {
      const vpc = String((await k.vpc(f.user, { name: "restart-vpc" })).id);
      const tier = await k.tier(f.user, vpc, "10.0.1.1", { networkofferingid: r.c.networkOfferings[TIER_OFFERING] });
      const deployed = await deploy(f, c, f.user, { networkids: String(tier.id) });
      assert.ok(deployed.id);
      assertJobError(
        await f.job(f.user, "restartNetwork", { id: String(tier.id), cleanup: "true" }),
        431,
        "Cannot restart a VPC tier with cleanup, please restart the whole VPC.",
      );
      assert.strictEqual((await f.job(f.user, "restartNetwork", { id: String(tier.id) })).jobstatus, 1);
    });
  });

  describe("stickiness values on a virtual router (NetworkHelperImpl.validateHAProxyLBRule)", () => {
    it("refuses malformed expire, tablesize, length and holdtime once the network has its router", async () => {
      const { net } = await r.networkWithVms("haproxy", 1);
      const ip = await r.ip(net);
      const lb = await r.created(
        "createLoadBalancerRule",
        { publicipid: String(ip.id), name: "web", publicport: "80", privateport: "8080", algorithm: "roundrobin", openfirewall: "false" },
        "loadbalancer",
      );
      const sticky = (params: Record<string, string>) => f.call(f.user, "createLBStickinessPolicy", { lbruleid: String(lb.id), name: "s", ...params });
      const text = loadBalancerText(r, lb, "Add");
      assertError(
        await sticky({ methodname: "SourceBased", "param[0].name": "expire", "param[0].value": "30x" }),
        431,
        4350,
        `Failed LB in validation rule: ${text} Cause: expire is not in timeformat: 30x`,
      );
      assertError(
        await sticky({ methodname: "SourceBased", "param[0].name": "tablesize", "param[0].value": "200" }),
        431,
        4350,
        `Failed LB in validation rule: ${text} Cause: tablesize is not in size format: 200`,
      );
      assertError(
        await sticky({ methodname: "AppCookie", "param[0].name": "length", "param[0].value": "ten" }),
        431,
        4350,
        `Failed LB in validation rule id: ${text} Cause: length is not a number: ten`,
      );
      assertError(
        await sticky({ methodname: "AppCookie", "param[0].name": "holdtime", "param[0].value": "3w" }),
        431,
        4350,
        `Failed LB in validation rule id: ${text} Cause: holdtime is not in timeformat: 3w`,
      );
      assert.strictEqual((await sticky({ methodname: "AppCookie", "param[0].name": "holdtime", "param[0].value": "3h" })).status, 200);
      assert.strictEqual((await sticky({ methodname: "SourceBased", "param[0].name": "expire", "param[0].value": "10m", "param[1].name": "tablesize", "param[1].value": "1g" })).status, 200);
    });
  });

  describe("static routes and the zone's denied.routes (VpcManagerImpl.isCidrDenylisted)", () => {
    it("refuses a route overlapping a denied route of the VPC's zone, set at zone scope", async () => {
      const vpc = String((await k.vpc(f.user, { name: "denied-vpc" })).id);
      const set = await f.call(f.admin, "updateConfiguration", { name: "denied.routes", value: "172.30.0.0/16,192.0.2.0/24", zoneid: c.zoneid });
      assert.strictEqual(set.status, 200, JSON.stringify(set.body));
      try {
        assertError(
          await f.call(f.user, "createStaticRoute", { vpcid: vpc, nexthop: "10.0.1.10", cidr: "172.30.8.0/24" }),
          431,
          4350,
          "The static gateway cidr overlaps with one of the denied routes of the zone the VPC belongs to",
        );
        const allowed = jobObject(await f.job(f.user, "createStaticRoute", { vpcid: vpc, nexthop: "10.0.1.10", cidr: "172.31.0.0/16" }), "staticroute");
        assert.strictEqual(allowed.cidr, "172.31.0.0/16");
      } finally {
        await f.call(f.admin, "updateConfiguration", { name: "denied.routes", value: "", zoneid: c.zoneid });
      }
    });
  });
});
