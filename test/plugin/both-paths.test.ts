// One table over both front doors: every kind's Check, Diff, Create, Read, Read from the id
// alone (what `pulumi import` and `get` send), Update and Delete, through the SDK's dynamic-provider
// host and through the native plugin launched both ways the CLI launches it, each against a
// simulator of its own built the same way. Each path's results, with generated ids and times
// replaced by placeholders in order of appearance, must equal the dynamic path's.
import * as assert from "assert";
import * as fs from "fs";
import { makeProvider, specs } from "../../provider";
import type { ResourceKind } from "../../provider";
import { startSimulator, RunningSimulator } from "../../simulator";
import { makeProgramDir, ProviderHost, startConfiguredHost, PropertyMap } from "../engine-standin/hosts";
import { runtimeFor } from "../support/provider-fixture";
import { buildLifecycleWorld, lifecycleCases, LifecycleCase } from "../support/kind-lifecycle";
import { serializedShims, typeOf } from "../support/serialized-shims";
import { PLUGIN_LAUNCHES, PluginHost, startEngineService, startPluginHost, EngineStandIn } from "../../engine-standin/plugin-host";
import { IDENTITY_KEY } from "../../provider";
import type { ClientRuntime } from "../../provider";

/**
 * Kinds whose object, read from its id alone, cannot give back every input the program wrote,
 * so an import of one needs those inputs in the program: CloudStack never shows a VPN user's
 * password, a customer gateway's pre-shared key, or an external device's URL and credentials.
 */
const IMPORT_NEEDS_PROGRAM_VALUES: ReadonlySet<string> = new Set(["VpnUser", "NetscalerLoadBalancer", "PaloAltoFirewall"]);

/**
 * Kinds whose delete leaves an object to read: a setting returns to its earlier value, a
 * ruleset's delete empties the list or group that remains, and a service provider CloudStack
 * made with its physical network (the sample's VirtualRouter) goes back to Disabled; a network's
 * permission list, reset, stays with its network.
 */
const STAYS_AFTER_DELETE: ReadonlySet<string> = new Set(["ConfigurationSetting", "NetworkAclRuleset", "SecurityGroupRuleset", "NetworkServiceProvider", "NetworkPermission"]);

interface Path {
  readonly name: string;
  readonly sim: RunningSimulator;
  readonly runtime: ClientRuntime;
  readonly host: ProviderHost;
  readonly cases: Map<ResourceKind, LifecycleCase>;
  urn(kind: string, name: string): string;
  /** The properties the path's SDK adds to a resource's inputs. */
  wrap(kind: string, props: PropertyMap): PropertyMap;
  /** What a read from the id alone carries. */
  idAlone(kind: string): PropertyMap;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:?\d{2}|Z)?/g;
const DIGEST = /\b[0-9a-f]{32,64}\b/g;

/**
 * `value` with ids, times and digests replaced by numbered placeholders, the values CloudStack
 * generates as secrets (a pre-shared key) by a mark, and the path's own keys dropped.
 */
function normalized(value: unknown, seen: Map<string, string>, secrets: ReadonlySet<string>): unknown {
  const token = (prefix: string) => (match: string) => {
    const key = match.toLowerCase();
    if (!seen.has(key)) seen.set(key, `<${prefix}${seen.size}>`);
    return seen.get(key)!;
  };
  if (typeof value === "string") return value.replace(UUID, token("id")).replace(TIME, "<time>").replace(DIGEST, token("digest"));
  if (Array.isArray(value)) return value.map((item) => normalized(item, seen, secrets));
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      if (key === "__provider" || key === IDENTITY_KEY) continue;
      const item = (value as Record<string, unknown>)[key];
      out[key] = secrets.has(key) && typeof item === "string" && item !== "" ? "<secret>" : normalized(item, seen, secrets);
    }
    return out;
  }
  return value;
}

/** The operations of one case on one path, as a trace of their results. */
async function lifecycle(path: Path, kind: ResourceKind): Promise<Record<string, unknown>> {
  const { host } = path;
  const c = path.cases.get(kind)!;
  const urn = path.urn(kind, "lifecycle");
  const trace: Record<string, unknown> = {};

  const checked = await host.check(urn, {}, path.wrap(kind, c.inputs));
  assert.deepStrictEqual(checked.failures, [], `${path.name} ${kind} check`);
  trace.check = checked.inputs;
  trace.diffSame = await host.diff(urn, "lifecycle-id", checked.inputs, checked.inputs);

  const created = await host.create(urn, checked.inputs);
  trace.create = created;
  trace.read = await host.read(urn, created.id, created.properties);

  // As `pulumi import` (plugin) or `get` (dynamic) reads it: the id and nothing else.
  const alone = await host.read(urn, created.id, path.idAlone(kind));
  assert.strictEqual(alone.id, created.id, `${path.name} ${kind} read from its id alone`);
  trace.readAlone = alone;
  if (!IMPORT_NEEDS_PROGRAM_VALUES.has(kind)) {
    const imported = await host.check(urn, {}, path.wrap(kind, alone.inputs ?? {}));
    assert.deepStrictEqual(imported.failures, [], `${path.name} ${kind}: the inputs a read from the id gives pass check`);
    const next = await host.diff(urn, alone.id, alone.properties, imported.inputs);
    assert.deepStrictEqual(next.changes, "none", `${path.name} ${kind}: the preview after an import is empty (${JSON.stringify(next)})`);
  }

  const updating = await host.check(urn, created.properties, path.wrap(kind, c.update ?? c.inputs));
  assert.deepStrictEqual(updating.failures, [], `${path.name} ${kind} check of the update`);
  trace.diffUpdate = await host.diff(urn, created.id, created.properties, updating.inputs);
  const updated = await host.update(urn, created.id, created.properties, updating.inputs);
  trace.update = updated;

  await host.delete(urn, created.id, updated);
  trace.readAfterDelete = (await host.read(urn, created.id, updated)).id;
  return normalized(trace, new Map(), new Set(specs[kind].secretOutputs ?? [])) as Record<string, unknown>;
}

