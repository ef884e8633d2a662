// Instance's references resolved at check: its networks (a list reference, owner-aware, compared
// by id) and its template (listed once per zone; the instance's zone is looked in first).
import * as assert from "assert";
import { randomUUID } from "crypto";
import { startSimulator, RunningSimulator } from "../../simulator";
import { ClientRuntime, makeProvider, specs, UNKNOWN } from "../../provider";
import type { DynamicProvider } from "../../provider";
import type { CloudStackClient } from "../../provider/client";
import { createFrom, ISOLATED, plan, ZONE, type Props } from "../support/network-fixture";

const SMALL = "Small Instance";
const TEMPLATE = "CentOS 5.6 (64-bit) no GUI (Simulator)";
const SECOND_ZONE = "Sandbox-simulator-2";
const NO_CHANGE = { changes: false, replaces: [], deleteBeforeReplace: false };

function instanceInputs(name: string, extra: Props = {}): Props {
  return { name, zone: ZONE, serviceOffering: SMALL, template: TEMPLATE, ...extra };
}

describe("Instance references resolved at check", function () {
  let sim: RunningSimulator;
  let runtime: ClientRuntime;
  let client: CloudStackClient;
  let network: DynamicProvider;
  let instance: DynamicProvider;

  beforeEach(async () => {
    sim = await startSimulator({ jobMs: 5 });
    runtime = new ClientRuntime();
    runtime.configure({ apiUrl: sim.endpoint, apiKey: sim.admin.apiKey, secretKey: sim.admin.secretKey });
    client = await runtime.client();
    network = makeProvider(specs.Network, runtime);
    instance = makeProvider(specs.Instance, runtime);
  });
  afterEach(async () => {
    await runtime.close();
    await sim.close();
  });

  const isolated = async (name: string, cidr: string, extra: Props = {}): Promise<string> =>
    (await createFrom(network, { name, zone: ZONE, networkOffering: ISOLATED, cidr, ...extra })).id;

  describe("networks", () => {
    it("resolves network names to ids at check, in order, and deploys on those", async () => {
      const first = await isolated("front", "10.1.10.0/24");
      const second = await isolated("back", "10.1.11.0/24");
      const checked = await instance.check({}, instanceInputs("two-nics", { networks: [{ network: "back" }, { network: first }] }));
      assert.deepStrictEqual(checked.failures, []);
      assert.deepStrictEqual(checked.inputs.networkIds, [second, first]);

      const vm = await instance.create(checked.inputs);
      assert.deepStrictEqual(vm.outs.networkIds, [second, first]);
      assert.deepStrictEqual(vm.outs.networks, [{ network: "back" }, { network: first }], "the networks stay as written");
    });

    it("plans no change when a network written by name is written by id, or the other way round", async () => {
      const netId = await isolated("by-name", "10.1.12.0/24");
      const vm = await createFrom(instance, instanceInputs("spelled", { networks: [{ network: "by-name", ipAddress: "10.1.12.50" }] }));

      const byId = await plan(instance, vm, instanceInputs("spelled", { networks: [{ network: netId, ipAddress: "10.1.12.50" }] }));
      assert.deepStrictEqual(byId.diff, NO_CHANGE);

      const fromId = await createFrom(instance, instanceInputs("spelled-2", { networks: [{ network: netId }] }));
      const byName = await plan(instance, fromId, instanceInputs("spelled-2", { networks: [{ network: "by-name" }] }));
      assert.deepStrictEqual(byName.diff, NO_CHANGE);
    });

    it("still replaces on another network, another order or another fixed IP", async () => {
      const a = await isolated("net-a", "10.1.13.0/24");
      await isolated("net-b", "10.1.14.0/24");
      const vm = await createFrom(instance, instanceInputs("moves", { networks: [{ network: a }, { network: "net-b" }] }));

      const other = await plan(instance, vm, instanceInputs("moves", { networks: [{ network: "net-b" }] }));
      assert.deepStrictEqual(other.diff.replaces, ["networks"]);
      const swapped = await plan(instance, vm, instanceInputs("moves", { networks: [{ network: "net-b" }, { network: "net-a" }] }));
      assert.deepStrictEqual(swapped.diff.replaces, ["networks"]);
      // net-a was written as its id and is now written by name: the same network, where the
      // host name is taken, so the old instance goes first.
      const fixed = await plan(instance, vm, instanceInputs("moves", { networks: [{ network: "net-a", ipAddress: "10.1.13.77" }] }));
      assert.deepStrictEqual(fixed.diff, { changes: true, replaces: ["networks"], deleteBeforeReplace: true });
    });

    it("fails at check on a missing network, listing the candidates", async () => {
      await isolated("present", "10.1.15.0/24");
      const checked = await instance.check({}, instanceInputs("lost", { networks: [{ network: "present" }, { network: "absent" }] }));
      assert.deepStrictEqual(checked.failures.map((f) => f.property), ["networks.1.network"]);
      assert.match(checked.failures[0].reason, /^networks\.1\.network: "absent" matches no network by name; candidates: .*"present" \(id /);
      assert.strictEqual(checked.inputs.networkIds, undefined, "no ids for a list that did not resolve");
    });

    it("fails at check on a name two networks share, listing both", async () => {
      const one = await isolated("twin", "10.1.16.0/24");
      const two = await isolated("twin", "10.1.17.0/24");
      const checked = await instance.check({}, instanceInputs("confused", { networks: [{ network: "twin" }] }));
      assert.deepStrictEqual(checked.failures.map((f) => f.property), ["networks.0.network"]);
      assert.match(checked.failures[0].reason, /matches 2 networks; write the id of the one you mean/);
      for (const id of [one, two]) assert.ok(checked.failures[0].reason.includes(id), `lists ${id}`);
    });

    it("looks in the instance's owner scope first: a project's instance gets the project's network", async () => {
      const projectId = sim.model.state.projects.find((p) => p.name === "simproject")!.uuid;
      const mine = await isolated("shared-name", "10.1.18.0/24");
      const theirs = await isolated("shared-name", "10.1.19.0/24", { projectId });

      const project = await instance.check({}, instanceInputs("in-project", { projectId, networks: [{ network: "shared-name" }] }));
      assert.deepStrictEqual(project.failures, []);
      assert.deepStrictEqual(project.inputs.networkIds, [theirs]);
      const own = await instance.check({}, instanceInputs("outside", { networks: [{ network: "shared-name" }] }));
      assert.deepStrictEqual(own.failures, []);
      assert.deepStrictEqual(own.inputs.networkIds, [mine]);

      const vm = await instance.create(project.inputs);
      assert.deepStrictEqual(vm.outs.networkIds, [theirs]);
      assert.strictEqual(vm.outs.project, "simproject");
      assert.deepStrictEqual((await plan(instance, { id: vm.id, outs: vm.outs }, instanceInputs("in-project", { projectId, networks: [{ network: theirs }] }))).diff, NO_CHANGE);
    });
  });

  describe("template", () => {
    function zoneId(name: string): string {
      return sim.model.state.zones.find((z) => z.name === name)!.uuid;
    }

    it("resolves a template CloudStack lists once per zone to its one id, in any zone", async () => {
      const template = sim.model.state.templates.find((t) => t.name === TEMPLATE)!;
      const rows = await client.list<Record<string, unknown>>("listTemplates", { templatefilter: "executable", name: TEMPLATE, zoneid: zoneId(SECOND_ZONE) });
      assert.deepStrictEqual(rows.map((r) => r.id), [template.uuid], "listed in the second zone too");
      // A zone unknown during preview too: the name is one template wherever it is looked for.
      for (const zone of [ZONE, SECOND_ZONE, UNKNOWN]) {
        const checked = await instance.check({}, instanceInputs("anywhere", { zone }));
        assert.deepStrictEqual(checked.failures, [], zone);
        assert.strictEqual(checked.inputs.templateId, template.uuid);
      }
    });

    it("prefers the instance's zone when another zone has a template of the same name", async () => {
      const original = sim.model.state.templates.find((t) => t.name === TEMPLATE)!;
      // The same name registered separately in each advanced zone: two templates, one per zone.
      original.zoneUuid = zoneId(ZONE);
      const namesake = { ...original, uuid: randomUUID(), id: Math.max(...sim.model.state.templates.map((t) => t.id)) + 1, zoneUuid: zoneId(SECOND_ZONE) };
      sim.model.state.templates.push(namesake);

      const here = await instance.check({}, instanceInputs("first-zone"));
      assert.deepStrictEqual(here.failures, []);
      assert.strictEqual(here.inputs.templateId, original.uuid);
      const there = await instance.check({}, instanceInputs("second-zone", { zone: SECOND_ZONE }));
      assert.deepStrictEqual(there.failures, []);
      assert.strictEqual(there.inputs.templateId, namesake.uuid);

      // A zone with neither: both are candidates, and the name is ambiguous.
      const basic = await instance.check({}, instanceInputs("basic-zone", { zone: "Sandbox-basic" }));
      assert.deepStrictEqual(basic.failures.map((f) => f.property), ["template"]);
      assert.match(basic.failures[0].reason, /matches 2 templates; write the id of the one you mean/);
      // With the zone unknown during preview, which one is meant is unknown too, not a failure.
      const preview = await instance.check({}, instanceInputs("zone-later", { zone: UNKNOWN }));
      assert.deepStrictEqual(preview.failures, []);
      assert.strictEqual(preview.inputs.templateId, UNKNOWN);

      const netId = await isolated("tpl-net", "10.1.20.0/24");
      const vm = await createFrom(instance, instanceInputs("deployed", { networks: [{ network: netId }] }));
      assert.strictEqual(vm.outs.templateId, original.uuid);
      assert.deepStrictEqual((await plan(instance, vm, instanceInputs("deployed", { networks: [{ network: "tpl-net" }] }))).diff, NO_CHANGE);
    });
  });
});
