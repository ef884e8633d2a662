import { strict as assert } from "node:assert";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { CloudStackApiError, CloudStackClient, CloudStackTransportError } from "../../provider/client";
import { startedForSuite } from "../fixture-hooks";
import { envelope, ScriptedServer, type Reply, type Script } from "./scripted-server";
import { startScriptedClient } from "./scripted-client";

const unavailable = (command: string): Reply => ({
  status: 503,
  body: envelope(command, { uuidList: [], errorcode: 503, errortext: "Service unavailable" }),
});
const throttled = (command: string): Reply => ({
  status: 429,
  body: envelope(command, {
    uuidList: [],
    errorcode: 429,
    errortext: "The given user has reached his/her account api limit, please retry after [30] ms.",
  }),
});

describe("client retries and in-flight bound", () => {
  let server: ScriptedServer;
  let client: CloudStackClient;
  let script: Script = () => ({ body: {} });
  const lines: string[] = [];

  startedForSuite(
    () =>
      startScriptedClient((req, i) => script(req, i), {
        apiKey: "k-123456",
        secretKey: "s-1234567890",
        retry: { attempts: 4, baseDelayMs: 10, maxDelayMs: 40 },
        log: (line) => lines.push(line),
      }),
    (started) => ({ server, client } = started),
  );
  beforeEach(() => {
    server.requests.splice(0);
    lines.splice(0);
  });

  it("retries a read after 503 and after 429, then returns the answer", async () => {
    const answers = [unavailable("listNetworks"), throttled("listNetworks")];
    script = (_req, i) => answers[i] ?? { body: envelope("listNetworks", { count: 1, network: [{ id: "n1" }] }) };
    const began = Date.now();
    assert.deepEqual(await client.list("listNetworks"), [{ id: "n1" }]);
    assert.equal(server.requests.length, 3);
    assert.ok(Date.now() - began >= 30, "waited at least the 30 ms the 429 asked for");
    assert.equal(lines.filter((line) => /retrying in \d+ ms/.test(line)).length, 2);
  });

  it("retries a read whose connection was reset", async () => {
    script = (_req, i) => (i === 0 ? { destroy: true } : { body: envelope("listZones", { count: 1, zone: [{ id: "z1" }] }) });
    assert.deepEqual(await client.list("listZones"), [{ id: "z1" }]);
    assert.equal(server.requests.length, 2);
  });

  it("retries job polls", async () => {
    script = (req, i) => {
      if (req.params.command === "restartNetwork") return { body: envelope("restartNetwork", { jobid: "j1" }) };
      if (i === 1) return unavailable("queryAsyncJobResult");
      return { body: envelope("queryAsyncJobResult", { jobid: "j1", jobstatus: 1, jobresultcode: 0, jobresult: { success: true } }) };
    };
    assert.deepEqual(await client.execute("restartNetwork", { id: "n1" }), { success: true });
    assert.deepEqual(server.requests.map((r) => r.params.command), ["restartNetwork", "queryAsyncJobResult", "queryAsyncJobResult"]);
  });

  it("gives up after the configured attempts", async () => {
    script = () => unavailable("listNetworks");
    const error = await client.list("listNetworks").catch((e: unknown) => e);
    assert.ok(error instanceof CloudStackApiError);
    assert.equal(error.status, 503);
    assert.equal(server.requests.length, 4);
  });

  it("never retries a state-changing command on 503", async () => {
    script = () => unavailable("createNetwork");
    const error = await client.request("createNetwork", { name: "n" }).catch((e: unknown) => e);
    assert.ok(error instanceof CloudStackApiError);
    assert.equal(error.status, 503);
    assert.equal(server.requests.length, 1);
  });

  it("never retries a state-changing command whose connection was reset, and says it may have run", async () => {
    script = () => ({ destroy: true });
    const error = await client.request("createNetwork", { name: "n" }).catch((e: unknown) => e);
    assert.ok(error instanceof CloudStackTransportError, String(error));
    assert.equal(error.attempts, 1);
    assert.match(error.message, /createNetwork request to http:\/\/127\.0\.0\.1:\d+\/client\/api failed/);
    assert.match(error.message, /not retried, so it may still have run/);
    assert.equal(server.requests.length, 1);
  });

  it("retries a read that timed out, and never a create that timed out", async () => {
    const impatient = new CloudStackClient({
      apiUrl: server.url,
      apiKey: "k-123456",
      secretKey: "s-1234567890",
      requestTimeoutMs: 150,
      retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 10 },
    });
    try {
      script = (req, i) => (i === 0 ? { delayMs: 600, body: {} } : { body: envelope(req.params.command!, { count: 1, zone: [{ id: "z1" }] }) });
      assert.deepEqual(await impatient.list("listZones"), [{ id: "z1" }]);
      assert.equal(server.requests.length, 2);

      server.requests.splice(0);
      script = () => ({ delayMs: 600, body: {} });
      const error = await impatient.request("createZone", { name: "z" }).catch((e: unknown) => e);
      assert.ok(error instanceof CloudStackTransportError, String(error));
      assert.equal(error.code, "ETIMEDOUT");
      assert.match(error.message, /no complete answer within 150 ms/);
      assert.equal(server.requests.length, 1);
    } finally {
      await impatient.close();
      await server.idle();
    }
  });

  it("retries a refused connection and then reports it", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const refused = new CloudStackClient({
      apiUrl: `http://127.0.0.1:${port}/client/api`,
      apiKey: "k-123456",
      secretKey: "s-1234567890",
      retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 10 },
    });
    try {
      const error = await refused.list("listZones").catch((e: unknown) => e);
      assert.ok(error instanceof CloudStackTransportError, String(error));
      assert.equal(error.code, "ECONNREFUSED");
      assert.equal(error.attempts, 3);
      assert.equal(refused.stats.requests, 3);
    } finally {
      await refused.close();
    }
  });

  it("keeps at most maxInFlight requests in flight across concurrent calls", async () => {
    const bounded = new CloudStackClient({ apiUrl: server.url, apiKey: "k-123456", secretKey: "s-1234567890", maxInFlight: 3 });
    server.maxConcurrent = 0;
    script = (req) => ({ delayMs: 25, body: envelope(req.params.command!, { count: 1, zone: [{ id: req.params.id }] }) });
    try {
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? bounded.list("listZones", { id: `z${i}` }) : bounded.request("updateZone", { id: `z${i}` }))),
      );
      assert.equal(results.length, 20);
      assert.equal(server.requests.length, 20);
      assert.equal(server.maxConcurrent, 3);
    } finally {
      await bounded.close();
    }
  });
});
