// A simulator over real HTTP for the model's API tests, with short jobs, and small helpers
// to read envelopes and check CloudStack errors.
import * as assert from "assert";
import { startSimulator, type RunningSimulator } from "../../../simulator";
import { rawCall, rawCallAndWait, type RawCredentials } from "../raw-client";

export type Obj = Record<string, unknown>;

export interface Fixture {
  sim: RunningSimulator;
  admin: RawCredentials;
  user: RawCredentials;
  /** A sync call; returns the HTTP status and the inner envelope. */
  call(creds: RawCredentials, command: string, params?: Record<string, string>): Promise<{ status: number; body: Obj }>;
  /** An async call, waited for; returns the finished job's fields. */
  job(creds: RawCredentials, command: string, params?: Record<string, string>): Promise<Obj>;
  /** The items of a list call ([] for the empty envelope {}). */
  list(creds: RawCredentials, command: string, params?: Record<string, string>): Promise<Obj[]>;
  zoneId(): Promise<string>;
  /** Resolves once a registered template has downloaded (isready), polling listTemplates. */
  templateReady(id: string): Promise<void>;
  offeringId(name: string): Promise<string>;
  /** Every network offering's id by its name. */
  offeringIds(): Promise<Record<string, string>>;
  close(): Promise<void>;
}

const asObj = (v: unknown): Obj => {
  assert.ok(typeof v === "object" && v !== null && !Array.isArray(v), `expected an object, got ${JSON.stringify(v)}`);
  return v as Obj;
};

export async function startFixture(): Promise<Fixture> {
  const sim = await startSimulator({ jobMs: 5 });
  const call: Fixture["call"] = async (creds, command, params = {}) => {
    const r = await rawCall(sim.endpoint, creds, command, params);
    const key = Object.keys(r.body)[0];
    return { status: r.status, body: asObj(r.body[key]) };
  };
  const job: Fixture["job"] = async (creds, command, params = {}) => {
    const r = await rawCallAndWait(sim.endpoint, creds, command, params);
    const key = Object.keys(r.body)[0];
    const body = asObj(r.body[key]);
    if (r.status !== 200) return { jobstatus: -1, ...body };
    return body;
  };
  const list: Fixture["list"] = async (creds, command, params = {}) => {
    const r = await call(creds, command, params);
    assert.strictEqual(r.status, 200, `${command} failed: ${JSON.stringify(r.body)}`);
    const arrays = Object.values(r.body).filter(Array.isArray);
    return arrays.length === 0 ? [] : (arrays[0] as Obj[]);
  };
  const fixture: Fixture = {
    sim,
    admin: sim.admin,
    user: sim.user,
    call,
    job,
    list,
    zoneId: async () => String((await list(sim.admin, "listZones", { name: "Sandbox-simulator" }))[0].id),
    templateReady: async (id) => {
      for (;;) {
        const [t] = await list(sim.admin, "listTemplates", { templatefilter: "all", id });
        if (t?.isready === true) return;
        assert.ok(t && /% Downloaded$/.test(String(t.status)), `template ${id} is not downloading: ${JSON.stringify(t)}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    offeringId: async (name) => String((await list(sim.admin, "listNetworkOfferings", { name }))[0].id),
    offeringIds: async () => Object.fromEntries((await list(sim.admin, "listNetworkOfferings")).map((o) => [String(o.name), String(o.id)])),
    close: () => sim.close(),
  };
  return fixture;
}

/** Asserts a sync error: HTTP status, errorcode, cserrorcode and exact text. */
export function assertError(r: { status: number; body: Obj }, code: number, cserrorcode: number | undefined, text: string): void {
  assert.strictEqual(r.status, code, JSON.stringify(r.body));
  assert.strictEqual(r.body.errorcode, code);
  assert.strictEqual(r.body.cserrorcode, cserrorcode);
  assert.strictEqual(r.body.errortext, text);
}

/** Asserts a failed job: status 2, result code and exact text. */
export function assertJobError(job: Obj, code: number, text: string): void {
  assert.strictEqual(job.jobstatus, 2, JSON.stringify(job));
  assert.strictEqual(job.jobresultcode, code);
  const result = asObj(job.jobresult);
  assert.strictEqual(result.errorcode, code);
  assert.strictEqual(result.errortext, text);
}

export function jobObject(job: Obj, objectName: string): Obj {
  assert.strictEqual(job.jobstatus, 1, JSON.stringify(job));
  return asObj(asObj(job.jobresult)[objectName]);
}

export const uuidNotFoundText = (param: string, value: string): string =>
  `Invalid parameter ${param} value=${value} due to incorrect long value format, or entity does not exist or due to incorrect parameter annotation for the field in api cmd class.`;
