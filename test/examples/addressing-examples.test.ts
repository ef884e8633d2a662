// The addressing examples run end to end through the engine stand-in against the simulator:
// up, a second preview with no changes, destroy, and afterwards the simulator holds none of
// their instances, public IPs, ranges or networks.
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

function inSubnet(ip: unknown, prefix: string): boolean {
  return typeof ip === "string" && ip.startsWith(prefix);
}

describe("addressing examples through the engine stand-in", function () {
  this.timeout(300000);
  let sim: RunningSimulator;
  before(async () => (sim = await startSimulator({ jobMs: 20 })));
  after(async () => sim.close());

  it("static-nat-web: up, a second preview with no changes, destroy, nothing left", async () => {
    const { stack, cleanup } = exampleStack("static-nat-web", sim);
    try {
      const up = await stack.up();
      assert.ok(up.ok, `${up.plan}\n${up.errors.join("\n")}`);
      for (const kind of ["Network", "Instance", "PublicIpAddress", "StaticNat"]) {
        assert.match(up.plan, new RegExp(`\\+ cloudstack:${kind} \\S+ create`));
      }
      assert.strictEqual(up.outputs.publicIpIsSourceNat, false, "the instance implemented the network first");
      assert.strictEqual(up.outputs.natInstance, up.outputs.instanceId);
      const [ip] = await listAll(sim, "listPublicIpAddresses", "publicipaddress", { listall: "true", ipaddress: String(up.outputs.publicIpAddress) });
      assert.strictEqual(ip.isstaticnat, true);
      assert.strictEqual(ip.virtualmachineid, up.outputs.instanceId);
      assert.strictEqual(ip.vmipaddress, up.outputs.privateIp);

      const preview = await stack.preview();
      assert.ok(preview.ok, preview.plan);
      assert.strictEqual(preview.changed, false, preview.plan);

      const destroy = await stack.destroy();
      assert.ok(destroy.ok, `${destroy.plan}\n${destroy.errors.join("\n")}`);
      assert.deepStrictEqual(stack.state().resources, []);
      assert.deepStrictEqual((await listAll(sim, "listVirtualMachines", "virtualmachine")).filter((v) => v.name === "web-1"), []);
      const [after] = await listAll(sim, "listPublicIpAddresses", "publicipaddress", { listall: "true", ipaddress: String(up.outputs.publicIpAddress), allocatedonly: "false" });
      assert.ok(!after || after.state === "Free", "the public IP is released");
      assert.deepStrictEqual((await listAllNetworks(sim)).filter((n) => n.name === "web-nat" && n.state !== "Destroy"), []);
    } finally {
      cleanup();
    }
  });

  it("shared-network-two-ranges: instances fill the first range, then the second; preview, destroy, nothing left", async () => {
    const { stack, cleanup } = exampleStack("shared-network-two-ranges", sim);
    try {
      const up = await stack.up();
      assert.ok(up.ok, `${up.plan}\n${up.errors.join("\n")}`);
      const ips = up.outputs.instanceIps as string[];
      assert.strictEqual(ips.length, 4);
      assert.ok(ips.every((ip) => inSubnet(ip, "10.30.0.") || inSubnet(ip, "10.30.1.")), ips.join(", "));
      assert.ok(ips.some((ip) => inSubnet(ip, "10.30.0.")), "the first range is used");
      assert.ok(ips.some((ip) => inSubnet(ip, "10.30.1.")), "the second range takes over once the first is full");
      assert.strictEqual(up.outputs.secondRangeCidr, "10.30.1.0/24");

      const preview = await stack.preview();
      assert.ok(preview.ok, preview.plan);
      assert.strictEqual(preview.changed, false, preview.plan);

      const destroy = await stack.destroy();
      assert.ok(destroy.ok, `${destroy.plan}\n${destroy.errors.join("\n")}`);
      assert.deepStrictEqual(stack.state().resources, []);
      const vms = (await listAll(sim, "listVirtualMachines", "virtualmachine")).filter((v) => String(v.name).startsWith("app-"));
      assert.deepStrictEqual(vms, []);
      const ranges = (await listAll(sim, "listVlanIpRanges", "vlaniprange", {})).filter((r) => r.id === up.outputs.secondRangeId);
      assert.deepStrictEqual(ranges, []);
      assert.deepStrictEqual((await listAllNetworks(sim)).filter((n) => n.name === "shared-two-ranges" && n.state !== "Destroy"), []);
    } finally {
      cleanup();
    }
  });
});
