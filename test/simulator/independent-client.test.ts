// The real simulator (model + handlers + wire), driven only by the independent raw client: a
// second implementation of signing and envelopes besides the project's own client.
import assert from "assert";
import { startSimulator, RunningSimulator } from "../../simulator";
import { rawCall, rawCallAndWait } from "./raw-client";
import { ADVANCED_ZONE, findByName, ISOLATED_OFFERING } from "./raw-lookups";

type Obj = Record<string, unknown>;

describe("simulator through an independent client", () => {
  let sim: RunningSimulator;
  let zoneId: string;
  let offeringId: string;
  let networkId: string;

  before(async () => {
    sim = await startSimulator({ jobMs: 20 });
  });
  after(() => sim.close());

  it("lists zones", async () => {
    const r = await rawCall(sim.endpoint, sim.user, "listZones");
    assert.strictEqual(r.status, 200);
    const body = r.body.listzonesresponse as { count: number; zone: Obj[] };
    assert.strictEqual(body.count, body.zone.length);
    const zone = body.zone.find((z) => z.name === ADVANCED_ZONE);
    assert.ok(zone, JSON.stringify(body.zone.map((z) => z.name)));
    assert.strictEqual(zone.networktype, "Advanced");
    zoneId = zone.id as string;
  });

  it("lists network offerings", async () => {
    const offering = await findByName(sim.endpoint, sim.user, "listNetworkOfferings", "networkoffering", ISOLATED_OFFERING, {
      zoneid: zoneId,
    });
    assert.strictEqual(offering.guestiptype, "Isolated");
    assert.strictEqual(offering.state, "Enabled");
    offeringId = offering.id;
  });

  it("creates an isolated network (POST)", async () => {
    const r = await rawCall(
      sim.endpoint,
      sim.user,
      "createNetwork",
      { name: "independent net", displaytext: "made by raw-client", zoneid: zoneId, networkofferingid: offeringId },
      { method: "POST" },
    );
    assert.strictEqual(r.status, 200, JSON.stringify(r.body));
    const network = (r.body.createnetworkresponse as { network: Obj }).network;
    assert.strictEqual(network.name, "independent net");
    assert.strictEqual(network.displaytext, "made by raw-client");
    assert.strictEqual(network.zoneid, zoneId);
    assert.strictEqual(network.networkofferingid, offeringId);
    assert.strictEqual(network.type, "Isolated");
    assert.strictEqual(network.state, "Allocated");
    assert.match(network.id as string, /^[0-9a-f-]{36}$/);
    networkId = network.id as string;
  });

  it("lists the network by id", async () => {
    const r = await rawCall(sim.endpoint, sim.user, "listNetworks", { id: networkId });
    assert.strictEqual(r.status, 200);
    const body = r.body.listnetworksresponse as { count: number; network: Obj[] };
    assert.strictEqual(body.count, 1);
    assert.strictEqual(body.network[0]!.id, networkId);
    assert.strictEqual(body.network[0]!.name, "independent net");
  });

  it("updates the network through an async job", async () => {
    const r = await rawCallAndWait(sim.endpoint, sim.user, "updateNetwork", { id: networkId, displaytext: "renamed by job" });
    assert.strictEqual(r.status, 200);
    const job = r.body.queryasyncjobresultresponse as Obj;
    assert.strictEqual(job.jobstatus, 1, JSON.stringify(job));
    assert.strictEqual(job.jobresultcode, 0);
    assert.strictEqual(job.jobresulttype, "object");
    assert.strictEqual(job.cmd, "org.apache.cloudstack.api.command.user.network.UpdateNetworkCmd");
    const network = (job.jobresult as { network: Obj }).network;
    assert.strictEqual(network.id, networkId);
    assert.strictEqual(network.displaytext, "renamed by job");
    const listed = await rawCall(sim.endpoint, sim.user, "listNetworks", { id: networkId });
    assert.strictEqual((listed.body.listnetworksresponse as { network: Obj[] }).network[0]!.displaytext, "renamed by job");
  });

  it("deletes the network through an async job; it is then gone from the list", async () => {
    const r = await rawCallAndWait(sim.endpoint, sim.user, "deleteNetwork", { id: networkId });
    const job = r.body.queryasyncjobresultresponse as Obj;
    assert.strictEqual(job.jobstatus, 1, JSON.stringify(job));
    assert.deepStrictEqual(job.jobresult, { success: true });
    const listed = await rawCall(sim.endpoint, sim.user, "listNetworks", { id: networkId });
    assert.strictEqual(listed.status, 200);
    assert.deepStrictEqual(listed.body, { listnetworksresponse: {} });
  });

  it("answers CloudStack's error envelope for a bad request", async () => {
    const missing = await rawCall(sim.endpoint, sim.user, "createNetwork", { name: "x", networkofferingid: offeringId });
    assert.strictEqual(missing.status, 431);
    assert.deepStrictEqual(missing.body, {
      createnetworkresponse: {
        uuidList: [],
        errorcode: 431,
        cserrorcode: 9999,
        errortext: "Unable to execute API command createnetwork due to missing parameter zoneid",
      },
    });
    const unsigned = await rawCall(sim.endpoint, sim.user, "listZones", {}, { signature: "not-it" });
    assert.strictEqual(unsigned.status, 401);
    assert.deepStrictEqual(unsigned.body, {
      listzonesresponse: { uuidList: [], errorcode: 401, errortext: "unable to verify user credentials and/or request signature" },
    });
  });
});
