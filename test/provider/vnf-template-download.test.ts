// VnfTemplate's create waits for CloudStack's download: an appliance can be deployed from the
// template as soon as the create is done. A download still under way at the create deadline is
// recorded with the stack and awaited by the next `up`; a failed one fails with its status.
import * as assert from "assert";
import { ResourceInitError } from "../../provider";
import { providerDyingAfter } from "../support/dying-provider";
import { startedForEachTest } from "../support/fixture-hooks";
import { ZONE } from "../support/network-fixture";
import { startZoneFixture, type ZoneFixture } from "../support/zone-fixture";

describe("VnfTemplate: waiting for the download", function () {
  this.timeout(30000);
  let fx: ZoneFixture;
  let osTypeId: string;
  const template = () => fx.admin.provider("VnfTemplate");
  const news = (name: string, extra: Record<string, unknown> = {}) => ({
    name,
    url: "https://images.example/vnf-router.qcow2",
    zone: ZONE,
    hypervisor: "Simulator",
    format: "QCOW2",
    osTypeId,
    nics: [{ deviceId: 0, name: "MGMT" }],
    ...extra,
  });
  const named = (name: string) => fx.sim.model.state.templates.filter((t) => t.name === name);
  const recordedBy = async (create: Promise<unknown>): Promise<ResourceInitError> => {
    let recorded: ResourceInitError | undefined;
    await assert.rejects(create, (err: unknown) => {
      assert.ok(err instanceof ResourceInitError, String(err));
      recorded = err;
      return true;
    });
    return recorded!;
  };

  startedForEachTest(startZoneFixture, async (started) => {
    fx = started;
    const [seeded] = await fx.admin.client.list<Record<string, unknown>>("listTemplates", { templatefilter: "featured" });
    osTypeId = String(seeded.ostypeid);
  });

  it("returns only once the template is Ready, so an appliance deploys from it at once", async () => {
    fx.sim.model.templateDownloadMs = 1_200;
    const { inputs } = await template().check({}, news("vnf-wait"));
    const made = await template().create(inputs);
    assert.deepStrictEqual([made.outs.isReady, made.outs.status], [true, "Download Complete"]);
    const networkId = (await fx.admin.provider("Network").create((await fx.admin.provider("Network").check({}, { name: "vnf-wait-net", zone: ZONE, networkOffering: "DefaultIsolatedNetworkOfferingWithSourceNatService" })).inputs)).id;
    const appliance = fx.admin.provider("VnfAppliance");
    const deployed = await appliance.create((await appliance.check({}, { name: "vnf-wait-fw", zone: ZONE, serviceOffering: "Small Instance", template: made.id, networks: [{ network: networkId }] })).inputs);
    assert.strictEqual(deployed.outs.state, "Running");
  });

  it("records a template still downloading at the create deadline; the next update waits for it, with no second template", async () => {
    fx.sim.model.templateDownloadMs = 2_500;
    const { inputs } = await template().check({}, { ...news("vnf-slow"), __timeouts: { create: "300ms" } });
    const recorded = await recordedBy(template().create(inputs));
    assert.match(recorded.message, /^VnfTemplate [0-9a-f-]{36} was created but not completed: the template's download had not finished at the create deadline \(300 ms\) \(\d+% Downloaded\)\. The next `pulumi up` waits for it again \(within customTimeouts.update\); raise customTimeouts to wait longer\.$/);
    assert.deepStrictEqual([recorded.properties.isReady, named("vnf-slow").map((t) => t.uuid)], [false, [recorded.id]]);

    const diff = await template().diff(recorded.id, recorded.properties, inputs);
    assert.deepStrictEqual([diff.changes, diff.replaces], [true, []], "a template not ready makes the next run an update, not a replacement");
    const updated = await template().update(recorded.id, recorded.properties, inputs);
    assert.deepStrictEqual([updated.outs.isReady, updated.outs.status], [true, "Download Complete"]);
    assert.deepStrictEqual(named("vnf-slow").map((t) => t.uuid), [recorded.id]);
    const settled = await template().diff(recorded.id, updated.outs, inputs);
    assert.strictEqual(settled.changes, false);
  });

  it("finds, after a run killed while the image downloaded, the template that run registered (by its token tag): one template", async () => {
    fx.sim.model.templateDownloadMs = 1_500;
    const { inputs } = await template().check({}, { ...news("vnf-killed"), __identity: "vnf/dev/vnf-killed" });
    // The run dies once the template is registered and tagged, while the create waits for the download.
    await assert.rejects(providerDyingAfter(fx.sim, "VnfTemplate", "createTags").create(inputs), /the provider process was killed/);
    const [left] = named("vnf-killed");
    assert.deepStrictEqual(fx.sim.model.tags.of("Template", left.uuid).map((t) => t.key), ["pulumi-create-token"]);
    const resumed = await template().create(inputs);
    assert.deepStrictEqual([resumed.id, resumed.outs.isReady], [left.uuid, true]);
    assert.strictEqual(named("vnf-killed").length, 1);
    // Another resource with the same inputs is another template: its token differs.
    const other = await template().create((await template().check({}, { ...news("vnf-killed"), __identity: "vnf/dev/vnf-killed-2" })).inputs);
    assert.notStrictEqual(other.id, left.uuid);
  });

  it("tags a template declared again after a destroy with the same token: the earlier attempt's tag job is not followed", async () => {
    fx.sim.model.templateDownloadMs = 0;
    const { inputs } = await template().check({}, { ...news("vnf-again"), __identity: "vnf/dev/vnf-again" });
    const first = await template().create(inputs);
    await template().delete(first.id, first.outs);
    const second = await fx.admin.provider("VnfTemplate").create(inputs);
    assert.notStrictEqual(second.id, first.id);
    const tokens = (id: string) => fx.sim.model.tags.of("Template", id).map((t) => t.key);
    assert.deepStrictEqual(tokens(second.id), ["pulumi-create-token"]);
  });

  it("registers anew on a replacement with unchanged inputs after a failed download, never taking the failed template back", async () => {
    fx.sim.model.templateDownloadMs = 60_000;
    const { inputs } = await template().check({}, { ...news("vnf-retry"), __identity: "vnf/dev/vnf-retry", __timeouts: { create: "200ms" } });
    const recorded = await recordedBy(template().create(inputs));
    // CloudStack gives up on the download.
    const row = named("vnf-retry")[0];
    row.download = { ...row.download!, error: "Failed post download script: checksum mismatch" };
    await assert.rejects(template().update(recorded.id, recorded.properties, inputs), /the template's download failed: Failed post download script: checksum mismatch; CloudStack does not try again\. Replace it/);
    // `pulumi up --replace`: the new resource is created with the same identity and inputs.
    fx.sim.model.templateDownloadMs = 0;
    const replacement = await template().create(inputs);
    assert.notStrictEqual(replacement.id, recorded.id);
    assert.strictEqual(replacement.outs.isReady, true);
    await template().delete(recorded.id, recorded.properties);
    assert.deepStrictEqual(named("vnf-retry").map((t) => t.uuid), [replacement.id]);
  });

  it("fails a create whose download failed with CloudStack's status, recorded so that a replacement (a corrected url) removes it", async () => {
    fx.sim.model.templateDownloadMs = 0;
    const url = "https://images.example.invalid/vnf.qcow2";
    const { inputs } = await template().check({}, news("vnf-broken", { url }));
    const recorded = await recordedBy(template().create(inputs));
    assert.strictEqual(
      recorded.message,
      `VnfTemplate ${recorded.id} was created but not completed: the template's download failed: Unable to download template: the host of ${url} cannot be resolved; CloudStack does not try again. ` +
        "Replace it: correct the input CloudStack could not use (a template's url), or run `pulumi up --replace` with this resource.",
    );
    assert.strictEqual(recorded.properties.isReady, false);
    // The next `up` tries once more and says the same; a corrected url replaces the template.
    await assert.rejects(template().update(recorded.id, recorded.properties, inputs), /the template's download failed: Unable to download template/);
    const fixed = (await template().check({}, news("vnf-broken"))).inputs;
    assert.deepStrictEqual((await template().diff(recorded.id, recorded.properties, fixed)).replaces, ["url"]);
    await template().delete(recorded.id, recorded.properties);
    assert.deepStrictEqual(named("vnf-broken"), []);
  });
});
