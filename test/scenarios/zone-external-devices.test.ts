// The external devices scenario, run as a user would through the engine stand-in against the
// simulator: a NetScaler (the GSLB provider) and a Palo Alto firewall added to a physical
// network, their passwords from secret config kept secret in the state; the NetScaler's capacity
// changed in place; the PaloAlto provider enabled once its firewall exists; destroy leaves nothing.
import * as assert from "assert";
import * as fs from "fs";
import { isSecret } from "../../engine-standin";
import { startSimulator, RunningSimulator } from "../../simulator";
import { startedForSuite } from "../support/fixture-hooks";
import { typeOf } from "../support/serialized-shims";
import { assertOk, configure, fixtureStack } from "./scenario-stack";

describe("zone administration scenarios: external devices", function () {
  this.timeout(300000);
  let sim: RunningSimulator;
  startedForSuite(() => startSimulator({ jobMs: 10 }), (started) => (sim = started));

  it("adds a NetScaler and a Palo Alto firewall with secret credentials, changes capacity in place, enables the PaloAlto provider after its device", async () => {
    const { stack, cleanup } = fixtureStack("zone-external-devices", sim);
    try {
      stack.setConfig("zone-external-devices:nsPassword", "ns-very-secret", { secret: true });
      stack.setConfig("zone-external-devices:paPassword", "pa-very-secret", { secret: true });
      const up = assertOk(await stack.up());
      const devices = () => sim.model.state.externalDevices;
      const netscaler = devices().find((d) => d.uuid === up.outputs.netscalerId);
      assert.deepStrictEqual([netscaler?.deviceName, netscaler?.capacity, netscaler?.gslbProvider], ["NetscalerMPXLoadBalancer", 20, true]);
      assert.ok(devices().some((d) => d.uuid === up.outputs.paloAltoId && d.provider === "PaloAlto"));
      assert.deepStrictEqual([up.outputs.netscalerState, up.outputs.paloAltoProviderState], ["Enabled", "Disabled"]);

      for (const kind of ["NetscalerLoadBalancer", "PaloAltoFirewall"]) {
        const device = stack.state().resources.find((r) => r.type === typeOf(kind));
        assert.ok(device && isSecret(device.outputs.password) && isSecret(device.outputs.username), `${kind}: the credentials are secret in the state`);
      }
      const stateText = fs.readFileSync(stack.statePath, "utf8");
      assert.ok(!stateText.includes("ns-very-secret") && !stateText.includes("pa-very-secret"), "no password in clear in the state file");
      assert.ok(!up.plan.includes("ns-very-secret"), "nor in the printed plan");
      assert.strictEqual((await stack.preview()).changed, false);

      configure(stack, { nsCapacity: 40, paProviderState: "Enabled" });
      const preview = await stack.preview();
      assert.match(preview.plan, /~ cloudstack:NetscalerLoadBalancer netscaler update \[diff: ~capacity\]/);
      assert.match(preview.plan, /~ cloudstack:NetworkServiceProvider paloalto update \[diff: ~state\]/);
      const changed = assertOk(await stack.up());
      assert.deepStrictEqual([changed.outputs.netscalerId, changed.outputs.netscalerCapacity, changed.outputs.paloAltoProviderState], [up.outputs.netscalerId, 40, "Enabled"]);
      assert.strictEqual((await stack.preview()).changed, false);

      assertOk(await stack.destroy());
      assert.deepStrictEqual(stack.state().resources, []);
      assert.deepStrictEqual([devices().length, sim.model.state.networkServiceProviders.length], [0, 0]);
    } finally {
      cleanup();
    }
  });
});