describe("both paths: the dynamic-provider host and the native plugin give the same results for every kind", function () {
  this.timeout(600_000);
  const paths: Path[] = [];
  const closers: Array<() => Promise<void>> = [];
  let engine: EngineStandIn;
  let shims: Map<string, string>;
  const kinds = Object.keys(specs) as ResourceKind[];

  async function world(): Promise<{ sim: RunningSimulator; runtime: ClientRuntime; cases: Map<ResourceKind, LifecycleCase> }> {
    const sim = await startSimulator({ jobMs: 10 });
    const runtime = runtimeFor(sim);
    closers.push(() => sim.close(), () => runtime.close());
    const built = await buildLifecycleWorld(await runtime.client(), (kind) => makeProvider(specs[kind], runtime));
    return { sim, runtime, cases: new Map(lifecycleCases(built).map((c) => [c.kind, c])) };
  }

  before(async () => {
    engine = await startEngineService();
    closers.push(() => engine.close());

    const dynamic = await world();
    // The shim each sdk class serializes (its text names only the kind).
    shims = await serializedShims(Object.fromEntries([...dynamic.cases].map(([kind, c]) => [kind, [c.inputs]])));
    const programDir = makeProgramDir();
    closers.push(async () => fs.rmSync(programDir, { recursive: true, force: true }));
    const dynamicHost = await startConfiguredHost(programDir, dynamic.sim);
    closers.push(() => dynamicHost.close());
    paths.push({
      name: "dynamic",
      ...dynamic,
      host: dynamicHost,
      urn: (kind, name) => `urn:pulumi:test::test::${typeOf(kind)}::${name}`,
      // As the sdk class sends them: its shim, and the identity a create recognises earlier attempts by.
      wrap: (kind, props) => ({ __provider: shims.get(kind), [IDENTITY_KEY]: `test/test/${kind}/lifecycle`, ...props }),
      idAlone: (kind) => ({ __provider: shims.get(kind) }),
    });

    for (const launch of PLUGIN_LAUNCHES) {
      const own = await world();
      // No credentials in the environment: they come from the provider's inputs through Configure.
      const host: PluginHost = await startPluginHost({ launch, engine: engine.address, env: { CLOUDSTACK_API_URL: "", CLOUDSTACK_API_KEY: "", CLOUDSTACK_SECRET_KEY: "" } });
      closers.push(() => host.close());
      await host.configureProvider({ apiUrl: own.sim.endpoint, apiKey: own.sim.admin.apiKey, secretKey: own.sim.admin.secretKey });
      paths.push({
        name: `plugin (${launch})`,
        ...own,
        host,
        urn: (kind, name) => `urn:pulumi:test::test::cloudstack:index:${kind}::${name}`,
        wrap: (_kind, props) => props,
        idAlone: () => ({}),
      });
    }
  });

  after(async () => {
    for (const close of closers.reverse()) await close().catch(() => undefined);
  });

  for (const kind of kinds) {
    it(`${kind}: Check, Diff, Create, Read, Read from the id alone, Update and Delete give the dynamic path's results`, async () => {
      const traces: Array<{ name: string; trace: Record<string, unknown> }> = [];
      for (const path of paths) traces.push({ name: path.name, trace: await lifecycle(path, kind) });
      const [dynamic, ...plugins] = traces;
      for (const plugin of plugins) assert.deepStrictEqual(plugin.trace, dynamic.trace, `${plugin.name} against ${dynamic.name}`);
      if (!STAYS_AFTER_DELETE.has(kind)) assert.strictEqual(dynamic.trace.readAfterDelete, "", "a deleted object reads as gone");
    });
  }

  it("the plugin reports its progress to the engine it was given", () => {
    const creating = engine.logs.filter((entry) => entry.message.startsWith("creating Network "));
    assert.strictEqual(creating.length, PLUGIN_LAUNCHES.length);
    assert.ok(creating.every((entry) => entry.urn.endsWith("cloudstack:index:Network::lifecycle") && entry.ephemeral && entry.severity === "info"));
  });

  it("no path wrote an error", () => {
    for (const path of paths) assert.strictEqual(path.host.stderr(), "", path.name);
  });
});
