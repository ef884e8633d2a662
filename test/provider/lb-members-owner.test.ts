// LoadBalancerRule members are owned references: looked up in the rule's owner scope (its public
// IP's project here), so a project's instance is found by name, and a namesake that the caller
// owns outside the project is not taken instead.
import * as assert from "assert";
import { startSimulator, RunningSimulator } from "../../simulator";
import { ClientRuntime, makeProvider, specs } from "../../provider";
import type { DynamicProvider } from "../../provider";
import type { CloudStackClient } from "../../provider/client";
import { createFrom, ISOLATED, PERSISTENT, plan, ZONE, type Applied, type Props } from "../support/network-fixture";

const SMALL = "Small Instance";
const TEMPLATE = "CentOS 5.6 (64-bit) no GUI (Simulator)";

describe("LoadBalancerRule members in the rule's owner scope", function () {
  this.timeout(60000);
  let sim: RunningSimulator;
  let runtime: ClientRuntime;
  let client: CloudStackClient;
  let provider: (kind: "Network" | "Instance" | "LoadBalancerRule") => DynamicProvider;
  let projectId: string;

  before(async () => {
    sim = await startSimulator({ jobMs: 5 });
    runtime = new ClientRuntime();
    runtime.configure({ apiUrl: sim.endpoint, apiKey: sim.admin.apiKey, secretKey: sim.admin.secretKey });
    client = await runtime.client();
    const made = new Map<string, DynamicProvider>();
    provider = (kind) => made.get(kind) ?? made.set(kind, makeProvider(specs[kind], runtime)).get(kind)!;
    projectId = sim.model.state.projects.find((p) => p.name === "simproject")!.uuid;
  });
  after(async () => {
    await runtime.close();
    await sim.close();
  });

  const instance = (name: string, networkId: string, extra: Props = {}): Promise<Applied> =>
    createFrom(provider("Instance"), { name, zone: ZONE, serviceOffering: SMALL, template: TEMPLATE, networks: [{ network: networkId }], ...extra });

  async function memberIds(ruleId: string): Promise<string[]> {
    const items = await client.list<Record<string, unknown>>("listLoadBalancerRuleInstances", { id: ruleId, lbvmips: true });
    return items.map((i) => String((i.loadbalancerruleinstance as Record<string, unknown> | undefined)?.id ?? i.id)).sort();
  }

  it("assigns the project's instance named in a rule on the project's IP, and adds another in place", async () => {
    // The caller's own instance named "web", outside the project.
    const own = await createFrom(provider("Network"), { name: "own-net", zone: ZONE, networkOffering: ISOLATED, cidr: "10.1.70.0/24" });
    const ownWeb = await instance("web", own.id);

    const project = await createFrom(provider("Network"), { name: "proj-net", zone: ZONE, networkOffering: PERSISTENT, cidr: "10.1.71.0/24", projectId });
    const web = await instance("web", project.id, { projectId });
    const web2 = await instance("web2", project.id, { projectId });
    const ip = (await client.execute("associateIpAddress", { networkid: project.id, projectid: projectId })).ipaddress as Record<string, unknown>;
    assert.strictEqual(ip.projectid, projectId);

    const news = { name: "proj-lb", ipAddressId: String(ip.id), publicPort: 80, privatePort: 8080, algorithm: "roundrobin", members: [{ virtualMachine: "web" }] };
    const rule = await createFrom(provider("LoadBalancerRule"), news);
    assert.deepStrictEqual(await memberIds(rule.id), [web.id]);
    assert.ok(!(rule.outs.memberIds as string[]).includes(ownWeb.id), "the caller's namesake outside the project is not a member");
    assert.deepStrictEqual(rule.outs.members, [{ virtualMachine: "web" }]);

    const more = { ...news, members: [{ virtualMachine: "web" }, { virtualMachine: "web2" }] };
    const { checked, diff } = await plan(provider("LoadBalancerRule"), rule, more);
    assert.deepStrictEqual(diff, { changes: true, replaces: [], deleteBeforeReplace: false });
    const updated = await provider("LoadBalancerRule").update(rule.id, rule.outs, checked);
    assert.deepStrictEqual(await memberIds(rule.id), [web.id, web2.id].sort());
    assert.deepStrictEqual([...(updated.outs.memberIds as string[])].sort(), [web.id, web2.id].sort());
  });

  it("fails the create on a name no instance of the project has, naming the project", async () => {
    const project = await createFrom(provider("Network"), { name: "proj-net-2", zone: ZONE, networkOffering: PERSISTENT, cidr: "10.1.72.0/24", projectId });
    await instance("proj-only", project.id, { projectId });
    const ip = (await client.execute("associateIpAddress", { networkid: project.id, projectid: projectId })).ipaddress as Record<string, unknown>;
    const checked = await provider("LoadBalancerRule").check({}, {
      name: "ghost-lb",
      ipAddressId: String(ip.id),
      publicPort: 81,
      privatePort: 81,
      algorithm: "source",
      members: [{ virtualMachine: "nobody" }],
    });
    assert.deepStrictEqual(checked.failures, []);
    await assert.rejects(
      provider("LoadBalancerRule").create(checked.inputs),
      new RegExp(`members\\[0\\]\\.virtualMachine: "nobody" matches no virtual machine by name in project ${projectId} or elsewhere; candidates: .*"proj-only"`),
    );
    assert.deepStrictEqual(await client.list("listLoadBalancerRules", { publicipid: String(ip.id), projectid: projectId }), []);
  });
});
