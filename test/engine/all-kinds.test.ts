// Every registered kind through the SDK's own dynamic-provider host, driven over gRPC as the
// engine drives it, with the shim text each generated sdk class serializes: Check and Diff with
// representative inputs, and Create, Read and Delete for PublicIpAddress and IpRange, against
// the simulator.
import * as assert from "assert";
import * as fs from "fs";
import { ClientRuntime, makeProvider, specs, UNKNOWN } from "../../provider";
import type { ResourceKind } from "../../provider";
import { changesInPlace } from "../../provider/adapter/diff/changes";
import { inputKeys } from "../../provider/adapter/check/inputs";
import { OWNER_KEYS } from "../../provider/adapter/check/owner-scope";
import { startSimulator, RunningSimulator } from "../../simulator";
import { makeProgramDir, ProviderHost, startConfiguredHost, PropertyMap } from "../engine-standin/hosts";
import { runtimeFor } from "../support/provider-fixture";
import { buildSampleWorld, kindSamples, kindsWithoutSamples, SampleWorld } from "../support/kind-samples";
import { serializedShims, typeOf } from "../support/serialized-shims";

const urn = (kind: string, name: string) => `urn:pulumi:test::test::${typeOf(kind)}::${name}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The inputs a diff reports when `key` turns unknown: the key itself, and with an unknown owner
 * also the owned objects the sample names (looked up in the owner's scope, so unknown as well).
 */
function expectedChanges(kind: ResourceKind, sample: PropertyMap, key: string): string[] {
  const spec = specs[kind];
  const ownerChanged = (OWNER_KEYS as readonly string[]).includes(key);
  return inputKeys(spec).filter(
    (input) => input === key || (ownerChanged && spec.references[input]?.kind.owned === true && typeof sample[input] === "string"),
  );
}

describe("every kind through the SDK's dynamic-provider host", function () {
  this.timeout(180_000);
  let sim: RunningSimulator;
  let runtime: ClientRuntime;
  let host: ProviderHost;
  let programDir: string;
  let world: SampleWorld;
  let samples: ReturnType<typeof kindSamples>;
  let shims: Map<string, string>;
  const kinds = Object.keys(specs) as ResourceKind[];

  before(async () => {
    sim = await startSimulator({ jobMs: 10 });
    runtime = runtimeFor(sim);
    world = await buildSampleWorld(await runtime.client(), (kind) => makeProvider(specs[kind], runtime));
    samples = kindSamples(world);
    shims = await serializedShims(samples);
    programDir = makeProgramDir();
    // No credentials in the environment: they come from stack config through Configure.
    host = await startConfiguredHost(programDir, sim);
  });

  after(async () => {
    await host?.close();
    await runtime?.close();
    await sim?.close();
    if (programDir) fs.rmSync(programDir, { recursive: true, force: true });
  });

  const withShim = (kind: string, props: PropertyMap): PropertyMap => ({ __provider: shims.get(kind), ...props });

  it("has samples and a serialized shim that requires the package by name, for every registered kind", () => {
    assert.deepStrictEqual(kindsWithoutSamples(kinds, samples), [], "add samples for these kinds to test/provider/kind-samples.ts");
    for (const kind of kinds) {
      const text = shims.get(kind);
      assert.ok(text, `${kind} registered a serialized provider`);
      assert.match(text!, /require\("pulumi-cloudstack\/provider"\)/, kind);
      assert.ok(text!.includes(JSON.stringify(kind)) || text!.includes(`'${kind}'`), `${kind}'s shim names its kind`);
    }
  });

  for (const kind of Object.keys(specs) as ResourceKind[]) {
    it(`${kind}: Check resolves and accepts its samples, and Diff reports each input's change as the kind declares`, async () => {
      const spec = specs[kind];
      for (const sample of samples[kind] ?? []) {
        const name = `${kind}-sample`;
        const checked = await host.check(urn(kind, name), {}, withShim(kind, sample));
        assert.deepStrictEqual(checked.failures, [], `${kind} ${JSON.stringify(sample)}`);
        assert.strictEqual(checked.inputs.__provider, shims.get(kind), "the host keeps the shim in the inputs");
        for (const [property, reference] of Object.entries(spec.references)) {
          if (typeof sample[property] === "string") assert.match(String(checked.inputs[reference.idProperty]), UUID, `${kind}.${property} resolved`);
        }

        // The check's inputs standing in for the outputs: the same inputs again are no change.
        const olds = checked.inputs;
        assert.deepStrictEqual(await host.diff(urn(kind, name), "sample-id", olds, olds), { changes: "none", replaces: [], deleteBeforeReplace: false });

        for (const key of Object.keys(sample)) {
          const preview = await host.check(urn(kind, name), olds, withShim(kind, { ...sample, [key]: UNKNOWN }));
          assert.deepStrictEqual(preview.failures, [], `${kind} with ${key} unknown`);
          const diff = await host.diff(urn(kind, name), "sample-id", olds, preview.inputs);
          const replaces = expectedChanges(kind, sample, key).filter((changed) => !changesInPlace(spec, changed, olds));
          const deleteFirst = replaces.length > 0 && (spec.deleteBeforeReplace?.(olds, preview.inputs) ?? false);
          assert.deepStrictEqual(diff, { changes: "some", replaces, deleteBeforeReplace: deleteFirst }, `${kind} diff with ${key} unknown`);
        }
      }
    });
  }

  it("PublicIpAddress: Create, Read and Delete through the host", async () => {
    const kind = "PublicIpAddress";
    const news = withShim(kind, { network: world.networkName, tags: { via: "host" } });
    const checked = await host.check(urn(kind, "ip"), {}, news);
    assert.deepStrictEqual(checked.failures, []);
    assert.strictEqual(checked.inputs.networkId, world.networkId);

    const created = await host.create(urn(kind, "ip"), checked.inputs);
    assert.match(created.id, UUID);
    assert.strictEqual(created.properties.__provider, shims.get(kind), "the outputs keep the shim for later delete");
    assert.strictEqual(created.properties.isSourceNat, false);
    assert.deepStrictEqual(created.properties.tags, { via: "host" });
    const row = sim.model.state.publicIps.find((ip) => ip.uuid === created.id);
    assert.strictEqual(row?.state, "Allocated");
    assert.strictEqual(row?.associatedNetworkUuid, world.networkId);

    const same = await host.check(urn(kind, "ip"), checked.inputs, news);
    assert.deepStrictEqual(await host.diff(urn(kind, "ip"), created.id, created.properties, same.inputs), { changes: "none", replaces: [], deleteBeforeReplace: false });

    const read = await host.read(urn(kind, "ip"), created.id, created.properties);
    assert.strictEqual(read.id, created.id);
    assert.strictEqual(read.properties.ipAddress, created.properties.ipAddress);
    assert.strictEqual(read.inputs?.network, world.networkName, "the name stays the name the program wrote");

    await host.delete(urn(kind, "ip"), created.id, created.properties);
    assert.strictEqual(sim.model.state.publicIps.find((ip) => ip.uuid === created.id)?.state ?? "Free", "Free");
    assert.strictEqual((await host.read(urn(kind, "ip"), created.id, created.properties)).id, "", "a released IP reads as gone");
    assert.strictEqual(host.stderr(), "");
  });

  it("IpRange: Create, Read, an in-place Update and Delete through the host", async () => {
    const kind = "IpRange";
    const news = withShim(kind, {
      zone: "Sandbox-simulator",
      forVirtualNetwork: true,
      gateway: "203.0.113.1",
      netmask: "255.255.255.0",
      startIp: "203.0.113.10",
      endIp: "203.0.113.20",
      vlan: "330",
    });
    const checked = await host.check(urn(kind, "range"), {}, news);
    assert.deepStrictEqual(checked.failures, []);
    const created = await host.create(urn(kind, "range"), checked.inputs);
    assert.match(created.id, UUID);
    assert.strictEqual(created.properties.__provider, shims.get(kind));
    const range = () => sim.model.state.vlanIpRanges.find((r) => r.uuid === created.id && !r.removed);
    assert.strictEqual(range()?.startIp, "203.0.113.10");
    assert.strictEqual(range()?.endIp, "203.0.113.20");

    const read = await host.read(urn(kind, "range"), created.id, created.properties);
    assert.strictEqual(read.id, created.id);
    assert.strictEqual(read.inputs?.endIp, "203.0.113.20");

    const widerNews = { ...news, endIp: "203.0.113.30" };
    const wider = await host.check(urn(kind, "range"), checked.inputs, widerNews);
    assert.deepStrictEqual(await host.diff(urn(kind, "range"), created.id, created.properties, wider.inputs), { changes: "some", replaces: [], deleteBeforeReplace: false });
    const updated = await host.update(urn(kind, "range"), created.id, created.properties, wider.inputs);
    assert.strictEqual(updated.endIp, "203.0.113.30");
    assert.strictEqual(range()?.endIp, "203.0.113.30");

    await host.delete(urn(kind, "range"), created.id, updated);
    assert.strictEqual(range(), undefined);
    assert.strictEqual((await host.read(urn(kind, "range"), created.id, updated)).id, "", "a deleted range reads as gone");
    assert.strictEqual(host.stderr(), "");
  });
});
