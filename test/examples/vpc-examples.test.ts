// The VPC example runs end to end through the engine stand-in against the simulator: up, a
// second preview with no changes, destroy, and afterwards the simulator holds nothing of it.
import * as assert from "assert";
import { startSimulator, RunningSimulator } from "../../simulator";
import { rawCall } from "../simulator/raw-client";
import { exampleStack, listAllNetworks } from "./example-stack";

type Item = Record<string, unknown>;

async function listAll(sim: RunningSimulator, command: string, key: string, params: Record<string, string> = { listall: "true" }): Promise<Item[]> {
  const res = await rawCall(sim.endpoint, sim.admin, command, params);
  if (res.status !== 200) throw new Error(`${command}: ${JSON.stringify(res.body)}`);
  const body = res.body[`${command.toLowerCase()}response`] as Record<string, Item[] | undefined> | undefined;
  return body?.[key] ?? [];
}

describe("VPC example through the engine stand-in", function () {
  this.timeout(300000);
  let sim: RunningSimulator;
  before(async () => (sim = await startSimulator({ jobMs: 10 })));
  after(async () => sim.close());

  it("three-tier-vpc: up, a second preview with no changes, destroy, nothing left", async () => {
    const { stack, cleanup } = exampleStack("three-tier-vpc", sim);
    try {
      const up = await stack.up();
      assert.ok(up.ok, `${up.plan}\n${up.errors.join("\n")}`);
      for (const kind of ["Vpc", "NetworkAclList", "NetworkAclRuleset", "Network", "Instance", "PublicIpAddress", "LoadBalancerRule", "PrivateGateway", "StaticRoute"]) {
        assert.match(up.plan, new RegExp(`\\+ cloudstack:${kind} \\S+ create`));
      }
      const vpcId = String(up.outputs.vpcId);
      const tiers = (await listAllNetworks(sim)).filter((n) => n.vpcid === vpcId);
      assert.deepStrictEqual(tiers.map((t) => t.name).sort(), ["three-tier-app", "three-tier-db", "three-tier-web"]);
      for (const tier of tiers) assert.strictEqual(tier.aclname, `${String(tier.name).replace("three-tier-", "")}-acl`);
      const [route] = await listAll(sim, "listStaticRoutes", "staticroute");
      assert.deepStrictEqual([route.cidr, route.vpcgatewayid], ["192.168.100.0/24", up.outputs.privateGatewayId]);
      const [gateway] = await listAll(sim, "listPrivateGateways", "privategateway");
      assert.deepStrictEqual([gateway.aclname, gateway.sourcenatsupported], ["gateway-acl", true]);
      const [lb] = await listAll(sim, "listLoadBalancerRules", "loadbalancerrule");
      assert.strictEqual(lb.networkid, (up.outputs.tierIds as Record<string, string>).web);

      const preview = await stack.preview();
      assert.ok(preview.ok, preview.plan);
      assert.strictEqual(preview.changed, false, preview.plan);

      const destroy = await stack.destroy();
      assert.ok(destroy.ok, `${destroy.plan}\n${destroy.errors.join("\n")}`);
      assert.deepStrictEqual(stack.state().resources, []);
      assert.deepStrictEqual((await listAll(sim, "listVPCs", "vpc")).filter((v) => v.id === vpcId), []);
      assert.deepStrictEqual((await listAllNetworks(sim)).filter((n) => n.vpcid === vpcId && n.state !== "Destroy"), []);
      assert.deepStrictEqual((await listAll(sim, "listNetworkACLLists", "networkacllist")).filter((l) => l.vpcid !== undefined), []);
      assert.deepStrictEqual(await listAll(sim, "listPrivateGateways", "privategateway"), []);
      assert.deepStrictEqual(await listAll(sim, "listStaticRoutes", "staticroute"), []);
      assert.deepStrictEqual(await listAll(sim, "listLoadBalancerRules", "loadbalancerrule"), []);
      assert.deepStrictEqual(await listAll(sim, "listPublicIpAddresses", "publicipaddress", { listall: "true", vpcid: vpcId }), []);
      assert.deepStrictEqual((await listAll(sim, "listVirtualMachines", "virtualmachine")).filter((v) => v.name === "three-tier-web-1"), []);
    } finally {
      cleanup();
    }
  });
});
