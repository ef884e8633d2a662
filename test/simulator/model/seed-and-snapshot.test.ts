import * as assert from "assert";
import { SimulatorModel } from "../../../simulator/model";
import { reservedIpRange } from "../../../simulator/model/networks";
import type { Caller } from "../../../simulator/caller";

describe("simulator model: state, seed and snapshot", () => {
  it("seeds the default topology with random keys per instance", () => {
    const a = new SimulatorModel();
    const b = new SimulatorModel();
    assert.notStrictEqual(a.credentials().admin.apiKey, b.credentials().admin.apiKey);
    assert.notStrictEqual(a.credentials().admin.secretKey, a.credentials().user.secretKey);
    assert.strictEqual(a.state.zones[0].name, "Sandbox-simulator");
    assert.deepStrictEqual(a.state.physicalNetworks[0].vnetRanges, [[100, 200]]);
    assert.strictEqual(a.state.publicIps.filter((ip) => ip.zoneUuid === a.state.zones[0].uuid).length, 199);
    assert.ok(a.state.publicIps.every((ip) => ip.state === "Free"));
    assert.strictEqual(a.state.projects[0].name, "simproject");
  });

  it("resolves API keys to callers, refusing disabled users", () => {
    const m = new SimulatorModel();
    const { admin, user } = m.credentials();
    const asAdmin = m.findApiKey(admin.apiKey);
    assert.ok(asAdmin);
    assert.strictEqual(asAdmin.caller.isRootAdmin, true);
    assert.strictEqual(asAdmin.caller.accountName, "admin");
    assert.strictEqual(asAdmin.secretKey, admin.secretKey);
    const asUser = m.findApiKey(user.apiKey);
    assert.strictEqual(asUser?.caller.accountType, 0);
    assert.strictEqual(m.findApiKey("nope"), undefined);
    m.state.users.find((u) => u.username === "user")!.state = "disabled";
    assert.strictEqual(m.findApiKey(user.apiKey), undefined);
  });

  it("restores a snapshot as it was, through JSON", () => {
    const m = new SimulatorModel();
    const caller = m.findApiKey(m.credentials().user.apiKey)?.caller as Caller;
    const persistent = m.state.networkOfferings.find((o) => o.isPersistent)!;
    const net = m.networks.create(caller, { name: "kept", networkofferingid: persistent.uuid, zoneid: m.state.zones[0].uuid });
    const restored = new SimulatorModel(JSON.parse(JSON.stringify(m.snapshot())));
    assert.deepStrictEqual(restored.snapshot(), m.snapshot());
    assert.strictEqual(restored.findNetwork(net.uuid)?.state, "Implemented");
    assert.deepStrictEqual(restored.credentials(), m.credentials());
    assert.throws(() => new SimulatorModel({ version: 99 }), /not a simulator state snapshot/);
  });

  it("computes reservediprange as CloudStack does", () => {
    // The only seeded networks are the shared guest networks of the basic zone and of the
    // advanced zone with security groups.
    const base = new SimulatorModel().state.networks;
    assert.deepStrictEqual(base.map((n) => n.name), ["defaultGuestNetwork", "sgSharedNetwork"]);
    const range = (cidr: string, networkCidr: string) =>
      reservedIpRange({ cidr, networkCidr } as Parameters<typeof reservedIpRange>[0]);
    assert.strictEqual(range("10.1.1.0/26", "10.1.1.0/24"), "10.1.1.63-10.1.1.254");
    assert.strictEqual(range("10.1.1.192/26", "10.1.1.0/24"), "10.1.1.1-10.1.1.192");
    assert.strictEqual(range("10.1.1.0/24", "10.1.1.0/24"), undefined);
  });
});
