// The VPC issue's private gateway scenario, as a user runs it: a private gateway with source NAT
// and its own ACL, a static route to an on-premises CIDR through it, CloudStack refusing to
// delete the gateway while the route exists, a route change, and a destroy that leaves nothing.
import * as assert from "assert";
import { rawCall } from "../simulator/raw-client";
import { startedForSuite } from "../support/fixture-hooks";
import { RecordingSimulator, startRecordingSimulator } from "../support/recording-simulator";
import { adminList, assertOk, configure } from "./scenario-stack";
import { assertVpcGone, vpcScenario } from "./vpc-stack";

describe("VPC scenario: private gateway and static route", function () {
  this.timeout(300000);
  let rec: RecordingSimulator;
  startedForSuite(startRecordingSimulator, (started) => (rec = started));

  it("routes an on-premises CIDR through a source NAT gateway with its own ACL; the gateway cannot go before the route", async () => {
    const { sim } = rec;
    const { stack, cleanup } = vpcScenario("private-gateway", sim);
    try {
      const up = assertOk(await stack.up());
      const gatewayId = String(up.outputs.gatewayId);
      const [gateway] = await adminList(sim, "listPrivateGateways", "privategateway", { id: gatewayId, listall: "true" });
      assert.strictEqual(gateway.state, "Ready");
      assert.strictEqual(gateway.sourcenatsupported, true);
      assert.strictEqual(gateway.aclname, "gateway-acl");
      assert.strictEqual(gateway.aclid, up.outputs.gatewayAcl);
      const [route] = await adminList(sim, "listStaticRoutes", "staticroute", { id: String(up.outputs.routeId), listall: "true" });
      assert.deepStrictEqual([route.cidr, route.vpcgatewayid], ["192.168.100.0/24", gatewayId]);
      assert.strictEqual((await stack.preview()).changed, false);

      // By hand, as an operator might: CloudStack refuses while the route uses the gateway.
      const refused = await rawCall(sim.endpoint, sim.admin, "deletePrivateGateway", { id: gatewayId });
      const jobId = String((refused.body.deleteprivategatewayresponse as Record<string, unknown>).jobid);
      let result: Record<string, unknown> = {};
      for (let i = 0; i < 100; i++) {
        const polled = await rawCall(sim.endpoint, sim.admin, "queryAsyncJobResult", { jobid: jobId });
        result = polled.body.queryasyncjobresultresponse as Record<string, unknown>;
        if (result.jobstatus !== 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.strictEqual(result.jobstatus, 2);
      const error = result.jobresult as Record<string, unknown>;
      assert.strictEqual(error.errorcode, 530);
      assert.match(String(error.errortext), /^Can't delete private gateway VpcGateway\[.*\] as it has 1 static routes applied\. Remove the routes first$/);

      // Another on-premises CIDR that overlaps: the route is replaced, the old one deleted first.
      configure(stack, { onPremCidr: "192.168.0.0/16" });
      const moved = assertOk(await stack.up());
      assert.ok(moved.steps.some((s) => s.name === "on-prem" && s.deleteBeforeReplace), moved.plan);
      const routes = await adminList(sim, "listStaticRoutes", "staticroute", { listall: "true" });
      assert.deepStrictEqual(routes.map((r) => r.cidr), ["192.168.0.0/16"]);

      // destroy deletes the route before the gateway: the route's gatewayId says so.
      assertOk(await stack.destroy());
      assert.deepStrictEqual(stack.state().resources, []);
      await assertVpcGone(sim, String(up.outputs.vpcId));
    } finally {
      cleanup();
    }
  });
});
