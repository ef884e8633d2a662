// PrivateGateway on an associated network (associatedNetworkId instead of a VLAN) through the
// provider, against the simulator over real HTTP.
import * as assert from "assert";
import { apiRefusal } from "../support/api-refusal";
import { startedForEachTest } from "../support/fixture-hooks";
import { ISOLATED } from "../support/network-fixture";
import { adminList, Applied, assertPlainJson, createFrom, makeVpc, NO_CHANGE, plan, Props, replaceDeletingFirst, startVpcFixture, VpcFixture, ZONE } from "../support/vpc-fixture";

describe("PrivateGateway on an associated network against the simulator", function () {
  this.timeout(60000);
  let fx: VpcFixture;
  let vpc: Applied;
  let transit: Applied;

  const provider = () => fx.admin.provider("PrivateGateway");
  const gatewayRow = async (id: string) => (await adminList(fx, "listPrivateGateways", { id, listall: true }))[0];
  const networkRow = async (id: string) => (await adminList(fx, "listNetworks", { id, listall: true }))[0];
  const isolated = (name: string, cidr: string) => createFrom(fx.admin.provider("Network"), { name, zone: ZONE, networkOffering: ISOLATED, cidr });
  const onNetwork = (networkId: string, extra: Props = {}): Props => ({
    vpcId: vpc.id,
    associatedNetworkId: networkId,
    ipAddress: "10.110.0.2",
    gateway: "10.110.0.1",
    netmask: "255.255.255.0",
    ...extra,
  });

  startedForEachTest(startVpcFixture, async (started) => {
    fx = started;
    vpc = await makeVpc(fx);
    transit = await isolated("transit", "172.16.0.0/24");
  });

  it("creates a Ready gateway on the associated network, implementing it, and plans no change after", async () => {
    assert.strictEqual((await networkRow(transit.id)).state, "Allocated");
    const news = onNetwork(transit.id);
    const gw = await createFrom(provider(), news);
    assertPlainJson(gw.outs);
    assert.strictEqual(gw.outs.state, "Ready");
    assert.strictEqual(gw.outs.associatedNetworkId, transit.id);
    assert.strictEqual(gw.outs.associatedNetworkName, "transit");
    assert.strictEqual(gw.outs.aclName, "default_deny");

    const api = await gatewayRow(gw.id);
    assert.strictEqual(api.associatednetworkid, transit.id);
    assert.strictEqual(api.vpcid, vpc.id);
    assert.strictEqual(api.ipaddress, "10.110.0.2");
    assert.strictEqual((await networkRow(transit.id)).state, "Implemented", "the gateway implements the network");

    assert.deepStrictEqual((await plan(provider(), gw, news)).diff, NO_CHANGE);
    const read = await provider().read(gw.id, gw.outs);
    assert.strictEqual(read.props.associatedNetworkId, transit.id);
    assert.deepStrictEqual((await plan(provider(), { id: gw.id, outs: read.props }, news)).diff, NO_CHANGE);

    await provider().delete(gw.id, gw.outs);
    assert.deepStrictEqual(await provider().read(gw.id, gw.outs), { id: "", props: {} });
  });

  it("replaces the gateway, deleting first, to move it to another associated network with the same IP", async () => {
    const gw = await createFrom(provider(), onNetwork(transit.id));
    const other = await isolated("transit-2", "172.16.1.0/24");
    const { checked, diff } = await plan(provider(), gw, onNetwork(other.id));
    assert.deepStrictEqual(diff, { changes: true, replaces: ["associatedNetworkId"], deleteBeforeReplace: true });
    const moved = await replaceDeletingFirst(provider(), gw, checked);
    assert.strictEqual(await gatewayRow(gw.id), undefined);
    assert.strictEqual((await gatewayRow(moved.id)).associatednetworkid, other.id);
    assert.strictEqual(moved.outs.associatedNetworkName, "transit-2");
  });

  it("is refused, with CloudStack's text, when its IP lies in the associated network's CIDR", async () => {
    const checked = await provider().check({}, onNetwork(transit.id, { ipAddress: "172.16.0.20", gateway: "172.16.0.1" }));
    assert.deepStrictEqual(checked.failures, []);
    await assert.rejects(
      provider().create(checked.inputs),
      apiRefusal(431, "The IP range (172.16.0.20-172.16.0.20) overlaps with cidr of associated network: transit (172.16.0.0/24)"),
    );
    assert.deepStrictEqual(await adminList(fx, "listPrivateGateways", { vpcid: vpc.id, listall: true }), []);
  });
});
