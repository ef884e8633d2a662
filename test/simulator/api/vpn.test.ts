// The VPN commands over the raw client: remote-access VPNs and users, and site-to-site gateways,
// customer gateways and connections, with CloudStack's rules, codes and texts.
import * as assert from "assert";
import { startedForSuite } from "../../support/fixture-hooks";
import { assertError, assertJobError, jobObject, startFixture, uuidNotFoundText, type Fixture, type Obj } from "./api-fixture";
import { vpcKit, type VpcKit } from "./api-vpc-fixture";

describe("simulator api: VPN", function () {
  this.timeout(60_000);
  let f: Fixture;
  let k: VpcKit;

  startedForSuite(startFixture, async (started) => {
    f = started;
    k = await vpcKit(f);
  });

  let netCount = 0;
  /** A new isolated network of the user and its first public IP (its source NAT IP), plus a second IP. */
  const userNetwork = async (): Promise<{ networkId: string; sourceNat: Obj; other: Obj }> => {
    netCount += 1;
    const r = await f.call(f.user, "createNetwork", {
      zoneid: await f.zoneId(),
      networkofferingid: await f.offeringId("DefaultIsolatedNetworkOfferingWithSourceNatService"),
      name: `vpn-net-${netCount}`,
      gateway: `10.2${netCount}.0.1`,
      netmask: "255.255.255.0",
    });
    const networkId = String((r.body.network as Obj).id);
    const sourceNat = jobObject(await f.job(f.user, "associateIpAddress", { networkid: networkId }), "ipaddress");
    const other = jobObject(await f.job(f.user, "associateIpAddress", { networkid: networkId }), "ipaddress");
    return { networkId, sourceNat, other };
  };

  it("runs a remote-access VPN on the source NAT IP only, once, with its range outside the guest CIDR", async () => {
    const { networkId, sourceNat, other } = await userNetwork();
    assert.strictEqual(sourceNat.issourcenat, true);
    const notSourceNat = await f.call(f.user, "createRemoteAccessVpn", { publicipid: String(other.id) });
    assertError(notSourceNat, 431, 4350, `Vpn service can only be configured on the Source NAT IP of network id=${networkId}`);
    const inside = await f.call(f.user, "createRemoteAccessVpn", { publicipid: String(sourceNat.id), iprange: "10.21.0.100-10.21.0.120" });
    assertError(inside, 431, 4350, "Invalid ip range: 10.21.0.100-10.21.0.120 overlaps with guest ip range 10.21.0.1-10.21.0.254");
    const malformed = await f.call(f.user, "createRemoteAccessVpn", { publicipid: String(sourceNat.id), iprange: "10.9.0.9-10.9.0.1" });
    assertError(malformed, 431, 4350, "Range of IPs [10.9.0.9-10.9.0.1] is invalid.");

    const vpn = jobObject(await f.job(f.user, "createRemoteAccessVpn", { publicipid: String(sourceNat.id) }), "remoteaccessvpn");
    assert.deepStrictEqual([vpn.state, vpn.iprange, vpn.publicip, vpn.account], ["Running", "10.1.2.2-10.1.2.8", sourceNat.ipaddress, "user"]);
    assert.match(String(vpn.presharedkey), /^[A-Za-z0-9]{24}$/);
    const ports = await f.list(f.user, "listFirewallRules", { ipaddressid: String(sourceNat.id) });
    assert.deepStrictEqual(ports.map((p) => Number(p.startport)).sort((a, b) => a - b), [500, 1701, 4500]);
    const again = await f.call(f.user, "createRemoteAccessVpn", { publicipid: String(sourceNat.id) });
    assertError(again, 431, 4350, `A remote Access VPN already exists for the public IP address [${String(sourceNat.ipaddress)}].`);
    assert.deepStrictEqual(await f.list(f.admin, "listRemoteAccessVpns", { networkid: networkId }), [], "another account's VPN is not listed without listall");

    // Deleting twice succeeds; releasing the IP removes a VPN with it.
    assert.deepStrictEqual((await f.job(f.user, "deleteRemoteAccessVpn", { publicipid: String(sourceNat.id) })).jobresult, { success: true });
    assert.deepStrictEqual((await f.job(f.user, "deleteRemoteAccessVpn", { publicipid: String(sourceNat.id) })).jobresult, { success: true });
    assert.deepStrictEqual(await f.list(f.user, "listFirewallRules", { ipaddressid: String(sourceNat.id) }), []);
    await f.job(f.user, "createRemoteAccessVpn", { publicipid: String(sourceNat.id) });
    await f.job(f.user, "deleteNetwork", { id: networkId });
    assert.deepStrictEqual(await f.list(f.user, "listRemoteAccessVpns", { publicipid: String(sourceNat.id) }), []);
  });

  it("runs a remote-access VPN on a VPC's source NAT IP without opening firewall ports, its range outside the VPC CIDR", async () => {
    const vpcid = String((await k.vpc(f.user, { cidr: "10.70.0.0/16" })).id);
    const [sourceNat] = await f.list(f.user, "listPublicIpAddresses", { vpcid, issourcenat: "true" });
    const inside = await f.call(f.user, "createRemoteAccessVpn", { publicipid: String(sourceNat.id), iprange: "10.70.200.1-10.70.200.9" });
    assertError(inside, 431, 4350, "Invalid ip range: 10.70.200.1-10.70.200.9 overlaps with guest ip range 10.70.0.1-10.70.255.254");
    const vpn = jobObject(await f.job(f.user, "createRemoteAccessVpn", { publicipid: String(sourceNat.id), openfirewall: "true" }), "remoteaccessvpn");
    assert.strictEqual(vpn.state, "Running");
    assert.deepStrictEqual(await f.list(f.user, "listFirewallRules", { ipaddressid: String(sourceNat.id) }), [], "in a VPC the ACLs decide");
    await f.job(f.user, "deleteVPC", { id: vpcid });
    // Deleting the VPC released its IP, and the VPN's row went with it: its id no longer resolves.
    assertError(await f.call(f.user, "listRemoteAccessVpns", { id: String(vpn.id) }), 431, 4350, uuidNotFoundText("id", String(vpn.id)));
  });

  it("keeps VPN users per account: Add without a running VPN, unique names, the user limit with 532", async () => {
    const bad = await f.call(f.admin, "addVpnUser", { username: "x", password: "Valid-pass" });
    assertError(bad, 431, 4350, "Username [x] is invalid. Username has to begin with an alphabet have 3-64 characters including alphabets, numbers and the set '@.-_'.");
    const badPassword = await f.call(f.admin, "addVpnUser", { username: "valid", password: "no spaces" });
    assertError(badPassword, 431, 4350, "Password has to be 3-32 characters including alphabets, numbers and the set '@+=.-_'");
    const first = jobObject(await f.job(f.admin, "addVpnUser", { username: "usr1", password: "Pass-1" }), "vpnuser");
    assert.deepStrictEqual([first.state, first.account], ["Add", "admin"]);
    assertError(await f.call(f.admin, "addVpnUser", { username: "usr1", password: "Pass-2" }), 431, 4350, "VPN User with name usr1 is already added for account admin");
    for (let i = 2; i <= 8; i++) await f.job(f.admin, "addVpnUser", { username: `usr${i}`, password: `Pass-${i}` });
    assertError(await f.call(f.admin, "addVpnUser", { username: "usr9", password: "Pass-9" }), 532, 4370, "Cannot add more than [8] remote access VPN users to admin");
    // Another account has its own names and its own limit.
    assert.strictEqual(jobObject(await f.job(f.user, "addVpnUser", { username: "usr1", password: "Pass-1" }), "vpnuser").account, "user");
    for (let i = 1; i <= 8; i++) await f.job(f.admin, "removeVpnUser", { username: `usr${i}` });
    assert.deepStrictEqual(await f.list(f.admin, "listVpnUsers"), []);
    assertJobError(await f.job(f.admin, "removeVpnUser", { username: "usr1" }), 431, "Could not find vpn user usr1");
  });

  it("puts one VPN gateway per VPC on its source NAT IP, and refuses deleting gateways a connection uses", async () => {
    const vpc = await k.vpc(f.user, { cidr: "10.60.0.0/16" });
    const vpcid = String(vpc.id);
    const gateway = jobObject(await f.job(f.user, "createVpnGateway", { vpcid }), "vpngateway");
    const [sourceNat] = await f.list(f.user, "listPublicIpAddresses", { vpcid, issourcenat: "true" });
    assert.strictEqual(gateway.publicip, sourceNat.ipaddress);
    assertError(await f.call(f.user, "createVpnGateway", { vpcid }), 431, 4350, `The VPN gateway of VPC ${k.vpcInternalId(vpcid)} already existed!`);

    const cgw = (params: Record<string, string>) => f.call(f.user, "createVpnCustomerGateway", params);
    const base = { gateway: "198.51.100.1", cidrlist: "192.168.1.0/24", ipsecpsk: "k-e-y", ikepolicy: "aes128-sha1;modp1536", esppolicy: "aes128-sha1" };
    assertError(await cgw({ ...base, ikepolicy: "aes128-sha1" }), 431, 4350, "The customer gateway IKE policy aes128-sha1 is invalid!  Verify the required Diffie Hellman (DH) group is specified.");
    assertError(await cgw({ ...base, esppolicy: "des-sha1" }), 431, 4350, "The customer gateway ESP policy des-sha1 is invalid!");
    assertError(await cgw({ ...base, ikelifetime: "86401" }), 431, 4350, "The IKE lifetime 86401 of vpn connection is invalid!");
    assertError(
      await cgw({ ...base, cidrlist: "192.168.0.0/16,192.168.1.0/24" }),
      431,
      4350,
      "The subnet of customer gateway 192.168.0.0/16 is overlapped with another subnet 192.168.1.0/24 of customer gateway!",
    );
    assertError(await cgw({ ...base, cidrlist: "192.168.1.0/33" }), 431, 4350, "The customer gateway peer cidr list 192.168.1.0/33 contains an invalid cidr!");
    const office = jobObject(await f.job(f.user, "createVpnCustomerGateway", { ...base, ikelifetime: "28800", dpd: "true" }), "vpncustomergateway");
    assert.deepStrictEqual([office.name, office.ikelifetime, office.esplifetime, office.dpd, office.ikeversion], ["VPN-198.51.100.1", 28800, 3600, true, "ike"]);
    assertError(await cgw(base), 431, 4350, "The customer gateway with name VPN-198.51.100.1 already existed!");

    const created = await f.call(f.user, "createVpnConnection", { s2svpngatewayid: String(gateway.id), s2scustomergatewayid: String(office.id), passive: "true" });
    assert.strictEqual(created.status, 200, JSON.stringify(created.body));
    const [pending] = await f.list(f.user, "listVpnConnections", { id: String(created.body.id) });
    assert.ok(["Pending", "Disconnected"].includes(String(pending.state)));
    const connection = jobObject(await f.job(f.user, "queryAsyncJobResult", { jobid: String(created.body.jobid) }), "vpnconnection");
    assert.deepStrictEqual([connection.state, connection.passive, connection.publicip], ["Disconnected", true, sourceNat.ipaddress]);

    // The update resets what it is not given, and restarts the connection.
    const updated = jobObject(await f.job(f.user, "updateVpnCustomerGateway", { id: String(office.id), ...base }), "vpncustomergateway");
    assert.deepStrictEqual([updated.ikelifetime, updated.dpd], [86400, false]);
    const reset = jobObject(await f.job(f.user, "resetVpnConnection", { id: String(connection.id) }), "vpnconnection");
    assert.strictEqual(reset.state, "Disconnected");

    assertJobError(await f.job(f.user, "deleteVpnGateway", { id: String(gateway.id) }), 431, `Unable to delete VPN gateway ${gatewayInternalId(f, String(gateway.id))} because there is still related VPN connections!`);
    assertJobError(
      await f.job(f.user, "deleteVpnCustomerGateway", { id: String(office.id) }),
      431,
      `Unable to delete VPN customer gateway ${customerGatewayInternalId(f, String(office.id))} because there is still related VPN connections!`,
    );
    const inside = jobObject(await f.job(f.user, "createVpnCustomerGateway", { ...base, gateway: "198.51.100.2", cidrlist: "10.60.7.0/24" }), "vpncustomergateway");
    const overlapping = await f.call(f.user, "createVpnConnection", { s2svpngatewayid: String(gateway.id), s2scustomergatewayid: String(inside.id) });
    assertError(overlapping, 537, 4360, `The subnets of customer gateway ${customerGatewayInternalId(f, String(inside.id))}'s subnet 10.60.7.0/24 is overlapped with VPC cidr 10.60.0.0/16!`);
    const sameSubnets = jobObject(await f.job(f.user, "createVpnCustomerGateway", { ...base, gateway: "198.51.100.3" , name: "twin" }), "vpncustomergateway");
    const twin = await f.call(f.user, "createVpnConnection", { s2svpngatewayid: String(gateway.id), s2scustomergatewayid: String(sameSubnets.id) });
    assertError(
      twin,
      537,
      4360,
      "The new connection's remote subnet 192.168.1.0/24 is overlapped with existed VPN connection to customer gateway VPN-198.51.100.1's subnet 192.168.1.0/24",
    );

    // Deleting the VPC takes its connections and gateway along (its tiers must go first).
    await f.job(f.user, "deleteVPC", { id: vpcid });
    assert.deepStrictEqual(await f.list(f.user, "listVpnConnections"), []);
    assert.deepStrictEqual(await f.list(f.user, "listVpnGateways"), []);
    assert.strictEqual((await f.job(f.user, "deleteVpnCustomerGateway", { id: String(office.id) })).jobstatus, 1);
  });
});

function gatewayInternalId(f: Fixture, uuid: string): number {
  const row = f.sim.model.state.vpnGateways.find((g) => g.uuid === uuid);
  assert.ok(row);
  return row.id;
}

function customerGatewayInternalId(f: Fixture, uuid: string): number {
  const row = f.sim.model.state.vpnCustomerGateways.find((g) => g.uuid === uuid);
  assert.ok(row);
  return row.id;
}
