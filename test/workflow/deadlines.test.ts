// Deadlines on Network with slow simulator jobs: customTimeouts (forwarded as __timeouts) bound
// create, update and delete; a create or update cut short is recorded with its pending job and
// the next update waits for that job instead of starting over (no duplicate); a delete cut short
// leaves the resource, and a later delete finishes it. Through the provider, and through the
// SDK's real dynamic-provider host.
import * as assert from "assert";
import * as fs from "fs";
import { startSimulator, RunningSimulator } from "../../simulator";
import { ClientRuntime, makeProvider, ResourceInitError, specs } from "../../provider";
import type { DynamicProvider } from "../../provider";
import type { CloudStackClient } from "../../provider/client";
import { runtimeFor } from "../support/provider-fixture";
import { ISOLATED, PERSISTENT, ZONE } from "../support/network-fixture";
import { makeProgramDir, ProviderHost, ResourceInitFailedError, startConfiguredHost } from "../engine-standin/hosts";
import { networkShim, networkUrn } from "./shim-text";

type Props = Record<string, unknown>;
const SLOW_MS = 1500;

describe("workflow: deadlines and jobs that outlive them (Network, slow simulator jobs)", function () {
  this.timeout(60_000);
  let sim: RunningSimulator;
  let runtime: ClientRuntime;
  let provider: DynamicProvider;
  let client: CloudStackClient;
  /** Commands whose jobs take SLOW_MS; every other job takes 20 ms. */
  const slow = new Set<string>();

  before(async () => {
    sim = await startSimulator({ jobDurationMs: (command) => (slow.has(command) ? SLOW_MS : 20) });
    runtime = runtimeFor(sim);
    provider = makeProvider(specs.Network, runtime);
    client = await runtime.client();
  });
  afterEach(() => slow.clear());
  after(async () => {
    await runtime.close();
    await sim.close();
  });

  const network = (name: string, extra: Props = {}): Props => ({ name, zone: ZONE, networkOffering: ISOLATED, cidr: "10.30.0.0/24", ...extra });
  const namedCount = async (name: string) => (await client.list<Props>("listNetworks", { listall: true })).filter((n) => n.name === name).length;

  async function checked(news: Props): Promise<Props> {
    const result = await provider.check({}, news);
    assert.deepStrictEqual(result.failures, []);
    return result.inputs;
  }

  async function createCutShort(news: Props): Promise<ResourceInitError> {
    const inputs = await checked(news);
    const err = await provider.create(inputs).then(
      () => assert.fail("create should pass its deadline"),
      (e: unknown) => e,
    );
    assert.ok(err instanceof ResourceInitError, String(err));
    const jobId = String((err.properties.__pendingJob as Props | undefined)?.jobId);
    assert.strictEqual(await jobStatus(jobId), 0, "create gave up at its deadline, before the job ended");
    return err;
  }

  /** The job's status in CloudStack (0 while pending): an order of events, not a measured time. */
  async function jobStatus(jobId: string): Promise<number> {
    const job = await client.request("queryAsyncJobResult", { jobid: jobId });
    return Number(job.jobstatus);
  }

  it("records a create cut short with its pending job; the next update resumes it without a duplicate", async () => {
    slow.add("createTags");
    const news = network("slow-tags", { tags: { team: "web" }, __timeouts: { create: "300ms" } });
    const err = await createCutShort(news);
    assert.match(
      err.message,
      /^Network [0-9a-f-]{36} was created but not completed: CloudStack createTags job [0-9a-f-]{36} did not finish within 300 ms and is still running\. The next `pulumi up` waits for that job and completes the resource instead of creating another\.$/,
    );
    assert.ok(sim.model.findNetwork(err.id), "the id is the network's");
    const pending = err.properties.__pendingJob as Props;
    assert.strictEqual(pending.command, "createTags");
    assert.strictEqual(pending.operation, "create");
    assert.match(String(pending.jobId), /^[0-9a-f-]{36}$/);
    assert.strictEqual(err.properties.name, "slow-tags");
    assert.deepStrictEqual(err.properties.__timeouts, { create: "300ms" });
    assert.strictEqual(err.reasons.length, 1);

    // A refresh meanwhile keeps the resource and its pending job.
    const refreshed = await provider.read(err.id, err.properties);
    assert.strictEqual(refreshed.id, err.id);
    assert.deepStrictEqual(refreshed.props.__pendingJob, pending);

    // The next up: diff sees work to do; an update with a short deadline is cut short again,
    // keeping the same job; one with the default deadline waits the job out.
    const inputs = await checked(news);
    assert.deepStrictEqual(await provider.diff(err.id, err.properties, inputs), { changes: true, replaces: [], deleteBeforeReplace: false });
    const again = await provider.update(err.id, err.properties, { ...inputs, __timeouts: { update: "100ms" } }).then(
      () => assert.fail("update should pass its deadline"),
      (e: unknown) => e,
    );
    assert.ok(again instanceof ResourceInitError);
    assert.strictEqual(again.id, err.id);
    assert.deepStrictEqual(again.properties.__pendingJob, pending);

    const updated = await provider.update(err.id, again.properties, inputs);
    assert.strictEqual(updated.outs.__pendingJob, undefined);
    assert.deepStrictEqual(updated.outs.tags, { team: "web" });
    assert.strictEqual(await namedCount("slow-tags"), 1, "no duplicate network");
    assert.deepStrictEqual(await provider.diff(err.id, updated.outs, inputs), { changes: false, replaces: [], deleteBeforeReplace: false });
    await provider.delete(err.id, updated.outs);
  });

  it("applies, after resuming, what the cut-short create never reached", async () => {
    // createTags passes the deadline, so the IP reservation after it never ran.
    slow.add("createTags");
    // A persistent offering implements the network at once: a reservation needs Implemented.
    const news = network("slow-then-reserve", { networkOffering: PERSISTENT, cidr: "10.31.0.0/24", tags: { a: "b" }, guestVmCidr: "10.31.0.0/25", __timeouts: { create: "300ms" } });
    const err = await createCutShort(news);
    const [before] = await client.list<Props>("listNetworks", { id: err.id });
    assert.strictEqual(before.networkcidr, undefined, "no reservation yet");
    const updated = await provider.update(err.id, err.properties, await checked(news));
    assert.strictEqual(updated.outs.guestVmCidr, "10.31.0.0/25");
    assert.strictEqual(updated.outs.networkCidr, "10.31.0.0/24");
    assert.deepStrictEqual(updated.outs.tags, { a: "b" });
    assert.strictEqual(await namedCount("slow-then-reserve"), 1);
    await provider.delete(err.id, updated.outs);
  });

  it("records an update cut short with its job; the next update waits for it and finishes", async () => {
    const created = await provider.create(await checked(network("rename-me")));
    slow.add("updateNetwork");
    const renamed = await checked(network("renamed", { __timeouts: { update: "300ms" } }));
    const err = await provider.update(created.id, created.outs, renamed).then(
      () => assert.fail("update should pass its deadline"),
      (e: unknown) => e,
    );
    assert.ok(err instanceof ResourceInitError, String(err));
    assert.match(err.message, new RegExp(`^Network ${created.id} was not fully updated: CloudStack updateNetwork job .* did not finish within 300 ms and is still running\\. The next \`pulumi up\` waits for that job, then applies what is left\\.$`));
    assert.strictEqual((err.properties.__pendingJob as Props).command, "updateNetwork");
    assert.strictEqual((err.properties.__pendingJob as Props).operation, "update");
    assert.strictEqual(err.properties.name, "rename-me", "recorded as it was before the job");

    assert.strictEqual((await provider.diff(created.id, err.properties, renamed)).changes, true);
    const updated = await provider.update(created.id, err.properties, { ...renamed, __timeouts: {} });
    assert.strictEqual(updated.outs.name, "renamed");
    assert.strictEqual(updated.outs.__pendingJob, undefined);
    const [listed] = await client.list<Props>("listNetworks", { id: created.id });
    assert.strictEqual(listed.name, "renamed");
    await provider.delete(created.id, updated.outs);
  });

  it("leaves the resource when delete passes its deadline; a later delete finishes", async () => {
    const created = await provider.create(await checked(network("slow-delete", { __timeouts: { delete: "300ms" } })));
    assert.deepStrictEqual(created.outs.__timeouts, { delete: "300ms" }, "delete finds its deadline in the outputs");
    slow.add("deleteNetwork");
    const failed = await provider.delete(created.id, created.outs).then(
      () => assert.fail("delete should pass its deadline"),
      (e: unknown) => e,
    );
    const message = String(failed);
    const match = new RegExp(`^Error: Network ${created.id} was not deleted: CloudStack deleteNetwork job (\\S+) did not finish within 300 ms and is still running\\. It stays in the stack`).exec(message);
    assert.ok(match, message);
    assert.strictEqual(await jobStatus(match[1]!), 0, "delete gave up at its deadline, before the job ended");
    assert.ok(sim.model.findNetwork(created.id), "still there while its delete job runs");

    // The later delete (default deadline) queues behind the earlier job and ends with the network gone.
    await provider.delete(created.id, { ...created.outs, __timeouts: {} });
    assert.strictEqual(sim.model.findNetwork(created.id), undefined);
    assert.strictEqual(await namedCount("slow-delete"), 0);
  });

  it("deletes a resource whose create was cut short by waiting for its job first", async () => {
    slow.add("createTags");
    const err = await createCutShort(network("cut-then-deleted", { tags: { x: "y" }, __timeouts: { create: "200ms" } }));
    await provider.delete(err.id, err.properties);
    assert.strictEqual(sim.model.findNetwork(err.id), undefined);
    assert.strictEqual(await namedCount("cut-then-deleted"), 0);
  });

  describe("through the SDK's dynamic-provider host", () => {
    let host: ProviderHost;
    let programDir: string;
    let shim: string;

    before(async () => {
      shim = await networkShim();
      programDir = makeProgramDir("pcs-deadline-");
      host = await startConfiguredHost(programDir, sim);
    });
    after(async () => {
      await host?.close();
      if (programDir) fs.rmSync(programDir, { recursive: true, force: true });
    });

    it("reports a cut-short create as ErrorResourceInitFailed (id, outputs with the job), and update resumes", async () => {
      slow.add("createTags");
      const urn = networkUrn("host-slow");
      const news = { __provider: shim, ...network("host-slow", { cidr: "10.32.0.0/24", tags: { via: "host" }, __timeouts: { create: "300ms" } }) };
      const inputs = (await host.check(urn, {}, news)).inputs;
      const err = await host.create(urn, inputs).then(
        () => assert.fail("create should pass its deadline"),
        (e: unknown) => e,
      );
      assert.ok(err instanceof ResourceInitFailedError, String(err));
      assert.ok(sim.model.findNetwork(err.id));
      assert.strictEqual((err.properties.__pendingJob as Props).command, "createTags");
      assert.match(err.reasons[0], /^CloudStack createTags job .* did not finish within 300 ms and is still running$/);

      const diff = await host.diff(urn, err.id, err.properties, inputs);
      assert.strictEqual(diff.changes, "some");
      const outs = await host.update(urn, err.id, err.properties, inputs);
      assert.strictEqual(outs.__pendingJob, undefined);
      assert.deepStrictEqual(outs.tags, { via: "host" });
      assert.strictEqual(outs.__provider, shim);
      assert.strictEqual(await namedCount("host-slow"), 1);
      await host.delete(urn, err.id, outs);
      assert.strictEqual(sim.model.findNetwork(err.id), undefined);
    });
  });
});
