// The guide's NAT and instance scenarios, run as a user would: Pulumi programs of the sdk
// classes through the engine stand-in against the simulator. Static NAT to a secondary IP, a
// portable IP moved between networks, elastic IPs in the basic zone, static NAT refused on a
// source NAT IP, and the instance password kept secret.
import * as assert from "assert";
import * as fs from "fs";
import { startSimulator, RunningSimulator } from "../../simulator";
import { startedForSuite } from "../support/fixture-hooks";
import { isSecret } from "../../engine-standin";
import { adminList, assertOk, configure, errorText, instance, publicIp, scenarioStack } from "./scenario-stack";

describe("addressing scenarios: NAT and instances", function () {
  this.timeout(300000);
  let sim: RunningSimulator;
  startedForSuite(() => startSimulator({ jobMs: 10 }), (started) => (sim = started));

  it("a secondary IP on a NIC with static NAT on it", async () => {
    const { stack, cleanup } = scenarioStack("secondary-ip-nat", sim);
    try {
      const up = assertOk(await stack.up());
      assert.match(String(up.outputs.secondaryIp), /^10\.1\.70\.\d+$/);
      assert.notStrictEqual(up.outputs.secondaryIp, up.outputs.primaryIp);
      assert.strictEqual(up.outputs.natGuestIp, up.outputs.secondaryIp);
      const ip = await publicIp(sim, String(up.outputs.publicIpId));
      assert.strictEqual(ip.isstaticnat, true);
      assert.strictEqual(ip.virtualmachineid, up.outputs.vmId);
      assert.strictEqual(ip.vmipaddress, up.outputs.secondaryIp, "static NAT maps to the secondary IP");
      assert.strictEqual((await stack.preview()).changed, false);
      assertOk(await stack.destroy());
      assert.deepStrictEqual(stack.state().resources, []);
    } finally {
      cleanup();
    }
  });

  it("a portable IP with static NAT to an instance in one network, then moved to an instance in another", async () => {
    const { stack, cleanup } = scenarioStack("portable-ip", sim);
    try {
      const up = assertOk(await stack.up());
      assert.match(String(up.outputs.ipAddress), /^10\.60\.0\.\d+$/, "the IP comes from the region's portable pool");
      let ip = await publicIp(sim, String(up.outputs.ipId));
      assert.strictEqual(ip.isportable, true);
      assert.strictEqual(ip.associatednetworkid, up.outputs.network1);
      assert.strictEqual(ip.virtualmachineid, up.outputs.vm1);

      configure(stack, { target: 2 });
      const preview = await stack.preview();
      assert.match(preview.plan, /\+- cloudstack:StaticNat nat replace \[diff: .*~virtualMachine/);
      const moved = assertOk(await stack.up());
      const nat = moved.steps.filter((s) => s.name === "nat");
      assert.ok(nat.some((s) => s.deleteBeforeReplace), "static NAT is disabled before it is enabled again");
      assert.strictEqual(moved.outputs.natInstance, up.outputs.vm2);
      ip = await publicIp(sim, String(up.outputs.ipId));
      assert.strictEqual(ip.ipaddress, up.outputs.ipAddress, "the same address");
      assert.strictEqual(ip.associatednetworkid, up.outputs.network2, "moved to the other network");
      assert.strictEqual(ip.virtualmachineid, up.outputs.vm2);

      // A refresh sees the IP in network 2; the program's ignoreChanges on the IP's network keeps
      // that from planning a replacement of the IP.
      assertOk(await stack.refresh());
      const after = await stack.preview();
      assert.strictEqual(after.changed, false, after.plan);

      assertOk(await stack.destroy());
      assert.deepStrictEqual(await adminList(sim, "listPortableIpRanges", "portableiprange", {}), []);
    } finally {
      cleanup();
    }
  });

  it("an elastic IP in the basic zone: a public IP on deploy, static NAT to an acquired one, a fresh system IP once disabled", async () => {
    const { stack, cleanup } = scenarioStack("elastic-ip", sim);
    try {
      const up = assertOk(await stack.up());
      const onDeploy = String(up.outputs.deployPublicIp);
      assert.match(onDeploy, /^\d+\.\d+\.\d+\.\d+$/, "the instance got a public IP on deploy");
      const [system] = await adminList(sim, "listPublicIpAddresses", "publicipaddress", { ipaddress: onDeploy, listall: "true" });
      assert.strictEqual(system.issystem, true);
      assert.strictEqual(system.virtualmachineid, up.outputs.vmId);
      const again = await stack.preview();
      assert.strictEqual(again.changed, false, `an instance without networks plans no change: ${again.plan}`);

      configure(stack, { nat: true });
      assertOk(await stack.up());
      const mapped = await instance(sim, String(up.outputs.vmId));
      assert.strictEqual(mapped.publicip, up.outputs.acquiredIp, "the acquired IP now maps to the instance");
      assert.strictEqual((await publicIp(sim, String(up.outputs.acquiredIpId))).isstaticnat, true);

      configure(stack, { nat: false });
      assertOk(await stack.up());
      const after = await instance(sim, String(up.outputs.vmId));
      assert.ok(typeof after.publicip === "string" && after.publicip !== up.outputs.acquiredIp, "a public IP other than the acquired one");
      const [fresh] = await adminList(sim, "listPublicIpAddresses", "publicipaddress", { ipaddress: String(after.publicip), listall: "true" });
      assert.strictEqual(fresh.issystem, true, "a fresh system IP");
      assert.strictEqual(fresh.isstaticnat, true);

      // Refresh records the instance's new public IP.
      assertOk(await stack.refresh());
      const vm = stack.state().resources.find((r) => r.name === "vm");
      assert.strictEqual(vm?.outputs.publicIp, after.publicip);
      assertOk(await stack.destroy());
    } finally {
      cleanup();
    }
  });

  it("static NAT on a source NAT IP: refused with CloudStack's reason, nothing changed", async () => {
    const { stack, cleanup } = scenarioStack("source-nat-refused", sim);
    try {
      const up = assertOk(await stack.up());
      assert.strictEqual(up.outputs.isSourceNat, true, "the network's first IP became its source NAT IP");

      configure(stack, { nat: true });
      const refused = await stack.up();
      assert.strictEqual(refused.ok, false, refused.plan);
      assert.match(errorText(refused), new RegExp(`Can't enable static, ip address ${String(up.outputs.ipAddress).replace(/\./g, "\\.")} is a sourceNat ip address`));
      const ip = await publicIp(sim, String(up.outputs.ipId));
      assert.strictEqual(ip.isstaticnat, false);
      assert.strictEqual(ip.issourcenat, true);
      assert.ok(!stack.state().resources.some((r) => r.name === "nat"));

      configure(stack, { nat: false });
      assert.strictEqual((await stack.preview()).changed, false);
      // The source NAT IP is left to its network, which releases it.
      assertOk(await stack.destroy());
      assert.deepStrictEqual(stack.state().resources, []);
    } finally {
      cleanup();
    }
  });

  it("the instance password is a secret in state and in the stack outputs", async () => {
    const { stack, cleanup } = scenarioStack("instance-password", sim);
    try {
      const up = assertOk(await stack.up());
      assert.ok(isSecret(up.outputs.password), "the stack output is secret");
      const vm = stack.state().resources.find((r) => r.name === "vm");
      assert.ok(vm && isSecret(vm.outputs.password), "the instance's password output is secret in the state");
      const record = sim.model.state.vms.find((v) => v.uuid === up.outputs.vmId);
      const password = record?.password;
      assert.ok(typeof password === "string" && password.length >= 6, "the simulator generated a password");
      const stateText = fs.readFileSync(stack.statePath, "utf8");
      assert.ok(!stateText.includes(password), "the password is not in the state file in clear text");
      assert.ok(!up.plan.includes(password), "nor in the printed plan");

      assertOk(await stack.refresh());
      const refreshed = stack.state().resources.find((r) => r.name === "vm");
      assert.ok(refreshed && isSecret(refreshed.outputs.password), "still secret after a refresh");
      assert.ok(!fs.readFileSync(stack.statePath, "utf8").includes(password));
      assertOk(await stack.destroy());
    } finally {
      cleanup();
    }
  });
});
