import * as assert from "assert";
import { startedForSuite } from "../../support/fixture-hooks";
import { waitJob } from "./api-instances-fixture";
import { startRulesFixture, type RulesFixture } from "./api-rules-fixture";
import { assertError, assertJobError, type Fixture, type Obj } from "./api-fixture";
import { vpcKit, type VpcKit } from "./api-vpc-fixture";

describe("simulator api: public IPs of VPC tiers and of account-dedicated ranges", function () {
  this.timeout(30_000);
  let r: RulesFixture;
  let f: Fixture;
  let kit: VpcKit;

  startedForSuite(startRulesFixture, async (started) => {
    r = started;
    f = r.f;
    kit = await vpcKit(f);
  });

  const ipById = async (id: unknown): Promise<Obj> =>
    (await f.list(f.admin, "listPublicIpAddresses", { id: String(id), allocatedonly: "false" }))[0];

  describe("associateIpAddress with the networkid of a VPC tier", () => {
    it("allocates in the synchronous step, then the job fails with 431 and the IP goes back to Free", async () => {
      const vpc = await kit.vpc(f.user);
      const tier = await kit.tier(f.user, String(vpc.id), "10.0.1.1");
      const started = await f.call(f.user, "associateIpAddress", { networkid: String(tier.id) });
      assert.strictEqual(started.status, 200, JSON.stringify(started.body));
      assert.strictEqual(typeof started.body.id, "string");
      const job = await waitJob(f, String(started.body.jobid));
      assertJobError(
        job,
        431,
        "Can't assign ip to the network directly when network belongs to VPC.Specify vpcId to associate ip address to VPC",
      );
      const ip = await ipById(started.body.id);
      assert.deepStrictEqual([ip.state, ip.account, ip.associatednetworkid, ip.vpcid], ["Free", undefined, undefined, undefined]);
      assert.deepStrictEqual(await f.list(f.user, "listPublicIpAddresses", { associatednetworkid: String(tier.id) }), []);
    });

    it("still associates an IP with the VPC through vpcid", async () => {
      const vpc = await kit.vpc(f.user);
      await kit.tier(f.user, String(vpc.id), "10.0.2.1");
      const ip = await r.created("associateIpAddress", { vpcid: String(vpc.id) }, "ipaddress");
      assert.deepStrictEqual([ip.state, ip.vpcid, ip.associatednetworkid], ["Allocated", vpc.id, undefined]);
    });
  });

  describe("account-dedicated public ranges whose IPs carry rules", () => {
    let subnet = 0;
    /** A range of `count` addresses dedicated to the user account at creation. */
    async function dedicatedRange(count: number): Promise<Obj> {
      subnet += 1;
      const res = await f.call(f.admin, "createVlanIpRange", {
        zoneid: r.c.zoneid,
        gateway: `172.31.${subnet}.1`,
        netmask: "255.255.255.0",
        startip: `172.31.${subnet}.10`,
        endip: `172.31.${subnet}.${9 + count}`,
        account: "user",
        domainid: r.c.rootDomainId,
      });
      assert.strictEqual(res.status, 200, JSON.stringify(res.body));
      return res.body.vlan as Obj;
    }

    it("refuses deleteVlanIpRange while an IP of the range has a firewall rule; deletes it once the rule is gone", async () => {
      // The deploy gives the network its source NAT IP from the system pool, before the range exists.
      const { net } = await r.networkWithVms("fw-dedicated", 1);
      const range = await dedicatedRange(1);
      const ip = await r.ip(net);
      assert.strictEqual(ip.ipaddress, `172.31.${subnet}.10`);
      const fw = await r.created("createFirewallRule", { ipaddressid: String(ip.id), protocol: "tcp", startport: "22", endport: "22" }, "firewallrule");
      assertError(
        await f.call(f.admin, "deleteVlanIpRange", { id: String(range.id) }),
        431,
        4350,
        `Can't delete account specific vlan ${String(range.id)} as ip ${String(ip.ipaddress)} belonging to the range has firewall rules applied. Cleanup the rules first`,
      );
      assert.strictEqual((await ipById(ip.id)).state, "Allocated");
      assert.strictEqual((await f.list(f.admin, "listVlanIpRanges", { id: String(range.id) })).length, 1);

      await r.ok("deleteFirewallRule", { id: String(fw.id) });
      assert.deepStrictEqual(await f.call(f.admin, "deleteVlanIpRange", { id: String(range.id) }), { status: 200, body: { success: true } });
      assert.deepStrictEqual(await f.list(f.admin, "listVlanIpRanges", { id: String(range.id) }), []);
      assert.deepStrictEqual(await f.list(f.user, "listPublicIpAddresses", { ipaddress: String(ip.ipaddress) }), []);
    });

    it("counts port forwarding rules as rules of the IP too", async () => {
      const { net, vms } = await r.networkWithVms("pf-dedicated", 1);
      const range = await dedicatedRange(1);
      const ip = await r.ip(net);
      await r.created(
        "createPortForwardingRule",
        { ipaddressid: String(ip.id), protocol: "tcp", publicport: "8080", privateport: "80", virtualmachineid: String(vms[0].id), openfirewall: "false" },
        "portforwardingrule",
      );
      assertError(
        await f.call(f.admin, "deleteVlanIpRange", { id: String(range.id) }),
        431,
        4350,
        `Can't delete account specific vlan ${String(range.id)} as ip ${String(ip.ipaddress)} belonging to the range has firewall rules applied. Cleanup the rules first`,
      );
    });

    it("releasePublicIpRange keeps an IP with rules allocated and frees the others", async () => {
      const { net } = await r.networkWithVms("release-dedicated", 1);
      const range = await dedicatedRange(2);
      const withRule = await r.ip(net);
      const plain = await r.ip(net);
      await r.created("createFirewallRule", { ipaddressid: String(withRule.id), protocol: "tcp", startport: "443", endport: "443" }, "firewallrule");
      assert.deepStrictEqual(await f.call(f.admin, "releasePublicIpRange", { id: String(range.id) }), { status: 200, body: { success: true } });
      const kept = await ipById(withRule.id);
      const freed = await ipById(plain.id);
      assert.deepStrictEqual([kept.state, kept.account, kept.associatednetworkid], ["Allocated", "user", net.id]);
      assert.deepStrictEqual([freed.state, freed.account], ["Free", undefined]);
      // No longer dedicated, the range is refused like any range with an IP in use.
      assertError(await f.call(f.admin, "deleteVlanIpRange", { id: String(range.id) }), 431, 4350, "1  Ips are in use. Cannot delete this vlan");
    });
  });
});
