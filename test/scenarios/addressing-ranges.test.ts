// The guide's range scenarios, run as a user would: Pulumi programs of the sdk classes through
// the engine stand-in against the simulator. Shared-network ranges, a dedicated public range
// with use.system.public.ips, dedicated guest VLANs, and IP reservation.
import * as assert from "assert";
import { startSimulator, RunningSimulator } from "../../simulator";
import { startedForSuite } from "../support/fixture-hooks";
import { parseIpv4 } from "../../ip/ipv4";
import { adminList, assertOk, configure, errorText, rootDomainId, scenarioStack } from "./scenario-stack";

const inFirst = (ip: unknown) => typeof ip === "string" && ip.startsWith("10.40.0.");
const inSecond = (ip: unknown) => typeof ip === "string" && ip.startsWith("10.40.1.");

describe("addressing scenarios: ranges", function () {
  this.timeout(300000);
  let sim: RunningSimulator;
  startedForSuite(() => startSimulator({ jobMs: 10 }), (started) => (sim = started));

  it("a shared network with two ranges: instances fill the first, then the second; deleting a range in use fails and changes nothing", async () => {
    const { stack, cleanup } = scenarioStack("shared-ranges", sim);
    try {
      configure(stack, { instances: 2 });
      const two = assertOk(await stack.up());
      const firstIps = Object.values(two.outputs.instanceIps as Record<string, string>);
      assert.ok(firstIps.every(inFirst), `the first range serves first: ${firstIps.join(", ")}`);

      configure(stack, { instances: 5 });
      const five = assertOk(await stack.up());
      const ips = Object.values(five.outputs.instanceIps as Record<string, string>);
      assert.strictEqual(ips.length, 5);
      // The first range holds three addresses: all taken, the rest come from the second range.
      assert.deepStrictEqual(ips.filter(inFirst).sort(), ["10.40.0.10", "10.40.0.11", "10.40.0.12"]);
      assert.strictEqual(ips.filter(inSecond).length, 2, ips.join(", "));
      const rangeId = String(five.outputs.secondRangeId);

      // The program drops the second range while two instances hold its addresses.
      configure(stack, { secondRange: false });
      const refused = await stack.up();
      assert.strictEqual(refused.ok, false, refused.plan);
      assert.match(errorText(refused), /2  Ips are in use\. Cannot delete this vlan/);
      const ranges = await adminList(sim, "listVlanIpRanges", "vlaniprange", { id: rangeId });
      assert.strictEqual(ranges.length, 1, "the range is still in CloudStack");
      assert.ok(stack.state().resources.some((r) => r.name === "second" && r.id === rangeId), "and still in the state");

      configure(stack, { secondRange: true, instances: 0 });
      assertOk(await stack.up());
      assertOk(await stack.destroy());
      assert.deepStrictEqual(await adminList(sim, "listVlanIpRanges", "vlaniprange", { id: rangeId }), []);
    } finally {
      cleanup();
    }
  });

  it("a public range dedicated to an account: its IPs come from it; with use.system.public.ips false none from the system; releasing the range", async () => {
    const { stack, cleanup } = scenarioStack("dedicated-public-range", sim);
    try {
      configure(stack, { domainId: rootDomainId(sim), ips: 2 });
      const up = assertOk(await stack.up());
      const addresses = Object.values(up.outputs.addresses as Record<string, string>).sort();
      assert.deepStrictEqual(addresses, ["172.20.0.10", "172.20.0.11"], "the account's IPs come from its dedicated range");
      const [range] = await adminList(sim, "listVlanIpRanges", "vlaniprange", { id: String(up.outputs.rangeId) });
      assert.strictEqual(range.account, "user");

      configure(stack, { ips: 3 });
      const exhausted = await stack.up();
      assert.strictEqual(exhausted.ok, false, "no IP from the system pool once the dedicated range is used up");
      assert.match(errorText(exhausted), /associateIpAddress failed \(533/);
      assert.ok(!stack.state().resources.some((r) => r.name === "ip-3"));

      // Releasing the range (the account keeps the IPs it holds).
      configure(stack, { dedicated: false, ips: 2 });
      assertOk(await stack.up());
      const [released] = await adminList(sim, "listVlanIpRanges", "vlaniprange", { id: String(up.outputs.rangeId) });
      assert.notStrictEqual(released.account, "user", "the range is no longer dedicated");
      const [held] = await adminList(sim, "listPublicIpAddresses", "publicipaddress", { ipaddress: "172.20.0.10", listall: "true" });
      assert.strictEqual(held.account, "user");

      assertOk(await stack.destroy());
      assert.deepStrictEqual(await adminList(sim, "listVlanIpRanges", "vlaniprange", { id: String(up.outputs.rangeId) }), []);
      const [setting] = await adminList(sim, "listConfigurations", "configuration", { name: "use.system.public.ips" });
      assert.strictEqual(String(setting.value), "true", "the global value is untouched");
    } finally {
      cleanup();
    }
  });

  it("a guest VLAN range dedicated to an account: its new isolated networks get VLANs from it", async () => {
    const { stack, cleanup } = scenarioStack("dedicated-guest-vlans", sim);
    try {
      configure(stack, { domainId: rootDomainId(sim), networks: 2 });
      const up = assertOk(await stack.up());
      const vlans = Object.values(up.outputs.vlans as Record<string, string>).map((v) => v.replace(/^vlan:\/\//, "")).sort();
      assert.deepStrictEqual(vlans, ["180", "181"]);
      const [dedication] = await adminList(sim, "listDedicatedGuestVlanRanges", "dedicatedguestvlanrange", { id: String(up.outputs.dedicationId) });
      assert.strictEqual(dedication.account, "user");
      assert.strictEqual((await stack.preview()).changed, false);
      assertOk(await stack.destroy());
    } finally {
      cleanup();
    }
  });

  it("IP reservation: reservedIpRange reported, instances only inside, a reservation that strands a running instance refused", async () => {
    const { stack, cleanup } = scenarioStack("ip-reservation", sim);
    try {
      const up = assertOk(await stack.up());
      assert.strictEqual(up.outputs.guestVmCidr, "10.1.1.0/25");
      // CloudStack computes it from the host ranges (first to last host) of both CIDRs.
      assert.strictEqual(up.outputs.reservedIpRange, "10.1.1.127-10.1.1.254");
      const automatic = parseIpv4(String(up.outputs.automaticIp));
      const start = parseIpv4("10.1.1.0")!;
      assert.ok(automatic !== undefined && automatic > start && automatic < start + 128, `${up.outputs.automaticIp} is inside 10.1.1.0/25`);
      assert.strictEqual(up.outputs.fixedIp, "10.1.1.100");

      // 10.1.1.0/26 would leave 10.1.1.100 outside the guest VM range.
      configure(stack, { guestVmCidr: "10.1.1.0/26" });
      const refused = await stack.up();
      assert.strictEqual(refused.ok, false, refused.plan);
      assert.match(errorText(refused), /Active IPs like 10\.1\.1\.100 exist outside the Guest VM CIDR\. Cannot apply reservation/);
      const [network] = await adminList(sim, "listNetworks", "network", { id: String(up.outputs.networkId), listall: "true" });
      assert.strictEqual(network.cidr, "10.1.1.0/25", "the reservation is unchanged");
      assert.strictEqual(stack.state().resources.find((r) => r.name === "reserved")?.outputs.guestVmCidr, "10.1.1.0/25");

      configure(stack, { guestVmCidr: "10.1.1.0/25" });
      assert.strictEqual((await stack.preview()).changed, false);
      assertOk(await stack.destroy());
    } finally {
      cleanup();
    }
  });
});
