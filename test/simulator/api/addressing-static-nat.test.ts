import * as assert from "assert";
import { startedForSuite } from "../../support/fixture-hooks";
import { deploy, isolatedNetwork, nicsOf, startWithCatalog, type Catalog } from "./api-instances-fixture";
import { assertError, assertJobError, jobObject, type Fixture, type Obj } from "./api-fixture";

describe("simulator api: static NAT (secondary IPs, portable IPs, elastic IPs in the basic zone)", function () {
  this.timeout(30_000);
  let f: Fixture;
  let c: Catalog;

  startedForSuite(startWithCatalog, (started) => ({ f, c } = started));

  const associate = async (params: Record<string, string>, creds = f.user): Promise<Obj> =>
    jobObject(await f.job(creds, "associateIpAddress", params), "ipaddress");
  const ipById = async (id: unknown): Promise<Obj> =>
    (await f.list(f.admin, "listPublicIpAddresses", { id: String(id), allocatedonly: "false" }))[0];
  const enable = (params: Record<string, string>) => f.call(f.user, "enableStaticNat", params);

  /** A network with an instance in it (the deploy implements it and takes its source NAT IP). */
  async function networkWithVm(name: string): Promise<{ net: Obj; vm: Obj }> {
    const net = await isolatedNetwork(f, c, f.user, name);
    const vm = await deploy(f, c, f.user, { networkids: String(net.id) });
    return { net, vm };
  }

  it("maps a public IP to an instance synchronously; the IP shows the instance; disabling is a job", async () => {
    const { net, vm } = await networkWithVm("web");
    const ip = await associate({ networkid: String(net.id) });
    assert.strictEqual(ip.issourcenat, false, "the network already had its source NAT IP from the deploy");
    const r = await enable({ ipaddressid: String(ip.id), virtualmachineid: String(vm.id) });
    assert.deepStrictEqual(r, { status: 200, body: { success: true } });
    const mapped = await ipById(ip.id);
    assert.deepStrictEqual(
      [mapped.isstaticnat, mapped.virtualmachineid, mapped.virtualmachinename, mapped.vmipaddress],
      [true, vm.id, vm.name, nicsOf(vm)[0].ipaddress],
    );
    assert.deepStrictEqual(
      (await f.list(f.user, "listPublicIpAddresses", { isstaticnat: "true" })).map((x) => x.id),
      [ip.id],
    );
    assert.strictEqual((await f.job(f.user, "disableStaticNat", { ipaddressid: String(ip.id) })).jobstatus, 1);
    const cleared = await ipById(ip.id);
    assert.deepStrictEqual([cleared.isstaticnat, cleared.virtualmachineid, cleared.state], [false, undefined, "Allocated"]);
    const again = await f.job(f.user, "disableStaticNat", { ipaddressid: String(ip.id) });
    assertJobError(again, 431, "Specified IP address id is not associated with any vm Id");
  });

  it("refuses the network's source NAT IP with CloudStack's reason and changes nothing", async () => {
    const { net, vm } = await networkWithVm("snat");
    const snat = (await f.list(f.user, "listPublicIpAddresses", { associatednetworkid: String(net.id), issourcenat: "true" }))[0];
    assertError(
      await enable({ ipaddressid: String(snat.id), virtualmachineid: String(vm.id) }),
      431,
      4350,
      `Can't enable static, ip address ${String(snat.ipaddress)} is a sourceNat ip address`,
    );
    const after = await ipById(snat.id);
    assert.deepStrictEqual([after.isstaticnat, after.issourcenat, after.state], [false, true, "Allocated"]);
  });

  it("refuses an IP mapped to another instance (537), an instance outside the network, and a second IP for the same guest IP", async () => {
    const { net, vm } = await networkWithVm("pair");
    const other = await deploy(f, c, f.user, { networkids: String(net.id) });
    const ip = await associate({ networkid: String(net.id) });
    assert.strictEqual((await enable({ ipaddressid: String(ip.id), virtualmachineid: String(vm.id) })).status, 200);
    assertError(
      await enable({ ipaddressid: String(ip.id), virtualmachineid: String(other.id) }),
      537,
      4360,
      `Failed to enable static for the ip address ${String(ip.ipaddress)} and vm id=${String(other.id)} as it's already assigned to antoher vm`,
    );
    const second = await associate({ networkid: String(net.id) });
    // RulesManagerImpl.isIpReadyForStaticNat (3d6cafe) names both IPs and the VM's instance name.
    const instanceName = String((await f.list(f.admin, "listVirtualMachines", { id: String(vm.id) }))[0].instancename);
    assertError(
      await enable({ ipaddressid: String(second.id), virtualmachineid: String(vm.id) }),
      431,
      4350,
      `Failed to enable static nat on the  ip ${String(second.ipaddress)} with Id ${String(second.id)} as the vm ${instanceName} with Id ${String(vm.id)} is already associated with another public ip ${String(ip.ipaddress)} with id ${String(ip.id)}`,
    );
    const elsewhere = await networkWithVm("elsewhere");
    // Without networkid the IP's own network is meant.
    assertError(
      await enable({ ipaddressid: String(second.id), virtualmachineid: String(elsewhere.vm.id) }),
      431,
      4350,
      "Vm doesn't belong to the network with specified id",
    );
    assertError(
      await enable({ ipaddressid: String(second.id), virtualmachineid: String(elsewhere.vm.id), networkid: String(elsewhere.net.id) }),
      431,
      4350,
      `Invalid network Id=${String(elsewhere.net.id)}. IP is associated with a different network than passed network id`,
    );
  });

  it("maps a NIC's secondary IP given as vmguestip; an IP that is not the instance's is refused", async () => {
    const { net, vm } = await networkWithVm("secondary");
    const nic = nicsOf(vm)[0];
    const added = jobObject(await f.job(f.user, "addIpToNic", { nicid: String(nic.id) }), "nicsecondaryip");
    const ip = await associate({ networkid: String(net.id) });
    assertError(
      await enable({ ipaddressid: String(ip.id), virtualmachineid: String(vm.id), vmguestip: "10.1.1.250" }),
      431,
      4350,
      "VM ip 10.1.1.250 address not belongs to the vm",
    );
    assert.strictEqual((await enable({ ipaddressid: String(ip.id), virtualmachineid: String(vm.id), vmguestip: String(added.ipaddress) })).status, 200);
    assert.strictEqual((await ipById(ip.id)).vmipaddress, added.ipaddress);
    // The primary IP is a different guest IP: another public IP may map to it.
    const primary = await associate({ networkid: String(net.id) });
    assert.strictEqual((await enable({ ipaddressid: String(primary.id), virtualmachineid: String(vm.id) })).status, 200);
  });

  it("moves a portable IP with static NAT to an instance in another network", async () => {
    await f.job(f.admin, "createPortableIpRange", { regionid: "1", gateway: "10.200.0.1", netmask: "255.255.255.0", startip: "10.200.0.10", endip: "10.200.0.12" });
    const a = await networkWithVm("portable-a");
    const b = await networkWithVm("portable-b");
    const ip = await associate({ networkid: String(a.net.id), isportable: "true" });
    assert.deepStrictEqual([ip.isportable, ip.associatednetworkid], [true, a.net.id]);
    assert.strictEqual((await enable({ ipaddressid: String(ip.id), virtualmachineid: String(a.vm.id) })).status, 200);
    assertError(
      await enable({ ipaddressid: String(ip.id), virtualmachineid: String(b.vm.id), networkid: String(b.net.id) }),
      431,
      4350,
      `Portable IP: ${String(ip.id)} has associated services in network ${String(a.net.id)} so can not be transferred to  network ${String(b.net.id)}`,
    );
    assert.strictEqual((await f.job(f.user, "disableStaticNat", { ipaddressid: String(ip.id) })).jobstatus, 1);
    assert.strictEqual((await enable({ ipaddressid: String(ip.id), virtualmachineid: String(b.vm.id), networkid: String(b.net.id) })).status, 200);
    const moved = await ipById(ip.id);
    assert.deepStrictEqual([moved.associatednetworkid, moved.virtualmachineid, moved.isstaticnat], [b.net.id, b.vm.id, true]);
    const [range] = await f.list(f.admin, "listPortableIpRanges");
    const entry = (range.portableipaddress as Obj[]).find((p) => p.ipaddress === ip.ipaddress) as Obj;
    assert.deepStrictEqual([entry.state, entry.networkid], ["Allocated", b.net.id]);
  });

  it("an account-dedicated range whose IP has static NAT cannot be deleted", async () => {
    // The network takes its source NAT IP at deploy, before the range exists.
    const { net, vm } = await networkWithVm("dedicated");
    const range = (
      await f.call(f.admin, "createVlanIpRange", {
        zoneid: c.zoneid,
        gateway: "172.30.0.1",
        netmask: "255.255.255.0",
        startip: "172.30.0.10",
        endip: "172.30.0.10",
        account: "user",
        domainid: c.rootDomainId,
      })
    ).body.vlan as Obj;
    const ip = await associate({ networkid: String(net.id) });
    assert.strictEqual(ip.ipaddress, "172.30.0.10");
    await enable({ ipaddressid: String(ip.id), virtualmachineid: String(vm.id) });
    assertError(
      await f.call(f.admin, "deleteVlanIpRange", { id: String(range.id) }),
      431,
      4350,
      `Can't delete account specific vlan ${String(range.id)} as ip 172.30.0.10 belonging to the range is used for static nat purposes. Cleanup the rules first`,
    );
  });

  describe("elastic IPs in the basic zone", () => {
    it("a new instance gets a system public IP with static NAT; an acquired IP takes over; disabling it gives the instance a fresh system IP", async () => {
      const vm = jobObject(
        await f.job(f.user, "deployVirtualMachine", { zoneid: c.basicZoneId, serviceofferingid: c.offeringId, templateid: c.templateId }),
        "virtualmachine",
      );
      const systemIps = await f.list(f.user, "listPublicIpAddresses", { zoneid: c.basicZoneId, isstaticnat: "true" });
      assert.strictEqual(systemIps.length, 1);
      const first = systemIps[0];
      assert.deepStrictEqual([first.issystem, first.virtualmachineid, first.purpose], [true, vm.id, "StaticNat"]);
      assertJobError(
        await f.job(f.user, "disableStaticNat", { ipaddressid: String(first.id) }),
        431,
        "Can't disable static nat for system IP address with specified id",
      );
      assertJobError(await f.job(f.user, "disassociateIpAddress", { id: String(first.id) }), 431, "Can't release system IP address with specified id");

      const acquired = await associate({ zoneid: c.basicZoneId });
      assert.deepStrictEqual([acquired.issystem, acquired.issourcenat], [false, false]);
      assert.strictEqual((await enable({ ipaddressid: String(acquired.id), virtualmachineid: String(vm.id) })).status, 200);
      assert.strictEqual((await ipById(first.id)).state, "Free", "the system IP goes back to the pool");
      assert.strictEqual((await ipById(acquired.id)).virtualmachineid, vm.id);

      assert.strictEqual((await f.job(f.user, "disableStaticNat", { ipaddressid: String(acquired.id) })).jobstatus, 1);
      const afterDisable = await ipById(acquired.id);
      assert.deepStrictEqual([afterDisable.isstaticnat, afterDisable.state], [false, "Allocated"]);
      const fresh = await f.list(f.user, "listPublicIpAddresses", { zoneid: c.basicZoneId, isstaticnat: "true" });
      assert.strictEqual(fresh.length, 1);
      assert.deepStrictEqual([fresh[0].issystem, fresh[0].virtualmachineid], [true, vm.id]);
      assert.notStrictEqual(fresh[0].id, acquired.id);
      const listedVm = (await f.list(f.user, "listVirtualMachines", { id: String(vm.id) }))[0];
      assert.strictEqual(listedVm.publicip, fresh[0].ipaddress);
    });
  });
});
