import * as assert from "assert";
import { startedForSuite } from "../../support/fixture-hooks";
import { expunge, nicsOf, startWithCatalog, type Catalog } from "./api-instances-fixture";
import { assertError, jobObject, type Fixture, type Obj } from "./api-fixture";

describe("simulator api: the basic zone (security groups, elastic IPs)", function () {
  this.timeout(20_000);
  let f: Fixture;
  let c: Catalog;
  let basicNetwork: Obj;

  startedForSuite(startWithCatalog, async (started) => {
    ({ f, c } = started);
    basicNetwork = (await f.list(f.user, "listNetworks", { zoneid: c.basicZoneId }))[0];
  });

  const basicDeploy = (extra: Record<string, string> = {}): Record<string, string> => ({
    zoneid: c.basicZoneId,
    serviceofferingid: c.offeringId,
    templateid: c.templateId,
    ...extra,
  });

  it("is a Basic zone with security groups and one shared network on the NetScaler EIP offering", async () => {
    const zone = (await f.list(f.user, "listZones", { id: c.basicZoneId }))[0];
    assert.strictEqual(zone.name, "Sandbox-basic");
    assert.strictEqual(zone.networktype, "Basic");
    assert.strictEqual(zone.securitygroupsenabled, true);
    assert.strictEqual(basicNetwork.type, "Shared");
    assert.strictEqual(basicNetwork.networkofferingname, "DefaultSharedNetscalerEIPandELBNetworkOffering");
    const services = basicNetwork.service as Obj[];
    const staticNat = services.find((s) => s.name === "StaticNat") as Obj;
    assert.deepStrictEqual(staticNat.provider, [{ name: "Netscaler" }]);
    const caps = Object.fromEntries((staticNat.capability as Obj[]).map((cap) => [cap.name, cap.value]));
    assert.deepStrictEqual(caps, { ElasticIp: "true", AssociatePublicIP: "true" });
    assert.deepStrictEqual((services.find((s) => s.name === "Lb") as Obj).provider, [{ name: "Netscaler" }]);
    assert.ok(services.some((s) => s.name === "SecurityGroup"));
    const offering = (await f.list(f.user, "listNetworkOfferings", { name: "DefaultSharedNetscalerEIPandELBNetworkOffering" }))[0];
    const offeringCaps = ((offering.service as Obj[]).find((s) => s.name === "StaticNat") as Obj).capability as Obj[];
    assert.ok(offeringCaps.some((cap) => cap.name === "ElasticIp" && cap.value === "true"));
  });

  it("each account has a default security group", async () => {
    const groups = await f.list(f.user, "listSecurityGroups");
    assert.deepStrictEqual(
      groups.map((g) => [g.name, g.account, g.description]),
      [["default", "user", "Default Security Group"]],
    );
    assert.deepStrictEqual(groups[0].ingressrule, []);
  });

  it("a new instance gets a guest IP, the default group and a system public IP with static NAT", async () => {
    const vm = jobObject(await f.job(f.user, "deployVirtualMachine", basicDeploy({ name: "web" })), "virtualmachine");
    const [nic] = nicsOf(vm);
    assert.strictEqual(nic.networkid, basicNetwork.id);
    assert.strictEqual(nic.ipaddress, "10.147.29.100");
    assert.strictEqual(nic.gateway, "10.147.29.1");
    assert.deepStrictEqual((vm.securitygroup as Obj[]).map((g) => g.name), ["default"]);
    assert.match(String(vm.publicip), /^192\.168\.3\.\d+$/);
    assert.strictEqual(nic.publicip, vm.publicip);
    const ip = (await f.list(f.user, "listPublicIpAddresses", { id: String(vm.publicipid) }))[0];
    assert.strictEqual(ip.ipaddress, vm.publicip);
    assert.strictEqual(ip.issystem, true);
    assert.strictEqual(ip.isstaticnat, true);
    assert.strictEqual(ip.virtualmachineid, vm.id);
    assert.strictEqual(ip.vmipaddress, "10.147.29.100");
    const group = (await f.list(f.user, "listSecurityGroups", { securitygroupname: "default" }))[0];
    assert.deepStrictEqual(group.virtualmachineids, [vm.id]);
    assert.strictEqual(group.virtualmachinecount, 1);
    // Expunging gives the system IP back.
    await expunge(f, vm.id);
    const after = (await f.list(f.admin, "listPublicIpAddresses", { id: String(vm.publicipid), allocatedonly: "false" }))[0];
    assert.strictEqual(after.state, "Free");
    assert.strictEqual(after.isstaticnat, false);
  });

  it("an acquired IP with static NAT replaces the system IP; disabling it gives the instance a fresh system IP", async () => {
    const vm = jobObject(await f.job(f.user, "deployVirtualMachine", basicDeploy()), "virtualmachine");
    const systemIp = String(vm.publicip);
    const acquired = jobObject(await f.job(f.user, "associateIpAddress", { zoneid: c.basicZoneId }), "ipaddress");
    const enabled = await f.call(f.user, "enableStaticNat", { ipaddressid: String(acquired.id), virtualmachineid: String(vm.id) });
    assert.strictEqual(enabled.status, 200, JSON.stringify(enabled.body));
    const withAcquired = (await f.list(f.user, "listVirtualMachines", { id: String(vm.id) }))[0];
    assert.strictEqual(withAcquired.publicip, acquired.ipaddress);
    // The system IP went back to the pool when the acquired IP took over.
    assert.deepStrictEqual(await f.list(f.user, "listPublicIpAddresses", { ipaddress: systemIp }), []);
    const disabled = await f.job(f.user, "disableStaticNat", { ipaddressid: String(acquired.id) });
    assert.strictEqual(disabled.jobstatus, 1, JSON.stringify(disabled));
    const fresh = (await f.list(f.user, "listVirtualMachines", { id: String(vm.id) }))[0];
    assert.match(String(fresh.publicip), /^192\.168\.3\.\d+$/);
    assert.notStrictEqual(fresh.publicip, acquired.ipaddress);
    const freshIp = (await f.list(f.user, "listPublicIpAddresses", { id: String(fresh.publicipid) }))[0];
    assert.strictEqual(freshIp.issystem, true);
    assert.strictEqual(freshIp.isstaticnat, true);
    // The user holds the acquired IP (no static NAT now) and one system IP with static NAT to the instance.
    const held = await f.list(f.user, "listPublicIpAddresses", { zoneid: c.basicZoneId });
    assert.deepStrictEqual(
      held.map((h) => [h.ipaddress, h.issystem, h.isstaticnat]).sort(),
      [
        [acquired.ipaddress, false, false],
        [fresh.publicip, true, true],
      ].sort(),
    );
    await expunge(f, vm.id);
  });

  it("security groups by name or id; the two lists exclude each other; 'default' is taken", async () => {
    const created = await f.call(f.user, "createSecurityGroup", { name: "web", description: "web servers" });
    assert.strictEqual(created.status, 200, JSON.stringify(created.body));
    const web = created.body.securitygroup as Obj;
    assert.strictEqual(web.name, "web");
    assertError(await f.call(f.user, "createSecurityGroup", { name: "default" }), 431, 4350, "Unable to create security group, a group with name default already exists.");
    assertError(
      await f.call(f.user, "createSecurityGroup", { name: "web" }),
      431,
      4350,
      "Unable to create security group, a group with name web already exists.",
    );
    const vm = jobObject(await f.job(f.user, "deployVirtualMachine", basicDeploy({ securitygroupnames: "web,default" })), "virtualmachine");
    assert.deepStrictEqual((vm.securitygroup as Obj[]).map((g) => g.name), ["web", "default"]);
    const byId = jobObject(await f.job(f.user, "deployVirtualMachine", basicDeploy({ securitygroupids: String(web.id) })), "virtualmachine");
    assert.deepStrictEqual((byId.securitygroup as Obj[]).map((g) => g.name), ["web"]);
    assertError(
      await f.call(f.user, "deployVirtualMachine", basicDeploy({ securitygroupids: String(web.id), securitygroupnames: "web" })),
      431,
      4350,
      "securitygroupids parameter is mutually exclusive with securitygroupnames parameter",
    );
    const members = await f.list(f.user, "listSecurityGroups", { virtualmachineid: String(byId.id) });
    assert.deepStrictEqual(members.map((g) => g.name), ["web"]);
    await expunge(f, vm.id);
    await expunge(f, byId.id);
  });
});
