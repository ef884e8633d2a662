// Network through the SDK's own dynamic-provider host, driven over gRPC as the engine drives it,
// with the shim text the sdk class serializes, against the simulator.
import * as assert from "assert";
import * as fs from "fs";
import { startSimulator, RunningSimulator } from "../../simulator";
import { makeProgramDir, ProviderHost, ResourceInitFailedError, startConfiguredHost } from "../engine-standin/hosts";
import { ISOLATED, ZONE } from "../support/network-fixture";
import { networkShim, networkUrn as urn } from "../workflow/shim-text";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * A shim as an earlier build of the package wrote it into state: different text, same contract
 * (require the package by name, delegate). Delete and refresh run the copy stored in state.
 */
const OLDER_SHIM = `exports.handler = function () {
  function network() { return require("pulumi-cloudstack/provider").providers.Network; }
  return {
    configure: function (req) { return network().configure(req); },
    check: function (olds, news) { return network().check(olds, news); },
    diff: function (id, olds, news) { return network().diff(id, olds, news); },
    create: function (props) { return network().create(props); },
    read: function (id, props) { return network().read(id, props); },
    update: function (id, olds, news) { return network().update(id, olds, news); },
    delete: function (id, props) { return network().delete(id, props); },
  };
};
`;

describe("Network through the SDK's dynamic-provider host", function () {
  this.timeout(60_000);
  let sim: RunningSimulator;
  let host: ProviderHost;
  let programDir: string;
  let shim: string;

  before(async () => {
    shim = await networkShim();
    sim = await startSimulator({ jobMs: 20 });
    programDir = makeProgramDir();
    // No credentials in the environment: they must come from stack config through Configure.
    host = await startConfiguredHost(programDir, sim);
  });

  after(async () => {
    await host?.close();
    await sim?.close();
    if (programDir) fs.rmSync(programDir, { recursive: true, force: true });
  });

  const inputs = (name: string, extra: Record<string, unknown> = {}) => ({
    __provider: shim,
    name,
    zone: ZONE,
    networkOffering: ISOLATED,
    ...extra,
  });

  it("serves concurrent first calls right after Configure with the configured client", async () => {
    const names = ["first-a", "first-b", "first-c", "first-d"];
    const results = await Promise.all(names.map((name) => host.check(urn(name), {}, inputs(name))));
    for (const result of results) {
      assert.deepStrictEqual(result.failures, []);
      assert.match(String(result.inputs.zoneId), /^[0-9a-f-]{36}$/);
      assert.strictEqual(result.inputs.__provider, shim);
    }
    assert.strictEqual(host.stderr(), "");
  });

  it("runs check, create, diff, update, read and delete as the engine does", async () => {
    const news = inputs("engine-net", { cidr: "10.1.20.0/24", tags: { via: "host" } });
    const checked = await host.check(urn("engine-net"), {}, news);
    assert.deepStrictEqual(checked.failures, []);

    const created = await host.create(urn("engine-net"), checked.inputs);
    assert.ok(sim.model.findNetwork(created.id));
    assert.strictEqual(created.properties.__provider, shim, "the host keeps the shim in the outputs");
    assert.strictEqual(created.properties.cidr, "10.1.20.0/24");
    assert.deepStrictEqual(created.properties.tags, { via: "host" });

    const same = await host.check(urn("engine-net"), checked.inputs, news);
    assert.deepStrictEqual(await host.diff(urn("engine-net"), created.id, created.properties, same.inputs), {
      changes: "none",
      replaces: [],
      deleteBeforeReplace: false,
    });

    const renamedNews = { ...news, name: "engine-net-2" };
    const renamed = await host.check(urn("engine-net"), checked.inputs, renamedNews);
    assert.deepStrictEqual(await host.diff(urn("engine-net"), created.id, created.properties, renamed.inputs), {
      changes: "some",
      replaces: [],
      deleteBeforeReplace: false,
    });
    const updated = await host.update(urn("engine-net"), created.id, created.properties, renamed.inputs);
    assert.strictEqual(updated.name, "engine-net-2");
    assert.strictEqual(sim.model.findNetwork(created.id)?.name, "engine-net-2");

    const moved = await host.check(urn("engine-net"), renamed.inputs, { ...renamedNews, cidr: "10.1.21.0/24" });
    assert.deepStrictEqual(await host.diff(urn("engine-net"), created.id, updated, moved.inputs), {
      changes: "some",
      replaces: ["cidr"],
      deleteBeforeReplace: false,
    });

    const read = await host.read(urn("engine-net"), created.id, updated);
    assert.strictEqual(read.id, created.id);
    assert.strictEqual(read.properties.name, "engine-net-2");
    assert.strictEqual(read.inputs?.name, "engine-net-2");

    await host.delete(urn("engine-net"), created.id, updated);
    assert.strictEqual(sim.model.findNetwork(created.id), undefined);
    const gone = await host.read(urn("engine-net"), created.id, updated);
    assert.strictEqual(gone.id, "", "a vanished network reads as gone");
  });

  it("reports check failures and accepts unknown values during preview", async () => {
    const bad = await host.check(urn("bad"), {}, inputs("bad", { cidr: "10.1.1.0/33" }));
    assert.deepStrictEqual(bad.failures, [
      { property: "cidr", reason: 'cidr: "10.1.1.0/33" is not a valid IPv4 CIDR (a.b.c.d/n with n <= 32)' },
    ]);
    const preview = await host.check(urn("later"), {}, inputs(UNKNOWN, { zone: UNKNOWN }));
    assert.deepStrictEqual(preview.failures, []);
    assert.strictEqual(preview.inputs.zoneId, UNKNOWN);
  });

  it("turns a create that failed after the network exists into ErrorResourceInitFailed", async () => {
    // The network is made in Setup, a state where CloudStack refuses an IP reservation
    // (NetworkServiceImpl.updateGuestNetwork takes Implemented or Allocated).
    const checked = await host.check(urn("half"), {}, inputs("half", { cidr: "10.1.22.0/24", guestVmCidr: "10.1.22.0/25" }));
    assert.deepStrictEqual(checked.failures, []);
    const original = sim.model.networks.create.bind(sim.model.networks);
    sim.model.networks.create = (...args: Parameters<typeof original>) => {
      const made = original(...args);
      made.state = "Setup";
      return made;
    };
    const err = await host
      .create(urn("half"), checked.inputs)
      .finally(() => {
        sim.model.networks.create = original;
      })
      .then(
        () => assert.fail("create should fail"),
        (e: unknown) => e,
      );
    assert.ok(err instanceof ResourceInitFailedError, String(err));
    assert.ok(sim.model.findNetwork(err.id), "the recorded id is the created network");
    assert.strictEqual(err.properties.__provider, shim, "the recorded outputs keep the shim for later delete");
    assert.strictEqual(err.properties.guestVmCidr, "10.1.22.0/24");
    assert.match(err.reasons[0], /Implemented or Allocated state. IP Reservation cannot be applied in Setup state/);
    await host.delete(urn("half"), err.id, err.properties);
    assert.strictEqual(sim.model.findNetwork(err.id), undefined);
  });

  it("deletes with state written by an older shim text", async () => {
    const checked = await host.check(urn("old-state"), {}, inputs("old-state"));
    const created = await host.create(urn("old-state"), checked.inputs);
    // State as an older build stored it: its own shim text, and no stateVersion yet.
    const { stateVersion: _dropped, ...olderOutputs } = created.properties;
    const stored = { ...olderOutputs, __provider: OLDER_SHIM };

    const read = await host.read(urn("old-state"), created.id, stored);
    assert.strictEqual(read.id, created.id);
    assert.strictEqual(read.properties.__provider, OLDER_SHIM);
    await host.delete(urn("old-state"), created.id, stored);
    assert.strictEqual(sim.model.findNetwork(created.id), undefined);
    assert.strictEqual(host.stderr(), "");
  });
});
