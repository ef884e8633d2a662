import * as assert from "assert";
import { startedForSuite } from "../../support/fixture-hooks";
import { assertJobError, startFixture, type Fixture, type Obj } from "./api-fixture";

describe("simulator api: resource tags on networks", function () {
  this.timeout(20_000);
  let f: Fixture;
  let net: Obj;

  startedForSuite(startFixture, async (started) => {
    f = started;
    const r = await f.call(f.user, "createNetwork", {
      zoneid: await f.zoneId(),
      networkofferingid: await f.offeringId("DefaultIsolatedNetworkOfferingWithSourceNatService"),
      name: "tagged",
    });
    net = r.body.network as Obj;
  });

  it("createTags adds tags shown on the network and by listTags", async () => {
    const job = await f.job(f.user, "createTags", {
      resourcetype: "Network",
      resourceids: String(net.id),
      "tags[0].key": "env",
      "tags[0].value": "test",
      "tags[1].key": "team",
      "tags[1].value": "net",
    });
    assert.strictEqual(job.jobstatus, 1, JSON.stringify(job));
    assert.deepStrictEqual(job.jobresult, { success: true });
    const listed = (await f.list(f.user, "listNetworks", { id: String(net.id) }))[0];
    const tags = listed.tags as Obj[];
    assert.deepStrictEqual(tags.map((t) => `${t.key}=${t.value}`).sort(), ["env=test", "team=net"]);
    const env = tags.find((t) => t.key === "env") as Obj;
    assert.strictEqual(env.resourcetype, "Network");
    assert.strictEqual(env.resourceid, net.id);
    assert.strictEqual(env.account, "user");
    assert.strictEqual(env.domain, "ROOT");
    assert.strictEqual(typeof env.domainid, "string");
    const viaList = await f.list(f.user, "listTags", { resourcetype: "Network", resourceid: String(net.id), key: "env" });
    assert.strictEqual(viaList.length, 1);
    assert.strictEqual(viaList[0].value, "test");
  });

  it("listNetworks filters by tags", async () => {
    assert.strictEqual((await f.list(f.user, "listNetworks", { "tags[0].key": "env", "tags[0].value": "test" })).length, 1);
    assert.strictEqual((await f.list(f.user, "listNetworks", { "tags[0].key": "env", "tags[0].value": "prod" })).length, 0);
  });

  it("deleteTags removes by key (and optional value)", async () => {
    assertJobError(
      await f.job(f.user, "deleteTags", { resourcetype: "Network", resourceids: String(net.id), "tags[0].key": "env", "tags[0].value": "prod" }),
      431,
      "Unable to find any tags which conform to specified delete parameters.",
    );
    const job = await f.job(f.user, "deleteTags", { resourcetype: "Network", resourceids: String(net.id), "tags[0].key": "env" });
    assert.strictEqual(job.jobstatus, 1, JSON.stringify(job));
    const tags = (await f.list(f.user, "listNetworks", { id: String(net.id) }))[0].tags as Obj[];
    assert.deepStrictEqual(tags.map((t) => t.key), ["team"]);
  });

  it("rejects unknown resources and empty values", async () => {
    const ghost = "6a1f0000-0000-4000-8000-000000000000";
    assertJobError(
      await f.job(f.user, "createTags", { resourcetype: "Network", resourceids: ghost, "tags[0].key": "k", "tags[0].value": "v" }),
      431,
      `Unable to find resource by uuid ${ghost} and type Network`,
    );
    assertJobError(
      await f.job(f.user, "createTags", { resourcetype: "Network", resourceids: String(net.id), "tags[0].key": "k", "tags[0].value": "" }),
      431,
      "Value for the key k is either null or empty",
    );
  });

  it("another user's network cannot be tagged", async () => {
    const r = await f.call(f.admin, "createNetwork", {
      zoneid: await f.zoneId(),
      networkofferingid: await f.offeringId("DefaultIsolatedNetworkOfferingWithSourceNatService"),
      name: "admins",
    });
    const job = await f.job(f.user, "createTags", {
      resourcetype: "Network",
      resourceids: String((r.body.network as Obj).id),
      "tags[0].key": "k",
      "tags[0].value": "v",
    });
    // createTags' resource ids carry no @ACL: access is checked inside the job, and the
    // PermissionDeniedException there is reported as 530 (ApiAsyncJobDispatcher).
    assert.strictEqual(job.jobstatus, 2);
    assert.strictEqual(job.jobresultcode, 530);
  });

  it("tags go away with their network", async () => {
    const r = await f.call(f.user, "createNetwork", {
      zoneid: await f.zoneId(),
      networkofferingid: await f.offeringId("DefaultIsolatedNetworkOfferingWithSourceNatService"),
      name: "short-lived",
    });
    const id = String((r.body.network as Obj).id);
    await f.job(f.user, "createTags", { resourcetype: "Network", resourceids: id, "tags[0].key": "k", "tags[0].value": "v" });
    await f.job(f.user, "deleteNetwork", { id });
    assert.deepStrictEqual(await f.list(f.user, "listTags", { resourceid: id }), []);
  });

  it("tags a template: shown on it, filtered by listTemplates, gone with it", async () => {
    const [seeded] = await f.list(f.admin, "listTemplates", { templatefilter: "featured" });
    const r = await f.call(f.user, "registerVnfTemplate", {
      name: "tagged-vnf",
      url: "https://images.example/vnf.qcow2",
      zoneid: await f.zoneId(),
      hypervisor: "KVM",
      format: "QCOW2",
      ostypeid: String(seeded.ostypeid),
    });
    const id = String((r.body.template as Obj[])[0].id);
    const job = await f.job(f.user, "createTags", { resourcetype: "Template", resourceids: id, "tags[0].key": "token", "tags[0].value": "t-1" });
    assert.strictEqual(job.jobstatus, 1, JSON.stringify(job));
    const [listed] = await f.list(f.user, "listVnfTemplates", { templatefilter: "self", "tags[0].key": "token", "tags[0].value": "t-1" });
    assert.deepStrictEqual([listed.id, (listed.tags as Obj[]).map((t) => [t.key, t.value, t.resourcetype])], [id, [["token", "t-1", "Template"]]]);
    assert.deepStrictEqual(await f.list(f.user, "listVnfTemplates", { templatefilter: "self", "tags[0].key": "token", "tags[0].value": "t-2" }), []);
    await f.job(f.user, "deleteVnfTemplate", { id });
    assert.deepStrictEqual(await f.list(f.user, "listTags", { resourceid: id }), []);
  });
});
