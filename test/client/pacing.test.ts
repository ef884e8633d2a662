// The client's request rate limit (maxRequestsPerSecond) and how it meets CloudStack's API limit
// (HTTP 429, "please retry after [N] ms"): counted requests on a fake clock, and a scripted
// CloudStack that refuses.
import { strict as assert } from "node:assert";
import { CloudStackApiError, CloudStackClient } from "../../provider/client";
import { BACK_OFF_FACTOR, LEARNED_PACE_TTL_MS, RequestPacer } from "../../provider/client/request-pacer";
import { startSimulator, type RunningSimulator } from "../../simulator";
import { startedForSuite } from "../support/fixture-hooks";
import { FakeClock } from "./fake-clock";
import { envelope, wait, type Reply, type Script } from "./scripted-server";
import { startScriptedClient } from "./scripted-client";

const LIMIT_TEXT = (ms: number): string => `The given user has reached his/her account api limit, please retry after [${ms}] ms.`;

/** Asks for `count` requests at once; returns the fake times at which each was let through. */
async function takeAll(clock: FakeClock, pacer: RequestPacer, count: number, forMs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) void pacer.take().then(() => times.push(clock.now()));
  for (let t = 0; t < forMs; t += 10) await clock.advance(10);
  return times;
}

/** The most requests let through in any span of `spanMs`. */
function busiest(times: number[], spanMs: number): number {
  return Math.max(0, ...times.map((start) => times.filter((t) => t >= start && t < start + spanMs).length));
}

