// Every way a create, update or delete can be cut short, one at a time, with the simulator's own
// fault injection between the provider and CloudStack: each ends with exactly the objects the
// resources record, never one only CloudStack knows and never two for one resource.
import * as assert from "assert";
import { ClientRuntime, makeProvider, ResourceInitError, specs } from "../../provider";
import { providerDyingAfter } from "../support/dying-provider";
import type { DynamicProvider } from "../../provider";
import { CloudStackClient } from "../../provider/client";
import { startSimulator, type FaultSpec, type RunningSimulator } from "../../simulator";
import { ISOLATED, ZONE } from "../support/network-fixture";
import { freshIp, listed, webTier } from "../support/rules-fixture";
import { providersOn, runtimeFor, type ProviderFixture } from "../support/provider-fixture";

type Props = Record<string, unknown>;

/** What the sdk class adds to every resource's inputs. */
const identity = (name: string): Props => ({ __identity: `faults/dev/${name}` });

async function checked(provider: DynamicProvider, news: Props): Promise<Props> {
  const result = await provider.check({}, news);
  assert.deepStrictEqual(result.failures, []);
  return result.inputs;
}

async function failureOf(work: Promise<unknown>): Promise<unknown> {
  return work.then(
    () => assert.fail("expected a failure"),
    (err: unknown) => err,
  );
}

