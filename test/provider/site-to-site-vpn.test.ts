// VpnGateway, VpnCustomerGateway and VpnConnection through the adapter against the simulator
// over real HTTP.
import * as assert from "assert";
import { JobFailedError } from "../../provider/client";
import { startedForEachTest } from "../support/fixture-hooks";
import {
  Applied,
  adminList,
  assertPlainJson,
  checkRefuses,
  createFrom,
  jobsSince,
  makeVpc,
  NO_CHANGE,
  plan,
  replaceDeletingFirst,
  startVpcFixture,
  updateTo,
  VpcFixture,
} from "../support/vpc-fixture";
import { customerGatewayInputs, refusedBy } from "../support/vpn-fixture";

const OFFICE = customerGatewayInputs("203.0.113.10", ["192.168.10.0/24", "192.168.11.0/24"]);

describe("VpnGateway against the simulator", function () {
  let fx: VpcFixture;
  let vpc: Applied;
  const provider = () => fx.admin.provider("VpnGateway");

  startedForEachTest(startVpcFixture, async (started) => {
    fx = started;
    vpc = await makeVpc(fx);
  });

  it("takes the VPC's source NAT IP, one per VPC, and plans no change after", async () => {
    const gateway = await createFrom(provider(), { vpcId: vpc.id });
    const [sourceNat] = await adminList(fx, "listPublicIpAddresses", { vpcid: vpc.id, issourcenat: true, listall: true });
    assert.strictEqual(gateway.outs.publicIp, sourceNat.ipaddress);
    assert.strictEqual(gateway.outs.vpcName, "vpc-1");
    assertPlainJson(gateway.outs);
    assert.deepStrictEqual((await plan(provider(), gateway, { vpcId: vpc.id })).diff, NO_CHANGE);
    const second = await provider().check({}, { vpcId: vpc.id });
    await refusedBy(provider().create(second.inputs), 431, /^The VPN gateway of VPC \d+ already existed!$/);
  });

  it("changes the display flag in place, sees out-of-band deletion, deletes twice, reads from the id and adopts", async () => {
    const gateway = await createFrom(provider(), { vpcId: vpc.id });
    const mark = fx.jobs.length;
    await updateTo(provider(), gateway, { vpcId: vpc.id, forDisplay: false });
    assert.deepStrictEqual(jobsSince(fx, mark), ["updateVpnGateway"]);
    const read = await provider().read(gateway.id, {});
    assert.deepStrictEqual([read.inputs?.vpcId, read.inputs?.forDisplay], [vpc.id, false]);
    const adopted = await provider().create((await provider().check({}, { vpcId: vpc.id, forDisplay: true, importId: gateway.id })).inputs);
    assert.strictEqual(adopted.id, gateway.id);
    assert.strictEqual(adopted.outs.forDisplay, true, "adoption applies the display flag of the program");
    await fx.admin.client.execute("deleteVpnGateway", { id: gateway.id });
    assert.deepStrictEqual(await provider().read(gateway.id, gateway.outs), { id: "", props: {} });
    await provider().delete(gateway.id, gateway.outs);
    await provider().delete(gateway.id, gateway.outs);
  });
});

