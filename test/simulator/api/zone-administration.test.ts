// Zone administration through the simulator's API: an advanced zone built from nothing up to an
// instance, and CloudStack's rules on zones, pods, physical networks, traffic types and providers.
import * as assert from "assert";
import { startedForEachTest } from "../../support/fixture-hooks";
import { assertError, assertJobError, jobObject, startFixture, type Fixture, type Obj } from "./api-fixture";
import { enableProvider, okCall } from "./zone-admin-calls";

describe("simulator api: zone administration", function () {
  this.timeout(20_000);
  let f: Fixture;

  startedForEachTest(startFixture, (started) => (f = started));

  const ok = (command: string, params: Record<string, string>, objectName: string) => okCall(f, command, params, objectName);

  const newZone = (name = "scratch", extra: Record<string, string> = {}) =>
    ok("createZone", { name, networktype: "Advanced", dns1: "8.8.8.8", internaldns1: "10.0.0.2", guestcidraddress: "10.10.0.0/16", ...extra }, "zone");

  async function newPnet(zoneid: string, extra: Record<string, string> = {}): Promise<Obj> {
    return jobObject(await f.job(f.admin, "createPhysicalNetwork", { zoneid, name: "pnet", isolationmethods: "VLAN", vlan: "300-310", ...extra }), "physicalnetwork");
  }

  const addTraffic = async (physicalnetworkid: string, traffictype: string, extra: Record<string, string> = {}) =>
    f.job(f.admin, "addTrafficType", { physicalnetworkid, traffictype, ...extra });



  it("builds an advanced zone from nothing up to a running instance on an isolated network", async () => {
    const zone = await newZone();
    assert.strictEqual(zone.allocationstate, "Disabled");
    const zoneid = String(zone.id);
    await ok("createPod", { zoneid, name: "pod1", gateway: "172.16.0.1", netmask: "255.255.255.0", startip: "172.16.0.10", endip: "172.16.0.50" }, "pod");
    const pnet = await newPnet(zoneid);
    assert.strictEqual(pnet.state, "Disabled");
    assert.strictEqual(pnet.vlan, "300-310");
    const pnetId = String(pnet.id);
    const providers = await f.list(f.admin, "listNetworkServiceProviders", { physicalnetworkid: pnetId });
    assert.deepStrictEqual(providers.map((p) => [p.name, p.state]).sort(), [
      ["ConfigDrive", "Disabled"],
      ["InternalLbVm", "Disabled"],
      ["SecurityGroupProvider", "Disabled"],
      ["VirtualRouter", "Disabled"],
      ["VpcVirtualRouter", "Disabled"],
    ]);
    for (const type of ["Management", "Guest", "Public"]) jobObject(await addTraffic(pnetId, type, { kvmnetworklabel: "cloudbr0" }), "traffictype");
    await enableProvider(f, pnetId, "VirtualRouter");
    jobObject(await f.job(f.admin, "updatePhysicalNetwork", { id: pnetId, state: "Enabled" }), "physicalnetwork");
    const enabled = await ok("updateZone", { id: zoneid, allocationstate: "Enabled" }, "zone");
    assert.strictEqual(enabled.allocationstate, "Enabled");
    // Enabling added the missing Storage traffic type beside Management.
    const types = await f.list(f.admin, "listTrafficTypes", { physicalnetworkid: pnetId });
    assert.deepStrictEqual(types.map((t) => t.traffictype).sort(), ["Guest", "Management", "Public", "Storage"]);
    assert.strictEqual(types.find((t) => t.traffictype === "Storage")?.kvmnetworklabel, "cloudbr0");

    const range = await f.call(f.admin, "createVlanIpRange", { zoneid, forvirtualnetwork: "true", vlan: "untagged", gateway: "203.0.113.1", netmask: "255.255.255.0", startip: "203.0.113.10", endip: "203.0.113.20" });
    assert.strictEqual(range.status, 200, JSON.stringify(range.body));
    const offering = await f.offeringId("DefaultIsolatedNetworkOfferingWithSourceNatService");
    const network = await ok("createNetwork", { zoneid, name: "tier", displaytext: "tier", networkofferingid: offering }, "network");
    assert.strictEqual(network.cidr, "10.10.0.0/16");
    const [template] = await f.list(f.admin, "listTemplates", { templatefilter: "executable", zoneid });
    assert.ok(template, "a zone with a pod offers the cross-zone templates");
    const [service] = await f.list(f.admin, "listServiceOfferings", {});
    const vm = jobObject(
      await f.job(f.admin, "deployVirtualMachine", { zoneid, templateid: String(template.id), serviceofferingid: String(service.id), networkids: String(network.id) }),
      "virtualmachine",
    );
    assert.strictEqual(vm.state, "Running");
    const [pod] = f.sim.model.state.pods;
    assert.strictEqual(vm.hostid, pod.capacity.hostUuid);
    const nat = f.sim.model.state.publicIps.find((ip) => ip.isSourceNat && ip.associatedNetworkUuid === network.id);
    assert.ok(nat && nat.address.startsWith("203.0.113."), "the source NAT IP comes from the new zone's public range");
    // The VLAN came from the new physical network's range.
    assert.strictEqual(f.sim.model.state.networks.find((n) => n.uuid === network.id)?.vlan, "300");
  });

  it("refuses a physical network in an enabled zone (531) and enabling without Management or Public traffic", async () => {
    const zoneid = String((await newZone()).id);
    const pnetId = String((await newPnet(zoneid)).id);
    const enableRefused = async (missing: string) =>
      assertError(
        await f.call(f.admin, "updateZone", { id: zoneid, allocationstate: "Enabled" }),
        431,
        4350,
        `Cannot enable this Zone since: Unable to find the default physical network with traffic=${missing} in the specified zone id`,
      );
    await enableRefused("Management");
    jobObject(await addTraffic(pnetId, "Management"), "traffictype");
    await enableRefused("Public");
    jobObject(await addTraffic(pnetId, "Public"), "traffictype");
    await ok("updateZone", { id: zoneid, allocationstate: "Enabled" }, "zone");
    const refused = await f.call(f.admin, "createPhysicalNetwork", { zoneid, name: "late" });
    assert.strictEqual(refused.status, 531);
    assert.match(String(refused.body.errortext), /^Cannot create PhysicalNetwork since the Zone is currently enabled, zone: Zone \{"id": \d+, "name": "scratch", "uuid": "[0-9a-f-]+"\}$/);
    await ok("updateZone", { id: zoneid, allocationstate: "Disabled" }, "zone");
    await newPnet(zoneid, { name: "late", vlan: "300-305" });
  });

  it("keeps the zone's checks: names, DNS, guest CIDR, types; updateZone changes what it names", async () => {
    const refused = async (extra: Record<string, string>, text: string) =>
      assertError(await f.call(f.admin, "createZone", { name: "z", networktype: "Advanced", dns1: "8.8.8.8", internaldns1: "10.0.0.2", ...extra }), 431, 4350, text);
    await refused({ networktype: "Edge" }, "Invalid zone type; only Advanced and Basic values are supported");
    await refused({ networktype: "Basic", guestcidraddress: "10.1.0.0/16" }, "guestCidrAddress parameter is not supported for Basic zone");
    await refused({ dns1: "8.8.8" }, "Please enter a valid IP address for DNS1");
    await refused({ guestcidraddress: "8.8.0.0/16" }, "Please enter a valid guest cidr");
    await refused({ name: "Sandbox-simulator" }, "A zone with that name already exists. Please specify a unique zone name.");
    const basic = await ok("createZone", { name: "b", networktype: "Basic", dns1: "8.8.8.8", internaldns1: "10.0.0.2" }, "zone");
    assert.strictEqual(basic.securitygroupsenabled, true);
    const zone = await newZone();
    const updated = await ok("updateZone", { id: String(zone.id), name: "renamed", dns2: "8.8.4.4", domain: "corp.example" }, "zone");
    assert.deepStrictEqual([updated.name, updated.dns1, updated.dns2, updated.domain, updated.guestcidraddress], ["renamed", "8.8.8.8", "8.8.4.4", "corp.example", "10.10.0.0/16"]);
    const unknown = await f.call(f.admin, "updateZone", { id: String(zone.id), securitygroupenabled: "true" });
    assert.strictEqual(unknown.status, 431, "updateZone has no securitygroupenabled");
    assert.strictEqual((await f.call(f.user, "createZone", { name: "u", networktype: "Advanced", dns1: "8.8.8.8", internaldns1: "10.0.0.2" })).status, 432);
  });

  it("blocks deleting a zone while it has pods or physical networks, then deletes it", async () => {
    const zoneid = String((await newZone()).id);
    const pod = await ok("createPod", { zoneid, name: "pod1", gateway: "172.16.0.1", netmask: "255.255.255.0", startip: "172.16.0.10", endip: "172.16.0.50" }, "pod");
    const pnetId = String((await newPnet(zoneid)).id);
    assertError(await f.call(f.admin, "deleteZone", { id: zoneid }), 530, 4250, "The zone cannot be deleted because there are pods in this zone.");
    assert.strictEqual((await f.call(f.admin, "deletePod", { id: String(pod.id) })).status, 200);
    assertError(await f.call(f.admin, "deleteZone", { id: zoneid }), 530, 4250, "The zone cannot be deleted because there are physical networks in this zone.");
    assert.strictEqual((await f.job(f.admin, "deletePhysicalNetwork", { id: pnetId })).jobstatus, 1);
    assert.deepStrictEqual(await f.list(f.admin, "listNetworkServiceProviders", { physicalnetworkid: pnetId }).catch(() => []), []);
    assert.strictEqual(f.sim.model.state.networkServiceProviders.filter((p) => p.physicalNetworkUuid === pnetId).length, 0);
    assert.strictEqual((await f.call(f.admin, "deleteZone", { id: zoneid })).status, 200);
    assert.deepStrictEqual(await f.list(f.admin, "listZones", { name: "scratch" }), []);
  });

  it("checks pods: unique names in a zone, the gateway outside the range, the range inside the subnet", async () => {
    const zoneid = String((await newZone()).id);
    const pod = (extra: Record<string, string>) =>
      f.call(f.admin, "createPod", { zoneid, name: "pod1", gateway: "172.16.0.1", netmask: "255.255.255.0", startip: "172.16.0.10", endip: "172.16.0.50", ...extra });
    assertError(await pod({ gateway: "172.16.0.20" }), 431, 4350, "The gateway shouldn't overlap start/end ip addresses");
    assertError(await pod({ endip: "172.16.1.50" }), 431, 4350, "The end address of the IP range is not in the CIDR subnet.");
    const made = await pod({});
    assert.strictEqual(made.status, 200);
    const zone = f.sim.model.state.zones.find((z) => z.uuid === zoneid);
    assertError(await pod({}), 431, 4350, `A pod with name: pod1 already exists in zone ${zone?.id}. Please specify a different pod name. `);
    const updated = await ok("updatePod", { id: String((made.body.pod as Obj).id), endip: "172.16.0.60", name: "pod-a" }, "pod");
    assert.deepStrictEqual([updated.name, updated.endip], ["pod-a", ["172.16.0.60"]]);
  });

  it("replaces the VLAN list on update, keeps allocated or dedicated VLANs, never compares VLANs across physical networks", async () => {
    const zoneid = String((await newZone()).id);
    const pnet = await newPnet(zoneid, { vlan: "300-310" });
    const pnetId = String(pnet.id);
    const replaced = jobObject(await f.job(f.admin, "updatePhysicalNetwork", { id: pnetId, vlan: "400-410,411-420,500-505" }), "physicalnetwork");
    assert.strictEqual(replaced.vlan, "400-420,500-505");
    // A second physical network of the zone may reuse the same VLANs.
    const other = await newPnet(zoneid, { name: "other", vlan: "400-420", tags: "second" });
    assert.strictEqual(other.vlan, "400-420");
    f.sim.model.state.physicalNetworks.find((p) => p.uuid === pnetId)!.allocatedVnets["402"] = "some-network";
    const shrink = await f.job(f.admin, "updatePhysicalNetwork", { id: pnetId, vlan: "403-420" });
    const internalId = f.sim.model.state.physicalNetworks.find((p) => p.uuid === pnetId)?.id;
    assertJobError(shrink, 431, `physicalnetwork PhysicalNetwork {"id": ${internalId}, "name": "pnet", "uuid": "${pnetId}"} has allocated vnets in the range 400-402`);
    assertJobError(await f.job(f.admin, "updatePhysicalNetwork", { id: pnetId, vlan: "410-400" }), 431, "Vnet range has to be between 0 and 4095 and start range should be lesser than or equal to stop range");
    assertError(await f.call(f.admin, "createPhysicalNetwork", { zoneid, name: "bad", vlan: "1-5000", tags: "third" }), 530, 4250, "Fail to create a physical network");
    assertError(await f.call(f.admin, "createPhysicalNetwork", { zoneid, name: "bad", isolationmethods: "VLAN,VXLAN" }), 431, 4350, "Only one isolationMethod can be specified for a physical network at this time");
  });

  it("checks VXLAN VNIs across the zone's physical networks", async () => {
    const zoneid = String((await newZone()).id);
    await newPnet(zoneid, { isolationmethods: "VXLAN", vlan: "5000-5010" });
    const clash = await f.call(f.admin, "createPhysicalNetwork", { zoneid, name: "vx2", isolationmethods: "VXLAN", vlan: "5005-5020", tags: "b" });
    assertError(clash, 530, 4250, "Fail to create a physical network");
    const pnet2 = await newPnet(zoneid, { name: "vx2", isolationmethods: "VXLAN", vlan: "6000-6010", tags: "b" });
    const job = await f.job(f.admin, "updatePhysicalNetwork", { id: String(pnet2.id), vlan: "5005-5006" });
    assert.strictEqual(job.jobresultcode, 431);
    assert.match(String((job.jobresult as Obj).errortext), /^VNI 5005 already exists on another network in zone \(Zone \{.*\}\), please specify a unique range$/);
  });

  it("keeps traffic types unique per physical network and system types unique per zone; labels update in place", async () => {
    const zoneid = String((await newZone()).id);
    const pnetId = String((await newPnet(zoneid)).id);
    const mgmt = jobObject(await addTraffic(pnetId, "Management", { kvmnetworklabel: "cloudbr0", vmwarenetworklabel: "vSwitch0" }), "traffictype");
    assertError(await f.call(f.admin, "addTrafficType", { physicalnetworkid: pnetId, traffictype: "Management" }), 530, 4250, "This physical network already supports the traffic type: Management");
    assertError(await f.call(f.admin, "addTrafficType", { physicalnetworkid: pnetId, traffictype: "management" }), 431, 4350, "Unable to resolve trafficType 'management' to a supported value");
    const second = String((await newPnet(zoneid, { name: "second", tags: "storage" })).id);
    assertError(
      await f.call(f.admin, "addTrafficType", { physicalnetworkid: second, traffictype: "Management" }),
      530,
      4250,
      "Fail to add the traffic type to physical network because Zone already has a physical network with this traffic type: Management",
    );
    jobObject(await addTraffic(pnetId, "Guest"), "traffictype");
    const third = String((await newPnet(zoneid, { name: "third" })).id);
    const untagged = await f.call(f.admin, "addTrafficType", { physicalnetworkid: third, traffictype: "Guest" });
    assert.strictEqual(untagged.status, 530);
    assert.match(String(untagged.body.errortext), /^There are more than 1 physical network without tags in the zone: Zone \{/);
    const updated = jobObject(await f.job(f.admin, "updateTrafficType", { id: String(mgmt.id), kvmnetworklabel: "cloudbr1", vmwarenetworklabel: "" }), "traffictype");
    assert.strictEqual(updated.kvmnetworklabel, "cloudbr1");
    assert.strictEqual(updated.vmwarenetworklabel, undefined);
    assert.strictEqual((await f.job(f.admin, "deleteTrafficType", { id: String(mgmt.id) })).jobstatus, 1);
  });

  it("enables a provider only once its element is configured; refuses duplicates, unknown names and Shutdown", async () => {
    const zoneid = String((await newZone()).id);
    const pnetId = String((await newPnet(zoneid)).id);
    const [vr] = await f.list(f.admin, "listNetworkServiceProviders", { physicalnetworkid: pnetId, name: "VirtualRouter" });
    assertJobError(
      await f.job(f.admin, "updateNetworkServiceProvider", { id: String(vr.id), state: "Enabled" }),
      530,
      "Provider is not ready, cannot Enable the provider, please configure the provider first",
    );
    const [element] = await f.list(f.admin, "listVirtualRouterElements", { nspid: String(vr.id) });
    assert.strictEqual(element.enabled, false);
    // configureVirtualRouterElement takes the element's id, not the provider's.
    assert.strictEqual((await f.call(f.admin, "configureVirtualRouterElement", { id: String(vr.id), enabled: "true" })).status, 431);
    await enableProvider(f, pnetId, "VirtualRouter");
    await enableProvider(f, pnetId, "InternalLbVm");
    await enableProvider(f, pnetId, "SecurityGroupProvider");
    assertJobError(await f.job(f.admin, "updateNetworkServiceProvider", { id: String(vr.id), state: "Shutdown" }), 431, "Updating the provider state to 'Shutdown' is not supported");
    const dup = await f.call(f.admin, "addNetworkServiceProvider", { physicalnetworkid: pnetId, name: "VirtualRouter" });
    assert.strictEqual(dup.status, 530);
    assert.match(String(dup.body.errortext), /^The 'VirtualRouter' provider already exists on physical network : PhysicalNetwork \{/);
    assertError(await f.call(f.admin, "addNetworkServiceProvider", { physicalnetworkid: pnetId, name: "Bogus" }), 431, 4350, "Invalid Network Service Provider=Bogus");
    assertError(
      await f.call(f.admin, "addNetworkServiceProvider", { physicalnetworkid: pnetId, name: "Netscaler", servicelist: "Lb,Firewall" }),
      431,
      4350,
      "Netscaler Provider cannot provide this Service specified=Firewall",
    );
    const ns = jobObject(await f.job(f.admin, "addNetworkServiceProvider", { physicalnetworkid: pnetId, name: "Netscaler", servicelist: "Lb" }), "networkserviceprovider");
    assert.deepStrictEqual([ns.state, ns.servicelist], ["Disabled", ["Lb"]]);
    const services = jobObject(await f.job(f.admin, "updateNetworkServiceProvider", { id: String(vr.id), servicelist: "Dhcp,Dns" }), "networkserviceprovider");
    assert.deepStrictEqual(services.servicelist, ["Dhcp", "Dns"]);
    assert.strictEqual((await f.job(f.admin, "deleteNetworkServiceProvider", { id: String(ns.id) })).jobstatus, 1);
  });
});
