// The adapter's workflow pieces that need no API: durations and deadlines, the adapter-owned
// inputs (importId, __timeouts) in check and diff, a pending job forcing an update, and the
// wait for a transitional state before delete, and the wait for an object to be ready.
import * as assert from "assert";
import { ClientRuntime, makeProvider, specs, UNKNOWN } from "../../provider";
import { describeProgress, type CloudStackClient, type WaitProgress } from "../../provider/client";
import { Deadline } from "../../provider/adapter/lifecycle/deadline";
import { DEFAULT_TIMEOUT_MS, parseDuration, timeoutMs } from "../../provider/adapter/check/timeouts";
import { waitOutTransition } from "../../provider/adapter/lifecycle/transition";
import { NotReadyError, waitUntilReady } from "../../provider/adapter/lifecycle/readiness";
import type { ApiObject } from "../../provider/adapter/types";

const olds = {
  name: "n",
  zone: "z",
  zoneId: "zone-1",
  networkOffering: "o",
  networkOfferingId: "off-1",
  type: "Isolated",
  cidr: "10.0.0.0/24",
  stateVersion: 1,
};

describe("adapter workflow pieces", () => {
  describe("durations", () => {
    it("reads Go durations as Pulumi's customTimeouts are written", () => {
      assert.strictEqual(parseDuration("30s"), 30_000);
      assert.strictEqual(parseDuration("1h30m"), 5_400_000);
      assert.strictEqual(parseDuration("2.5m"), 150_000);
      assert.strictEqual(parseDuration("750ms"), 750);
      for (const bad of ["", "5", "5x", "-1s", "0s", "1h 30m", "s"]) assert.strictEqual(parseDuration(bad), undefined, bad);
    });

    it("gives each operation its customTimeouts value or the default", () => {
      const props = { __timeouts: { create: "90s", delete: "2m" } };
      assert.strictEqual(timeoutMs(props, "create"), 90_000);
      assert.strictEqual(timeoutMs(props, "update"), DEFAULT_TIMEOUT_MS.update);
      assert.strictEqual(timeoutMs(props, "delete"), 120_000);
      assert.strictEqual(timeoutMs({}, "create"), 20 * 60_000);
      const deadline = Deadline.of(props, "create");
      assert.ok(deadline.remainingMs() > 89_000 && deadline.remainingMs() <= 90_000);
      assert.ok(!deadline.passed());
      assert.strictEqual(new Deadline("delete", 1).remainingMs() >= 1, true, "never below 1 ms");
    });
  });

  describe("check", () => {
    // Unknown references need no API, so check runs without a reachable CloudStack.
    const provider = makeProvider(specs.Network, new ClientRuntime());
    const news = { name: "n", zone: UNKNOWN, networkOffering: UNKNOWN };

    it("passes importId and __timeouts through to create", async () => {
      const checked = await provider.check({}, { ...news, importId: "3f2b1c4d-0000-4000-8000-000000000001", __timeouts: { create: "5m" } });
      assert.deepStrictEqual(checked.failures, []);
      assert.strictEqual(checked.inputs.importId, "3f2b1c4d-0000-4000-8000-000000000001");
      assert.deepStrictEqual(checked.inputs.__timeouts, { create: "5m" });
    });

    it("names a malformed customTimeouts value and an empty importId", async () => {
      const checked = await provider.check({}, { ...news, importId: "", __timeouts: { create: "soon", destroy: "1m" } });
      assert.deepStrictEqual(
        checked.failures.map((f) => f.property).sort(),
        ["customTimeouts.create", "customTimeouts.destroy", "importId"],
      );
      const create = checked.failures.find((f) => f.property === "customTimeouts.create")!;
      assert.match(create.reason, /customTimeouts\.create: "soon" is not a duration such as "30s"/);
    });

    it("accepts an importId that is unknown during preview", async () => {
      const checked = await provider.check({}, { ...news, importId: UNKNOWN });
      assert.deepStrictEqual(checked.failures, []);
    });
  });

  describe("diff", () => {
    const provider = makeProvider(specs.Network, new ClientRuntime());

    it("ignores importId and customTimeouts", async () => {
      const news = { ...olds, importId: "3f2b1c4d-0000-4000-8000-000000000001", __timeouts: { update: "1m" } };
      assert.deepStrictEqual(await provider.diff("id", { ...olds, __timeouts: { update: "5m" } }, news), {
        changes: false,
        replaces: [],
        deleteBeforeReplace: false,
      });
    });

    it("reports a change while a job left by a create is pending, so that update resumes it", async () => {
      const pending = { ...olds, __pendingJob: { jobId: "job-1", command: "createTags", operation: "create" } };
      assert.deepStrictEqual(await provider.diff("id", pending, olds), { changes: true, replaces: [], deleteBeforeReplace: false });
    });
  });

  describe("every registered kind", () => {
    for (const [kind, spec] of Object.entries(specs)) {
      it(`${kind}: check passes importId and __timeouts through, and diff ignores them`, async () => {
        const provider = makeProvider(spec, new ClientRuntime());
        // Every input unknown: check validates nothing that needs the API.
        const unknownInputs = Object.fromEntries(Object.keys(spec.inputs.shape).map((key) => [key, UNKNOWN]));
        const adapterInputs = { importId: "3f2b1c4d-0000-4000-8000-000000000001", __timeouts: { create: "1m", update: "2m", delete: "3m" } };
        const checked = await provider.check({}, { ...unknownInputs, ...adapterInputs });
        // Failures of the spec's own rules are its suites' business; none may concern these inputs.
        const adapterFailures = checked.failures.filter((f) => /importId|__timeouts|customTimeouts/.test(f.property + f.reason));
        assert.deepStrictEqual(adapterFailures, []);
        assert.strictEqual(checked.inputs.importId, adapterInputs.importId);
        assert.deepStrictEqual(checked.inputs.__timeouts, adapterInputs.__timeouts);
        const bad = await provider.check({}, { ...unknownInputs, __timeouts: { create: "forever" } });
        assert.deepStrictEqual(bad.failures.map((f) => f.property).filter((p) => p.startsWith("customTimeouts")), ["customTimeouts.create"]);
        const diff = await provider.diff("id", { stateVersion: spec.stateVersion }, { ...adapterInputs });
        assert.strictEqual(diff.changes, false);
      });
    }
  });

  describe("waiting out a transitional state before delete", () => {
    const client = {} as CloudStackClient;

    it("reads again until the object is steady", async () => {
      const states = ["Implementing", "Implementing", "Implemented"];
      let reads = 0;
      const spec = { ...specs.Network, read: async (): Promise<ApiObject> => ({ id: "n1", state: states[Math.min(++reads, 2)] }) };
      const steady = await waitOutTransition(spec, client, "n1", {}, { id: "n1", state: "Implementing" }, new Deadline("delete", 10_000));
      assert.deepStrictEqual(steady, { id: "n1", state: "Implemented" });
      assert.strictEqual(reads, 2);
    });

    it("returns nothing when the object goes away meanwhile", async () => {
      const spec = { ...specs.Network, read: async (): Promise<ApiObject | undefined> => undefined };
      assert.strictEqual(await waitOutTransition(spec, client, "n1", {}, { id: "n1", state: "Implementing" }, new Deadline("delete", 10_000)), undefined);
    });

    it("gives up at the delete deadline, naming the state", async () => {
      const spec = { ...specs.Network, read: async (): Promise<ApiObject> => ({ id: "n1", state: "Implementing" }) };
      await assert.rejects(
        waitOutTransition(spec, client, "n1", {}, { id: "n1", state: "Implementing" }, new Deadline("delete", 150)),
        /Network n1 is still changing state \(state Implementing\) at the delete deadline; it stays in the stack/,
      );
    });

    it("does not wait for a steady object", async () => {
      const spec = { ...specs.Network, read: async (): Promise<ApiObject> => assert.fail("no read needed") };
      const object = { id: "n1", state: "Allocated" };
      assert.strictEqual(await waitOutTransition(spec, client, "n1", {}, object, new Deadline("delete", 10)), object);
    });
  });

  describe("waiting for an object to be ready", () => {
    const downloading = (status: string): ApiObject => ({ id: "t1", isready: false, status });

    it("reads again until ready, reporting the wait now and then like a long job, with CloudStack's status", async () => {
      const reports: WaitProgress[] = [];
      const client = { reportProgress: (p: WaitProgress) => reports.push(p) } as unknown as CloudStackClient;
      let reads = 0;
      const spec = { ...specs.VnfTemplate, read: async (): Promise<ApiObject> => (++reads < 8 ? downloading(`${reads * 10}% Downloaded`) : { id: "t1", isready: true, status: "Download Complete" }) };
      const ready = await waitUntilReady(spec, client, downloading("0% Downloaded"), {}, new Deadline("create", 30_000), { afterMs: 100, everyMs: 400 });
      assert.deepStrictEqual(ready, { id: "t1", isready: true, status: "Download Complete" });
      assert.ok(reports.length >= 1 && reports.length < reads, `a few reports, not one per read: ${reports.length} for ${reads} reads`);
      assert.ok(reports.every((r) => r.awaited === "the template's download" && r.objectId === "t1" && /^\d+% Downloaded$/.test(r.status ?? "")));
      for (let i = 1; i < reports.length; i++) assert.ok(reports[i]!.elapsedMs - reports[i - 1]!.elapsedMs >= 400);
      assert.strictEqual(
        describeProgress({ awaited: "the template's download", objectId: "t1", elapsedMs: 12_400, status: "40% Downloaded" }),
        "the template's download (object t1) still under way after 12 s: 40% Downloaded",
      );
    });

    it("stops at once on a failure CloudStack reports, and at the deadline otherwise, with the object as last read", async () => {
      const client = { reportProgress: () => undefined } as unknown as CloudStackClient;
      const failedSpec = { ...specs.VnfTemplate, read: async (): Promise<ApiObject> => assert.fail("no read after a failure") };
      await assert.rejects(waitUntilReady(failedSpec, client, downloading("Unable to download template: host unknown"), {}, new Deadline("create", 10_000)), (err: unknown) => {
        assert.ok(err instanceof NotReadyError && err.failed, String(err));
        assert.strictEqual(err.message, "the template's download failed: Unable to download template: host unknown; CloudStack does not try again");
        return true;
      });
      const slowSpec = { ...specs.VnfTemplate, read: async (): Promise<ApiObject> => downloading("7% Downloaded") };
      await assert.rejects(waitUntilReady(slowSpec, client, downloading("5% Downloaded"), {}, new Deadline("create", 150)), (err: unknown) => {
        assert.ok(err instanceof NotReadyError && !err.failed, String(err));
        assert.strictEqual(err.message, "the template's download had not finished at the create deadline (150 ms) (7% Downloaded)");
        assert.deepStrictEqual(err.object, downloading("7% Downloaded"));
        return true;
      });
    });
  });
});
