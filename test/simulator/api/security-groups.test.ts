// The simulator's security groups over HTTP: rules (one per CIDR and per allowed group,
// duplicates skipped), their validation, renames, deletion, and security groups in the
// SG-enabled advanced zone.
import * as assert from "assert";
import { startedForEachTest } from "../../support/fixture-hooks";
import { expunge, isolatedNetwork, startWithCatalog, type Catalog } from "./api-instances-fixture";
import { assertError, assertJobError, jobObject, uuidNotFoundText, type Fixture, type Obj } from "./api-fixture";

describe("simulator api: security groups and their rules", function () {
  this.timeout(20_000);
  let f: Fixture;
  let c: Catalog;
  let web: Obj;

  startedForEachTest(startWithCatalog, async (started) => {
    ({ f, c } = started);
    const created = await f.call(f.user, "createSecurityGroup", { name: "web", description: "web servers" });
    assert.strictEqual(created.status, 200, JSON.stringify(created.body));
    web = created.body.securitygroup as Obj;
  });

  const group = async (id: unknown): Promise<Obj> => (await f.list(f.user, "listSecurityGroups", { id: String(id) }))[0];
  const ingress = (params: Record<string, string>) => f.job(f.user, "authorizeSecurityGroupIngress", { securitygroupid: String(web.id), ...params });

  it("stores one rule per CIDR and per allowed group, and answers only the rules it added", async () => {
    const first = jobObject(
      await ingress({ protocol: "TCP", startport: "22", endport: "22", cidrlist: "10.0.0.0/8,2001:db8::/32", "usersecuritygrouplist[0].account": "user", "usersecuritygrouplist[0].group": "default" }),
      "securitygroup",
    );
    const rules = first.ingressrule as Obj[];
    assert.deepStrictEqual(
      rules.map((r) => [r.protocol, r.startport, r.endport, r.cidr ?? null, r.securitygroupname ?? null, r.account ?? null]),
      [
        ["tcp", 22, 22, null, "default", "user"],
        ["tcp", 22, 22, "10.0.0.0/8", null, null],
        ["tcp", 22, 22, "2001:db8::/32", null, null],
      ],
    );
    assert.strictEqual(first.egressrule, undefined, "an ingress authorize answers ingress rules only");
    const second = jobObject(await ingress({ protocol: "tcp", startport: "22", endport: "22", cidrlist: "10.0.0.0/8,192.168.0.0/16" }), "securitygroup");
    assert.deepStrictEqual((second.ingressrule as Obj[]).map((r) => r.cidr), ["192.168.0.0/16"], "the duplicate is skipped");
    assertJobError(await ingress({ protocol: "tcp", startport: "22", endport: "22", cidrlist: "10.0.0.0/8" }), 530, "Failed to authorize security group ingress rule(s)");
    assert.strictEqual(((await group(web.id)).ingressrule as Obj[]).length, 4);
  });

  it("normalises protocols: 1 is icmp with any type, other numbers drop their ports, tcp 0/0 is every port", async () => {
    const icmp = jobObject(await ingress({ protocol: "1", cidrlist: "0.0.0.0/0" }), "securitygroup");
    assert.deepStrictEqual((icmp.ingressrule as Obj[]).map((r) => [r.protocol, r.icmptype, r.icmpcode, r.startport]), [["icmp", -1, -1, undefined]]);
    const gre = jobObject(await ingress({ protocol: "47", startport: "10", endport: "20", cidrlist: "0.0.0.0/0" }), "securitygroup");
    assert.deepStrictEqual((gre.ingressrule as Obj[]).map((r) => [r.protocol, r.startport, r.endport]), [["47", 0, 0]]);
    const all = jobObject(await ingress({ protocol: "udp", startport: "0", endport: "0", cidrlist: "0.0.0.0/0" }), "securitygroup");
    assert.deepStrictEqual((all.ingressrule as Obj[]).map((r) => [r.protocol, r.startport, r.endport]), [["udp", 0, 65535]]);
    const egress = jobObject(await f.job(f.user, "authorizeSecurityGroupEgress", { securitygroupid: String(web.id), cidrlist: "0.0.0.0/0" }), "securitygroup");
    assert.deepStrictEqual((egress.egressrule as Obj[]).map((r) => r.protocol), ["all"], "protocol defaults to all");
  });

  it("refuses bad rules with CloudStack's codes and texts", async () => {
    assertJobError(await ingress({ protocol: "tcp", startport: "22" }), 431, "At least one cidr or at least one security group needs to be specified");
    assertJobError(await ingress({ protocol: "tcp", startport: "22", endport: "22", cidrlist: "10.0.0.0/33" }), 431, "Invalid cidr 10.0.0.0/33");
    assertJobError(await ingress({ protocol: "gre", cidrlist: "0.0.0.0/0" }), 431, "Invalid protocol gre");
    assertJobError(await ingress({ protocol: "256", cidrlist: "0.0.0.0/0" }), 431, "Invalid protocol number: 256");
    assertJobError(await ingress({ protocol: "tcp", startport: "22", cidrlist: "0.0.0.0/0" }), 431, "Invalid port range specified, startPort = 22, endPort = null");
    assertJobError(await ingress({ protocol: "tcp", startport: "90", endport: "80", cidrlist: "0.0.0.0/0" }), 431, "Invalid port range 90:80");
    assertJobError(await ingress({ protocol: "tcp", startport: "80", endport: "70000", cidrlist: "0.0.0.0/0" }), 431, "Invalid port numbers 80:70000");
    assertJobError(await ingress({ protocol: "all", startport: "80", cidrlist: "0.0.0.0/0" }), 431, "Cannot specify startPort or endPort without specifying protocol");
    assertJobError(await ingress({ protocol: "icmp", cidrlist: "0.0.0.0/0" }), 431, "Invalid ICMP type/code specified, icmpType = null, icmpCode = null");
    assertJobError(await ingress({ protocol: "icmp", icmptype: "-1", icmpcode: "3", cidrlist: "0.0.0.0/0" }), 431, "Invalid icmp code");
    assertJobError(await ingress({ protocol: "icmp", icmptype: "8", icmpcode: "-1", cidrlist: "0.0.0.0/0" }), 431, "Invalid icmp code: need non-negative icmp code ");
    assertJobError(await ingress({ protocol: "icmp", icmptype: "256", icmpcode: "0", cidrlist: "0.0.0.0/0" }), 431, "Invalid icmp type/code ");
    assertJobError(
      await ingress({ protocol: "tcp", startport: "1", endport: "2", "usersecuritygrouplist[0].account": "user", "usersecuritygrouplist[0].group": "nope" }),
      431,
      `Nonexistent group nope for account user/1 is given, unable to authorize security group rule.`,
    );
    assertJobError(
      await ingress({ protocol: "tcp", startport: "1", endport: "2", "usersecuritygrouplist[0].group": "default" }),
      431,
      "Invalid user group specified, fields 'group' and 'account' cannot be null, please specify groups in the form:  userGroupList[0].group=XXX&userGroupList[0].account=YYY",
    );
    assert.deepStrictEqual((await group(web.id)).ingressrule, [], "nothing was stored");
  });

  it("revokes a rule of its own direction only; a revoked rule is gone", async () => {
    const added = jobObject(await ingress({ protocol: "tcp", startport: "80", endport: "80", cidrlist: "0.0.0.0/0" }), "securitygroup");
    const ruleid = String((added.ingressrule as Obj[])[0].ruleid);
    const mismatch = await f.job(f.user, "revokeSecurityGroupEgress", { id: ruleid });
    assert.strictEqual(mismatch.jobstatus, 2);
    assert.match(String((mismatch.jobresult as Obj).errortext), /^Mismatch in rule type for security rule with id \d+$/);
    assert.strictEqual((await f.job(f.user, "revokeSecurityGroupIngress", { id: ruleid })).jobstatus, 1);
    assert.deepStrictEqual((await group(web.id)).ingressrule, []);
    assertError(await f.call(f.user, "revokeSecurityGroupIngress", { id: ruleid }), 431, 4350, uuidNotFoundText("id", ruleid));
  });

  it("renames for root admins only; the default group keeps its name and 'default' is reserved", async () => {
    assertError(await f.call(f.user, "updateSecurityGroup", { id: String(web.id), name: "www" }), 432, 9999, "The given command does not exist or it is not available for user");
    const renamed = await f.call(f.admin, "updateSecurityGroup", { id: String(web.id), name: "www" });
    assert.deepStrictEqual([(renamed.body.securitygroup as Obj).name, (renamed.body.securitygroup as Obj).id], ["www", web.id]);
    const unchanged = await f.call(f.admin, "updateSecurityGroup", { id: String(web.id) });
    assert.strictEqual((unchanged.body.securitygroup as Obj).name, "www");
    assertError(await f.call(f.admin, "updateSecurityGroup", { id: String(web.id), name: "Default" }), 431, 4350, "The security group name default is reserved");
    const defaultGroup = (await f.list(f.user, "listSecurityGroups", { securitygroupname: "default" }))[0];
    assertError(await f.call(f.admin, "updateSecurityGroup", { id: String(defaultGroup.id), name: "other" }), 431, 4350, "The default security group cannot be renamed");
  });

  it("refuses to delete the default group and groups in use; deletes a group with its rules", async () => {
    const defaultGroup = (await f.list(f.user, "listSecurityGroups", { securitygroupname: "default" }))[0];
    assertError(await f.call(f.user, "deleteSecurityGroup", { id: String(defaultGroup.id) }), 431, 4350, "The network group default is reserved");
    const db = (await f.call(f.user, "createSecurityGroup", { name: "db" })).body.securitygroup as Obj;
    const allowed = jobObject(
      await f.job(f.user, "authorizeSecurityGroupIngress", { securitygroupid: String(db.id), protocol: "tcp", startport: "5432", endport: "5432", "usersecuritygrouplist[0].account": "user", "usersecuritygrouplist[0].group": "web" }),
      "securitygroup",
    );
    assertError(await f.call(f.user, "deleteSecurityGroup", { id: String(web.id) }), 536, 9999, "Cannot delete group when there are security rules that allow this group");
    await f.job(f.user, "revokeSecurityGroupIngress", { id: String((allowed.ingressrule as Obj[])[0].ruleid) });
    const vm = jobObject(
      await f.job(f.user, "deployVirtualMachine", { zoneid: c.basicZoneId, serviceofferingid: c.offeringId, templateid: c.templateId, securitygroupids: String(web.id) }),
      "virtualmachine",
    );
    assertError(await f.call(f.user, "deleteSecurityGroup", { id: String(web.id) }), 536, 9999, "Cannot delete group when it's in use by virtual machines");
    await expunge(f, vm.id);
    await ingress({ protocol: "tcp", startport: "80", endport: "80", cidrlist: "0.0.0.0/0" });
    assertError(await f.call(f.user, "deleteSecurityGroup", { id: String(web.id), name: "web" }), 431, 4350, "name and id parameters are mutually exclusive");
    assert.strictEqual((await f.call(f.user, "deleteSecurityGroup", { name: "web" })).status, 200);
    assertError(await f.call(f.user, "listSecurityGroups", { id: String(web.id) }), 431, 4350, uuidNotFoundText("id", String(web.id)));
    assertError(await f.call(f.user, "deleteSecurityGroup", {}), 431, 4350, "Either id or name parameter is required by deleteSecurityGroup command");
  });

  it("puts instances of the SG-enabled advanced zone in groups, and changes them only while stopped", async () => {
    const zone = (await f.list(f.user, "listZones", { name: "Sandbox-advanced-sg" }))[0];
    assert.deepStrictEqual([zone.networktype, zone.securitygroupsenabled], ["Advanced", true]);
    const network = (await f.list(f.user, "listNetworks", { zoneid: String(zone.id) }))[0];
    assert.deepStrictEqual([network.name, network.type, network.networkofferingname], ["sgSharedNetwork", "Shared", "DefaultSharedNetworkOfferingWithSGService"]);
    const deploy = { zoneid: String(zone.id), serviceofferingid: c.offeringId, templateid: c.templateId, networkids: String(network.id) };
    const plain = jobObject(await f.job(f.user, "deployVirtualMachine", deploy), "virtualmachine");
    assert.deepStrictEqual((plain.securitygroup as Obj[]).map((g) => g.name), ["default"]);
    const vm = jobObject(await f.job(f.user, "deployVirtualMachine", { ...deploy, securitygroupnames: "web" }), "virtualmachine");
    assert.deepStrictEqual((vm.securitygroup as Obj[]).map((g) => g.name), ["web"]);
    assertError(
      await f.call(f.user, "updateVirtualMachine", { id: String(vm.id), securitygroupnames: "default" }),
      431,
      4350,
      `VM ${String(vm.id)} must be stopped prior to update security groups`,
    );
    f.sim.model.state.vms.find((v) => v.uuid === vm.id)!.state = "Stopped";
    const updated = await f.call(f.user, "updateVirtualMachine", { id: String(vm.id), securitygroupnames: "default" });
    assert.deepStrictEqual(((updated.body.virtualmachine as Obj).securitygroup as Obj[]).map((g) => g.name), ["default"]);
    const isolated = await isolatedNetwork(f, c, f.user, "no-sg");
    assertError(
      await f.call(f.user, "deployVirtualMachine", { zoneid: c.zoneid, serviceofferingid: c.offeringId, templateid: c.templateId, networkids: String(isolated.id), securitygroupnames: "web" }),
      431,
      4350,
      "Can't create vm with security groups; security group feature is not enabled per zone",
    );
    await expunge(f, plain.id);
    await expunge(f, vm.id);
  });
});
