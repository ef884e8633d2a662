import * as assert from "assert";
import { startedForSuite } from "../../support/fixture-hooks";
import { isVpcIp } from "../../../simulator/model/vpcs";
import { assertError, assertJobError, jobObject, startFixture, uuidNotFoundText, type Fixture, type Obj } from "./api-fixture";
import { vpcKit, type VpcKit } from "./api-vpc-fixture";

const DOMAIN_NAME_TEXT =
  "Invalid network domain. Total length shouldn't exceed 190 chars. Each domain label must be between 1 and 63 characters long, can contain ASCII letters 'a' through 'z', the digits '0' through '9', and the hyphen ('-'); can't start or end with \"-\"";

describe("simulator api: VPCs", function () {
  this.timeout(30_000);
  let f: Fixture;
  let k: VpcKit;

  startedForSuite(startFixture, async (started) => {
    f = started;
    k = await vpcKit(f);
  });

  const create = (creds: Fixture["admin"], params: Record<string, string>) =>
    f.call(creds, "createVPC", { zoneid: k.zoneid, vpcofferingid: k.vpcOfferingId, name: "refused", ...params });

  it("lists the Default VPC offering with the VPC virtual router's services, Gateway left out as CloudStack answers", async () => {
    const [o] = await f.list(f.user, "listVPCOfferings");
    assert.strictEqual(o.name, "Default VPC offering");
    assert.strictEqual(o.isdefault, true);
    assert.strictEqual(o.state, "Enabled");
    const services = o.service as Obj[];
    assert.deepStrictEqual(
      services.map((s) => s.name).sort(),
      ["Dhcp", "Dns", "Lb", "NetworkACL", "PortForwarding", "SourceNat", "StaticNat", "UserData", "Vpn"],
    );
    for (const s of services) assert.ok((s.provider as Obj[]).some((p) => p.name === "VpcVirtualRouter"), String(s.name));
    assert.deepStrictEqual((services.find((s) => s.name === "Lb") as Obj).provider, [{ name: "VpcVirtualRouter" }, { name: "InternalLbVm" }]);
    assert.deepStrictEqual(await f.list(f.user, "listVPCOfferings", { supportedservices: "NetworkACL,Lb" }), [o]);
  });

  it("creates a VPC: the id at once, then an Enabled VPC with a source NAT IP from the zone's public range", async () => {
    const r = await create(f.user, { name: "web", displaytext: "Web VPC", cidr: "10.10.0.0/16" });
    assert.strictEqual(r.status, 200, JSON.stringify(r.body));
    assert.strictEqual(typeof r.body.id, "string");
    assert.strictEqual(typeof r.body.jobid, "string");
    const [listed] = await f.list(f.user, "listVPCs", { id: String(r.body.id) });
    assert.strictEqual(listed.state, "Enabled");
    const vpc = await k.vpc(f.user, { name: "web2", cidr: "10.20.0.0/16" });
    assert.strictEqual(vpc.state, "Enabled");
    assert.strictEqual(vpc.cidr, "10.20.0.0/16");
    assert.strictEqual(vpc.displaytext, "web2");
    assert.strictEqual(vpc.account, "user");
    assert.strictEqual(vpc.zonename, "Sandbox-simulator");
    assert.strictEqual(vpc.vpcofferingname, "Default VPC offering");
    assert.match(String(vpc.networkdomain), /^cs[0-9a-f]+sandbox\.simulator$/);
    assert.deepStrictEqual(vpc.network, []);
    assert.strictEqual(vpc.fordisplay, true);
    assert.strictEqual(vpc.restartrequired, false);
    assert.ok(!(vpc.service as Obj[]).some((s) => s.name === "Gateway"), "the Gateway service is not reported on VPCs");
    const ip = f.sim.model.vpcs.sourceNatIp(String(vpc.id));
    assert.ok(ip, "the VPC has a source NAT IP");
    assert.strictEqual(ip.state, "Allocated");
    assert.match(ip.address, /^192\.168\.2\./);
    assert.strictEqual(isVpcIp(ip), true);
    const ips = await f.list(f.user, "listPublicIpAddresses", { ipaddress: ip.address });
    assert.strictEqual(ips.length, 1);
    assert.strictEqual(ips[0].issourcenat, true);
  });

  it("keeps the given network domain, DNS servers and display flag", async () => {
    const vpc = await k.vpc(f.user, { networkdomain: "corp.example", dns1: "10.0.0.53", dns2: "10.0.1.53", fordisplay: "false" });
    assert.strictEqual(vpc.networkdomain, "corp.example");
    assert.strictEqual(vpc.dns1, "10.0.0.53");
    assert.strictEqual(vpc.dns2, "10.0.1.53");
    assert.strictEqual(vpc.fordisplay, false);
  });

  it("refuses bad CIDRs, CIDR sizes, network domains and DNS servers with CloudStack's texts", async () => {
    assertError(await create(f.user, {}), 431, 4350, "VPC cidr or cidr size must be specified");
    assertError(await create(f.user, { cidr: "10.0.0.0/16", cidrsize: "24" }), 431, 4350, "VPC cidr and cidr size are mutually exclusive");
    assertError(await create(f.user, { cidrsize: "24" }), 431, 4350, "VPC cidr size is only applicable on VPC with Routed mode");
    assertError(await create(f.user, { cidr: "10.0.0.0/33" }), 431, 4350, "Invalid CIDR specified 10.0.0.0/33");
    assertError(await create(f.user, { cidr: "8.8.0.0/16" }), 431, 4350, "Guest Cidr 8.8.0.0/16 is not RFC1918 compliant");
    const longDomain = `${"a".repeat(60)}.${"b".repeat(60)}.${"c".repeat(60)}.dddddddddd`;
    assert.strictEqual(longDomain.length, 193);
    assertError(await create(f.user, { cidr: "10.0.0.0/16", networkdomain: longDomain }), 431, 4350, DOMAIN_NAME_TEXT);
    assertError(await create(f.user, { cidr: "10.0.0.0/16", dns2: "10.0.0.2" }), 431, 4350, "Second IPv4 DNS can be specified only with the first IPv4 DNS");
    assertError(await create(f.user, { cidr: "10.0.0.0/16", dns1: "300.1.1.1" }), 431, 4350, "Invalid IPv4 for DNS1");
    assertError(await create(f.user, { cidr: "10.0.0.0/16", ip6dns1: "2001:db8::53" }), 431, 4350, "IPv6 DNS can be specified for IPv6 enabled VPC");
    const ghost = "8d7f3a52-0000-4000-8000-000000000001";
    assertError(await create(f.user, { cidr: "10.0.0.0/16", vpcofferingid: ghost }), 431, 4350, uuidNotFoundText("vpcofferingid", ghost));
    assert.deepStrictEqual(await f.list(f.user, "listVPCs", { name: "refused" }), [], "no VPC was left behind");
  });

  it("takes a requested source NAT address, and refuses one that is not free", async () => {
    const vpc = await k.vpc(f.user, { sourcenatipaddress: "192.168.2.150" });
    assert.strictEqual(f.sim.model.vpcs.sourceNatIp(String(vpc.id))?.address, "192.168.2.150");
    assertError(
      await create(f.user, { name: "taken", cidr: "10.0.0.0/16", sourcenatipaddress: "192.168.2.150" }),
      530,
      4250,
      "new source NAT address cannot be acquired",
    );
    assert.deepStrictEqual(await f.list(f.user, "listVPCs", { name: "taken" }), []);
  });

  it("updates name, display text and display flag in place", async () => {
    const vpc = await k.vpc(f.user);
    const updated = jobObject(
      await f.job(f.user, "updateVPC", { id: String(vpc.id), name: "renamed", displaytext: "new text", fordisplay: "false" }),
      "vpc",
    );
    assert.strictEqual(updated.id, vpc.id);
    assert.strictEqual(updated.name, "renamed");
    assert.strictEqual(updated.displaytext, "new text");
    assert.strictEqual(updated.fordisplay, false);
    assert.strictEqual(updated.cidr, vpc.cidr);
  });

  it("restarts a VPC, with cleanup, as a job that answers success", async () => {
    const vpc = await k.vpc(f.user);
    const job = await f.job(f.user, "restartVPC", { id: String(vpc.id), cleanup: "true" });
    assert.strictEqual(job.jobstatus, 1, JSON.stringify(job));
    assert.deepStrictEqual(job.jobresult, { success: true });
    assert.strictEqual(job.jobinstancetype, "Vpc");
  });

  it("refuses to delete a VPC while it has tiers, then soft-deletes it and frees its IP", async () => {
    const vpc = await k.vpc(f.user, { name: "busy" });
    const id = String(vpc.id);
    const tier = await k.tier(f.user, id, "10.0.1.1");
    assertJobError(await f.job(f.user, "deleteVPC", { id }), 431, `Can't delete VPC ${k.vpcText(id)} as its used by 1 networks`);
    assert.strictEqual((await f.job(f.user, "deleteNetwork", { id: String(tier.id) })).jobstatus, 1);
    const address = f.sim.model.vpcs.sourceNatIp(id)?.address;
    const done = await f.job(f.user, "deleteVPC", { id });
    assert.strictEqual(done.jobstatus, 1, JSON.stringify(done));
    assert.deepStrictEqual(done.jobresult, { success: true });
    assert.deepStrictEqual(await f.list(f.user, "listVPCs", { id }), [], "a deleted VPC answers the empty list");
    const row = f.sim.model.state.publicIps.find((ip) => ip.address === address);
    assert.strictEqual(row?.state, "Free");
    assertJobError(await f.job(f.user, "deleteVPC", { id }), 431, `unable to find VPC id=${k.vpcInternalId(id)}`);
    assertJobError(await f.job(f.user, "restartVPC", { id }), 431, "Unable to find Enabled VPC by id specified");
    const ghost = "8d7f3a52-0000-4000-8000-000000000002";
    assertError(await f.call(f.user, "listVPCs", { id: ghost }), 431, 4350, uuidNotFoundText("id", ghost));
  });

  it("scopes lists to the owner: listall for admins, projects by projectid, filters by name and state", async () => {
    const mine = await k.vpc(f.admin, { name: "admin-only-vpc" });
    assert.deepStrictEqual(await f.list(f.user, "listVPCs", { name: "admin-only" }), []);
    assert.deepStrictEqual(await f.list(f.user, "listVPCs", { id: String(mine.id) }), []);
    assert.strictEqual((await f.list(f.admin, "listVPCs", { name: "admin-only" })).length, 1);
    assert.ok((await f.list(f.admin, "listVPCs", { listall: "true" })).some((v) => v.account === "user"));
    const [project] = await f.list(f.user, "listProjects");
    const pvpc = await k.vpc(f.user, { name: "project-vpc", projectid: String(project.id) });
    assert.strictEqual(pvpc.project, project.name);
    assert.deepStrictEqual(await f.list(f.user, "listVPCs", { name: "project-vpc" }), []);
    assert.strictEqual((await f.list(f.user, "listVPCs", { name: "project-vpc", projectid: String(project.id) })).length, 1);
    assert.strictEqual((await f.list(f.user, "listVPCs", { state: "Enabled", cidr: "10.20.0.0/16" })).length, 1);
    assertError(await f.call(f.user, "listVPCs", { supportedservices: "Teleport" }), 431, 4350, "Invalid service specified Teleport");
  });

  it("does not let a user act on another account's VPC", async () => {
    const theirs = await k.vpc(f.admin);
    // UpdateVPCCmd's id carries @ACL: a 531 while dispatching, before any job.
    assertError(
      await f.call(f.user, "updateVPC", { id: String(theirs.id), name: "stolen" }),
      531,
      4365,
      `Account user does not have permission to operate with resource ${String(theirs.id)}`,
    );
  });
});
