// The VPC issue's limits, as a user meets them: a fourth tier refused with CloudStack's reason,
// and a tier CIDR outside the VPC's CIDR refused before any change, at preview, once the VPC
// exists.
import * as assert from "assert";
import type { LocalStack } from "../../engine-standin";
import { startedForSuite } from "../support/fixture-hooks";
import { commandsSince, RecordingSimulator, startRecordingSimulator } from "../support/recording-simulator";
import { assertOk, configure, errorText } from "./scenario-stack";
import { assertVpcGone, vpcScenario } from "./vpc-stack";

/** The stack's resources and their outputs, in a stable order (a run may record them in another). */
function resourcesOf(stack: LocalStack): string {
  const resources = stack.state().resources.map((r) => JSON.stringify([r.urn, r.id ?? null, r.outputs]));
  return JSON.stringify(resources.sort());
}

describe("VPC scenario: tier limit and tier CIDRs", function () {
  this.timeout(300000);
  let rec: RecordingSimulator;
  startedForSuite(startRecordingSimulator, (started) => (rec = started));

  it("refuses a fourth tier with CloudStack's reason, and a stray tier CIDR at preview with nothing changed", async () => {
    const { sim, jobs } = rec;
    const { stack, cleanup } = vpcScenario("limits", sim);
    try {
      const up = assertOk(await stack.up());
      const vpcId = String(up.outputs.vpcId);

      // A tier outside 10.40.0.0/16: check reads the VPC, so the preview already fails.
      configure(stack, { strayCidr: "10.41.1.0/24" });
      const before = JSON.stringify(sim.model.snapshot());
      const stateBefore = resourcesOf(stack);
      const preview = await stack.preview();
      assert.strictEqual(preview.ok, false);
      assert.match(errorText(preview), /cidr: "10\.41\.1\.0\/24" puts the tier's subnet 10\.41\.1\.0\/24 outside VPC limits's CIDR 10\.40\.0\.0\/16/);
      const mark = jobs.length;
      const refusedUp = await stack.up();
      assert.strictEqual(refusedUp.ok, false);
      assert.deepStrictEqual(commandsSince(jobs, mark), [], "no job started");
      assert.strictEqual(JSON.stringify(sim.model.snapshot()), before, "CloudStack is unchanged");
      assert.ok(resourcesOf(stack) === stateBefore, "the stack holds the same resources with the same outputs");

      // A fourth tier inside the CIDR: CloudStack's own limit refuses it.
      configure(stack, { strayCidr: "10.40.4.0/24" });
      const fourth = await stack.up();
      assert.strictEqual(fourth.ok, false);
      assert.match(errorText(fourth), /Number of networks per VPC cannot surpass \[3\]\./);

      stack.setConfig(`${stack.project}:strayCidr`, "");
      assertOk(await stack.up());
      assert.strictEqual((await stack.preview()).changed, false);
      assertOk(await stack.destroy());
      await assertVpcGone(sim, vpcId);
    } finally {
      cleanup();
    }
  });
});
