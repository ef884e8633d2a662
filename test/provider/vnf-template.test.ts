// VnfTemplate through the adapter against the simulator over real HTTP.
import * as assert from "assert";
import { startedForEachTest } from "../support/fixture-hooks";
import { apiRefusal } from "../support/api-refusal";
import { ZONE } from "../support/network-fixture";
import { assertPlainJson, checkFailures, createFrom, NO_CHANGE, plan, startZoneFixture, updateTo, type ZoneFixture } from "../support/zone-fixture";

describe("VnfTemplate against the simulator", function () {
  let fx: ZoneFixture;
  let osTypeId: string;
  const template = () => fx.admin.provider("VnfTemplate");
  const row = (id: string) => fx.sim.model.state.templates.find((t) => t.uuid === id);
  const news = (extra: Record<string, unknown> = {}) => ({
    name: "vnf-router",
    url: "https://images.example/vnf-router.qcow2",
    zone: ZONE,
    hypervisor: "KVM",
    format: "QCOW2",
    osTypeId,
    nics: [
      { deviceId: 0, name: "WAN", description: "uplink" },
      { deviceId: 1, name: "LAN", management: false },
    ],
    details: { vendor: "Example", access_methods: "ssh-password,https" },
    ...extra,
  });

  startedForEachTest(startZoneFixture, async (started) => {
    fx = started;
    const [seeded] = await fx.admin.client.list<Record<string, unknown>>("listTemplates", { templatefilter: "featured" });
    osTypeId = String(seeded.ostypeid);
  });

  it("registers a VNF template with its NICs and details, as CloudStack stores them, and reads it back with no diff", async () => {
    const made = await createFrom(template(), news());
    assertPlainJson(made.outs);
    assert.deepStrictEqual([made.outs.templateType, made.outs.isReady, made.outs.displayText, made.outs.isPublic], ["VNF", true, "vnf-router", false]);
    assert.deepStrictEqual(row(made.id)?.vnfNics, [
      { deviceId: 0, name: "WAN", required: true, management: true, description: "uplink" },
      { deviceId: 1, name: "LAN", required: true, management: false, description: undefined },
    ]);
    assert.deepStrictEqual(row(made.id)?.vnfDetails, { vendor: "Example", access_methods: "https,ssh-password" }, "access methods sorted");
    assert.deepStrictEqual((await plan(template(), made, news())).diff, NO_CHANGE);
    assert.deepStrictEqual((await plan(template(), made, news({ details: { VENDOR: "Example", access_methods: "https,ssh-password" } }))).diff, NO_CHANGE, "details as CloudStack keeps them");
  });

  it("changes name, NICs and details in place, clears them with [] and {}, and replaces on the URL, hypervisor or zone", async () => {
    const made = await createFrom(template(), news());
    const nics = [
      { deviceId: 0, name: "WAN" },
      { deviceId: 1, name: "LAN" },
      { deviceId: 2, name: "DMZ", required: false },
    ];
    const updated = await updateTo(template(), made, news({ name: "vnf-router-2", nics, details: { vendor: "Other", version: "3" } }));
    assert.deepStrictEqual([row(made.id)?.name, row(made.id)?.vnfNics?.length, row(made.id)?.vnfDetails], ["vnf-router-2", 3, { vendor: "Other", version: "3" }]);
    const cleared = await updateTo(template(), updated, news({ name: "vnf-router-2", nics: [], details: {} }));
    assert.deepStrictEqual([row(made.id)?.vnfNics, row(made.id)?.vnfDetails], [[], {}]);
    assert.deepStrictEqual((await plan(template(), cleared, news({ name: "vnf-router-2", nics: undefined, details: undefined }))).diff, NO_CHANGE, "omitted keeps them");
    for (const [key, value] of Object.entries({ url: "https://images.example/other.qcow2", hypervisor: "VMware", zone: "Sandbox-simulator-2", isPublic: true })) {
      const diff = (await plan(template(), cleared, news({ name: "vnf-router-2", nics: [], details: {}, [key]: value }))).diff;
      assert.deepStrictEqual(diff.replaces, [key], key);
    }
  });

  it("sees NICs changed out of band, reads from the id alone, adopts with importId, and deletes twice", async () => {
    const made = await createFrom(template(), news());
    await fx.admin.client.execute("updateVnfTemplate", { id: made.id, cleanupvnfnics: true });
    const drifted = await template().read(made.id, made.outs);
    assert.deepStrictEqual(drifted.inputs?.nics, []);
    assert.deepStrictEqual((await plan(template(), { id: made.id, outs: drifted.props }, news())).diff, { changes: true, replaces: [], deleteBeforeReplace: false });
    const fromId = await template().read(made.id, {});
    const zoneId = fx.sim.model.state.zones.find((z) => z.name === ZONE)?.uuid;
    assert.deepStrictEqual([fromId.inputs?.name, fromId.inputs?.hypervisor, fromId.inputs?.zone], ["vnf-router", "KVM", zoneId]);
    const adopted = await template().create((await template().check({}, { ...news({ nics: [] }), importId: made.id })).inputs);
    assert.strictEqual(adopted.id, made.id);
    await template().delete(made.id, made.outs);
    assert.strictEqual(row(made.id), undefined);
    assert.strictEqual((await template().read(made.id, made.outs)).id, "");
    await template().delete(made.id, made.outs);
  });

  it("names VnfTemplateUtils' rules at check and keeps CloudStack's refusals of what check cannot see", async () => {
    const failures = await checkFailures(fx.sim, template(), {
      ...news(),
      nics: [
        { deviceId: 0, name: "WAN", required: false },
        { deviceId: 1, name: "LAN" },
        { deviceId: 3, name: "DMZ" },
      ],
      details: { colour: "red", access_methods: "ssh-password,telnet" },
    });
    assert.deepStrictEqual(failures.map((f) => f.reason), [
      'details.colour: "red" is not a VNF detail: the keys are version, vendor, maintainer, access_methods, username, password, ssh_user, ssh_password, ssh_port, web_user, web_password, http_path, http_port, https_path, https_port',
      'details.access_methods: "ssh-password,telnet" names unknown access methods (telnet): they are console, http, https, ssh-key, ssh-password',
      `nics: ${JSON.stringify([{ deviceId: 0, name: "WAN", required: false }, { deviceId: 1, name: "LAN" }, { deviceId: 3, name: "DMZ" }])} has a required NIC (device id 1) after an optional one: CloudStack needs the required NICs first`,
      `nics: ${JSON.stringify([{ deviceId: 0, name: "WAN", required: false }, { deviceId: 1, name: "LAN" }, { deviceId: 3, name: "DMZ" }])} must have the device ids 0, 1, 2... without gaps or repeats: device id 2 is expected where 3 is`,
    ]);
    const { inputs } = await template().check({}, news({ hypervisor: "Bogus" }));
    await assert.rejects(template().create(inputs), apiRefusal(431, /^Hypervisor Type: Bogus is invalid\. Supported Hypervisor types are: XenServer, KVM, VMware/));
  });
  it("recognises, after a register whose answer was lost, the template CloudStack made: one template, not two", async () => {
    const named = (name: string) => fx.sim.model.state.templates.filter((t) => t.name === name);
    const { inputs } = await template().check({}, { ...news({ name: "vnf-lost" }), __identity: "vnf/dev/vnf-lost" });
    fx.sim.faults.set({ rate: 1, kinds: ["drop"], commands: ["registerVnfTemplate"] });
    let made;
    try {
      made = await template().create(inputs);
      assert.strictEqual(Object.values(fx.sim.faults.counts()).reduce((sum, n) => sum + n, 0), 1, "the register ran and lost its answer");
    } finally {
      fx.sim.faults.set(undefined);
    }
    assert.deepStrictEqual(named("vnf-lost").map((t) => t.uuid), [made.id], "the earlier attempt's template was taken, not registered again");
    // A template alike in all but its image is another template.
    const other = await template().create((await template().check({}, { ...news({ name: "vnf-lost", url: "https://images.example/other.qcow2" }), __identity: "vnf/dev/vnf-other" })).inputs);
    assert.notStrictEqual(other.id, made.id);
    assert.strictEqual(named("vnf-lost").length, 2);
  });
});
