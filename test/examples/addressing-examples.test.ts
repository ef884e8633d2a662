// The addressing examples run end to end through the engine stand-in against the simulator:
// up, a second preview with no changes, destroy, and afterwards the simulator holds none of
// their instances, public IPs, ranges or networks.
import * as assert from "assert";
import { startSimulator, RunningSimulator } from "../../simulator";
import { startedForSuite } from "../support/fixture-hooks";
import { runEndToEnd } from "../support/example-stack";
import { adminList, listAllNetworks } from "../support/simulator-lists";

const all = { listall: "true" };

function inSubnet(ip: unknown, prefix: string): boolean {
  return typeof ip === "string" && ip.startsWith(prefix);
}

describe("addressing examples through the engine stand-in", function () {
  this.timeout(300000);
  let sim: RunningSimulator;
  startedForSuite(() => startSimulator({ jobMs: 20 }), (started) => (sim = started));

  it("static-nat-web: up, a second preview with no changes, destroy, nothing left", async () => {
    await runEndToEnd("static-nat-web", sim, {
      afterUp: async (up) => {
        for (const kind of ["Network", "Instance", "PublicIpAddress", "StaticNat"]) {
          assert.match(up.plan, new RegExp(`\\+ cloudstack:${kind} \\S+ create`));
        }
        assert.strictEqual(up.outputs.publicIpIsSourceNat, false, "the instance implemented the network first");
        assert.strictEqual(up.outputs.natInstance, up.outputs.instanceId);
        const [ip] = await adminList(sim, "listPublicIpAddresses", "publicipaddress", { listall: "true", ipaddress: String(up.outputs.publicIpAddress) });
        assert.strictEqual(ip.isstaticnat, true);
        assert.strictEqual(ip.virtualmachineid, up.outputs.instanceId);
        assert.strictEqual(ip.vmipaddress, up.outputs.privateIp);
      },
      nothingLeft: async (up) => {
        assert.deepStrictEqual((await adminList(sim, "listVirtualMachines", "virtualmachine", all)).filter((v) => v.name === "web-1"), []);
        const [after] = await adminList(sim, "listPublicIpAddresses", "publicipaddress", { listall: "true", ipaddress: String(up.outputs.publicIpAddress), allocatedonly: "false" });
        assert.ok(!after || after.state === "Free", "the public IP is released");
        assert.deepStrictEqual((await listAllNetworks(sim)).filter((n) => n.name === "web-nat" && n.state !== "Destroy"), []);
      },
    });
  });

  it("shared-network-two-ranges: instances fill the first range, then the second; preview, destroy, nothing left", async () => {
    await runEndToEnd("shared-network-two-ranges", sim, {
      afterUp: async (up) => {
        const ips = up.outputs.instanceIps as string[];
        assert.strictEqual(ips.length, 4);
        assert.ok(ips.every((ip) => inSubnet(ip, "10.30.0.") || inSubnet(ip, "10.30.1.")), ips.join(", "));
        assert.ok(ips.some((ip) => inSubnet(ip, "10.30.0.")), "the first range is used");
        assert.ok(ips.some((ip) => inSubnet(ip, "10.30.1.")), "the second range takes over once the first is full");
        assert.strictEqual(up.outputs.secondRangeCidr, "10.30.1.0/24");
        // The program's lookups ran in its own process, with the stack config's credentials.
        assert.strictEqual(up.outputs.zoneId, sim.model.state.zones.find((z) => z.name === "Sandbox-simulator")!.uuid);
      },
      nothingLeft: async (up) => {
        const vms = (await adminList(sim, "listVirtualMachines", "virtualmachine", all)).filter((v) => String(v.name).startsWith("app-"));
        assert.deepStrictEqual(vms, []);
        const ranges = (await adminList(sim, "listVlanIpRanges", "vlaniprange")).filter((r) => r.id === up.outputs.secondRangeId);
        assert.deepStrictEqual(ranges, []);
        assert.deepStrictEqual((await listAllNetworks(sim)).filter((n) => n.name === "shared-two-ranges" && n.state !== "Destroy"), []);
      },
    });
  });
});
