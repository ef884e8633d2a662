import * as assert from "assert";
import { startedForSuite } from "../../support/fixture-hooks";
import { deploy, nicsOf } from "./api-instances-fixture";
import { firewallRuleText, ipAddressText, startRulesFixture, type RulesFixture } from "./api-rules-fixture";
import { assertError, assertJobError, jobObject, uuidNotFoundText, type Fixture, type Obj } from "./api-fixture";
import { vpcKit } from "./api-vpc-fixture";

describe("simulator api: firewall, egress and port forwarding rules", function () {
  this.timeout(30_000);
  let r: RulesFixture;
  let f: Fixture;

  startedForSuite(startRulesFixture, (started) => {
    r = started;
    f = r.f;
  });

  const fwRules = async (params: Record<string, string>): Promise<Obj[]> => f.list(f.user, "listFirewallRules", params);

  it("the guide's example: a firewall rule for 33-44 and a port forwarding rule 33 -> 100 without openfirewall add no 0.0.0.0/0 rule", async () => {
    const { net, vms } = await r.networkWithVms("guide", 1);
    const ip = await r.ip(net);
    const fw = await r.created("createFirewallRule", { ipaddressid: String(ip.id), protocol: "TCP", startport: "33", endport: "44", cidrlist: "10.0.0.0/8" }, "firewallrule");
    assert.deepStrictEqual(fw, {
      id: fw.id,
      protocol: "tcp",
      startport: 33,
      endport: 44,
      ipaddressid: ip.id,
      ipaddress: ip.ipaddress,
      networkid: net.id,
      state: "Active",
      cidrlist: "10.0.0.0/8",
      destcidrlist: "",
      traffictype: "Ingress",
      tags: [],
      fordisplay: true,
    });
    const pf = await r.created(
      "createPortForwardingRule",
      { ipaddressid: String(ip.id), protocol: "tcp", publicport: "33", privateport: "100", virtualmachineid: String(vms[0].id), openfirewall: "false" },
      "portforwardingrule",
    );
    assert.deepStrictEqual(pf, {
      id: pf.id,
      privateport: "100",
      privateendport: "100",
      protocol: "tcp",
      publicport: "33",
      publicendport: "33",
      virtualmachineid: vms[0].id,
      virtualmachinename: vms[0].name,
      virtualmachinedisplayname: vms[0].displayname,
      ipaddressid: ip.id,
      ipaddress: ip.ipaddress,
      state: "Active",
      cidrlist: "",
      tags: [],
      vmguestip: nicsOf(vms[0])[0].ipaddress,
      networkid: net.id,
      fordisplay: true,
    });
    assert.deepStrictEqual((await fwRules({ ipaddressid: String(ip.id) })).map((x) => x.id), [fw.id]);
    assert.deepStrictEqual((await f.list(f.user, "listPortForwardingRules", { ipaddressid: String(ip.id) })).map((x) => x.id), [pf.id]);
  });

  it("openfirewall defaults to true outside a VPC: a related 0.0.0.0/0 rule appears and goes with the PF rule", async () => {
    const { net, vms } = await r.networkWithVms("open", 1);
    const ip = await r.ip(net);
    const pf = await r.created(
      "createPortForwardingRule",
      { ipaddressid: String(ip.id), protocol: "UDP", publicport: "500", publicendport: "510", privateport: "500", privateendport: "510", virtualmachineid: String(vms[0].id) },
      "portforwardingrule",
    );
    assert.strictEqual(pf.protocol, "udp");
    const [opened] = await fwRules({ ipaddressid: String(ip.id) });
    assert.deepStrictEqual(
      [opened.protocol, opened.startport, opened.endport, opened.cidrlist, opened.state],
      ["udp", 500, 510, "0.0.0.0/0", "Active"],
    );
    // CloudStack keeps the link (firewall_rules.related) but does not show it.
    assert.ok(!("relatedruleid" in opened));
    await r.ok("deletePortForwardingRule", { id: String(pf.id) });
    assert.deepStrictEqual(await fwRules({ ipaddressid: String(ip.id) }), []);
    for (const [command, id] of [["listFirewallRules", opened.id], ["listPortForwardingRules", pf.id]] as const) {
      assertError(await f.call(f.user, command, { id: String(id) }), 431, 4350, uuidNotFoundText("id", String(id)));
    }
  });

  it("the related firewall rule conflicts with a user firewall rule: the PF rule is refused (537) and nothing stays", async () => {
    const { net, vms } = await r.networkWithVms("openconflict", 1);
    const ip = await r.ip(net);
    const fw = await r.created("createFirewallRule", { ipaddressid: String(ip.id), protocol: "tcp", startport: "30", endport: "50" }, "firewallrule");
    const res = await f.call(f.user, "createPortForwardingRule", {
      ipaddressid: String(ip.id),
      protocol: "tcp",
      publicport: "40",
      privateport: "40",
      virtualmachineid: String(vms[0].id),
    });
    assertError(res, 537, 4360, `The range specified, 40-40, conflicts with rule ${firewallRuleText(r, fw.id, "Firewall", "Active", net.id)} which has 30-50`);
    assert.deepStrictEqual((await fwRules({ ipaddressid: String(ip.id) })).map((x) => x.id), [fw.id]);
    assert.deepStrictEqual(await f.list(f.user, "listPortForwardingRules", { ipaddressid: String(ip.id) }), []);
  });

  it("detects rule conflicts on one IP as FirewallManagerImpl does", async () => {
    const { net, vms } = await r.networkWithVms("conflicts", 1);
    const ip = await r.ip(net);
    const ipid = String(ip.id);
    const vm = String(vms[0].id);
    const pf = (params: Record<string, string>) =>
      f.call(f.user, "createPortForwardingRule", { ipaddressid: ipid, virtualmachineid: vm, openfirewall: "false", ...params });
    const first = await r.created("createPortForwardingRule", { ipaddressid: ipid, virtualmachineid: vm, openfirewall: "false", protocol: "tcp", publicport: "80", privateport: "80" }, "portforwardingrule");
    assertError(
      await pf({ protocol: "tcp", publicport: "75", publicendport: "85", privateport: "75", privateendport: "85" }),
      537,
      4360,
      `The range specified, 75-85, conflicts with rule ${firewallRuleText(r, first.id, "PortForwarding", "Active", net.id)} which has 80-80`,
    );
    // The same ports with another protocol are allowed for port forwarding.
    assert.strictEqual((await pf({ protocol: "udp", publicport: "80", privateport: "80" })).status, 200);

    const fw = (params: Record<string, string>) => f.call(f.user, "createFirewallRule", { ipaddressid: ipid, ...params });
    const a = await r.created("createFirewallRule", { ipaddressid: ipid, protocol: "tcp", startport: "1000", endport: "2000", cidrlist: "10.0.0.0/8" }, "firewallrule");
    assertError(
      await fw({ protocol: "tcp", startport: "1500", endport: "2500", cidrlist: "10.0.0.0/8,192.168.0.0/16" }),
      537,
      4360,
      `The range specified, 1500-2500, conflicts with rule ${firewallRuleText(r, a.id, "Firewall", "Active", net.id)} which has 1000-2000`,
    );
    // Other CIDRs, or a firewall rule over a PF rule's ports, do not conflict.
    assert.strictEqual((await fw({ protocol: "tcp", startport: "1500", endport: "2500", cidrlist: "172.16.0.0/12" })).status, 200);
    assert.strictEqual((await fw({ protocol: "tcp", startport: "80", endport: "80" })).status, 200);

    await r.created("createFirewallRule", { ipaddressid: ipid, protocol: "udp" }, "firewallrule");
    // CloudStack stores the protocol in lower case before the check.
    assertError(await fw({ protocol: "UDP" }), 537, 4360, "There is already a firewall rule specified with protocol = udp and no ports");
    assert.strictEqual((await fw({ protocol: "udp", cidrlist: "10.1.0.0/16" })).status, 200);

    const icmp = await r.created("createFirewallRule", { ipaddressid: ipid, protocol: "icmp" }, "firewallrule");
    assert.deepStrictEqual([icmp.icmptype, icmp.icmpcode, icmp.startport], [-1, -1, undefined]);
    assertError(await fw({ protocol: "icmp", icmptype: "-1", icmpcode: "-1" }), 431, 4350, `New rule conflicts with existing rule: ${firewallRuleText(r, icmp.id, "Firewall", "Active", net.id)}`);
    assert.strictEqual((await fw({ protocol: "icmp", icmptype: "8", icmpcode: "0" })).status, 200);
    assertError(await fw({ protocol: "tcp", startport: "22", icmptype: "8" }), 431, 4350, "Can specify icmpCode and icmpType for ICMP protocol only");
    assertError(await fw({ protocol: "icmp", startport: "22" }), 431, 4350, "Can't specify start/end port when protocol is ICMP");
    assertError(await fw({ protocol: "tcp", startport: "44", endport: "33" }), 431, 4350, "Start port can't be bigger than end port");
    assertError(await fw({ protocol: "gre" }), 431, 4350, `Protocol gre is not supported in zone ${r.internalId("zones", ip.zoneid)}`);
    assertError(await fw({ protocol: "tcp", cidrlist: "10.0.0.0/33" }), 431, 9999, "Source CIDRs formatting error 10.0.0.0/33");
  });

  it("checks port forwarding ranges, the instance's NIC and its guest IPs", async () => {
    const { net, vms } = await r.networkWithVms("pfchecks", 1);
    const other = await r.networkWithVms("pfother", 1);
    const ip = await r.ip(net);
    const base = { ipaddressid: String(ip.id), virtualmachineid: String(vms[0].id), protocol: "tcp", openfirewall: "false" };
    const pf = (params: Record<string, string>) => f.call(f.user, "createPortForwardingRule", { ...base, ...params });
    assertError(await pf({ publicport: "20", publicendport: "10", privateport: "20" }), 431, 4350, "Start port can't be bigger than end port");
    assertError(await pf({ publicport: "10", privateport: "20", privateendport: "10" }), 431, 4350, "Start port can't be bigger than end port");
    assertError(
      await pf({ publicport: "10", publicendport: "20", privateport: "10", privateendport: "15" }),
      431,
      4350,
      "Source port and destination port ranges should be of equal sizes.",
    );
    assertError(
      await pf({ publicport: "10", publicendport: "20", privateport: "110", privateendport: "120" }),
      431,
      4350,
      "Private port start should be equal to public port start",
    );
    assertError(await pf({ publicport: "22", privateport: "22", protocol: "icmp" }), 431, 4350, `Protocol icmp is not supported in zone ${r.internalId("zones", ip.zoneid)}`);
    assertError(await pf({ publicport: "22", privateport: "22", virtualmachineid: String(other.vms[0].id) }), 431, 4350, "Vm doesn't belong to network associated with ipAddress");
    assertError(await pf({ publicport: "22", privateport: "22", vmguestip: "10.1.1.250" }), 431, 4350, "IP Address is not in the VM nic's network ");
    assertError(await pf({ publicport: "22", privateport: "22", vmguestip: "not-an-ip" }), 431, 4350, "Invalid vm ip address");
    assertError(await pf({ publicport: "22", privateport: "22", cidrlist: "300.1.1.0/24" }), 431, 4350, "The given source CIDR [300.1.1.0/24] is invalid.");

    const secondary = jobObject(await f.job(f.user, "addIpToNic", { nicid: String(nicsOf(vms[0])[0].id) }), "nicsecondaryip");
    const rule = await r.created("createPortForwardingRule", { ...base, publicport: "22", privateport: "2222", vmguestip: String(secondary.ipaddress) }, "portforwardingrule");
    assert.strictEqual(rule.vmguestip, secondary.ipaddress);

    const updated = jobObject(await f.job(f.user, "updatePortForwardingRule", { id: String(rule.id), privateport: "2200" }), "portforwardingrule");
    assert.deepStrictEqual([updated.privateport, updated.privateendport, updated.publicport, updated.state], ["2200", "2200", "22", "Active"]);
    assertJobError(await f.job(f.user, "updatePortForwardingRule", { id: String(rule.id), vmguestip: "10.1.1.9" }), 431, "vmguestip should be set along with virtualmachineid");
  });

  it("static NAT and port forwarding exclude each other on one IP, in both directions", async () => {
    const { net, vms } = await r.networkWithVms("snat", 2);
    const natIp = await r.ip(net);
    assert.strictEqual((await f.call(f.user, "enableStaticNat", { ipaddressid: String(natIp.id), virtualmachineid: String(vms[0].id) })).status, 200);
    assertError(
      await f.call(f.user, "createPortForwardingRule", {
        ipaddressid: String(natIp.id),
        virtualmachineid: String(vms[1].id),
        protocol: "tcp",
        publicport: "22",
        privateport: "22",
      }),
      431,
      4350,
      `Unable to create port forwarding rule; ip ${ipAddressText(r, natIp)} has static nat enabled`,
    );
    assert.deepStrictEqual(await f.list(f.user, "listPortForwardingRules", { ipaddressid: String(natIp.id) }), []);
    assert.deepStrictEqual(await fwRules({ ipaddressid: String(natIp.id) }), []);
    const still = (await f.list(f.user, "listPublicIpAddresses", { id: String(natIp.id) }))[0];
    assert.deepStrictEqual([still.isstaticnat, still.virtualmachineid], [true, vms[0].id]);

    const pfIp = await r.ip(net);
    await r.created(
      "createPortForwardingRule",
      { ipaddressid: String(pfIp.id), virtualmachineid: String(vms[1].id), protocol: "tcp", publicport: "22", privateport: "22" },
      "portforwardingrule",
    );
    assertError(
      await f.call(f.user, "enableStaticNat", { ipaddressid: String(pfIp.id), virtualmachineid: String(vms[1].id) }),
      537,
      4360,
      `Failed to enable static nat for the ip address ${String(pfIp.ipaddress)} as it already has PortForwarding rules assigned`,
    );
    // Firewall rules may sit on a static NAT IP.
    assert.strictEqual((await f.call(f.user, "createFirewallRule", { ipaddressid: String(natIp.id), protocol: "tcp", startport: "22" })).status, 200);
  });

  it("egress rules: the network CIDR by default, 0.0.0.0/0 stored as that CIDR, destination CIDRs, protocol all, and refusals", async () => {
    const { net } = await r.networkWithVms("egress", 0);
    const netid = String(net.id);
    const plain = await r.created("createEgressFirewallRule", { networkid: netid, protocol: "tcp" }, "firewallrule");
    assert.deepStrictEqual(plain, {
      id: plain.id,
      protocol: "tcp",
      networkid: net.id,
      state: "Active",
      cidrlist: "10.1.1.0/24",
      destcidrlist: "",
      traffictype: "Egress",
      tags: [],
      fordisplay: true,
    });
    const all = await r.created("createEgressFirewallRule", { networkid: netid, protocol: "all", cidrlist: "0.0.0.0/0", destcidrlist: "203.0.113.0/24" }, "firewallrule");
    assert.deepStrictEqual([all.protocol, all.cidrlist, all.destcidrlist], ["all", "10.1.1.0/24", "203.0.113.0/24"]);
    assert.deepStrictEqual(
      (await f.list(f.user, "listEgressFirewallRules", { networkid: netid })).map((x) => x.id),
      [all.id, plain.id],
    );
    assert.deepStrictEqual(await fwRules({ networkid: netid }), [], "egress rules are not listed as ingress rules");

    const egress = (params: Record<string, string>) => f.call(f.user, "createEgressFirewallRule", { networkid: netid, ...params });
    assertError(await egress({ protocol: "tcp" }), 537, 4360, "There is already a firewall rule specified with protocol = tcp and no ports");
    assertError(
      await egress({ protocol: "all", startport: "1", endport: "2" }),
      431,
      4350,
      `Unable to create firewall rule for the network id=[${r.internalId("networks", net.id)}] due to: ports must not be informed to protocol ALL, as it does not require them.`,
    );
    assertError(await egress({ protocol: "tcp", cidrlist: "10.2.0.0/24" }), 431, 9999, "[10.2.0.0/24] is not within the guest CIDR [10.1.1.0/24]. ");
    assertError(await egress({ protocol: "tcp", destcidrlist: "1.2.3.4/40" }), 431, 9999, "Destination CIDRs formatting error [1.2.3.4/40].");

    const shared = await f.call(f.admin, "createNetwork", {
      zoneid: r.c.zoneid,
      networkofferingid: r.c.networkOfferings.DefaultSharedNetworkOffering,
      name: "shared",
      vlan: "1234",
      gateway: "10.77.0.1",
      netmask: "255.255.255.0",
      startip: "10.77.0.10",
      endip: "10.77.0.20",
    });
    assert.strictEqual(shared.status, 200, JSON.stringify(shared.body));
    assertError(
      await f.call(f.admin, "createEgressFirewallRule", { networkid: String((shared.body.network as Obj).id), protocol: "tcp" }),
      431,
      4350,
      "Egress firewall rules are not supported for Shared  networks",
    );

    await r.ok("deleteEgressFirewallRule", { id: String(plain.id) });
    assertError(await f.call(f.user, "listEgressFirewallRules", { id: String(plain.id) }), 431, 4350, uuidNotFoundText("id", String(plain.id)));
    assertError(await f.call(f.user, "deleteEgressFirewallRule", { id: String(plain.id) }), 431, 4350, uuidNotFoundText("id", String(plain.id)));
  });

  it("VPC IPs: openfirewall=true refused, the tier from networkid, no firewall rules on a tier", async () => {
    const kit = await vpcKit(f);
    const vpc = await kit.vpc(f.user);
    const tier = await kit.tier(f.user, String(vpc.id), "10.0.1.1");
    const vm = await deploy(f, r.c, f.user, { networkids: String(tier.id) });
    const ip = await r.created("associateIpAddress", { vpcid: String(vpc.id) }, "ipaddress");
    const base = { ipaddressid: String(ip.id), virtualmachineid: String(vm.id), protocol: "tcp", publicport: "22", privateport: "22" };
    assertError(
      await f.call(f.user, "createPortForwardingRule", { ...base, networkid: String(tier.id), openfirewall: "true" }),
      431,
      4350,
      "Can't have openFirewall=true when IP address belongs to VPC",
    );
    assertError(
      await f.call(f.user, "createPortForwardingRule", base),
      431,
      4350,
      `Unable to create port forwarding rule for the ipAddress id=${r.internalId("publicIps", ip.id)} as ip is not associated with any network and no networkId is passed in`,
    );
    const pf = await r.created("createPortForwardingRule", { ...base, networkid: String(tier.id) }, "portforwardingrule");
    assert.strictEqual(pf.networkid, tier.id);
    assert.strictEqual((await f.list(f.user, "listPublicIpAddresses", { id: String(ip.id) }))[0].associatednetworkid, tier.id);
    assert.deepStrictEqual(await fwRules({ ipaddressid: String(ip.id) }), [], "openfirewall defaults to false in a VPC");
    assertError(
      await f.call(f.user, "createFirewallRule", { ipaddressid: String(ip.id), protocol: "tcp", startport: "22" }),
      530,
      4390,
      `Service Firewall is not supported in the network id=${r.internalId("networks", tier.id)}`,
    );
    const lbIp = await r.created("associateIpAddress", { vpcid: String(vpc.id) }, "ipaddress");
    const lb = await r.created(
      "createLoadBalancerRule",
      { publicipid: String(lbIp.id), networkid: String(tier.id), name: "vpc-web", algorithm: "roundrobin", publicport: "80", privateport: "80" },
      "loadbalancer",
    );
    assert.deepStrictEqual([lb.networkid, lb.state], [tier.id, "Add"]);
  });

  it("update and delete refuse rules of another kind; a root admin may hide or delete any rule; a released IP takes its rules with it", async () => {
    const { net, vms } = await r.networkWithVms("kinds", 1);
    const ip = await r.ip(net);
    const pf = await r.created(
      "createPortForwardingRule",
      { ipaddressid: String(ip.id), virtualmachineid: String(vms[0].id), protocol: "tcp", publicport: "8080", privateport: "80", openfirewall: "false" },
      "portforwardingrule",
    );
    assertJobError(await f.job(f.user, "deleteFirewallRule", { id: String(pf.id) }), 431, `Unable to find ${r.ruleId(pf.id)} having purpose [Firewall, Ipv6Firewall]`);
    const fw = await r.created("createFirewallRule", { ipaddressid: String(ip.id), protocol: "tcp", startport: "8080" }, "firewallrule");
    assertJobError(await f.job(f.user, "deletePortForwardingRule", { id: String(fw.id) }), 431, `Unable to find ${r.ruleId(fw.id)}`);
    const hidden = jobObject(await f.job(f.admin, "updateFirewallRule", { id: String(fw.id), fordisplay: "false" }), "firewallrule");
    assert.deepStrictEqual([hidden.id, hidden.fordisplay], [fw.id, false]);
    assertJobError(await f.job(f.user, "updateFirewallRule", { id: String(pf.id) }), 431, `Unable to find ${r.ruleId(pf.id)} having purpose Firewall`);
    const otherUser = await f.job(f.admin, "deleteFirewallRule", { id: String(fw.id) });
    assert.strictEqual(otherUser.jobstatus, 1, "a root admin may delete any rule");

    await r.ok("disassociateIpAddress", { id: String(ip.id) });
    assertError(await f.call(f.user, "listPortForwardingRules", { id: String(pf.id) }), 431, 4350, uuidNotFoundText("id", String(pf.id)));
  });
});
