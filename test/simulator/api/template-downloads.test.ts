// A registered template's download through the simulator's API: the register answers first,
// listTemplates shows the download under way (TemplateJoinDaoImpl's statuses), a deploy before
// it completes is refused as VolumeOrchestrator refuses it, and a download that cannot happen
// never completes.
import * as assert from "assert";
import { startSimulator } from "../../../simulator";
import { startedForEachTest } from "../../support/fixture-hooks";
import { assertError, jobObject, type Fixture, type Obj } from "./api-fixture";
import { deployParams, isolatedNetwork, registerVnfTemplate, startWithCatalog, type Catalog } from "./api-instances-fixture";

describe("simulator api: template downloads", function () {
  this.timeout(20_000);
  let f: Fixture;
  let c: Catalog;

  startedForEachTest(startWithCatalog, async (started) => {
    ({ f, c } = started);
  });

  const register = (extra: Record<string, string> = {}): Promise<Obj> => registerVnfTemplate(f, f.user, c.zoneid, extra);
  const listed = async (id: string): Promise<Obj> => (await f.list(f.admin, "listTemplates", { templatefilter: "all", id }))[0];

  it("answers the register before the download, shows it under way, and is Ready once it completes", async () => {
    f.sim.model.templateDownloadMs = 1_000;
    const made = await register();
    assert.deepStrictEqual([made.isready, /^\d{1,2}% Downloaded$/.test(String(made.status))], [false, true], String(made.status));
    const during = await listed(String(made.id));
    assert.deepStrictEqual((during.downloaddetails as Obj[]).map((d) => d.downloadState), ["DOWNLOAD_IN_PROGRESS"]);
    assert.deepStrictEqual(await f.list(f.user, "listVnfTemplates", { templatefilter: "self", isready: "true" }), []);
    // A normal user sees the status and the download per store, not the store's role.
    const [own] = await f.list(f.user, "listVnfTemplates", { templatefilter: "self" });
    assert.deepStrictEqual([own.isready, /% Downloaded$/.test(String(own.status))], [false, true]);
    assert.deepStrictEqual((own.downloaddetails as Obj[]).map((d) => [d.downloadState, d.datastoreRole]), [["DOWNLOAD_IN_PROGRESS", undefined]]);

    await f.templateReady(String(made.id));
    const after = await listed(String(made.id));
    assert.deepStrictEqual([after.isready, after.status, after.downloaddetails], [true, "Download Complete", [{ downloadState: "DOWNLOADED", datastore: "Sandbox-secondary", downloadPercent: "100", datastoreRole: "Image" }]]);
    assert.deepStrictEqual((await f.list(f.user, "listVnfTemplates", { templatefilter: "self", isready: "true" })).map((t) => t.id), [made.id]);
  });

  it("refuses a deploy from a template still downloading with VolumeOrchestrator's 530, making nothing, and deploys once it is Ready", async () => {
    f.sim.model.templateDownloadMs = 1_500;
    const made = await register();
    const network = String((await isolatedNetwork(f, c, f.user, "vnf-mgmt")).id);
    const params = deployParams(c, { templateid: String(made.id), networkids: network, name: "early" });
    const zone = (await f.list(f.admin, "listZones", { id: c.zoneid }))[0];
    assertError(
      await f.call(f.user, "deployVnfAppliance", params),
      530,
      4250,
      `Template [${JSON.stringify({ uuid: made.id, name: "vnf" })}] has not been completely downloaded to the zone [${JSON.stringify({ uuid: zone.id, name: zone.name })}].`,
    );
    assert.deepStrictEqual(await f.list(f.admin, "listVirtualMachines", { listall: "true", name: "early" }), []);
    await f.templateReady(String(made.id));
    const vm = jobObject(await f.job(f.user, "deployVnfAppliance", params), "virtualmachine");
    assert.strictEqual(vm.templateid, made.id);
  });

  it("never completes a download from a host that cannot resolve: the status is the error", async () => {
    f.sim.model.templateDownloadMs = 0;
    const made = await register({ url: "https://images.example.invalid/vnf.qcow2" });
    assert.deepStrictEqual([made.isready, made.status], [false, "Unable to download template: the host of https://images.example.invalid/vnf.qcow2 cannot be resolved"]);
    const later = await listed(String(made.id));
    assert.deepStrictEqual([later.isready, (later.downloaddetails as Obj[])[0].downloadState, (later.downloaddetails as Obj[])[0].downloadPercent], [false, "DOWNLOAD_ERROR", "0"]);
  });

  it("is Ready at once with templateDownloadMs 0, and refuses a template of another zone with UserVmManagerImpl's 431 naming its internal id", async () => {
    f.sim.model.templateDownloadMs = 0;
    const made = await register();
    assert.deepStrictEqual([made.isready, made.status], [true, "Download Complete"]);
    const internalId = f.sim.model.state.templates.find((t) => t.uuid === made.id)?.id;
    assertError(
      await f.call(f.user, "deployVnfAppliance", deployParams(c, { zoneid: c.basicZoneId, templateid: String(made.id) })),
      431,
      4350,
      `The template ${String(internalId)} is not available for use`,
    );
  });

  it("takes its download time from the startSimulator option", async () => {
    const sim = await startSimulator({ templateDownloadMs: 12_345 });
    try {
      assert.strictEqual(sim.model.templateDownloadMs, 12_345);
    } finally {
      await sim.close();
    }
  });
});
