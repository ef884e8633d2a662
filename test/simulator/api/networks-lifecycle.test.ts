import * as assert from "assert";
import { startedForSuite } from "../../support/fixture-hooks";
import { startWithCatalog } from "./api-instances-fixture";
import { assertError, assertJobError, jobObject, uuidNotFoundText, type Fixture, type Obj } from "./api-fixture";

describe("simulator api: network update, IP reservation, restart, delete", function () {
  this.timeout(20_000);
  let f: Fixture;
  let zoneid: string;
  let offerings: Record<string, string>;

  startedForSuite(startWithCatalog, (started) => ({ f, c: { zoneid, networkOfferings: offerings } } = started));

  async function network(creds: Fixture["admin"], offering: string, extra: Record<string, string> = {}): Promise<Obj> {
    const r = await f.call(creds, "createNetwork", { zoneid, name: "net", networkofferingid: offerings[offering], ...extra });
    assert.strictEqual(r.status, 200, JSON.stringify(r.body));
    return r.body.network as Obj;
  }
  const persistent = (creds: Fixture["admin"] = f.user) => network(creds, "DefaultIsolatedNetworkOfferingWithSourceNatServicePersistent");

  describe("updateNetwork", () => {
    it("changes name, displaytext, networkdomain and DNS in place, in a job on the network", async () => {
      const n = await network(f.user, "DefaultIsolatedNetworkOfferingWithSourceNatService");
      const job = await f.job(f.user, "updateNetwork", {
        id: String(n.id),
        name: "renamed",
        displaytext: "new text",
        networkdomain: "corp.example",
        dns1: "1.1.1.1",
        dns2: "1.0.0.1",
      });
      assert.strictEqual(job.jobinstancetype, "Network");
      assert.strictEqual(job.jobinstanceid, n.id);
      const updated = jobObject(job, "network");
      assert.strictEqual(updated.name, "renamed");
      assert.strictEqual(updated.displaytext, "new text");
      assert.strictEqual(updated.networkdomain, "corp.example");
      assert.strictEqual(updated.dns1, "1.1.1.1");
      assert.strictEqual(updated.dns2, "1.0.0.1");
      const listed = (await f.list(f.user, "listNetworks", { id: String(n.id) }))[0];
      assert.strictEqual(listed.name, "renamed");
    });

    it("changes the offering of an isolated network; a persistent one implements it", async () => {
      const n = await network(f.user, "DefaultIsolatedNetworkOfferingWithSourceNatService");
      const updated = jobObject(
        await f.job(f.user, "updateNetwork", { id: String(n.id), networkofferingid: offerings.DefaultIsolatedNetworkOfferingWithSourceNatServicePersistent }),
        "network",
      );
      assert.strictEqual(updated.networkofferingname, "DefaultIsolatedNetworkOfferingWithSourceNatServicePersistent");
      assert.strictEqual(updated.state, "Implemented");
    });

    it("offering and domain changes are for isolated networks only", async () => {
      const l2 = await network(f.user, "DefaultL2NetworkOffering");
      assertJobError(
        await f.job(f.user, "updateNetwork", { id: String(l2.id), networkdomain: "x.example" }),
        431,
        "NetworkOffering and domain suffix upgrade can be perfomed for Isolated networks only",
      );
    });

    it("a VPC offering cannot replace a non-VPC one", async () => {
      const n = await network(f.user, "DefaultIsolatedNetworkOfferingWithSourceNatService");
      assertJobError(
        await f.job(f.user, "updateNetwork", { id: String(n.id), networkofferingid: offerings.DefaultIsolatedNetworkOfferingForVpcNetworks }),
        431,
        "Can't update as the new offering is a vpc offering ",
      );
    });

    it("another account may not update the network", async () => {
      const n = await network(f.admin, "DefaultIsolatedNetworkOfferingWithSourceNatService");
      // UpdateNetworkCmd's id carries @ACL: a 531 while dispatching, no job.
      const r = await f.call(f.user, "updateNetwork", { id: String(n.id), name: "stolen" });
      assert.strictEqual(r.status, 531);
      assert.strictEqual(r.body.jobid, undefined);
    });
  });

  describe("IP reservation (guestvmcidr)", () => {
    it("needs an Implemented or Allocated network (NetworkServiceImpl.updateGuestNetwork)", async () => {
      // A fresh isolated network is Allocated: CloudStack applies the reservation to it.
      const n = await network(f.user, "DefaultIsolatedNetworkOfferingWithSourceNatService");
      assert.strictEqual(n.state, "Allocated");
      const reserved = jobObject(await f.job(f.user, "updateNetwork", { id: String(n.id), guestvmcidr: "10.1.1.0/26" }), "network");
      assert.strictEqual(reserved.cidr, "10.1.1.0/26");
      assert.strictEqual(reserved.networkcidr, "10.1.1.0/24");
      // Any other state is refused; an isolated network given a VLAN starts in Setup.
      const record = f.sim.model.state.networks.find((x) => x.uuid === String(n.id));
      assert.ok(record);
      record.state = "Setup";
      assertJobError(
        await f.job(f.user, "updateNetwork", { id: String(n.id), guestvmcidr: "10.1.1.0/25" }),
        431,
        "The network must be in Implemented or Allocated state. IP Reservation cannot be applied in Setup state",
      );
    });

    it("applies a reservation: cidr is the guest VM CIDR, networkcidr the original, reservediprange the rest", async () => {
      const n = await persistent();
      const updated = jobObject(await f.job(f.user, "updateNetwork", { id: String(n.id), guestvmcidr: "10.1.1.0/26" }), "network");
      assert.strictEqual(updated.cidr, "10.1.1.0/26");
      assert.strictEqual(updated.networkcidr, "10.1.1.0/24");
      assert.strictEqual(updated.netmask, "255.255.255.0");
      assert.strictEqual(updated.reservediprange, "10.1.1.63-10.1.1.254");

      // A second reservation is checked against the original CIDR, not the reserved one.
      const wider = jobObject(await f.job(f.user, "updateNetwork", { id: String(n.id), guestvmcidr: "10.1.1.0/25" }), "network");
      assert.strictEqual(wider.cidr, "10.1.1.0/25");
      assert.strictEqual(wider.networkcidr, "10.1.1.0/24");

      // The network CIDR itself resets the reservation.
      const reset = jobObject(await f.job(f.user, "updateNetwork", { id: String(n.id), guestvmcidr: "10.1.1.0/24" }), "network");
      assert.strictEqual(reset.cidr, "10.1.1.0/24");
      assert.strictEqual(reset.networkcidr, undefined);
      assert.strictEqual(reset.reservediprange, undefined);
    });

    it("reports both sides when the guest VM CIDR sits in the middle", async () => {
      const n = await persistent();
      const updated = jobObject(await f.job(f.user, "updateNetwork", { id: String(n.id), guestvmcidr: "10.1.1.64/26" }), "network");
      // CloudStack computes both ranges from the usable addresses (network and broadcast left out),
      // so the guest VM CIDR's own network and broadcast addresses count as reserved.
      assert.strictEqual(updated.reservediprange, "10.1.1.1-10.1.1.64 ,  10.1.1.127-10.1.1.254");
    });

    it("the guest VM CIDR must be a subset of the network CIDR and RFC1918", async () => {
      const n = await persistent();
      assertJobError(
        await f.job(f.user, "updateNetwork", { id: String(n.id), guestvmcidr: "10.1.2.0/26" }),
        431,
        "Invalid value of Guest VM CIDR. For IP Reservation, Guest VM CIDR  should be a subset of network CIDR :  10.1.1.0/24",
      );
      assertJobError(
        await f.job(f.user, "updateNetwork", { id: String(n.id), guestvmcidr: "8.8.8.0/26" }),
        431,
        "Invalid format of Guest VM CIDR. Make sure it is RFC1918 compliant. ",
      );
      assertJobError(await f.job(f.user, "updateNetwork", { id: String(n.id), guestvmcidr: "10.1.1.0" }), 431, "Invalid format of Guest VM CIDR.");
      jobObject(await f.job(f.user, "updateNetwork", { id: String(n.id), guestvmcidr: "10.1.1.0/26" }), "network");
      assertJobError(
        await f.job(f.user, "updateNetwork", { id: String(n.id), guestvmcidr: "10.1.2.0/26" }),
        431,
        "Invalid value of Guest VM CIDR. For IP Reservation, Guest VM CIDR  should be a subset of network CIDR : 10.1.1.0/24",
      );
    });

    it("is for isolated networks only, and not together with an offering change", async () => {
      const shared = await network(f.admin, "DefaultSharedNetworkOffering", {
        vlan: "610",
        gateway: "172.20.0.1",
        netmask: "255.255.255.0",
        startip: "172.20.0.10",
        endip: "172.20.0.20",
      });
      assertJobError(
        await f.job(f.admin, "updateNetwork", { id: String(shared.id), guestvmcidr: "172.20.0.0/26" }),
        431,
        "Can only allow IP Reservation in networks with guest type Isolated",
      );
      const n = await persistent();
      assertJobError(
        await f.job(f.user, "updateNetwork", {
          id: String(n.id),
          guestvmcidr: "10.1.1.0/26",
          networkofferingid: offerings.DefaultIsolatedNetworkOfferingWithSourceNatService,
        }),
        431,
        "Cannot specify this network offering change and guestVmCidr at same time. Specify only one.",
      );
    });
  });

  describe("restartNetwork", () => {
    it("restarts Implemented and Setup networks, refuses others", async () => {
      const implemented = await persistent();
      const ok = await f.job(f.user, "restartNetwork", { id: String(implemented.id) });
      assert.strictEqual(ok.jobstatus, 1);
      assert.deepStrictEqual(ok.jobresult, { success: true });
      const allocated = await network(f.user, "DefaultIsolatedNetworkOfferingWithSourceNatService");
      assertJobError(
        await f.job(f.user, "restartNetwork", { id: String(allocated.id) }),
        431,
        "Network is not in the right state to be restarted. Correct states are: Implemented, Setup",
      );
    });
  });

  describe("deleteNetwork", () => {
    it("shuts the network down, releases its VLAN and source NAT IP, and soft-deletes it", async () => {
      const n = await persistent(f.admin);
      const vlan = String((await f.list(f.admin, "listNetworks", { id: String(n.id) }))[0].vlan);
      const pnet = f.sim.model.state.physicalNetworks[0];
      assert.strictEqual(pnet.allocatedVnets[vlan], n.id);
      const ip = f.sim.model.state.publicIps.find((p) => p.associatedNetworkUuid === n.id);
      assert.ok(ip);

      const job = await f.job(f.admin, "deleteNetwork", { id: String(n.id) });
      assert.strictEqual(job.jobstatus, 1, JSON.stringify(job));
      assert.deepStrictEqual(job.jobresult, { success: true });
      assert.strictEqual(job.jobinstancetype, "Network");

      assert.strictEqual(pnet.allocatedVnets[vlan], undefined);
      assert.strictEqual(ip.state, "Free");
      assert.strictEqual(ip.isSourceNat, false);
      assert.strictEqual(ip.associatedNetworkUuid, undefined);

      // Soft delete: the id still resolves, the list is the empty envelope {}.
      const listed = await f.call(f.admin, "listNetworks", { id: String(n.id) });
      assert.strictEqual(listed.status, 200);
      assert.deepStrictEqual(listed.body, {});
    });

    it("a second delete fails in its job; updating a deleted network too", async () => {
      const n = await network(f.user, "DefaultIsolatedNetworkOfferingWithSourceNatService");
      assert.strictEqual((await f.job(f.user, "deleteNetwork", { id: String(n.id) })).jobstatus, 1);
      assertJobError(await f.job(f.user, "deleteNetwork", { id: String(n.id) }), 431, "unable to find network with specified id");
      assertJobError(await f.job(f.user, "updateNetwork", { id: String(n.id), name: "x" }), 431, "Specified network id doesn't exist in the system");
    });

    it("forced is for root admins only", async () => {
      const n = await network(f.user, "DefaultIsolatedNetworkOfferingWithSourceNatService");
      assertJobError(
        await f.job(f.user, "deleteNetwork", { id: String(n.id), forced: "true" }),
        431,
        "Delete network with 'forced' option can only be called by root admins",
      );
    });

    it("an id that never existed is 431 at once", async () => {
      const ghost = "3f0e0a52-0000-4000-8000-000000000000";
      assertError(await f.call(f.user, "deleteNetwork", { id: ghost }), 431, 4350, uuidNotFoundText("id", ghost));
      assertError(await f.call(f.user, "listNetworks", { id: ghost }), 431, 4350, uuidNotFoundText("id", ghost));
    });
  });
});