describe("VpnCustomerGateway against the simulator", function () {
  let fx: VpcFixture;
  const provider = () => fx.admin.provider("VpnCustomerGateway");
  const row = async (id: string) => (await adminList(fx, "listVpnCustomerGateways", { id, listall: true }))[0];

  startedForEachTest(startVpcFixture, (started) => (fx = started));

  it("creates with CloudStack's defaults, keeps the key as a secret output, and plans no change, in any CIDR order", async () => {
    const gateway = await createFrom(provider(), OFFICE);
    assert.deepStrictEqual(
      [gateway.outs.name, gateway.outs.ikeLifetime, gateway.outs.espLifetime, gateway.outs.dpd, gateway.outs.ikeVersion, gateway.outs.ipsecPsk],
      ["VPN-203.0.113.10", 86400, 3600, false, "ike", "shared-secret-of-the-office"],
    );
    assertPlainJson(gateway.outs);
    assert.deepStrictEqual((await plan(provider(), gateway, OFFICE)).diff, NO_CHANGE);
    assert.deepStrictEqual((await plan(provider(), gateway, { ...OFFICE, cidrList: ["192.168.11.0/24", "192.168.10.0/24"] })).diff, NO_CHANGE);
  });

  it("updates in place sending the full state, so that fields left out keep their values", async () => {
    const gateway = await createFrom(provider(), { ...OFFICE, name: "office", ikeLifetime: 28800, dpd: true, ikeVersion: "ikev2" });
    const mark = fx.jobs.length;
    const news = { ...OFFICE, name: "office", ikeLifetime: 28800, dpd: true, ikeVersion: "ikev2", espPolicy: "aes128-sha1;modp1536", ipsecPsk: "a-new-shared-secret" };
    const updated = await updateTo(provider(), gateway, news);
    assert.deepStrictEqual(jobsSince(fx, mark), ["updateVpnCustomerGateway"]);
    const sent = fx.jobs[mark].params;
    assert.deepStrictEqual([sent.ikelifetime, sent.dpd, sent.ikeversion, sent.name], ["28800", "true", "ikev2", "office"]);
    const api = await row(gateway.id);
    assert.deepStrictEqual([api.esppolicy, api.ipsecpsk, api.ikelifetime, api.dpd], ["aes128-sha1;modp1536", "a-new-shared-secret", 28800, true]);
    assert.deepStrictEqual((await plan(provider(), updated, news)).diff, NO_CHANGE);
    // Dropping an optional field from the program is no change: CloudStack keeps what it has.
    assert.deepStrictEqual((await plan(provider(), updated, { ...news, dpd: undefined })).diff, NO_CHANGE);
  });

  it("sees drift (an update that reset the optional fields) on refresh, out-of-band deletion, and deletes twice", async () => {
    const gateway = await createFrom(provider(), { ...OFFICE, ikeLifetime: 28800, dpd: true });
    await fx.admin.client.execute("updateVpnCustomerGateway", {
      id: gateway.id,
      gateway: "203.0.113.10",
      cidrlist: "192.168.10.0/24,192.168.11.0/24",
      ipsecpsk: "shared-secret-of-the-office",
      ikepolicy: "aes256-sha256;modp2048",
      esppolicy: "aes256-sha256",
    });
    const read = await provider().read(gateway.id, gateway.outs);
    assert.deepStrictEqual([read.inputs?.ikeLifetime, read.inputs?.dpd], [86400, false], "CloudStack reset what the update left out");
    const drift = await plan(provider(), { id: gateway.id, outs: read.props }, { ...OFFICE, ikeLifetime: 28800, dpd: true });
    assert.deepStrictEqual(drift.diff, { changes: true, replaces: [], deleteBeforeReplace: false });
    await fx.admin.client.execute("deleteVpnCustomerGateway", { id: gateway.id });
    assert.deepStrictEqual(await provider().read(gateway.id, gateway.outs), { id: "", props: {} });
    await provider().delete(gateway.id, gateway.outs);
    await provider().delete(gateway.id, gateway.outs);
  });

  it("reads from the id alone and adopts with importId, never showing the key in errors", async () => {
    const made = await fx.admin.client.execute("createVpnCustomerGateway", {
      gateway: "198.51.100.7",
      cidrlist: "172.20.0.0/16",
      ipsecpsk: "made-by-hand-secret",
      ikepolicy: "aes128-sha1;modp1536",
      esppolicy: "aes128-sha1",
    });
    const id = String((made.vpncustomergateway as Record<string, unknown>).id);
    const read = await provider().read(id, {});
    assert.deepStrictEqual([read.inputs?.gateway, read.inputs?.cidrList, read.inputs?.ipsecPsk], ["198.51.100.7", ["172.20.0.0/16"], "made-by-hand-secret"]);
    const news = customerGatewayInputs("198.51.100.7", ["172.20.0.0/16"], { ipsecPsk: "the-program-secret", ikePolicy: "aes128-sha1;modp1536", espPolicy: "aes128-sha1" });
    const adopted = await provider().create((await provider().check({}, { ...news, importId: id })).inputs);
    assert.strictEqual(adopted.id, id);
    assert.strictEqual((await row(id)).ipsecpsk, "the-program-secret", "the program's key is applied in place");
    const other = await provider().check({}, { ...news, account: "user", domainId: String(read.props.domainId), importId: id });
    await assert.rejects(provider().create(other.inputs), (err: unknown) => {
      assert.match(String(err), /cannot adopt VpnCustomerGateway/);
      assert.ok(!String(err).includes("the-program-secret"));
      return true;
    });
  });

  it("refuses bad policies, lifetimes, gateways and overlapping CIDRs at check, naming each", async () => {
    const refused = await checkRefuses(fx, "VpnCustomerGateway", {
      ...OFFICE,
      gateway: "not a host",
      cidrList: ["10.8.0.0/16", "10.8.1.0/24"],
      ikePolicy: "aes256-sha256",
      espPolicy: "blowfish-sha1",
      ikeLifetime: 90000,
      ipsecPsk: "",
    });
    assert.deepStrictEqual(refused.sort(), [
      'cidrList[1]: "10.8.1.0/24" overlaps cidrList[0] 10.8.0.0/16',
      'espPolicy: "blowfish-sha1" is not a valid policy: "blowfish-sha1" has cipher blowfish, not one of 3des, aes128, aes192, aes256',
      'gateway: "not a host" is neither an IPv4 address nor a domain name',
      'ikeLifetime: 90000 is invalid: Too big: expected number to be <=86400',
      'ikePolicy: "aes256-sha256" is not a valid policy: "aes256-sha256" names no Diffie-Hellman group, which IKE requires (e.g. aes256-sha256;modp2048)',
      "ipsecPsk: [secret] must not be empty",
    ]);
    await refusedBy(
      fx.admin.client.execute("createVpnCustomerGateway", { gateway: "203.0.113.1", cidrlist: "10.8.0.0/16", ipsecpsk: "x-secret", ikepolicy: "aes256-sha256", esppolicy: "aes256-sha256" }),
      431,
      /^The customer gateway IKE policy aes256-sha256 is invalid! {2}Verify the required Diffie Hellman \(DH\) group is specified\.$/,
    );
  });
});

