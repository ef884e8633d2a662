// RemoteAccessVpn and VpnUser through the adapter against the simulator over real HTTP.
import * as assert from "assert";
import { startedForEachTest } from "../support/fixture-hooks";
import {
  adminList,
  assertPlainJson,
  checkRefuses,
  createFrom,
  jobsSince,
  NO_CHANGE,
  plan,
  replaceDeletingFirst,
  startVpcFixture,
  updateTo,
  VpcFixture,
} from "../support/vpc-fixture";
import { refusedBy, vpnNetwork, VpnNetwork } from "../support/vpn-fixture";

describe("RemoteAccessVpn against the simulator", function () {
  let fx: VpcFixture;
  let net: VpnNetwork;
  const provider = () => fx.admin.provider("RemoteAccessVpn");
  // Deleted VPNs lose their row, so they are looked for in the whole list.
  const row = async (id: string) => (await adminList(fx, "listRemoteAccessVpns", { listall: true })).find((v) => v.id === id);

  startedForEachTest(startVpcFixture, async (started) => {
    fx = started;
    net = await vpnNetwork(fx);
  });

  it("runs a VPN on the source NAT IP with a generated key, opens the VPN ports, and plans no change after", async () => {
    const news = { publicIpId: net.sourceNat.id };
    const vpn = await createFrom(provider(), news);
    assert.strictEqual(vpn.outs.state, "Running");
    assert.match(String(vpn.outs.presharedKey), /^[A-Za-z0-9]{24}$/);
    assert.strictEqual(vpn.outs.clientIpRange, "10.1.2.2-10.1.2.8", "the first address is the server's");
    assert.strictEqual(vpn.outs.ipRange, "10.1.2.1-10.1.2.8", "the configured range, read back");
    assert.strictEqual(vpn.outs.publicIp, net.sourceNat.outs.ipAddress);
    assertPlainJson(vpn.outs);
    const rules = await adminList(fx, "listFirewallRules", { ipaddressid: net.sourceNat.id });
    assert.deepStrictEqual(rules.map((r) => `${String(r.protocol)}/${String(r.startport)}`).sort(), ["udp/1701", "udp/4500", "udp/500"]);
    assert.deepStrictEqual((await plan(provider(), vpn, news)).diff, NO_CHANGE);
    assert.deepStrictEqual((await plan(provider(), vpn, { ...news, ipRange: "10.1.2.1-10.1.2.8", openFirewall: true })).diff, NO_CHANGE, "the defaults are no change");
  });

  it("changes the display flag in place and replaces on a new range, deleting the old VPN first", async () => {
    const vpn = await createFrom(provider(), { publicIpId: net.sourceNat.id, ipRange: "172.16.9.1-172.16.9.20" });
    const mark = fx.jobs.length;
    const hidden = await updateTo(provider(), vpn, { publicIpId: net.sourceNat.id, ipRange: "172.16.9.1-172.16.9.20", forDisplay: false });
    assert.deepStrictEqual(jobsSince(fx, mark), ["updateRemoteAccessVpn"]);
    assert.strictEqual((await row(vpn.id))?.fordisplay, false);
    const moved = await plan(provider(), hidden, { publicIpId: net.sourceNat.id, ipRange: "172.16.10.1-172.16.10.20" });
    assert.deepStrictEqual(moved.diff, { changes: true, replaces: ["ipRange"], deleteBeforeReplace: true });
    const replacement = await replaceDeletingFirst(provider(), hidden, moved.checked);
    assert.strictEqual(replacement.outs.clientIpRange, "172.16.10.2-172.16.10.20");
    assert.notStrictEqual(replacement.outs.presharedKey, vpn.outs.presharedKey, "a new VPN gets a new key");
    assert.strictEqual(await row(vpn.id), undefined);
  });

  it("sees a VPN deleted out of band, or with its IP released, as gone, and deletes twice", async () => {
    const vpn = await createFrom(provider(), { publicIpId: net.sourceNat.id });
    await fx.admin.client.execute("deleteRemoteAccessVpn", { publicipid: net.sourceNat.id });
    assert.deepStrictEqual(await provider().read(vpn.id, vpn.outs), { id: "", props: {} });
    await provider().delete(vpn.id, vpn.outs);
    await provider().delete(vpn.id, vpn.outs);
    assert.deepStrictEqual(await adminList(fx, "listFirewallRules", { ipaddressid: net.sourceNat.id }), [], "its ports are closed again");

    const again = await createFrom(provider(), { publicIpId: net.sourceNat.id });
    await fx.admin.client.execute("deleteNetwork", { id: net.network.id });
    assert.deepStrictEqual(await provider().read(again.id, again.outs), { id: "", props: {} }, "releasing the IP removes the VPN");
  });

  it("reads from the id alone and adopts with importId", async () => {
    const made = await fx.admin.client.execute("createRemoteAccessVpn", { publicipid: net.sourceNat.id, iprange: "172.16.3.1-172.16.3.10" });
    const id = String((made.remoteaccessvpn as Record<string, unknown>).id);
    const read = await provider().read(id, {});
    assert.deepStrictEqual([read.inputs?.publicIpId, read.inputs?.ipRange], [net.sourceNat.id, "172.16.3.1-172.16.3.10"]);
    const news = { publicIpId: net.sourceNat.id, ipRange: "172.16.3.1-172.16.3.10", forDisplay: false };
    const adopted = await provider().create((await provider().check({}, { ...news, importId: id })).inputs);
    assert.strictEqual(adopted.id, id);
    assert.strictEqual((await row(id))?.fordisplay, false, "the display flag is applied on adoption");
    await assert.rejects(
      provider().create((await provider().check({}, { ...news, ipRange: "172.16.4.1-172.16.4.10", importId: id })).inputs),
      /cannot adopt RemoteAccessVpn .*ipRange is "172\.16\.3\.1-172\.16\.3\.10" there but "172\.16\.4\.1-172\.16\.4\.10"/,
    );
  });

  it("refuses at check a malformed range, an IP that is not the source NAT IP and a range inside the guest CIDR", async () => {
    assert.deepStrictEqual(await checkRefuses(fx, "RemoteAccessVpn", { publicIpId: net.sourceNat.id, ipRange: "10.9.9.9-10.9.9.1" }), [
      'ipRange: "10.9.9.9-10.9.9.1" is not an IPv4 range a.b.c.d-e.f.g.h with the first address not after the last',
    ]);
    const second = await createFrom(fx.admin.provider("PublicIpAddress"), { network: net.network.id });
    assert.deepStrictEqual(await checkRefuses(fx, "RemoteAccessVpn", { publicIpId: second.id }), [
      `publicIpId: "${second.id}" is ${String(second.outs.ipAddress)}, which is not the source NAT IP of its network or VPC: CloudStack serves remote-access VPN only there`,
    ]);
    assert.deepStrictEqual(await checkRefuses(fx, "RemoteAccessVpn", { publicIpId: net.sourceNat.id, ipRange: "10.1.5.200-10.1.5.210" }), [
      'ipRange: "10.1.5.200-10.1.5.210" overlaps the guest CIDR 10.1.5.0/24 (10.1.5.0-10.1.5.255); the VPN\'s addresses must lie outside it',
    ]);
    // CloudStack's own refusals keep their code and text.
    await refusedBy(
      fx.admin.client.execute("createRemoteAccessVpn", { publicipid: second.id }),
      431,
      /^Vpn service can only be configured on the Source NAT IP of network id=/,
    );
    await refusedBy(
      fx.admin.client.execute("createRemoteAccessVpn", { publicipid: net.sourceNat.id, iprange: "10.1.5.200-10.1.5.210" }),
      431,
      /^Invalid ip range: 10\.1\.5\.200-10\.1\.5\.210 overlaps with guest ip range/,
    );
    assert.deepStrictEqual(await adminList(fx, "listRemoteAccessVpns", { listall: true }), []);
  });
});

