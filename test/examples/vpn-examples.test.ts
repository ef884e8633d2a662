// The VPN examples run end to end through the engine stand-in against the simulator: up with
// their secret config, a second preview with no changes, destroy, and afterwards the simulator
// holds nothing of them; no secret appears in clear in the state, the plans or the logs.
import * as assert from "assert";
import { startSimulator, RunningSimulator } from "../../simulator";
import { isSecret } from "../../engine-standin";
import { startedForSuite } from "../support/fixture-hooks";
import { exampleStack, hostKeptBetweenRuns } from "../support/example-stack";
import { adminList } from "../support/simulator-lists";
import { assertNoClearSecrets } from "../scenarios/vpn-stack";
import { assertOk } from "../scenarios/scenario-stack";

const all = { listall: "true" };

describe("VPN examples through the engine stand-in", function () {
  this.timeout(300000);
  let sim: RunningSimulator;
  startedForSuite(() => startSimulator({ jobMs: 10 }), (started) => (sim = started));

  it("remote-access-vpn: up, no change after, destroy, nothing left, no secret in clear", async () => {
    const { stack, cleanup } = exampleStack("remote-access-vpn", sim, hostKeptBetweenRuns);
    try {
      stack.setConfig("remote-access-vpn:alicePassword", "Alice-example-1", { secret: true });
      stack.setConfig("remote-access-vpn:bobPassword", "Bob-example-2", { secret: true });
      const up = assertOk(await stack.up());
      assert.strictEqual(up.outputs.vpnIsOnSourceNat, true);
      assert.strictEqual(up.outputs.clientAddresses, "10.1.30.2-10.1.30.20");
      assert.ok(isSecret(up.outputs.presharedKey));
      assert.deepStrictEqual(up.outputs.vpnUsers, ["alice", "bob"]);
      const users = await adminList(sim, "listVpnUsers", "vpnuser", all);
      assert.deepStrictEqual(users.map((u) => u.state), ["Active", "Active"]);
      const preview = await stack.preview();
      assert.strictEqual(preview.changed, false, preview.plan);
      const [vpn] = await adminList(sim, "listRemoteAccessVpns", "remoteaccessvpn", all);
      const destroy = assertOk(await stack.destroy());
      assert.deepStrictEqual(stack.state().resources, []);
      assert.deepStrictEqual(await adminList(sim, "listRemoteAccessVpns", "remoteaccessvpn", all), []);
      assert.deepStrictEqual(await adminList(sim, "listVpnUsers", "vpnuser", all), []);
      assertNoClearSecrets(stack, [up, preview, destroy], ["Alice-example-1", "Bob-example-2", String(vpn.presharedkey)]);
    } finally {
      cleanup();
    }
  });

  it("site-to-site-vpn: up, no change after, destroy, nothing left, no secret in clear", async () => {
    const { stack, cleanup } = exampleStack("site-to-site-vpn", sim, hostKeptBetweenRuns);
    try {
      stack.setConfig("site-to-site-vpn:ipsecPsk", "example-office-psk", { secret: true });
      const up = assertOk(await stack.up());
      assert.strictEqual(up.outputs.connectionState, "Disconnected");
      const [gateway] = await adminList(sim, "listVpnGateways", "vpngateway", all);
      assert.deepStrictEqual([gateway.publicip, gateway.vpcid], [up.outputs.vpnGatewayIp, up.outputs.vpcId]);
      const [office] = await adminList(sim, "listVpnCustomerGateways", "vpncustomergateway", all);
      assert.deepStrictEqual([office.name, office.ikelifetime, office.esplifetime, office.dpd], ["head-office", 28800, 3600, true]);
      const preview = await stack.preview();
      assert.strictEqual(preview.changed, false, preview.plan);
      const destroy = assertOk(await stack.destroy());
      assert.deepStrictEqual(stack.state().resources, []);
      for (const [command, key] of [["listVpnConnections", "vpnconnection"], ["listVpnGateways", "vpngateway"], ["listVpnCustomerGateways", "vpncustomergateway"], ["listVPCs", "vpc"]]) {
        assert.deepStrictEqual(await adminList(sim, command, key, all), [], `${command} is empty`);
      }
      assertNoClearSecrets(stack, [up, preview, destroy], ["example-office-psk"]);
    } finally {
      cleanup();
    }
  });
});
