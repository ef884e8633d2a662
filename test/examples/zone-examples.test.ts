// The zone examples through the engine stand-in against the simulator.
// advanced-zone-from-scratch through the engine stand-in against the simulator: the zone, its
// pod, physical network, traffic types and providers, the zone enabled, then a network with an
// instance; changes to the VLAN ranges and labels applied in place; destroy leaves nothing.
// custom-persistent-offering: an offering and a network on it made together, the network
// Implemented with a guest VLAN right after up, with no instance.
// vnf-appliance: a VNF template, an isolated network and the appliance, its management port open
// on a public IP CloudStack gave it, released when the stack is destroyed.
import * as assert from "assert";
import { startSimulator, RunningSimulator } from "../../simulator";
import { startedForSuite } from "../support/fixture-hooks";
import { exampleStack, hostKeptBetweenRuns, runEndToEnd } from "../support/example-stack";
import { adminList, adminListById } from "../support/simulator-lists";

describe("zone administration examples through the engine stand-in", function () {
  this.timeout(300_000);
  let sim: RunningSimulator;
  startedForSuite(() => startSimulator({ jobMs: 10 }), (started) => (sim = started));

  it("builds the zone, enables it, runs an instance there; changes in place; destroys everything", async () => {
    const { stack, cleanup } = exampleStack("advanced-zone-from-scratch", sim, hostKeptBetweenRuns);
    try {
      const up = await stack.up();
      assert.ok(up.ok, `${up.plan}\n${up.errors.join("\n")}`);
      for (const kind of ["Zone", "Pod", "PhysicalNetwork", "TrafficType", "NetworkServiceProvider", "ZoneEnablement", "IpRange", "Network", "Instance"]) {
        assert.match(up.plan, new RegExp(`\\+ cloudstack:${kind} \\S+ create`), kind);
      }
      const model = sim.model.state;
      const zone = model.zones.find((z) => z.uuid === up.outputs.zoneId);
      assert.strictEqual(zone?.allocationState, "Enabled");
      assert.strictEqual(up.outputs.zoneState, "Enabled");
      assert.deepStrictEqual(up.outputs.providerStates, ["Enabled", "Enabled"]);
      const network = model.networks.find((n) => n.uuid === up.outputs.networkId);
      assert.strictEqual(network?.zoneUuid, zone?.uuid);
      assert.ok(Number(network?.vlan) >= 1000 && Number(network?.vlan) <= 1099, `guest VLAN ${network?.vlan} from the physical network's range`);
      const vm = model.vms.find((v) => v.uuid === up.outputs.instanceId);
      assert.strictEqual(vm?.state, "Running");
      assert.strictEqual(vm?.hostUuid, model.pods.find((p) => p.zoneUuid === zone?.uuid)?.capacity.hostUuid, "the instance runs on the pod's host");
      assert.match(String(up.outputs.instanceIp), /^10\.1\.10\./);
      const sourceNat = model.publicIps.find((ip) => ip.isSourceNat && ip.associatedNetworkUuid === network?.uuid);
      assert.match(String(sourceNat?.address), /^203\.0\.113\./);

      const preview = await stack.preview();
      assert.ok(preview.ok, preview.plan);
      assert.strictEqual(preview.changed, false, preview.plan);

      stack.setConfig("advanced-zone-from-scratch:guestVlans", "1000-1199");
      stack.setConfig("advanced-zone-from-scratch:kvmLabel", "cloudbr1");
      const changes = await stack.preview();
      assert.match(changes.plan, /~ cloudstack:PhysicalNetwork physical update \[diff: ~vlanRanges\]/);
      assert.match(changes.plan, /~ cloudstack:TrafficType guest update \[diff: ~kvmLabel\]/);
      assert.doesNotMatch(changes.plan, /\+-/, "nothing is replaced");
      const applied = await stack.up();
      assert.ok(applied.ok, `${applied.plan}\n${applied.errors.join("\n")}`);
      const pnet = model.physicalNetworks.find((p) => p.uuid === up.outputs.physicalNetworkId);
      assert.deepStrictEqual(sim.model.state.physicalNetworks.find((p) => p.uuid === pnet?.uuid)?.vnetRanges, [[1000, 1199]]);
      const labels = sim.model.state.trafficTypes.filter((t) => t.physicalNetworkUuid === pnet?.uuid).map((t) => [t.trafficType, t.labels.kvm]);
      // Storage was added by CloudStack when the zone was enabled, with Management's labels of then.
      assert.deepStrictEqual(labels.sort(), [["Guest", "cloudbr1"], ["Management", "cloudbr1"], ["Public", "cloudbr1"], ["Storage", "cloudbr0"]]);

      const destroy = await stack.destroy();
      assert.ok(destroy.ok, `${destroy.plan}\n${destroy.errors.join("\n")}`);
      assert.deepStrictEqual(stack.state().resources, []);
      assert.deepStrictEqual(await adminList(sim, "listZones", "zone", { name: "advanced-zone" }), []);
      const left = sim.model.state;
      assert.deepStrictEqual(
        [left.pods, left.physicalNetworks.filter((p) => p.zoneUuid === zone?.uuid), left.trafficTypes, left.networkServiceProviders, left.providerElements].map((a) => a.length),
        [0, 0, 0, 0, 0],
      );
    } finally {
      cleanup();
    }
  });

  it("custom-persistent-offering: the network on the new offering is Implemented with a VLAN right after up, with no instance", async () => {
    await runEndToEnd("custom-persistent-offering", sim, {
      async afterUp(up) {
        assert.match(up.plan, /\+ cloudstack:NetworkOffering persistent create[\s\S]*\+ cloudstack:Network always-on create/, "the offering first, then its network");
        const offering = sim.model.state.networkOfferings.find((o) => o.uuid === up.outputs.offeringId);
        assert.deepStrictEqual([offering?.state, offering?.isPersistent, up.outputs.offeringState], ["Enabled", true, "Enabled"]);
        const network = sim.model.state.networks.find((n) => n.uuid === up.outputs.networkId);
        assert.deepStrictEqual([network?.state, network?.offeringUuid, up.outputs.networkState], ["Implemented", offering?.uuid, "Implemented"]);
        assert.match(String(up.outputs.networkVlan), /^\d+$/, "a guest VLAN allocated at creation");
        assert.strictEqual(network?.vlan, up.outputs.networkVlan);
        assert.strictEqual(sim.model.state.nics.filter((nic) => nic.networkUuid === network?.uuid).length, 0, "no instance on it");
        assert.ok(sim.model.state.publicIps.some((ip) => ip.isSourceNat && ip.associatedNetworkUuid === network?.uuid), "its source NAT IP too");
      },
      async nothingLeft(up) {
        assert.ok(sim.model.state.networkOfferings.find((o) => o.uuid === up.outputs.offeringId)?.removed, "the offering is deleted");
        assert.deepStrictEqual(await adminListById(sim, "listNetworks", "network", String(up.outputs.networkId)), []);
      },
    });
  });
  it("vnf-appliance: the appliance runs with its management port open on a public IP, released by destroy", async () => {
    await runEndToEnd("vnf-appliance", sim, {
      async afterUp(up) {
        assert.match(up.plan, /\+ cloudstack:VnfTemplate firewall-image create[\s\S]*\+ cloudstack:VnfAppliance firewall create/, "the template first, then the appliance");
        const vm = sim.model.state.vms.find((v) => v.uuid === up.outputs.applianceId);
        assert.deepStrictEqual([vm?.state, vm?.templateUuid, up.outputs.applianceState], ["Running", up.outputs.templateId, "Running"]);
        const ip = sim.model.state.publicIps.find((r) => r.address === up.outputs.managementPublicIp);
        assert.ok(ip && !ip.isSourceNat && ip.staticNat?.vmUuid === vm?.uuid, "a public IP with static NAT to the appliance");
        const rules = sim.model.state.firewallRules.filter((r) => r.ipUuid === ip?.uuid);
        assert.deepStrictEqual(rules.map((r) => [r.protocol, r.startPort, r.sourceCidrs]), [["tcp", 8443, ["198.51.100.0/24"]]]);
      },
      async nothingLeft(up) {
        assert.ok(sim.model.state.vms.find((v) => v.uuid === up.outputs.applianceId)?.removed, "the appliance is expunged");
        assert.strictEqual(sim.model.state.publicIps.find((r) => r.address === up.outputs.managementPublicIp)?.state, "Free", "its management IP is released");
        assert.strictEqual(sim.model.state.templates.some((t) => t.uuid === up.outputs.templateId), false, "the template is deleted");
      },
    });
  });
});

