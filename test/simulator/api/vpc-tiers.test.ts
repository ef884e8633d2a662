import * as assert from "assert";
import { startedForSuite } from "../../support/fixture-hooks";
import { newUuid } from "../../../simulator/model/ids";
import type { NetworkOfferingRecord } from "../../../simulator/model/records";
import { assertError, jobObject, startFixture, uuidNotFoundText, type Fixture, type Obj } from "./api-fixture";
import { TIER_OFFERING, TIER_OFFERING_NO_LB, vpcKit, type VpcKit } from "./api-vpc-fixture";

describe("simulator api: VPC tiers (createNetwork with vpcid)", function () {
  this.timeout(30_000);
  let f: Fixture;
  let k: VpcKit;
  let tierOffering: string;

  startedForSuite(startFixture, async (started) => {
    f = started;
    k = await vpcKit(f);
    tierOffering = await f.offeringId(TIER_OFFERING);
  });

  const tierCall = (creds: Fixture["admin"], vpcid: string, params: Record<string, string>) =>
    f.call(creds, "createNetwork", { zoneid: k.zoneid, vpcid, name: "t", networkofferingid: tierOffering, netmask: "255.255.255.0", ...params });

  /** An extra offering in the model, as createNetworkOffering would add one (the simulator does not implement it). */
  const addOffering = (base: string, change: (o: NetworkOfferingRecord) => void): string => {
    const source = f.sim.model.state.networkOfferings.find((o) => o.name === base) as NetworkOfferingRecord;
    const copy: NetworkOfferingRecord = structuredClone(source);
    copy.uuid = newUuid();
    copy.id = 1000 + f.sim.model.state.networkOfferings.length;
    copy.name = `${base}-copy-${copy.id}`;
    copy.isDefault = false;
    change(copy);
    f.sim.model.state.networkOfferings.push(copy);
    return copy.uuid;
  };

  it("creates a tier inside the VPC: the VPC's network domain, its id and name, no ACL until one is given", async () => {
    const vpc = await k.vpc(f.user, { networkdomain: "shop.internal", dns1: "10.0.0.53" });
    const id = String(vpc.id);
    const web = await k.tier(f.user, id, "10.0.1.1", { name: "web" });
    assert.strictEqual(web.vpcid, id);
    assert.strictEqual(web.vpcname, vpc.name);
    assert.strictEqual(web.cidr, "10.0.1.0/24");
    assert.strictEqual(web.networkdomain, "shop.internal");
    assert.strictEqual(web.dns1, "10.0.0.53", "a tier without its own DNS uses the VPC's");
    assert.strictEqual(web.state, "Allocated");
    assert.strictEqual(web.aclid, undefined);
    assert.strictEqual(web.networkofferingname, TIER_OFFERING);
    assert.ok((web.service as Obj[]).some((s) => s.name === "NetworkACL"));
    const allow = await k.defaultAcl("default_allow");
    const app = await k.tier(f.user, id, "10.0.2.1", { name: "app", aclid: allow });
    assert.strictEqual(app.aclid, allow);
    assert.strictEqual(app.aclname, "default_allow");
    const [listed] = await f.list(f.user, "listVPCs", { id });
    assert.deepStrictEqual((listed.network as Obj[]).map((n) => n.name).sort(), ["app", "web"]);
    assert.deepStrictEqual((await f.list(f.user, "listNetworks", { vpcid: id })).map((n) => n.name).sort(), ["app", "web"]);
    assert.ok((await f.list(f.user, "listNetworks", { forvpc: "false" })).every((n) => n.vpcid === undefined));
    assert.strictEqual(f.sim.model.vpcs.sourceNatIp(id)?.associatedNetworkUuid, undefined, "tiers share the VPC's source NAT IP");
  });

  it("needs gateway and netmask, inside the super CIDR, overlapping no other tier either way", async () => {
    // A root admin, whom network.guest.cidr.limit does not restrict to /22 or smaller.
    const vpc = await k.vpc(f.admin);
    const id = String(vpc.id);
    assertError(
      await f.call(f.admin, "createNetwork", { zoneid: k.zoneid, vpcid: id, name: "t", networkofferingid: tierOffering }),
      431,
      4350,
      "Gateway/netmask are required when create network for VPC",
    );
    assertError(await tierCall(f.admin, id, { gateway: "10.2.0.1" }), 431, 4350, `Network cidr 10.2.0.0/24 is not within vpc ${k.vpcText(id)} cidr`);
    const big = await k.tier(f.admin, id, "10.0.8.1", { netmask: "255.255.252.0" });
    assertError(
      await tierCall(f.admin, id, { gateway: "10.0.9.1" }),
      431,
      4350,
      `Network cidr 10.0.9.0/24 crosses other network cidr ${k.networkText(String(big.id))} belonging to the same vpc ${k.vpcText(id)}`,
    );
    assertError(
      await tierCall(f.admin, id, { gateway: "10.0.0.1", netmask: "255.255.0.0" }),
      431,
      4350,
      `Network cidr 10.0.0.0/16 crosses other network cidr ${k.networkText(String(big.id))} belonging to the same vpc ${k.vpcText(id)}`,
    );
    assertError(
      await tierCall(f.admin, id, { gateway: "10.0.20.1", networkdomain: "other.internal" }),
      431,
      4350,
      `Network domain of the new network should match network domain of vpc ${k.vpcText(id)}`,
    );
  });

  it("refuses a fourth tier with vpc.max.networks (3), and follows the setting at the owner's account scope", async () => {
    const vpc = await k.vpc(f.user);
    const id = String(vpc.id);
    for (const g of ["10.0.1.1", "10.0.2.1", "10.0.3.1"]) await k.tier(f.user, id, g);
    assertError(await tierCall(f.user, id, { gateway: "10.0.4.1" }), 530, 4250, "Number of networks per VPC cannot surpass [3].");
    // The limit is checked before the CIDR rules, as VpcManagerImpl does.
    assertError(await tierCall(f.user, id, { gateway: "10.9.4.1" }), 530, 4250, "Number of networks per VPC cannot surpass [3].");
    const [user] = await f.list(f.admin, "listAccounts", { name: "user" });
    const set = await f.call(f.admin, "updateConfiguration", { name: "vpc.max.networks", value: "4", accountid: String(user.id) });
    assert.strictEqual(set.status, 200, JSON.stringify(set.body));
    await k.tier(f.user, id, "10.0.4.1");
    assertError(await tierCall(f.user, id, { gateway: "10.0.5.1" }), 530, 4250, "Number of networks per VPC cannot surpass [4].");
    await f.call(f.admin, "updateConfiguration", { name: "vpc.max.networks", value: "3", accountid: String(user.id) });
  });

  it("needs a VPC offering in a VPC, and an Isolated one with SourceNat", async () => {
    const vpc = await k.vpc(f.user);
    const id = String(vpc.id);
    const iso = await f.offeringId("DefaultIsolatedNetworkOfferingWithSourceNatService");
    assertError(await tierCall(f.user, id, { gateway: "10.0.1.1", networkofferingid: iso }), 431, 4350, "Network offering can't be used for VPC networks");
    const noSourceNat = addOffering(TIER_OFFERING_NO_LB, (o) => {
      o.services = o.services.filter((s) => s.name !== "SourceNat" && s.name !== "Gateway");
    });
    assertError(
      await tierCall(f.user, id, { gateway: "10.0.1.1", networkofferingid: noSourceNat }),
      431,
      4350,
      "Only network offerings of type Isolated with service SourceNat are valid for vpc ",
    );
  });

  it("allows public LB on many tiers through one offering, refuses it through a different one", async () => {
    const vpc = await k.vpc(f.user);
    const id = String(vpc.id);
    const first = await k.tier(f.user, id, "10.0.1.1");
    await k.tier(f.user, id, "10.0.2.1");
    await k.tier(f.user, id, "10.0.3.1", { networkofferingid: await f.offeringId(TIER_OFFERING_NO_LB) });
    const otherLb = addOffering(TIER_OFFERING, () => undefined);
    const vpc2 = await k.vpc(f.user);
    const id2 = String(vpc2.id);
    const lbTier = await k.tier(f.user, id2, "10.0.1.1");
    assertError(
      await tierCall(f.user, id2, { gateway: "10.0.2.1", networkofferingid: otherLb }),
      431,
      4350,
      `Public LB service is already supported by network ${k.networkText(String(lbTier.id))} in VPC ${k.vpcText(id2)}`,
    );
    await k.tier(f.user, id2, "10.0.3.1", { networkofferingid: await f.offeringId(TIER_OFFERING_NO_LB) });
    assert.ok(first.id);
  });

  it("checks the tier's ACL: its own VPC's or a default one, and an offering with NetworkACL", async () => {
    const a = await k.vpc(f.user);
    const b = await k.vpc(f.user);
    const listOfB = await f.job(f.user, "createNetworkACLList", { name: "b-acl", vpcid: String(b.id) });
    const bAcl = String(jobObject(listOfB, "networkacllist").id);
    assertError(
      await tierCall(f.user, String(a.id), { gateway: "10.0.1.1", aclid: bAcl }),
      431,
      4350,
      `ACL [${bAcl}] does not belong to the VPC [${k.vpcInternalId(String(b.id))}].`,
    );
    const inB = await k.tier(f.user, String(b.id), "10.0.1.1", { aclid: bAcl });
    assert.strictEqual(inB.aclid, bAcl);
    const noAcl = addOffering(TIER_OFFERING_NO_LB, (o) => {
      o.services = o.services.filter((s) => s.name !== "NetworkACL");
    });
    assertError(
      await tierCall(f.user, String(a.id), { gateway: "10.0.2.1", networkofferingid: noAcl, aclid: await k.defaultAcl("default_deny") }),
      431,
      4350,
      "Cannot apply NetworkACL. Network Offering does not support NetworkACL service",
    );
    const ghost = "8d7f3a52-0000-4000-8000-000000000003";
    assertError(await tierCall(f.user, String(a.id), { gateway: "10.0.3.1", aclid: ghost }), 431, 4350, uuidNotFoundText("aclid", ghost));
  });

  it("refuses a deleted VPC, an unknown one, and a tier whose owner the VPC owner cannot reach", async () => {
    const gone = await k.vpc(f.user);
    assert.strictEqual((await f.job(f.user, "deleteVPC", { id: String(gone.id) })).jobstatus, 1);
    const r = await tierCall(f.user, String(gone.id), { gateway: "10.0.1.1" });
    assertError(r, 431, 4350, "Unable to find Enabled VPC ");
    assert.deepStrictEqual(r.body.uuidList, [{ uuid: String(k.vpcInternalId(String(gone.id))), description: "VPC" }]);
    const ghost = "8d7f3a52-0000-4000-8000-000000000004";
    assertError(await tierCall(f.user, ghost, { gateway: "10.0.1.1" }), 431, 4350, uuidNotFoundText("vpcid", ghost));
    const usersVpc = await k.vpc(f.user);
    assertError(
      await tierCall(f.admin, String(usersVpc.id), { gateway: "10.0.1.1" }),
      431,
      4350,
      "VPC owner does not have access to account [admin].",
    );
  });

  it("changes a tier's offering between VPC offerings, and lets the VPC go once its tiers are deleted", async () => {
    const vpc = await k.vpc(f.user);
    const id = String(vpc.id);
    const tier = await k.tier(f.user, id, "10.0.1.1");
    const noLb = await f.offeringId(TIER_OFFERING_NO_LB);
    const updated = await f.job(f.user, "updateNetwork", { id: String(tier.id), networkofferingid: noLb });
    assert.strictEqual(updated.jobstatus, 1, JSON.stringify(updated));
    assert.strictEqual(((updated.jobresult as Obj).network as Obj).networkofferingid, noLb);
    assert.strictEqual((await f.job(f.user, "deleteNetwork", { id: String(tier.id) })).jobstatus, 1);
    assert.deepStrictEqual((await f.list(f.user, "listVPCs", { id }))[0].network, []);
    assert.strictEqual((await f.job(f.user, "deleteVPC", { id })).jobstatus, 1);
  });
});
