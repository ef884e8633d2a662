// api.throttling (ApiRateLimitServiceImpl): a fixed window per account, the real 429 answer, root
// admins exempt, off by default; configured by the simulator option or the stored global settings.
import assert from "assert";
import { mkdtempSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { startSimulator } from "../../../simulator";
import { ApiThrottle, DEFAULT_THROTTLING } from "../../../simulator/wire/throttling";
import type { Caller } from "../../../simulator/caller";
import { rawCall } from "../raw-client";
import { FAKE_KEYS, FakeBackend, startFake, type FakeSimulator } from "./fake-backend";

const LIMIT_TEXT = /^The given user has reached his\/her account api limit, please retry after \[(\d+)\] ms\.$/;

const user = (accountId: string): Caller => ({
  userId: `u-${accountId}`,
  accountId,
  accountName: accountId,
  domainId: "d",
  accountType: 0,
  isRootAdmin: false,
});

describe("simulator wire: api.throttling", () => {
  describe("the counter", () => {
    it("allows max requests per account per interval, counts refused ones, and starts again when the interval is over", () => {
      let now = 1_000_000;
      const throttle = new ApiThrottle({ enabled: true, intervalSeconds: 2, max: 3 }, () => now);
      const alice = user("alice");
      assert.deepStrictEqual([1, 2, 3].map(() => throttle.refusal(alice)), [undefined, undefined, undefined]);
      now += 500;
      assert.strictEqual(throttle.refusal(alice), 1500, "the wait is the time left in the account's interval");
      assert.strictEqual(throttle.refusal(user("bob")), undefined, "another account has its own counter");
      now += 1500;
      assert.strictEqual(throttle.refusal(alice), 0, "still refused at the very end of the interval");
      now += 1;
      assert.strictEqual(throttle.refusal(alice), undefined, "a new interval begins with the next request");
    });

    it("never counts a root admin, and does nothing while disabled", () => {
      const throttle = new ApiThrottle({ enabled: true, intervalSeconds: 60, max: 1 });
      const root: Caller = { ...user("admin"), accountType: 1, isRootAdmin: true };
      assert.ok(Array.from({ length: 50 }, () => throttle.refusal(root)).every((wait) => wait === undefined));
      const off = new ApiThrottle(DEFAULT_THROTTLING);
      assert.ok(Array.from({ length: 50 }, () => off.refusal(user("alice"))).every((wait) => wait === undefined));
      assert.deepStrictEqual(DEFAULT_THROTTLING, { enabled: false, intervalSeconds: 1, max: 25 });
    });
  });

  describe("over HTTP", () => {
    let sim: FakeSimulator;
    // A long interval, so that no window ends while a test runs.
    beforeEach(async () => {
      sim = await startFake({ throttling: { enabled: true, max: 3, intervalSeconds: 600 } });
    });
    afterEach(() => sim.wire.close());

    it("refuses a normal account's request past the limit with 429, CloudStack's text and cserrorcode 9999, without running it", async () => {
      for (let i = 0; i < 3; i++) assert.strictEqual((await rawCall(sim.endpoint, FAKE_KEYS.alice, "listZones")).status, 200);
      const refused = await rawCall(sim.endpoint, FAKE_KEYS.alice, "createNetwork", { name: "n", networkofferingid: "o", zoneid: "z" });
      assert.strictEqual(refused.status, 429);
      const body = refused.body.createnetworkresponse as Record<string, unknown>;
      assert.strictEqual(body.errorcode, 429);
      assert.strictEqual(body.cserrorcode, 9999);
      const wait = LIMIT_TEXT.exec(String(body.errortext));
      assert.ok(wait, String(body.errortext));
      assert.ok(Number(wait[1]) > 0 && Number(wait[1]) <= 600_000, `retry after ${wait[1]} ms`);
      assert.strictEqual(sim.backend.networks.length, 0, "a refused create made a network");
    });

    it("counts each account apart and never limits a root admin", async () => {
      for (let i = 0; i < 4; i++) await rawCall(sim.endpoint, FAKE_KEYS.alice, "listZones");
      assert.strictEqual((await rawCall(sim.endpoint, FAKE_KEYS.alice, "listZones")).status, 429);
      const bob = await Promise.all([1, 2, 3].map(() => rawCall(sim.endpoint, FAKE_KEYS.bob, "listZones")));
      assert.deepStrictEqual(bob.map((r) => r.status), [200, 200, 200]);
      assert.strictEqual((await rawCall(sim.endpoint, FAKE_KEYS.bob, "listZones")).status, 429);
      const admin = await Promise.all(Array.from({ length: 20 }, () => rawCall(sim.endpoint, FAKE_KEYS.admin, "listZones")));
      assert.ok(admin.every((r) => r.status === 200));
      assert.deepStrictEqual(sim.wire.throttling, { enabled: true, intervalSeconds: 600, max: 3 });
    });

    it("is off unless asked for", async () => {
      const plain = await startFake();
      try {
        const answers = await Promise.all(Array.from({ length: 40 }, () => rawCall(plain.endpoint, FAKE_KEYS.alice, "listZones")));
        assert.ok(answers.every((r) => r.status === 200));
        assert.strictEqual(plain.wire.throttling.enabled, false);
      } finally {
        await plain.wire.close();
      }
    });

    it("takes the stored api.throttling.* settings when no option names them", async () => {
      const stored: Record<string, string> = { "api.throttling.enabled": "true", "api.throttling.max": "2", "api.throttling.interval": "600" };
      const backend = Object.assign(new FakeBackend(), { configValue: (name: string) => stored[name] });
      const configured = await startFake({}, backend);
      try {
        assert.deepStrictEqual(configured.wire.throttling, { enabled: true, intervalSeconds: 600, max: 2 });
        const statuses = [];
        for (let i = 0; i < 3; i++) statuses.push((await rawCall(configured.endpoint, FAKE_KEYS.alice, "listZones")).status);
        assert.deepStrictEqual(statuses, [200, 200, 429]);
      } finally {
        await configured.wire.close();
      }
    });
  });

  describe("through updateConfiguration", function () {
    this.timeout(30_000);
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), "sim-throttling-"))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it("lists the settings as not dynamic and applies them at the next start, as the plugin reads them once", async () => {
      const statePath = join(dir, "state.json");
      const first = await startSimulator({ statePath, jobMs: 5 });
      try {
        for (const [name, value] of [
          ["api.throttling.enabled", "true"],
          ["api.throttling.max", "2"],
          ["api.throttling.interval", "600"],
        ]) {
          const r = await rawCall(first.endpoint, first.admin, "updateConfiguration", { name: name!, value: value! });
          assert.strictEqual(r.status, 200, JSON.stringify(r.body));
        }
        const listed = await rawCall(first.endpoint, first.admin, "listConfigurations", { name: "api.throttling.max" });
        const setting = (listed.body.listconfigurationsresponse as { configuration: Array<Record<string, unknown>> }).configuration[0]!;
        assert.strictEqual(setting.value, "2");
        assert.strictEqual(setting.isdynamic, false);
        assert.strictEqual(setting.defaultvalue, "25");
        const before = await Promise.all([1, 2, 3, 4].map(() => rawCall(first.endpoint, first.user, "listZones")));
        assert.ok(before.every((r) => r.status === 200), "a setting changed at run time applied before a restart");
      } finally {
        await first.close();
      }
      const second = await startSimulator({ statePath, jobMs: 5 });
      try {
        const statuses = [];
        for (let i = 0; i < 3; i++) statuses.push((await rawCall(second.endpoint, second.user, "listZones")).status);
        assert.deepStrictEqual(statuses, [200, 200, 429]);
        const root = await Promise.all([1, 2, 3, 4].map(() => rawCall(second.endpoint, second.admin, "listZones")));
        assert.ok(root.every((r) => r.status === 200));
      } finally {
        await second.close();
      }
    });
  });
});