describe("faults: creates, updates and deletes cut short", function () {
  this.timeout(60_000);
  let fx: ProviderFixture;
  let sim: RunningSimulator;
  let client: CloudStackClient;
  let networkId: string;

  let injected = 0;
  const withFaults = async <T>(spec: FaultSpec, work: () => Promise<T>): Promise<T> => {
    sim.faults.set(spec);
    try {
      return await work();
    } finally {
      injected = Object.values(sim.faults.counts()).reduce((sum, n) => sum + n, 0);
      sim.faults.set(undefined);
    }
  };

  const dyingAfter = (command: string): DynamicProvider => providerDyingAfter(sim, "FirewallRule", command);

  before(async () => {
    fx = await providersOn(await startSimulator({ jobMs: 20 }));
    sim = fx.sim;
    client = fx.admin.client;
    networkId = (await webTier(fx, "faults-web", "10.30.1.0/24", 1)).network.id;
  });
  after(() => fx.close());

  async function firewallRulesOn(ipId: string): Promise<Props[]> {
    return listed(client, "listFirewallRules", { ipaddressid: ipId });
  }

  it("follows an async create whose answer was lost after CloudStack ran it, making one rule", async () => {
    const ip = await freshIp(client, networkId);
    const provider = fx.admin.provider("FirewallRule");
    const news = await checked(provider, { ipAddressId: ip.id, protocol: "tcp", startPort: 22, ...identity("drop-fw") });
    const created = await withFaults({ rate: 1, kinds: ["drop"], commands: ["createFirewallRule"] }, () => provider.create(news));
    assert.strictEqual(injected, 1, "the one create ran and lost its answer");
    const rules = await firewallRulesOn(ip.id);
    assert.deepStrictEqual(rules.map((r) => r.id), [created.id]);
  });

  it("resumes, on the next attempt, an async create whose process died after sending it", async () => {
    const ip = await freshIp(client, networkId);
    const news = { ipAddressId: ip.id, protocol: "tcp", startPort: 23, ...identity("lost-fw") };
    const first = dyingAfter("createFirewallRule");
    await failureOf(first.create(await checked(first, news)));
    // CloudStack made the rule (its state Add until the job ends); the stack knows nothing of it.
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.strictEqual((await firewallRulesOn(ip.id)).length, 1, "CloudStack made the rule");
    // The next `pulumi up`: a new process, the same resource and inputs.
    const second = makeProvider(specs.FirewallRule, runtimeFor(sim));
    const created = await second.create(await checked(second, news));
    assert.deepStrictEqual((await firewallRulesOn(ip.id)).map((r) => r.id), [created.id]);
    assert.strictEqual(created.outs.state, "Active");
  });

  it("records a create whose job polls keep failing, and the next update completes it without a second object", async () => {
    const ip = await freshIp(client, networkId);
    const provider = fx.admin.provider("FirewallRule");
    const news = await checked(provider, { ipAddressId: ip.id, protocol: "tcp", startPort: 24, ...identity("poll-fw") });
    // Job polls fail as an unreachable server's would; the look-up before the create still passes.
    const polling = new ClientRuntime((options) => {
      const flaky = new CloudStackClient({ ...options, retry: { attempts: 2, baseDelayMs: 5, maxDelayMs: 10 } });
      const request = flaky.request;
      let created = false;
      flaky.request = async function (name, params) {
        if (name === "createFirewallRule") created = true;
        else if (created && name === "queryAsyncJobResult") throw Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
        return request.call(this, name, params);
      };
      return flaky;
    });
    polling.configure({ apiUrl: sim.endpoint, apiKey: sim.admin.apiKey, secretKey: sim.admin.secretKey });
    const err = await failureOf(makeProvider(specs.FirewallRule, polling).create(news));
    assert.ok(err instanceof ResourceInitError, String(err));
    assert.match(err.message, /its result could not be read/);
    assert.ok(err.properties.__pendingJob, "the outputs carry the job to wait for");
    const diff = await provider.diff(err.id, err.properties, news);
    assert.strictEqual(diff.changes, true);
    const updated = await provider.update(err.id, err.properties, news);
    assert.strictEqual(updated.outs.__pendingJob, undefined);
    assert.deepStrictEqual((await firewallRulesOn(ip.id)).map((r) => r.id), [err.id]);
  });

  it("sends a create again after 503 and 429, which CloudStack raises before running it", async () => {
    const ip = await freshIp(client, networkId);
    const provider = fx.admin.provider("FirewallRule");
    const news = await checked(provider, { ipAddressId: ip.id, protocol: "tcp", startPort: 25, ...identity("busy-fw") });
    const created = await withFaults({ rate: 0.5, kinds: ["503", "429"], seed: 7, commands: ["createFirewallRule"] }, () => provider.create(news));
    assert.deepStrictEqual((await firewallRulesOn(ip.id)).map((r) => r.id), [created.id]);
  });

  it("recognises a network whose sync create lost its answer, by the externalid it was created with", async () => {
    const provider = fx.admin.provider("Network");
    const news = await checked(provider, { name: "faults-dropped-net", zone: ZONE, networkOffering: ISOLATED, cidr: "10.30.2.0/24", ...identity("drop-net") });
    const created = await withFaults({ rate: 1, kinds: ["drop"], commands: ["createNetwork"] }, () => provider.create(news));
    const named = (await listed(client, "listNetworks", {})).filter((n) => n.name === "faults-dropped-net");
    assert.deepStrictEqual(named.map((n) => n.id), [created.id]);
  });

  it("finds, on the next attempt, the network an interrupted create made", async () => {
    const news = { name: "faults-lost-net", zone: ZONE, networkOffering: ISOLATED, cidr: "10.30.3.0/24", ...identity("lost-net") };
    const first = makeProvider(specs.Network, runtimeFor(sim));
    const input = await checked(first, news);
    // The answer is lost, and so is every look-up that would recognise the network.
    const err = await withFaults({ rate: 1, kinds: ["drop"], commands: ["createNetwork", "listNetworks"] }, () => failureOf(first.create(input)));
    assert.ok(!(err instanceof ResourceInitError), "nothing to record: the id never came back");
    const second = makeProvider(specs.Network, runtimeFor(sim));
    const created = await second.create(await checked(second, news));
    const named = (await listed(client, "listNetworks", {})).filter((n) => n.name === "faults-lost-net");
    assert.deepStrictEqual(named.map((n) => n.id), [created.id]);
  });

  it("makes two networks for two resources with equal inputs: identities differ", async () => {
    const provider = fx.admin.provider("Network");
    const base = { name: "faults-twin", zone: ZONE, networkOffering: ISOLATED };
    const a = await provider.create(await checked(provider, { ...base, ...identity("twin-a") }));
    const b = await provider.create(await checked(provider, { ...base, ...identity("twin-b") }));
    assert.notStrictEqual(a.id, b.id);
  });

  it("creates again, under a new job id, a resource whose earlier object was deleted", async () => {
    const ip = await freshIp(client, networkId);
    const provider = fx.admin.provider("FirewallRule");
    const news = await checked(provider, { ipAddressId: ip.id, protocol: "tcp", startPort: 26, ...identity("again-fw") });
    const first = await provider.create(news);
    await provider.delete(first.id, first.outs);
    const second = await provider.create(news);
    assert.notStrictEqual(second.id, first.id);
    assert.deepStrictEqual((await firewallRulesOn(ip.id)).map((r) => r.id), [second.id]);
  });

  it("deletes once when the delete's answer is lost", async () => {
    const ip = await freshIp(client, networkId);
    const provider = fx.admin.provider("FirewallRule");
    const created = await provider.create(await checked(provider, { ipAddressId: ip.id, protocol: "tcp", startPort: 27, ...identity("del-fw") }));
    await withFaults({ rate: 1, kinds: ["drop"], commands: ["deleteFirewallRule"] }, () => provider.delete(created.id, created.outs));
    assert.deepStrictEqual(await firewallRulesOn(ip.id), []);
    const network = fx.admin.provider("Network");
    const made = await network.create(await checked(network, { name: "faults-del-net", zone: ZONE, networkOffering: ISOLATED, ...identity("del-net") }));
    await withFaults({ rate: 1, kinds: ["drop"], commands: ["deleteNetwork"] }, () => network.delete(made.id, made.outs));
    assert.deepStrictEqual((await listed(client, "listNetworks", {})).filter((n) => n.id === made.id), []);
  });

  it("lets CloudStack's permission error stop a delete with another account's keys", async () => {
    const user = await fx.user();
    const provider = fx.admin.provider("Network");
    const made = await provider.create(await checked(provider, { name: "faults-admins-net", zone: ZONE, networkOffering: ISOLATED, ...identity("admins-net") }));
    const err = await failureOf(user.provider("Network").delete(made.id, made.outs));
    assert.match(String(err), /\(531, cserrorcode 4365\)/);
    assert.strictEqual((await listed(client, "listNetworks", {})).filter((n) => n.id === made.id).length, 1);
  });

  it("refuses to report a delete done when the object is invisible to credentials other than its creator's", async () => {
    const user = await fx.user();
    const provider = fx.admin.provider("Network");
    const made = await provider.create(await checked(provider, { name: "faults-gone-net", zone: ZONE, networkOffering: ISOLATED, ...identity("gone-net") }));
    // An id these keys cannot resolve at all (CloudStack answers 431): to them, it looks gone.
    const unknownId = "4e1c0b1e-0000-4000-8000-000000000000";
    const err = await failureOf(user.provider("Network").delete(unknownId, made.outs));
    assert.match(String(err), /not visible with the current API key, which is not the one that created it/);
    assert.match(String(err), /Nothing was deleted/);
    // The creator's own keys: gone is gone.
    await provider.delete(unknownId, made.outs);
    await provider.delete(made.id, made.outs);
  });
});

