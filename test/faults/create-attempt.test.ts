// The job ids a create's async commands carry, and what a create does with the jobs an earlier
// attempt left: follow one still running or finished, pass over a failed one, and move to the
// next generation when the earlier object is gone.
import * as assert from "assert";
import type { CloudStackClient, FoundJob, Params } from "../../provider/client";
import { CreateAttempt, SpentGeneration, uuidFrom } from "../../provider/adapter/lifecycle/create-identity";

/** A client that knows only the jobs given, by id. */
function clientKnowing(jobs: Map<string, FoundJob>): CloudStackClient {
  return { findJob: async (jobId: string) => jobs.get(jobId) } as unknown as CloudStackClient;
}

const FINGERPRINT = uuidFrom("caller", "FirewallRule", "faults/dev/fw", "{}");
const jobId = (generation: number, command: string, n: number, variant: number): string =>
  uuidFrom(FINGERPRINT, String(generation), command, String(n), String(variant));

describe("faults: a create attempt's job ids", () => {
  it("are UUIDs CloudStack accepts (lower-case, version 4 layout), the same on every attempt", () => {
    const id = jobId(0, "createFirewallRule", 0, 0);
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.strictEqual(id, jobId(0, "createFirewallRule", 0, 0));
    assert.notStrictEqual(id, jobId(1, "createFirewallRule", 0, 0));
  });

  it("sends a fresh create with the first variant's id, and looks nothing up after it", async () => {
    const sent: Params[] = [];
    const attempt = new CreateAttempt(FINGERPRINT, 0, async () => true);
    const client = clientKnowing(new Map());
    await attempt.request(client, async (params) => (sent.push(params), { jobid: String(params.customjobid) }), "createFirewallRule", { protocol: "tcp" });
    await attempt.request(client, async (params) => (sent.push(params), { jobid: String(params.customjobid) }), "createTags", {});
    assert.deepStrictEqual(sent.map((p) => p.customjobid), [jobId(0, "createFirewallRule", 0, 0), jobId(0, "createTags", 0, 0)]);
    assert.strictEqual(attempt.resumed, false);
  });

  it("sends the jobs that follow a sync create without job ids, never following an earlier attempt's: they act on the new object", async () => {
    // An earlier attempt of the same create (a network since deleted, then declared again) left its createTags job.
    const earlierTags = jobId(0, "createTags", 0, 0);
    const client = clientKnowing(new Map([[earlierTags, { jobid: earlierTags, jobstatus: 1 }]]));
    const attempt = new CreateAttempt(FINGERPRINT, 0, async () => true);
    attempt.syncCommandDone();
    const sent: Params[] = [];
    await attempt.request(client, async (params) => (sent.push(params), { jobid: "new-tags-job" }), "createTags", { resourcetype: "Network" });
    assert.deepStrictEqual(sent, [{ resourcetype: "Network" }]);
    assert.strictEqual(attempt.resumed, false);
  });

  it("keeps job ids for a sync command that follows the first async one (it did not make the object)", async () => {
    const attempt = new CreateAttempt(FINGERPRINT, 0, async () => true);
    const client = clientKnowing(new Map());
    const sent: Params[] = [];
    await attempt.request(client, async (params) => (sent.push(params), { jobid: String(params.customjobid) }), "createFirewallRule", {});
    attempt.syncCommandDone();
    await attempt.request(client, async (params) => (sent.push(params), { jobid: String(params.customjobid) }), "createTags", {});
    assert.deepStrictEqual(sent.map((p) => p.customjobid), [jobId(0, "createFirewallRule", 0, 0), jobId(0, "createTags", 0, 0)]);
  });

  it("passes over a failed job of an earlier attempt, and sends under the next variant's id", async () => {
    const failed = jobId(0, "createFirewallRule", 0, 0);
    const client = clientKnowing(new Map([[failed, { jobid: failed, jobstatus: 2 }]]));
    const sent: Params[] = [];
    const attempt = new CreateAttempt(FINGERPRINT, 0, async () => true);
    await attempt.request(client, async (params) => (sent.push(params), { jobid: String(params.customjobid) }), "createFirewallRule", {});
    assert.deepStrictEqual(sent.map((p) => p.customjobid), [jobId(0, "createFirewallRule", 0, 1)]);
    assert.strictEqual(attempt.resumed, false);
  });

  it("follows an earlier attempt's jobs instead of sending them, for every command of the create", async () => {
    const create = jobId(0, "createFirewallRule", 0, 0);
    const tags = jobId(0, "createTags", 0, 0);
    const client = clientKnowing(
      new Map([
        [create, { jobid: create, jobstatus: 1, id: "fw-1" }],
        [tags, { jobid: tags, jobstatus: 0 }],
      ]),
    );
    const attempt = new CreateAttempt(FINGERPRINT, 0, async (id) => id === "fw-1");
    const never = async (): Promise<Record<string, unknown>> => assert.fail("nothing is sent again");
    assert.deepStrictEqual(await attempt.request(client, never, "createFirewallRule", {}), { jobid: create, id: "fw-1" });
    assert.deepStrictEqual(await attempt.request(client, never, "createTags", {}), { jobid: tags });
    assert.strictEqual(attempt.resumed, true);
  });

  it("gives up a generation whose object has been deleted since", async () => {
    const create = jobId(0, "createFirewallRule", 0, 0);
    const client = clientKnowing(new Map([[create, { jobid: create, jobstatus: 1, id: "fw-gone" }]]));
    const attempt = new CreateAttempt(FINGERPRINT, 0, async () => false);
    await assert.rejects(
      attempt.request(client, async () => assert.fail("not sent under a spent generation"), "createFirewallRule", {}),
      (err: unknown) => err instanceof SpentGeneration && err.generation === 0,
    );
  });
});
