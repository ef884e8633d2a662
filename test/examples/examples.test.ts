// Each example runs end to end through the engine stand-in against the simulator: up, a second
// preview with no changes, destroy, and afterwards the simulator holds none of its resources.
import * as assert from "assert";
import { startSimulator, RunningSimulator } from "../../simulator";
import { startedForSuite } from "../support/fixture-hooks";
import { runEndToEnd } from "../support/example-stack";
import { listAllNetworks } from "../support/simulator-lists";

interface ExampleCase {
  example: string;
  networkName: string;
  expectedType: string;
  outputs: string[];
}

const cases: ExampleCase[] = [
  {
    example: "isolated-web-network",
    networkName: "web-tier",
    expectedType: "Isolated",
    outputs: ["networkId", "networkState", "networkType", "cidr", "gateway", "zoneId"],
  },
  {
    example: "shared-network",
    networkName: "shared-services",
    expectedType: "Shared",
    outputs: ["networkId", "networkState", "networkType", "vlan", "cidr"],
  },
];

describe("examples through the engine stand-in", function () {
  this.timeout(180000);
  let sim: RunningSimulator;
  startedForSuite(() => startSimulator({ jobMs: 20 }), (started) => (sim = started));

  for (const c of cases) {
    it(`${c.example}: up, a second preview with no changes, destroy, nothing left`, async () => {
      await runEndToEnd(c.example, sim, {
        afterUp: async (up) => {
          assert.match(up.plan, /\+ cloudstack:Network \S+ create/);
          for (const k of c.outputs) assert.ok(k in up.outputs, `output ${k} missing:\n${up.plan}`);
          assert.strictEqual(up.outputs.networkType, c.expectedType);
          const networks = await listAllNetworks(sim);
          const created = networks.filter((n) => n.name === c.networkName);
          assert.strictEqual(created.length, 1, `one ${c.networkName} network in the simulator`);
          assert.strictEqual(created[0].id, up.outputs.networkId);
        },
        afterPreview: (preview, up, stack) => {
          assert.match(preview.plan, /no changes/);

          const state = stack.state();
          const network = state.resources.find((r) => r.type === "pulumi-nodejs:dynamic/cloudstack:Network");
          assert.ok(network, "the network is in the state");
          const text = JSON.stringify(state);
          assert.ok(!text.includes(sim.admin.secretKey), "the API secret key is not in the state");
          for (const printed of [up.plan, preview.plan, ...up.logs.map((l) => l.message)]) {
            assert.ok(!printed.includes(sim.admin.secretKey), "the API secret key is not printed");
          }
        },
        nothingLeft: async () => {
          const left = (await listAllNetworks(sim)).filter((n) => n.name === c.networkName && n.state !== "Destroy");
          assert.deepStrictEqual(left, [], `no ${c.networkName} network left in the simulator`);
        },
      });
    });
  }
});