describe("faults: a create whose earlier attempt failed", function () {
  this.timeout(60_000);
  let fx: ProviderFixture;
  let client: CloudStackClient;
  let networkId: string;

  before(async () => {
    fx = await providersOn(await startSimulator({ jobMs: 20 }));
    client = fx.admin.client;
    networkId = (await webTier(fx, "faults-again", "10.30.9.0/24", 1)).network.id;
  });
  after(() => fx.close());

  it("creates, once the conflict is gone, a rule CloudStack refused before: one rule", async () => {
    const ip = await freshIp(client, networkId);
    const provider = fx.admin.provider("FirewallRule");
    const news = await checked(provider, { ipAddressId: ip.id, protocol: "tcp", startPort: 40, ...identity("refused-fw") });
    // Someone else's rule on the same port: CloudStack refuses the create (537).
    const blocking = await client.execute("createFirewallRule", { ipaddressid: ip.id, protocol: "tcp", startport: 40 });
    const refused = await failureOf(provider.create(news));
    assert.match(String(refused), /537/);
    await client.execute("deleteFirewallRule", { id: String((blocking.firewallrule as Props).id) });

    const created = await provider.create(news);
    const rules = await listed(client, "listFirewallRules", { ipaddressid: ip.id });
    assert.deepStrictEqual(rules.filter((r) => r.state !== "Revoke").map((r) => r.id), [created.id]);
  });

  it("keeps the object through a replacement with unchanged inputs (pulumi up --replace), which takes it over", async () => {
    const provider = fx.admin.provider("Network");
    const news = await checked(provider, { name: "faults-replaced", zone: ZONE, networkOffering: ISOLATED, ...identity("replaced") });
    const old = await provider.create(news);
    // The engine's order for a replacement: create the new resource, then delete the old one.
    const replacement = await provider.create(news);
    assert.strictEqual(replacement.id, old.id, "the same create recognises the object it made");
    await provider.delete(old.id, old.outs);
    assert.strictEqual((await listed(client, "listNetworks", {})).filter((n) => n.id === old.id).length, 1, "the object the new resource holds stays");
  });

  it("keeps the sdk's identity out of every diff", async () => {
    const provider = fx.admin.provider("Network");
    const made = await provider.create(await checked(provider, { name: "faults-identity", zone: ZONE, networkOffering: ISOLATED, ...identity("identity-a") }));
    const renamedStack = await checked(provider, { name: "faults-identity", zone: ZONE, networkOffering: ISOLATED, __identity: "faults/prod/identity-a" });
    const diff = await provider.diff(made.id, made.outs, renamedStack);
    assert.deepStrictEqual(diff, { changes: false, replaces: [], deleteBeforeReplace: false });
  });
});