describe("VpnConnection against the simulator", function () {
  let fx: VpcFixture;
  let vpc: Applied;
  let gateway: Applied;
  let office: Applied;
  const provider = () => fx.admin.provider("VpnConnection");
  const connectionInputs = (extra: Record<string, unknown> = {}) => ({ vpnGatewayId: gateway.id, customerGatewayId: office.id, ...extra });

  startedForEachTest(startVpcFixture, async (started) => {
    fx = started;
    vpc = await makeVpc(fx);
    gateway = await createFrom(fx.admin.provider("VpnGateway"), { vpcId: vpc.id });
    office = await createFrom(fx.admin.provider("VpnCustomerGateway"), OFFICE);
  });

  it("starts a passive connection Disconnected and an active one Connecting, and plans no change after", async () => {
    const passive = await createFrom(provider(), connectionInputs({ passive: true }));
    assert.strictEqual(passive.outs.state, "Disconnected");
    assert.strictEqual(passive.outs.publicIp, gateway.outs.publicIp);
    assert.deepStrictEqual(passive.outs.cidrList, ["192.168.10.0/24", "192.168.11.0/24"]);
    assert.ok(!JSON.stringify(passive.outs).includes("shared-secret-of-the-office"), "the key is the customer gateway's output alone");
    assertPlainJson(passive.outs);
    assert.deepStrictEqual((await plan(provider(), passive, connectionInputs({ passive: true }))).diff, NO_CHANGE);
    const branch = await createFrom(fx.admin.provider("VpnCustomerGateway"), customerGatewayInputs("203.0.113.20", ["192.168.20.0/24"]));
    const active = await createFrom(provider(), { vpnGatewayId: gateway.id, customerGatewayId: branch.id });
    assert.strictEqual(active.outs.state, "Connecting", "Connected would need the router's report");
    assert.deepStrictEqual((await plan(provider(), active, { vpnGatewayId: gateway.id, customerGatewayId: branch.id, passive: false })).diff, NO_CHANGE);
  });

  it("resets when resetTrigger changes, changes the display flag in place, and replaces on passive, deleting first", async () => {
    const connection = await createFrom(provider(), connectionInputs({ passive: true, resetTrigger: "1" }));
    let mark = fx.jobs.length;
    const reset = await updateTo(provider(), connection, connectionInputs({ passive: true, resetTrigger: "2" }));
    assert.deepStrictEqual(jobsSince(fx, mark), ["resetVpnConnection"]);
    assert.strictEqual(reset.outs.state, "Disconnected");
    mark = fx.jobs.length;
    const forgotten = await updateTo(provider(), reset, connectionInputs({ passive: true, forDisplay: false }));
    assert.deepStrictEqual(jobsSince(fx, mark), ["updateVpnConnection"], "removing the trigger resets nothing");
    const active = await plan(provider(), forgotten, connectionInputs({ passive: false, forDisplay: false }));
    assert.deepStrictEqual(active.diff, { changes: true, replaces: ["passive"], deleteBeforeReplace: true });
    const replacement = await replaceDeletingFirst(provider(), forgotten, active.checked);
    assert.strictEqual(replacement.outs.state, "Connecting");
  });

  it("blocks deleting either gateway while it exists, sees out-of-band deletion, and deletes twice", async () => {
    const connection = await createFrom(provider(), connectionInputs());
    await assert.rejects(fx.admin.provider("VpnGateway").delete(gateway.id, gateway.outs), (err: unknown) => {
      assert.ok(err instanceof JobFailedError, String(err));
      assert.strictEqual(err.errorcode, 431);
      assert.match(err.errortext, /^Unable to delete VPN gateway \d+ because there is still related VPN connections!$/);
      return true;
    });
    await assert.rejects(fx.admin.provider("VpnCustomerGateway").delete(office.id, office.outs), /Unable to delete VPN customer gateway \d+ because there is still related VPN connections!/);
    const read = await provider().read(connection.id, {});
    assert.deepStrictEqual([read.inputs?.vpnGatewayId, read.inputs?.customerGatewayId], [gateway.id, office.id]);
    const adopted = await provider().create((await provider().check({}, connectionInputs({ forDisplay: false, importId: connection.id }))).inputs);
    assert.deepStrictEqual([adopted.id, adopted.outs.forDisplay], [connection.id, false]);
    // Shown again by hand: refresh sees the drift, and the next plan changes it back in place.
    await fx.admin.client.execute("updateVpnConnection", { id: connection.id, fordisplay: true });
    const drifted = await provider().read(connection.id, adopted.outs);
    assert.strictEqual(drifted.inputs?.forDisplay, true);
    const back = await plan(provider(), { id: connection.id, outs: drifted.props }, connectionInputs({ forDisplay: false }));
    assert.deepStrictEqual(back.diff, { changes: true, replaces: [], deleteBeforeReplace: false });
    await fx.admin.client.execute("deleteVpnConnection", { id: connection.id });
    assert.deepStrictEqual(await provider().read(connection.id, connection.outs), { id: "", props: {} });
    await provider().delete(connection.id, connection.outs);
    await provider().delete(connection.id, connection.outs);
    await fx.admin.provider("VpnGateway").delete(gateway.id, gateway.outs);
  });

  it("lets CloudStack refuse a customer subnet inside the VPC, and a second connection of the same pair", async () => {
    const inside = await createFrom(fx.admin.provider("VpnCustomerGateway"), customerGatewayInputs("203.0.113.30", ["10.0.5.0/24"]));
    const checked = await provider().check({}, { vpnGatewayId: gateway.id, customerGatewayId: inside.id });
    await refusedBy(provider().create(checked.inputs), 537, /^The subnets of customer gateway \d+'s subnet 10\.0\.5\.0\/24 is overlapped with VPC cidr 10\.0\.0\.0\/16!$/);
    await createFrom(provider(), connectionInputs());
    await refusedBy(
      fx.admin.client.execute("createVpnConnection", { s2svpngatewayid: gateway.id, s2scustomergatewayid: office.id }),
      431,
      /^The vpn connection with customer gateway id \d+ and vpn gateway id \d+ already existed!$/,
    );
    assert.deepStrictEqual((await adminList(fx, "listVpnConnections", { vpcid: vpc.id, listall: true })).length, 1);
  });
});
