// A simulator and the providers of the VPC kinds wired to it (Network checks tiers against
// their VPC through its spec's checkWithApi), plus helpers that make a VPC, tiers and ACL lists, for the suites of
// Vpc, NetworkAclList, NetworkAclRule, NetworkAclRuleset, PrivateGateway, StaticRoute and tiers.
import type { ResourceKind } from "../../provider";
import { commandsSince, startRecordingSimulator, type RecordedJob } from "./recording-simulator";
import { providersOn, type ProviderFixture } from "./provider-fixture";
import { createFrom, type Applied, type Props } from "./network-fixture";

export { createFrom, plan, updateTo, ZONE } from "./network-fixture";
import { checkFailures } from "./addressing-fixture";

export { assertPlainJson, checkFailures, NO_CHANGE, replace, replaceDeletingFirst } from "./addressing-fixture";
export type { Applied, Props } from "./network-fixture";

export const VPC_OFFERING = "Default VPC offering";
export const TIER_OFFERING = "DefaultIsolatedNetworkOfferingForVpcNetworks";
export const TIER_OFFERING_NO_LB = "DefaultIsolatedNetworkOfferingForVpcNetworksNoLB";

export interface VpcFixture extends ProviderFixture {
  /** Every async job started, in order: the command and its parameters. */
  jobs: RecordedJob[];
}

export async function startVpcFixture(): Promise<VpcFixture> {
  const { sim, jobs } = await startRecordingSimulator();
  return { ...(await providersOn(sim)), jobs };
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
  return commandsSince(fx.jobs, mark);
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
  return (await checkFailures(fx.sim, fx.admin.provider(kind), news)).map((f) => f.reason);
}
