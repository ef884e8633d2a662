// The adapter's generic pieces without any API: IPv4 arithmetic, protobuf-safe outputs, state
// versions, unknown values, and the shared client's configuration.
import * as assert from "assert";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import { ClientRuntime, makeProvider, specs, StateVersionError, UNKNOWN } from "../../provider";
import type { ClientOptions } from "../../provider/client";
import { CloudStackClient } from "../../provider/client";
import { MissingCredentialsError } from "../../provider/client";
import { toProtobufSafe } from "../../provider/adapter/lifecycle/protobuf-safe";
import { migrate } from "../../provider/adapter/lifecycle/state";
import { containsUnknown } from "../../provider/adapter/check/unknown";
import { canonicalCidr, isGuestCidrCompliant, overlaps, parseCidr, parseIpv4, prefixOfNetmask, blockOf } from "../../ip/ipv4";

describe("adapter", () => {
  describe("IPv4 arithmetic", () => {
    it("parses dotted quads strictly", () => {
      assert.strictEqual(parseIpv4("10.1.1.1"), 0x0a010101);
      assert.strictEqual(parseIpv4("255.255.255.255"), 0xffffffff);
      for (const bad of ["10.1.1", "10.1.1.256", "010.1.1.1", "10.1.1.1 ", "a.b.c.d"]) assert.strictEqual(parseIpv4(bad), undefined, bad);
    });

    it("reads netmasks and CIDRs", () => {
      assert.strictEqual(prefixOfNetmask("255.255.255.0"), 24);
      assert.strictEqual(prefixOfNetmask("255.255.255.255"), 32);
      assert.strictEqual(prefixOfNetmask("0.0.0.0"), 0);
      assert.strictEqual(prefixOfNetmask("255.0.255.0"), undefined);
      assert.deepStrictEqual(parseCidr("10.1.1.0/24"), { address: 0x0a010100, prefix: 24 });
      assert.strictEqual(parseCidr("10.1.1.0/33"), undefined);
      assert.strictEqual(parseCidr("10.1.1.0/024"), undefined);
      assert.strictEqual(canonicalCidr("10.1.1.77/24"), "10.1.1.0/24");
    });

    it("compares subnets", () => {
      const a = blockOf(parseIpv4("10.1.1.0")!, 24);
      assert.ok(overlaps(a, blockOf(parseIpv4("10.1.1.128")!, 25)));
      assert.ok(!overlaps(a, blockOf(parseIpv4("10.1.2.0")!, 24)));
      assert.ok(isGuestCidrCompliant(blockOf(parseIpv4("172.20.0.0")!, 16)));
      assert.ok(!isGuestCidrCompliant(blockOf(parseIpv4("172.32.0.0")!, 16)));
      // RFC 6598 shared space is guest space for CloudStack (NetUtils.validateGuestCidr).
      assert.ok(isGuestCidrCompliant(blockOf(parseIpv4("100.64.0.0")!, 10)));
      assert.ok(isGuestCidrCompliant(blockOf(parseIpv4("100.100.4.0")!, 24)));
      assert.ok(!isGuestCidrCompliant(blockOf(parseIpv4("100.128.0.0")!, 24)));
    });
  });

  describe("outputs", () => {
    it("become plain data that survives a protobuf Struct", () => {
      const safe = toProtobufSafe({
        gone: undefined,
        when: new Date("2026-11-27T12:00:00Z"),
        big: BigInt(42),
        huge: BigInt("123456789012345678901234567890"),
        nested: { list: [1, undefined, "x"], nan: Number.NaN },
      }) as Record<string, unknown>;
      assert.deepStrictEqual(safe, {
        when: "2026-11-27T12:00:00.000Z",
        big: 42,
        huge: "123456789012345678901234567890",
        nested: { list: [1, null, "x"], nan: null },
      });
      const roundTrip = structproto.Struct.fromJavaScript(safe as Parameters<typeof structproto.Struct.fromJavaScript>[0]).toJavaScript();
      assert.deepStrictEqual(roundTrip, safe);
    });

    it("carry a state version; older outputs read as version 1, newer ones are refused", () => {
      assert.strictEqual(migrate(specs.Network, { name: "x" }).stateVersion, 1);
      assert.throws(() => migrate(specs.Network, { stateVersion: 99 }), StateVersionError);
    });
  });

  describe("unknown values", () => {
    it("are found anywhere inside a value", () => {
      assert.ok(containsUnknown(UNKNOWN));
      assert.ok(containsUnknown({ a: [1, { b: UNKNOWN }] }));
      assert.ok(!containsUnknown({ a: [1, { b: "known" }] }));
    });

    it("make a diff report a change, and a replacement where the input forces one", async () => {
      const provider = makeProvider(specs.Network, new ClientRuntime());
      const olds = { name: "n", zone: "z", zoneId: "zone-1", networkOffering: "o", networkOfferingId: "off-1", type: "Shared", cidr: "10.0.0.0/24" };
      assert.deepStrictEqual(await provider.diff("id", olds, { ...olds, dns1: UNKNOWN }), { changes: true, replaces: [], deleteBeforeReplace: false });
      // A shared network whose new range is unknown may collide with the old one: delete first.
      assert.deepStrictEqual(await provider.diff("id", olds, { ...olds, cidr: UNKNOWN }), { changes: true, replaces: ["cidr"], deleteBeforeReplace: true });
      // The offering changes in place only for isolated networks; a shared network is replaced,
      // and its successor with the same CIDR in the same zone would collide: delete first.
      assert.deepStrictEqual(await provider.diff("id", olds, { ...olds, networkOffering: "p", networkOfferingId: "off-2" }), {
        changes: true,
        replaces: ["networkOffering"],
        deleteBeforeReplace: true,
      });
      // In another zone there is no collision.
      assert.deepStrictEqual(await provider.diff("id", olds, { ...olds, zone: "y", zoneId: "zone-2" }), {
        changes: true,
        replaces: ["zone"],
        deleteBeforeReplace: false,
      });
      const isolated = { ...olds, type: "Isolated" };
      assert.deepStrictEqual(await provider.diff("id", isolated, { ...isolated, networkOffering: "p", networkOfferingId: "off-2" }), {
        changes: true,
        replaces: [],
        deleteBeforeReplace: false,
      });
    });
  });

  describe("the shared client", () => {
    function recordingRuntime(env: NodeJS.ProcessEnv = {}) {
      const built: ClientOptions[] = [];
      const runtime = new ClientRuntime((options) => {
        built.push(options);
        return { close: async () => undefined } as unknown as CloudStackClient;
      }, () => env);
      return { runtime, built };
    }
    const config = (values: Record<string, string>) => ({ config: { get: (key: string) => values[key] } });

    it("takes credentials from stack config before the environment", async () => {
      const { runtime, built } = recordingRuntime({ CLOUDSTACK_API_URL: "http://env/client/api", CLOUDSTACK_API_KEY: "env-key", CLOUDSTACK_SECRET_KEY: "env-secret" });
      const provider = makeProvider(specs.Network, runtime);
      await provider.configure(config({ "cloudstack:apiUrl": "http://config/client/api", "cloudstack:apiKey": "k", "cloudstack:secretKey": "s" }));
      await runtime.client();
      assert.strictEqual(built.length, 1);
      assert.strictEqual(built[0].apiUrl, "http://config/client/api");
      assert.strictEqual(built[0].secretKey, "s");
    });

    it("bounds the requests in flight from stack config cloudstack:maxInFlight", async () => {
      const { runtime, built } = recordingRuntime({ CLOUDSTACK_MAX_IN_FLIGHT: "2" });
      const provider = makeProvider(specs.Network, runtime);
      await provider.configure(
        config({ "cloudstack:apiUrl": "http://config/client/api", "cloudstack:apiKey": "k", "cloudstack:secretKey": "s", "cloudstack:maxInFlight": "12" }),
      );
      await runtime.client();
      assert.strictEqual(built[0].maxInFlight, 12);
    });

    it("falls back to the environment, and keeps one client for the same credentials", async () => {
      const { runtime, built } = recordingRuntime({ CLOUDSTACK_API_URL: "http://env/client/api", CLOUDSTACK_API_KEY: "env-key", CLOUDSTACK_SECRET_KEY: "env-secret" });
      const provider = makeProvider(specs.Network, runtime);
      await provider.configure(config({}));
      const first = await runtime.client();
      // A second shim text configures again with the same stack config.
      await provider.configure(config({}));
      assert.strictEqual(await runtime.client(), first);
      assert.strictEqual(built.length, 1);
      assert.strictEqual(built[0].apiKey, "env-key");
    });

    it("serves calls made before configure settles, and tolerates a host without config", async () => {
      const { runtime, built } = recordingRuntime({ CLOUDSTACK_API_URL: "http://env/client/api", CLOUDSTACK_API_KEY: "e", CLOUDSTACK_SECRET_KEY: "s" });
      const provider = makeProvider(specs.Network, runtime);
      const throwing = { config: { get: (): string | undefined => { throw new TypeError("no config yet"); } } };
      const configuring = provider.configure(throwing);
      const early = runtime.client();
      await configuring;
      assert.ok(await early);
      assert.strictEqual(built[0].apiUrl, "http://env/client/api");
    });

    it("fails every call with a bad configuration's message, never falling back to the environment", async () => {
      // The real client factory refuses an apiUrl that is not a URL; the environment holds
      // another account's keys, which must never be used instead.
      const env = { CLOUDSTACK_API_URL: "http://other/client/api", CLOUDSTACK_API_KEY: "other-key", CLOUDSTACK_SECRET_KEY: "other-secret" };
      const used: ClientOptions[] = [];
      const runtime = new ClientRuntime((options) => {
        used.push(options);
        return new CloudStackClient(options);
      }, () => env);
      const provider = makeProvider(specs.Network, runtime);
      try {
        await provider.configure(config({ "cloudstack:apiUrl": "http://bad host/client/api", "cloudstack:apiKey": "k", "cloudstack:secretKey": "s" }));
        for (let call = 0; call < 3; call++) {
          await assert.rejects(runtime.client(), /CloudStack apiUrl is not a valid URL: "http:\/\/bad host\/client\/api"/);
        }
        await assert.rejects(provider.check({}, { name: "n", zone: "z", networkOffering: "o" }), /not a valid URL/);
        assert.deepStrictEqual(used.map((o) => o.apiKey), ["k"], "the environment's keys are never used");
        // A good configure afterwards recovers; a bad one after it fails again, not keeping the old client.
        await provider.configure(config({ "cloudstack:apiUrl": "http://good/client/api", "cloudstack:apiKey": "k", "cloudstack:secretKey": "s" }));
        assert.ok(await runtime.client());
        await provider.configure(config({ "cloudstack:apiUrl": "http://good/client/api", "cloudstack:apiKey": "k", "cloudstack:secretKey": "s", "cloudstack:maxInFlight": "0" }));
        await assert.rejects(runtime.client(), /cloudstack:maxInFlight: "0" is not a whole number/);
      } finally {
        await runtime.close();
      }
    });

    it("reports missing credentials on first use, saying how to set them", async () => {
      const { runtime } = recordingRuntime({});
      await makeProvider(specs.Network, runtime).configure(config({}));
      await assert.rejects(runtime.client(), (err: unknown) => {
        assert.ok(err instanceof MissingCredentialsError);
        assert.match((err as Error).message, /pulumi config set cloudstack:secretKey/);
        assert.match((err as Error).message, /CLOUDSTACK_API_URL/);
        return true;
      });
    });
  });
});
