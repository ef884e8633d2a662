import * as assert from "assert";
import { startedForSuite } from "../../support/fixture-hooks";
import { assertError, assertJobError, jobObject, startFixture, uuidNotFoundText, type Fixture, type Obj } from "./api-fixture";
import { vpcKit, type VpcKit } from "./api-vpc-fixture";

describe("simulator api: network ACL lists and rules", function () {
  this.timeout(30_000);
  let f: Fixture;
  let k: VpcKit;
  let vpcId: string;
  let aclId: string;

  startedForSuite(startFixture, async (started) => {
    f = started;
    k = await vpcKit(f);
    vpcId = String((await k.vpc(f.user, { name: "acl-vpc" })).id);
    aclId = String(jobObject(await f.job(f.user, "createNetworkACLList", { name: "web-acl", description: "web tier", vpcid: vpcId }), "networkacllist").id);
  });

  const rule = (params: Record<string, string>) => f.call(f.user, "createNetworkACL", { aclid: aclId, ...params });
  const ruleJob = async (params: Record<string, string>, acl = aclId): Promise<Obj> =>
    jobObject(await f.job(f.user, "createNetworkACL", { aclid: acl, ...params }), "networkacl");
  const newList = async (name: string, vpcid = vpcId): Promise<string> =>
    String(jobObject(await f.job(f.user, "createNetworkACLList", { name, vpcid }), "networkacllist").id);

  it("has the global default lists default_deny and default_allow, each denying or allowing everything", async () => {
    const lists = await f.list(f.user, "listNetworkACLLists");
    const deny = lists.find((l) => l.name === "default_deny") as Obj;
    const allow = lists.find((l) => l.name === "default_allow") as Obj;
    assert.strictEqual(deny.vpcid, undefined);
    assert.strictEqual(deny.description, "Default Network ACL Deny All");
    assert.strictEqual(allow.description, "Default Network ACL Allow All");
    const rules = await f.list(f.user, "listNetworkACLs", { aclid: String(deny.id) });
    assert.deepStrictEqual(
      rules.map((r) => [r.number, r.traffictype, r.protocol, r.action, r.cidrlist, r.state]).sort(),
      [
        [1, "Ingress", "all", "Deny", "0.0.0.0/0", "Active"],
        [2, "Egress", "all", "Deny", "0.0.0.0/0", "Active"],
      ],
    );
    const allowRules = await f.list(f.user, "listNetworkACLs", { aclid: String(allow.id) });
    assert.ok(allowRules.every((r) => r.action === "Allow"));
  });

  it("creates lists that belong to their VPC; only root admins create global lists", async () => {
    const [own] = await f.list(f.user, "listNetworkACLLists", { id: aclId });
    assert.strictEqual(own.vpcid, vpcId);
    assert.strictEqual(own.vpcname, "acl-vpc");
    assert.strictEqual(own.description, "web tier");
    assert.strictEqual(own.fordisplay, true);
    const byVpc = await f.list(f.user, "listNetworkACLLists", { vpcid: vpcId });
    assert.deepStrictEqual(byVpc.map((l) => l.name).sort(), ["default_allow", "default_deny", "web-acl"]);
    assertError(await f.call(f.user, "createNetworkACLList", { name: "global" }), 531, 4365, "Only Root Admin can create global ACLs.");
    const global = jobObject(await f.job(f.admin, "createNetworkACLList", { name: "global-admin" }), "networkacllist");
    assert.strictEqual(global.vpcid, undefined);
    const adminVpc = String((await k.vpc(f.admin)).id);
    assert.ok(!(await f.list(f.user, "listNetworkACLLists")).some((l) => l.vpcid === adminVpc), "lists of other accounts' VPCs stay hidden");
    const r = await f.call(f.user, "listNetworkACLLists", { vpcid: adminVpc });
    assertError(r, 531, 4365, `Account user does not have permission to operate with resource ${adminVpc}`);
  });

  it("creates rules with CloudStack's defaults: Ingress, Allow, all CIDRs, numbered after the highest", async () => {
    const http = await ruleJob({ protocol: "tcp", startport: "80" });
    assert.strictEqual(http.protocol, "tcp");
    assert.strictEqual(http.startport, "80");
    assert.strictEqual(http.endport, "80");
    assert.strictEqual(http.traffictype, "Ingress");
    assert.strictEqual(http.action, "Allow");
    assert.strictEqual(http.cidrlist, "0.0.0.0/0,::/0");
    assert.strictEqual(http.number, 1);
    assert.strictEqual(http.state, "Active");
    assert.strictEqual(http.aclid, aclId);
    assert.strictEqual(http.aclname, "web-acl");
    const tls = await ruleJob({ protocol: "TCP", startport: "443", endport: "443", number: "10", cidrlist: "10.0.0.0/8,192.168.0.0/16" });
    assert.strictEqual(tls.number, 10);
    assert.strictEqual(tls.cidrlist, "10.0.0.0/8,192.168.0.0/16");
    const next = await ruleJob({ protocol: "6", startport: "8080", endport: "8090", traffictype: "egress", action: "deny" });
    assert.strictEqual(next.number, 11);
    assert.strictEqual(next.protocol, "6");
    assert.strictEqual(next.traffictype, "Egress");
    assert.strictEqual(next.action, "Deny");
    const ping = await ruleJob({ protocol: "1" });
    assert.strictEqual(ping.protocol, "icmp");
    assert.strictEqual(ping.icmptype, -1);
    assert.strictEqual(ping.icmpcode, -1);
    const echo = await ruleJob({ protocol: "icmp", icmptype: "8", icmpcode: "0" });
    assert.strictEqual(echo.icmptype, 8);
    assert.strictEqual(echo.icmpcode, 0);
    const everything = await ruleJob({ protocol: "all", cidrlist: "10.0.1.0/24", reason: "from the web tier" });
    assert.strictEqual(everything.reason, "from the web tier");
    assert.strictEqual(everything.startport, undefined);
  });

  it("keeps rule numbers unique per list", async () => {
    const acl = await newList("numbers");
    await ruleJob({ protocol: "udp", startport: "53", number: "5" }, acl);
    assertError(
      await f.call(f.user, "createNetworkACL", { aclid: acl, protocol: "tcp", startport: "22", number: "5" }),
      431,
      4350,
      `ACL item with number 5 already exists in ACL: ${acl}`,
    );
    const other = await newList("numbers-2");
    assert.strictEqual((await ruleJob({ protocol: "tcp", startport: "22", number: "5" }, other)).number, 5);
    assertError(await f.call(f.user, "createNetworkACL", { aclid: acl, protocol: "tcp", number: "0" }), 431, 4350, "Invalid number [0]. Number cannot be < 1");
  });

  it("refuses bad protocols, ports, ICMP values, CIDRs, traffic types and actions", async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ protocol: "gre" }, "Invalid protocol [gre]. Expected one of: [tcp,udp,icmp,all]"],
      [{ protocol: "256" }, "Invalid protocol number: 256"],
      [{ protocol: "icmp", startport: "1" }, "Can't specify start/end port when protocol is ICMP"],
      [{ protocol: "tcp", icmptype: "8" }, "Can specify icmpCode and icmpType for ICMP protocol only"],
      [{ protocol: "all", startport: "1", endport: "2" }, "start port and end port must be null if protocol = 'all'"],
      [{ protocol: "tcp", startport: "90", endport: "80" }, "Start port can't be bigger than end port [startport=90,endport=80]"],
      [{ protocol: "tcp", startport: "70000" }, "Start public port is an invalid value: 70000"],
      [{ protocol: "tcp", startport: "80", endport: "0" }, "End public port is an invalid value: 0"],
      [{ protocol: "icmp", icmptype: "300" }, "Invalid icmp type [300]. It should belong to [0-255] range"],
      [{ protocol: "icmp", icmptype: "3", icmpcode: "20" }, "Invalid icmp code [20]. It should belong to [0-16] range and can be defined when icmpType belongs to [0-40] range"],
      [{ protocol: "tcp", traffictype: "sideways" }, "Invalid traffic type sideways"],
      [{ protocol: "tcp", action: "Maybe" }, "Invalid action [Maybe]. Permitted actions are Allow and Deny"],
    ];
    for (const [params, text] of cases) assertError(await rule(params), 431, 4350, text);
    // ServerApiException(PARAM_ERROR) built without a cause: cserrorcode 9999.
    assertError(await rule({ protocol: "tcp", cidrlist: "10.0.0.0/40" }), 431, 9999, "Source cidrs formatting error 10.0.0.0/40");
    assertError(await rule({ protocol: "tcp", aclid: "" }), 431, 4350, "Cannot create Network ACL Item. ACL Id or network Id is required");
  });

  it("never changes the default lists' rules", async () => {
    const deny = await k.defaultAcl("default_deny");
    assertError(await f.call(f.admin, "createNetworkACL", { aclid: deny, protocol: "tcp" }), 431, 4350, "Default ACL cannot be modified");
    const [first] = await f.list(f.admin, "listNetworkACLs", { aclid: deny });
    assertJobError(await f.job(f.admin, "updateNetworkACLItem", { id: String(first.id), startport: "1" }), 431, "Default ACL cannot be modified");
    assertJobError(await f.job(f.admin, "deleteNetworkACL", { id: String(first.id) }), 431, "ACL Items in default ACL cannot be deleted");
    assertJobError(await f.job(f.admin, "deleteNetworkACLList", { id: deny }), 431, "Default ACL cannot be removed");
    assertJobError(await f.job(f.user, "updateNetworkACLList", { id: deny, name: "mine" }), 530, "Must be Root Admin to update a global ACL.");
  });

  it("updates a rule in place; inserting a rule between two leaves the others untouched", async () => {
    const acl = await newList("ordered");
    const r10 = await ruleJob({ protocol: "tcp", startport: "80", number: "10" }, acl);
    const r20 = await ruleJob({ protocol: "tcp", startport: "443", number: "20" }, acl);
    const before = await f.list(f.user, "listNetworkACLs", { aclid: acl });
    const r15 = await ruleJob({ protocol: "tcp", startport: "8443", number: "15" }, acl);
    const after = await f.list(f.user, "listNetworkACLs", { aclid: acl });
    assert.deepStrictEqual(after.map((r) => r.number), [15, 20, 10], "newest first, as CloudStack lists by id descending");
    for (const r of before) assert.deepStrictEqual(after.find((a) => a.id === r.id), r);
    const widened = jobObject(await f.job(f.user, "updateNetworkACLItem", { id: String(r10.id), endport: "90" }), "networkacl");
    assert.strictEqual(widened.id, r10.id);
    assert.strictEqual(widened.startport, "80");
    assert.strictEqual(widened.endport, "90");
    assert.strictEqual(widened.number, 10);
    assertJobError(
      await f.job(f.user, "updateNetworkACLItem", { id: String(r15.id), number: "20" }),
      431,
      `ACL item with number 20 already exists in ACL: ${acl}`,
    );
    const moved = jobObject(await f.job(f.user, "updateNetworkACLItem", { id: String(r15.id), number: "16", action: "Deny" }), "networkacl");
    assert.strictEqual(moved.number, 16);
    assert.strictEqual(moved.action, "Deny");
    assert.strictEqual(moved.startport, "8443");
    const reset = jobObject(
      await f.job(f.user, "updateNetworkACLItem", { id: String(r20.id), protocol: "udp", partialupgrade: "false" }),
      "networkacl",
    );
    assert.strictEqual(reset.protocol, "udp");
    assert.strictEqual(reset.startport, undefined, "a full update clears the fields it does not give");
    assert.strictEqual(reset.cidrlist, "");
  });

  it("deletes rules and lists for good (431 afterwards)", async () => {
    const acl = await newList("short-lived");
    const r = await ruleJob({ protocol: "tcp", startport: "22" }, acl);
    assert.strictEqual((await f.job(f.user, "deleteNetworkACL", { id: String(r.id) })).jobstatus, 1);
    assertError(await f.call(f.user, "listNetworkACLs", { id: String(r.id) }), 431, 4350, uuidNotFoundText("id", String(r.id)));
    const r2 = await ruleJob({ protocol: "tcp", startport: "23" }, acl);
    assert.strictEqual((await f.job(f.user, "deleteNetworkACLList", { id: acl })).jobstatus, 1);
    assertError(await f.call(f.user, "listNetworkACLLists", { id: acl }), 431, 4350, uuidNotFoundText("id", acl));
    assertError(await f.call(f.user, "listNetworkACLs", { id: String(r2.id) }), 431, 4350, uuidNotFoundText("id", String(r2.id)));
  });

  it("replaces a tier's list only with one of the same VPC (or a global one); a used list cannot be deleted", async () => {
    const tier = await k.tier(f.user, vpcId, "10.0.1.1", { aclid: aclId });
    const tierId = String(tier.id);
    const second = await newList("second");
    const replaced = await f.job(f.user, "replaceNetworkACLList", { aclid: second, networkid: tierId });
    assert.deepStrictEqual(replaced.jobresult, { success: true });
    assert.strictEqual((await f.list(f.user, "listNetworks", { id: tierId }))[0].aclid, second);
    assert.deepStrictEqual((await f.list(f.user, "listNetworkACLLists", { networkid: tierId })).map((l) => l.id), [second]);
    const otherVpc = String((await k.vpc(f.user)).id);
    const foreign = await newList("foreign", otherVpc);
    assertJobError(
      await f.job(f.user, "replaceNetworkACLList", { aclid: foreign, networkid: tierId }),
      431,
      `Network: ${k.networkInternalId(tierId)} and ACL: ${k.aclInternalId(foreign)} do not belong to the same VPC`,
    );
    const allow = await k.defaultAcl("default_allow");
    assert.strictEqual((await f.job(f.user, "replaceNetworkACLList", { aclid: allow, networkid: tierId })).jobstatus, 1);
    assert.strictEqual((await f.job(f.user, "replaceNetworkACLList", { aclid: second, networkid: tierId })).jobstatus, 1);
    const plain = await f.call(f.user, "createNetwork", {
      zoneid: k.zoneid,
      name: "plain",
      networkofferingid: await f.offeringId("DefaultIsolatedNetworkOfferingWithSourceNatService"),
    });
    const plainId = String((plain.body.network as Obj).id);
    assertJobError(await f.job(f.user, "replaceNetworkACLList", { aclid: second, networkid: plainId }), 431, `Network is not part of a VPC: ${plainId}`);
    const neither = await f.job(f.user, "replaceNetworkACLList", { aclid: second });
    assertJobError(neither, 530, "Network ID and private gateway can't be null at the same time");
    assertJobError(
      await f.job(f.user, "deleteNetworkACLList", { id: second }),
      530,
      `ACL is still associated with 1 tier(s). Cannot delete network ACL: ${second}`,
    );
    assert.strictEqual((await f.list(f.user, "listNetworkACLs", { networkid: plainId })).length, 0, "a network without an ACL has no rules");
  });

  it("creates a list for a tier that has none when a rule names the tier (networkid)", async () => {
    const tier = await k.tier(f.user, vpcId, "10.0.2.1", { name: "db" });
    const created = await ruleJob({ protocol: "tcp", startport: "5432", networkid: String(tier.id), aclid: "" });
    const [listed] = await f.list(f.user, "listNetworks", { id: String(tier.id) });
    assert.strictEqual(listed.aclname, `VPC_acl-vpc_Tier_db_ACL_${String(tier.id)}`);
    assert.strictEqual(created.aclid, listed.aclid);
    const again = await ruleJob({ protocol: "tcp", startport: "5433", networkid: String(tier.id), aclid: "" });
    assert.strictEqual(again.aclid, listed.aclid, "the tier's list is used from then on");
    assert.deepStrictEqual((await f.list(f.user, "listNetworkACLs", { networkid: String(tier.id) })).map((r) => r.number), [2, 1]);
  });

  it("renames a list in place and keeps its rules; users cannot touch another account's list", async () => {
    const renamed = jobObject(await f.job(f.user, "updateNetworkACLList", { id: aclId, name: "web-acl-2", description: "renamed" }), "networkacllist");
    assert.strictEqual(renamed.id, aclId);
    assert.strictEqual(renamed.name, "web-acl-2");
    assert.strictEqual(renamed.description, "renamed");
    assert.ok((await f.list(f.user, "listNetworkACLs", { aclid: aclId })).length > 0);
    const adminVpc = String((await k.vpc(f.admin)).id);
    const adminAcl = String(jobObject(await f.job(f.admin, "createNetworkACLList", { name: "admin-acl", vpcid: adminVpc }), "networkacllist").id);
    assertError(
      await f.call(f.user, "createNetworkACL", { aclid: adminAcl, protocol: "tcp" }),
      531,
      4365,
      `Account user does not have permission to operate with resource ${adminVpc}`,
    );
    assertJobError(
      await f.job(f.user, "deleteNetworkACLList", { id: adminAcl }),
      530,
      `Account user does not have permission to operate with resource ${adminVpc}`,
    );
  });

  it("deletes a VPC's lists and their rules with the VPC", async () => {
    const vpc = String((await k.vpc(f.user)).id);
    const acl = await newList("goes-with-vpc", vpc);
    const r = await ruleJob({ protocol: "tcp", startport: "80" }, acl);
    assert.strictEqual((await f.job(f.user, "deleteVPC", { id: vpc })).jobstatus, 1);
    assertError(await f.call(f.user, "listNetworkACLLists", { id: acl }), 431, 4350, uuidNotFoundText("id", acl));
    assertError(await f.call(f.user, "listNetworkACLs", { id: String(r.id) }), 431, 4350, uuidNotFoundText("id", String(r.id)));
  });
});
