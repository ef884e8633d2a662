// The cloudstack-sim CLI as users run it: one JSON line on stdout, clean exit on SIGTERM/SIGINT,
// and a state file that survives kill -9.
import assert from "assert";
import { ChildProcess, spawn } from "child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { rawCall, RawCredentials } from "../raw-client";
import { createIsolatedNetwork } from "../raw-lookups";

const CLI = resolve(__dirname, "..", "..", "..", "simulator", "cli.js");

interface RunningCli {
  child: ChildProcess;
  endpoint: string;
  creds: RawCredentials;
  stdout: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

async function startCli(args: string[]): Promise<RunningCli> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
    child.once("exit", (code, signal) => res({ code, signal })),
  );
  const firstLine = await new Promise<string>((res, rej) => {
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const nl = out.indexOf("\n");
      if (nl >= 0) res(out.slice(0, nl));
    });
    void exited.then(({ code }) => rej(new Error(`cloudstack-sim exited (${code}) before listening: ${err}`)));
  });
  const info = JSON.parse(firstLine) as Record<string, unknown>;
  assert.deepStrictEqual(Object.keys(info), ["endpoint", "apiKey", "secretKey"]);
  assert.match(info.endpoint as string, /^http:\/\/127\.0\.0\.1:\d+\/client\/api$/);
  return {
    child,
    endpoint: info.endpoint as string,
    creds: { apiKey: info.apiKey as string, secretKey: info.secretKey as string },
    stdout: () => out,
    exited,
  };
}

describe("cloudstack-sim CLI", function () {
  this.timeout(60_000);
  let dir: string;
  const started: ChildProcess[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "cloudstack-sim-cli-"));
  });
  afterEach(() => {
    for (const c of started.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  });
  const run = async (args: string[]): Promise<RunningCli> => {
    const cli = await startCli(args);
    started.push(cli.child);
    return cli;
  };

  it("prints exactly one JSON line and exits 0 on SIGTERM and on SIGINT", async () => {
    for (const signal of ["SIGTERM", "SIGINT"] as const) {
      const cli = await run(["--job-ms", "0"]);
      const r = await rawCall(cli.endpoint, cli.creds, "listZones");
      assert.strictEqual(r.status, 200);
      cli.child.kill(signal);
      assert.deepStrictEqual(await cli.exited, { code: 0, signal: null });
      assert.strictEqual(cli.stdout().split("\n").filter((l) => l !== "").length, 1);
    }
  });

  it("refuses an unknown argument", async () => {
    const child = spawn(process.execPath, [CLI, "--bogus"], { stdio: "ignore" });
    const code = await new Promise<number | null>((res) => child.once("exit", (c) => res(c)));
    assert.notStrictEqual(code, 0);
  });

  it("writes the request log given with --log", async () => {
    const logPath = join(dir, "requests.log");
    const cli = await run(["--log", logPath]);
    await rawCall(cli.endpoint, cli.creds, "listZones");
    cli.child.kill("SIGTERM");
    await cli.exited;
    const line = JSON.parse(readFileSync(logPath, "utf8").trim()) as { command: string; status: number; params: object };
    assert.strictEqual(line.command, "listZones");
    assert.strictEqual(line.status, 200);
    assert.ok(!("apiKey" in line.params) && !("signature" in line.params));
  });

  it("keeps the state across kill -9: same keys, the objects are there", async () => {
    const statePath = join(dir, "state.json");
    const first = await run(["--state", statePath, "--job-ms", "0"]);
    const kept = await createIsolatedNetwork(first.endpoint, first.creds, "survives kill -9");
    // Let the coalesced write of the first change land, then kill during a burst of changes.
    await new Promise((r) => setTimeout(r, 300));
    const burst = Array.from({ length: 40 }, (_, i) =>
      createIsolatedNetwork(first.endpoint, first.creds, `burst ${i}`).catch(() => undefined),
    );
    await new Promise((r) => setTimeout(r, 30));
    first.child.kill("SIGKILL");
    await Promise.all(burst);
    assert.strictEqual((await first.exited).signal, "SIGKILL");
    assert.ok(existsSync(statePath));

    const second = await run(["--state", statePath, "--job-ms", "0"]);
    assert.deepStrictEqual(second.creds, first.creds, "the keys come back from the state file");
    const r = await rawCall(second.endpoint, second.creds, "listNetworks", { id: kept });
    assert.strictEqual(r.status, 200, JSON.stringify(r.body));
    const networks = (r.body.listnetworksresponse as { network?: Array<{ id: string; name: string }> }).network ?? [];
    assert.deepStrictEqual(networks.map((n) => n.name), ["survives kill -9"]);
    // The restarted simulator keeps working and persisting.
    const after = await createIsolatedNetwork(second.endpoint, second.creds, "after restart");
    second.child.kill("SIGTERM");
    assert.strictEqual((await second.exited).code, 0);
    const third = await run(["--state", statePath]);
    const again = await rawCall(third.endpoint, third.creds, "listNetworks", { id: after });
    assert.strictEqual(((again.body.listnetworksresponse as { count?: number }).count), 1);
    third.child.kill("SIGTERM");
    await third.exited;
  });

  it("downloads a registered template for --template-download-ms (0: Ready at once)", async () => {
    const register = async (cli: RunningCli): Promise<Record<string, unknown>> => {
      const seeded = await rawCall(cli.endpoint, cli.creds, "listTemplates", { templatefilter: "featured" });
      const [first] = (seeded.body.listtemplatesresponse as { template: Array<{ ostypeid: string }> }).template;
      const zones = await rawCall(cli.endpoint, cli.creds, "listZones", { name: "Sandbox-simulator" });
      const [zone] = (zones.body.listzonesresponse as { zone: Array<{ id: string }> }).zone;
      const r = await rawCall(cli.endpoint, cli.creds, "registerVnfTemplate", {
        name: "vnf",
        url: "https://images.example/vnf.qcow2",
        zoneid: zone.id,
        hypervisor: "KVM",
        format: "QCOW2",
        ostypeid: first.ostypeid,
      });
      assert.strictEqual(r.status, 200, JSON.stringify(r.body));
      return (r.body.registervnftemplateresponse as { template: Array<Record<string, unknown>> }).template[0];
    };
    const quick = await run(["--template-download-ms", "0"]);
    assert.deepStrictEqual([(await register(quick)).isready, (await register(quick)).status], [true, "Download Complete"]);
    quick.child.kill("SIGTERM");
    await quick.exited;
    const slow = await run(["--template-download-ms", "600000"]);
    const made = await register(slow);
    assert.deepStrictEqual([made.isready, made.status], [false, "0% Downloaded"]);
    slow.child.kill("SIGTERM");
    await slow.exited;
    await assert.rejects(run(["--template-download-ms", "soon"]), /--template-download-ms needs a non-negative integer, got soon/);
  });
});
