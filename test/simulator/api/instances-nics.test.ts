import * as assert from "assert";
import { startedForSuite } from "../../support/fixture-hooks";
import { deploy, expunge, isolatedNetwork, nicsOf, startWithCatalog, waitJob, type Catalog } from "./api-instances-fixture";
import { assertError, assertJobError, jobObject, uuidNotFoundText, type Fixture, type Obj } from "./api-fixture";

describe("simulator api: NICs and secondary IPs", function () {
  this.timeout(20_000);
  let f: Fixture;
  let c: Catalog;

  startedForSuite(startWithCatalog, (started) => ({ f, c } = started));

  const nicOf = async (vm: Obj): Promise<Obj> => (await f.list(f.user, "listNics", { virtualmachineid: String(vm.id) }))[0];

  it("adds a given or an automatic IP, lists it in secondaryip, refuses an IP in use, removes it", async () => {
    const net = await isolatedNetwork(f, c, f.user);
    const vm = await deploy(f, c, f.user, { networkids: String(net.id) });
    const other = await deploy(f, c, f.user, { networkids: String(net.id) });
    const nicId = String(nicsOf(vm)[0].id);

    const add = await f.call(f.user, "addIpToNic", { nicid: nicId, ipaddress: "10.1.1.40" });
    assert.strictEqual(add.status, 200, JSON.stringify(add.body));
    assert.ok(typeof add.body.id === "string" && typeof add.body.jobid === "string");
    const finished = await waitJob(f, String(add.body.jobid));
    const secondary = jobObject(finished, "nicsecondaryip");
    assert.deepStrictEqual(secondary, {
      id: add.body.id,
      ipaddress: "10.1.1.40",
      nicid: nicId,
      networkid: net.id,
      virtualmachineid: vm.id,
    });
    const automatic = jobObject(await f.job(f.user, "addIpToNic", { nicid: nicId }), "nicsecondaryip");
    // .2 and .3 belong to the two instances.
    assert.strictEqual(automatic.ipaddress, "10.1.1.4");
    const nic = await nicOf(vm);
    assert.deepStrictEqual(nic.secondaryip, [
      { id: secondary.id, ipaddress: "10.1.1.40" },
      { id: automatic.id, ipaddress: "10.1.1.4" },
    ]);

    for (const inUse of ["10.1.1.40", String(nicsOf(other)[0].ipaddress), "10.1.1.1", "10.1.2.5"]) {
      assertError(await f.call(f.user, "addIpToNic", { nicid: nicId, ipaddress: inUse }), 431, 4350, `Allocating ip to guest nic ${nicId} failed`);
    }
    // A taken secondary IP is not given to a new instance either.
    assertError(
      await f.call(f.user, "deployVirtualMachine", {
        zoneid: c.zoneid,
        serviceofferingid: c.offeringId,
        templateid: c.templateId,
        networkids: String(net.id),
        ipaddress: "10.1.1.40",
      }),
      533,
      4331,
      `Unable to acquire Guest IP address for network ${String(net.id)}`,
    );

    assert.deepStrictEqual(await f.job(f.user, "removeIpFromNic", { id: String(secondary.id) }).then((j) => j.jobresult), { success: true });
    assert.deepStrictEqual((await nicOf(vm)).secondaryip, [{ id: automatic.id, ipaddress: "10.1.1.4" }]);
    // Removed secondary IPs are gone from the table: their id no longer resolves.
    assertError(
      await f.call(f.user, "removeIpFromNic", { id: String(secondary.id) }),
      431,
      4350,
      uuidNotFoundText("id", String(secondary.id)),
    );
    // The address is free again.
    assert.strictEqual(jobObject(await f.job(f.user, "addIpToNic", { nicid: nicId, ipaddress: "10.1.1.40" }), "nicsecondaryip").ipaddress, "10.1.1.40");
  });

  it("honours the IP reservation for secondary IPs", async () => {
    const net = await isolatedNetwork(f, c, f.user);
    const vm = await deploy(f, c, f.user, { networkids: String(net.id) });
    assert.strictEqual((await f.job(f.user, "updateNetwork", { id: String(net.id), guestvmcidr: "10.1.1.0/28" })).jobstatus, 1);
    const nicId = String(nicsOf(vm)[0].id);
    assertError(await f.call(f.user, "addIpToNic", { nicid: nicId, ipaddress: "10.1.1.100" }), 431, 4350, `Allocating ip to guest nic ${nicId} failed`);
    assert.strictEqual(jobObject(await f.job(f.user, "addIpToNic", { nicid: nicId }), "nicsecondaryip").ipaddress, "10.1.1.3");
    assert.strictEqual(jobObject(await f.job(f.user, "addIpToNic", { nicid: nicId, ipaddress: "10.1.1.10" }), "nicsecondaryip").ipaddress, "10.1.1.10");
    // A secondary IP outside a narrower CIDR (.10 outside 10.1.1.0/29) does not block it: CloudStack checks the NICs' own IPs.
    assert.strictEqual((await f.job(f.user, "updateNetwork", { id: String(net.id), guestvmcidr: "10.1.1.0/29" })).jobstatus, 1);
  });

  it("takes secondary IPs of a shared network from its ranges", async () => {
    const shared = await f.call(f.admin, "createNetwork", {
      zoneid: c.zoneid,
      name: "shared-nics",
      networkofferingid: c.networkOfferings.DefaultSharedNetworkOffering,
      vlan: "310",
      gateway: "10.30.0.1",
      netmask: "255.255.255.0",
      startip: "10.30.0.10",
      endip: "10.30.0.12",
    });
    const netId = String((shared.body.network as Obj).id);
    const vm = await deploy(f, c, f.user, { networkids: netId });
    const nicId = String(nicsOf(vm)[0].id);
    assert.strictEqual(nicsOf(vm)[0].ipaddress, "10.30.0.10");
    assert.strictEqual(jobObject(await f.job(f.user, "addIpToNic", { nicid: nicId }), "nicsecondaryip").ipaddress, "10.30.0.11");
    assertError(await f.call(f.user, "addIpToNic", { nicid: nicId, ipaddress: "10.30.0.99" }), 431, 4350, `Allocating ip to guest nic ${nicId} failed`);
    const last = jobObject(await f.job(f.user, "addIpToNic", { nicid: nicId, ipaddress: "10.30.0.12" }), "nicsecondaryip");
    assertError(await f.call(f.user, "addIpToNic", { nicid: nicId }), 431, 4350, `Allocating ip to guest nic ${nicId} failed`);
    assert.strictEqual((await f.job(f.user, "removeIpFromNic", { id: String(last.id) })).jobstatus, 1);
    assert.strictEqual(jobObject(await f.job(f.user, "addIpToNic", { nicid: nicId }), "nicsecondaryip").ipaddress, "10.30.0.12");
    // Expunging the instance frees its NIC and secondary IPs.
    await expunge(f, vm.id);
    const again = await deploy(f, c, f.user, { networkids: netId });
    assert.strictEqual(nicsOf(again)[0].ipaddress, "10.30.0.10");
  });

  it("static NAT on a secondary IP; such an IP cannot be removed while NATed", async () => {
    const net = await isolatedNetwork(f, c, f.user);
    const vm = await deploy(f, c, f.user, { networkids: String(net.id) });
    const nicId = String(nicsOf(vm)[0].id);
    const secondary = jobObject(await f.job(f.user, "addIpToNic", { nicid: nicId }), "nicsecondaryip");
    const ip = jobObject(await f.job(f.user, "associateIpAddress", { networkid: String(net.id) }), "ipaddress");
    assert.strictEqual(ip.issourcenat, false);
    const enabled = await f.call(f.user, "enableStaticNat", {
      ipaddressid: String(ip.id),
      virtualmachineid: String(vm.id),
      vmguestip: String(secondary.ipaddress),
    });
    assert.strictEqual(enabled.status, 200, JSON.stringify(enabled.body));
    const nic = await nicOf(vm);
    assert.deepStrictEqual(nic.secondaryip, [{ id: secondary.id, ipaddress: secondary.ipaddress }]);
    const listedIp = (await f.list(f.user, "listPublicIpAddresses", { id: String(ip.id) }))[0];
    assert.strictEqual(listedIp.vmipaddress, secondary.ipaddress);
    assertJobError(
      await f.job(f.user, "removeIpFromNic", { id: String(secondary.id) }),
      431,
      `Can' remove the ip ${String(secondary.ipaddress)}is associate with static NAT rule public IP address id ${String(ip.id)}`,
    );
    assert.deepStrictEqual((await nicOf(vm)).secondaryip, [{ id: secondary.id, ipaddress: secondary.ipaddress }]);
    assert.strictEqual((await f.job(f.user, "disableStaticNat", { ipaddressid: String(ip.id) })).jobstatus, 1);
    assert.strictEqual((await f.job(f.user, "removeIpFromNic", { id: String(secondary.id) })).jobstatus, 1);
  });

  it("listNics needs the instance, checks access, filters by network", async () => {
    const net = await isolatedNetwork(f, c, f.admin);
    const vm = await deploy(f, c, f.admin, { networkids: String(net.id) });
    assertError(await f.call(f.admin, "listNics"), 431, 9999, "Unable to execute API command listnics due to missing parameter virtualmachineid");
    assertError(
      await f.call(f.user, "listNics", { virtualmachineid: String(vm.id) }),
      531,
      4365,
      `Account user does not have permission to operate with resource ${String(vm.id)}`,
    );
    const nics = await f.list(f.admin, "listNics", { virtualmachineid: String(vm.id), networkid: String(net.id) });
    assert.strictEqual(nics.length, 1);
    assert.match(String(nics[0].macaddress), /^02:00(:[0-9a-f]{2}){4}$/);
    assert.strictEqual(nics[0].broadcasturi, `vlan://${String((await f.list(f.admin, "listNetworks", { id: String(net.id) }))[0].vlan)}`);
    assertError(
      await f.call(f.user, "addIpToNic", { nicid: String(nics[0].id) }),
      531,
      4365,
      `Account user does not have permission to operate with resource ${String(vm.id)}`,
    );
    await expunge(f, vm.id);
    assertError(await f.call(f.admin, "listNics", { virtualmachineid: String(vm.id) }), 431, 4350, "Virtual machine id does not exist");
  });
});
