// Rules CloudStack applies to guest networks, each checked against its source (the class and
// method are named in each describe): the guest CIDR space, createNetwork's refusals, and the
// restart of a VPC tier.
import * as assert from "assert";
import { startedForSuite } from "../../support/fixture-hooks";
import { deploy, type Catalog } from "./api-instances-fixture";
import { startRulesFixture, type RulesFixture } from "./api-rules-fixture";
import { assertError, assertJobError, jobObject, type Fixture, type Obj } from "./api-fixture";
import { vpcKit, TIER_OFFERING, type VpcKit } from "./api-vpc-fixture";

describe("simulator api: guest network rules (CIDR space, creation refusals, restart)", function () {
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
});
