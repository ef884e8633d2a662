// VnfAppliance through the adapter against the simulator over real HTTP: the VNF NIC rules, the
// management access CloudStack opens (isolated network: public IP, static NAT, firewall rules;
// security-group zone: a VNF_SecurityGroup_ group), and the delete that removes them.
import * as assert from "assert";
import { startedForSuite } from "../support/fixture-hooks";
import { apiRefusal } from "../support/api-refusal";
import { providerDyingAfter } from "../support/dying-provider";
import { ISOLATED, ZONE } from "../support/network-fixture";
import { SMALL, TEMPLATE } from "../support/instance-fixture";
import { SG_ZONE } from "../support/security-group-fixture";
import { assertPlainJson, checkFailures, createFrom, NO_CHANGE, plan, startZoneFixture, updateTo, type Applied, type ZoneFixture } from "../support/zone-fixture";

describe("VnfAppliance against the simulator", function () {
  this.timeout(30000);
  let fx: ZoneFixture;
  let vnfTemplate: Applied;
  let networks: string[];
  const appliance = () => fx.admin.provider("VnfAppliance");
  const state = () => fx.sim.model.state;
  const news = (name: string, extra: Record<string, unknown> = {}) => ({
    name,
    zone: ZONE,
    serviceOffering: SMALL,
    template: "vnf-fw",
    networks: networks.map((network) => ({ network })),
    ...extra,
  });

  startedForSuite(startZoneFixture, async (started) => {
    fx = started;
    const [seeded] = await fx.admin.client.list<Record<string, unknown>>("listTemplates", { templatefilter: "featured" });
    const template = (zone: string, name = "vnf-fw", nics?: unknown[]) => ({
      name,
      url: "https://images.example/vnf-fw.qcow2",
      zone,
      hypervisor: "Simulator",
      format: "QCOW2",
      osTypeId: String(seeded.ostypeid),
      nics: nics ?? [
        { deviceId: 0, name: "MGMT" },
        { deviceId: 1, name: "LAN", management: false },
        { deviceId: 2, name: "DMZ", required: false, management: false },
      ],
      details: { access_methods: "ssh-password,https", ssh_port: "2222" },
    });
    vnfTemplate = await createFrom(fx.admin.provider("VnfTemplate"), template(ZONE));
    await createFrom(fx.admin.provider("VnfTemplate"), template(ZONE, "vnf-fw-2"));
    await createFrom(fx.admin.provider("VnfTemplate"), template(SG_ZONE, "vnf-sg", [{ deviceId: 0, name: "MGMT" }]));
    networks = [];
    for (const [name, cidr] of [["vnf-mgmt", "10.1.60.0/24"], ["vnf-lan", "10.1.61.0/24"]]) {
      networks.push((await createFrom(fx.admin.provider("Network"), { name, zone: ZONE, networkOffering: ISOLATED, cidr })).id);
    }
  });

  it("deploys on isolated networks in NIC order, opens the management ports on a public IP, and reads back with no diff", async () => {
    const made = await createFrom(appliance(), news("fw-a", { vnfCidrList: ["198.51.100.0/24"] }));
    assertPlainJson(made.outs);
    assert.strictEqual(made.outs.state, "Running");
    assert.deepStrictEqual(made.outs.networkIds, networks, "NICs in the order of the template's device ids");
    const ips = made.outs.managementIps as Array<{ id: string; ipAddress: string; networkId: string }>;
    assert.strictEqual(ips.length, 1, "one IP, for the one management NIC");
    assert.strictEqual(ips[0].networkId, networks[0]);
    assert.strictEqual(made.outs.managementPublicIp, ips[0].ipAddress);
    const ip = state().publicIps.find((r) => r.uuid === ips[0].id);
    assert.ok(ip && !ip.isSourceNat && ip.staticNat?.vmUuid === made.id, "not the source NAT IP; static NAT to the appliance");
    const rules = state().firewallRules.filter((r) => r.ipUuid === ips[0].id);
    assert.deepStrictEqual(
      rules.map((r) => [r.protocol, r.startPort, r.sourceCidrs, r.state]),
      [
        ["tcp", 443, ["198.51.100.0/24"], "Active"],
        ["tcp", 2222, ["198.51.100.0/24"], "Active"],
      ],
    );
    assert.strictEqual(made.outs.managementSecurityGroupId, null);
    assert.deepStrictEqual((await plan(appliance(), made, news("fw-a", { vnfCidrList: ["198.51.100.0/24"] }))).diff, NO_CHANGE);
    const [listed] = await fx.admin.client.list<Record<string, unknown>>("listVnfAppliances", { id: made.id });
    assert.deepStrictEqual((listed.vnfnics as unknown[]).length, 3, "listVnfAppliances shows the template's VNF NICs");
    await appliance().delete(made.id, made.outs);
  });

  it("renames in place, replaces on networks, template, management settings or zone, and names the change", async () => {
    const made = await createFrom(appliance(), news("fw-b"));
    const renamed = await updateTo(appliance(), made, news("fw-b2", { displayName: "Firewall B" }));
    const vm = state().vms.find((v) => v.uuid === made.id);
    assert.deepStrictEqual([renamed.id, vm?.name, vm?.displayName], [made.id, "fw-b2", "Firewall B"]);
    const cases: Record<string, unknown> = {
      networks: [...networks].reverse().map((network) => ({ network })),
      template: "vnf-fw-2",
      vnfConfigureManagement: true,
      vnfCidrList: ["10.0.0.0/8"],
      serviceOffering: "Medium Instance",
    };
    for (const [key, value] of Object.entries(cases)) {
      const diff = (await plan(appliance(), renamed, news("fw-b2", { displayName: "Firewall B", [key]: value }))).diff;
      assert.deepStrictEqual(diff.replaces, [key], key);
    }
    assert.deepStrictEqual((await plan(appliance(), renamed, news("fw-b2", { displayName: "Firewall B", vnfCidrList: ["0.0.0.0/0"], vnfConfigureManagement: false }))).diff, NO_CHANGE, "the defaults written out");
    await appliance().delete(made.id, renamed.outs);
  });

  it("sees drift, reads from the id alone, adopts with importId, and deletes twice, releasing the management IP", async () => {
    const made = await createFrom(appliance(), news("fw-c"));
    await fx.admin.client.execute("updateVirtualMachine", { id: made.id, displayname: "changed" });
    const drifted = await appliance().read(made.id, made.outs);
    assert.strictEqual(drifted.inputs?.displayName, "changed");
    assert.deepStrictEqual((await plan(appliance(), { id: made.id, outs: drifted.props }, news("fw-c", { displayName: "fw-c" }))).diff, { changes: true, replaces: [], deleteBeforeReplace: false });
    const fromId = await appliance().read(made.id, {});
    assert.deepStrictEqual(fromId.inputs?.networks, networks.map((_, i) => ({ network: i === 0 ? "vnf-mgmt" : "vnf-lan" })));
    const adopted = await appliance().create((await appliance().check({}, { ...news("fw-c"), importId: made.id })).inputs);
    assert.strictEqual(adopted.id, made.id);
    const ipId = (made.outs.managementIps as Array<{ id: string }>)[0].id;
    await appliance().delete(made.id, made.outs);
    assert.ok(state().vms.find((v) => v.uuid === made.id)?.removed, "expunged");
    assert.strictEqual(state().publicIps.find((r) => r.uuid === ipId)?.state, "Free", "the management IP is released");
    assert.strictEqual(state().firewallRules.filter((r) => r.ipUuid === ipId).length, 0);
    assert.strictEqual((await appliance().read(made.id, made.outs)).id, "");
    await appliance().delete(made.id, made.outs);
  });

  it("makes a VNF_SecurityGroup_ group in a security-group zone when asked, and deletes it with the appliance", async () => {
    const inputs = { name: "fw-sg", zone: SG_ZONE, serviceOffering: SMALL, template: "vnf-sg", networks: [{ network: "sgSharedNetwork" }] };
    const plain = await createFrom(appliance(), inputs);
    assert.strictEqual(plain.outs.managementSecurityGroupId, null, "vnfConfigureManagement is false when omitted");
    await appliance().delete(plain.id, plain.outs);
    const made = await createFrom(appliance(), { ...inputs, vnfConfigureManagement: true, vnfCidrList: ["203.0.113.0/24"] });
    const groupId = String(made.outs.managementSecurityGroupId);
    const group = state().securityGroups.find((g) => g.uuid === groupId);
    assert.ok(group?.name.startsWith("VNF_SecurityGroup_"), group?.name);
    assert.deepStrictEqual(
      state().securityGroupRules.filter((r) => r.groupUuid === groupId).map((r) => [r.type, r.protocol, r.startPortOrType, r.cidr]),
      [
        ["ingress", "tcp", 443, "203.0.113.0/24"],
        ["ingress", "tcp", 2222, "203.0.113.0/24"],
      ],
    );
    assert.deepStrictEqual(made.outs.managementIps, [], "no public IP on a shared network");
    assert.deepStrictEqual((await plan(appliance(), made, { ...inputs, vnfConfigureManagement: true, vnfCidrList: ["203.0.113.0/24"] })).diff, NO_CHANGE);
    await appliance().delete(made.id, made.outs);
    assert.strictEqual(state().securityGroups.find((g) => g.uuid === groupId), undefined, "the group goes with the appliance");
  });

  it("names the VNF rules at check: a template that is not VNF, a required NIC without a network, a bad CIDR", async () => {
    const failures = await checkFailures(fx.sim, appliance(), news("fw-d", { template: TEMPLATE, networks: [{ network: networks[0] }], vnfCidrList: ["10.0.0.0/33"] }));
    assert.deepStrictEqual(failures.map((f) => f.reason), [
      'vnfCidrList.0: "10.0.0.0/33" is not a valid IPv4 CIDR (a.b.c.d/n with n <= 32): CloudStack refuses it ("Invalid cidr for VNF appliance")',
      `template: "${TEMPLATE}" is a BUILTIN template, not a VNF one: CloudStack refuses it ("Can't deploy VNF appliance from a non-VNF template")`,
    ]);
    const notVnf = await checkFailures(fx.sim, appliance(), news("fw-d", { template: TEMPLATE }));
    assert.deepStrictEqual(notVnf.map((f) => f.reason), [
      `template: "${TEMPLATE}" is a BUILTIN template, not a VNF one: CloudStack refuses it ("Can't deploy VNF appliance from a non-VNF template")`,
    ]);
    const short = await checkFailures(fx.sim, appliance(), news("fw-d", { networks: [{ network: networks[0] }] }));
    assert.deepStrictEqual(short.map((f) => f.reason), [
      `networks: ${JSON.stringify([{ network: networks[0] }])} gives 1 network(s), but the template's NIC LAN (device id 1) is required: CloudStack refuses it ("VNF nic is required but not found")`,
    ]);
    await assert.rejects(
      fx.admin.client.execute("deployVnfAppliance", { zoneid: fx.sim.model.state.zones.find((z) => z.name === ZONE)?.uuid, serviceofferingid: state().serviceOfferings[0].uuid, templateid: vnfTemplate.id, networkids: [networks[0]] }),
      apiRefusal(431, /^VNF nic is required but not found: Template \{"id":\d+,"templateId":\d+,"deviceId":1,"required":true\}$/),
    );
  });
  it("follows a deploy whose answer was lost, and resumes one whose process died after sending it: one appliance each", async () => {
    const inputs = async (name: string) => (await appliance().check({}, { ...news(name), __identity: `vnf/dev/${name}` })).inputs;
    const named = (name: string) => state().vms.filter((v) => v.name === name && !v.removed);
    fx.sim.faults.set({ rate: 1, kinds: ["drop"], commands: ["deployVnfAppliance"] });
    let dropped: Applied;
    try {
      const made = await appliance().create(await inputs("fw-lost"));
      dropped = { id: made.id, outs: made.outs };
      assert.strictEqual(Object.values(fx.sim.faults.counts()).reduce((sum, n) => sum + n, 0), 1, "the deploy ran and lost its answer");
    } finally {
      fx.sim.faults.set(undefined);
    }
    assert.deepStrictEqual(named("fw-lost").map((v) => v.uuid), [dropped.id], "the job was followed by its customjobid, not sent again");
    assert.strictEqual((dropped.outs.managementIps as unknown[]).length, 1);

    const dying = providerDyingAfter(fx.sim, "VnfAppliance", "deployVnfAppliance");
    await assert.rejects(dying.create(await inputs("fw-died")));
    // The next `up`: a new process, the same resource and inputs, finds the job and its appliance.
    const resumed = await appliance().create(await inputs("fw-died"));
    assert.deepStrictEqual(named("fw-died").map((v) => v.uuid), [resumed.id]);
    assert.strictEqual((resumed.outs.managementIps as unknown[]).length, 1, "one management IP, not two");
    for (const made of [dropped, resumed]) await appliance().delete(made.id, made.outs);
  });
});
