// cloudstack-sim --api-throttling: the flag's forms, and a root admin (whose keys the CLI prints)
// never limited.
import assert from "assert";
import { spawn } from "child_process";
import { resolve } from "path";
import { rawCall } from "../raw-client";

const CLI = resolve(__dirname, "..", "..", "..", "simulator", "cli.js");

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; info?: { endpoint: string; apiKey: string; secretKey: string }; stop: () => void }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes("\n")) done({ code: null, stdout, stderr, info: JSON.parse(stdout.split("\n")[0]!), stop: () => child.kill("SIGTERM") });
    });
    child.once("exit", (code) => done({ code, stdout, stderr, stop: () => undefined }));
  });
}

describe("simulator CLI: --api-throttling", function () {
  this.timeout(30_000);

  it("refuses a malformed value with the usage", async () => {
    const bad = await run(["--api-throttling", "max=0"]);
    assert.strictEqual(bad.code, 2);
    assert.match(bad.stderr, /--api-throttling: "max=0" is not on, off, max=<requests> or interval=<seconds>/);
    assert.match(bad.stderr, /usage: cloudstack-sim/);
  });

  it("starts with the limit on and leaves the root admin unlimited", async () => {
    const started = await run(["--api-throttling", "max=2,interval=600"]);
    try {
      assert.ok(started.info, started.stderr);
      const answers = await Promise.all([1, 2, 3, 4, 5].map(() => rawCall(started.info!.endpoint, started.info!, "listZones")));
      assert.deepStrictEqual(answers.map((r) => r.status), [200, 200, 200, 200, 200]);
    } finally {
      started.stop();
    }
  });
});
