// VNF appliances through the simulator's API: deployVnfAppliance's checks in CloudStack's order
// and texts, the management rules VnfTemplateManagerImpl makes (isolated network, security
// groups), listVnfAppliances, and what expunging leaves.
import * as assert from "assert";
import { startedForSuite } from "../../support/fixture-hooks";
import { assertError, jobObject, type Fixture, type Obj } from "./api-fixture";
import { deployParams, expunge, isolatedNetwork, registerVnfTemplate, startWithCatalog, type Catalog } from "./api-instances-fixture";

describe("simulator api: VNF appliances", function () {
  this.timeout(20_000);
  let f: Fixture;
  let c: Catalog;
  let vnfTemplateId: string;
  let lan: string;
  let mgmt: string;

  startedForSuite(startWithCatalog, async (started) => {
    ({ f, c } = started);
    const template = await registerVnfTemplate(f, f.user, c.zoneid, {
      "vnfnics[1].deviceid": "1",
      "vnfnics[1].name": "LAN",
      "vnfnics[1].management": "false",
      "vnfdetails[0].access_methods": "ssh-key,http,console",
      "vnfdetails[1].http_port": "not-a-number",
    });
    vnfTemplateId = String(template.id);
    await f.templateReady(vnfTemplateId);
    mgmt = String((await isolatedNetwork(f, c, f.user, "vnf-mgmt")).id);
    lan = String((await isolatedNetwork(f, c, f.user, "vnf-lan")).id);
  });

  const params = (extra: Record<string, string>) => deployParams(c, { templateid: vnfTemplateId, networkids: `${mgmt},${lan}`, ...extra });

  it("refuses a bad CIDR, a template that is not VNF, and missing required NICs, before anything is made", async () => {
    assertError(await f.call(f.user, "deployVnfAppliance", params({ vnfcidrlist: "10.0.0.0/8,bad" })), 431, 4350, "Invalid cidr for VNF appliance: bad");
    assertError(await f.call(f.user, "deployVnfAppliance", params({ templateid: c.templateId })), 431, 4350, "Can't deploy VNF appliance from a non-VNF template");
    const missing = await f.call(f.user, "deployVnfAppliance", params({ networkids: mgmt }));
    assert.strictEqual(missing.status, 431);
    assert.match(String(missing.body.errortext), /^VNF nic is required but not found: Template \{"id":\d+,"templateId":\d+,"deviceId":1,"required":true\}$/);
    // deployVirtualMachine checks a VNF template's NICs too (UserVmManagerImpl.verifyTemplate).
    assertError(await f.call(f.user, "deployVirtualMachine", params({ networkids: mgmt })), 431, 4350, String(missing.body.errortext));
    assert.deepStrictEqual(await f.list(f.user, "listVnfAppliances", {}), []);
  });

  it("gives the management NIC a public IP with static NAT and firewall rules, lists VNF instances apart, and expunging keeps the IP", async () => {
    const vm = jobObject(await f.job(f.user, "deployVnfAppliance", params({ vnfcidrlist: "198.51.100.0/24" })), "virtualmachine");
    assert.deepStrictEqual((vm.vnfnics as Obj[]).map((n) => n.name), ["MGMT", "LAN"]);
    assert.deepStrictEqual(vm.vnfdetails, { access_methods: "console,http,ssh-key", http_port: "not-a-number" });
    const ips = await f.list(f.user, "listPublicIpAddresses", { associatednetworkid: mgmt });
    const nat = ips.filter((ip) => ip.isstaticnat === true);
    assert.deepStrictEqual([ips.length, nat.length, nat[0].virtualmachineid, nat[0].issourcenat], [2, 1, vm.id, false], "a source NAT IP and the management IP");
    const rules = await f.list(f.user, "listFirewallRules", { ipaddressid: String(nat[0].id) });
    assert.deepStrictEqual(rules.map((r) => [r.protocol, r.startport, r.cidrlist, r.state]).sort(), [
      ["tcp", 22, "198.51.100.0/24", "Active"],
      ["tcp", 80, "198.51.100.0/24", "Active"],
    ], "ssh on 22, http on its default since http_port is not a number, console nothing");
    const lanIps = await f.list(f.user, "listPublicIpAddresses", { associatednetworkid: lan });
    assert.deepStrictEqual(lanIps.map((ip) => [ip.issourcenat, ip.isstaticnat]), [[true, false]], "only its source NAT IP: the LAN NIC is not a management NIC");

    const plain = jobObject(await f.job(f.user, "deployVirtualMachine", deployParams(c, { networkids: lan })), "virtualmachine");
    assert.deepStrictEqual((await f.list(f.user, "listVnfAppliances", {})).map((v) => v.id), [vm.id]);
    assert.deepStrictEqual((await f.list(f.user, "listVirtualMachines", { isvnf: "false" })).map((v) => v.id), [plain.id]);

    assertError(await f.call(f.user, "updateVirtualMachine", { id: String(vm.id), name: String(plain.name) }), 431, 4350, `The vm with hostName ${String(plain.name)} already exists in the network domain: ${String((await f.list(f.user, "listNetworks", { id: lan }))[0].networkdomain ?? "")}; network=vnf-lan`);
    const renamed = await f.call(f.user, "updateVirtualMachine", { id: String(vm.id), name: "fw-renamed" });
    assert.strictEqual((renamed.body.virtualmachine as Obj).name, "fw-renamed");

    await expunge(f, vm.id);
    await expunge(f, plain.id);
    const after = (await f.list(f.user, "listPublicIpAddresses", { id: String(nat[0].id) }))[0];
    assert.deepStrictEqual([after.state, after.isstaticnat], ["Allocated", false], "expunge disables static NAT; the IP stays the account's");
    assert.deepStrictEqual(await f.list(f.user, "listFirewallRules", { ipaddressid: String(nat[0].id) }), [], "and revokes its firewall rules");
  });

  it("in a security-group zone makes a VNF_SecurityGroup_ group only when vnfconfiguremanagement is true", async () => {
    const [zone] = await f.list(f.admin, "listZones", { name: "Sandbox-advanced-sg" });
    const [shared] = await f.list(f.admin, "listNetworks", { zoneid: String(zone.id), listall: "true" });
    const templateid = String((await registerVnfTemplate(f, f.admin, String(zone.id), { name: "vnf-sg", "vnfdetails[0].access_methods": "https" })).id);
    await f.templateReady(templateid);
    const sgParams = (extra: Record<string, string>) => ({ zoneid: String(zone.id), serviceofferingid: c.offeringId, templateid, networkids: String(shared.id), ...extra });
    const plain = jobObject(await f.job(f.admin, "deployVnfAppliance", sgParams({})), "virtualmachine");
    assert.deepStrictEqual((plain.securitygroup as Obj[]).map((g) => g.name), ["default"], "false when omitted");
    const managed = jobObject(await f.job(f.admin, "deployVnfAppliance", sgParams({ vnfconfiguremanagement: "true" })), "virtualmachine");
    const [group] = managed.securitygroup as Obj[];
    assert.match(String(group.name), /^VNF_SecurityGroup_[0-9a-f]+$/);
    assert.deepStrictEqual([group.description, (group.ingressrule as Obj[]).map((r) => [r.protocol, r.startport, r.cidr])], ["Security group for VNF appliance", [["tcp", 443, "0.0.0.0/0"]]]);
    await expunge(f, managed.id);
    await expunge(f, plain.id);
    assert.strictEqual((await f.list(f.admin, "listSecurityGroups", { id: String(group.id) })).length, 1, "expunging leaves the group");
  });
});