// basic-zone-from-scratch: the zone, its pod, its one physical network (POD), Management and Guest
// traffic, the providers, the zone enabled, the guest network with its pod range, an instance in
// a security group; a guest range change in place; destroy leaves nothing.
describe("basic-zone-from-scratch through the engine stand-in", function () {
  this.timeout(300_000);
  let sim: RunningSimulator;
  startedForSuite(() => startSimulator({ jobMs: 10 }), (started) => (sim = started));

  it("builds the basic zone, enables it without Public traffic, runs an instance in a security group; changes in place; destroys everything", async () => {
    const { stack, cleanup } = exampleStack("basic-zone-from-scratch", sim, hostKeptBetweenRuns);
    try {
      // What `make demo` runs first: a preview of the new stack, where no id is known yet.
      const first = await stack.preview();
      assert.ok(first.ok, `${first.plan}\n${first.errors.join("\n")}`);
      const up = await stack.up();
      assert.ok(up.ok, `${up.plan}\n${up.errors.join("\n")}`);
      for (const kind of ["Zone", "Pod", "PhysicalNetwork", "TrafficType", "NetworkServiceProvider", "ZoneEnablement", "Network", "IpRange", "SecurityGroup", "SecurityGroupRuleset", "Instance"]) {
        assert.match(up.plan, new RegExp(`\\+ cloudstack:${kind} \\S+ create`), kind);
      }
      const model = sim.model.state;
      const zone = model.zones.find((z) => z.uuid === up.outputs.zoneId);
      assert.deepStrictEqual([zone?.networkType, zone?.securityGroupsEnabled, zone?.allocationState], ["Basic", true, "Enabled"]);
      assert.deepStrictEqual([up.outputs.zoneState, up.outputs.securityGroupsEnabled], ["Enabled", true]);
      assert.deepStrictEqual(up.outputs.providerStates, ["Enabled", "Enabled"]);
      const pnet = model.physicalNetworks.find((p) => p.uuid === up.outputs.physicalNetworkId);
      assert.strictEqual(pnet?.broadcastDomainRange, "POD");
      const types = model.trafficTypes.filter((t) => t.physicalNetworkUuid === pnet?.uuid).map((t) => t.trafficType);
      assert.deepStrictEqual(types.sort(), ["Guest", "Management", "Storage"], "no Public traffic; Storage added at enablement");
      const network = model.networks.find((n) => n.uuid === up.outputs.networkId);
      assert.deepStrictEqual([network?.guestType, network?.aclType, network?.vlan, network?.zoneUuid], ["Shared", "Domain", "untagged", zone?.uuid]);
      const pod = model.pods.find((p) => p.zoneUuid === zone?.uuid);
      const range = model.vlanIpRanges.find((r) => r.uuid === up.outputs.guestRangeId);
      assert.deepStrictEqual([range?.podUuid, range?.networkUuid, range?.forVirtualNetwork], [pod?.uuid, network?.uuid, false]);
      const vm = model.vms.find((v) => v.uuid === up.outputs.instanceId);
      assert.strictEqual(vm?.state, "Running");
      assert.strictEqual(vm?.hostUuid, pod?.capacity.hostUuid, "the instance runs on the pod's host");
      assert.deepStrictEqual(vm?.securityGroupUuids, [up.outputs.webGroupId]);
      assert.strictEqual(up.outputs.instanceIp, "192.168.100.100", "the first address of the pod's guest range");
      assert.strictEqual(Object.keys(up.outputs.webRuleIds as Record<string, string>).length, 2);

      const preview = await stack.preview();
      assert.ok(preview.ok, preview.plan);
      assert.strictEqual(preview.changed, false, preview.plan);

      // The range grows in place: no address of it is taken away.
      stack.setConfig("basic-zone-from-scratch:guestEndIp", "192.168.100.220");
      const changes = await stack.preview();
      assert.match(changes.plan, /~ cloudstack:IpRange guest update \[diff: ~endIp\]/);
      assert.doesNotMatch(changes.plan, /\+-/, "nothing is replaced");
      const applied = await stack.up();
      assert.ok(applied.ok, `${applied.plan}\n${applied.errors.join("\n")}`);
      assert.strictEqual(sim.model.state.vlanIpRanges.find((r) => r.uuid === up.outputs.guestRangeId)?.endIp, "192.168.100.220");

      const destroy = await stack.destroy();
      assert.ok(destroy.ok, `${destroy.plan}\n${destroy.errors.join("\n")}`);
      assert.deepStrictEqual(stack.state().resources, []);
      assert.deepStrictEqual(await adminList(sim, "listZones", "zone", { name: "basic-zone" }), []);
      const left = sim.model.state;
      assert.deepStrictEqual(
        [left.pods, left.physicalNetworks.filter((p) => p.zoneUuid === zone?.uuid), left.networks.filter((n) => n.zoneUuid === zone?.uuid && !n.removed), left.vlanIpRanges.filter((r) => r.zoneUuid === zone?.uuid && !r.removed)].map((a) => a.length),
        [0, 0, 0, 0],
      );
      assert.ok(!left.securityGroups.some((g) => g.uuid === up.outputs.webGroupId));
    } finally {
      cleanup();
    }
  });
});
