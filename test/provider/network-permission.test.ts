// NetworkPermission through the adapter against the simulator over real HTTP: grants made, read
// back with no diff, changed in place, drift, importId, read from the id alone, idempotent
// delete, CloudStack's refusals and bad inputs at check.
import * as assert from "assert";
import { startedForEachTest } from "../support/fixture-hooks";
import { apiRefusal } from "../support/api-refusal";
import { assertPlainJson, checkFailures, createFrom, NO_CHANGE, plan, updateTo, type Applied } from "../support/addressing-fixture";
import { ISOLATED, SHARED, ZONE } from "../support/network-fixture";
import { providersOn, type Caller, type ProviderFixture } from "../support/provider-fixture";
import { startSimulator } from "../../simulator";

describe("NetworkPermission against the simulator", function () {
  let fx: ProviderFixture;
  let user: Caller;
  let userNet: Applied;
  let adminAccountId: string;
  const grants = (networkUuid: string) =>
    fx.sim.model.state.networkPermissions.filter((p) => p.networkUuid === networkUuid).map((p) => fx.sim.model.state.accounts.find((a) => a.uuid === p.accountUuid)?.name);

  startedForEachTest(
    async () => providersOn(await startSimulator({ jobMs: 10 })),
    async (started) => {
      fx = started;
      user = await fx.user();
      userNet = await createFrom(user.provider("Network"), { name: "owned", zone: ZONE, networkOffering: ISOLATED });
      adminAccountId = String(fx.sim.model.state.accounts.find((a) => a.name === "admin")?.uuid);
    },
  );

  it("lets the owner grant by name, plans no change after, and changes grants in place", async () => {
    const provider = user.provider("NetworkPermission");
    const news = { networkId: userNet.id, accounts: ["admin"] };
    const made = await createFrom(provider, news);
    assertPlainJson(made.outs);
    assert.strictEqual(made.id, userNet.id);
    assert.deepStrictEqual(grants(userNet.id), ["admin"]);
    assert.deepStrictEqual(made.outs.permittedAccountIds, [adminAccountId]);
    assert.strictEqual(made.outs.networkName, "owned");
    assert.deepStrictEqual((await plan(provider, made, news)).diff, NO_CHANGE);
    const byId = { networkId: userNet.id, accountIds: [adminAccountId] };
    const updated = await updateTo(provider, made, byId);
    assert.deepStrictEqual(grants(userNet.id), ["admin"]);
    assert.deepStrictEqual(updated.outs.accountIds, [adminAccountId]);
    assert.deepStrictEqual((await plan(provider, updated, byId)).diff, NO_CHANGE);
    const projectId = String(fx.sim.model.state.projects[0].uuid);
    const withProject = await updateTo(provider, updated, { ...byId, projectIds: [projectId] });
    assert.strictEqual(grants(userNet.id).length, 2);
    assert.deepStrictEqual(withProject.outs.projectIds, [projectId]);
    assert.deepStrictEqual((await plan(provider, withProject, { networkId: userNet.id, accounts: ["admin"] })).diff.replaces, []);
    const other = await createFrom(user.provider("Network"), { name: "other", zone: ZONE, networkOffering: ISOLATED });
    assert.deepStrictEqual((await plan(provider, withProject, { networkId: other.id, accounts: ["admin"] })).diff.replaces, ["networkId"]);
  });

  it("sees grants changed out of band, reads from the id alone, adopts with importId, deletes twice", async () => {
    const provider = user.provider("NetworkPermission");
    const made = await createFrom(provider, { networkId: userNet.id, accounts: ["admin"] });
    await fx.admin.client.execute("removeNetworkPermissions", { networkid: userNet.id, accountids: adminAccountId });
    const drifted = await provider.read(made.id, made.outs);
    assert.deepStrictEqual(drifted.inputs?.accounts, []);
    const fromId = await provider.read(made.id, {});
    assert.deepStrictEqual([fromId.id, fromId.inputs?.networkId, fromId.inputs?.accounts], [userNet.id, userNet.id, undefined]);
    const adopted = await provider.create((await provider.check({}, { networkId: userNet.id, accounts: ["admin"], importId: userNet.id })).inputs);
    assert.strictEqual(adopted.id, userNet.id);
    assert.deepStrictEqual(grants(userNet.id), ["admin"]);
    await provider.delete(made.id, made.outs);
    assert.deepStrictEqual(grants(userNet.id), []);
    await provider.delete(made.id, made.outs);
    // The grants go with their network.
    await createFrom(provider, { networkId: userNet.id, accounts: ["admin"] });
    await user.provider("Network").delete(userNet.id, userNet.outs);
    assert.deepStrictEqual(await provider.read(userNet.id, made.outs), { id: "", props: {} });
    assert.deepStrictEqual(fx.sim.model.state.networkPermissions, []);
    await provider.delete(made.id, made.outs);
  });

  it("grants nothing for the caller's own account name, as CloudStack drops it", async () => {
    const adminNet = await createFrom(fx.admin.provider("Network"), { name: "admins", zone: ZONE, networkOffering: ISOLATED });
    const made = await createFrom(fx.admin.provider("NetworkPermission"), { networkId: adminNet.id, accounts: ["admin", "user"] });
    assert.deepStrictEqual(grants(adminNet.id), ["user"]);
    const read = await fx.admin.provider("NetworkPermission").read(made.id, made.outs);
    assert.deepStrictEqual(read.inputs?.accounts, ["user"]);
  });

  it("keeps CloudStack's refusals: domain-shared networks, others' networks, unknown accounts", async () => {
    const shared = await createFrom(fx.admin.provider("Network"), {
      name: "shared",
      zone: ZONE,
      networkOffering: SHARED,
      vlan: "330",
      cidr: "10.33.0.0/24",
      startIp: "10.33.0.10",
      endIp: "10.33.0.20",
    });
    const onShared = await checkFailures(fx.sim, fx.admin.provider("NetworkPermission"), { networkId: shared.id, accounts: ["user"] });
    assert.deepStrictEqual(onShared.map((f) => f.property), ["networkId"]);
    assert.match(onShared[0].reason, /is network shared, shared with a domain already: .*"network is already shared in domain"/);
    // CloudStack's own refusal, should the network change between check and create.
    await assert.rejects(
      fx.admin.client.execute("createNetworkPermissions", { networkid: shared.id, accounts: "user" }),
      apiRefusal(431, "network is already shared in domain"),
    );
    const project = fx.sim.model.state.projects[0];
    const projectNet = await createFrom(user.provider("Network"), { name: "project-net", zone: ZONE, networkOffering: ISOLATED, projectId: project.uuid });
    const onProject = await checkFailures(fx.sim, user.provider("NetworkPermission"), { networkId: projectNet.id, accounts: ["admin"] });
    assert.match(onProject[0]?.reason ?? "", /a project's: CloudStack shares it with the project's members only/);
    const gone = await checkFailures(fx.sim, user.provider("NetworkPermission"), { networkId: "0b8f4c3e-7d52-4a61-9c1e-5f2a3b4c5d6e", accounts: ["admin"] });
    assert.match(gone[0]?.reason ?? "", /matches no network these credentials may see/);
    const adminNet = await createFrom(fx.admin.provider("Network"), { name: "admins", zone: ZONE, networkOffering: ISOLATED });
    const notMine = (await user.provider("NetworkPermission").check({}, { networkId: adminNet.id, accounts: ["user"] })).inputs;
    await assert.rejects(user.provider("NetworkPermission").create(notMine), apiRefusal(531, `Account user does not have permission to operate with resource ${adminNet.id}`));
    const unknown = (await user.provider("NetworkPermission").check({}, { networkId: userNet.id, accounts: ["nobody"] })).inputs;
    await assert.rejects(user.provider("NetworkPermission").create(unknown), apiRefusal(431, "Unable to find account by name nobody"));
    assert.deepStrictEqual(fx.sim.model.state.networkPermissions, []);
  });

  it("catches bad inputs at check and creates nothing", async () => {
    const provider = fx.admin.provider("NetworkPermission");
    const failures = await checkFailures(fx.sim, provider, { networkId: "net-1", accounts: [""] });
    assert.deepStrictEqual(failures.map((f) => f.property), ["networkId", "accounts.0"]);
    const none = await checkFailures(fx.sim, provider, { networkId: userNet.id, accounts: [] });
    assert.deepStrictEqual(none.map((f) => [f.property, f.reason]), [["accounts", "accounts: [] grants nothing: give at least one of accounts, accountIds or projectIds"]]);
  });
});
