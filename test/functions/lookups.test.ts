// The lookup functions against the simulator over real HTTP: for each, an object found, none,
// several, and its filters. The objects programs make (networks, VPCs, ACL lists, IPs) are made
// through the providers; domains, projects and VPC offerings, which the simulator has no command
// to create, are added to its state as an installation would already have them.
import * as assert from "assert";
import { randomUUID } from "crypto";
import { functions, LookupArgumentError, LookupError } from "../../provider/functions";
import { startedForSuite } from "../support/fixture-hooks";
import { capturingWarnings, createFrom, ISOLATED, startAddressing, ZONE, type AddressingFixture, type Caller } from "../support/addressing-fixture";
import { rootDomainId } from "../support/seed-ids";

type Args = Record<string, unknown>;

describe("lookup functions against the simulator", function () {
  let fx: AddressingFixture;
  let user: Caller;
  let root: string;
  const made: Record<string, string> = {};

  const call = (name: string, args: Args, caller: Caller = fx.admin) => functions[name].call(caller.client, args);

  /** The LookupError of a call, which must fail. */
  async function failure(name: string, args: Args, caller: Caller = fx.admin): Promise<LookupError> {
    try {
      await call(name, args, caller);
    } catch (err) {
      if (err instanceof LookupError) return err;
      throw err;
    }
    assert.fail(`${name}(${JSON.stringify(args)}) found an object`);
  }

  async function none(name: string, args: Args, caller?: Caller): Promise<string> {
    const err = await failure(name, args, caller);
    assert.strictEqual(err.matches, 0, err.message);
    assert.match(err.message, new RegExp(`^${name}\\(`), "names the call");
    return err.message;
  }

  async function several(name: string, args: Args, count: number): Promise<string> {
    const err = await failure(name, args);
    assert.strictEqual(err.matches, count, err.message);
    return err.message;
  }

  startedForSuite(startAddressing, async (started) => {
    fx = started;
    user = await fx.user();
    root = rootDomainId(fx.sim);
    const state = fx.sim.model.state;
    // Two domains named "sales" under two parents, a second project, a disabled VPC offering.
    const domain = (name: string, parent: { uuid: string; path: string; level: number }) => {
      const record = { uuid: randomUUID(), id: state.domains.length + 100, name, parentUuid: parent.uuid, path: `${parent.path}/${name}`, level: parent.level + 1, created: state.domains[0].created };
      state.domains.push(record);
      return record;
    };
    const top = { uuid: root, path: "ROOT", level: 0 };
    domain("sales", domain("eu", top));
    domain("sales", domain("us", top));
    const project = state.projects[0];
    state.projects.push({ ...project, uuid: randomUUID(), id: project.id + 100, name: "staging", displaytext: "staging", memberAccountUuids: [...project.memberAccountUuids] });
    const offering = state.vpcOfferings[0];
    state.vpcOfferings.push({ ...offering, uuid: randomUUID(), id: offering.id + 100, name: "Redundant VPC offering", displaytext: "Redundant VPC offering", isDefault: false, state: "Disabled" });

    const vpc = (name: string, cidr: string) => createFrom(fx.admin.provider("Vpc"), { name, zone: ZONE, vpcOffering: "Default VPC offering", cidr });
    made.vpcA = (await vpc("vpc-a", "10.10.0.0/16")).id;
    made.vpcAb = (await vpc("vpc-ab", "10.20.0.0/16")).id;
    const acl = (vpcId: string) => createFrom(fx.admin.provider("NetworkAclList"), { vpcId, name: "web-acl", description: "web tier" });
    made.aclA = (await acl(made.vpcA)).id;
    made.aclAb = (await acl(made.vpcAb)).id;
    const network = (name: string, cidr: string, tags: Record<string, string>) =>
      createFrom(fx.admin.provider("Network"), { name, zone: ZONE, networkOffering: ISOLATED, cidr, tags });
    made.web = (await network("web", "10.1.1.0/24", { env: "prod", tier: "web" })).id;
    made.db = (await network("db", "10.1.2.0/24", { env: "prod", tier: "db" })).id;
    made.userNet = (await createFrom(user.provider("Network"), { name: "user-net", zone: ZONE, networkOffering: ISOLATED, cidr: "10.1.3.0/24" })).id;
    const ip = (tags: Record<string, string>) => createFrom(fx.admin.provider("PublicIpAddress"), { network: made.web, tags });
    // The network's first IP becomes its source NAT IP, which the provider warns about.
    const warned = await capturingWarnings(async () => {
      made.sourceNatIp = (await ip({ role: "nat" })).id;
    });
    assert.match(warned.join("\n"), /became the source NAT IP of network web/);
    made.lbIp = (await ip({ role: "lb" })).id;
  });

  it("getZone: by name, keyword, network type and id; none and several list the candidates", async () => {
    const zone = await call("getZone", { name: ZONE });
    assert.strictEqual(zone.name, ZONE);
    assert.strictEqual(zone.networkType, "Advanced");
    assert.strictEqual(zone.dns2, null, "absent values are null");
    assert.strictEqual((await call("getZone", { id: zone.id })).name, ZONE);
    assert.strictEqual((await call("getZone", { networkType: "Basic" })).name, "Sandbox-basic");
    assert.strictEqual((await call("getZone", { keyword: "advanced-sg" })).name, "Sandbox-advanced-sg");
    const missing = await none("getZone", { name: "Sandbox" });
    assert.match(missing, /getZone\(\{ name: "Sandbox" \}\) matched no zone; candidates: "Sandbox-simulator" \(id [0-9a-f-]+\)/);
    const many = await several("getZone", { networkType: "Advanced" }, 3);
    assert.match(many, /matched 3 zones; add arguments that tell them apart/);
    assert.match(many, /"Sandbox-simulator-2" \(id /);
    // An id that names nothing: CloudStack's 431 refusal is the reason given.
    assert.match(await none("getZone", { id: randomUUID() }), /matched no zone: CloudStack answered 431/);
  });

  it("refuses bad arguments before any request, naming the argument, the value and the rule", async () => {
    await assert.rejects(call("getZone", { id: "zone-1" }), (err: Error) => {
      assert.ok(err instanceof LookupArgumentError);
      assert.match(err.message, /id: "zone-1" is not a UUID/);
      return true;
    });
    await assert.rejects(call("getZone", { zone: "x" }), /zone: "x" is not a getZone argument; the arguments are: id, name, keyword, networkType/);
    await assert.rejects(call("getNetworkOffering", { guestIpType: "isolated" }), /guestIpType: "isolated" is not one of "Isolated", "Shared", "L2"/);
  });

  it("getDomain: by name, path and level; two domains of one name are several", async () => {
    assert.strictEqual((await call("getDomain", { name: "ROOT" })).id, root);
    assert.strictEqual((await call("getDomain", { level: 0 })).path, "ROOT");
    const sales = await call("getDomain", { path: "ROOT/eu/sales" });
    assert.deepStrictEqual([sales.name, sales.level], ["sales", 2]);
    assert.match(await several("getDomain", { name: "sales" }, 2), /matched 2 domains/);
    await none("getDomain", { path: "ROOT/apac/sales" });
    // A user sees their own domain only.
    await none("getDomain", { name: "eu" }, user);
  });

  it("getAccount: by name, type and domain", async () => {
    const account = await call("getAccount", { name: "user", domainId: root });
    assert.deepStrictEqual([account.accountType, account.domainId, account.domain], [0, root, "ROOT"]);
    assert.strictEqual((await call("getAccount", { accountType: 0 })).name, "user");
    assert.match(await several("getAccount", { accountType: 1 }, 2), /"admin" \(id /);
    await none("getAccount", { name: "nobody" });
  });

  it("getProject: by name and keyword; a user finds the projects they belong to", async () => {
    const project = await call("getProject", { name: "simproject" });
    assert.strictEqual(project.projectAccountName, "PrjAcct-simproject-1");
    assert.deepStrictEqual(project.tags, {});
    assert.strictEqual((await call("getProject", { keyword: "stag" })).name, "staging");
    assert.strictEqual((await call("getProject", { name: "simproject" }, user)).id, project.id);
    await several("getProject", {}, 2);
    await none("getProject", { name: "prod" });
  });

  it("getNetworkOffering: by name, VPC-ness, guest type, services and state", async () => {
    const noLb = await call("getNetworkOffering", { name: "DefaultIsolatedNetworkOfferingForVpcNetworksNoLB" });
    assert.strictEqual(noLb.forVpc, true);
    assert.ok(!(noLb.services as string[]).includes("Lb"));
    const vpcTier = await call("getNetworkOffering", { forVpc: true, supportedServices: ["Lb"] });
    assert.strictEqual(vpcTier.name, "DefaultIsolatedNetworkOfferingForVpcNetworks");
    assert.strictEqual((await call("getNetworkOffering", { guestIpType: "L2", specifyVlan: true })).name, "DefaultL2NetworkOfferingVlan");
    assert.match(await several("getNetworkOffering", { forVpc: true }, 2), /DefaultIsolatedNetworkOfferingForVpcNetworksNoLB/);
    await none("getNetworkOffering", { name: "DefaultIsolatedNetworkOfferingForVpcNetworks", state: "Disabled" });
  });

  it("getVpcOffering: by name, state and default", async () => {
    assert.strictEqual((await call("getVpcOffering", { state: "Enabled" })).name, "Default VPC offering");
    const redundant = await call("getVpcOffering", { isDefault: false });
    assert.deepStrictEqual([redundant.name, redundant.state], ["Redundant VPC offering", "Disabled"]);
    assert.match(await several("getVpcOffering", { supportedServices: ["NetworkACL"] }, 2), /matched 2 VPC offerings/);
    await none("getVpcOffering", { name: "Default" });
  });

  it("getServiceOffering and getTemplate: by name, keyword and zone; a template in several zones is one", async () => {
    const small = await call("getServiceOffering", { name: "Small Instance" });
    assert.deepStrictEqual([small.cpuNumber, small.memory], [1, 512]);
    await several("getServiceOffering", {}, 2);
    await none("getServiceOffering", { name: "Large Instance" });

    const zone = await call("getZone", { name: ZONE });
    const template = await call("getTemplate", { keyword: "no GUI", zoneId: zone.id });
    assert.strictEqual(template.hypervisor, "Simulator");
    assert.ok((template.zoneIds as string[]).includes(String(zone.id)));
    const rows = await fx.admin.client.list<{ id: string }>("listTemplates", { templatefilter: "executable", id: String(template.id) });
    assert.strictEqual((await call("getTemplate", { id: template.id })).id, template.id, `one match though listed ${rows.length} times`);
    await several("getTemplate", { hypervisor: "Simulator" }, 2);
    await none("getTemplate", { name: "Ubuntu 24.04" });
    await none("getTemplate", { keyword: "no GUI", templateFilter: "self" });
  });

  it("getPhysicalNetwork: by name and zone (root admins)", async () => {
    const zone = await call("getZone", { name: ZONE });
    const physical = await call("getPhysicalNetwork", { zoneId: zone.id });
    assert.deepStrictEqual([physical.name, physical.zoneName, physical.isolationMethods], ["Sandbox-pnet", ZONE, "VLAN"]);
    assert.strictEqual((await call("getPhysicalNetwork", { name: "Sandbox-pnet-2" })).name, "Sandbox-pnet-2");
    await several("getPhysicalNetwork", { keyword: "Sandbox" }, 4);
    await none("getPhysicalNetwork", { name: "pnet" });
  });

  it("getNetwork: tags must all match (CloudStack matches any); owners by account or not at all", async () => {
    const web = await call("getNetwork", { tags: { env: "prod", tier: "web" } });
    assert.deepStrictEqual([web.id, web.name, web.cidr, web.type, web.vpcId], [made.web, "web", "10.1.1.0/24", "Isolated", null]);
    assert.deepStrictEqual(web.tags, { env: "prod", tier: "web" });
    assert.match(await several("getNetwork", { tags: { env: "prod" } }, 2), /"web" \(id .*zone Sandbox-simulator/);
    await none("getNetwork", { tags: { env: "prod", tier: "cache" } });
    // The user's network is not the admin's own: found with its owner named.
    await none("getNetwork", { name: "user-net" });
    const theirs = await call("getNetwork", { name: "user-net", account: "user", domainId: root });
    assert.deepStrictEqual([theirs.id, theirs.account], [made.userNet, "user"]);
    assert.strictEqual((await call("getNetwork", { name: "user-net" }, user)).id, made.userNet);
  });

  it("getVpc: the exact name, though CloudStack matches a part of it", async () => {
    const vpc = await call("getVpc", { name: "vpc-a" });
    assert.deepStrictEqual([vpc.id, vpc.cidr, vpc.vpcOfferingName], [made.vpcA, "10.10.0.0/16", "Default VPC offering"]);
    assert.strictEqual((await call("getVpc", { cidr: "10.20.0.0/16" })).name, "vpc-ab");
    assert.match(await several("getVpc", { keyword: "vpc-a" }, 2), /"vpc-ab"/);
    assert.match(await none("getVpc", { name: "vpc" }), /candidates: "vpc-a(b)?" .*"vpc-a(b)?"/);
  });

  it("getNetworkAclList: the default lists, and a VPC's list by name within the VPC", async () => {
    const allow = await call("getNetworkAclList", { name: "default_allow" });
    assert.deepStrictEqual([allow.isDefault, allow.vpcId], [true, null]);
    assert.strictEqual((await call("getNetworkAclList", { name: "default_deny", vpcId: made.vpcA })).isDefault, true);
    const web = await call("getNetworkAclList", { name: "web-acl", vpcId: made.vpcAb });
    assert.deepStrictEqual([web.id, web.vpcName, web.isDefault, web.description], [made.aclAb, "vpc-ab", false, "web tier"]);
    assert.match(await several("getNetworkAclList", { name: "web-acl" }, 2), /VPC vpc-a/);
    await none("getNetworkAclList", { name: "db-acl", vpcId: made.vpcA });
  });

  it("getPublicIpAddress: a network's source NAT IP, by tags and by address", async () => {
    const nat = await call("getPublicIpAddress", { associatedNetworkId: made.web, isSourceNat: true });
    assert.deepStrictEqual([nat.id, nat.associatedNetworkName, nat.isSourceNat], [made.sourceNatIp, "web", true]);
    const lb = await call("getPublicIpAddress", { tags: { role: "lb" } });
    assert.strictEqual(lb.id, made.lbIp);
    assert.strictEqual((await call("getPublicIpAddress", { ipAddress: lb.ipAddress })).id, made.lbIp);
    const many = await several("getPublicIpAddress", { associatedNetworkId: made.web }, 2);
    assert.match(many, new RegExp(`"${String(lb.ipAddress).replace(/\./g, "\\.")}" \\(id ${made.lbIp}`), "candidates are named by their address");
    await none("getPublicIpAddress", { tags: { role: "vpn" } });
  });

  it("each function's example in docs/functions.md finds one object", async () => {
    for (const [name, fn] of Object.entries(functions)) {
      const found = await call(name, { ...fn.example });
      assert.strictEqual(typeof found.id, "string", name);
    }
  });
});
