// A basic zone built through the simulator's API from nothing, as CloudStack's zone wizard builds
// one: the zone (security groups forced), a pod, one physical network with broadcast domain POD,
// Management and Guest traffic, the VirtualRouter and SecurityGroupProvider enabled, the zone
// enabled without Public traffic, the shared guest network, its IPs as a pod range, and an
// instance in a security group. With CloudStack's refusals for each step.
import * as assert from "assert";
import { startedForEachTest } from "../../support/fixture-hooks";
import { assertError, assertJobError, jobObject, startFixture, type Fixture, type Obj } from "./api-fixture";
import { enableProvider, okCall } from "./zone-admin-calls";

describe("simulator api: a basic zone from scratch", function () {
  this.timeout(20_000);
  let f: Fixture;

  startedForEachTest(startFixture, (started) => (f = started));

  const ok = (command: string, params: Record<string, string>, objectName: string) => okCall(f, command, params, objectName);

  const POD = { name: "pod1", gateway: "192.168.10.1", netmask: "255.255.255.0", startip: "192.168.10.10", endip: "192.168.10.50" };
  const GUEST = { gateway: "192.168.10.1", netmask: "255.255.255.0", startip: "192.168.10.100", endip: "192.168.10.120", forvirtualnetwork: "false" };

  /** The zone, its pod and its one physical network with Management and Guest traffic; nothing enabled. */
  async function basicZone(): Promise<{ zoneid: string; podid: string; pnetId: string }> {
    const zone = await ok("createZone", { name: "basic-scratch", networktype: "Basic", dns1: "8.8.8.8", internaldns1: "10.0.0.2" }, "zone");
    assert.strictEqual(zone.networktype, "Basic");
    assert.strictEqual(zone.securitygroupsenabled, true);
    assert.strictEqual(zone.allocationstate, "Disabled");
    const zoneid = String(zone.id);
    const pod = await ok("createPod", { zoneid, ...POD }, "pod");
    const pnet = jobObject(await f.job(f.admin, "createPhysicalNetwork", { zoneid, name: "basic-pnet" }), "physicalnetwork");
    assert.strictEqual(pnet.broadcastdomainrange, "POD");
    const pnetId = String(pnet.id);
    for (const traffictype of ["Management", "Guest"]) jobObject(await f.job(f.admin, "addTrafficType", { physicalnetworkid: pnetId, traffictype }), "traffictype");
    return { zoneid, podid: String(pod.id), pnetId };
  }


  const sgOffering = () => f.offeringId("DefaultSharedNetworkOfferingWithSGService");

  async function deploy(zoneid: string, networkid: string, extra: Record<string, string> = {}): Promise<Obj> {
    const [template] = await f.list(f.admin, "listTemplates", { templatefilter: "executable", zoneid });
    const [service] = await f.list(f.admin, "listServiceOfferings", {});
    return f.job(f.admin, "deployVirtualMachine", { zoneid, templateid: String(template.id), serviceofferingid: String(service.id), networkids: networkid, ...extra });
  }

  it("builds the zone up to a running instance in a security group, its IP from the pod's range", async () => {
    const { zoneid, podid, pnetId } = await basicZone();
    await enableProvider(f, pnetId, "VirtualRouter");
    await enableProvider(f, pnetId, "SecurityGroupProvider");
    jobObject(await f.job(f.admin, "updatePhysicalNetwork", { id: pnetId, state: "Enabled" }), "physicalnetwork");
    // A basic zone needs Management traffic only; Storage is added beside it.
    const enabled = await ok("updateZone", { id: zoneid, allocationstate: "Enabled" }, "zone");
    assert.strictEqual(enabled.allocationstate, "Enabled");
    const types = await f.list(f.admin, "listTrafficTypes", { physicalnetworkid: pnetId });
    assert.deepStrictEqual(types.map((t) => t.traffictype).sort(), ["Guest", "Management", "Storage"]);

    // The guest network: no addresses of its own, untagged, domain-wide for ROOT.
    const network = await ok("createNetwork", { zoneid, name: "defaultGuestNetwork", displaytext: "defaultGuestNetwork", networkofferingid: await sgOffering() }, "network");
    assert.strictEqual(network.type, "Shared");
    assert.strictEqual(network.acltype, "Domain");
    assert.strictEqual(network.subdomainaccess, true);
    assert.strictEqual(network.vlan, "untagged");
    assert.strictEqual(network.cidr, undefined);
    const networkid = String(network.id);

    const range = await ok("createVlanIpRange", { podid, networkid, ...GUEST }, "vlan");
    assert.strictEqual(range.podid, podid);
    assert.strictEqual(range.podname, "pod1");
    assert.strictEqual(range.networkid, networkid);
    assert.strictEqual(range.forvirtualnetwork, false);
    assert.strictEqual(range.vlan, "vlan://untagged");
    assert.deepStrictEqual((await f.list(f.admin, "listVlanIpRanges", { podid })).map((r) => r.id), [range.id]);

    const group = await ok("createSecurityGroup", { name: "web" }, "securitygroup");
    const vm = jobObject(await deploy(zoneid, networkid, { securitygroupids: String(group.id) }), "virtualmachine");
    assert.strictEqual(vm.state, "Running");
    assert.deepStrictEqual((vm.securitygroup as Obj[]).map((g) => g.name), ["web"]);
    const nic = (vm.nic as Obj[])[0];
    assert.strictEqual(nic.ipaddress, "192.168.10.100");
    assert.strictEqual(nic.gateway, "192.168.10.1");
  });

  it("refuses a started instance while a provider of the network's offering is disabled", async () => {
    const { zoneid, podid, pnetId } = await basicZone();
    await enableProvider(f, pnetId, "VirtualRouter");
    await ok("updateZone", { id: zoneid, allocationstate: "Enabled" }, "zone");
    const network = await ok("createNetwork", { zoneid, name: "guest", networkofferingid: await sgOffering() }, "network");
    await ok("createVlanIpRange", { podid, networkid: String(network.id), ...GUEST }, "vlan");
    const pnet = f.sim.model.state.physicalNetworks.find((p) => p.uuid === pnetId);
    assertJobError(await deploy(zoneid, String(network.id)), 530, `Service provider SecurityGroupProvider either doesn't exist or is not enabled in physical network id: ${pnet?.id}`);
  });

  it("keeps the basic zone's physical network rules: one network, broadcast domain POD, no VLANs", async () => {
    const zoneid = String((await ok("createZone", { name: "b", networktype: "Basic", dns1: "8.8.8.8", internaldns1: "10.0.0.2" }, "zone")).id);
    assertError(
      await f.call(f.admin, "createZone", { name: "b2", networktype: "Basic", dns1: "8.8.8.8", internaldns1: "10.0.0.2", guestcidraddress: "10.1.0.0/16" }),
      431,
      4350,
      "guestCidrAddress parameter is not supported for Basic zone",
    );
    // createPhysicalNetwork fails in its create phase, before a job exists.
    assertError(await f.call(f.admin, "createPhysicalNetwork", { zoneid, name: "p", vlan: "100-200" }), 431, 4350, "Can't add vnet range to the physical network in the Basic zone");
    assertError(await f.call(f.admin, "createPhysicalNetwork", { zoneid, name: "p", broadcastdomainrange: "ZONE" }), 431, 4350, "Basic zone can have broadcast domain type of value POD only");
    jobObject(await f.job(f.admin, "createPhysicalNetwork", { zoneid, name: "p" }), "physicalnetwork");
    const second = await f.call(f.admin, "createPhysicalNetwork", { zoneid, name: "q" });
    assert.strictEqual(second.status, 530);
    assert.match(String(second.body.errortext), /there is a physical network already existing in this basic Zone$/);
  });

  it("keeps the basic zone's guest network rules (NetworkOrchestrator.createGuestNetwork)", async () => {
    const { zoneid } = await basicZone();
    const offering = await sgOffering();
    const refused = async (params: Record<string, string>, text: string) =>
      assertError(await f.call(f.admin, "createNetwork", { zoneid, name: "g", networkofferingid: offering, ...params }), 431, 4350, text);
    await refused({ acltype: "Account" }, "Only AclType=Domain can be specified for network creation in Basic zone");
    // An isolated offering makes an Account network, which a basic zone refuses first.
    await refused(
      { networkofferingid: await f.offeringId("DefaultIsolatedNetworkOfferingWithSourceNatService") },
      "Only AclType=Domain can be specified for network creation in Basic zone",
    );
    // Without domainid CloudStack makes the network ROOT's with subdomain access; with it, false is refused.
    const [root] = await f.list(f.admin, "listDomains", { name: "ROOT" });
    await refused({ domainid: String(root.id), subdomainaccess: "false" }, "Subdomain access should be set to true for the guest network in the Basic zone");
    await refused({ vlan: "100" }, "Only vlan untagged can be created in the zone of type Basic");
    await refused({ gateway: "192.168.20.1", netmask: "255.255.255.0" }, "StartIp/endIp/gateway/netmask can't be specified for zone of type Basic");
    await refused({ startip: "192.168.20.10" }, "gateway and netmask should be defined when startIP/endIP are passed in");
    await ok("createNetwork", { zoneid, name: "g", networkofferingid: offering }, "network");
    await refused({ name: "g2" }, "Can't have more than one Guest network in zone with network type Basic");
  });

  it("checks pod ranges: the pod in the zone, only in a basic zone's guest network, clear of the pod's management range; deletePod takes them", async () => {
    const { zoneid, podid } = await basicZone();
    const network = await ok("createNetwork", { zoneid, name: "guest", networkofferingid: await sgOffering() }, "network");
    const networkid = String(network.id);
    assertError(
      await f.call(f.admin, "createVlanIpRange", { podid, networkid, ...GUEST, startip: "192.168.10.40", endip: "192.168.10.60" }),
      431,
      4350,
      "The Start IP and EndIP address range overlap with private IP :192.168.10.10:192.168.10.50",
    );
    const other = await ok("createZone", { name: "advanced-other", networktype: "Advanced", dns1: "8.8.8.8", internaldns1: "10.0.0.2", guestcidraddress: "10.20.0.0/16" }, "zone");
    const otherPod = await ok("createPod", { zoneid: String(other.id), ...POD, name: "pod-a" }, "pod");
    const foreign = await f.call(f.admin, "createVlanIpRange", { podid: String(otherPod.id), networkid, ...GUEST });
    assert.strictEqual(foreign.status, 431);
    assert.match(String(foreign.body.errortext), /^Pod HostPod \{"id": \d+, "uuid": "[0-9a-f-]+", "name": "pod-a"\} doesn't belong to zone id=\d+$/);
    // Without networkid, CloudStack takes the basic zone's one guest network.
    const range = await ok("createVlanIpRange", { zoneid, podid, ...GUEST }, "vlan");
    assert.strictEqual(range.networkid, networkid);
    assertError(await f.call(f.admin, "createVlanIpRange", { podid: "not-a-pod", networkid, ...GUEST }), 431, 4350, "Invalid parameter podid value=not-a-pod due to incorrect long value format, or entity does not exist or due to incorrect parameter annotation for the field in api cmd class.");

    const deleted = await f.call(f.admin, "deletePod", { id: podid });
    assert.strictEqual(deleted.status, 200, JSON.stringify(deleted.body));
    assert.deepStrictEqual(await f.list(f.admin, "listVlanIpRanges", { networkid }), []);
    assert.strictEqual(f.sim.model.state.publicIps.filter((ip) => ip.vlanRangeUuid === range.id).length, 0, "the range's addresses go too");
  });

  it("refuses a pod range in an advanced zone", async () => {
    const zone = await ok("createZone", { name: "adv", networktype: "Advanced", dns1: "8.8.8.8", internaldns1: "10.0.0.2", guestcidraddress: "10.20.0.0/16" }, "zone");
    const zoneid = String(zone.id);
    const pod = await ok("createPod", { zoneid, ...POD }, "pod");
    jobObject(await f.job(f.admin, "createPhysicalNetwork", { zoneid, name: "p", vlan: "100-110" }), "physicalnetwork");
    assertError(
      await f.call(f.admin, "createVlanIpRange", { zoneid, podid: String(pod.id), forvirtualnetwork: "true", vlan: "untagged", gateway: "203.0.113.1", netmask: "255.255.255.0", startip: "203.0.113.10", endip: "203.0.113.20" }),
      431,
      4350,
      "Pod id can be specified only for the networks of type Guest in zone of type Basic",
    );
  });
});
