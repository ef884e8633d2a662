// pvlan-shared-networks and network-permission through the engine stand-in against the
// simulator: the PVLAN networks made with their pairs and restarted in place by a new trigger;
// a network granted to another account, which then owns an instance on it; destroy leaves nothing.
import * as assert from "assert";
import { startSimulator, RunningSimulator } from "../../simulator";
import { startedForSuite } from "../support/fixture-hooks";
import { exampleStack, runEndToEnd } from "../support/example-stack";

describe("PVLAN and network permission examples through the engine stand-in", function () {
  this.timeout(300_000);
  let sim: RunningSimulator;
  startedForSuite(() => startSimulator({ jobMs: 10 }), (started) => (sim = started));

  it("pvlan-shared-networks: three shared networks on one primary VLAN, restarted in place by a new trigger", async () => {
    const { stack, cleanup } = exampleStack("pvlan-shared-networks", sim);
    try {
      const up = await stack.up();
      assert.ok(up.ok, `${up.plan}\n${up.errors.join("\n")}`);
      assert.deepStrictEqual(
        [up.outputs.servicesBroadcastUri, up.outputs.teamBroadcastUri, up.outputs.tenantsBroadcastUri],
        ["pvlan://600-p600", "pvlan://600-c601", "pvlan://600-i602"],
      );
      const ids = up.outputs.networkIds as string[];
      const rows = ids.map((id) => sim.model.state.networks.find((n) => n.uuid === id));
      assert.deepStrictEqual(rows.map((n) => [n?.guestType, n?.vlan, n?.isolatedPvlan, n?.isolatedPvlanType]), [
        ["Shared", "600", "600", "Promiscuous"],
        ["Shared", "600", "601", "Community"],
        ["Shared", "600", "602", "Isolated"],
      ]);
      const preview = await stack.preview();
      assert.ok(preview.ok, preview.plan);
      assert.strictEqual(preview.changed, false, preview.plan);

      for (const row of rows) if (row) row.restartRequired = true;
      stack.setConfig("pvlan-shared-networks:restartTrigger", "2024-06-01");
      const restart = await stack.up();
      assert.ok(restart.ok, `${restart.plan}\n${restart.errors.join("\n")}`);
      assert.match(restart.plan, /~ cloudstack:Network pvlan-team update \[diff: [+~]restartTrigger\]/, restart.plan);
      assert.doesNotMatch(restart.plan, /\+-/, "nothing is replaced");
      assert.deepStrictEqual(rows.map((n) => n?.restartRequired), [false, false, false]);

      const destroy = await stack.destroy();
      assert.ok(destroy.ok, `${destroy.plan}\n${destroy.errors.join("\n")}`);
      assert.deepStrictEqual(stack.state().resources, []);
      assert.deepStrictEqual(sim.model.state.networks.filter((n) => ids.includes(n.uuid) && !n.removed), []);
    } finally {
      cleanup();
    }
  });

  it("network-permission: the admin's network granted to the account user, which owns an instance on it", async () => {
    await runEndToEnd("network-permission", sim, {
      async afterUp(up) {
        const state = sim.model.state;
        const network = state.networks.find((n) => n.uuid === up.outputs.networkId);
        const owner = state.accounts.find((a) => a.uuid === network?.accountUuid);
        const user = state.accounts.find((a) => a.name === "user");
        assert.strictEqual(owner?.name, "admin");
        assert.deepStrictEqual(state.networkPermissions, [{ networkUuid: network?.uuid, accountUuid: user?.uuid }]);
        assert.deepStrictEqual(up.outputs.permittedAccountIds, [user?.uuid]);
        const vm = state.vms.find((v) => v.uuid === up.outputs.instanceId);
        assert.strictEqual(vm?.accountUuid, user?.uuid);
        assert.strictEqual(up.outputs.instanceAccount, "user");
        assert.match(String(up.outputs.instanceIp), /^10\.70\.0\./);
      },
      async nothingLeft(up) {
        const state = sim.model.state;
        assert.deepStrictEqual(state.networkPermissions, []);
        assert.strictEqual(state.vms.find((v) => v.uuid === up.outputs.instanceId && v.state !== "Expunging" && v.state !== "Destroyed"), undefined);
        assert.ok(state.networks.find((n) => n.uuid === up.outputs.networkId)?.removed, "the network is deleted");
      },
    });
  });
});
