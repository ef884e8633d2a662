// Port forwarding and static NAT on a VPC's public IPs through the providers, against the
// simulator over real HTTP: the rule names the tier (`network`), the IP joins that tier, and
// openFirewall is refused there with CloudStack's text (ACLs filter VPC traffic, not firewall rules).
import * as assert from "assert";
import { apiRefusal } from "../support/api-refusal";
import { startedForSuite } from "../support/fixture-hooks";
import { SMALL, TEMPLATE } from "../support/instance-fixture";
import { adminList, Applied, assertPlainJson, createFrom, makeTier, makeVpc, NO_CHANGE, plan, startVpcFixture, VpcFixture, ZONE } from "../support/vpc-fixture";

describe("Port forwarding and static NAT in a VPC tier against the simulator", function () {
  this.timeout(60000);
  let fx: VpcFixture;
  let vpc: Applied;
  let tier: Applied;
  let vm: Applied;

  const vpcIp = () => createFrom(fx.admin.provider("PublicIpAddress"), { vpc: vpc.id });
  const ipRow = async (id: string) => (await adminList(fx, "listPublicIpAddresses", { id, listall: true }))[0];
  const forwardingRules = (ipId: string) => adminList(fx, "listPortForwardingRules", { ipaddressid: ipId, listall: true });

  startedForSuite(startVpcFixture, async (started) => {
    fx = started;
    vpc = await makeVpc(fx);
    tier = await makeTier(fx, vpc, "web", "10.0.1.0/24");
    vm = await createFrom(fx.admin.provider("Instance"), {
      name: "web-vm1",
      zone: ZONE,
      serviceOffering: SMALL,
      template: TEMPLATE,
      networks: [{ network: tier.id }],
    });
  });

  it("forwards a VPC IP's port to an instance on the tier named by network, without a firewall rule, and the IP joins the tier", async () => {
    const provider = fx.admin.provider("PortForwardingRule");
    const ip = await vpcIp();
    assert.strictEqual((await ipRow(ip.id)).associatednetworkid, undefined, "a new VPC IP is on no tier yet");

    const news = { ipAddressId: ip.id, protocol: "tcp", publicPort: 2222, privatePort: 22, virtualMachine: vm.id, network: tier.id, openFirewall: false };
    const created = await createFrom(provider, news);
    assertPlainJson(created.outs);
    assert.strictEqual(created.outs.networkId, tier.id);
    assert.strictEqual(created.outs.openFirewall, false);
    assert.strictEqual(created.outs.firewallRuleId, null);
    assert.strictEqual(created.outs.vmGuestIp, vm.outs.ipAddress);
    assert.deepStrictEqual(await adminList(fx, "listFirewallRules", { ipaddressid: ip.id, listall: true }), []);

    const [rule] = await forwardingRules(ip.id);
    assert.strictEqual(rule.id, created.id);
    assert.strictEqual(rule.networkid, tier.id);
    assert.strictEqual(rule.virtualmachineid, vm.id);
    assert.strictEqual(Number(rule.publicport), 2222);
    assert.strictEqual(Number(rule.privateport), 22);
    assert.strictEqual((await ipRow(ip.id)).associatednetworkid, tier.id, "CloudStack associates the VPC IP with the rule's tier");

    assert.deepStrictEqual((await plan(provider, created, news)).diff, NO_CHANGE);
    assert.deepStrictEqual((await plan(provider, created, { ...news, network: "web" })).diff, NO_CHANGE, "the tier by name is the same tier");

    await provider.delete(created.id, created.outs);
    assert.deepStrictEqual(await forwardingRules(ip.id), []);
  });

  it("refuses openFirewall=true on a VPC IP with CloudStack's text, creating nothing", async () => {
    const provider = fx.admin.provider("PortForwardingRule");
    const ip = await vpcIp();
    const checked = await provider.check({}, { ipAddressId: ip.id, protocol: "tcp", publicPort: 80, privatePort: 80, virtualMachine: vm.id, network: tier.id, openFirewall: true });
    assert.deepStrictEqual(checked.failures, []);
    await assert.rejects(provider.create(checked.inputs), apiRefusal(431, "Can't have openFirewall=true when IP address belongs to VPC"));
    assert.deepStrictEqual(await forwardingRules(ip.id), []);
    assert.strictEqual((await ipRow(ip.id)).associatednetworkid, undefined, "the refused rule left the IP off the tier");
  });

  it("refuses a rule on a VPC IP without the tier, with CloudStack's text", async () => {
    const provider = fx.admin.provider("PortForwardingRule");
    const ip = await vpcIp();
    const checked = await provider.check({}, { ipAddressId: ip.id, protocol: "tcp", publicPort: 80, privatePort: 80, virtualMachine: vm.id });
    assert.deepStrictEqual(checked.failures, []);
    await assert.rejects(
      provider.create(checked.inputs),
      apiRefusal(431, /^Unable to create port forwarding rule for the ipAddress id=\d+ as ip is not associated with any network and no networkId is passed in$/),
    );
    assert.deepStrictEqual(await forwardingRules(ip.id), []);
  });

  it("maps a VPC IP one to one to an instance on the tier, the IP joining the tier, and unmaps it on delete", async () => {
    const provider = fx.admin.provider("StaticNat");
    const ip = await vpcIp();
    const news = { ipAddressId: ip.id, virtualMachine: vm.id, network: tier.id };
    const created = await createFrom(provider, news);
    assertPlainJson(created.outs);
    assert.strictEqual(created.id, ip.id);
    assert.strictEqual(created.outs.virtualMachineId, vm.id);
    assert.strictEqual(created.outs.networkId, tier.id);
    assert.strictEqual(created.outs.vmGuestIp, vm.outs.ipAddress);
    assert.strictEqual(created.outs.ipAddress, ip.outs.ipAddress);

    const row = await ipRow(ip.id);
    assert.strictEqual(row.isstaticnat, true);
    assert.strictEqual(row.virtualmachineid, vm.id);
    assert.strictEqual(row.associatednetworkid, tier.id);
    assert.strictEqual(row.vpcid, vpc.id);

    assert.deepStrictEqual((await plan(provider, created, news)).diff, NO_CHANGE);
    assert.deepStrictEqual((await plan(provider, created, { ...news, network: "web", virtualMachine: "web-vm1" })).diff, NO_CHANGE);
    const read = await provider.read(created.id, created.outs);
    assert.strictEqual(read.id, ip.id);
    assert.strictEqual(read.props.networkId, tier.id);

    await provider.delete(created.id, created.outs);
    assert.strictEqual((await ipRow(ip.id)).isstaticnat, false);
    assert.deepStrictEqual(await provider.read(created.id, created.outs), { id: "", props: {} });
  });

  it("refuses static NAT from another VPC's IP to an instance on this tier, leaving the IP unmapped", async () => {
    const provider = fx.admin.provider("StaticNat");
    const otherVpc = await makeVpc(fx, { name: "vpc-2", cidr: "10.1.0.0/16" });
    const foreign = await createFrom(fx.admin.provider("PublicIpAddress"), { vpc: otherVpc.id });
    const checked = await provider.check({}, { ipAddressId: foreign.id, virtualMachine: vm.id, network: tier.id });
    assert.deepStrictEqual(checked.failures, []);
    const address = String(foreign.outs.ipAddress).replace(/\./g, "\\.");
    await assert.rejects(provider.create(checked.inputs), apiRefusal(431, new RegExp(`^Ip address ${address} is not assigned to the network `)));
    const row = await ipRow(foreign.id);
    assert.strictEqual(row.isstaticnat, false);
    assert.strictEqual(row.associatednetworkid, undefined);
  });
});
