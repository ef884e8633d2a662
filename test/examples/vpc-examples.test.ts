// The VPC example runs end to end through the engine stand-in against the simulator: up, a
// second preview with no changes, destroy, and afterwards the simulator holds nothing of it.
import * as assert from "assert";
import { startSimulator, RunningSimulator } from "../../simulator";
import { startedForSuite } from "../support/fixture-hooks";
import { runEndToEnd } from "../support/example-stack";
import { adminList, listAllNetworks } from "../support/simulator-lists";

const all = { listall: "true" };

describe("VPC example through the engine stand-in", function () {
  this.timeout(300000);
  let sim: RunningSimulator;
  startedForSuite(() => startSimulator({ jobMs: 10 }), (started) => (sim = started));

  it("three-tier-vpc: up, a second preview with no changes, destroy, nothing left", async () => {
    await runEndToEnd("three-tier-vpc", sim, {
      afterUp: async (up) => {
        for (const kind of ["Vpc", "NetworkAclList", "NetworkAclRuleset", "Network", "Instance", "PublicIpAddress", "LoadBalancerRule", "PrivateGateway", "StaticRoute"]) {
          assert.match(up.plan, new RegExp(`\\+ cloudstack:${kind} \\S+ create`));
        }
        const vpcId = String(up.outputs.vpcId);
        const tiers = (await listAllNetworks(sim)).filter((n) => n.vpcid === vpcId);
        assert.deepStrictEqual(tiers.map((t) => t.name).sort(), ["three-tier-app", "three-tier-db", "three-tier-web"]);
        for (const tier of tiers) assert.strictEqual(tier.aclname, `${String(tier.name).replace("three-tier-", "")}-acl`);
        const [route] = await adminList(sim, "listStaticRoutes", "staticroute", all);
        assert.deepStrictEqual([route.cidr, route.vpcgatewayid], ["192.168.100.0/24", up.outputs.privateGatewayId]);
        const [gateway] = await adminList(sim, "listPrivateGateways", "privategateway", all);
        assert.deepStrictEqual([gateway.aclname, gateway.sourcenatsupported], ["gateway-acl", true]);
        const [lb] = await adminList(sim, "listLoadBalancerRules", "loadbalancerrule", all);
        assert.strictEqual(lb.networkid, (up.outputs.tierIds as Record<string, string>).web);
      },
      nothingLeft: async (up) => {
        const vpcId = String(up.outputs.vpcId);
        assert.deepStrictEqual((await adminList(sim, "listVPCs", "vpc", all)).filter((v) => v.id === vpcId), []);
        assert.deepStrictEqual((await listAllNetworks(sim)).filter((n) => n.vpcid === vpcId && n.state !== "Destroy"), []);
        assert.deepStrictEqual((await adminList(sim, "listNetworkACLLists", "networkacllist", all)).filter((l) => l.vpcid !== undefined), []);
        assert.deepStrictEqual(await adminList(sim, "listPrivateGateways", "privategateway", all), []);
        assert.deepStrictEqual(await adminList(sim, "listStaticRoutes", "staticroute", all), []);
        assert.deepStrictEqual(await adminList(sim, "listLoadBalancerRules", "loadbalancerrule", all), []);
        assert.deepStrictEqual(await adminList(sim, "listPublicIpAddresses", "publicipaddress", { listall: "true", vpcid: vpcId }), []);
        assert.deepStrictEqual((await adminList(sim, "listVirtualMachines", "virtualmachine", all)).filter((v) => v.name === "three-tier-web-1"), []);
      },
    });
  });
});
