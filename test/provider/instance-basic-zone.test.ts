// An Instance in the basic zone (security groups, NetScaler elastic IPs) through the provider,
// against the simulator over real HTTP: no networks, the default security group by name, and
// the elastic public IP CloudStack maps to it at deploy among the outputs.
import * as assert from "assert";
import { startedForSuite } from "../support/fixture-hooks";
import { allInstances, InstanceFixture, SMALL, startInstanceFixture, TEMPLATE } from "../support/instance-fixture";
import { NO_CHANGE } from "../support/addressing-fixture";
import { createFrom, plan } from "../support/network-fixture";

const BASIC_ZONE = "Sandbox-basic";

describe("Instance in the basic zone against the simulator", function () {
  this.timeout(60000);
  let fx: InstanceFixture;

  const ipRow = async (id: string) =>
    (await fx.client.list<Record<string, unknown>>("listPublicIpAddresses", { id, listall: true, allocatedonly: false }))[0];

  startedForSuite(startInstanceFixture, (started) => (fx = started));

  it("deploys in the default security group by name, with its elastic public IP in the outputs, and releases the IP on delete", async () => {
    const news = { name: "basic-vm1", zone: BASIC_ZONE, serviceOffering: SMALL, template: TEMPLATE, securityGroups: ["default"] };
    const vm = await createFrom(fx.instance, news);
    assert.strictEqual(vm.outs.state, "Running");
    assert.deepStrictEqual(vm.outs.securityGroups, ["default"]);
    assert.deepStrictEqual(
      (vm.outs.nics as Array<{ networkName: string | null }>).map((nic) => nic.networkName),
      ["defaultGuestNetwork"],
      "one NIC, on the zone's guest network",
    );

    const publicIp = vm.outs.publicIp;
    const publicIpId = vm.outs.publicIpId;
    assert.ok(typeof publicIp === "string" && /^192\.168\.3\.\d+$/.test(publicIp), `elastic IP from the basic zone's public range: ${String(publicIp)}`);
    assert.ok(typeof publicIpId === "string");

    const ip = await ipRow(publicIpId);
    assert.strictEqual(ip.ipaddress, publicIp);
    assert.strictEqual(ip.isstaticnat, true);
    assert.strictEqual(ip.issystem, true, "an elastic IP is a system IP");
    assert.strictEqual(ip.virtualmachineid, vm.id);
    assert.strictEqual(ip.vmipaddress, vm.outs.ipAddress);

    const [listed] = (await allInstances(fx.client)).filter((i) => i.id === vm.id);
    const groups = listed.securitygroup as Array<Record<string, unknown>>;
    assert.deepStrictEqual(groups.map((g) => g.name), ["default"]);

    assert.deepStrictEqual((await plan(fx.instance, vm, news)).diff, NO_CHANGE);
    assert.deepStrictEqual((await plan(fx.instance, vm, { ...news, securityGroups: ["Default"] })).diff, NO_CHANGE, "group names compare without case");
    const read = await fx.instance.read(vm.id, vm.outs);
    assert.strictEqual(read.props.publicIp, publicIp);
    assert.deepStrictEqual(read.inputs?.securityGroups, ["default"]);

    await fx.instance.delete(vm.id, vm.outs);
    assert.deepStrictEqual((await allInstances(fx.client)).filter((i) => i.id === vm.id), []);
    assert.strictEqual((await ipRow(publicIpId)).state, "Free", "the elastic IP goes back to the pool with the instance");
  });
});
