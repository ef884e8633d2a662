// A state file written before newer state arrays existed still loads: each missing array starts
// empty, and the simulator works on it. JSON that is no simulator state is still refused.
import * as assert from "assert";
import { mkdtempSync, rmSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { ClientRuntime } from "../../../provider";
import { startSimulator } from "../../../simulator";
import { SimulatorModel } from "../../../simulator/model";

/** A fresh snapshot without the given top-level keys, as an older version would have written it. */
function snapshotWithout(...keys: string[]): Record<string, unknown> {
  const snapshot = new SimulatorModel().snapshot() as Record<string, unknown>;
  for (const key of keys) delete snapshot[key];
  return snapshot;
}

describe("simulator model: loading an older state snapshot", () => {
  it("loads a snapshot without the traffic-rule and VPC arrays, each starting empty", () => {
    const later = ["firewallRules", "portForwardingRules", "loadBalancerRules", "lbStickinessPolicies", "lbHealthCheckPolicies", "gslbRules", "vpcs", "privateGateways", "staticRoutes"];
    const older = snapshotWithout(...later);
    const model = new SimulatorModel(JSON.parse(JSON.stringify(older)));
    for (const key of later) assert.deepStrictEqual((model.state as unknown as Record<string, unknown>)[key], [], key);
    assert.strictEqual(model.state.zones[0].name, "Sandbox-simulator", "the rest is as it was");
    assert.deepStrictEqual(Object.keys(model.snapshot() as object).sort(), Object.keys(new SimulatorModel().snapshot() as object).sort());
  });

  it("serves the API from such a state file: a network, a public IP and a firewall rule on it", async () => {
    const dir = mkdtempSync(join(tmpdir(), "older-state-"));
    const path = join(dir, "state.json");
    writeFileSync(path, JSON.stringify({ format: "cloudstack-sim-state", model: snapshotWithout("firewallRules", "portForwardingRules", "loadBalancerRules"), jobs: [] }));
    const sim = await startSimulator({ statePath: path, jobMs: 5 });
    const runtime = new ClientRuntime();
    try {
      runtime.configure({ apiUrl: sim.endpoint, apiKey: sim.admin.apiKey, secretKey: sim.admin.secretKey });
      const client = await runtime.client();
      const [zone] = await client.list<Record<string, unknown>>("listZones", { name: "Sandbox-simulator" });
      const [offering] = await client.list<Record<string, unknown>>("listNetworkOfferings", { name: "DefaultIsolatedNetworkOfferingWithSourceNatServicePersistent" });
      const network = (await client.execute("createNetwork", { name: "after-upgrade", displaytext: "after-upgrade", zoneid: String(zone.id), networkofferingid: String(offering.id) })).network as Record<string, unknown>;
      const ip = (await client.execute("associateIpAddress", { networkid: String(network.id) })).ipaddress as Record<string, unknown>;
      await client.execute("createFirewallRule", { ipaddressid: String(ip.id), protocol: "tcp", startport: 22, endport: 22 });
      const rules = await client.list<Record<string, unknown>>("listFirewallRules", { ipaddressid: String(ip.id) });
      assert.deepStrictEqual(rules.map((r) => [r.protocol, r.startport, r.endport]), [["tcp", 22, 22]]);
      assert.strictEqual(sim.model.state.firewallRules.length, 1);
    } finally {
      await runtime.close();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("still refuses JSON that is no simulator state", () => {
    const refused = /not a simulator state snapshot/;
    assert.throws(() => new SimulatorModel({ version: 99 }), refused);
    assert.throws(() => new SimulatorModel([]), refused);
    assert.throws(() => new SimulatorModel("state"), refused);
    assert.throws(() => new SimulatorModel({ name: "my-stack", resources: [] }), refused);
    assert.throws(() => new SimulatorModel({ ...snapshotWithout(), version: 2 }), refused, "another version");
    assert.throws(() => new SimulatorModel(snapshotWithout("nextIds")), refused, "no id counters");
    assert.throws(() => new SimulatorModel(snapshotWithout("accounts")), refused, "an array every state has had from the start");
    assert.throws(() => new SimulatorModel({ ...snapshotWithout(), firewallRules: {} }), refused, "an array key that holds no array");
  });
});
