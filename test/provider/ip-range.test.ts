// IpRange through the adapter against the simulator over real HTTP.
import * as assert from "assert";
import { UNKNOWN } from "../../provider";
import { CloudStackApiError } from "../../provider/client";
import { startedForEachTest } from "../support/fixture-hooks";
import { rootDomainId } from "../support/seed-ids";
import {
  AddressingFixture,
  Applied,
  assertPlainJson,
  checkFailures,
  createFrom,
  NO_CHANGE,
  PERSISTENT,
  plan,
  replaceDeletingFirst,
  SHARED,
  startAddressing,
  updateTo,
  ZONE,
} from "../support/addressing-fixture";

type Range = Record<string, unknown>;

function publicRange(extra: Range = {}): Range {
  return { zone: ZONE, gateway: "172.20.0.1", netmask: "255.255.255.0", startIp: "172.20.0.10", endIp: "172.20.0.20", vlan: "500", ...extra };
}

describe("IpRange against the simulator", function () {
  let fx: AddressingFixture;
  const provider = () => fx.admin.provider("IpRange");
  const rootDomain = () => rootDomainId(fx.sim);

  async function listed(id: string): Promise<Range | undefined> {
    return (await fx.admin.client.list<Range>("listVlanIpRanges", { id }))[0];
  }

  async function sharedNetwork(name: string, octet: number): Promise<Applied> {
    return createFrom(fx.admin.provider("Network"), {
      name,
      zone: ZONE,
      networkOffering: SHARED,
      gateway: `172.16.${octet}.1`,
      netmask: "255.255.255.0",
      startIp: `172.16.${octet}.10`,
      endIp: `172.16.${octet}.12`,
      vlan: String(300 + octet),
    });
  }

  startedForEachTest(startAddressing, (started) => (fx = started));

  describe("create, then a second apply of the same inputs", () => {
    it("creates a public range of a zone and plans no change after", async () => {
      const news = publicRange();
      const range = await createFrom(provider(), news);
      const zone = fx.sim.model.state.zones.find((z) => z.name === ZONE)!;

      assert.strictEqual(range.outs.zone, ZONE);
      assert.strictEqual(range.outs.zoneId, zone.uuid);
      assert.strictEqual(range.outs.cidr, "172.20.0.0/24");
      assert.strictEqual(range.outs.forVirtualNetwork, true);
      assert.strictEqual(range.outs.vlan, "500", "the VLAN stays in the form the user wrote");
      assert.strictEqual(range.outs.account, null, "no owner was declared");
      assert.strictEqual(range.outs.stateVersion, 1);
      assertPlainJson(range.outs);

      const api = await listed(range.id);
      assert.strictEqual(api?.startip, "172.20.0.10");
      assert.strictEqual(api?.endip, "172.20.0.20");
      assert.strictEqual(api?.vlan, "vlan://500");

      assert.deepStrictEqual((await plan(provider(), range, news)).diff, NO_CHANGE);
      assert.deepStrictEqual((await plan(provider(), range, { ...news, vlan: "vlan://500" })).diff, NO_CHANGE);
    });

    it("adds two guest ranges from different subnets, each with its own gateway, to one shared network", async () => {
      const net = await sharedNetwork("two-ranges", 40);
      const second = { network: "two-ranges", gateway: "172.16.41.1", netmask: "255.255.255.0", startIp: "172.16.41.10", endIp: "172.16.41.20" };
      const third = { network: net.id, gateway: "172.16.42.1", netmask: "255.255.255.0", startIp: "172.16.42.10" };
      const a = await createFrom(provider(), second);
      const b = await createFrom(provider(), third);

      for (const range of [a, b]) {
        assert.strictEqual(range.outs.networkId, net.id);
        assert.strictEqual(range.outs.forVirtualNetwork, false);
        assert.strictEqual(range.outs.zoneId, net.outs.zoneId, "the zone comes from the network");
        assertPlainJson(range.outs);
      }
      assert.strictEqual(a.outs.network, "two-ranges");
      assert.strictEqual(b.outs.endIp, "172.16.42.10", "the end defaults to the start");
      const ranges = await fx.admin.client.list<Range>("listVlanIpRanges", { networkid: net.id });
      assert.deepStrictEqual(ranges.map((r) => r.gateway).sort(), ["172.16.40.1", "172.16.41.1", "172.16.42.1"]);

      assert.deepStrictEqual((await plan(provider(), a, second)).diff, NO_CHANGE);
      assert.deepStrictEqual((await plan(provider(), b, third)).diff, NO_CHANGE);
    });

    it("dedicates a range to an account at creation and keeps it on refresh", async () => {
      const news = publicRange({ account: "user", domainId: rootDomain() });
      const range = await createFrom(provider(), news);
      assert.strictEqual(range.outs.account, "user");
      assert.strictEqual(range.outs.ownerAccount, "user");
      assert.strictEqual((await listed(range.id))?.account, "user");

      const read = await provider().read(range.id, range.outs);
      assert.strictEqual(read.inputs?.account, "user");
      assert.strictEqual(read.inputs?.domainId, rootDomain());
      assert.deepStrictEqual((await plan(provider(), { id: range.id, outs: read.props }, news)).diff, NO_CHANGE);
    });
  });

  describe("update and replace", () => {
    it("widens the range in place", async () => {
      const range = await createFrom(provider(), publicRange());
      const news = publicRange({ endIp: "172.20.0.40" });
      const updated = await updateTo(provider(), range, news);
      assert.strictEqual(updated.id, range.id);
      assert.strictEqual(updated.outs.endIp, "172.20.0.40");
      assert.strictEqual((await listed(range.id))?.endip, "172.20.0.40");
      assert.deepStrictEqual((await plan(provider(), updated, news)).diff, NO_CHANGE);
    });

    it("replaces on a VLAN change, deleting first because the new range has the same IPs", async () => {
      const range = await createFrom(provider(), publicRange());
      const { checked, diff } = await plan(provider(), range, publicRange({ vlan: "501" }));
      assert.deepStrictEqual(diff, { changes: true, replaces: ["vlan"], deleteBeforeReplace: true });

      const replacement = await replaceDeletingFirst(provider(), range, checked);
      assert.notStrictEqual(replacement.id, range.id);
      assert.strictEqual(await listed(range.id), undefined);
      assert.strictEqual((await listed(replacement.id))?.vlan, "vlan://501");
    });

    it("replaces without deleting first when the new range shares no IP and no subnet with the old", async () => {
      const net = await sharedNetwork("moving", 43);
      const range = await createFrom(provider(), { network: "moving", gateway: "172.16.44.1", netmask: "255.255.255.0", startIp: "172.16.44.10" });
      const other = await sharedNetwork("moving-to", 45);
      const { diff } = await plan(provider(), range, { network: other.id, gateway: "172.16.46.1", netmask: "255.255.255.0", startIp: "172.16.46.10" });
      assert.deepStrictEqual(diff, { changes: true, replaces: ["network"], deleteBeforeReplace: false });
      assert.ok(net.id);
    });

    it("deletes first when the replacement's addresses are unknown during preview", async () => {
      const range = await createFrom(provider(), publicRange());
      const { diff } = await plan(provider(), range, publicRange({ vlan: "502", startIp: UNKNOWN }));
      assert.deepStrictEqual(diff, { changes: true, replaces: ["vlan"], deleteBeforeReplace: true });
    });
  });

  describe("read and delete", () => {
    it("refreshes drift: a range narrowed out of band shows on read, and the next preview widens it back", async () => {
      const news = publicRange();
      const range = await createFrom(provider(), news);
      await fx.admin.client.execute("updateVlanIpRange", { id: range.id, startip: "172.20.0.10", endip: "172.20.0.15" });

      const read = await provider().read(range.id, range.outs);
      assert.strictEqual(read.id, range.id);
      assert.strictEqual(read.props.endIp, "172.20.0.15");
      assert.strictEqual(read.inputs?.endIp, "172.20.0.15");
      assert.strictEqual(read.inputs?.zone, ZONE);
      assertPlainJson(read.props);
      const { diff } = await plan(provider(), { id: range.id, outs: read.props }, news);
      assert.deepStrictEqual(diff, { changes: true, replaces: [], deleteBeforeReplace: false });
    });

    it("reports a range deleted out of band as gone", async () => {
      const range = await createFrom(provider(), publicRange());
      await fx.admin.client.execute("deleteVlanIpRange", { id: range.id });
      assert.deepStrictEqual(await provider().read(range.id, range.outs), { id: "", props: {} });
    });

    it("deletes twice without error", async () => {
      const range = await createFrom(provider(), publicRange());
      await provider().delete(range.id, range.outs);
      assert.strictEqual(await listed(range.id), undefined);
      await provider().delete(range.id, range.outs);
    });

    it("fails to delete a range whose IPs are in use, with CloudStack's error, and changes nothing", async () => {
      const range = await createFrom(provider(), publicRange());
      const net = await createFrom(fx.admin.provider("Network"), { name: "holder", zone: ZONE, networkOffering: PERSISTENT });
      await fx.admin.client.execute("associateIpAddress", { networkid: net.id, ipaddress: "172.20.0.12" });
      const before = JSON.stringify(fx.sim.model.state.vlanIpRanges);
      await assert.rejects(provider().delete(range.id, range.outs), (err: unknown) => {
        assert.ok(err instanceof CloudStackApiError);
        assert.strictEqual(err.errorcode, 431);
        assert.match(err.errortext, /^1  Ips are in use\. Cannot delete this vlan$/);
        return true;
      });
      assert.strictEqual(JSON.stringify(fx.sim.model.state.vlanIpRanges), before);
      assert.ok(await listed(range.id));
    });

    it("reads an existing range from its id alone, as get() does", async () => {
      const created = await fx.admin.client.execute("createVlanIpRange", {
        zoneid: fx.sim.model.state.zones[0].uuid,
        gateway: "172.21.0.1",
        netmask: "255.255.255.0",
        startip: "172.21.0.5",
        endip: "172.21.0.9",
        forvirtualnetwork: true,
      });
      const id = String((created.vlan as Range).id);
      const read = await provider().read(id, {});
      assert.strictEqual(read.id, id);
      assert.strictEqual(read.inputs?.startIp, "172.21.0.5");
      assert.strictEqual(read.inputs?.zone, fx.sim.model.state.zones[0].uuid);
      assert.strictEqual(read.props.cidr, "172.21.0.0/24");
    });

    it("adopts an existing range with importId, applying in-place differences, and refuses one that differs in a replacing input", async () => {
      const created = await fx.admin.client.execute("createVlanIpRange", {
        zoneid: fx.sim.model.state.zones[0].uuid,
        gateway: "172.22.0.1",
        netmask: "255.255.255.0",
        startip: "172.22.0.5",
        endip: "172.22.0.9",
        forvirtualnetwork: true,
        vlan: "510",
      });
      const id = String((created.vlan as Range).id);
      const news = { zone: ZONE, gateway: "172.22.0.1", netmask: "255.255.255.0", startIp: "172.22.0.5", endIp: "172.22.0.30", vlan: "510" };

      const refused = await provider().check({}, { ...news, vlan: "511", importId: id });
      await assert.rejects(provider().create(refused.inputs), /cannot adopt IpRange .*vlan is "vlan:\/\/510" there but "511" in the program/);

      const checked = await provider().check({}, { ...news, importId: id });
      assert.deepStrictEqual(checked.failures, []);
      const adopted = await provider().create(checked.inputs);
      assert.strictEqual(adopted.id, id);
      assert.strictEqual((await listed(id))?.endip, "172.22.0.30");
      assert.deepStrictEqual((await plan(provider(), { id, outs: adopted.outs }, news)).diff, NO_CHANGE);
    });
  });

  describe("bad inputs", () => {
    it("catches range rules at check, naming property, value and rule, and creates nothing", async () => {
      const failures = await checkFailures(fx.sim, provider(), {
        zone: ZONE,
        gateway: "172.20.0.15",
        netmask: "255.255.255.0",
        startIp: "172.20.0.10",
        endIp: "172.20.1.20",
      });
      assert.deepStrictEqual(failures, [
        { property: "endIp", reason: 'endIp: "172.20.1.20" is outside the gateway\'s subnet 172.20.0.0/24 (start and end must be in the gateway\'s subnet)' },
        {
          property: "gateway",
          reason: 'gateway: "172.20.0.15" is inside the range (CloudStack: "The gateway ip should not be the part of the ip range being added.")',
        },
      ]);
    });

    it("needs a zone or a network, and refuses an end before the start", async () => {
      const failures = await checkFailures(fx.sim, provider(), { gateway: "172.20.0.1", netmask: "255.255.255.0", startIp: "172.20.0.10", endIp: "172.20.0.5" });
      assert.deepStrictEqual(failures.map((f) => f.property), ["zone", "endIp"]);
      assert.match(failures[1].reason, /is before startIp 172\.20\.0\.10/);
    });

    it("refuses forSystemVms with an account, an account without its domain, and field errors", async () => {
      const failures = await checkFailures(fx.sim, provider(), publicRange({ forSystemVms: true, account: "user", netmask: "255.0.255.0", vlan: 5 }));
      assert.deepStrictEqual(failures.map((f) => f.property).sort(), ["account", "forSystemVms", "netmask", "vlan"]);
    });

    it("refuses a public range (forVirtualNetwork true) on a shared network", async () => {
      const failures = await checkFailures(fx.sim, provider(), {
        network: "any",
        forVirtualNetwork: true,
        gateway: "172.16.48.1",
        netmask: "255.255.255.0",
        startIp: "172.16.48.5",
      });
      assert.strictEqual(failures[0].property, "forVirtualNetwork");
      assert.match(failures[0].reason, /cannot be true with network/);
    });

    it("refuses an unknown network by name, listing the candidates", async () => {
      await sharedNetwork("real-one", 47);
      const failures = await checkFailures(fx.sim, provider(), { network: "no-such", gateway: "172.16.48.1", netmask: "255.255.255.0", startIp: "172.16.48.5" });
      assert.strictEqual(failures.length, 1);
      assert.match(failures[0].reason, /^network: "no-such" matches no network by name; candidates: .*"real-one"/);
    });

    it("lets CloudStack's overlap refusal through and creates nothing", async () => {
      await createFrom(provider(), publicRange());
      const checked = await provider().check({}, publicRange({ startIp: "172.20.0.15", endIp: "172.20.0.30", vlan: "500" }));
      const before = fx.sim.model.state.vlanIpRanges.length;
      await assert.rejects(provider().create(checked.inputs), (err: unknown) => {
        assert.ok(err instanceof CloudStackApiError);
        assert.strictEqual(err.errortext, "The IP range already has IPs that overlap with the new range. Please specify a different start IP/end IP.");
        return true;
      });
      assert.strictEqual(fx.sim.model.state.vlanIpRanges.length, before);
    });
  });
});
