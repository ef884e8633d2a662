// References to owned objects (networks, VPCs, instances) are looked up in the owner scope of
// the resource that names them: a project's network named from a project's resource is found.
import * as assert from "assert";
import { UNKNOWN } from "../../provider";
import { startedForEachTest } from "../support/fixture-hooks";
import { rootDomainId as rootDomainOf, simProjectId } from "../support/seed-ids";
import { AddressingFixture, Caller, createFrom, ISOLATED, PERSISTENT, startAddressing, ZONE } from "../support/addressing-fixture";

describe("owner-aware references against the simulator", function () {
  let fx: AddressingFixture;
  let projectId: string;
  let rootDomainId: string;

  startedForEachTest(startAddressing, (started) => {
    fx = started;
    projectId = simProjectId(fx.sim);
    rootDomainId = rootDomainOf(fx.sim);
  });

  async function projectNetwork(caller: Caller, name: string): Promise<string> {
    return (await createFrom(caller.provider("Network"), { name, zone: ZONE, networkOffering: PERSISTENT, projectId })).id;
  }

  it("resolves a project's network by name from a project-owned resource (root admin)", async () => {
    const networkId = await projectNetwork(fx.admin, "proj-net");
    const checked = await fx.admin.provider("PublicIpAddress").check({}, { network: "proj-net", projectId });
    assert.deepStrictEqual(checked.failures, []);
    assert.strictEqual(checked.inputs.networkId, networkId);

    const ip = await fx.admin.provider("PublicIpAddress").create(checked.inputs);
    assert.strictEqual(ip.outs.networkId, networkId);
    assert.strictEqual(ip.outs.projectId, projectId);
    const read = await fx.admin.provider("PublicIpAddress").read(ip.id, ip.outs);
    assert.strictEqual(read.id, ip.id);
    assert.strictEqual(read.inputs?.network, "proj-net", "the name stays the name the program wrote");
  });

  it("resolves a project's network by name and by id for a normal user who is a project member", async () => {
    const user = await fx.user();
    const networkId = await projectNetwork(user, "member-net");
    for (const network of ["member-net", networkId]) {
      const checked = await user.provider("PublicIpAddress").check({}, { network, projectId });
      assert.deepStrictEqual(checked.failures, [], `network ${network}`);
      assert.strictEqual(checked.inputs.networkId, networkId);
    }
    // A plain list by id, without the project, does not show it to the same user.
    assert.deepStrictEqual(await user.client.list("listNetworks", { id: networkId }), []);
  });

  it("resolves a project's network for a resource without owner inputs (a rule) among every project's", async () => {
    const user = await fx.user();
    const networkId = await projectNetwork(user, "rule-net");
    for (const caller of [fx.admin, user]) {
      for (const network of ["rule-net", networkId]) {
        const checked = await caller.provider("EgressFirewallRule").check({}, { network, protocol: "tcp", startPort: 443 });
        assert.deepStrictEqual(checked.failures, [], `network ${network}`);
        assert.strictEqual(checked.inputs.networkId, networkId);
      }
    }
    const missing = await fx.admin.provider("EgressFirewallRule").check({}, { network: "no-such-net", protocol: "tcp", startPort: 443 });
    assert.deepStrictEqual(missing.failures.map((f) => f.property), ["network"]);
    assert.match(missing.failures[0].reason, /^network: "no-such-net" matches no network by name; candidates: .*"rule-net" \(id [^,]+, state Implemented, project simproject\)/);
  });

  it("prefers the owner's network when another owner has one of the same name", async () => {
    const network = fx.admin.provider("Network");
    const mine = await createFrom(network, { name: "twin", zone: ZONE, networkOffering: ISOLATED });
    const theirs = await createFrom(network, { name: "twin", zone: ZONE, networkOffering: ISOLATED, account: "user", domainId: rootDomainId });
    assert.notStrictEqual(mine.id, theirs.id);

    const scoped = await fx.admin.provider("PublicIpAddress").check({}, { network: "twin", account: "user", domainId: rootDomainId });
    assert.deepStrictEqual(scoped.failures, []);
    assert.strictEqual(scoped.inputs.networkId, theirs.id);

    const unscoped = await fx.admin.provider("PublicIpAddress").check({}, { network: "twin" });
    assert.deepStrictEqual(unscoped.failures.map((f) => f.property), ["network"]);
    assert.match(unscoped.failures[0].reason, /matches 2 networks; write the id of the one you mean/);
  });

  it("falls back to the caller's view when the owner has no such object (a zone-wide shared network)", async () => {
    const shared = await createFrom(fx.admin.provider("Network"), {
      name: "wide",
      zone: ZONE,
      networkOffering: "DefaultSharedNetworkOffering",
      cidr: "10.1.70.0/24",
      startIp: "10.1.70.10",
      endIp: "10.1.70.20",
      vlan: "310",
    });
    const checked = await fx.admin.provider("IpRange").check({}, {
      network: "wide",
      gateway: "10.1.70.1",
      netmask: "255.255.255.0",
      startIp: "10.1.70.30",
      endIp: "10.1.70.40",
      projectId,
    });
    assert.deepStrictEqual(checked.failures, []);
    assert.strictEqual(checked.inputs.networkId, shared.id);
  });

  it("leaves an owned reference unknown during preview while the owner is unknown, and resolves it on create", async () => {
    const networkId = await projectNetwork(fx.admin, "later-net");
    const preview = await fx.admin.provider("PublicIpAddress").check({}, { network: "later-net", projectId: UNKNOWN });
    assert.deepStrictEqual(preview.failures, []);
    assert.strictEqual(preview.inputs.networkId, UNKNOWN);

    // The engine runs create with the values known by then; prepare resolves in the owner scope.
    const created = await fx.admin.provider("PublicIpAddress").create({ network: "later-net", projectId });
    assert.strictEqual(created.outs.networkId, networkId);
  });
});
