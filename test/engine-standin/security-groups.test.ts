// The security group kinds through the engine stand-in and the real dynamic-provider host: a
// rename and a ruleset change applied in place (the plan says update, not replace), the default
// group adopted with importId and left in place by destroy, a rule read with get().
import * as assert from "assert";
import * as path from "path";
import { startSimulator, RunningSimulator } from "../../simulator";
import { startedForSuite } from "../support/fixture-hooks";
import { exampleStack, hostKeptBetweenRuns } from "../support/example-stack";
import { adminList } from "../support/simulator-lists";

const programDir = path.join(__dirname, "..", "..", "..", "test", "engine-standin", "fixtures", "sg-lifecycle");

describe("engine stand-in: security groups", function () {
  this.timeout(180000);
  let sim: RunningSimulator;
  startedForSuite(() => startSimulator({ jobMs: 20 }), (started) => (sim = started));

  const groups = () => adminList(sim, "listSecurityGroups", "securitygroup", { listall: "true" });

  it("renames in place, changes only the new rule, adopts and keeps the default group, reads a rule with get()", async () => {
    const { stack, cleanup } = exampleStack(programDir, sim, hostKeptBetweenRuns);
    try {
      const adminDefault = (await groups()).find((g) => g.name === "default" && g.account === "admin");
      stack.setConfig("sg-lifecycle:defaultId", String(adminDefault?.id));
      const up = await stack.up();
      assert.ok(up.ok, `${up.plan}\n${up.errors.join("\n")}`);
      assert.strictEqual(up.outputs.renamable, true, "the stand-in runs with root admin keys");
      assert.strictEqual(up.outputs.defaultId, adminDefault?.id);

      stack.setConfig("sg-lifecycle:groupName", "app-renamed");
      stack.setConfig("sg-lifecycle:ssh", "true");
      const preview = await stack.preview();
      assert.match(preview.plan, /~ cloudstack:SecurityGroup app update/);
      assert.match(preview.plan, /~ cloudstack:SecurityGroupRuleset app-rules update/);
      assert.doesNotMatch(preview.plan, /replace/);
      const changed = await stack.up();
      assert.ok(changed.ok, changed.plan);
      assert.strictEqual(changed.outputs.appId, up.outputs.appId);
      assert.strictEqual(changed.outputs.appName, "app-renamed");
      const ruleIds = changed.outputs.ruleIds as Record<string, string>;
      assert.strictEqual(ruleIds["ingress tcp 80:80 cidr 0.0.0.0/0"], (up.outputs.ruleIds as Record<string, string>)["ingress tcp 80:80 cidr 0.0.0.0/0"], "the HTTP rule is the same rule");

      stack.setConfig("sg-lifecycle:ruleId", ruleIds["ingress tcp 22:22 cidr 203.0.113.0/24"]);
      const read = await stack.up();
      assert.ok(read.ok, read.plan);
      assert.match(read.plan, /> cloudstack:SecurityGroupRule got read/);
      assert.deepStrictEqual([read.outputs.gotCidrs, read.outputs.gotGroup], [["203.0.113.0/24"], up.outputs.appId]);

      const destroy = await stack.destroy();
      assert.ok(destroy.ok, destroy.plan);
      const left = await groups();
      assert.ok(left.some((g) => g.id === adminDefault?.id), "the default group stays");
      assert.ok(!left.some((g) => g.id === up.outputs.appId), "the app group is gone");
    } finally {
      cleanup();
    }
  });
});
