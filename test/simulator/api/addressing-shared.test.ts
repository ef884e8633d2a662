import * as assert from "assert";
import { startedForSuite } from "../../support/fixture-hooks";
import { deploy, expunge, nicsOf, startWithCatalog, type Catalog } from "./api-instances-fixture";
import { assertError, type Fixture, type Obj } from "./api-fixture";

describe("simulator api: a shared network with two ranges in different subnets", function () {
  this.timeout(30_000);
  let f: Fixture;
  let c: Catalog;

  startedForSuite(startWithCatalog, (started) => ({ f, c } = started));

  it("instances fill the first range, then the second; a range in use cannot be deleted and nothing changes", async () => {
    const net = (
      await f.call(f.admin, "createNetwork", {
        zoneid: c.zoneid,
        name: "two-subnets",
        networkofferingid: c.networkOfferings.DefaultSharedNetworkOffering,
        vlan: "350",
        gateway: "10.50.1.1",
        netmask: "255.255.255.0",
        startip: "10.50.1.10",
        endip: "10.50.1.11",
      })
    ).body.network as Obj;
    const second = await f.call(f.admin, "createVlanIpRange", {
      networkid: String(net.id),
      forvirtualnetwork: "false",
      gateway: "10.50.2.1",
      netmask: "255.255.255.0",
      startip: "10.50.2.10",
      endip: "10.50.2.11",
    });
    assert.strictEqual(second.status, 200, JSON.stringify(second.body));
    const secondRange = second.body.vlan as Obj;

    const vms: Obj[] = [];
    for (let i = 0; i < 3; i += 1) vms.push(await deploy(f, c, f.admin, { networkids: String(net.id) }));
    assert.deepStrictEqual(
      vms.map((vm) => [nicsOf(vm)[0].ipaddress, nicsOf(vm)[0].gateway]),
      [
        ["10.50.1.10", "10.50.1.1"],
        ["10.50.1.11", "10.50.1.1"],
        ["10.50.2.10", "10.50.2.1"],
      ],
    );
    const guestIps = await f.list(f.admin, "listPublicIpAddresses", { networkid: String(net.id), forvirtualnetwork: "false" });
    assert.deepStrictEqual(guestIps.map((ip) => ip.ipaddress), ["10.50.1.10", "10.50.1.11", "10.50.2.10"]);
    assert.deepStrictEqual(await f.list(f.admin, "listPublicIpAddresses", { networkid: String(net.id) }), [], "guest IPs are not listed as public IPs by default");

    const before = await f.list(f.admin, "listVlanIpRanges", { networkid: String(net.id) });
    assertError(await f.call(f.admin, "deleteVlanIpRange", { id: String(secondRange.id) }), 431, 4350, "1  Ips are in use. Cannot delete this vlan");
    assert.deepStrictEqual(await f.list(f.admin, "listVlanIpRanges", { networkid: String(net.id) }), before);

    await expunge(f, vms[2].id);
    assert.deepStrictEqual(await f.call(f.admin, "deleteVlanIpRange", { id: String(secondRange.id) }), { status: 200, body: { success: true } });
    assert.deepStrictEqual((await f.list(f.admin, "listVlanIpRanges", { networkid: String(net.id) })).map((r) => r.id), [before[0].id]);
  });
});
