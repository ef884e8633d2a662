// The zone administration kinds through the SDK's own dynamic-provider host, driven over gRPC as
// the engine drives it, with each sdk class's serialized shim: a zone built from nothing (Zone,
// Pod, PhysicalNetwork, TrafficType, NetworkServiceProvider, NetscalerLoadBalancer, ZoneEnablement),
// a VnfTemplate and a VnfAppliance deployed from it, network and VPC offerings, each kind created, read with no diff, changed in
// place or planned for replacement as it declares, and deleted twice in the engine's reverse order.
import * as assert from "assert";
import * as fs from "fs";
import { startSimulator, RunningSimulator } from "../../simulator";
import { makeProgramDir, ProviderHost, startConfiguredHost, PropertyMap } from "../engine-standin/hosts";
import { serializedShims, typeOf } from "../support/serialized-shims";
import { startedForSuite } from "../support/fixture-hooks";

const urn = (kind: string, name: string) => `urn:pulumi:test::test::${typeOf(kind)}::${name}`;
const NONE = { changes: "none", replaces: [], deleteBeforeReplace: false };
const IN_PLACE = { changes: "some", replaces: [], deleteBeforeReplace: false };

/** A simulator and a host configured for it from a program folder, closed together. */
async function hostOnSimulator(): Promise<{ sim: RunningSimulator; host: ProviderHost; close(): Promise<void> }> {
  const sim = await startSimulator({ jobMs: 10 });
  const programDir = makeProgramDir();
  const host = await startConfiguredHost(programDir, sim);
  return {
    sim,
    host,
    async close() {
      await host.close();
      await sim.close();
      fs.rmSync(programDir, { recursive: true, force: true });
    },
  };
}

interface Made {
  kind: string;
  name: string;
  news: PropertyMap;
  id: string;
  properties: PropertyMap;
}

