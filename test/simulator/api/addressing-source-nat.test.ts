// Which public IP becomes a network's source NAT IP, and which networks may get one
// (IpAddressManagerImpl.isSourceNatAvailableForNetwork, associateIPToGuestNetwork).
import * as assert from "assert";
import { startedForSuite } from "../../support/fixture-hooks";
import { isolatedNetwork, type Catalog } from "./api-instances-fixture";
import { startRulesFixture, type RulesFixture } from "./api-rules-fixture";
import { assertJobError, jobObject, type Fixture, type Obj } from "./api-fixture";

describe("simulator api: source NAT IPs", function () {
  this.timeout(60_000);
  let r: RulesFixture;
  let f: Fixture;
  let c: Catalog;
  startedForSuite(startRulesFixture, (started) => {
    r = started;
    f = started.f;
    c = started.c;
  });
  const offering = (name: string): string => r.c.networkOfferings[name];
  const createNetwork = (creds: Fixture["user"], params: Record<string, string>) =>
    f.call(creds, "createNetwork", { zoneid: c.zoneid, displaytext: params.name ?? "n", ...params });

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
});
