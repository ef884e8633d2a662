// Job waits against the simulator share the account's poller: many pending jobs cost one
// listAsyncJobs per poll round, not one queryAsyncJobResult each; clients with the same
// credentials share it; a job the listing cannot show (another account's) is still answered; and
// look-ups by customjobid arriving together share one listing.
import { strict as assert } from "node:assert";
import { randomUUID } from "node:crypto";
import { CloudStackClient } from "../../provider/client";
import { startSimulator, type RunningSimulator } from "../../simulator";

const ISOLATED = "DefaultIsolatedNetworkOfferingWithSourceNatService";

describe("client shared job polling, against the simulator", function () {
  this.timeout(60_000);
  let sim: RunningSimulator;
  let sent: string[];
  const clients: CloudStackClient[] = [];
  const clientAs = (keys: { apiKey: string; secretKey: string }): CloudStackClient => {
    const client = new CloudStackClient({ apiUrl: sim.endpoint, ...keys, log: (line) => sent.push(line) });
    clients.push(client);
    return client;
  };
  const count = (command: string): number => sent.filter((line) => new RegExp(`\\b(GET|POST) ${command}\\b`).test(line)).length;

  beforeEach(async () => {
    sim = await startSimulator({ jobMs: 800 });
    sent = [];
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
    await sim.close();
  });

  async function networks(client: CloudStackClient, n: number): Promise<string[]> {
    const zone = (await client.list("listZones", { name: "Sandbox-simulator" }))[0]!.id as string;
    const offering = (await client.list("listNetworkOfferings", { name: ISOLATED }))[0]!.id as string;
    const made = await Promise.all(
      Array.from({ length: n }, (_, i) => client.request("createNetwork", { name: `poll-${i}`, displaytext: "p", zoneid: zone, networkofferingid: offering })),
    );
    return made.map((answer) => (answer.network as { id: string }).id);
  }

  it("follows 30 jobs of two clients with the same credentials with one poller", async () => {
    const first = clientAs(sim.admin);
    const second = clientAs(sim.admin);
    const ids = await networks(first, 30);
    sent = [];
    const results = await Promise.all(ids.map((id, i) => (i % 2 ? second : first).execute("updateNetwork", { id, name: `renamed-${i}` })));
    assert.deepEqual(
      results.map((r) => (r.network as { name: string }).name),
      ids.map((_, i) => `renamed-${i}`),
    );
    const polls = count("queryAsyncJobResult") + count("listAsyncJobs");
    // Alone, each job would be polled at least three times in its 800 ms (at 50, 200 and 650 ms).
    assert.ok(polls < 30, `${polls} polls for 30 jobs: ${count("queryAsyncJobResult")} queryAsyncJobResult, ${count("listAsyncJobs")} listAsyncJobs`);
    assert.ok(count("listAsyncJobs") > 0);
    assert.equal(first.stats.polls + second.stats.polls, polls);
  });

  it("answers a wait for another account's job, which the caller's listing does not show", async () => {
    const admin = clientAs(sim.admin);
    const user = clientAs(sim.user);
    const [userNetwork] = await networks(user, 1);
    const adminNetworks = await networks(admin, 3);
    sent = [];
    const userJob = await user.start("updateNetwork", { id: userNetwork!, name: "users" });
    const waits = [
      admin.waitForJob(userJob.jobId),
      ...(await Promise.all(adminNetworks.map((id) => admin.start("updateNetwork", { id, name: "admins" })))).map((job) => admin.waitForJob(job.jobId)),
    ];
    const [userResult, ...adminResults] = await Promise.all(waits);
    assert.equal((userResult!.network as { name: string }).name, "users");
    assert.ok(adminResults.every((r) => (r.network as { name: string }).name === "admins"));
    assert.ok(count("queryAsyncJobResult") >= 1);
  });

  it("answers look-ups by customjobid with one listing of the account's jobs, asking only for the job this process sent", async () => {
    const client = clientAs(sim.admin);
    const [network] = await networks(client, 1);
    const started = await client.start("updateNetwork", { id: network!, name: "x", customjobid: randomUUID() });
    sent = [];
    const unknown = Array.from({ length: 9 }, () => randomUUID());
    const found = await Promise.all([started.jobId, ...unknown].map((id) => client.findJob(id)));
    assert.equal(found[0]?.jobid, started.jobId);
    assert.equal(found[0]?.id, network);
    assert.deepEqual(found.slice(1), unknown.map(() => undefined));
    assert.equal(count("listAsyncJobs"), 1, "the account's jobs listed once");
    assert.equal(count("queryAsyncJobResult"), 1, "the job this process started, asked for");
    // More look-ups of ids never sent: that listing still answers them.
    const more = await Promise.all(Array.from({ length: 5 }, () => client.findJob(randomUUID())));
    assert.deepEqual(more, more.map(() => undefined));
    assert.equal(count("listAsyncJobs") + count("queryAsyncJobResult"), 2);
  });
});
