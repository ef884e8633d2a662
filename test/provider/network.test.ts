// Network through the adapter against the simulator over real HTTP.
import * as assert from "assert";
import { UNKNOWN } from "../../provider";
import { CloudStackApiError } from "../../provider/client";
import { startedForSuite } from "../support/fixture-hooks";
import { simProjectId } from "../support/seed-ids";
import {
  Applied,
  createFrom,
  Fixture,
  ISOLATED,
  L2,
  networkCount,
  PERSISTENT,
  plan,
  providerFor,
  SHARED,
  startFixture,
  updateTo,
  ZONE,
} from "../support/network-fixture";

function isolated(name: string, extra: Record<string, unknown> = {}) {
  return { name, zone: ZONE, networkOffering: ISOLATED, ...extra };
}

/** Outputs must survive protobuf Struct conversion: plain JSON, nothing undefined. */
function assertPlainJson(outs: Record<string, unknown>): void {
  assert.deepStrictEqual(JSON.parse(JSON.stringify(outs)), outs);
  for (const [key, value] of Object.entries(outs)) assert.notStrictEqual(value, undefined, `${key} is undefined`);
}

describe("Network against the simulator", function () {
  let fx: Fixture;
  startedForSuite(startFixture, (started) => (fx = started));

  describe("create, then a second apply of the same inputs", () => {
    it("creates an isolated network from names and plans no change after", async () => {
      const news = isolated("web", { cidr: "10.1.2.0/24", tags: { env: "test" } });
      const net = await createFrom(fx.provider, news);
      const [zone] = await fx.client.list<{ id: string }>("listZones", { name: ZONE });

      assert.strictEqual(net.outs.zone, ZONE, "the zone stays in the form the user wrote");
      assert.strictEqual(net.outs.zoneId, zone.id);
      assert.strictEqual(net.outs.cidr, "10.1.2.0/24");
      assert.strictEqual(net.outs.gateway, "10.1.2.1", "the cidr is sent as its first host + netmask");
      assert.strictEqual(net.outs.netmask, "255.255.255.0");
      assert.strictEqual(net.outs.type, "Isolated");
      assert.strictEqual(net.outs.state, "Allocated");
      assert.deepStrictEqual(net.outs.tags, { env: "test" });
      assert.strictEqual(net.outs.stateVersion, 1);
      assertPlainJson(net.outs);

      const record = fx.sim.model.findNetwork(net.id);
      assert.ok(record, "the simulator holds the network");
      const [listed] = await fx.client.list<Record<string, unknown>>("listNetworks", { id: net.id });
      assert.strictEqual(listed.cidr, "10.1.2.0/24");
      assert.deepStrictEqual(
        (listed.tags as Array<{ key: string; value: string }>).map((t) => [t.key, t.value]),
        [["env", "test"]],
      );

      const { diff } = await plan(fx.provider, net, news);
      assert.deepStrictEqual(diff, { changes: false, replaces: [], deleteBeforeReplace: false });
    });

    it("creates a shared network with a VLAN and an IP range and plans no change after", async () => {
      const news = {
        name: "shared-a",
        zone: ZONE,
        networkOffering: SHARED,
        gateway: "172.16.10.1",
        netmask: "255.255.255.0",
        startIp: "172.16.10.10",
        endIp: "172.16.10.50",
        vlan: "300",
      };
      const net = await createFrom(fx.provider, news);
      assert.strictEqual(net.outs.type, "Shared");
      assert.strictEqual(net.outs.cidr, "172.16.10.0/24");
      assert.strictEqual(net.outs.vlan, "300");
      assert.strictEqual(net.outs.broadcastUri, "vlan://300");
      assertPlainJson(net.outs);
      assert.deepStrictEqual((await plan(fx.provider, net, news)).diff, { changes: false, replaces: [], deleteBeforeReplace: false });

      // A new overlapping range would collide with the old network in the zone: delete it first.
      const moved = { ...news, gateway: "172.16.10.129", netmask: "255.255.255.128", startIp: "172.16.10.130", endIp: "172.16.10.140" };
      const { diff } = await plan(fx.provider, net, moved);
      assert.deepStrictEqual(diff, { changes: true, replaces: ["gateway", "netmask", "startIp", "endIp"], deleteBeforeReplace: true });
    });

    it("creates an L2 network and plans no change after", async () => {
      const news = { name: "l2-a", zone: ZONE, networkOffering: L2 };
      const net = await createFrom(fx.provider, news);
      assert.strictEqual(net.outs.type, "L2");
      assert.strictEqual(net.outs.cidr, null, "an L2 network has no CIDR: null, as every absent output, and no undefined output");
      assertPlainJson(net.outs);
      assert.deepStrictEqual((await plan(fx.provider, net, news)).diff, { changes: false, replaces: [], deleteBeforeReplace: false });
    });
  });

  describe("update and replace", () => {
    it("updates name, network domain, DNS and tags in place", async () => {
      const net = await createFrom(fx.provider, isolated("app", { tags: { env: "dev", team: "web" } }));
      const news = isolated("app-renamed", {
        networkDomain: "app.example.internal",
        dns1: "10.0.0.53",
        dns2: "10.0.0.54",
        tags: { env: "prod", owner: "ops" },
      });
      const updated = await updateTo(fx.provider, net, news);

      assert.strictEqual(updated.outs.name, "app-renamed");
      assert.strictEqual(updated.outs.networkDomain, "app.example.internal");
      assert.strictEqual(updated.outs.dns1, "10.0.0.53");
      assert.deepStrictEqual(updated.outs.tags, { env: "prod", owner: "ops" });

      const [listed] = await fx.client.list<Record<string, unknown>>("listNetworks", { id: net.id });
      assert.strictEqual(listed.name, "app-renamed");
      assert.strictEqual(listed.networkdomain, "app.example.internal");
      assert.strictEqual(listed.dns2, "10.0.0.54");
      const tags = Object.fromEntries((listed.tags as Array<{ key: string; value: string }>).map((t) => [t.key, t.value]));
      assert.deepStrictEqual(tags, { env: "prod", owner: "ops" });

      assert.strictEqual((await plan(fx.provider, updated, news)).diff.changes, false);
    });

    it("replaces a network whose cidr changes, naming the input that forced it", async () => {
      const net = await createFrom(fx.provider, isolated("cidr-old", { cidr: "10.1.5.0/24" }));
      const news = isolated("cidr-old", { cidr: "10.1.6.0/24" });
      const { checked, diff } = await plan(fx.provider, net, news);
      assert.deepStrictEqual(diff, { changes: true, replaces: ["cidr"], deleteBeforeReplace: false });

      // The engine's order for a replacement: create the new object, delete the old one at the end.
      const replacement = await fx.provider.create(checked);
      assert.notStrictEqual(replacement.id, net.id);
      await fx.provider.delete(net.id, net.outs);
      assert.strictEqual(fx.sim.model.findNetwork(net.id), undefined);
      assert.strictEqual(fx.sim.model.findNetwork(replacement.id)?.name, "cidr-old");
      assert.strictEqual(replacement.outs.cidr, "10.1.6.0/24");
    });

    it("replaces on a zone change, comparing resolved ids", async () => {
      const net = await createFrom(fx.provider, isolated("zone-move"));
      const template = fx.sim.model.state.zones[0];
      const other = { ...template, uuid: "0b6e3f2c-5d1a-4c8e-9f4b-2a7d8e6c1b93", id: 9100, name: "Other-zone" };
      fx.sim.model.state.zones.push(other);
      try {
        const { checked, diff } = await plan(fx.provider, net, isolated("zone-move", { zone: "Other-zone" }));
        assert.strictEqual(checked.zoneId, other.uuid);
        assert.deepStrictEqual(diff, { changes: true, replaces: ["zone"], deleteBeforeReplace: false });
      } finally {
        fx.sim.model.state.zones.splice(fx.sim.model.state.zones.indexOf(other), 1);
      }
    });

    it("sees no change when the zone is written as its uuid instead of its name", async () => {
      const net = await createFrom(fx.provider, isolated("zone-by-id"));
      const { checked, diff } = await plan(fx.provider, net, isolated("zone-by-id", { zone: String(net.outs.zoneId) }));
      assert.strictEqual(checked.zoneId, net.outs.zoneId);
      assert.deepStrictEqual(diff, { changes: false, replaces: [], deleteBeforeReplace: false });
    });

    it("changes the offering of an isolated network in place", async () => {
      const net = await createFrom(fx.provider, isolated("offering-swap"));
      const news = isolated("offering-swap", { networkOffering: "DefaultIsolatedNetworkOffering" });
      const updated = await updateTo(fx.provider, net, news);
      assert.strictEqual(updated.outs.networkOfferingName, "DefaultIsolatedNetworkOffering");
      assert.strictEqual(fx.sim.model.findNetwork(net.id)?.offeringUuid, updated.outs.networkOfferingId);
    });
  });

  describe("IP reservation", () => {
    it("reserves on a persistent-offering network; a second preview then shows no change", async () => {
      const base = { name: "reserved", zone: ZONE, networkOffering: PERSISTENT, cidr: "10.1.7.0/24" };
      const net = await createFrom(fx.provider, base);
      assert.strictEqual(net.outs.state, "Implemented", "a persistent offering implements at creation");

      const news = { ...base, guestVmCidr: "10.1.7.0/25" };
      const updated = await updateTo(fx.provider, net, news);
      assert.strictEqual(updated.outs.cidr, "10.1.7.0/24", "cidr stays the network's whole CIDR");
      assert.strictEqual(updated.outs.guestVmCidr, "10.1.7.0/25");
      assert.strictEqual(updated.outs.networkCidr, "10.1.7.0/24");
      assert.strictEqual(typeof updated.outs.reservedIpRange, "string");
      const [listed] = await fx.client.list<Record<string, unknown>>("listNetworks", { id: net.id });
      assert.strictEqual(listed.cidr, "10.1.7.0/25");
      assert.strictEqual(listed.networkcidr, "10.1.7.0/24");

      assert.deepStrictEqual((await plan(fx.provider, updated, news)).diff, { changes: false, replaces: [], deleteBeforeReplace: false });

      // After a refresh too: read rebuilds the same inputs from cidr / networkcidr.
      const refreshed = await fx.provider.read(net.id, updated.outs);
      assert.strictEqual(refreshed.props.cidr, "10.1.7.0/24");
      assert.strictEqual(refreshed.props.guestVmCidr, "10.1.7.0/25");
      const again = { id: net.id, outs: refreshed.props };
      assert.strictEqual((await plan(fx.provider, again, news)).diff.changes, false);
    });

    it("creates with a reservation in one apply", async () => {
      const news = { name: "reserved-at-once", zone: ZONE, networkOffering: PERSISTENT, cidr: "10.1.8.0/24", guestVmCidr: "10.1.8.0/26" };
      const net = await createFrom(fx.provider, news);
      assert.strictEqual(net.outs.guestVmCidr, "10.1.8.0/26");
      assert.strictEqual(net.outs.networkCidr, "10.1.8.0/24");
      assert.strictEqual((await plan(fx.provider, net, news)).diff.changes, false);
    });

    it("reserves on a new, Allocated network (NetworkServiceImpl.updateGuestNetwork allows Implemented or Allocated)", async () => {
      const news = isolated("reserve-allocated", { cidr: "10.1.10.0/24", guestVmCidr: "10.1.10.0/25" });
      const net = await createFrom(fx.provider, news);
      assert.strictEqual(net.outs.guestVmCidr, "10.1.10.0/25");
      assert.strictEqual(fx.sim.model.findNetwork(net.id)?.state, "Allocated");
    });

    it("records a network whose reservation failed after creation, so the next run updates it", async () => {
      // The network exists; CloudStack then refuses the reservation (Setup is not a state that
      // takes one), so the create fails after the object was made.
      const news = isolated("reserve-refused", { cidr: "10.1.9.0/24", guestVmCidr: "10.1.9.0/25" });
      const checked = await fx.provider.check({}, news);
      let failed: Applied | undefined;
      const original = fx.sim.model.networks.create.bind(fx.sim.model.networks);
      fx.sim.model.networks.create = (...args: Parameters<typeof original>) => {
        const made = original(...args);
        made.state = "Setup";
        return made;
      };
      const restore = () => {
        fx.sim.model.networks.create = original;
      };
      await assert.rejects(fx.provider.create(checked.inputs).finally(restore), (err: Error & { id?: string; properties?: Record<string, unknown>; reasons?: string[] }) => {
        assert.ok(err.id, "the error carries the id of the created network");
        assert.ok(fx.sim.model.findNetwork(err.id));
        assert.strictEqual(err.properties?.guestVmCidr, "10.1.9.0/24", "outputs describe the network as it is");
        assert.strictEqual(err.properties?.__provider, undefined, "no shim text in a direct call");
        assert.match(err.reasons?.[0] ?? "", /Implemented or Allocated state. IP Reservation cannot be applied in Setup state/);
        failed = { id: err.id, outs: err.properties! };
        return true;
      });
      // The engine records it from these outputs; the next preview plans an update, not a create.
      const { diff } = await plan(fx.provider, failed!, news);
      assert.deepStrictEqual(diff, { changes: true, replaces: [], deleteBeforeReplace: false });
    });
  });

  describe("read and delete", () => {
    it("reports a network deleted out of band as gone", async () => {
      const net = await createFrom(fx.provider, isolated("oob"));
      await fx.client.execute("deleteNetwork", { id: net.id });
      const read = await fx.provider.read(net.id, net.outs);
      assert.deepStrictEqual(read, { id: "", props: {} });
    });

    it("reads a live network back with refreshed inputs", async () => {
      const net = await createFrom(fx.provider, isolated("refresh-me", { dns1: "10.0.0.1" }));
      await fx.client.execute("updateNetwork", { id: net.id, dns1: "10.0.0.99" });
      const read = await fx.provider.read(net.id, net.outs);
      assert.strictEqual(read.id, net.id);
      assert.strictEqual(read.props.dns1, "10.0.0.99");
      assert.strictEqual(read.inputs?.dns1, "10.0.0.99");
      assert.strictEqual(read.inputs?.zone, ZONE, "a reference keeps the user's form while its id is unchanged");
      assertPlainJson(read.props);
      // The drift shows on the next preview.
      const { diff } = await plan(fx.provider, { id: net.id, outs: read.props }, isolated("refresh-me", { dns1: "10.0.0.1" }));
      assert.deepStrictEqual(diff, { changes: true, replaces: [], deleteBeforeReplace: false });
    });

    it("deletes twice without error", async () => {
      const net = await createFrom(fx.provider, isolated("twice"));
      await fx.provider.delete(net.id, net.outs);
      assert.strictEqual(fx.sim.model.findNetwork(net.id), undefined);
      await fx.provider.delete(net.id, net.outs);
    });

    it("keeps a project-owned network on read by passing its project", async () => {
      const user = await providerFor(fx.sim, "user");
      try {
        const projectId = simProjectId(fx.sim);
        const net: Applied = await createFrom(user.provider, isolated("in-project", { projectId }));
        assert.strictEqual(net.outs.projectId, projectId);
        assert.strictEqual(net.outs.project, "simproject");

        const read = await user.provider.read(net.id, net.outs);
        assert.strictEqual(read.id, net.id);
        assert.strictEqual(read.inputs?.projectId, projectId);
        // Without the project scope, the same user sees nothing: the scope is what keeps it.
        assert.deepStrictEqual(await user.client.list("listNetworks", { id: net.id }), []);

        await user.provider.delete(net.id, net.outs);
        assert.strictEqual(fx.sim.model.findNetwork(net.id), undefined);
      } finally {
        await user.runtime.close();
      }
    });
  });

  describe("bad inputs", () => {
    async function failuresOf(news: Record<string, unknown>) {
      const before = await networkCount(fx.client);
      const checked = await fx.provider.check({}, news);
      assert.strictEqual(await networkCount(fx.client), before, "check creates nothing");
      return checked.failures;
    }

    it("rejects an invalid CIDR, naming the property, the value and the rule", async () => {
      const failures = await failuresOf(isolated("bad", { cidr: "10.1.1.0/33" }));
      assert.deepStrictEqual(failures, [
        { property: "cidr", reason: 'cidr: "10.1.1.0/33" is not a valid IPv4 CIDR (a.b.c.d/n with n <= 32)' },
      ]);
    });

    it("rejects a gateway outside the CIDR", async () => {
      const failures = await failuresOf(isolated("bad", { cidr: "10.1.1.0/24", gateway: "10.1.2.1" }));
      assert.deepStrictEqual(failures, [{ property: "gateway", reason: 'gateway: "10.1.2.1" is outside the network 10.1.1.0/24' }]);
    });

    it("rejects startIp without gateway and netmask", async () => {
      const failures = await failuresOf({ name: "bad", zone: ZONE, networkOffering: SHARED, startIp: "172.16.20.10", vlan: "301" });
      assert.strictEqual(failures.length, 1);
      assert.strictEqual(failures[0].property, "startIp");
      assert.match(failures[0].reason, /^startIp: "172\.16\.20\.10" needs gateway and netmask, or cidr/);
      assert.match(failures[0].reason, /gateway and netmask should be defined when startIP\/endIP are passed in/);
    });

    it("rejects an unknown zone and lists the candidates", async () => {
      const failures = await failuresOf(isolated("bad", { zone: "Nowhere" }));
      assert.strictEqual(failures.length, 1);
      assert.strictEqual(failures[0].property, "zone");
      assert.match(failures[0].reason, /^zone: "Nowhere" matches no zone by name; candidates: "Sandbox-simulator" \(id [0-9a-f-]{36}/);
    });

    it("rejects a zone uuid that does not exist", async () => {
      const failures = await failuresOf(isolated("bad", { zone: "6f1c2f7e-1111-4222-8333-944455556666" }));
      assert.strictEqual(failures[0].property, "zone");
      assert.match(failures[0].reason, /matches no zone by id; candidates: "Sandbox-simulator"/);
    });

    it("rejects an unknown offering and an ambiguous one, listing the candidates", async () => {
      const unknown = await failuresOf(isolated("bad", { networkOffering: "NoSuchOffering" }));
      assert.strictEqual(unknown[0].property, "networkOffering");
      assert.match(unknown[0].reason, /matches no network offering by name; candidates: .*"DefaultL2NetworkOffering"/);

      const offerings = fx.sim.model.state.networkOfferings;
      const original = offerings.find((o) => o.name === ISOLATED)!;
      const twin = { ...original, uuid: "3c9d8e7f-6a5b-4c3d-8e2f-1a0b9c8d7e6f", id: 9200, state: "Disabled" as const };
      offerings.push(twin);
      // A name this process resolved stays resolved for its caller: a twin made behind its back
      // shows to a caller that has not looked the name up yet (as to the next run's process).
      const fresh = await providerFor(fx.sim, "user");
      try {
        const ambiguous = (await fresh.provider.check({}, isolated("bad"))).failures;
        assert.strictEqual(ambiguous.length, 1);
        assert.strictEqual(ambiguous[0].property, "networkOffering");
        assert.match(ambiguous[0].reason, new RegExp(`^networkOffering: "${ISOLATED}" matches 2 network offerings; write the id of the one you mean:`));
        assert.ok(ambiguous[0].reason.includes(`id ${original.uuid}, state Enabled`));
        assert.ok(ambiguous[0].reason.includes(`id ${twin.uuid}, state Disabled`));
      } finally {
        offerings.splice(offerings.indexOf(twin), 1);
        await fresh.runtime.close();
      }
    });

    it("refuses to create from invalid inputs without calling CloudStack", async () => {
      const before = fx.client.stats.requests;
      await assert.rejects(
        fx.provider.create({ ...isolated("bad", { cidr: "10.1.1.0/24", gateway: "10.9.9.9" }), zoneId: "x", networkOfferingId: "y" }),
        /invalid Network inputs:\n {2}- gateway: "10\.9\.9\.9" is outside the network 10\.1\.1\.0\/24/,
      );
      assert.strictEqual(fx.client.stats.requests, before);
    });

    it("lets CloudStack's own refusals through with code, command and text", async () => {
      // vlan on an offering without specifyvlan: only CloudStack knows the offering's flags.
      const checked = await fx.provider.check({}, isolated("bad", { vlan: "150" }));
      assert.deepStrictEqual(checked.failures, []);
      await assert.rejects(fx.provider.create(checked.inputs), (err: unknown) => {
        assert.ok(err instanceof CloudStackApiError);
        assert.strictEqual(err.command, "createNetwork");
        assert.strictEqual(err.errorcode, 431);
        return true;
      });
    });

    it("does not validate unknown values during preview, and diffs them as changes", async () => {
      const preview = await fx.provider.check({}, {
        name: UNKNOWN,
        zone: UNKNOWN,
        networkOffering: ISOLATED,
        cidr: UNKNOWN,
        startIp: "10.1.1.10",
        tags: { env: UNKNOWN },
      });
      assert.deepStrictEqual(preview.failures, []);
      assert.strictEqual(preview.inputs.zoneId, UNKNOWN);
      assert.strictEqual(preview.inputs.cidr, UNKNOWN);
      assert.strictEqual(typeof preview.inputs.networkOfferingId, "string");

      const net = await createFrom(fx.provider, isolated("previewed"));
      const diffOf = async (news: Record<string, unknown>) =>
        fx.provider.diff(net.id, net.outs, (await fx.provider.check(net.outs, news)).inputs);
      assert.deepStrictEqual(await diffOf(isolated(UNKNOWN)), { changes: true, replaces: [], deleteBeforeReplace: false });
      assert.deepStrictEqual(await diffOf(isolated("previewed", { cidr: UNKNOWN })), { changes: true, replaces: ["cidr"], deleteBeforeReplace: false });
      assert.deepStrictEqual(await diffOf(isolated("previewed", { zone: UNKNOWN })), { changes: true, replaces: ["zone"], deleteBeforeReplace: false });
      assert.deepStrictEqual(await diffOf(isolated("previewed", { tags: { a: UNKNOWN } })), { changes: true, replaces: [], deleteBeforeReplace: false });
    });
  });
});
