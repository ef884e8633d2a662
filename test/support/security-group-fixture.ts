// A recording simulator and providers for the security group suites, with helpers that make a
// group and read its rules as CloudStack has them.
import { commandsSince, startRecordingSimulator, type RecordedJob } from "./recording-simulator";
import { providersOn, type Caller, type ProviderFixture } from "./provider-fixture";
import { createFrom, type Applied, type Props } from "./network-fixture";

export { createFrom, plan, updateTo } from "./network-fixture";
export { assertPlainJson, checkFailures, NO_CHANGE, replace, replaceDeletingFirst, capturingWarnings } from "./addressing-fixture";
export type { Applied, Props } from "./network-fixture";

export const BASIC_ZONE = "Sandbox-basic";
export const SG_ZONE = "Sandbox-advanced-sg";
export const SG_NETWORK = "sgSharedNetwork";

export interface SecurityGroupFixture extends ProviderFixture {
  /** Every async job started, in order: the command and its parameters. */
  jobs: RecordedJob[];
}

export async function startSecurityGroupFixture(): Promise<SecurityGroupFixture> {
  const { sim, jobs } = await startRecordingSimulator();
  return { ...(await providersOn(sim)), jobs };
}

/** The commands of the jobs started since `mark` (an index into fx.jobs). */
export function jobsSince(fx: SecurityGroupFixture, mark: number): string[] {
  return commandsSince(fx.jobs, mark);
}

export function makeGroup(caller: Caller, name: string, extra: Props = {}): Promise<Applied> {
  return createFrom(caller.provider("SecurityGroup"), { name, ...extra });
}

export type Row = Record<string, unknown> & { direction: "ingress" | "egress" };

/** The group's rules as listSecurityGroups shows them to a root admin, ingress then egress. */
export async function groupRows(fx: SecurityGroupFixture, groupId: string): Promise<Row[]> {
  const [group] = await fx.admin.client.list<Record<string, unknown>>("listSecurityGroups", { id: groupId, listall: true });
  const rows = (key: string, direction: Row["direction"]): Row[] =>
    ((group?.[key] as Array<Record<string, unknown>> | undefined) ?? []).map((row) => ({ ...row, direction }));
  return [...rows("ingressrule", "ingress"), ...rows("egressrule", "egress")];
}

/** The account's default group id, as listSecurityGroups shows it to `caller`. */
export async function defaultGroupId(caller: Caller): Promise<string> {
  const [group] = await caller.client.list<Record<string, unknown>>("listSecurityGroups", { securitygroupname: "default" });
  return String(group.id);
}
