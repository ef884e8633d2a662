import { strict as assert } from "node:assert";
import { CloudStackClient } from "../../provider/client";
import { startedForSuite } from "../support/fixture-hooks";
import { envelope, ScriptedServer, type Script } from "./scripted-server";
import { startScriptedClient } from "./scripted-client";

const SECRET = "Zx9-very-secret-key-Qm2Lp8";

describe("client keeps secrets out of errors and logs", () => {
  let server: ScriptedServer;
  let client: CloudStackClient;
  let script: Script = () => ({ body: {} });
  const lines: string[] = [];

  startedForSuite(
    () => startScriptedClient((req, i) => script(req, i), { apiKey: "k-123456", secretKey: SECRET, retry: { attempts: 2, baseDelayMs: 5 }, log: (line) => lines.push(line) }),
    (started) => ({ server, client } = started),
  );

  it("never lets the secret key or a signature reach an error message or a log line", async () => {
    // A server that echoes what it received, as a verbose proxy or a debug build might.
    script = (req) => ({
      status: req.params.command === "listNetworks" ? 503 : 530,
      body: envelope(req.params.command!, {
        uuidList: [],
        errorcode: req.params.command === "listNetworks" ? 503 : 530,
        errortext: `bad request ${req.rawQuery || req.rawBody} signature=${req.params.signature} key=${SECRET}`,
      }),
    });
    const messages: string[] = [];
    for (const call of [() => client.list("listNetworks"), () => client.request("createNetwork", { name: "n" })]) {
      const error = await call().catch((e: unknown) => e);
      assert.ok(error instanceof Error);
      messages.push(error.message, (error as { errortext?: string }).errortext ?? "", error.stack ?? "");
    }
    const signatures = server.requests.map((r) => r.params.signature!);
    assert.equal(signatures.length, 3);
    assert.ok(lines.length >= 3, "the requests were logged");
    for (const text of [...messages, ...lines]) {
      assert.ok(!text.includes(SECRET), `secret key leaked: ${text}`);
      for (const signature of signatures) {
        assert.ok(!text.includes(signature) && !text.includes(encodeURIComponent(signature)), `signature leaked: ${text}`);
      }
    }
    assert.ok(messages.some((m) => m.includes("[redacted]")));
  });

  it("logs parameter names but not their values", async () => {
    lines.splice(0);
    script = (req) => ({ body: envelope(req.params.command!, { vpnuser: { id: "u1" } }) });
    await client.request("addVpnUser", { username: "alice", password: "hunter2-password" });
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /POST addVpnUser \[username,password,customjobid\] -> 200/);
    assert.ok(!lines[0]!.includes("hunter2-password"));
  });
});
