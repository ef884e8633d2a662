import * as assert from "assert";
import { startedForSuite } from "../../support/fixture-hooks";
import { deploy, deployParams, expunge, isolatedNetwork, nicsOf, startWithCatalog, waitJob, type Catalog } from "./api-instances-fixture";
import { assertError, assertJobError, jobObject, uuidNotFoundText, type Fixture, type Obj } from "./api-fixture";

describe("simulator api: instances (deploy, list, destroy)", function () {
  this.timeout(30_000);
  let f: Fixture;
  let c: Catalog;

  startedForSuite(startWithCatalog, (started) => ({ f, c } = started));

  describe("catalog", () => {
    it("lists the Small Instance offering and the two simulator templates per zone", async () => {
      const small = (await f.list(f.user, "listServiceOfferings", { name: "Small Instance" }))[0];
      assert.strictEqual(small.cpunumber, 1);
      assert.strictEqual(small.issystem, false);
      const templates = await f.list(f.user, "listTemplates", { templatefilter: "featured", zoneid: c.zoneid });
      const byName = new Map(templates.map((t) => [String(t.name), t]));
      assert.strictEqual(byName.get("CentOS 5.6 (64-bit) no GUI (Simulator)")?.passwordenabled, false);
      assert.strictEqual(byName.get("CentOS 5.6 (64-bit) password enabled (Simulator)")?.passwordenabled, true);
      assert.ok(templates.every((t) => t.isready === true && t.isfeatured === true && t.zoneid === c.zoneid));
      // Cross-zone templates are listed once per zone (the GSLB zone Sandbox-simulator-2 and the
      // security group zone Sandbox-advanced-sg too).
      const everywhere = await f.list(f.user, "listTemplates", { templatefilter: "featured", name: "CentOS 5.6 (64-bit) no GUI (Simulator)" });
      const secondZone = String((await f.list(f.admin, "listZones", { name: "Sandbox-simulator-2" }))[0].id);
      const sgZone = String((await f.list(f.admin, "listZones", { name: "Sandbox-advanced-sg" }))[0].id);
      assert.deepStrictEqual(everywhere.map((t) => t.zoneid).sort(), [c.zoneid, c.basicZoneId, secondZone, sgZone].sort());
      assert.deepStrictEqual(await f.list(f.user, "listTemplates", { templatefilter: "self" }), []);
      assertError(
        await f.call(f.user, "listTemplates"),
        431,
        9999,
        "Unable to execute API command listtemplates due to missing parameter templatefilter",
      );
    });
  });

  describe("deployVirtualMachine", () => {
    it("implements the network on the first instance: VLAN, source NAT IP, the first guest IP", async () => {
      const net = await isolatedNetwork(f, c, f.user);
      assert.strictEqual(net.state, "Allocated");
      const first = await f.call(f.user, "deployVirtualMachine", deployParams(c, { networkids: String(net.id), name: "web-1" }));
      assert.strictEqual(first.status, 200);
      const vmId = String(first.body.id);
      assert.ok(typeof first.body.jobid === "string" && vmId.length > 0);
      const waited = await waitJob(f, String(first.body.jobid));
      assert.strictEqual(waited.jobinstancetype, "VirtualMachine");
      assert.strictEqual(waited.jobinstanceid, vmId);
      const vm = jobObject(waited, "virtualmachine");
      assert.strictEqual(vm.id, vmId);
      assert.strictEqual(vm.state, "Running");
      assert.strictEqual(vm.name, "web-1");
      assert.strictEqual(vm.templatename, "CentOS 5.6 (64-bit) no GUI (Simulator)");
      assert.strictEqual(vm.serviceofferingname, "Small Instance");
      assert.strictEqual(vm.passwordenabled, false);
      assert.ok(!("password" in vm));
      const [nic] = nicsOf(vm);
      assert.strictEqual(nic.networkid, net.id);
      assert.strictEqual(nic.ipaddress, "10.1.1.2");
      assert.strictEqual(nic.gateway, "10.1.1.1");
      assert.strictEqual(nic.netmask, "255.255.255.0");
      assert.strictEqual(nic.isdefault, true);
      assert.strictEqual(vm.ipaddress, "10.1.1.2");
      const listed = (await f.list(f.admin, "listNetworks", { id: String(net.id) }))[0];
      assert.strictEqual(listed.state, "Implemented");
      assert.match(String(listed.vlan), /^\d+$/);
      const ips = await f.list(f.user, "listPublicIpAddresses", { associatednetworkid: String(net.id) });
      assert.strictEqual(ips.length, 1);
      assert.strictEqual(ips[0].issourcenat, true);
      const second = await deploy(f, c, f.user, { networkids: String(net.id) });
      assert.strictEqual(nicsOf(second)[0].ipaddress, "10.1.1.3");
      // A generated name is VM-<uuid>.
      assert.strictEqual(second.name, `VM-${String(second.id)}`);
    });

    it("with startvm=false stores a Stopped instance and leaves the network Allocated", async () => {
      const net = await isolatedNetwork(f, c, f.user);
      const vm = await deploy(f, c, f.user, { networkids: String(net.id), startvm: "false" });
      assert.strictEqual(vm.state, "Stopped");
      assert.strictEqual(nicsOf(vm)[0].ipaddress, "10.1.1.2");
      assert.strictEqual((await f.list(f.user, "listNetworks", { id: String(net.id) }))[0].state, "Allocated");
    });

    it("returns the generated password once, for a password-enabled template", async () => {
      const net = await isolatedNetwork(f, c, f.user);
      const vm = await deploy(f, c, f.user, { networkids: String(net.id), templateid: c.passwordTemplateId });
      assert.strictEqual(vm.passwordenabled, true);
      assert.match(String(vm.password), /^[A-Za-z0-9]{6}$/);
      const listed = (await f.list(f.user, "listVirtualMachines", { id: String(vm.id) }))[0];
      assert.strictEqual(listed.passwordenabled, true);
      assert.ok(!("password" in listed));
    });

    it("takes an ordered network list with fixed IPs; the first is the default", async () => {
      const a = await isolatedNetwork(f, c, f.user, "a");
      const b = await isolatedNetwork(f, c, f.user, "b");
      const vm = await deploy(f, c, f.user, {
        "iptonetworklist[0].networkid": String(b.id),
        "iptonetworklist[0].ip": "10.1.1.50",
        "iptonetworklist[1].networkid": String(a.id),
        "iptonetworklist[1].ip": "10.1.1.60",
      });
      const nics = nicsOf(vm);
      assert.deepStrictEqual(
        nics.map((n) => [n.networkid, n.ipaddress, n.isdefault]),
        [
          [b.id, "10.1.1.50", true],
          [a.id, "10.1.1.60", false],
        ],
      );
      const withIp = await deploy(f, c, f.user, { networkids: `${String(a.id)},${String(b.id)}`, ipaddress: "10.1.1.70" });
      assert.deepStrictEqual(nicsOf(withIp).map((n) => n.ipaddress), ["10.1.1.70", "10.1.1.2"]);
      // listNics shows the same NICs.
      const listedNics = await f.list(f.user, "listNics", { virtualmachineid: String(withIp.id) });
      assert.deepStrictEqual(listedNics.map((n) => n.ipaddress), ["10.1.1.70", "10.1.1.2"]);
      assert.ok(listedNics.every((n) => n.virtualmachineid === withIp.id));
    });

    it("refuses an IP that is taken, outside the CIDR or the gateway, and stores nothing", async () => {
      const net = await isolatedNetwork(f, c, f.user);
      await deploy(f, c, f.user, { networkids: String(net.id), ipaddress: "10.1.1.9" });
      const before = await f.list(f.user, "listVirtualMachines", { networkid: String(net.id) });
      const text = `Unable to acquire Guest IP address for network ${String(net.id)}`;
      for (const ip of ["10.1.1.9", "10.1.2.9", "10.1.1.1"]) {
        assertError(await f.call(f.user, "deployVirtualMachine", deployParams(c, { networkids: String(net.id), ipaddress: ip })), 533, 4331, text);
      }
      assert.strictEqual((await f.list(f.user, "listVirtualMachines", { networkid: String(net.id) })).length, before.length);
    });

    it("checks the request: map with networkids, bad name, name taken, unknown ids, another account's network", async () => {
      const net = await isolatedNetwork(f, c, f.user);
      assertError(
        await f.call(f.user, "deployVirtualMachine", deployParams(c, { networkids: String(net.id), "iptonetworklist[0].networkid": String(net.id) })),
        431,
        4350,
        "ipToNetworkMap can't be specified along with networkIds or ipAddress",
      );
      assertError(
        await f.call(f.user, "deployVirtualMachine", deployParams(c, { networkids: String(net.id), name: "1bad_name" })),
        431,
        4350,
        "Invalid name. Vm name can contain ASCII letters 'a' through 'z', the digits '0' through '9', and the hyphen ('-'), must be between 1 and 63 characters long, and can't start or end with \"-\" and can't start with digit",
      );
      await deploy(f, c, f.user, { networkids: String(net.id), name: "dup" });
      const dup = await f.call(f.user, "deployVirtualMachine", deployParams(c, { networkids: String(net.id), name: "dup" }));
      assertError(dup, 431, 4350, `The vm with hostName dup already exists in the network domain: ${String(net.networkdomain)}; network=${String(net.id)}`);
      const ghost = "11111111-2222-4333-8444-555555555555";
      assertError(await f.call(f.user, "deployVirtualMachine", deployParams(c, { networkids: ghost })), 431, 4350, uuidNotFoundText("networkids", ghost));
      assertError(
        await f.call(f.user, "deployVirtualMachine", deployParams(c, { networkids: String(net.id), serviceofferingid: ghost })),
        431,
        4350,
        uuidNotFoundText("serviceofferingid", ghost),
      );
      const adminNet = await isolatedNetwork(f, c, f.admin);
      assertError(
        await f.call(f.user, "deployVirtualMachine", deployParams(c, { networkids: String(adminNet.id) })),
        531,
        4365,
        `Unable to use network with id= ${String(adminNet.id)}, permission denied`,
      );
      assertError(
        await f.call(f.user, "deployVirtualMachine", deployParams(c, { networkids: String(net.id), securitygroupnames: "default" })),
        431,
        4350,
        "Can't create vm with security groups; security group feature is not enabled per zone",
      );
    });
  });

  describe("updateVirtualMachine", () => {
    it("changes the display name and group in place, for the owner only", async () => {
      const net = await isolatedNetwork(f, c, f.user);
      const vm = await deploy(f, c, f.user, { networkids: String(net.id), name: "named" });
      assert.strictEqual(vm.displayname, "named");
      const r = await f.call(f.user, "updateVirtualMachine", { id: String(vm.id), displayname: "Web server", group: "web" });
      assert.strictEqual(r.status, 200, JSON.stringify(r.body));
      const updated = r.body.virtualmachine as Obj;
      assert.deepStrictEqual([updated.name, updated.displayname, updated.group], ["named", "Web server", "web"]);
      assert.strictEqual((await f.list(f.user, "listVirtualMachines", { id: String(vm.id) }))[0].displayname, "Web server");
      const adminNet = await isolatedNetwork(f, c, f.admin);
      const other = await deploy(f, c, f.admin, { networkids: String(adminNet.id) });
      assertError(
        await f.call(f.user, "updateVirtualMachine", { id: String(other.id), displayname: "x" }),
        531,
        4365,
        `Account user does not have permission to operate with resource ${String(other.id)}`,
      );
      await expunge(f, other.id);
      assertError(await f.call(f.admin, "updateVirtualMachine", { id: String(other.id), displayname: "x" }), 431, 4350, `unable to find virtual machine with id ${String(other.id)}`);
    });
  });

  describe("IP reservation and instances", () => {
    it("gives new instances IPs only inside the guest VM CIDR and refuses a reservation that strands one", async () => {
      const net = await isolatedNetwork(f, c, f.user);
      const first = await deploy(f, c, f.user, { networkids: String(net.id) });
      assert.strictEqual(nicsOf(first)[0].ipaddress, "10.1.1.2");
      const reserved = jobObject(await f.job(f.user, "updateNetwork", { id: String(net.id), guestvmcidr: "10.1.1.0/25" }), "network");
      assert.strictEqual(reserved.cidr, "10.1.1.0/25");
      assert.strictEqual(reserved.networkcidr, "10.1.1.0/24");
      assert.strictEqual(reserved.reservediprange, "10.1.1.127-10.1.1.254");
      assertError(
        await f.call(f.user, "deployVirtualMachine", deployParams(c, { networkids: String(net.id), ipaddress: "10.1.1.200" })),
        533,
        4331,
        `Unable to acquire Guest IP address for network ${String(net.id)}`,
      );
      const inside = await deploy(f, c, f.user, { networkids: String(net.id), ipaddress: "10.1.1.100" });
      assert.strictEqual(nicsOf(inside)[0].ipaddress, "10.1.1.100");
      assert.strictEqual(nicsOf(inside)[0].netmask, "255.255.255.0");
      assertJobError(
        await f.job(f.user, "updateNetwork", { id: String(net.id), guestvmcidr: "10.1.1.0/26" }),
        431,
        "Active IPs like 10.1.1.100 exist outside the Guest VM CIDR. Cannot apply reservation",
      );
      assert.strictEqual((await f.list(f.user, "listNetworks", { id: String(net.id) }))[0].cidr, "10.1.1.0/25");
      // The automatic choice stays inside too: fill the /25 (.2 and .100 are taken; the gateway is .1).
      const taken = new Set(["10.1.1.2", "10.1.1.100"]);
      let last = "";
      for (let i = 0; i < 123; i += 1) {
        const vm = await deploy(f, c, f.user, { networkids: String(net.id) });
        last = String(nicsOf(vm)[0].ipaddress);
        assert.ok(!taken.has(last), `${last} given twice`);
        taken.add(last);
      }
      assert.strictEqual(last, "10.1.1.126");
      assertError(
        await f.call(f.user, "deployVirtualMachine", deployParams(c, { networkids: String(net.id) })),
        533,
        4331,
        `Unable to acquire Guest IP address for network ${String(net.id)}`,
      );
    });
  });

  describe("shared networks with several ranges", () => {
    it("fills the ranges in order, each with its own gateway, then runs out", async () => {
      const shared = await f.call(f.admin, "createNetwork", {
        zoneid: c.zoneid,
        name: "shared",
        networkofferingid: c.networkOfferings.DefaultSharedNetworkOffering,
        vlan: "300",
        gateway: "10.20.0.1",
        netmask: "255.255.255.0",
        startip: "10.20.0.10",
        endip: "10.20.0.11",
      });
      assert.strictEqual(shared.status, 200, JSON.stringify(shared.body));
      const netId = String((shared.body.network as Obj).id);
      const second = await f.call(f.admin, "createVlanIpRange", {
        networkid: netId,
        gateway: "10.20.1.1",
        netmask: "255.255.255.0",
        startip: "10.20.1.10",
        endip: "10.20.1.10",
        vlan: "300",
        forvirtualnetwork: "false",
      });
      assert.strictEqual(second.status, 200, JSON.stringify(second.body));
      const got: Array<[unknown, unknown]> = [];
      for (let i = 0; i < 3; i += 1) {
        const vm = await deploy(f, c, f.user, { networkids: netId });
        const nic = nicsOf(vm)[0];
        got.push([nic.ipaddress, nic.gateway]);
      }
      assert.deepStrictEqual(got, [
        ["10.20.0.10", "10.20.0.1"],
        ["10.20.0.11", "10.20.0.1"],
        ["10.20.1.10", "10.20.1.1"],
      ]);
      assertError(await f.call(f.user, "deployVirtualMachine", deployParams(c, { networkids: netId })), 533, 4320, "Insufficient address capacity");
      const rows = await f.list(f.admin, "listPublicIpAddresses", { networkid: netId, forvirtualnetwork: "false", listall: "true" });
      assert.deepStrictEqual(rows.map((r) => r.ipaddress).sort(), ["10.20.0.10", "10.20.0.11", "10.20.1.10"]);
    });
  });

  describe("destroyVirtualMachine and network deletion", () => {
    it("instances block their network's deletion until expunged", async () => {
      const net = await isolatedNetwork(f, c, f.admin);
      const vm = await deploy(f, c, f.admin, { networkids: String(net.id) });
      assertJobError(await f.job(f.admin, "deleteNetwork", { id: String(net.id) }), 530, "Failed to delete network");
      const destroyed = jobObject(await f.job(f.admin, "destroyVirtualMachine", { id: String(vm.id) }), "virtualmachine");
      assert.strictEqual(destroyed.state, "Destroyed");
      assertJobError(await f.job(f.admin, "deleteNetwork", { id: String(net.id), forced: "true" }), 530, "Failed to delete network");
      const job = await f.job(f.admin, "destroyVirtualMachine", { id: String(vm.id), expunge: "true" });
      assert.strictEqual(jobObject(job, "virtualmachine").state, "Expunging");
      assert.deepStrictEqual(await f.list(f.admin, "listVirtualMachines", { id: String(vm.id) }), []);
      assertJobError(
        await f.job(f.admin, "destroyVirtualMachine", { id: String(vm.id), expunge: "true" }),
        431,
        "Unable to find a virtual machine with specified vmId",
      );
      assert.strictEqual((await f.job(f.admin, "deleteNetwork", { id: String(net.id) })).jobstatus, 1);
      const ghost = "11111111-2222-4333-8444-555555555555";
      assertError(await f.call(f.admin, "listVirtualMachines", { id: ghost }), 431, 4350, uuidNotFoundText("id", ghost));
    });

    it("a normal user may expunge only when allow.user.expunge.recover.vm is true for the account", async () => {
      const net = await isolatedNetwork(f, c, f.user);
      const vm = await deploy(f, c, f.user, { networkids: String(net.id) });
      const job = await f.job(f.user, "destroyVirtualMachine", { id: String(vm.id), expunge: "true" });
      // A PermissionDeniedException inside the job: ApiAsyncJobDispatcher reports it as 530.
      assertJobError(job, 530, "Parameter expunge can be passed by Admin only. Or when the allow.user.expunge.recover.vm key is set.");
      assert.strictEqual((await f.list(f.user, "listVirtualMachines", { id: String(vm.id) }))[0].state, "Running");
      const set = await f.call(f.admin, "updateConfiguration", { name: "allow.user.expunge.recover.vm", value: "true", accountid: c.userAccountId });
      assert.strictEqual(set.status, 200, JSON.stringify(set.body));
      assert.strictEqual((await f.job(f.user, "destroyVirtualMachine", { id: String(vm.id), expunge: "true" })).jobstatus, 1);
      assert.deepStrictEqual(await f.list(f.user, "listVirtualMachines", { id: String(vm.id) }), []);
      await f.call(f.admin, "updateConfiguration", { name: "allow.user.expunge.recover.vm", value: "false", accountid: c.userAccountId });
    });

    it("another account may not destroy the instance", async () => {
      const net = await isolatedNetwork(f, c, f.admin);
      const vm = await deploy(f, c, f.admin, { networkids: String(net.id) });
      // DestroyVMCmd's id carries @ACL: refused while dispatching, before any job.
      assertError(await f.call(f.user, "destroyVirtualMachine", { id: String(vm.id) }), 531, 4365, `Account user does not have permission to operate with resource ${String(vm.id)}`);
      assert.deepStrictEqual(await f.list(f.user, "listVirtualMachines", { id: String(vm.id) }), []);
      await expunge(f, vm.id);
    });
  });

  describe("a deploy whose start fails", () => {
    let g: Fixture;
    let gc: Catalog;
    startedForSuite(startWithCatalog, (started) => {
      ({ f: g, c: gc } = started);
      // No free public IP is left in the zone (set up in-process: every free row reserved by the system account).
      const zone = g.sim.model.state.zones.find((z) => z.name === "Sandbox-simulator");
      const system = g.sim.model.state.accounts.find((a) => a.name === "system");
      for (const ip of g.sim.model.state.publicIps) {
        if (ip.zoneUuid === zone?.uuid && ip.state === "Free") Object.assign(ip, { state: "Reserved", accountUuid: system?.uuid });
      }
    });

    it("leaves the instance in Error holding its NICs, until destroy with expunge removes it", async () => {
      const net = await isolatedNetwork(g, gc, g.admin);
      const job = await g.job(g.admin, "deployVirtualMachine", deployParams(gc, { networkids: String(net.id), name: "doomed" }));
      assertJobError(job, 533, "Insufficient address capacity");
      const [vm] = await g.list(g.admin, "listVirtualMachines", { name: "doomed" });
      assert.strictEqual(vm.id, job.jobinstanceid);
      assert.strictEqual(vm.state, "Error");
      assert.deepStrictEqual(nicsOf(vm).map((n) => n.ipaddress), ["10.1.1.2"]);
      // The network was not implemented, but the failed instance still holds its IP and blocks the delete.
      const listed = (await g.list(g.admin, "listNetworks", { id: String(net.id) }))[0];
      assert.strictEqual(listed.state, "Allocated");
      assert.ok(!("vlan" in listed));
      assertError(
        await g.call(g.admin, "deployVirtualMachine", deployParams(gc, { networkids: String(net.id), ipaddress: "10.1.1.2" })),
        533,
        4331,
        `Unable to acquire Guest IP address for network ${String(net.id)}`,
      );
      assertJobError(await g.job(g.admin, "deleteNetwork", { id: String(net.id) }), 530, "Failed to delete network");
      await expunge(g, vm.id);
      assert.deepStrictEqual(await g.list(g.admin, "listVirtualMachines", { name: "doomed" }), []);
      assert.strictEqual((await g.job(g.admin, "deleteNetwork", { id: String(net.id) })).jobstatus, 1);
    });
  });
});
