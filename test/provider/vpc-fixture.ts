// A simulator and the providers of the VPC kinds wired to it (Network with the tier checks, as
// the registry builds it), plus helpers that make a VPC, tiers and ACL lists, for the suites of
// Vpc, NetworkAclList, NetworkAclRule, NetworkAclRuleset, PrivateGateway, StaticRoute and tiers.
import * as assert from "assert";
import { startSimulator, RunningSimulator } from "../../simulator";
import { ClientRuntime, makeProvider, specs, withVpcTierCheck } from "../../provider";
import type { DynamicProvider, ResourceKind } from "../../provider";
import type { CloudStackClient } from "../../provider/client";
import { createFrom, type Applied, type Props } from "./network-fixture";

export { createFrom, plan, updateTo, ZONE } from "./network-fixture";
export { assertPlainJson, checkFailures, NO_CHANGE, replace, replaceDeletingFirst } from "./addressing-fixture";
export type { Applied, Props } from "./network-fixture";

export const VPC_OFFERING = "Default VPC offering";
export const TIER_OFFERING = "DefaultIsolatedNetworkOfferingForVpcNetworks";
export const TIER_OFFERING_NO_LB = "DefaultIsolatedNetworkOfferingForVpcNetworksNoLB";

export interface VpcCaller {
  runtime: ClientRuntime;
  client: CloudStackClient;
  provider(kind: ResourceKind): DynamicProvider;
}

export interface VpcFixture {
  sim: RunningSimulator;
  admin: VpcCaller;
  /** Every async job started, in order: the command and its parameters. */
  jobs: Array<{ command: string; params: Record<string, string> }>;
  close(): Promise<void>;
}

async function callerFor(sim: RunningSimulator, who: "admin" | "user"): Promise<VpcCaller> {
  const runtime = new ClientRuntime();
  runtime.configure({ apiUrl: sim.endpoint, apiKey: sim[who].apiKey, secretKey: sim[who].secretKey });
  const providers = new Map<ResourceKind, DynamicProvider>();
  return {
    runtime,
    client: await runtime.client(),
    provider(kind) {
      if (!providers.has(kind)) {
        const made = makeProvider(specs[kind], runtime);
        providers.set(kind, kind === "Network" ? withVpcTierCheck(made, runtime) : made);
      }
      return providers.get(kind)!;
    },
  };
}

export async function startVpcFixture(): Promise<VpcFixture> {
  const jobs: VpcFixture["jobs"] = [];
  const sim = await startSimulator({
    jobDurationMs: (command, params) => {
      jobs.push({ command, params: { ...params } as Record<string, string> });
      return 10;
    },
  });
  const admin = await callerFor(sim, "admin");
  return {
    sim,
    admin,
    jobs,
    async close() {
      await admin.runtime.close();
      await sim.close();
    },
  };
}

export function vpcInputs(extra: Props = {}): Props {
  return { name: "vpc-1", zone: "Sandbox-simulator", vpcOffering: VPC_OFFERING, cidr: "10.0.0.0/16", ...extra };
}

export function makeVpc(fx: VpcFixture, extra: Props = {}): Promise<Applied> {
  return createFrom(fx.admin.provider("Vpc"), vpcInputs(extra));
}

export function tierInputs(vpc: Applied, name: string, cidr: string, extra: Props = {}): Props {
  return { name, zone: "Sandbox-simulator", networkOffering: TIER_OFFERING, cidr, vpcId: vpc.id, ...extra };
}

export function makeTier(fx: VpcFixture, vpc: Applied, name: string, cidr: string, extra: Props = {}): Promise<Applied> {
  return createFrom(fx.admin.provider("Network"), tierInputs(vpc, name, cidr, extra));
}

export function makeAclList(fx: VpcFixture, vpc: Applied, name: string): Promise<Applied> {
  return createFrom(fx.admin.provider("NetworkAclList"), { vpcId: vpc.id, name });
}

/** The commands of the jobs started since `mark` (an index into fx.jobs). */
export function jobsSince(fx: VpcFixture, mark: number): string[] {
  return fx.jobs.slice(mark).map((job) => job.command);
}

/** A root admin's list call, every page. */
export function adminList(fx: VpcFixture, command: string, params: Record<string, unknown> = {}): Promise<Array<Record<string, unknown>>> {
  return fx.admin.client.list<Record<string, unknown>>(command, params as Record<string, string>);
}

/** The rules of an ACL list as CloudStack has them, by number. */
export async function aclItems(fx: VpcFixture, aclId: string): Promise<Map<number, Record<string, unknown>>> {
  const items = await adminList(fx, "listNetworkACLs", { aclid: aclId });
  return new Map(items.map((item) => [Number(item.number), item]));
}

/** The engine's create for inputs that check must refuse: nothing reaches CloudStack. */
export async function checkRefuses(fx: VpcFixture, kind: ResourceKind, news: Props): Promise<string[]> {
  const before = JSON.stringify(fx.sim.model.snapshot());
  const checked = await fx.admin.provider(kind).check({}, news);
  assert.strictEqual(JSON.stringify(fx.sim.model.snapshot()), before, "check changed nothing");
  return checked.failures.map((f) => f.reason);
}
