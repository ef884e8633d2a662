// VNF templates through the simulator's API: registerVnfTemplate's checks in CloudStack's order
// and texts, NICs and details as VnfTemplateManagerImpl stores them, update and delete.
import * as assert from "assert";
import { startedForEachTest } from "../../support/fixture-hooks";
import { assertError, assertJobError, startFixture, type Fixture, type Obj } from "./api-fixture";

describe("simulator api: VNF templates", function () {
  this.timeout(20_000);
  let f: Fixture;
  let base: Record<string, string>;

  startedForEachTest(startFixture, async (started) => {
    f = started;
    const [seeded] = await f.list(f.admin, "listTemplates", { templatefilter: "featured" });
    base = { name: "vnf", url: "https://images.example/vnf.qcow2", zoneid: await f.zoneId(), hypervisor: "KVM", format: "QCOW2", ostypeid: String(seeded.ostypeid) };
  });

  const register = (extra: Record<string, string> = {}) => f.call(f.user, "registerVnfTemplate", { ...base, ...extra });

  it("registers a template with its NICs and details, answered as a list and shown by listTemplates too", async () => {
    const r = await register({
      "vnfnics[0].deviceid": "1",
      "vnfnics[0].name": "LAN",
      "vnfnics[0].management": "false",
      "vnfnics[1].deviceid": "0",
      "vnfnics[1].name": "WAN",
      "vnfdetails[0].VENDOR": "Example",
      "vnfdetails[1].access_methods": "ssh-password,console",
    });
    assert.strictEqual(r.status, 200, JSON.stringify(r.body));
    assert.strictEqual(r.body.count, 1);
    const [t] = r.body.template as Obj[];
    // Answered before the download: not ready yet.
    assert.deepStrictEqual([t.templatetype, t.isready, t.ispublic, t.hypervisor, t.format], ["VNF", false, false, "KVM", "QCOW2"]);
    assert.deepStrictEqual(t.vnfnics, [
      { deviceid: 0, name: "WAN", required: true, management: true },
      { deviceid: 1, name: "LAN", required: true, management: false },
    ]);
    assert.deepStrictEqual(t.vnfdetails, { access_methods: "console,ssh-password", vendor: "Example" });
    const listed = await f.list(f.user, "listTemplates", { templatefilter: "self", isvnf: "true" });
    assert.deepStrictEqual(listed.map((x) => x.id), [t.id]);
    assert.deepStrictEqual(await f.list(f.user, "listVnfTemplates", { templatefilter: "self", isvnf: "false" }), []);
  });

  it("keeps RegisterTemplateCmd's and VnfTemplateUtils' refusals", async () => {
    assertError(await register({ zoneid: "" }), 431, 4350, "Either zoneid or zoneids is required. Both cannot be null.");
    const { ostypeid: _omitted, ...withoutOs } = base;
    assertError(await f.call(f.user, "registerVnfTemplate", withoutOs), 431, 4350, "Please provide a guest OS type");
    assertError(await register({ templatetype: "USER" }), 431, 4350, "The template type must be VNF for VNF templates.");
    assertError(
      await register({ "vnfdetails[0].colour": "red" }),
      431,
      4350,
      "Invalid VNF detail found: colour. Valid values are ACCESS_METHODS, USERNAME, PASSWORD, SSH_USER, SSH_PASSWORD, SSH_PORT, WEB_USER, WEB_PASSWORD, HTTP_PATH, HTTP_PORT, HTTPS_PATH, HTTPS_PORT and VERSION, VENDOR, MAINTAINER",
    );
    assertError(
      await register({ "vnfdetails[0].access_methods": "telnet" }),
      431,
      4350,
      "Invalid VNF access method found: telnet. Valid values are console, http, https, ssh-key, ssh-password",
    );
    assertError(await register({ "vnfnics[0].name": "WAN" }), 431, 4350, "VNF nic name and deviceid cannot be null");
    assertError(
      await register({ "vnfnics[0].deviceid": "1", "vnfnics[0].name": "LAN" }),
      431,
      4350,
      "deviceid must be consecutive and start from 0. Nic deviceid should be 0 but actual is 1.",
    );
    assertError(
      await register({ "vnfnics[0].deviceid": "0", "vnfnics[0].name": "WAN", "vnfnics[0].required": "false", "vnfnics[1].deviceid": "1", "vnfnics[1].name": "LAN" }),
      431,
      4350,
      "required cannot be true if a preceding nic is optional. Nic with deviceid 1 should be required but actual is optional.",
    );
    assertError(await register({ url: "file:///tmp/vnf.qcow2" }), 431, 4350, "File:// type urls are currently unsupported");
  });

  it("updates NICs and details (replaced, or cleaned up), refuses a non-VNF template, and deletes as a job", async () => {
    const r = await register({ "vnfnics[0].deviceid": "0", "vnfnics[0].name": "WAN", "vnfdetails[0].vendor": "Example" });
    const id = String((r.body.template as Obj[])[0].id);
    const updated = await f.call(f.user, "updateVnfTemplate", { id, name: "vnf-2", "vnfdetails[0].version": "2" });
    assert.deepStrictEqual([(updated.body.template as Obj).name, (updated.body.template as Obj).vnfdetails, ((updated.body.template as Obj).vnfnics as Obj[]).length], ["vnf-2", { version: "2" }, 1]);
    const cleaned = await f.call(f.user, "updateVnfTemplate", { id, cleanupvnfnics: "true" });
    assert.deepStrictEqual((cleaned.body.template as Obj).vnfnics, []);

    const [seeded] = await f.list(f.admin, "listTemplates", { templatefilter: "featured" });
    // CloudStack names the template by its internal id here.
    const internalId = f.sim.model.state.templates.find((t) => t.uuid === seeded.id)?.id;
    assertError(
      await f.call(f.admin, "updateVnfTemplate", { id: String(seeded.id), name: "x" }),
      431,
      4350,
      `Cannot update as template ${internalId} is not a VNF template. The template type is BUILTIN.`,
    );
    assertJobError(
      await f.job(f.admin, "deleteVnfTemplate", { id: String(seeded.id) }),
      431,
      `Cannot delete as Template ${internalId} is not a VNF template. The template type is BUILTIN.`,
    );
    assert.strictEqual((await f.job(f.user, "deleteVnfTemplate", { id })).jobstatus, 1);
    assert.strictEqual((await f.call(f.user, "listVnfTemplates", { templatefilter: "self", id })).status, 431);
  });
});
