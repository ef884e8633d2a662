// PublicIpAddress through the adapter against the simulator over real HTTP.
import * as assert from "assert";
import { UNKNOWN } from "../../provider";
import { CloudStackApiError } from "../../provider/client";
import { startedForEachTest } from "../support/fixture-hooks";
import { simProjectId } from "../support/seed-ids";
import {
  AddressingFixture,
  Applied,
  assertPlainJson,
  capturingWarnings,
  checkFailures,
  createFrom,
  ISOLATED,
  NO_CHANGE,
  PERSISTENT,
  plan,
  replace,
  startAddressing,
  updateTo,
  ZONE,
} from "../support/addressing-fixture";

type Ip = Record<string, unknown>;

describe("PublicIpAddress against the simulator", function () {
  let fx: AddressingFixture;
  let implemented: Applied;
  const provider = () => fx.admin.provider("PublicIpAddress");

  async function row(id: string): Promise<Ip | undefined> {
    return (await fx.admin.client.list<Ip>("listPublicIpAddresses", { id, allocatedonly: false }))[0];
  }

  startedForEachTest(startAddressing, async (started) => {
    fx = started;
    // A persistent offering implements the network at creation: it has its source NAT IP already.
    implemented = await createFrom(fx.admin.provider("Network"), { name: "web", zone: ZONE, networkOffering: PERSISTENT });
  });

  describe("create, then a second apply of the same inputs", () => {
    it("acquires an IP for an implemented network, with tags, and plans no change after", async () => {
      const news = { network: "web", tags: { role: "frontend" } };
      const ip = await createFrom(provider(), news);
      assert.strictEqual(ip.outs.network, "web");
      assert.strictEqual(ip.outs.networkId, implemented.id);
      assert.strictEqual(ip.outs.isSourceNat, false);
      assert.strictEqual(ip.outs.state, "Allocated");
      assert.match(String(ip.outs.ipAddress), /^192\.168\.2\.\d+$/);
      assert.strictEqual(ip.outs.zone, ZONE);
      assert.deepStrictEqual(ip.outs.tags, { role: "frontend" });
      assertPlainJson(ip.outs);

      const api = await row(ip.id);
      assert.strictEqual(api?.associatednetworkid, implemented.id);
      assert.deepStrictEqual((api?.tags as Array<{ key: string; value: string }>).map((t) => [t.key, t.value]), [["role", "frontend"]]);

      assert.deepStrictEqual((await plan(provider(), ip, news)).diff, NO_CHANGE);
      assert.deepStrictEqual((await plan(provider(), ip, { ...news, network: implemented.id })).diff, NO_CHANGE);
    });

    it("acquires a given address", async () => {
      const news = { network: "web", ipAddress: "192.168.2.150" };
      const ip = await createFrom(provider(), news);
      assert.strictEqual(ip.outs.ipAddress, "192.168.2.150");
      assert.strictEqual((await row(ip.id))?.ipaddress, "192.168.2.150");
      assert.deepStrictEqual((await plan(provider(), ip, news)).diff, NO_CHANGE);
    });

    it("acquires a portable IP from the region's pool", async () => {
      await createFrom(fx.admin.provider("PortableIpRange"), {
        regionId: 1,
        gateway: "198.51.100.1",
        netmask: "255.255.255.0",
        startIp: "198.51.100.10",
        endIp: "198.51.100.20",
      });
      const news = { network: "web", isPortable: true, regionId: 1 };
      const ip = await createFrom(provider(), news);
      assert.strictEqual(ip.outs.isPortable, true);
      assert.match(String(ip.outs.ipAddress), /^198\.51\.100\./);
      assert.deepStrictEqual((await plan(provider(), ip, news)).diff, NO_CHANGE);

      // Static NAT to an instance in another network moves the IP there: no reason to replace it.
      const other = await createFrom(fx.admin.provider("Network"), { name: "app", zone: ZONE, networkOffering: PERSISTENT });
      const [offering] = await fx.admin.client.list<Ip>("listServiceOfferings", { name: "Small Instance" });
      const [template] = await fx.admin.client.list<Ip>("listTemplates", { templatefilter: "executable", name: "CentOS 5.6 (64-bit) no GUI (Simulator)" });
      const deployed = await fx.admin.client.execute("deployVirtualMachine", {
        zoneid: String(ip.outs.zoneId),
        serviceofferingid: String(offering.id),
        templateid: String(template.id),
        networkids: [other.id],
      });
      const vmId = String((deployed.virtualmachine as Ip).id);
      await fx.admin.client.execute("enableStaticNat", { ipaddressid: ip.id, virtualmachineid: vmId, networkid: other.id });
      const moved = await provider().read(ip.id, ip.outs);
      assert.strictEqual(moved.props.associatedNetworkId, other.id);
      assert.strictEqual(moved.props.isStaticNat, true);
      assert.strictEqual(moved.inputs?.network, "web", "the network input says where the IP was acquired");
      assert.deepStrictEqual((await plan(provider(), { id: ip.id, outs: moved.props }, news)).diff, NO_CHANGE);

      // Released, a portable IP's row goes away: gone on refresh, and a second delete is fine.
      await provider().delete(ip.id, ip.outs);
      assert.deepStrictEqual(await provider().read(ip.id, ip.outs), { id: "", props: {} });
      await provider().delete(ip.id, ip.outs);
    });
  });

  describe("elastic IPs in a basic zone", () => {
    it("acquires an elastic IP by zone alone; it joins the zone's shared network and is no source NAT IP", async () => {
      const news = { zone: "Sandbox-basic" };
      const ip = await createFrom(provider(), news);
      assert.match(String(ip.outs.ipAddress), /^192\.168\.3\.\d+$/);
      assert.strictEqual(ip.outs.isSourceNat, false);
      assert.strictEqual(ip.outs.associatedNetworkName, "defaultGuestNetwork");
      assert.deepStrictEqual((await plan(provider(), ip, news)).diff, NO_CHANGE);
      await provider().delete(ip.id, ip.outs);
      assert.strictEqual((await row(ip.id))?.state, "Free");
    });
  });

  describe("the source NAT surprise", () => {
    it("reports isSourceNat for the first IP of a network without one, warns, and leaves it to the network on delete", async () => {
      const fresh = await createFrom(fx.admin.provider("Network"), { name: "not-yet", zone: ZONE, networkOffering: ISOLATED });
      let ip: Applied | undefined;
      const atCreate = await capturingWarnings(async () => {
        ip = await createFrom(provider(), { network: "not-yet" });
      });
      assert.strictEqual(ip!.outs.isSourceNat, true);
      assert.strictEqual(atCreate.length, 1);
      assert.match(atCreate[0], /^warning: public IP 192\.168\.2\.\d+ .* became the source NAT IP of network not-yet/);

      const atDelete = await capturingWarnings(() => provider().delete(ip!.id, ip!.outs));
      assert.strictEqual(atDelete.length, 1);
      assert.match(atDelete[0], /is the source NAT IP of network not-yet: .* stays with the network/);
      const api = await row(ip!.id);
      assert.strictEqual(api?.state, "Allocated", "CloudStack still holds it for the network");
      assert.strictEqual(api?.issourcenat, true);

      // It goes with the network.
      await fx.admin.provider("Network").delete(fresh.id, fresh.outs);
      assert.notStrictEqual((await row(ip!.id))?.state, "Allocated");
    });

    it("does not warn for a second IP of the network", async () => {
      const warnings = await capturingWarnings(async () => {
        await createFrom(provider(), { network: "web" });
      });
      assert.deepStrictEqual(warnings, []);
    });
  });

  describe("update and replace", () => {
    it("updates forDisplay and tags in place", async () => {
      const ip = await createFrom(provider(), { network: "web", tags: { a: "1", b: "2" } });
      const news = { network: "web", forDisplay: false, tags: { a: "1", c: "3" } };
      const updated = await updateTo(provider(), ip, news);
      assert.strictEqual(updated.outs.forDisplay, false);
      assert.deepStrictEqual(updated.outs.tags, { a: "1", c: "3" });
      const api = await row(ip.id);
      assert.strictEqual(api?.fordisplay, false);
      const tags = Object.fromEntries((api?.tags as Array<{ key: string; value: string }>).map((t) => [t.key, t.value]));
      assert.deepStrictEqual(tags, { a: "1", c: "3" });
      assert.deepStrictEqual((await plan(provider(), updated, news)).diff, NO_CHANGE);
    });

    it("replaces on a new address; deleting first only when the address stays the same", async () => {
      const ip = await createFrom(provider(), { network: "web", ipAddress: "192.168.2.150" });
      const moved = await plan(provider(), ip, { network: "web", ipAddress: "192.168.2.151" });
      assert.deepStrictEqual(moved.diff, { changes: true, replaces: ["ipAddress"], deleteBeforeReplace: false });
      const unknown = await plan(provider(), ip, { network: "web", ipAddress: UNKNOWN });
      assert.deepStrictEqual(unknown.diff, { changes: true, replaces: ["ipAddress"], deleteBeforeReplace: true });

      const replacement = await replace(provider(), ip, moved.checked);
      assert.strictEqual((await row(replacement.id))?.ipaddress, "192.168.2.151");
      assert.strictEqual((await row(ip.id))?.state, "Free");
    });

    it("replaces on a network change", async () => {
      const ip = await createFrom(provider(), { network: "web" });
      await createFrom(fx.admin.provider("Network"), { name: "other", zone: ZONE, networkOffering: PERSISTENT });
      const { diff } = await plan(provider(), ip, { network: "other" });
      assert.deepStrictEqual(diff, { changes: true, replaces: ["network"], deleteBeforeReplace: false });
    });
  });

  describe("read and delete", () => {
    it("refreshes drift: forDisplay changed out of band shows on read, and the next preview restores it", async () => {
      const news = { network: "web" };
      const ip = await createFrom(provider(), news);
      await fx.admin.client.execute("updateIpAddress", { id: ip.id, fordisplay: false });
      const read = await provider().read(ip.id, ip.outs);
      assert.strictEqual(read.props.forDisplay, false);
      assert.strictEqual(read.inputs?.forDisplay, false);
      assert.strictEqual(read.inputs?.network, "web");
      assertPlainJson(read.props);
      const { diff } = await plan(provider(), { id: ip.id, outs: read.props }, { ...news, forDisplay: true });
      assert.deepStrictEqual(diff, { changes: true, replaces: [], deleteBeforeReplace: false });
    });

    it("reports an IP released out of band as gone, and one released and acquired again as gone too", async () => {
      const ip = await createFrom(provider(), { network: "web", ipAddress: "192.168.2.160" });
      await fx.admin.client.execute("disassociateIpAddress", { id: ip.id });
      assert.deepStrictEqual(await provider().read(ip.id, ip.outs), { id: "", props: {} });

      // Reacquiring the same address brings back the same row, but it is another allocation.
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await fx.admin.client.execute("associateIpAddress", { networkid: implemented.id, ipaddress: "192.168.2.160" });
      assert.strictEqual((await row(ip.id))?.state, "Allocated");
      assert.deepStrictEqual(await provider().read(ip.id, ip.outs), { id: "", props: {} });
    });

    it("releases on delete, twice without error", async () => {
      const ip = await createFrom(provider(), { network: "web" });
      await provider().delete(ip.id, ip.outs);
      assert.strictEqual((await row(ip.id))?.state, "Free");
      await provider().delete(ip.id, ip.outs);
    });

    it("keeps a project's IP on read by passing its project", async () => {
      const user = await fx.user();
      const projectId = simProjectId(fx.sim);
      const net = await createFrom(user.provider("Network"), { name: "in-project", zone: ZONE, networkOffering: PERSISTENT, projectId });
      // Named through the zone: network references are looked up outside projects. The project's
      // one isolated network in the zone takes the IP.
      const ip = await createFrom(user.provider("PublicIpAddress"), { zone: ZONE, projectId });
      assert.strictEqual(ip.outs.networkId, net.id);
      assert.strictEqual(ip.outs.projectId, projectId);
      assert.strictEqual(ip.outs.project, "simproject");
      const read = await user.provider("PublicIpAddress").read(ip.id, ip.outs);
      assert.strictEqual(read.id, ip.id);
      assert.strictEqual(read.inputs?.projectId, projectId);
      assert.deepStrictEqual(await user.client.list("listPublicIpAddresses", { id: ip.id }), [], "without the project scope the user sees nothing");
      await user.provider("PublicIpAddress").delete(ip.id, ip.outs);
      assert.strictEqual((await row(ip.id))?.state, "Free");
    });

    it("reads from the id alone, as get() does, and adopts with importId", async () => {
      const made = await fx.admin.client.execute("associateIpAddress", { networkid: implemented.id, ipaddress: "192.168.2.170" });
      const id = String((made.ipaddress as Ip).id);
      const read = await provider().read(id, {});
      assert.strictEqual(read.inputs?.ipAddress, "192.168.2.170");
      assert.strictEqual(read.inputs?.network, "web");

      const news = { network: "web", ipAddress: "192.168.2.170", tags: { adopted: "yes" } };
      const adopted = await provider().create((await provider().check({}, { ...news, importId: id })).inputs);
      assert.strictEqual(adopted.id, id);
      assert.deepStrictEqual(adopted.outs.tags, { adopted: "yes" }, "in-place inputs are applied on adoption");
      assert.deepStrictEqual((await plan(provider(), { id, outs: adopted.outs }, news)).diff, NO_CHANGE);

      const differs = (await provider().check({}, { network: "web", ipAddress: "192.168.2.171", importId: id })).inputs;
      await assert.rejects(provider().create(differs), /cannot adopt PublicIpAddress .*ipAddress is "192\.168\.2\.170" there but "192\.168\.2\.171"/);
    });
  });

  describe("bad inputs", () => {
    it("needs a zone, network or vpc; regionId only with isPortable; valid fields", async () => {
      const failures = await checkFailures(fx.sim, provider(), { regionId: 1, ipAddress: "192.168.2.300", account: "user" });
      assert.deepStrictEqual(failures.map((f) => f.property).sort(), ["account", "ipAddress", "regionId", "zone"]);
      const zone = failures.find((f) => f.property === "zone")!;
      assert.strictEqual(zone.reason, "zone is required unless network or vpc is given (CloudStack needs one of zoneid, networkid or vpcid)");
    });

    it("refuses an unknown network, listing the candidates", async () => {
      const failures = await checkFailures(fx.sim, provider(), { network: "nope" });
      assert.match(failures[0].reason, /^network: "nope" matches no network by name; candidates: .*"web" \(id [0-9a-f-]{36}, state Implemented\)/);
    });

    it("lets CloudStack's refusal through when no IP is free, and leaves nothing allocated", async () => {
      const before = fx.sim.model.state.publicIps.filter((ip) => ip.state !== "Free").length;
      const taken = (await provider().check({}, { network: "web", ipAddress: String(fx.sim.model.state.publicIps.find((ip) => ip.isSourceNat)!.address) })).inputs;
      await assert.rejects(provider().create(taken), (err: unknown) => {
        assert.ok(err instanceof CloudStackApiError);
        assert.strictEqual(err.errorcode, 533);
        return true;
      });
      assert.strictEqual(fx.sim.model.state.publicIps.filter((ip) => ip.state !== "Free").length, before);
    });
  });
});
