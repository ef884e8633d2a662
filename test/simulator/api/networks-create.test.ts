import * as assert from "assert";
import { startedForSuite } from "../../support/fixture-hooks";
import { startWithCatalog } from "./api-instances-fixture";
import { assertError, uuidNotFoundText, type Fixture, type Obj } from "./api-fixture";

describe("simulator api: createNetwork", function () {
  this.timeout(20_000);
  let f: Fixture;
  let zoneid: string;
  let offerings: Record<string, string>;

  startedForSuite(startWithCatalog, (started) => ({ f, c: { zoneid, networkOfferings: offerings } } = started));

  const create = (creds: Fixture["admin"], params: Record<string, string>) => f.call(creds, "createNetwork", { zoneid, ...params });
  const created = async (creds: Fixture["admin"], params: Record<string, string>): Promise<Obj> => {
    const r = await create(creds, params);
    assert.strictEqual(r.status, 200, JSON.stringify(r.body));
    return r.body.network as Obj;
  };

  it("creates an isolated network in Allocated with the zone's guest CIDR, no VLAN yet", async () => {
    const n = await created(f.user, { name: "iso", networkofferingid: offerings.DefaultIsolatedNetworkOfferingWithSourceNatService });
    assert.strictEqual(n.state, "Allocated");
    assert.strictEqual(n.type, "Isolated");
    assert.strictEqual(n.cidr, "10.1.1.0/24");
    assert.strictEqual(n.gateway, "10.1.1.1");
    assert.strictEqual(n.netmask, "255.255.255.0");
    assert.strictEqual(n.acltype, "Account");
    assert.strictEqual(n.account, "user");
    assert.strictEqual(n.dns1, "10.147.28.6");
    assert.strictEqual(n.displaytext, "iso");
    assert.strictEqual(n.related, n.id);
    assert.strictEqual(n.ispersistent, false);
    assert.deepStrictEqual(n.tags, []);
    assert.strictEqual(n.vlan, undefined);
    assert.strictEqual(n.broadcasturi, undefined);
    assert.match(String(n.networkdomain), /^cs[0-9a-f]+sandbox\.simulator$/);
    const names = (n.service as Obj[]).map((s) => s.name).sort();
    assert.deepStrictEqual(names, ["Dhcp", "Dns", "Firewall", "Lb", "PortForwarding", "SourceNat", "StaticNat", "UserData", "Vpn"]);
    const sourceNat = (n.service as Obj[]).find((s) => s.name === "SourceNat") as Obj;
    assert.deepStrictEqual(sourceNat.provider, [{ name: "VirtualRouter" }]);
    assert.ok((sourceNat.capability as Obj[]).some((c) => c.name === "SupportedSourceNatTypes" && c.value === "peraccount"));
  });

  it("uses the given gateway and netmask for an isolated network", async () => {
    const n = await created(f.user, {
      name: "iso2",
      networkofferingid: offerings.DefaultIsolatedNetworkOfferingWithSourceNatService,
      gateway: "10.20.0.1",
      netmask: "255.255.252.0",
      networkdomain: "example.internal",
      dns1: "8.8.8.8",
    });
    assert.strictEqual(n.cidr, "10.20.0.0/22");
    assert.strictEqual(n.gateway, "10.20.0.1");
    assert.strictEqual(n.networkdomain, "example.internal");
    assert.strictEqual(n.dns1, "8.8.8.8");
  });

  it("implements a network of a persistent offering at creation: VLAN and source NAT IP", async () => {
    const n = await created(f.admin, { name: "persist", networkofferingid: offerings.DefaultIsolatedNetworkOfferingWithSourceNatServicePersistent });
    assert.strictEqual(n.state, "Implemented");
    assert.strictEqual(n.ispersistent, true);
    const vlan = Number(n.vlan);
    assert.ok(vlan >= 100 && vlan <= 200, `vlan ${n.vlan} outside the vnet range`);
    assert.strictEqual(n.broadcasturi, `vlan://${vlan}`);
    const ips = f.sim.model.state.publicIps.filter((ip) => ip.associatedNetworkUuid === n.id);
    assert.strictEqual(ips.length, 1);
    assert.strictEqual(ips[0].isSourceNat, true);
    assert.strictEqual(ips[0].state, "Allocated");
    assert.match(ips[0].address, /^192\.168\.2\.\d+$/);
    const second = await created(f.admin, { name: "persist2", networkofferingid: offerings.DefaultIsolatedNetworkOfferingWithSourceNatServicePersistent });
    assert.notStrictEqual(second.vlan, n.vlan);
  });

  it("shows VLAN and broadcast URI to root admins only", async () => {
    const n = await created(f.user, { name: "persist-user", networkofferingid: offerings.DefaultIsolatedNetworkOfferingWithSourceNatServicePersistent });
    assert.strictEqual(n.vlan, undefined);
    const asAdmin = (await f.list(f.admin, "listNetworks", { id: String(n.id) }))[0];
    assert.ok(Number(asAdmin.vlan) >= 100);
    assert.strictEqual(asAdmin.broadcasturi, `vlan://${asAdmin.vlan}`);
  });

  it("creates a shared network in Setup with its VLAN, range and Domain acl", async () => {
    const n = await created(f.admin, {
      name: "shared",
      networkofferingid: offerings.DefaultSharedNetworkOffering,
      vlan: "300",
      gateway: "172.16.10.1",
      netmask: "255.255.255.0",
      startip: "172.16.10.10",
      endip: "172.16.10.100",
    });
    assert.strictEqual(n.state, "Setup");
    assert.strictEqual(n.type, "Shared");
    assert.strictEqual(n.acltype, "Domain");
    assert.strictEqual(n.subdomainaccess, true);
    assert.strictEqual(n.account, undefined);
    assert.strictEqual(n.vlan, "300");
    assert.strictEqual(n.broadcasturi, "vlan://300");
    assert.strictEqual(n.cidr, "172.16.10.0/24");
    assert.strictEqual(n.specifyipranges, true);
  });

  it("takes domainid alone as the domain of a domain-wide shared network", async () => {
    const rootDomain = f.sim.model.state.domains[0].uuid;
    const n = await created(f.admin, {
      name: "shared-root",
      networkofferingid: offerings.DefaultSharedNetworkOffering,
      vlan: "310",
      gateway: "172.16.11.1",
      netmask: "255.255.255.0",
      startip: "172.16.11.10",
      endip: "172.16.11.20",
      domainid: rootDomain,
      subdomainaccess: "false",
    });
    assert.strictEqual(n.acltype, "Domain");
    assert.strictEqual(n.domainid, rootDomain);
    assert.strictEqual(n.subdomainaccess, false);
    // Users of the domain see domain-wide networks in their default list.
    assert.ok((await f.list(f.user, "listNetworks")).some((x) => x.id === n.id));
  });

  it("creates L2 networks, with and without a VLAN", async () => {
    const plain = await created(f.user, { name: "l2", networkofferingid: offerings.DefaultL2NetworkOffering });
    assert.strictEqual(plain.state, "Allocated");
    assert.strictEqual(plain.type, "L2");
    assert.strictEqual(plain.cidr, undefined);
    assert.strictEqual(plain.networkdomain, undefined);
    assert.deepStrictEqual(plain.service, []);
    const tagged = await created(f.admin, { name: "l2v", networkofferingid: offerings.DefaultL2NetworkOfferingVlan, vlan: "400" });
    assert.strictEqual(tagged.state, "Setup");
    assert.strictEqual(tagged.vlan, "400");
  });

  describe("rules", () => {
    const iso = () => offerings.DefaultIsolatedNetworkOfferingWithSourceNatService;
    const shared = (extra: Record<string, string> = {}) => ({
      name: "s",
      networkofferingid: offerings.DefaultSharedNetworkOffering,
      gateway: "172.17.0.1",
      netmask: "255.255.255.0",
      startip: "172.17.0.10",
      endip: "172.17.0.20",
      vlan: "500",
      ...extra,
    });

    it("startip needs gateway and netmask", async () => {
      assertError(
        await create(f.user, { name: "x", networkofferingid: iso(), startip: "10.1.1.10" }),
        431,
        4350,
        "gateway and netmask should be defined when startIP/endIP are passed in",
      );
    });

    it("the gateway may not be the network or broadcast address", async () => {
      for (const gateway of ["10.3.0.0", "10.3.0.255"]) {
        assertError(
          await create(f.user, { name: "x", networkofferingid: iso(), gateway, netmask: "255.255.255.0" }),
          431,
          4350,
          "Invalid gateway IP provided. Either the IP is broadcast or network IP.",
        );
      }
    });

    it("rejects a malformed netmask and gateway", async () => {
      assertError(await create(f.user, { name: "x", networkofferingid: iso(), gateway: "10.3.0.1", netmask: "255.0.255.0" }), 431, 4350, "Invalid netmask");
      assertError(await create(f.user, { name: "x", networkofferingid: iso(), gateway: "not-an-ip", netmask: "255.255.255.0" }), 431, 4350, "Gateway parameter is invalid");
    });

    it("an isolated CIDR must be RFC1918", async () => {
      assertError(
        await create(f.user, { name: "x", networkofferingid: iso(), gateway: "8.8.8.1", netmask: "255.255.255.0" }),
        431,
        4350,
        "Virtual Guest Cidr 8.8.8.0/24 is not RFC 1918 or 6598 compliant",
      );
    });

    it("vlan needs an offering with specifyvlan", async () => {
      assertError(
        await create(f.admin, { name: "x", networkofferingid: iso(), vlan: "600" }),
        431,
        4350,
        "Can't specify vlan; corresponding offering says specifyVlan=false",
      );
      const { vlan: _omit, ...noVlan } = shared();
      void _omit;
      assertError(await create(f.admin, noVlan), 431, 4350, "Vlan has to be specified; corresponding offering says specifyVlan=true");
    });

    it("a shared network with specifyvlan needs a root admin; a start/end range only while allow.empty.start.end.ipaddress is false", async () => {
      const { vlan: _vlan, ...userParams } = shared();
      void _vlan;
      assertError(
        await create(f.user, userParams),
        431,
        4350,
        "This user can only create an Isolated network, a L2 network or a Shared network with specifyVlan=false.",
      );
      const adminAccountId = String((await f.list(f.admin, "listAccounts", { name: "admin" }))[0].id);
      const setting = (value: string) => f.call(f.admin, "updateConfiguration", { name: "allow.empty.start.end.ipaddress", value, accountid: adminAccountId });
      assert.strictEqual((await setting("false")).status, 200);
      try {
        assertError(
          await create(f.admin, { name: "s", networkofferingid: offerings.DefaultSharedNetworkOffering, vlan: "501" }),
          431,
          4350,
          "Either IPv4 or IPv6 start and end address are mandatory",
        );
      } finally {
        assert.strictEqual((await setting("true")).status, 200);
      }
      // CloudStack's default lets the range come later; an advanced zone still needs the subnet.
      assertError(
        await create(f.admin, { name: "s", networkofferingid: offerings.DefaultSharedNetworkOffering, vlan: "501" }),
        431,
        4350,
        "Gateway/netmask are required when creating Shared networks.",
      );
    });

    it("a non-root caller may not use an offering that needs a VLAN", async () => {
      assertError(
        await create(f.user, { name: "x", networkofferingid: offerings.DefaultL2NetworkOfferingVlan }),
        431,
        4350,
        "Only ROOT admin is allowed to specify vlanId or bypass vlan overlap check",
      );
    });

    it("a vlan parameter from a non-root caller is a parameter error of its own", async () => {
      const r = await create(f.user, { name: "x", networkofferingid: offerings.DefaultL2NetworkOfferingVlan, vlan: "700" });
      assert.strictEqual(r.status, 431);
    });

    it("rejects VLANs of the dynamic vnet range and VLANs already in use", async () => {
      assertError(
        await create(f.admin, shared({ vlan: "150" })),
        431,
        4350,
        "The VLAN tag 150 is already being used for dynamic vlan allocation for the guest network in zone Sandbox-simulator",
      );
      const zone = f.sim.model.state.zones[0];
      assert.strictEqual((await create(f.admin, shared({ vlan: "510" }))).status, 200);
      assertError(
        await create(f.admin, shared({ vlan: "510", gateway: "172.18.0.1", startip: "172.18.0.10", endip: "172.18.0.20" })),
        431,
        4350,
        `Network with vlan 510 already exists or overlaps with other network vlans in zone Zone {"id": "${zone.id}", "name": "${zone.name}", "uuid": "${zone.uuid}"}`,
      );
    });

    it("a shared range must not overlap the zone's public range, and the gateway stays outside it", async () => {
      assertError(
        await create(f.admin, shared({ vlan: "520", gateway: "192.168.2.1", startip: "192.168.2.210", endip: "192.168.2.220" })),
        431,
        4350,
        "The IP range with tag: vlan://untagged in zone Sandbox-simulator has overlapped with the subnet. Please specify a different gateway/netmask.",
      );
      assertError(
        await create(f.admin, shared({ vlan: "521", gateway: "172.19.0.15", startip: "172.19.0.10", endip: "172.19.0.20" })),
        431,
        4350,
        "The gateway ip should not be the part of the ip range being added.",
      );
    });

    it("VPC offerings need a VPC", async () => {
      assertError(
        await create(f.user, { name: "x", networkofferingid: offerings.DefaultIsolatedNetworkOfferingForVpcNetworks }),
        431,
        4350,
        "Network offering can be used for VPC networks only",
      );
    });

    it("acltype rules", async () => {
      assertError(await create(f.user, { name: "x", networkofferingid: iso(), acltype: "Domain" }), 431, 4350, "AclType should be Account for network of type Isolated");
      assertError(await create(f.user, { name: "x", networkofferingid: iso(), acltype: "bogus" }), 431, 4350, "Incorrect aclType specified. Check the API documentation for supported types");
      assertError(
        await create(f.user, { name: "x", networkofferingid: iso(), subdomainaccess: "true" }),
        431,
        4350,
        "Parameter subDomainAccess can be specified only with aclType=Domain",
      );
    });

    it("private VLANs are root-only and not for isolated networks", async () => {
      assertError(await create(f.user, { name: "x", networkofferingid: offerings.DefaultL2NetworkOffering, isolatedpvlan: "900" }), 431, 4350, "Only ROOT admin is allowed to create Private VLAN network");
      assertError(
        await create(f.admin, { name: "x", networkofferingid: iso(), isolatedpvlan: "900" }),
        431,
        4350,
        "Can only support create Private VLAN network with advanced shared or L2 network!",
      );
      const n = await created(f.admin, { name: "pvlan", networkofferingid: offerings.DefaultL2NetworkOfferingVlan, vlan: "800", isolatedpvlan: "801" });
      assert.strictEqual(n.broadcasturi, "pvlan://800-i801");
      assert.strictEqual(n.broadcastdomaintype, "Pvlan");
    });

    it("a non-root caller may not go below the CIDR size limit", async () => {
      assertError(
        await create(f.user, { name: "x", networkofferingid: iso(), gateway: "10.8.0.1", netmask: "255.255.0.0" }),
        431,
        4350,
        "Cidr size can't be less than 22",
      );
    });

    it("an offering without SourceNat needs an IP range, and ranges only where the offering allows them", async () => {
      assertError(
        await create(f.admin, { name: "x", networkofferingid: offerings.DefaultIsolatedNetworkOffering }),
        431,
        4350,
        "gateway/netmask are required when create network of type Isolated with service SourceNat disabled",
      );
    });

    it("unknown ids in UUID parameters are 431 with the parameter name", async () => {
      const ghost = "0b1e6a4c-0000-4000-8000-000000000000";
      assertError(await create(f.user, { name: "x", networkofferingid: ghost }), 431, 4350, uuidNotFoundText("networkofferingid", ghost));
      assertError(await f.call(f.user, "createNetwork", { name: "x", networkofferingid: iso(), zoneid: ghost }), 431, 4350, uuidNotFoundText("zoneid", ghost));
      assertError(await create(f.user, { name: "x", networkofferingid: iso(), vpcid: ghost }), 431, 4350, uuidNotFoundText("vpcid", ghost));
    });
  });
});
