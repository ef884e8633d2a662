// Instance security groups against the simulator: on the shared network of the SG-enabled
// advanced zone, by name or id; a change replaces a running instance and is applied in place to
// a stopped one, as updateVirtualMachine allows.
import * as assert from "assert";
import { startedForEachTest } from "../support/fixture-hooks";
import { SMALL, TEMPLATE } from "../support/instance-fixture";
import { ZONE } from "../support/network-fixture";
import {
  Applied,
  checkFailures,
  createFrom,
  makeGroup,
  NO_CHANGE,
  plan,
  Props,
  SecurityGroupFixture,
  SG_NETWORK,
  SG_ZONE,
  startSecurityGroupFixture,
  updateTo,
} from "../support/security-group-fixture";

describe("Instance security groups against the simulator", function () {
  let fx: SecurityGroupFixture;
  let web: Applied;
  const provider = () => fx.admin.provider("Instance");
  const inSgZone = (extra: Props = {}): Props => ({ name: "app-1", zone: SG_ZONE, serviceOffering: SMALL, template: TEMPLATE, networks: [{ network: SG_NETWORK }], ...extra });
  const groupsOf = async (id: string) =>
    ((await fx.admin.client.list<Record<string, unknown>>("listVirtualMachines", { id }))[0].securitygroup as Array<Record<string, unknown>>).map((g) => g.name);

  startedForEachTest(startSecurityGroupFixture, async (started) => {
    fx = started;
    web = await makeGroup(fx.admin, "web");
    await makeGroup(fx.admin, "db");
  });

  it("joins named groups on the shared network of the SG-enabled advanced zone, and the default group without any", async () => {
    const vm = await createFrom(provider(), inSgZone({ securityGroups: ["web", "db"] }));
    assert.deepStrictEqual(await groupsOf(vm.id), ["web", "db"]);
    assert.deepStrictEqual((await plan(provider(), vm, inSgZone({ securityGroups: ["db", "web"] }))).diff, NO_CHANGE, "the order does not matter");
    const plain = await createFrom(provider(), inSgZone({ name: "app-2" }));
    assert.deepStrictEqual(await groupsOf(plain.id), ["default"]);
    assert.deepStrictEqual((await plan(provider(), plain, inSgZone({ name: "app-2" }))).diff, NO_CHANGE);
    const byId = await createFrom(provider(), inSgZone({ name: "app-3", securityGroups: [web.id] }));
    assert.deepStrictEqual(await groupsOf(byId.id), ["web"]);
    assert.deepStrictEqual((await plan(provider(), byId, inSgZone({ name: "app-3", securityGroups: [web.id] }))).diff, NO_CHANGE);
  });

  it("replaces a running instance whose groups change, and changes a stopped one's in place", async () => {
    const vm = await createFrom(provider(), inSgZone({ securityGroups: ["web"] }));
    const running = await plan(provider(), vm, inSgZone({ securityGroups: ["db"] }));
    assert.deepStrictEqual([running.diff.replaces, running.diff.deleteBeforeReplace], [["securityGroups"], true]);

    // Stopped out of band (the simulator has no stop command): the refresh sees it.
    fx.sim.model.state.vms.find((v) => v.uuid === vm.id)!.state = "Stopped";
    const refreshed = await provider().read(vm.id, vm.outs);
    assert.strictEqual(refreshed.props.state, "Stopped");
    const stopped = { id: vm.id, outs: refreshed.props };
    const updated = await updateTo(provider(), stopped, inSgZone({ securityGroups: ["db", "web"] }));
    assert.strictEqual(updated.id, vm.id);
    assert.deepStrictEqual(await groupsOf(vm.id), ["db", "web"]);
    assert.deepStrictEqual((await plan(provider(), updated, inSgZone({ securityGroups: ["db", "web"] }))).diff, NO_CHANGE);
  });

  it("sees groups changed out of band on refresh", async () => {
    const vm = await createFrom(provider(), inSgZone({ securityGroups: ["web"] }));
    const record = fx.sim.model.state.vms.find((v) => v.uuid === vm.id)!;
    record.securityGroupUuids = [fx.sim.model.state.securityGroups.find((g) => g.name === "db")!.uuid];
    const read = await provider().read(vm.id, vm.outs);
    assert.deepStrictEqual(read.inputs?.securityGroups, ["db"]);
  });

  it("names at check groups that do not exist and networks without the SecurityGroup service", async () => {
    const network = await createFrom(fx.admin.provider("Network"), {
      name: "plain",
      zone: ZONE,
      networkOffering: "DefaultIsolatedNetworkOfferingWithSourceNatService",
      cidr: "10.1.70.0/24",
    });
    const plain = await checkFailures(fx.sim, provider(), { name: "app-9", zone: ZONE, serviceOffering: SMALL, template: TEMPLATE, networks: [{ network: network.id }], securityGroups: ["web"] });
    assert.deepStrictEqual(plain.map((f) => f.property), ["securityGroups"]);
    assert.match(plain[0].reason, /needs a network with the SecurityGroup service/);
    const unknown = await checkFailures(fx.sim, provider(), inSgZone({ securityGroups: ["web", "nope"] }));
    assert.deepStrictEqual(unknown.map((f) => f.property), ["securityGroups"]);
    assert.match(unknown[0].reason, /names no security group "nope" in the instance owner's account \(it has .*"web"/);
    assert.deepStrictEqual(await checkFailures(fx.sim, provider(), inSgZone({ securityGroups: ["web", "db"] })), []);
    assert.deepStrictEqual(await checkFailures(fx.sim, provider(), { zone: "Sandbox-basic", serviceOffering: SMALL, template: TEMPLATE, securityGroups: ["web"] }), []);
  });
});
