// Fault injection as users' CI meets it: each kind's wire behaviour against the real simulator,
// the command filter, seeded determinism, counts, the runtime setter, and the CLI flag.
import assert from "assert";
import { spawn } from "child_process";
import { resolve } from "path";
import { fetch } from "undici";
import { rawCall, rawExpires, rawSign, RawCredentials } from "../raw-client";
import { startSimulator, RunningSimulator } from "../../../simulator";
import { FaultInjector, FaultSpec, parseFaultSpec } from "../../../simulator/wire/faults";
import { createIsolatedNetwork, findByName, ADVANCED_ZONE, ISOLATED_OFFERING } from "../raw-lookups";

const CLI = resolve(__dirname, "..", "..", "..", "simulator", "cli.js");

interface Answer {
  status: number;
  contentType: string | null;
  retryAfter: string | null;
  text: string;
}

/** A signed GET that reports what came back, or throws when the connection died. */
async function send(endpoint: string, creds: RawCredentials, command: string, params: Record<string, string> = {}): Promise<Answer> {
  const all: Record<string, string> = { ...params, command, response: "json", apiKey: creds.apiKey, signatureVersion: "3", expires: rawExpires(600_000) };
  all.signature = rawSign(all, creds.secretKey);
  const res = await fetch(`${endpoint}?${new URLSearchParams(all).toString()}`);
  return { status: res.status, contentType: res.headers.get("content-type"), retryAfter: res.headers.get("retry-after"), text: await res.text() };
}

