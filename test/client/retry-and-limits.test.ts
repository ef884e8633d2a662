import { strict as assert } from "node:assert";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { CloudStackApiError, CloudStackClient, CloudStackTransportError, CommandOutcomeUnknownError } from "../../provider/client";
import { startedForSuite } from "../support/fixture-hooks";
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
    assert.deepEqual(await client.list("listNetworks"), [{ id: "n1" }]);
    assert.equal(server.requests.length, 3);
    // The planned waits, as logged, rather than a measured duration (which load would skew).
    const waits = lines.map((line) => /retrying in (\d+) ms/.exec(line)).filter((m) => m !== null).map((m) => Number(m[1]));
    assert.equal(waits.length, 2, lines.join("\n"));
    assert.ok(waits[1]! >= 30, `planned ${waits[1]} ms after the 429, which asked for 30 ms`);
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

  it("sends a state-changing command again after 503 and 429, which CloudStack raises before running it", async () => {
    const answers = [unavailable("createNetwork"), throttled("createNetwork")];
    script = (_req, i) => answers[i] ?? { body: envelope("createNetwork", { network: { id: "n1" } }) };
    assert.deepEqual(await client.request("createNetwork", { name: "n" }), { network: { id: "n1" } });
    assert.deepEqual(server.requests.map((r) => r.params.command), ["createNetwork", "createNetwork", "createNetwork"]);
    assert.equal(lines.filter((line) => /was not run by CloudStack .*retrying in \d+ ms/.test(line)).length, 2);
  });

  it("honours Retry-After on a refused command", async () => {
    script = (_req, i) =>
      i === 0 ? { ...unavailable("createNetwork"), headers: { "retry-after": "1" } } : { body: envelope("createNetwork", { network: { id: "n1" } }) };
    await client.request("createNetwork", { name: "n" });
    assert.equal(server.requests.length, 2);
    assert.ok(lines.some((line) => / retrying in 1000 ms/.test(line)), lines.join("\n"));
  });

  it("gives a sync command whose connection was reset no second send, and says its outcome is unknown", async () => {
    script = () => ({ destroy: true });
    const error = await client.request("createNetwork", { name: "n" }).catch((e: unknown) => e);
    assert.ok(error instanceof CommandOutcomeUnknownError, String(error));
    assert.equal(error.command, "createNetwork");
    assert.match(error.message, /createNetwork request to http:\/\/127\.0\.0\.1:\d+\/client\/api got no answer/);
    assert.match(error.message, /whether CloudStack ran it is unknown/);
    assert.equal(server.requests.length, 1);
  });

  it("follows the job of an async command whose answer was lost, by its customjobid, without sending it again", async () => {
    let sentJobId = "";
    script = (req, i) => {
      if (req.params.command === "createFirewallRule") {
        sentJobId = req.params.customjobid!;
        return { destroy: true };
      }
      assert.equal(req.params.jobid, sentJobId, `look-up ${i} asks for the job by the customjobid sent`);
      return {
        body: envelope("queryAsyncJobResult", {
          jobid: sentJobId,
          jobstatus: 1,
          jobinstanceid: "fw-1",
          jobresult: { firewallrule: { id: "fw-1" } },
        }),
      };
    };
    const result = await client.execute("createFirewallRule", { ipaddressid: "ip-1", protocol: "tcp" });
    assert.deepEqual(result, { firewallrule: { id: "fw-1" } });
    assert.match(sentJobId, /^[0-9a-f-]{36}$/);
    assert.equal(server.requests.filter((r) => r.params.command === "createFirewallRule").length, 1);
    assert.equal(client.stats.recovered >= 1, true);
  });

  it("sends an async command again, with the same customjobid, when CloudStack has no job by that id", async () => {
    const sent: string[] = [];
    script = (req) => {
      if (req.params.command === "createFirewallRule") {
        sent.push(req.params.customjobid!);
        return sent.length === 1 ? { destroy: true } : { body: envelope("createFirewallRule", { jobid: req.params.customjobid, id: "fw-2" }) };
      }
      if (sent.length === 1) {
        return { status: 431, body: envelope("queryAsyncJobResult", { uuidList: [], errorcode: 431, errortext: "Unable to execute API command queryasyncjobresult due to invalid value." }) };
      }
      return { body: envelope("queryAsyncJobResult", { jobid: sent[0], jobstatus: 1, jobinstanceid: "fw-2", jobresult: { firewallrule: { id: "fw-2" } } }) };
    };
    const result = await client.execute("createFirewallRule", { ipaddressid: "ip-1", protocol: "tcp" });
    assert.deepEqual(result, { firewallrule: { id: "fw-2" } });
    assert.equal(sent.length, 2);
    assert.equal(sent[0], sent[1]);
    // Four look-ups, spaced, found nothing before the second send.
    assert.equal(server.requests.filter((r) => r.params.command === "queryAsyncJobResult").length, 5);
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
      assert.ok(error instanceof CommandOutcomeUnknownError, String(error));
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
