// Instance through the adapter against the simulator over real HTTP.
import * as assert from "assert";
import { JobFailedError } from "../../provider/client";
import { parseIpv4 } from "../../ip/ipv4";
import { makeProvider, specs } from "../../provider";
import { startedForSuite } from "../support/fixture-hooks";
import { simProjectId } from "../support/seed-ids";
import { runtimeFor } from "../support/provider-fixture";
import { createFrom, ISOLATED, plan, updateTo, ZONE } from "../support/network-fixture";
import {
  allInstances,
  InstanceFixture,
  instanceInputs,
  isolatedNetwork,
  nicsOf,
  PASSWORD_TEMPLATE,
  startInstanceFixture,
  TEMPLATE,
} from "../support/instance-fixture";

const NO_CHANGE = { changes: false, replaces: [], deleteBeforeReplace: false };

function inside(cidr: string, ip: unknown): boolean {
  const [base, prefix] = cidr.split("/");
  const size = 2 ** (32 - Number(prefix));
  const address = parseIpv4(String(ip));
  const network = parseIpv4(base)!;
  return address !== undefined && address >= network && address < network + size;
}

describe("Instance against the simulator", function () {
  this.timeout(30000);
  let fx: InstanceFixture;
  startedForSuite(startInstanceFixture, (started) => (fx = started));

  describe("create, then a second apply of the same inputs", () => {
    it("deploys on an isolated network, outputs each NIC, implements the network, and plans no change after", async () => {
      const networkId = await isolatedNetwork(fx, "vm-net-a", "10.1.30.0/24");
      const news = instanceInputs("web-a", { networks: [{ network: networkId }] });
      const vm = await createFrom(fx.instance, news);

      assert.strictEqual(vm.outs.state, "Running");
      assert.strictEqual(vm.outs.zone, ZONE, "the zone stays in the form the user wrote");
      assert.strictEqual(vm.outs.template, TEMPLATE);
      const nics = nicsOf(vm.outs);
      assert.strictEqual(nics.length, 1);
      assert.strictEqual(nics[0].networkId, networkId);
      assert.strictEqual(nics[0].isDefault, true);
      assert.ok(inside("10.1.30.0/24", nics[0].ipAddress), `${nics[0].ipAddress} is in the network`);
      assert.strictEqual(vm.outs.ipAddress, nics[0].ipAddress);
      assert.deepStrictEqual(vm.outs.networkIds, [networkId]);
      assert.strictEqual(vm.outs.password, null, "a template without passwords gives none");
      assert.deepStrictEqual(JSON.parse(JSON.stringify(vm.outs)), vm.outs, "outputs are plain JSON");

      const [listed] = await fx.client.list<Record<string, unknown>>("listVirtualMachines", { id: vm.id });
      assert.strictEqual(listed.name, "web-a");
      const [network] = await fx.client.list<Record<string, unknown>>("listNetworks", { id: networkId });
      assert.strictEqual(network.state, "Implemented", "the first instance implements its network");

      assert.deepStrictEqual((await plan(fx.instance, vm, news)).diff, NO_CHANGE);
    });

    it("orders the NICs as the networks are listed, with a fixed IP on the second", async () => {
      const first = await isolatedNetwork(fx, "vm-net-b1", "10.1.31.0/24");
      const second = await isolatedNetwork(fx, "vm-net-b2", "10.1.32.0/24");
      const news = instanceInputs("two-nics", { networks: [{ network: first }, { network: second, ipAddress: "10.1.32.77" }] });
      const vm = await createFrom(fx.instance, news);

      const nics = nicsOf(vm.outs);
      assert.deepStrictEqual(nics.map((n) => n.networkId), [first, second]);
      assert.deepStrictEqual(nics.map((n) => n.isDefault), [true, false]);
      assert.strictEqual(nics[1].ipAddress, "10.1.32.77");
      assert.deepStrictEqual(vm.outs.networks, news.networks);
      assert.deepStrictEqual((await plan(fx.instance, vm, news)).diff, NO_CHANGE);
    });

    it("gives the generated password of a password-enabled template, and keeps it on refresh", async () => {
      const networkId = await isolatedNetwork(fx, "vm-net-c", "10.1.33.0/24");
      const vm = await createFrom(fx.instance, instanceInputs("with-password", { template: PASSWORD_TEMPLATE, networks: [{ network: networkId }] }));
      assert.strictEqual(vm.outs.passwordEnabled, true);
      assert.strictEqual(typeof vm.outs.password, "string");
      assert.ok(String(vm.outs.password).length > 0);

      const read = await fx.instance.read(vm.id, vm.outs);
      assert.strictEqual(read.props.password, vm.outs.password, "listVirtualMachines has no password: the deployed one is kept");
    });
  });

  describe("update and replace", () => {
    it("changes the display name in place", async () => {
      const networkId = await isolatedNetwork(fx, "vm-net-d", "10.1.34.0/24");
      const vm = await createFrom(fx.instance, instanceInputs("rename-me", { displayName: "Before", networks: [{ network: networkId }] }));
      const news = instanceInputs("rename-me", { displayName: "After", networks: [{ network: networkId }] });
      const updated = await updateTo(fx.instance, vm, news);
      assert.strictEqual(updated.outs.displayName, "After");
      const [listed] = await fx.client.list<Record<string, unknown>>("listVirtualMachines", { id: vm.id });
      assert.strictEqual(listed.displayname, "After");
      assert.strictEqual((await plan(fx.instance, updated, news)).diff.changes, false);
    });

    it("replaces on a template change, deleting first since the host name stays on the same network", async () => {
      const networkId = await isolatedNetwork(fx, "vm-net-e", "10.1.35.0/24");
      const vm = await createFrom(fx.instance, instanceInputs("swap-template", { networks: [{ network: networkId }] }));
      const news = instanceInputs("swap-template", { template: PASSWORD_TEMPLATE, networks: [{ network: networkId }] });
      const { checked, diff } = await plan(fx.instance, vm, news);
      assert.deepStrictEqual(diff, { changes: true, replaces: ["template"], deleteBeforeReplace: true });

      // The engine's order for delete-before-replace: delete the old, then create the new.
      await fx.instance.delete(vm.id, vm.outs);
      const replacement = await fx.instance.create(checked);
      assert.notStrictEqual(replacement.id, vm.id);
      assert.strictEqual(replacement.outs.templateName, PASSWORD_TEMPLATE);
      const ids = (await allInstances(fx.client)).map((v) => v.id);
      assert.ok(!ids.includes(vm.id) && ids.includes(replacement.id));
    });

    it("creates first when a renamed replacement takes no fixed IP", async () => {
      const networkId = await isolatedNetwork(fx, "vm-net-f", "10.1.36.0/24");
      const vm = await createFrom(fx.instance, instanceInputs("old-name", { networks: [{ network: networkId }] }));
      const { diff } = await plan(fx.instance, vm, instanceInputs("new-name", { networks: [{ network: networkId }] }));
      assert.deepStrictEqual(diff, { changes: true, replaces: ["name"], deleteBeforeReplace: false });
    });
  });

  describe("read and delete", () => {
    it("reports an instance expunged out of band as gone", async () => {
      const networkId = await isolatedNetwork(fx, "vm-net-g", "10.1.37.0/24");
      const vm = await createFrom(fx.instance, instanceInputs("oob", { networks: [{ network: networkId }] }));
      await fx.client.execute("destroyVirtualMachine", { id: vm.id, expunge: true });
      assert.deepStrictEqual(await fx.instance.read(vm.id, vm.outs), { id: "", props: {} });
    });

    it("reads a display name changed out of band as drift, and the next plan restores it", async () => {
      const networkId = await isolatedNetwork(fx, "vm-net-h", "10.1.38.0/24");
      const news = instanceInputs("drifty", { displayName: "Declared", networks: [{ network: networkId }] });
      const vm = await createFrom(fx.instance, news);
      await fx.client.execute("updateVirtualMachine", { id: vm.id, displayname: "Changed by hand" });

      const read = await fx.instance.read(vm.id, vm.outs);
      assert.strictEqual(read.id, vm.id);
      assert.strictEqual(read.inputs?.displayName, "Changed by hand");
      assert.strictEqual(read.inputs?.template, TEMPLATE, "a reference keeps the user's form while its id is unchanged");
      assert.deepStrictEqual(read.inputs?.networks, [{ network: networkId }], "the automatic IP is not reported as a fixed one");
      const { diff } = await plan(fx.instance, { id: vm.id, outs: read.props }, news);
      assert.deepStrictEqual(diff, { changes: true, replaces: [], deleteBeforeReplace: false });
    });

    it("deletes twice without error, expunged so that its network can be deleted", async () => {
      const networkId = await isolatedNetwork(fx, "vm-net-i", "10.1.39.0/24");
      const vm = await createFrom(fx.instance, instanceInputs("twice", { networks: [{ network: networkId }] }));
      await fx.instance.delete(vm.id, vm.outs);
      await fx.instance.delete(vm.id, vm.outs);
      assert.ok(!(await allInstances(fx.client)).some((v) => v.id === vm.id), "no instance left, not even Destroyed");
      await fx.client.execute("deleteNetwork", { id: networkId });
    });
  });

  describe("owner scope", () => {
    it("keeps a project's instance on read by passing its project", async () => {
      const runtime = runtimeFor(fx.sim, "user");
      try {
        const network = makeProvider(specs.Network, runtime);
        const instances = makeProvider(specs.Instance, runtime);
        const client = await runtime.client();
        const projectId = simProjectId(fx.sim);
        const net = await createFrom(network, { name: "project-net", zone: ZONE, networkOffering: ISOLATED, projectId });
        const vm = await createFrom(instances, instanceInputs("project-vm", { projectId, networks: [{ network: net.id }] }));
        assert.strictEqual(vm.outs.project, "simproject");

        const read = await instances.read(vm.id, vm.outs);
        assert.strictEqual(read.id, vm.id);
        assert.strictEqual(read.inputs?.projectId, projectId);
        // Without the project scope the same user sees nothing: the scope is what keeps it.
        assert.deepStrictEqual(await client.list("listVirtualMachines", { id: vm.id }), []);

        // A normal user may not expunge here (allow.user.expunge.recover.vm is false): the
        // instance is destroyed, and gone for the engine.
        await instances.delete(vm.id, vm.outs);
        const [left] = await fx.client.list<Record<string, unknown>>("listVirtualMachines", { id: vm.id, listall: true });
        assert.strictEqual(left?.state, "Destroyed");
        assert.deepStrictEqual(await instances.read(vm.id, vm.outs), { id: "", props: {} });
        await fx.client.execute("destroyVirtualMachine", { id: vm.id, expunge: true });
      } finally {
        await runtime.close();
      }
    });
  });

  describe("get and importId", () => {
    it("adopts an existing instance with importId, creating nothing, and reads one by id alone", async () => {
      const networkId = await isolatedNetwork(fx, "vm-net-adopt", "10.1.42.0/24");
      const news = instanceInputs("adopt-me", { networks: [{ network: networkId }] });
      const existing = await createFrom(fx.instance, news);
      const count = (await allInstances(fx.client)).length;

      const adopted = await createFrom(fx.instance, { ...news, importId: existing.id });
      assert.strictEqual(adopted.id, existing.id);
      assert.strictEqual((await allInstances(fx.client)).length, count, "nothing was deployed");
      assert.deepStrictEqual(nicsOf(adopted.outs), nicsOf(existing.outs));
      assert.deepStrictEqual((await plan(fx.instance, adopted, news)).diff, NO_CHANGE);

      // An input that would force a replacement differs: refused, nothing changed.
      const checked = await fx.instance.check({}, { ...news, template: PASSWORD_TEMPLATE, importId: existing.id });
      await assert.rejects(fx.instance.create(checked.inputs), /cannot adopt Instance .*template/);
      assert.strictEqual((await allInstances(fx.client)).length, count);

      // Resource.get: a read with the id and no prior outputs.
      const read = await fx.instance.read(existing.id, {});
      assert.strictEqual(read.id, existing.id);
      assert.strictEqual(read.inputs?.name, "adopt-me");
      assert.strictEqual(read.inputs?.template, TEMPLATE);
      assert.deepStrictEqual(read.inputs?.networks, [{ network: "vm-net-adopt" }]);
    });
  });

  describe("a deploy whose job fails", () => {
    it("leaves no instance behind and reports CloudStack's error", async () => {
      // The deploy's start phase implements the network, which needs a source NAT IP: with every
      // free public IP of the zone held for the test, that job fails (533) after the instance exists.
      const networkId = await isolatedNetwork(fx, "vm-net-starved", "10.1.41.0/24");
      const zone = fx.sim.model.state.zones.find((z) => z.name === ZONE)!;
      const held = fx.sim.model.state.publicIps.filter((ip) => ip.zoneUuid === zone.uuid && ip.state === "Free");
      for (const ip of held) ip.state = "Reserved";
      try {
        const checked = await fx.instance.check({}, instanceInputs("starved", { networks: [{ network: networkId }] }));
        assert.deepStrictEqual(checked.failures, []);
        await assert.rejects(fx.instance.create(checked.inputs), (err: unknown) => {
          assert.ok(err instanceof JobFailedError, String(err));
          assert.strictEqual(err.command, "deployVirtualMachine");
          assert.strictEqual(err.errorcode, 533);
          assert.match(err.message, /the failed instance [0-9a-f-]{36} was destroyed and expunged/);
          return true;
        });
      } finally {
        for (const ip of held) ip.state = "Free";
      }
      const left = (await allInstances(fx.client)).filter((v) => v.name === "starved");
      assert.deepStrictEqual(left, [], "the failed instance is expunged, not left in state Error");
      assert.strictEqual(fx.sim.model.state.nics.filter((n) => n.networkUuid === networkId).length, 0, "its NICs are gone too");
    });
  });

  describe("bad inputs", () => {
    async function failuresOf(news: Record<string, unknown>) {
      const before = (await allInstances(fx.client)).length;
      const checked = await fx.instance.check({}, news);
      assert.strictEqual((await allInstances(fx.client)).length, before, "check creates nothing");
      return checked.failures;
    }

    it("rejects an invalid host name and an invalid fixed IP, naming the property", async () => {
      const failures = await failuresOf(instanceInputs("bad_name", { networks: [{ network: "anything", ipAddress: "10.1.1.300" }] }));
      assert.deepStrictEqual(failures.map((f) => f.property).sort(), ["name", "networks.0.ipAddress"]);
      assert.match(failures.find((f) => f.property === "name")!.reason, /^name: "bad_name" is not a valid host name/);
      assert.match(failures.find((f) => f.property !== "name")!.reason, /is not a valid IPv4 address/);
    });

    it("rejects a fixed IP CloudStack cannot give on its network (outside the CIDR, the gateway, the broadcast address)", async () => {
      const net = await isolatedNetwork(fx, "vm-net-fixed", "10.1.40.0/24");
      const refusal = `CloudStack cannot give it to the instance ("Unable to acquire Guest IP address for network ...", 533)`;
      const reasonFor = async (ipAddress: string) =>
        (await failuresOf(instanceInputs("fixed", { networks: [{ network: "vm-net-fixed", ipAddress }] }))).map((f) => [f.property, f.reason]);
      assert.deepStrictEqual(await reasonFor("10.1.41.5"), [
        ["networks.0.ipAddress", `networks.0.ipAddress: "10.1.41.5" is outside network vm-net-fixed's CIDR 10.1.40.0/24: ${refusal}`],
      ]);
      assert.deepStrictEqual(await reasonFor("10.1.40.1"), [["networks.0.ipAddress", `networks.0.ipAddress: "10.1.40.1" is network vm-net-fixed's gateway: ${refusal}`]]);
      assert.deepStrictEqual(await reasonFor("10.1.40.255"), [
        ["networks.0.ipAddress", `networks.0.ipAddress: "10.1.40.255" is the broadcast address of network vm-net-fixed's CIDR 10.1.40.0/24: ${refusal}`],
      ]);
      assert.deepStrictEqual(await reasonFor("10.1.40.50"), []);
      // What check refuses, CloudStack refuses too: the simulator answers 533.
      const checked = await fx.instance.check({}, instanceInputs("fixed", { networks: [{ network: net }] }));
      const ids = checked.inputs.networkIds as string[];
      await assert.rejects(
        fx.client.execute("deployVirtualMachine", {
          zoneid: String(checked.inputs.zoneId),
          templateid: String(checked.inputs.templateId),
          serviceofferingid: String(checked.inputs.serviceOfferingId),
          iptonetworklist: [{ networkid: ids[0], ip: "10.1.41.5" }],
        }),
        /\(533.*Unable to acquire Guest IP address for network/,
      );
    });

    it("rejects an unknown template and lists the candidates", async () => {
      const failures = await failuresOf(instanceInputs("ok", { template: "No Such Template" }));
      assert.strictEqual(failures.length, 1);
      assert.strictEqual(failures[0].property, "template");
      assert.match(failures[0].reason, /matches no template by name; candidates: .*"CentOS 5\.6 \(64-bit\) no GUI \(Simulator\)"/);
    });

    it("rejects an unknown service offering", async () => {
      const failures = await failuresOf(instanceInputs("ok", { serviceOffering: "Huge Instance" }));
      assert.deepStrictEqual(failures.map((f) => f.property), ["serviceOffering"]);
      assert.match(failures[0].reason, /candidates: .*"Small Instance"/);
    });

    it("rejects rules across fields: account without domain, a network listed twice, mixed security groups", async () => {
      const failures = await failuresOf(
        instanceInputs("ok", {
          account: "admin",
          networks: [{ network: "n1" }, { network: "N1" }],
          securityGroups: ["default", "6f1c2f7e-1111-4222-8333-944455556666"],
        }),
      );
      assert.deepStrictEqual(failures.map((f) => f.property).sort(), ["account", "networks.1.network", "securityGroups"]);
    });

    it("rejects a network that does not exist when creating, before any deploy", async () => {
      const checked = await fx.instance.check({}, instanceInputs("ok", { networks: [{ network: "no-such-network" }] }));
      await assert.rejects(fx.instance.create(checked.inputs), /networks\.0\.network: "no-such-network" matches no network by name/);
      assert.ok(!(await allInstances(fx.client)).some((v) => v.name === "ok"));
    });
  });
});
