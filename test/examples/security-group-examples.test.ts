// The security-groups example runs end to end through the engine stand-in against the
// simulator: up, a second preview with no changes, destroy, and afterwards the simulator holds
// none of its groups, rules or instances.
import * as assert from "assert";
import { startSimulator, RunningSimulator } from "../../simulator";
import { startedForSuite } from "../support/fixture-hooks";
import { runEndToEnd } from "../support/example-stack";
import { adminList } from "../support/simulator-lists";

const all = { listall: "true" };

describe("security group examples through the engine stand-in", function () {
  this.timeout(300000);
  let sim: RunningSimulator;
  startedForSuite(() => startSimulator({ jobMs: 20 }), (started) => (sim = started));

  const groups = () => adminList(sim, "listSecurityGroups", "securitygroup", all);

  it("security-groups: up, a second preview with no changes, destroy, nothing left", async () => {
    await runEndToEnd("security-groups", sim, {
      afterUp: async (up) => {
        for (const kind of ["SecurityGroup", "SecurityGroupRule", "SecurityGroupRuleset", "Instance"]) {
          assert.match(up.plan, new RegExp(`\\+ cloudstack:${kind} \\S+ create`));
        }
        const web = (await groups()).find((g) => g.id === up.outputs.webGroupId);
        const rules = (web?.ingressrule as Array<Record<string, unknown>>).map((r) => [r.protocol, r.startport ?? r.icmptype, r.cidr ?? r.securitygroupname]);
        assert.deepStrictEqual(rules.sort(), [
          ["icmp", 8, "10.0.0.0/8"],
          ["tcp", 22, "bastion"],
          ["tcp", 443, "0.0.0.0/0"],
          ["tcp", 443, "::/0"],
          ["tcp", 80, "0.0.0.0/0"],
          ["tcp", 80, "::/0"],
        ].sort());
        assert.strictEqual(Object.keys(up.outputs.webRuleIds as object).length, 6);
        assert.strictEqual((up.outputs.adminSshRuleIds as string[]).length, 1);
        const [vm] = await adminList(sim, "listVirtualMachines", "virtualmachine", { ...all, id: String(up.outputs.webInstanceId) });
        assert.deepStrictEqual((vm.securitygroup as Array<Record<string, unknown>>).map((g) => g.name), ["web"]);
      },
      nothingLeft: async (up) => {
        const left = (await groups()).filter((g) => g.id === up.outputs.webGroupId || g.id === up.outputs.bastionGroupId);
        assert.deepStrictEqual(left, []);
        assert.deepStrictEqual((await adminList(sim, "listVirtualMachines", "virtualmachine", all)).filter((v) => ["web-1", "bastion-1"].includes(String(v.name))), []);
      },
    });
  });
});