describe("simulator: fault injection", function () {
  this.timeout(30_000);
  let sim: RunningSimulator;
  let createParams: Record<string, string>;
  beforeEach(async () => {
    sim = await startSimulator({ jobMs: 0 });
    const zone = await findByName(sim.endpoint, sim.admin, "listZones", "zone", ADVANCED_ZONE);
    const offering = await findByName(sim.endpoint, sim.admin, "listNetworkOfferings", "networkoffering", ISOLATED_OFFERING, { zoneid: zone.id });
    createParams = { displaytext: "f", zoneid: zone.id, networkofferingid: offering.id };
  });
  afterEach(() => sim.close());

  const only = (kind: FaultSpec["kinds"], extra: Partial<FaultSpec> = {}): FaultSpec => ({ rate: 1, kinds: kind, commands: ["createNetwork"], ...extra });
  // Every spec of these tests names createNetwork only, so listNetworks is never faulted.
  const namesListed = async (): Promise<string[]> => {
    const r = await rawCall(sim.endpoint, sim.admin, "listNetworks", { listall: "true" });
    return ((r.body.listnetworksresponse as { network?: Array<{ name: string }> }).network ?? []).map((n) => n.name);
  };

  it("503: CloudStack's maintenance envelope, and the command does not run", async () => {
    sim.faults.set(only(["503"]));
    const a = await send(sim.endpoint, sim.admin, "createNetwork", { ...createParams, name: "f503" });
    assert.strictEqual(a.status, 503);
    assert.deepStrictEqual(JSON.parse(a.text), {
      createnetworkresponse: {
        uuidList: [],
        errorcode: 503,
        cserrorcode: 9999,
        errortext: "Maintenance or Shutdown has been initiated on this management server. Can not accept new jobs",
      },
    });
    assert.ok(!(await namesListed()).includes("f503"));
  });

  it("429: CloudStack's throttling text with a Retry-After header, and the command does not run", async () => {
    sim.faults.set(only(["429"]));
    const a = await send(sim.endpoint, sim.admin, "createNetwork", { ...createParams, name: "f429" });
    assert.strictEqual(a.status, 429);
    const body = (JSON.parse(a.text) as { createnetworkresponse: { errorcode: number; errortext: string } }).createnetworkresponse;
    assert.strictEqual(body.errorcode, 429);
    const m = /^The given user has reached his\/her account api limit, please retry after \[(\d+)\] ms\.$/.exec(body.errortext);
    assert.ok(m, body.errortext);
    assert.strictEqual(a.retryAfter, String(Math.ceil(Number(m[1]) / 1000)));
    assert.ok(!(await namesListed()).includes("f429"));
  });

  it("reset: the connection dies and the command does not run", async () => {
    sim.faults.set(only(["reset"]));
    await assert.rejects(send(sim.endpoint, sim.admin, "createNetwork", { ...createParams, name: "freset" }));
    assert.ok(!(await namesListed()).includes("freset"));
  });

  it("drop: the command runs and its change is kept, then the connection dies without an answer", async () => {
    sim.faults.set(only(["drop"]));
    await assert.rejects(send(sim.endpoint, sim.admin, "createNetwork", { ...createParams, name: "fdrop" }));
    assert.deepStrictEqual((await namesListed()).filter((n) => n === "fdrop"), ["fdrop"]);
  });

  it("delay: the command has run while its answer is still held, then the normal answer comes", async () => {
    sim.faults.set(only(["delay"], { delayMs: 10 }));
    const a = await send(sim.endpoint, sim.admin, "createNetwork", { ...createParams, name: "fdelay" });
    assert.strictEqual(a.status, 200, a.text);
    assert.strictEqual((JSON.parse(a.text) as { createnetworkresponse: { network: { name: string } } }).createnetworkresponse.network.name, "fdelay");

    sim.faults.set(only(["delay"], { delayMs: 60_000 }));
    let settled = false;
    const pending = send(sim.endpoint, sim.admin, "createNetwork", { ...createParams, name: "fheld" }).finally(() => (settled = true));
    let names: string[] = [];
    while (!names.includes("fheld")) names = await namesListed();
    assert.strictEqual(settled, false, "the answer is held after the network exists");
    await sim.close();
    await assert.rejects(pending, "closing the simulator ends the held answer");
  });

  it("500: a non-CloudStack body, sometimes before and sometimes after the command ran", async () => {
    sim.faults.set(only(["500"], { seed: 11 }));
    const tries = 20;
    for (let i = 0; i < tries; i++) {
      const a = await send(sim.endpoint, sim.admin, "createNetwork", { ...createParams, name: `f500-${i}` });
      assert.strictEqual(a.status, 500);
      assert.match(a.contentType ?? "", /^text\/html/);
      assert.throws(() => JSON.parse(a.text));
    }
    const ran = (await namesListed()).filter((n) => n.startsWith("f500-")).length;
    assert.ok(ran > 0 && ran < tries, `expected both outcomes among ${tries}, ${ran} ran`);
    assert.strictEqual(sim.faults.counts()["500"], tries);
  });

  it("applies only to the commands named, patterns included, and counts per kind until reset", async () => {
    sim.faults.set({ rate: 1, kinds: ["503"], commands: ["list*Offerings", "queryAsyncJobResult"] });
    assert.strictEqual((await send(sim.endpoint, sim.admin, "listZones")).status, 200);
    assert.strictEqual((await send(sim.endpoint, sim.admin, "listNetworkOfferings")).status, 503);
    assert.strictEqual((await send(sim.endpoint, sim.admin, "listServiceOfferings")).status, 503);
    const q = await send(sim.endpoint, sim.admin, "queryAsyncJobResult", { jobid: "1" });
    assert.strictEqual(q.status, 503);
    assert.strictEqual(JSON.parse(q.text).queryasyncjobresultresponse.errorcode, 503);
    assert.deepStrictEqual(sim.faults.counts(), { "500": 0, "503": 3, "429": 0, reset: 0, delay: 0, drop: 0 });
    sim.faults.resetCounts();
    assert.strictEqual(sim.faults.counts()["503"], 0);
  });

  it("turns on and off at run time: fixtures without faults, then faults, then none", async () => {
    const id = await createIsolatedNetwork(sim.endpoint, sim.admin, "fixture");
    sim.faults.set({ rate: 1, kinds: ["503"] });
    assert.strictEqual((await send(sim.endpoint, sim.admin, "listNetworks", { id })).status, 503);
    assert.strictEqual(sim.faults.get()?.rate, 1);
    sim.faults.set(undefined);
    assert.strictEqual(sim.faults.get(), undefined);
    assert.strictEqual((await send(sim.endpoint, sim.admin, "listNetworks", { id })).status, 200);
    assert.strictEqual(sim.faults.counts()["503"], 1);
  });

  it("draws the same sequence from the same seed, and a share near the rate", () => {
    const spec: FaultSpec = { rate: 0.3, seed: 42 };
    const run = (seed = 42): string[] => {
      const f = new FaultInjector({ ...spec, seed });
      return Array.from({ length: 1000 }, () => {
        const d = f.decide("createNetwork");
        return d ? `${d.kind}${d.afterRun ? "+" : ""}` : "-";
      });
    };
    const a = run();
    assert.deepStrictEqual(run(), a);
    const hits = a.filter((x) => x !== "-").length;
    assert.ok(hits > 200 && hits < 400, `${hits} faults of 1000 at rate 0.3`);
    for (const kind of ["500", "500+", "503", "429", "reset", "delay", "drop"]) assert.ok(a.includes(kind), `no ${kind} drawn`);
    assert.notDeepStrictEqual(run(43), a, "another seed, another sequence");
  });

  it("parses the CLI form and refuses bad specs with a message", () => {
    assert.deepStrictEqual(parseFaultSpec("rate=0.1,kinds=500+drop,seed=7,commands=create*+queryAsyncJobResult,delay=250,log"), {
      rate: 0.1,
      kinds: ["500", "drop"],
      seed: 7,
      commands: ["create*", "queryAsyncJobResult"],
      delayMs: 250,
      log: true,
    });
    assert.throws(() => parseFaultSpec("kinds=500"), /rate=<0\.\.1> is required/);
    assert.throws(() => parseFaultSpec("rate=2"), /rate must be a number from 0 to 1/);
    assert.throws(() => parseFaultSpec("rate=0.1,kinds=502"), /unknown kind 502/);
    assert.throws(() => parseFaultSpec("rate=0.1,colour=red"), /unknown key "colour"/);
  });

  it("cloudstack-sim --faults injects from the start and logs each fault on stderr", async () => {
    const child = spawn(process.execPath, [CLI, "--faults", "rate=1,kinds=503,commands=listZones,log"], { stdio: ["ignore", "pipe", "pipe"] });
    let err = "";
    child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
    try {
      const line = await new Promise<string>((res) => {
        let out = "";
        child.stdout!.on("data", (d: Buffer) => {
          out += d.toString();
          if (out.includes("\n")) res(out.slice(0, out.indexOf("\n")));
        });
      });
      const info = JSON.parse(line) as { endpoint: string; apiKey: string; secretKey: string };
      const creds = { apiKey: info.apiKey, secretKey: info.secretKey };
      assert.strictEqual((await send(info.endpoint, creds, "listZones")).status, 503);
      assert.strictEqual((await send(info.endpoint, creds, "listNetworks")).status, 200);
      while (!err.includes("\n")) await new Promise((r) => setTimeout(r, 10));
      assert.deepStrictEqual(JSON.parse(err.split("\n")[0]!), { fault: "503", command: "listZones" });
    } finally {
      child.kill("SIGTERM");
    }
    const bad = spawn(process.execPath, [CLI, "--faults", "rate=1,kinds=teapot"], { stdio: ["ignore", "ignore", "pipe"] });
    let badErr = "";
    bad.stderr!.on("data", (d: Buffer) => (badErr += d.toString()));
    const code = await new Promise<number | null>((res) => bad.once("exit", (c) => res(c)));
    assert.strictEqual(code, 2);
    assert.match(badErr, /unknown kind teapot/);
  });
});
