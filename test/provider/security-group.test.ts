// SecurityGroup through the adapter against the simulator over real HTTP: renamed in place for a
// root admin and replaced for anyone else, the default group adopted but never deleted.
import * as assert from "assert";
import { CloudStackApiError } from "../../provider/client";
import { startedForEachTest } from "../support/fixture-hooks";
import {
  assertPlainJson,
  capturingWarnings,
  checkFailures,
  createFrom,
  defaultGroupId,
  makeGroup,
  NO_CHANGE,
  plan,
  replace,
  SecurityGroupFixture,
  startSecurityGroupFixture,
  updateTo,
  BASIC_ZONE,
} from "../support/security-group-fixture";
import { SMALL, TEMPLATE } from "../support/instance-fixture";

describe("SecurityGroup against the simulator", function () {
  let fx: SecurityGroupFixture;
  startedForEachTest(startSecurityGroupFixture, (started) => (fx = started));

  const groupsNamed = async (name: string) =>
    fx.admin.client.list<Record<string, unknown>>("listSecurityGroups", { listall: true, securitygroupname: name });

  it("creates a group, reads it back with no change, and renames it in place for a root admin", async () => {
    const web = await makeGroup(fx.admin, "web", { description: "web servers" });
    assertPlainJson(web.outs);
    assert.deepStrictEqual([web.outs.renamable, web.outs.isDefault], [true, false]);
    const provider = fx.admin.provider("SecurityGroup");
    const read = await provider.read(web.id, web.outs);
    assert.deepStrictEqual(read.inputs, { name: "web", description: "web servers", account: "admin", domainId: web.outs.domainId });
    assert.deepStrictEqual((await plan(provider, web, { name: "web", description: "web servers" })).diff, NO_CHANGE);

    const renamed = await updateTo(provider, web, { name: "www", description: "web servers" });
    assert.strictEqual(renamed.id, web.id);
    assert.deepStrictEqual((await groupsNamed("www")).map((g) => g.id), [web.id]);
    assert.deepStrictEqual((await plan(provider, renamed, { name: "www", description: "web servers" })).diff, NO_CHANGE);
    const described = await plan(provider, renamed, { name: "www", description: "front end" });
    assert.deepStrictEqual(described.diff.replaces, ["description"], "no command changes a description");
  });

  it("replaces on a new name when the credentials are a normal user's (updateSecurityGroup is admin-only)", async () => {
    const user = await fx.user();
    const provider = user.provider("SecurityGroup");
    const web = await makeGroup(user, "web");
    assert.strictEqual(web.outs.renamable, false);
    const { checked, diff } = await plan(provider, web, { name: "www" });
    assert.deepStrictEqual([diff.changes, diff.replaces, diff.deleteBeforeReplace], [true, ["name"], false]);
    const replaced = await replace(provider, web, checked);
    assert.notStrictEqual(replaced.id, web.id);
    assert.deepStrictEqual((await groupsNamed("web")).length, 0);
    assert.deepStrictEqual((await groupsNamed("www")).map((g) => g.id), [replaced.id]);
  });

  it("adopts the default group with importId or get, never creates it, and leaves it on delete", async () => {
    const user = await fx.user();
    const provider = user.provider("SecurityGroup");
    const id = await defaultGroupId(user);
    const checked = await provider.check({}, { name: "default" });
    assert.deepStrictEqual(checked.failures, []);
    await assert.rejects(provider.create(checked.inputs), /every account already has its default group.*importId/);

    const adopted = await createFrom(provider, { name: "default", importId: id });
    assert.deepStrictEqual([adopted.id, adopted.outs.isDefault, adopted.outs.renamable], [id, true, false]);
    const got = await provider.read(id, {});
    assert.deepStrictEqual([got.id, got.inputs?.name, got.props.isDefault], [id, "default", true]);
    assert.deepStrictEqual((await plan(provider, adopted, { name: "other" })).diff.replaces, ["name"], "the default group cannot be renamed");

    const warned = await capturingWarnings(() => provider.delete(adopted.id, adopted.outs));
    assert.match(warned.join("\n"), /default group: CloudStack keeps it/);
    assert.deepStrictEqual((await user.client.list<Record<string, unknown>>("listSecurityGroups", { id })).map((g) => g.name), ["default"]);
  });

  it("sees a rename and a deletion made out of band; deleting twice is no error", async () => {
    const provider = fx.admin.provider("SecurityGroup");
    const web = await makeGroup(fx.admin, "web");
    await fx.admin.client.execute("updateSecurityGroup", { id: web.id, name: "renamed" });
    const drifted = await provider.read(web.id, web.outs);
    assert.strictEqual(drifted.inputs?.name, "renamed");
    const diff = await provider.diff(web.id, drifted.props, (await provider.check(drifted.props, { name: "web" })).inputs);
    assert.deepStrictEqual([diff.changes, diff.replaces], [true, []], "a root admin renames it back in place");

    await fx.admin.client.execute("deleteSecurityGroup", { id: web.id });
    assert.strictEqual((await provider.read(web.id, web.outs)).id, "");
    await provider.delete(web.id, web.outs);
    await provider.delete(web.id, web.outs);
  });

  it("keeps a group used by an instance, with CloudStack's code, command and text", async () => {
    const provider = fx.admin.provider("SecurityGroup");
    const web = await makeGroup(fx.admin, "web");
    const vm = await createFrom(fx.admin.provider("Instance"), { zone: BASIC_ZONE, serviceOffering: SMALL, template: TEMPLATE, securityGroups: [web.id] });
    const refusal = await provider.delete(web.id, web.outs).then(
      () => undefined,
      (err: unknown) => err,
    );
    assert.ok(refusal instanceof CloudStackApiError, String(refusal));
    assert.deepStrictEqual([refusal.errorcode, refusal.command, refusal.errortext], [536, "deleteSecurityGroup", "Cannot delete group when it's in use by virtual machines"]);
    await fx.admin.provider("Instance").delete(vm.id, vm.outs);
    await provider.delete(web.id, web.outs);
    assert.strictEqual((await provider.read(web.id, web.outs)).id, "");
  });

  it("creates a project's group and reads it in the project", async () => {
    const [project] = await fx.admin.client.list<Record<string, unknown>>("listProjects", { listall: true });
    const provider = fx.admin.provider("SecurityGroup");
    const group = await makeGroup(fx.admin, "project-web", { projectId: String(project.id) });
    assert.strictEqual(group.outs.project, project.name);
    assert.deepStrictEqual((await plan(provider, group, { name: "project-web", projectId: String(project.id) })).diff, NO_CHANGE);
    assert.strictEqual((await provider.read(group.id, {})).inputs?.projectId, project.id, "get() finds it without the owner");
  });

  it("names every bad input at check", async () => {
    const provider = fx.admin.provider("SecurityGroup");
    const failures = await checkFailures(fx.sim, provider, { name: "", account: "user", description: 5 });
    assert.deepStrictEqual(failures.map((f) => f.property).sort(), ["account", "description", "name"]);
    assert.match(failures.find((f) => f.property === "name")!.reason, /must not be empty/);
    assert.match(failures.find((f) => f.property === "account")!.reason, /needs domainId/);
  });
});
