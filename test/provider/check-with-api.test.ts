// The spec hook for rules that need the API (checkWithApi): run by the adapter's check after the
// field rules and reference resolution, told what is known, its failures about unknown or
// already failed values dropped, and the client obtained only when the hook asks for it.
import * as assert from "assert";
import { startSimulator, RunningSimulator } from "../../simulator";
import { ClientRuntime, makeProvider, specs, UNKNOWN } from "../../provider";
import type { ResourceSpec } from "../../provider";
import type { CheckFailure, PropertyMap } from "../../provider/adapter/types";
import { ISOLATED, ZONE } from "../support/network-fixture";

interface Seen {
  inputs: PropertyMap;
  known: Record<string, boolean>;
}

/** Network's spec with a hook that records what it was given and returns `failures`. */
function networkWithHook(seen: Seen[], failures: CheckFailure[], useClient = false): ResourceSpec {
  return {
    ...specs.Network,
    async checkWithApi(client, inputs, known) {
      if (useClient) await client();
      const keys = ["name", "cidr", "gateway", "dns1", "zoneId", "networkOfferingId"];
      seen.push({ inputs, known: Object.fromEntries(keys.map((key) => [key, known(key)])) });
      return failures;
    },
  };
}

describe("checkWithApi: a spec's rules that need the API", () => {
  let sim: RunningSimulator;
  let runtime: ClientRuntime;

  before(async () => {
    sim = await startSimulator({ jobMs: 5 });
    runtime = new ClientRuntime();
    runtime.configure({ apiUrl: sim.endpoint, apiKey: sim.admin.apiKey, secretKey: sim.admin.secretKey });
  });
  after(async () => {
    await runtime.close();
    await sim.close();
  });

  it("runs after the field rules and the references, with their ids, and says what is known", async () => {
    const seen: Seen[] = [];
    const provider = makeProvider(networkWithHook(seen, []), runtime);
    const checked = await provider.check({}, { name: "n", zone: ZONE, networkOffering: ISOLATED, cidr: "10.1.1.0/24", gateway: "10.1.1.999", dns1: UNKNOWN });
    assert.deepStrictEqual(checked.failures.map((f) => f.property), ["gateway"]);
    assert.strictEqual(seen.length, 1);
    assert.strictEqual(seen[0].inputs.zoneId, checked.inputs.zoneId, "the resolved zone id");
    assert.strictEqual(typeof seen[0].inputs.zoneId, "string");
    assert.deepStrictEqual(seen[0].known, { name: true, cidr: true, gateway: false, dns1: false, zoneId: true, networkOfferingId: true });
  });

  it("does not count an id that did not resolve as known", async () => {
    const seen: Seen[] = [];
    const provider = makeProvider(networkWithHook(seen, []), runtime);
    const checked = await provider.check({}, { name: "n", zone: "No Such Zone", networkOffering: ISOLATED });
    assert.deepStrictEqual(checked.failures.map((f) => f.property), ["zone"]);
    assert.strictEqual(seen[0].known.zoneId, false);
    assert.strictEqual(seen[0].known.networkOfferingId, true);
  });

  it("keeps its failures about known values and drops those about unknown or already failed ones", async () => {
    const said: CheckFailure[] = [
      { property: "cidr", reason: "cidr: kept" },
      { property: "dns1", reason: "dns1: about a value unknown during preview" },
      { property: "gateway", reason: "gateway: a second complaint" },
      { property: "name", reason: `name: mentions ${UNKNOWN}` },
    ];
    const provider = makeProvider(networkWithHook([], said), runtime);
    const checked = await provider.check({}, { name: "n", zone: ZONE, networkOffering: ISOLATED, cidr: "10.1.1.0/24", gateway: "10.1.1.999", dns1: UNKNOWN });
    assert.deepStrictEqual(checked.failures.map((f) => f.property).sort(), ["cidr", "gateway"]);
    assert.strictEqual(checked.failures.find((f) => f.property === "cidr")!.reason, "cidr: kept");
    assert.match(checked.failures.find((f) => f.property === "gateway")!.reason, /is not a valid IPv4 address/, "the field rule's, not the hook's");
  });

  it("gets the client only when the hook asks for it: no credentials are needed otherwise", async () => {
    const unconfigured = new ClientRuntime(undefined, () => ({}));
    try {
      const news = { name: "n", zone: UNKNOWN, networkOffering: UNKNOWN };
      const quiet = await makeProvider(networkWithHook([], []), unconfigured).check({}, news);
      assert.deepStrictEqual(quiet.failures, []);
      await assert.rejects(makeProvider(networkWithHook([], [], true), unconfigured).check({}, news), /CloudStack credentials are missing/);
    } finally {
      await unconfigured.close();
    }
  });
});