describe("client request pacing", () => {
  describe("the pacer", () => {
    it("lets at most maxRequestsPerSecond requests through in any second, in order", async () => {
      const clock = new FakeClock();
      const pacer = new RequestPacer(5, clock);
      const times = await takeAll(clock, pacer, 23, 5_000);
      assert.equal(times.length, 23);
      assert.equal(busiest(times, 1_000), 5);
      assert.deepEqual(times.slice(0, 6), [0, 0, 0, 0, 0, 1_000]);
    });

    it("spaces a rate below one a second", async () => {
      const clock = new FakeClock();
      const times = await takeAll(clock, new RequestPacer(0.5, clock), 3, 5_000);
      assert.deepEqual(times, [0, 2_000, 4_000]);
    });

    it("lets nothing through until the time CloudStack named, and lowers the pace on a second refusal soon after", async () => {
      const clock = new FakeClock();
      const pacer = new RequestPacer(undefined, clock);
      await takeAll(clock, pacer, 40, 10);
      pacer.throttled(300);
      assert.equal(pacer.rate(), undefined, "a single refusal only pauses");
      const afterFirst = await takeAll(clock, pacer, 10, 1_000);
      assert.ok(afterFirst.every((t) => t >= 310), `sent during the pause: ${afterFirst.join(",")}`);
      pacer.throttled(200);
      assert.equal(pacer.rate(), Math.floor(10 * BACK_OFF_FACTOR), "70% of the 10 requests of the last second");
      const paced = await takeAll(clock, pacer, 30, 5_000);
      assert.equal(busiest(paced, 1_000), 7);
      await clock.advance(LEARNED_PACE_TTL_MS + 1);
      assert.equal(pacer.rate(), undefined, "the lowered pace is forgotten after a quiet while");
    });

    it("keeps the lowest configured rate when clients share it, and the lower of configured and learned", () => {
      const pacer = new RequestPacer(20);
      pacer.limitTo(8);
      pacer.limitTo(30);
      assert.equal(pacer.rate(), 8);
      assert.throws(() => pacer.limitTo(0), /maxRequestsPerSecond must be a positive number, got 0/);
    });
  });

  describe("over HTTP", () => {
    let client: CloudStackClient;
    let requests: Array<{ command: string; status: number }>;
    let script: Script = () => ({ body: {} });
    const lines: string[] = [];

    startedForSuite(
      () =>
        startScriptedClient(
          (req, i) => {
            const reply = script(req, i) as Reply;
            requests.push({ command: req.params.command!, status: reply.status ?? 200 });
            return reply;
          },
          { apiKey: "k-pacing", secretKey: "s-pacing-secret", log: (line) => lines.push(line) },
        ),
      (started) => ({ client } = started),
    );
    beforeEach(() => {
      requests = [];
      lines.splice(0);
    });

    it("sends a create refused for the account's API limit again after the time named, and it runs once", async () => {
      let created = 0;
      script = (req) => {
        if (req.params.command !== "createNetwork") return { body: {} };
        if (!requests.some((r) => r.command === "createNetwork")) {
          return { status: 429, body: envelope("createNetwork", { uuidList: [], errorcode: 429, cserrorcode: 9999, errortext: LIMIT_TEXT(40) }) };
        }
        created++;
        return { body: envelope("createNetwork", { network: { id: "net-1" } }) };
      };
      assert.deepEqual(await client.request("createNetwork", { name: "n" }), { network: { id: "net-1" } });
      assert.deepEqual(requests.map((r) => r.status), [429, 200]);
      assert.equal(created, 1);
      assert.ok(lines.some((line) => /createNetwork attempt 1 was not run by CloudStack \(HTTP 429, errorcode 429, the account's API limit\); retrying in 40 ms/.test(line)), lines.join("\n"));
    });

    it("keeps sending a throttled request past the retry attempts, within the operation's deadline", async () => {
      script = (req) =>
        requests.length < 6
          ? { status: 429, body: envelope(req.params.command!, { uuidList: [], errorcode: 429, cserrorcode: 9999, errortext: LIMIT_TEXT(5) }) }
          : { body: envelope("listZones", { count: 1, zone: [{ id: "z1" }] }) };
      assert.deepEqual(await client.list("listZones"), [{ id: "z1" }]);
      assert.equal(requests.length, 7, "six refusals, then the answer (the retry policy allows 5 attempts)");
    });

    it("gives up with CloudStack's 429 once the wait named would pass the operation's deadline", async () => {
      script = (req) => ({ status: 429, body: envelope(req.params.command!, { uuidList: [], errorcode: 429, cserrorcode: 9999, errortext: LIMIT_TEXT(60_000) }) });
      const bounded = Object.create(client) as CloudStackClient;
      bounded.retryUntil = Date.now() + 5_000;
      const error = await bounded.request("createNetwork", { name: "n" }).catch((e: unknown) => e);
      assert.ok(error instanceof CloudStackApiError, String(error));
      assert.equal(error.errorcode, 429);
      assert.equal(error.command, "createNetwork");
      assert.equal(requests.length, 1);
    });

    it("sends no more than maxRequestsPerSecond requests before a second has passed", async () => {
      const limited = await startScriptedClient((req) => ({ body: envelope(req.params.command!, { count: 0 }) }), {
        apiKey: "k-pacing-2",
        secretKey: "s-pacing-secret",
        maxRequestsPerSecond: 4,
      });
      try {
        const all = Promise.all(Array.from({ length: 10 }, (_, i) => limited.client.request("listZones", { id: `z${i}` })));
        // Whatever the machine's speed, the fifth request may not leave before a second is up.
        await wait(600);
        assert.ok(limited.server.requests.length <= 4, `${limited.server.requests.length} requests within 600 ms`);
        await all;
        assert.equal(limited.server.requests.length, 10);
      } finally {
        await limited.client.close();
        await limited.server.close();
      }
    });
  });

  describe("against the simulator's api.throttling, as a normal account", function () {
    this.timeout(60_000);
    let sim: RunningSimulator;
    before(async () => {
      sim = await startSimulator({ jobMs: 20, throttling: { enabled: true, max: 10, intervalSeconds: 1 } });
    });
    after(() => sim.close());

    it("completes every request of a burst far over the limit", async () => {
      const lines: string[] = [];
      const user = new CloudStackClient({ apiUrl: sim.endpoint, ...sim.user, log: (line) => lines.push(line) });
      try {
        const zones = await Promise.all(Array.from({ length: 60 }, () => user.list("listZones", { name: "Sandbox-simulator" })));
        assert.ok(zones.every((list) => list.length === 1));
        const refused = lines.filter((line) => /was not run by CloudStack \(HTTP 429/.test(line)).length;
        assert.ok(refused > 0, "the burst never met the limit");
        assert.equal(user.stats.requests, 60 + refused);
      } finally {
        await user.close();
      }
    });
  });
});
