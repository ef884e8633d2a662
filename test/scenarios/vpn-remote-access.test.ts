// The VPN issue's remote-access scenario, as a user runs it: a VPN on an isolated network's
// source NAT IP with two users, a password change (that user alone is removed and added again),
// a user removed by hand and restored by the next up, and a destroy that leaves nothing; the
// passwords and the generated key stay secret throughout.
import * as assert from "assert";
import { isSecret } from "../../engine-standin";
import { startedForSuite } from "../support/fixture-hooks";
import { runtimeFor } from "../support/provider-fixture";
import { RecordingSimulator, startRecordingSimulator, commandsSince } from "../support/recording-simulator";
import { adminList, assertOk } from "./scenario-stack";
import { assertNoClearSecrets, vpnScenario } from "./vpn-stack";

describe("VPN scenario: remote-access VPN with two users", function () {
  this.timeout(300000);
  let rec: RecordingSimulator;
  startedForSuite(startRecordingSimulator, (started) => (rec = started));

  it("serves two users on the source NAT IP, replaces one user on a new password, restores a user removed by hand", async () => {
    const { sim, jobs } = rec;
    const { stack, cleanup } = vpnScenario("remote-access", sim);
    const passwords = { alice: "Alice-first-pass", bob: "Bob-first-pass", bob2: "Bob-second-pass" };
    try {
      stack.setConfig("vpn-remote-access:alicePassword", passwords.alice, { secret: true });
      stack.setConfig("vpn-remote-access:bobPassword", passwords.bob, { secret: true });
      const up = assertOk(await stack.up());
      const [vpn] = await adminList(sim, "listRemoteAccessVpns", "remoteaccessvpn", { id: String(up.outputs.vpnId), listall: "true" });
      assert.deepStrictEqual([vpn.state, vpn.iprange], ["Running", "10.1.30.2-10.1.30.20"]);
      const [ip] = await adminList(sim, "listPublicIpAddresses", "publicipaddress", { id: String(vpn.publicipid), listall: "true" });
      assert.strictEqual(ip.issourcenat, true);
      const users = await adminList(sim, "listVpnUsers", "vpnuser", { listall: "true" });
      assert.deepStrictEqual(users.map((u) => `${String(u.username)}:${String(u.state)}`).sort(), ["alice:Active", "bob:Active"]);
      assert.ok(isSecret(up.outputs.presharedKey), "the generated key is a secret stack output");
      const state = stack.state().resources;
      const bob = state.find((r) => r.name === "bob");
      assert.ok(bob && isSecret(bob.inputs.password) && isSecret(bob.outputs.password), "the password is secret in inputs and outputs");
      const vpnState = state.find((r) => r.name === "vpn");
      assert.ok(vpnState && isSecret(vpnState.outputs.presharedKey));
      const preview = await stack.preview();
      assert.strictEqual(preview.changed, false, preview.plan);

      // A new password: CloudStack cannot change one, so bob is removed first, then added again.
      stack.setConfig("vpn-remote-access:bobPassword", passwords.bob2, { secret: true });
      const mark = jobs.length;
      const changed = assertOk(await stack.up());
      const step = changed.steps.find((s) => s.name === "bob" && s.op === "replace");
      assert.ok(step && step.deleteBeforeReplace, changed.plan);
      assert.deepStrictEqual(commandsSince(jobs, mark), ["removeVpnUser", "addVpnUser"]);
      assert.strictEqual(jobs[mark + 1].params.password, passwords.bob2);

      // Removed by hand: refresh drops alice, the next up adds her again.
      const byHand = runtimeFor(sim);
      await (await byHand.client()).execute("removeVpnUser", { username: "alice" });
      await byHand.close();
      const refresh = assertOk(await stack.refresh());
      assert.ok(refresh.steps.some((s) => s.name === "alice" && s.op === "refresh" && s.gone), refresh.plan);
      const restored = assertOk(await stack.up());
      assert.ok(restored.steps.some((s) => s.name === "alice" && s.op === "create"), restored.plan);

      const destroy = assertOk(await stack.destroy());
      assert.deepStrictEqual(stack.state().resources, []);
      assert.deepStrictEqual(await adminList(sim, "listRemoteAccessVpns", "remoteaccessvpn", { listall: "true" }), []);
      assert.deepStrictEqual(await adminList(sim, "listVpnUsers", "vpnuser", { listall: "true" }), []);
      assertNoClearSecrets(stack, [up, preview, changed, refresh, restored, destroy], [passwords.alice, passwords.bob, passwords.bob2, String(vpn.presharedkey)]);
    } finally {
      cleanup();
    }
  });
});