describe("zone administration kinds through the SDK's dynamic-provider host", function () {
  this.timeout(120_000);
  let sim: RunningSimulator;
  let host: ProviderHost;
  let shims: Map<string, string>;

  startedForSuite(hostOnSimulator, async (started) => {
    ({ sim, host } = started);
    shims = await serializedShims({});
  });

  const withShim = (kind: string, props: PropertyMap): PropertyMap => ({ __provider: shims.get(kind), ...props });

  async function create(kind: string, name: string, inputs: PropertyMap): Promise<Made> {
    const news = withShim(kind, inputs);
    const checked = await host.check(urn(kind, name), {}, news);
    assert.deepStrictEqual(checked.failures, [], `${kind} check`);
    const created = await host.create(urn(kind, name), checked.inputs);
    assert.strictEqual(created.properties.__provider, shims.get(kind), "the outputs keep the shim for later delete");
    const read = await host.read(urn(kind, name), created.id, created.properties);
    assert.strictEqual(read.id, created.id);
    const again = await host.check(urn(kind, name), checked.inputs, news);
    assert.deepStrictEqual(await host.diff(urn(kind, name), created.id, read.properties, again.inputs), NONE, `${kind} after a read`);
    return { kind, name, news, id: created.id, properties: created.properties };
  }

  async function diff(made: Made, change: PropertyMap) {
    // An input set to undefined is one the program no longer gives: absent from the struct.
    const news = Object.fromEntries(Object.entries({ ...made.news, ...change }).filter(([, v]) => v !== undefined));
    const checked = await host.check(urn(made.kind, made.name), made.properties, news);
    assert.deepStrictEqual(checked.failures, []);
    return { inputs: checked.inputs, diff: await host.diff(urn(made.kind, made.name), made.id, made.properties, checked.inputs) };
  }

  async function updateInPlace(made: Made, change: PropertyMap): Promise<Made> {
    const planned = await diff(made, change);
    assert.deepStrictEqual(planned.diff, IN_PLACE, `${made.kind} ${JSON.stringify(change)} in place`);
    const properties = await host.update(urn(made.kind, made.name), made.id, made.properties, planned.inputs);
    return { ...made, news: { ...made.news, ...change }, properties };
  }

  async function replaces(made: Made, change: PropertyMap, keys: string[]): Promise<void> {
    assert.deepStrictEqual((await diff(made, change)).diff, { changes: "some", replaces: keys, deleteBeforeReplace: false }, `${made.kind} ${JSON.stringify(change)}`);
  }

  it("builds a zone from nothing, changes each kind in place, names replacements, and deletes everything twice", async () => {
    const state = () => sim.model.state;
    let zone = await create("Zone", "zone", { name: "host-zone", networkType: "Advanced", dns1: "8.8.8.8", internalDns1: "10.0.0.2", guestCidr: "10.60.0.0/16" });
    zone = await updateInPlace(zone, { dns1: "1.1.1.1", networkDomain: "host.example" });
    assert.strictEqual(state().zones.find((z) => z.uuid === zone.id)?.dns1, "1.1.1.1");
    await replaces(zone, { networkType: "Basic", guestCidr: undefined }, ["networkType"]);

    let pod = await create("Pod", "pod", { name: "pod-1", zone: zone.id, gateway: "172.16.20.1", netmask: "255.255.255.0", startIp: "172.16.20.10", endIp: "172.16.20.50" });
    pod = await updateInPlace(pod, { endIp: "172.16.20.60" });
    assert.strictEqual(state().pods.find((p) => p.uuid === pod.id)?.endIp, "172.16.20.60");
    await replaces(pod, { zone: "Sandbox-simulator" }, ["zone"]);

    let pnet = await create("PhysicalNetwork", "pnet", { name: "pnet-1", zone: "host-zone", vlanRanges: ["500-520"] });
    pnet = await updateInPlace(pnet, { vlanRanges: ["500-540"], state: "Enabled" });
    assert.deepStrictEqual(state().physicalNetworks.find((p) => p.uuid === pnet.id)?.vnetRanges, [[500, 540]]);
    await replaces(pnet, { name: "renamed" }, ["name"]);

    const traffic: Made[] = [];
    for (const trafficType of ["Management", "Public", "Guest"]) {
      traffic.push(await create("TrafficType", trafficType, { physicalNetworkId: pnet.id, trafficType, kvmLabel: "cloudbr0" }));
    }
    traffic[0] = await updateInPlace(traffic[0], { kvmLabel: "cloudbr1" });
    assert.strictEqual(state().trafficTypes.find((t) => t.uuid === traffic[0].id)?.labels.kvm, "cloudbr1");
    await replaces(traffic[0], { trafficType: "Storage" }, ["trafficType"]);

    let router = await create("NetworkServiceProvider", "router", { physicalNetworkId: pnet.id, name: "VirtualRouter", state: "Disabled" });
    assert.strictEqual(router.properties.adopted, true);
    router = await updateInPlace(router, { state: "Enabled" });
    assert.strictEqual(state().networkServiceProviders.find((p) => p.uuid === router.id)?.state, "Enabled");
    await replaces(router, { name: "VpcVirtualRouter" }, ["name"]);

    const netscaler = await create("NetworkServiceProvider", "netscaler", { physicalNetworkId: pnet.id, name: "Netscaler", state: "Enabled" });
    let device = await create("NetscalerLoadBalancer", "device", {
      physicalNetworkId: pnet.id,
      url: "https://10.147.40.10?publicinterface=1/1&privateinterface=1/2",
      username: "nsroot",
      password: "nsroot-secret",
      deviceType: "NetscalerVPXLoadBalancer",
    });
    device = await updateInPlace(device, { capacity: 8, dedicated: true });
    assert.deepStrictEqual([state().externalDevices[0].capacity, state().externalDevices[0].dedicated], [8, true]);
    await replaces(device, { deviceType: "NetscalerMPXLoadBalancer", dedicated: undefined }, ["deviceType"]);

    let vnf = await create("VnfTemplate", "vnf", {
      name: "host-vnf",
      url: "https://images.example/vnf.qcow2",
      zone: "Sandbox-simulator",
      hypervisor: "KVM",
      format: "QCOW2",
      osTypeId: state().templates[0].osTypeUuid,
      nics: [{ deviceId: 0, name: "WAN" }],
    });
    vnf = await updateInPlace(vnf, { nics: [{ deviceId: 0, name: "WAN" }, { deviceId: 1, name: "LAN", management: false }], details: { vendor: "Example" } });
    assert.deepStrictEqual(state().templates.find((t) => t.uuid === vnf.id)?.vnfNics?.map((n) => n.name), ["WAN", "LAN"]);
    await replaces(vnf, { url: "https://images.example/other.qcow2" }, ["url"]);

    const enabled = await create("ZoneEnablement", "enabled", { zone: zone.id });
    assert.strictEqual(state().zones.find((z) => z.uuid === zone.id)?.allocationState, "Enabled");
    await replaces(enabled, { zone: "Sandbox-simulator" }, ["zone"]);

    for (const made of [enabled, vnf, device, netscaler, router, ...traffic.reverse(), pnet, pod, zone]) {
      await host.delete(urn(made.kind, made.name), made.id, made.properties);
      await host.delete(urn(made.kind, made.name), made.id, made.properties);
    }
    assert.strictEqual(state().zones.some((z) => z.uuid === zone.id), false);
    assert.deepStrictEqual([state().pods.length, state().trafficTypes.length, state().networkServiceProviders.length, state().externalDevices.length], [0, 0, 0, 0]);
    for (const made of [zone, pod, pnet, traffic[0], vnf, device]) {
      assert.strictEqual((await host.read(urn(made.kind, made.name), made.id, made.properties)).id, "", `${made.kind} reads as gone`);
    }
    assert.strictEqual(host.stderr(), "");
  });

  it("creates network and VPC offerings, changes them in place, names replacements, and deletes them twice", async () => {
    const state = () => sim.model.state;
    const vr = (names: string[]) => names.map((name) => ({ name, providers: ["VirtualRouter"] }));
    let offering = await create("NetworkOffering", "offering", {
      name: "host-offering",
      guestIpType: "Isolated",
      persistent: true,
      services: vr(["Dhcp", "Dns", "SourceNat", "StaticNat"]),
      redundantRouter: true,
      state: "Enabled",
    });
    assert.strictEqual(state().networkOfferings.find((o) => o.uuid === offering.id)?.isPersistent, true);
    offering = await updateInPlace(offering, { name: "host-offering-2", state: "Disabled", sortKey: 4 });
    assert.deepStrictEqual([state().networkOfferings.find((o) => o.uuid === offering.id)?.name, state().networkOfferings.find((o) => o.uuid === offering.id)?.state], ["host-offering-2", "Disabled"]);
    await replaces(offering, { persistent: false, redundantRouter: false }, ["redundantRouter", "persistent"]);

    let vpcOffering = await create("VpcOffering", "vpc-offering", { name: "host-vpc-offering", services: [{ name: "Dhcp" }, { name: "Dns" }], redundantRouter: true });
    assert.strictEqual(state().vpcOfferings.find((o) => o.uuid === vpcOffering.id)?.state, "Disabled");
    vpcOffering = await updateInPlace(vpcOffering, { state: "Enabled", displayText: "Redundant VPCs" });
    assert.strictEqual(state().vpcOfferings.find((o) => o.uuid === vpcOffering.id)?.state, "Enabled");
    await replaces(vpcOffering, { services: [{ name: "Dhcp" }] }, ["services"]);

    for (const made of [vpcOffering, offering]) {
      await host.delete(urn(made.kind, made.name), made.id, made.properties);
      await host.delete(urn(made.kind, made.name), made.id, made.properties);
      assert.strictEqual((await host.read(urn(made.kind, made.name), made.id, made.properties)).id, "", `${made.kind} reads as gone`);
    }
    assert.ok(state().networkOfferings.find((o) => o.uuid === offering.id)?.removed);
    assert.ok(state().vpcOfferings.find((o) => o.uuid === vpcOffering.id)?.removed);
    assert.strictEqual(host.stderr(), "");
  });
  it("deploys a VnfAppliance with its management IP, renames it in place, names replacements, sees drift, gets and adopts it by id, and deletes it twice", async () => {
    const state = () => sim.model.state;
    const template = await create("VnfTemplate", "appliance-template", {
      name: "host-appliance-vnf",
      url: "https://images.example/appliance.qcow2",
      zone: "Sandbox-simulator",
      hypervisor: "Simulator",
      format: "QCOW2",
      osTypeId: state().templates[0].osTypeUuid,
      nics: [{ deviceId: 0, name: "MGMT" }],
      details: { access_methods: "https" },
    });
    const network = await create("Network", "appliance-net", { name: "host-appliance-net", zone: "Sandbox-simulator", networkOffering: "DefaultIsolatedNetworkOfferingWithSourceNatService", cidr: "10.1.70.0/24" });
    let appliance = await create("VnfAppliance", "appliance", {
      name: "host-fw",
      zone: "Sandbox-simulator",
      serviceOffering: "Small Instance",
      template: "host-appliance-vnf",
      networks: [{ network: network.id }],
      vnfCidrList: ["198.51.100.0/24"],
    });
    const ipId = (appliance.properties.managementIps as Array<{ id: string }>)[0].id;
    assert.deepStrictEqual(state().firewallRules.filter((r) => r.ipUuid === ipId).map((r) => r.startPort), [443]);
    appliance = await updateInPlace(appliance, { name: "host-fw-2", displayName: "Host firewall" });
    assert.strictEqual(state().vms.find((v) => v.uuid === appliance.id)?.name, "host-fw-2");
    await replaces(appliance, { vnfCidrList: ["10.0.0.0/8"] }, ["vnfCidrList"]);
    await replaces(appliance, { vnfConfigureManagement: true }, ["vnfConfigureManagement"]);

    const u = urn("VnfAppliance", "appliance");
    // Changed out of band, as updateVirtualMachine by someone else would.
    const vm = state().vms.find((v) => v.uuid === appliance.id);
    if (vm) vm.displayName = "out of band";
    const drifted = await host.read(u, appliance.id, appliance.properties);
    assert.strictEqual(drifted.inputs?.displayName, "out of band");
    assert.deepStrictEqual(await host.diff(u, appliance.id, drifted.properties, (await diff(appliance, {})).inputs), IN_PLACE);
    // Resource.get: the id, and the shim the sdk class serializes.
    const got = await host.read(u, appliance.id, withShim("VnfAppliance", {}));
    assert.deepStrictEqual([got.id, got.properties.name, got.properties.managementPublicIp], [appliance.id, "host-fw-2", appliance.properties.managementPublicIp]);
    const adopting = await host.check(u, {}, withShim("VnfAppliance", { ...appliance.news, importId: appliance.id }));
    assert.strictEqual((await host.create(u, adopting.inputs)).id, appliance.id);

    for (const made of [appliance, network, template]) {
      await host.delete(urn(made.kind, made.name), made.id, made.properties);
      await host.delete(urn(made.kind, made.name), made.id, made.properties);
      assert.strictEqual((await host.read(urn(made.kind, made.name), made.id, made.properties)).id, "", `${made.kind} reads as gone`);
    }
    assert.strictEqual(state().publicIps.find((r) => r.uuid === ipId)?.state, "Free", "the management IP is released");
    assert.strictEqual(host.stderr(), "");
  });
});
