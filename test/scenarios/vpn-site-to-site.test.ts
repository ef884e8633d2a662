// The VPN issue's site-to-site scenario, as a user runs it: a VPC connected to a customer gateway
// by a passive connection, then reset through `resetTrigger`, the customer gateway's ESP policy
// changed in place (the update carries every field), the gateway read with get(), CloudStack
// refusing to delete a gateway a connection uses, and a destroy that leaves nothing.
import * as assert from "assert";
import { isSecret } from "../../engine-standin";
import { startedForSuite } from "../support/fixture-hooks";
import { RecordingSimulator, startRecordingSimulator, commandsSince } from "../support/recording-simulator";
import { runtimeFor } from "../support/provider-fixture";
import { adminList, assertOk, configure } from "./scenario-stack";
import { assertVpcGone } from "./vpc-stack";
import { assertNoClearSecrets, vpnScenario } from "./vpn-stack";

describe("VPN scenario: a VPC connected to a customer gateway", function () {
  this.timeout(300000);
  let rec: RecordingSimulator;
  startedForSuite(startRecordingSimulator, (started) => (rec = started));

  it("connects passively, resets on a new trigger, updates the customer gateway in place, and destroys connection first", async () => {
    const { sim, jobs } = rec;
    const { stack, cleanup } = vpnScenario("site-to-site", sim);
    const psk = "head-office-pre-shared-key";
    try {
      stack.setConfig("vpn-site-to-site:ipsecPsk", psk, { secret: true });
      const up = assertOk(await stack.up());
      const [sourceNat] = await adminList(sim, "listPublicIpAddresses", "publicipaddress", { vpcid: String(up.outputs.vpcId), issourcenat: "true", listall: "true" });
      assert.strictEqual(up.outputs.gatewayIp, sourceNat.ipaddress, "the gateway is on the VPC's source NAT IP");
      assert.strictEqual(up.outputs.connectionState, "Disconnected", "a passive connection waits for the peer");
      const office = stack.state().resources.find((r) => r.name === "office");
      assert.ok(office && isSecret(office.inputs.ipsecPsk) && isSecret(office.outputs.ipsecPsk));
      const preview = await stack.preview();
      assert.strictEqual(preview.changed, false, preview.plan);

      // By hand, as an operator might: CloudStack refuses while the connection uses the gateway.
      const operator = runtimeFor(sim);
      await assert.rejects((await operator.client()).execute("deleteVpnGateway", { id: String(up.outputs.gatewayId) }), /still related VPN connections/);
      await operator.close();

      configure(stack, { resetTrigger: "after-maintenance" });
      let mark = jobs.length;
      const reset = assertOk(await stack.up());
      assert.deepStrictEqual(commandsSince(jobs, mark), ["resetVpnConnection"]);
      assert.strictEqual(reset.outputs.connectionState, "Disconnected");

      configure(stack, { espPolicy: "aes128-sha1;modp1536" });
      mark = jobs.length;
      const changed = assertOk(await stack.up());
      assert.ok(changed.steps.some((s) => s.name === "office" && s.op === "update"), changed.plan);
      assert.deepStrictEqual(commandsSince(jobs, mark), ["updateVpnCustomerGateway"]);
      const sent = jobs[mark].params;
      assert.deepStrictEqual([sent.esppolicy, sent.dpd, sent.ikeversion, sent.name], ["aes128-sha1;modp1536", "true", "ikev2", "head-office"]);

      configure(stack, { existingGatewayId: String(up.outputs.gatewayId) });
      const read = assertOk(await stack.up());
      assert.strictEqual(read.outputs.existingGatewayIp, up.outputs.gatewayIp);
      assert.ok(read.steps.some((s) => s.name === "existing" && s.op === "read"), read.plan);

      const destroy = assertOk(await stack.destroy());
      assert.deepStrictEqual(stack.state().resources, []);
      for (const [command, key] of [["listVpnConnections", "vpnconnection"], ["listVpnGateways", "vpngateway"], ["listVpnCustomerGateways", "vpncustomergateway"]]) {
        assert.deepStrictEqual(await adminList(sim, command, key, { listall: "true" }), [], `${command} is empty`);
      }
      await assertVpcGone(sim, String(up.outputs.vpcId));
      assertNoClearSecrets(stack, [up, preview, reset, changed, read, destroy], [psk]);
    } finally {
      cleanup();
    }
  });
});
