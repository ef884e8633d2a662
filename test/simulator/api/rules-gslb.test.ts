import * as assert from "assert";
import { startedForSuite } from "../../support/fixture-hooks";
import { startRulesFixture, type RulesFixture } from "./api-rules-fixture";
import { assertError, assertJobError, jobObject, uuidNotFoundText, type Fixture, type Obj } from "./api-fixture";

describe("simulator api: global load balancing across two zones", function () {
  this.timeout(30_000);
  let r: RulesFixture;
  let f: Fixture;
  let zone2: string;

  startedForSuite(startRulesFixture, async (started) => {
    r = started;
    f = r.f;
    zone2 = String((await f.list(f.user, "listZones", { name: "Sandbox-simulator-2" }))[0].id);
  });

  /** An LB rule on a new network of the zone. */
  async function siteLb(name: string, zoneid?: string): Promise<Obj> {
    const { net } = await r.networkWithVms(name, 1, {}, zoneid);
    const ip = await r.ip(net);
    return r.created(
      "createLoadBalancerRule",
      { publicipid: String(ip.id), name, algorithm: "roundrobin", publicport: "80", privateport: "80", openfirewall: "false" },
      "loadbalancer",
    );
  }
  const gslb = (params: Record<string, string>) =>
    f.call(f.user, "createGlobalLoadBalancerRule", { name: "app", regionid: "1", gslbdomainname: "app", gslbservicetype: "http", ...params });
  const modelRule = (id: unknown) => f.sim.model.state.gslbRules.find((g) => g.uuid === id);

  it("seeds a second advanced zone, GSLB in region 1 with cloud.dns.name, a region without GSLB", async () => {
    const regions = await f.list(f.user, "listRegions");
    assert.deepStrictEqual(
      regions.map((x) => [x.id, x.name, x.gslbserviceenabled]),
      [
        [1, "Local", true],
        [2, "Sandbox-region-2", false],
      ],
    );
    assert.strictEqual((await f.list(f.admin, "listConfigurations", { name: "cloud.dns.name" }))[0].value, "example.com");
    const zone = (await f.list(f.user, "listZones", { id: zone2 }))[0];
    assert.deepStrictEqual([zone.networktype, zone.allocationstate], ["Advanced", "Enabled"]);
    // The advanced zones that take public IPs (not the one with security groups, which has no GSLB provider).
    const pnets = f.sim.model.state.physicalNetworks.filter((p) => {
      const zone = f.sim.model.state.zones.find((z) => z.uuid === p.zoneUuid);
      return zone?.networkType === "Advanced" && !zone.securityGroupsEnabled;
    });
    assert.deepStrictEqual(
      pnets.map((p) => [p.gslbProvider, p.providers]),
      [
        [true, ["Netscaler"]],
        [true, ["Netscaler"]],
      ],
    );
  });

  it("app.example.com across two zones with weights: Staged, then Active; a weight changed and a zone removed in place", async () => {
    const lb1 = await siteLb("site1");
    const lb2 = await siteLb("site2", zone2);
    const created = jobObject(await f.job(f.user, "createGlobalLoadBalancerRule", { name: "app", regionid: "1", gslbdomainname: "app", gslbservicetype: "http", gslblbmethod: "LEASTCONN" }), "globalloadbalancer");
    const user = (await f.list(f.admin, "listAccounts", { name: "user" }))[0];
    assert.deepStrictEqual(created, {
      id: created.id,
      name: "app",
      gslbdomainname: "app.example.com",
      gslblbmethod: "LEASTCONN",
      gslbstickysessionmethodname: "sourceip",
      gslbservicetype: "http",
      regionid: 1,
      account: "user",
      domainid: user.domainid,
      domain: "ROOT",
      domainpath: "ROOT",
      loadbalancerrule: [],
    });
    assert.strictEqual(modelRule(created.id)?.state, "Staged");

    await r.ok("assignToGlobalLoadBalancerRule", {
      id: String(created.id),
      loadbalancerrulelist: `${String(lb1.id)},${String(lb2.id)}`,
      "gslblbruleweightsmap[0].loadbalancerid": String(lb1.id),
      "gslblbruleweightsmap[0].weight": "30",
      "gslblbruleweightsmap[1].loadbalancerid": String(lb2.id),
      "gslblbruleweightsmap[1].weight": "70",
    });
    const [listed] = await f.list(f.user, "listGlobalLoadBalancerRules", { id: String(created.id) });
    assert.deepStrictEqual((listed.loadbalancerrule as Obj[]).map((lb) => [lb.id, lb.zoneid]), [
      [lb1.id, r.c.zoneid],
      [lb2.id, zone2],
    ]);
    // CloudStack's response carries neither the state nor the weights; the model keeps both.
    assert.deepStrictEqual([modelRule(created.id)?.state, modelRule(created.id)?.members.map((m) => m.weight)], ["Active", [30, 70]]);

    // A weight change is a remove, then an assign with the new weight.
    await r.ok("removeFromGlobalLoadBalancerRule", { id: String(created.id), loadbalancerrulelist: String(lb2.id) });
    await r.ok("assignToGlobalLoadBalancerRule", {
      id: String(created.id),
      loadbalancerrulelist: String(lb2.id),
      "gslblbruleweightsmap[0].loadbalancerid": String(lb2.id),
      "gslblbruleweightsmap[0].weight": "50",
    });
    assert.deepStrictEqual(modelRule(created.id)?.members.map((m) => [m.lbRuleUuid, m.weight]), [
      [lb1.id, 30],
      [lb2.id, 50],
    ]);
    await r.ok("removeFromGlobalLoadBalancerRule", { id: String(created.id), loadbalancerrulelist: String(lb1.id) });
    const [after] = await f.list(f.user, "listGlobalLoadBalancerRules", { regionid: "1" });
    assert.deepStrictEqual([after.id, (after.loadbalancerrule as Obj[]).map((lb) => lb.id)], [created.id, [lb2.id]]);

    const updated = jobObject(await f.job(f.user, "updateGlobalLoadBalancerRule", { id: String(created.id), gslblbmethod: "proximity", description: "d" }), "globalloadbalancer");
    assert.deepStrictEqual([updated.gslblbmethod, updated.description], ["proximity", "d"]);
    assertJobError(await f.job(f.user, "updateGlobalLoadBalancerRule", { id: String(created.id), gslbstickysessionmethodname: "cookie" }), 431, "Invalid persistence: cookie");

    await r.ok("deleteGlobalLoadBalancerRule", { id: String(created.id) });
    assertError(await f.call(f.user, "listGlobalLoadBalancerRules", { id: String(created.id) }), 431, 4350, uuidNotFoundText("id", String(created.id)));
  });

  it("refuses a second LB rule from the same zone, one already assigned, another account's, and bad weights", async () => {
    const lb1 = await siteLb("z1-a");
    const lb1b = await siteLb("z1-b");
    const rule = jobObject(await f.job(f.user, "createGlobalLoadBalancerRule", { name: "shop", regionid: "1", gslbdomainname: "shop", gslbservicetype: "tcp" }), "globalloadbalancer");
    const id = String(rule.id);
    assertJobError(
      await f.job(f.user, "assignToGlobalLoadBalancerRule", { id, loadbalancerrulelist: `${String(lb1.id)},${String(lb1b.id)}` }),
      431,
      "Load balancer rule specified should be in unique zone",
    );
    assert.deepStrictEqual(modelRule(rule.id)?.members, [], "nothing is assigned when one rule is refused");
    assertJobError(
      await f.job(f.user, "assignToGlobalLoadBalancerRule", {
        id,
        loadbalancerrulelist: String(lb1.id),
        "gslblbruleweightsmap[0].loadbalancerid": String(lb1.id),
        "gslblbruleweightsmap[0].weight": "0",
      }),
      431,
      `Invalid weight 0 given for the LB rule id: ${String(lb1.id)}`,
    );
    await r.ok("assignToGlobalLoadBalancerRule", { id, loadbalancerrulelist: String(lb1.id) });
    assert.deepStrictEqual(modelRule(rule.id)?.members, [{ lbRuleUuid: lb1.id, weight: 1 }]);
    assertJobError(await f.job(f.user, "assignToGlobalLoadBalancerRule", { id, loadbalancerrulelist: String(lb1.id) }), 431, `Load balancer ID ${String(lb1.id)} is already assigned`);
    assertJobError(await f.job(f.user, "assignToGlobalLoadBalancerRule", { id, loadbalancerrulelist: String(lb1b.id) }), 431, "Load balancer rule specified should be in unique zone");
    assertJobError(
      await f.job(f.user, "removeFromGlobalLoadBalancerRule", { id, loadbalancerrulelist: String(lb1b.id) }),
      431,
      `Load balancer ID ${String(lb1b.id)} is not assigned to global load balancer rule: ${id}`,
    );

    const adminNet = await f.call(f.admin, "createNetwork", { zoneid: zone2, name: "adminnet", networkofferingid: r.c.networkOfferings.DefaultIsolatedNetworkOfferingWithSourceNatService });
    const adminIp = await r.ip(adminNet.body.network as Obj, f.admin);
    const adminLb = await r.created(
      "createLoadBalancerRule",
      { publicipid: String(adminIp.id), name: "a", algorithm: "source", publicport: "80", privateport: "80", openfirewall: "false" },
      "loadbalancer",
      f.admin,
    );
    assertJobError(
      await f.job(f.admin, "assignToGlobalLoadBalancerRule", { id, loadbalancerrulelist: String(adminLb.id) }),
      431,
      "GSLB rule and load balancer rule does not belong to same account",
    );
  });

  it("refuses a zone whose physical network has no GSLB provider", async () => {
    const lb2 = await siteLb("nogslb", zone2);
    const rule = jobObject(await f.job(f.user, "createGlobalLoadBalancerRule", { name: "nz", regionid: "1", gslbdomainname: "nz", gslbservicetype: "udp" }), "globalloadbalancer");
    const pnet = f.sim.model.state.physicalNetworks.find((p) => p.zoneUuid === zone2);
    assert.ok(pnet);
    pnet.gslbProvider = false;
    try {
      assertJobError(
        await f.job(f.user, "assignToGlobalLoadBalancerRule", { id: String(rule.id), loadbalancerrulelist: String(lb2.id) }),
        431,
        `GSLB service is not enabled in the Zone:${r.internalId("zones", zone2)} and physical network ${pnet.id}`,
      );
    } finally {
      pnet.gslbProvider = true;
    }
  });

  it("refuses a region without the GSLB service, a domain name in use, and bad methods, clearly and at once", async () => {
    assertError(await gslb({ regionid: "2", gslbdomainname: "elsewhere" }), 431, 9999, "GSLB service is not enabled in region : Sandbox-region-2");
    assertError(await gslb({ regionid: "9", gslbdomainname: "nowhere" }), 431, 9999, "Invalid region ID: 9");
    assert.strictEqual((await gslb({ gslbdomainname: "dup" })).status, 200);
    // CloudStack's text lacks the space before "is in use".
    assertError(await gslb({ gslbdomainname: "dup" }), 431, 9999, "Domain name dupis in use");
    assertError(await gslb({ gslbdomainname: "m", gslblbmethod: "random" }), 431, 9999, "Invalid Algorithm: random");
    assertError(await gslb({ gslbdomainname: "s", gslbstickysessionmethodname: "cookie" }), 431, 9999, "Invalid persistence: cookie");
    assertError(await gslb({ gslbdomainname: "t", gslbservicetype: "https" }), 431, 9999, "Invalid service type: https");
    assertError(await gslb({ gslbdomainname: "bad_name" }), 431, 9999, "Invalid domain name : bad_name");
    assertError(
      await f.call(f.user, "createGlobalLoadBalancerRule", { name: "x", regionid: "1", gslbdomainname: "x" }),
      431,
      9999,
      "Unable to execute API command creategloballoadbalancerrule due to missing parameter gslbservicetype",
    );
    assertError(await f.call(f.user, "listGlobalLoadBalancerRules", {}), 431, 4350, "Invalid arguments. At least one of region id, rule id must be specified");
  });
});
