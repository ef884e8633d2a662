// GlobalLoadBalancerRule through the adapter against the simulator over real HTTP: LB rules of
// two zones with weights, members and weights in place, a run cut short between the remove and
// the assign of a weight change, and CloudStack's refusals.
import * as assert from "assert";
import type { CloudStackClient } from "../../provider/client";
import { startedForSuite } from "../support/fixture-hooks";
import {
  AddressingFixture,
  Applied,
  assertPlainJson,
  checkFailures,
  createFrom,
  freshIp,
  NO_CHANGE,
  plan,
  Props,
  replaceDeletingFirst,
  SECOND_ZONE,
  startRules,
  updateTo,
  ZONE,
} from "../support/rules-fixture";

const PERSISTENT = "DefaultIsolatedNetworkOfferingWithSourceNatServicePersistent";

type Item = Record<string, unknown>;

describe("GlobalLoadBalancerRule against the simulator", function () {
  this.timeout(60000);
  let fx: AddressingFixture;
  let east: Applied;
  let east2: Applied;
  let west: Applied;
  let dnsName: string;
  const provider = () => fx.admin.provider("GlobalLoadBalancerRule");

  async function gslb(id: string): Promise<Item | undefined> {
    try {
      return (await fx.admin.client.list<Item>("listGlobalLoadBalancerRules", { id }))[0];
    } catch (err) {
      if ((err as { errorcode?: number }).errorcode === 431) return undefined;
      throw err;
    }
  }

  const memberIdsOf = (rule: Item | undefined) => ((rule?.loadbalancerrule as Item[] | undefined) ?? []).map((lb) => String(lb.id)).sort();

  /** An LB rule on a public IP of a network in `zone` (a persistent network: the IP is not its source NAT IP). */
  async function lbRule(name: string, zone: string, cidr: string): Promise<Applied> {
    const network = await createFrom(fx.admin.provider("Network"), { name, zone, networkOffering: PERSISTENT, cidr });
    const ip = await freshIp(fx.admin.client, network.id);
    return createFrom(fx.admin.provider("LoadBalancerRule"), { name, ipAddressId: ip.id, publicPort: 80, privatePort: 80, algorithm: "roundrobin" });
  }

  startedForSuite(startRules, async (started) => {
    fx = started;
    const [setting] = await fx.admin.client.list<Item>("listConfigurations", { name: "cloud.dns.name" });
    dnsName = String(setting.value);
    east = await lbRule("east", ZONE, "10.1.67.0/24");
    east2 = await lbRule("east-2", ZONE, "10.1.68.0/24");
    west = await lbRule("west", SECOND_ZONE, "10.2.67.0/24");
  });

  let serial = 0;
  function appInputs(extra: Props = {}): Props {
    serial++;
    return {
      name: `app${serial}`,
      regionId: 1,
      domainName: `app${serial}.example.com`,
      serviceType: "http",
      members: [
        { loadBalancerRuleId: east.id, weight: 70 },
        { loadBalancerRuleId: west.id, weight: 30 },
      ],
      ...extra,
    };
  }

  async function cleanUp(created: Applied): Promise<void> {
    await provider().delete(created.id, created.outs);
  }

  it("serves a domain name across LB rules of two zones with weights, and plans no change after", async () => {
    const news = appInputs({ domainName: "app.example.com" });
    const created = await createFrom(provider(), news);
    assertPlainJson(created.outs);
    assert.strictEqual(created.outs.fqdn, `app.example.com.${dnsName}`);
    assert.deepStrictEqual(created.outs.members, news.members);
    assert.deepStrictEqual(new Set(created.outs.memberZoneIds as string[]).size, 2);
    assert.deepStrictEqual(memberIdsOf(await gslb(created.id)), [east.id, west.id].sort());

    assert.deepStrictEqual((await plan(provider(), created, news)).diff, NO_CHANGE);
    const respelled = { ...news, domainName: "APP.example.com", serviceType: "HTTP", lbMethod: "RoundRobin", stickyMethod: "SourceIP", members: [...(news.members as Props[])].reverse() };
    assert.deepStrictEqual((await plan(provider(), created, respelled)).diff, NO_CHANGE);
    await cleanUp(created);
  });

  it("changes a weight and removes a zone's member, both in place", async () => {
    const news = appInputs();
    const created = await createFrom(provider(), news);
    const reweighted = { ...news, members: [{ loadBalancerRuleId: east.id, weight: 50 }, { loadBalancerRuleId: west.id, weight: 30 }] };
    const after = await updateTo(provider(), created, reweighted);
    assert.strictEqual(after.id, created.id);
    assert.deepStrictEqual(after.outs.members, reweighted.members);
    assert.deepStrictEqual((await plan(provider(), after, reweighted)).diff, NO_CHANGE);

    const westOnly = { ...news, members: [{ loadBalancerRuleId: west.id, weight: 30 }] };
    const shrunk = await updateTo(provider(), after, westOnly);
    assert.deepStrictEqual(memberIdsOf(await gslb(created.id)), [west.id]);
    assert.deepStrictEqual(shrunk.outs.members, westOnly.members);

    const method = await updateTo(provider(), shrunk, { ...westOnly, lbMethod: "leastconn", description: "west only" });
    assert.strictEqual(String((await gslb(created.id))?.gslblbmethod).toLowerCase(), "leastconn");
    assert.strictEqual(method.outs.description, "west only");
    await cleanUp(created);
  });

  it("repairs on the next update a weight change cut short between the remove and the assign", async () => {
    const news = appInputs();
    const created = await createFrom(provider(), news);
    const reweighted = { ...news, members: [{ loadBalancerRuleId: east.id, weight: 70 }, { loadBalancerRuleId: west.id, weight: 90 }] };
    const { checked } = await plan(provider(), created, reweighted);

    const client: CloudStackClient = await fx.admin.runtime.client();
    const execute = client.execute;
    let failed = false;
    client.execute = async function (command, params, options) {
      if (command === "assignToGlobalLoadBalancerRule" && !failed) {
        failed = true;
        throw new Error("connection reset while assigning");
      }
      return execute.call(this, command, params, options);
    };
    try {
      await assert.rejects(provider().update(created.id, created.outs, checked), /connection reset while assigning/);
    } finally {
      client.execute = execute;
    }
    assert.deepStrictEqual(memberIdsOf(await gslb(created.id)), [east.id], "the west rule was removed, not assigned again");

    // The engine kept the old outputs; a refresh shows what is there, and the next up repairs it.
    const read = await provider().read(created.id, created.outs);
    assert.deepStrictEqual(read.inputs?.members, [{ loadBalancerRuleId: east.id, weight: 70 }]);
    const again = await plan(provider(), { id: created.id, outs: created.outs }, reweighted);
    assert.deepStrictEqual(again.diff, { changes: true, replaces: [], deleteBeforeReplace: false });
    const repaired = await provider().update(created.id, created.outs, again.checked);
    assert.deepStrictEqual(memberIdsOf(await gslb(created.id)), [east.id, west.id].sort());
    assert.deepStrictEqual(repaired.outs.members, reweighted.members);
    await cleanUp({ id: created.id, outs: repaired.outs });
  });

  it("passes on CloudStack's refusal of a second LB rule from the same zone", async () => {
    const news = appInputs();
    const created = await createFrom(provider(), news);
    const { checked } = await plan(provider(), created, { ...news, members: [...(news.members as Props[]), { loadBalancerRuleId: east2.id }] });
    await assert.rejects(provider().update(created.id, created.outs, checked), /Load balancer rule specified should be in unique zone/);
    assert.deepStrictEqual(memberIdsOf(await gslb(created.id)), [east.id, west.id].sort(), "members unchanged");
    await cleanUp(created);
  });

  it("refuses a region without the GSLB service clearly, creating nothing", async () => {
    const checked = await provider().check({}, appInputs({ regionId: 2, members: [] }));
    assert.deepStrictEqual(checked.failures, []);
    const before = (await fx.admin.client.list<Item>("listGlobalLoadBalancerRules", { regionid: 2 })).length;
    await assert.rejects(provider().create(checked.inputs), /region Sandbox-region-2 \(id 2\) has no GSLB service .*"GSLB service is not enabled in region : Sandbox-region-2"; nothing was created/);
    assert.strictEqual((await fx.admin.client.list<Item>("listGlobalLoadBalancerRules", { regionid: 2 })).length, before);
  });

  it("replaces the rule for a new service type, deleting first since the domain name stays", async () => {
    const news = appInputs();
    const created = await createFrom(provider(), news);
    const { checked, diff } = await plan(provider(), created, { ...news, serviceType: "tcp" });
    assert.deepStrictEqual(diff, { changes: true, replaces: ["serviceType"], deleteBeforeReplace: true });
    const replaced = await replaceDeletingFirst(provider(), created, checked);
    assert.strictEqual(await gslb(created.id), undefined);
    assert.strictEqual(String((await gslb(replaced.id))?.gslbservicetype), "tcp");
    assert.deepStrictEqual(memberIdsOf(await gslb(replaced.id)), [east.id, west.id].sort());
    await cleanUp(replaced);
  });

  it("reports a rule deleted out of band as gone, and deletes twice without error", async () => {
    const created = await createFrom(provider(), appInputs({ members: [] }));
    await fx.admin.client.execute("deleteGlobalLoadBalancerRule", { id: created.id });
    assert.deepStrictEqual(await provider().read(created.id, created.outs), { id: "", props: {} });
    await provider().delete(created.id, created.outs);
    await provider().delete(created.id, created.outs);
  });

  it("reads a method changed out of band as drift to undo in place", async () => {
    const news = appInputs({ lbMethod: "roundrobin" });
    const created = await createFrom(provider(), news);
    await fx.admin.client.execute("updateGlobalLoadBalancerRule", { id: created.id, gslblbmethod: "proximity" });
    const read = await provider().read(created.id, created.outs);
    assert.strictEqual(String(read.props.lbMethod).toLowerCase(), "proximity");
    const drift = await plan(provider(), { id: created.id, outs: read.props }, news);
    assert.deepStrictEqual(drift.diff, { changes: true, replaces: [], deleteBeforeReplace: false });
    await provider().update(created.id, read.props, drift.checked);
    assert.strictEqual(String((await gslb(created.id))?.gslblbmethod).toLowerCase(), "roundrobin");
    await cleanUp(created);
  });

  it("reads a rule by id alone (get) and adopts one made out of band with importId", async () => {
    const made = (
      await fx.admin.client.execute("createGlobalLoadBalancerRule", { name: "made", regionid: 1, gslbdomainname: "made.example.com", gslbservicetype: "tcp" })
    ).globalloadbalancer as { id: string };
    await fx.admin.client.execute("assignToGlobalLoadBalancerRule", {
      id: made.id,
      loadbalancerrulelist: [west.id],
      gslblbruleweightsmap: [{ loadbalancerid: west.id, weight: "5" }],
    });
    const got = await provider().read(made.id, {});
    assert.strictEqual(got.id, made.id);
    assert.deepStrictEqual(got.inputs?.members, [{ loadBalancerRuleId: west.id }], "CloudStack does not report weights");
    assert.strictEqual(got.inputs?.domainName, "made.example.com", "the FQDN less cloud.dns.name");
    assert.strictEqual(got.props.fqdn, `made.example.com.${dnsName}`);

    const news = { name: "made", regionId: 1, domainName: "made.example.com", serviceType: "tcp", members: [{ loadBalancerRuleId: west.id, weight: 5 }] };
    const adopted = await createFrom(provider(), { ...news, importId: made.id });
    assert.strictEqual(adopted.id, made.id);
    assert.deepStrictEqual((await plan(provider(), adopted, news)).diff, NO_CHANGE);
    const wrong = await provider().check({}, { ...news, serviceType: "udp", importId: made.id });
    await assert.rejects(provider().create(wrong.inputs), /cannot adopt GlobalLoadBalancerRule .*serviceType/);
    await cleanUp(adopted);
  });

  describe("bad inputs", () => {
    it("names every broken field at check, creating nothing", async () => {
      const failures = await checkFailures(fx.sim, provider(), {
        name: "bad",
        regionId: 0,
        domainName: "-app..example.com",
        serviceType: "icmp",
        lbMethod: "random",
        members: [{ loadBalancerRuleId: east.id, weight: 0 }, { loadBalancerRuleId: east.id }],
      });
      assert.deepStrictEqual(failures.map((f) => f.property).sort(), ["domainName", "lbMethod", "members.0.weight", "regionId", "serviceType"]);
      const twice = await checkFailures(fx.sim, provider(), {
        name: "bad",
        regionId: 1,
        domainName: "twice.example.com",
        serviceType: "tcp",
        members: [{ loadBalancerRuleId: east.id }, { loadBalancerRuleId: east.id, weight: 2 }],
      });
      assert.deepStrictEqual(twice.map((f) => f.property), ["members[1].loadBalancerRuleId"]);
    });
  });
});
