// customjobid (BaseAsyncCmd) names a job so a client can find it after a lost answer; externalid
// (createNetwork) names a network. Both against the real simulator.
import assert from "assert";
import { randomUUID } from "crypto";
import { assertError, Fixture, Obj, startFixture } from "../api/api-fixture";

describe("simulator wire: customjobid and externalid", function () {
  this.timeout(30_000);
  let f: Fixture;
  let networkId: string;
  beforeEach(async () => {
    f = await startFixture();
    const created = await f.call(f.admin, "createNetwork", {
      name: "cj",
      displaytext: "cj",
      zoneid: await f.zoneId(),
      networkofferingid: await f.offeringId("DefaultIsolatedNetworkOfferingWithSourceNatService"),
    });
    assert.strictEqual(created.status, 200, JSON.stringify(created.body));
    networkId = String((created.body.network as Obj).id);
  });
  afterEach(() => f.close());

  // The create phase allocates the address to the account; the job associates it with the network.
  const adminIps = async (): Promise<Obj[]> => f.list(f.admin, "listPublicIpAddresses", {});

  const waitFor = async (jobid: string): Promise<Obj> => {
    for (;;) {
      const r = await f.call(f.admin, "queryAsyncJobResult", { jobid });
      assert.strictEqual(r.status, 200, JSON.stringify(r.body));
      if (r.body.jobstatus !== 0) return r.body;
    }
  };

  it("makes customjobid the job's id: queryAsyncJobResult finds it with its instance", async () => {
    const customjobid = randomUUID();
    const r = await f.call(f.admin, "associateIpAddress", { networkid: networkId, customjobid });
    assert.strictEqual(r.status, 200, JSON.stringify(r.body));
    assert.strictEqual(r.body.jobid, customjobid);
    const job = await waitFor(customjobid);
    assert.strictEqual(job.jobid, customjobid);
    assert.strictEqual(job.jobstatus, 1);
    assert.strictEqual(job.jobinstanceid, r.body.id);
    assert.strictEqual(job.jobinstancetype, "IpAddress");
    const listed = await f.list(f.admin, "listAsyncJobs");
    assert.ok(listed.some((j) => j.jobid === customjobid));
  });

  it("refuses a re-used customjobid with 431 after an async create has made its entity, which stays", async () => {
    const customjobid = randomUUID();
    const first = await f.call(f.admin, "associateIpAddress", { networkid: networkId, customjobid });
    assert.strictEqual(first.status, 200);
    await waitFor(customjobid);
    const before = await adminIps();
    const again = await f.call(f.admin, "associateIpAddress", { networkid: networkId, customjobid });
    assertError(again, 431, 4350, `UUID: ${customjobid} already exists so can't create/update with custom id`);
    const after = await adminIps();
    assert.strictEqual(after.length, before.length + 1, "the re-sent create made an address before the check refused it");
  });

  it("refuses a customjobid that is not a lowercase UUID", async () => {
    for (const bad of ["job-1", randomUUID().toUpperCase()]) {
      const r = await f.call(f.admin, "updateNetwork", { id: networkId, name: "renamed", customjobid: bad });
      assertError(r, 431, 4350, `UUID: ${bad} doesn't follow the UUID format`);
    }
    const [network] = await f.list(f.admin, "listNetworks", { id: networkId });
    assert.strictEqual(network?.name, "cj", "a refused non-create async command changes nothing");
  });

  it("refuses a customjobid already used by another account's job", async () => {
    const customjobid = randomUUID();
    await f.call(f.admin, "updateNetwork", { id: networkId, name: "x", customjobid });
    const own = await f.call(f.user, "createNetwork", {
      name: "users",
      displaytext: "users",
      zoneid: await f.zoneId(),
      networkofferingid: await f.offeringId("DefaultIsolatedNetworkOfferingWithSourceNatService"),
    });
    assert.strictEqual(own.status, 200, JSON.stringify(own.body));
    const r = await f.call(f.user, "updateNetwork", { id: String((own.body.network as Obj).id), name: "y", customjobid });
    assertError(r, 431, 4350, `UUID: ${customjobid} already exists so can't create/update with custom id`);
  });

  it("answers an unknown job id as CloudStack does, for a uuid and for a number", async () => {
    const unknown = randomUUID();
    assertError(
      await f.call(f.admin, "queryAsyncJobResult", { jobid: unknown }),
      431,
      4350,
      `Invalid parameter jobid value=${unknown} due to incorrect long value format, or entity does not exist or due to incorrect parameter annotation for the field in api cmd class.`,
    );
    assertError(await f.call(f.admin, "queryAsyncJobResult", { jobid: "424242" }), 431, 4350, "Unable to find a job by id 424242");
  });

  it("stores createNetwork's externalid and returns it from listNetworks", async () => {
    const created = await f.call(f.admin, "createNetwork", {
      name: "ext",
      displaytext: "ext",
      zoneid: await f.zoneId(),
      networkofferingid: await f.offeringId("DefaultIsolatedNetworkOfferingWithSourceNatService"),
      externalid: "stack/dev/web-net",
    });
    assert.strictEqual(created.status, 200, JSON.stringify(created.body));
    const network = created.body.network as Obj;
    assert.strictEqual(network.externalid, "stack/dev/web-net");
    const [listed] = await f.list(f.admin, "listNetworks", { id: String(network.id) });
    assert.strictEqual(listed?.externalid, "stack/dev/web-net");
    const [plain] = await f.list(f.admin, "listNetworks", { id: networkId });
    assert.ok(plain && !("externalid" in plain), "no externalid when none was given");
  });
});