describe("VpnUser against the simulator", function () {
  let fx: VpcFixture;
  const provider = () => fx.admin.provider("VpnUser");
  const users = async () => adminList(fx, "listVpnUsers", { listall: true });

  startedForEachTest(startVpcFixture, (started) => (fx = started));

  it("adds users that wait in Add until the account runs a VPN, then become Active; plans no change after", async () => {
    const news = { username: "alice", password: "Alice-pass1" };
    const alice = await createFrom(provider(), news);
    assert.strictEqual(alice.outs.state, "Add");
    assert.strictEqual(alice.outs.password, "Alice-pass1", "the output keeps the password (secret in the sdk class)");
    const net = await vpnNetwork(fx);
    await createFrom(fx.admin.provider("RemoteAccessVpn"), { publicIpId: net.sourceNat.id });
    const bob = await createFrom(provider(), { username: "bob", password: "Bob-pass22" });
    assert.strictEqual(bob.outs.state, "Active");
    const read = await provider().read(alice.id, alice.outs);
    assert.strictEqual(read.props.state, "Active", "the VPN applied the waiting user");
    assert.deepStrictEqual((await plan(provider(), { id: alice.id, outs: read.props }, news)).diff, NO_CHANGE);
    assert.deepStrictEqual((await users()).map((u) => u.username).sort(), ["alice", "bob"]);
  });

  it("replaces on a new password by removing the user first, and on a new name", async () => {
    const alice = await createFrom(provider(), { username: "alice", password: "Alice-pass1" });
    const newPassword = await plan(provider(), alice, { username: "alice", password: "Alice-pass2" });
    assert.deepStrictEqual(newPassword.diff, { changes: true, replaces: ["password"], deleteBeforeReplace: true });
    const mark = fx.jobs.length;
    const replaced = await replaceDeletingFirst(provider(), alice, newPassword.checked);
    assert.deepStrictEqual(jobsSince(fx, mark), ["removeVpnUser", "addVpnUser"]);
    assert.strictEqual(fx.jobs[mark + 1].params.password, "Alice-pass2");
    const renamed = await plan(provider(), replaced, { username: "alice2", password: "Alice-pass2" });
    assert.deepStrictEqual(renamed.diff, { changes: true, replaces: ["username"], deleteBeforeReplace: false });
  });

  it("adopts a user with importId, recording the program's password, which CloudStack never shows", async () => {
    const made = await fx.admin.client.execute("addVpnUser", { username: "carol", password: "Carol-pass1" });
    const id = String((made.vpnuser as Record<string, unknown>).id);
    const adopted = await provider().create((await provider().check({}, { username: "carol", password: "Carol-pass9", importId: id })).inputs);
    assert.deepStrictEqual([adopted.id, adopted.outs.password], [id, "Carol-pass9"]);
    await assert.rejects(
      provider().create((await provider().check({}, { username: "dave", password: "Carol-pass9", importId: id })).inputs),
      /cannot adopt VpnUser .*username is "carol" there but "dave" in the program/,
    );
  });

  it("sees a user removed out of band as gone, deletes twice, and reads from the id alone", async () => {
    const alice = await createFrom(provider(), { username: "alice", password: "Alice-pass1" });
    const read = await provider().read(alice.id, {});
    assert.deepStrictEqual([read.inputs?.username, read.inputs?.account], ["alice", "admin"]);
    assert.ok(!read.inputs?.password, "CloudStack never shows a password");
    await fx.admin.client.execute("removeVpnUser", { username: "alice" });
    assert.deepStrictEqual(await provider().read(alice.id, alice.outs), { id: "", props: {} });
    await provider().delete(alice.id, alice.outs);
    await provider().delete(alice.id, alice.outs);
  });

  it("refuses a bad name and password at check without showing the password, and CloudStack's limit keeps its code", async () => {
    const refused = await checkRefuses(fx, "VpnUser", { username: "al", password: "bad password!" });
    assert.deepStrictEqual(refused, [
      'username: "al" must be 3-64 characters of letters, digits and @ . - _, starting with a letter or digit',
      "password: [secret] must be 3-32 characters of letters, digits and @ + = . - _, starting with a letter or digit",
    ]);
    for (let i = 1; i <= 8; i++) await createFrom(provider(), { username: `user${i}`, password: `Password-${i}` });
    const ninth = await provider().check({}, { username: "user9", password: "Password-9" });
    await refusedBy(provider().create(ninth.inputs), 532, /^Cannot add more than \[8\] remote access VPN users to admin$/);
    await refusedBy(fx.admin.client.execute("addVpnUser", { username: "user1", password: "Another-1" }), 431, /^VPN User with name user1 is already added for account admin$/);
  });
});
