// The security group scenario, run as a user would through the engine stand-in against the
// simulator: a basic-zone web instance in a group that opens SSH to one CIDR, HTTP and HTTPS to
// anyone, and the node exporter port to a second group's instances.
import * as assert from "assert";
import { startSimulator, RunningSimulator } from "../../simulator";
import { startedForSuite } from "../support/fixture-hooks";
import { adminList, assertOk, configure, fixtureStack, instance, type Item } from "./scenario-stack";

describe("security group scenario: a basic-zone web instance", function () {
  this.timeout(300000);
  let sim: RunningSimulator;
  startedForSuite(() => startSimulator({ jobMs: 10 }), (started) => (sim = started));

  const group = async (id: unknown): Promise<Item | undefined> =>
    (await adminList(sim, "listSecurityGroups", "securitygroup", { listall: "true" })).find((g) => g.id === id);
  const ingress = async (id: unknown): Promise<Item[]> => ((await group(id))?.ingressrule as Item[] | undefined) ?? [];

  it("opens 22 to one CIDR, 80 and 443 to anyone and 9100 to a group; a new SSH CIDR replaces that rule only", async () => {
    const { stack, cleanup } = fixtureStack("sg-basic-web", sim);
    try {
      const up = assertOk(await stack.up());
      const rules = await ingress(up.outputs.webId);
      assert.deepStrictEqual(
        rules.map((r) => [r.startport, r.endport, r.cidr ?? `${String(r.account)}/${String(r.securitygroupname)}`]).sort(),
        [
          [22, 22, "203.0.113.0/24"],
          [443, 443, "0.0.0.0/0"],
          [80, 80, "0.0.0.0/0"],
          [9100, 9100, "admin/monitoring"],
        ].sort(),
      );
      const vm = await instance(sim, String(up.outputs.vmId));
      assert.deepStrictEqual((vm.securitygroup as Item[]).map((g) => g.name), ["web"]);
      assert.match(String(up.outputs.vmPublicIp), /^192\.168\.3\./, "the basic zone gave the instance an elastic IP");
      assert.deepStrictEqual((await group(up.outputs.webId))?.virtualmachineids, [up.outputs.vmId]);

      assert.strictEqual((await stack.preview()).changed, false, "a second preview after apply is empty");
      const refreshed = assertOk(await stack.refresh());
      const sgSteps = refreshed.steps.filter((s) => /SecurityGroup(Rule)?$/.test(s.type));
      assert.strictEqual(sgSteps.length, 6, refreshed.plan);
      assert.deepStrictEqual(sgSteps.filter((s) => s.gone || s.diffKeys.length > 0), [], refreshed.plan);

      configure(stack, { sshCidr: "198.51.100.0/24" });
      const preview = await stack.preview();
      assert.match(preview.plan, /cloudstack:SecurityGroupRule ssh replace.*cidrList/);
      const changed = assertOk(await stack.up());
      assert.notStrictEqual(changed.outputs.sshId, up.outputs.sshId);
      assert.strictEqual(changed.outputs.httpId, up.outputs.httpId, "the other rules are untouched");
      const cidrs = (await ingress(up.outputs.webId)).filter((r) => r.startport === 22).map((r) => r.cidr);
      assert.deepStrictEqual(cidrs, ["198.51.100.0/24"]);

      assertOk(await stack.destroy());
      assert.deepStrictEqual(stack.state().resources, []);
      assert.strictEqual(await group(up.outputs.webId), undefined);
      assert.strictEqual(await group(up.outputs.monitoringId), undefined);
    } finally {
      cleanup();
    }
  });
});
