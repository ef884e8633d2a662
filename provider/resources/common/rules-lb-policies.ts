// LB rule policies (stickiness, health check) as CloudStack answers them: a wrapper per LB rule
// (lbruleid, account, zoneid...) holding the policies in a list (stickinesspolicy or
// healthcheckpolicy). Hard deleted: a list by the id of a deleted policy fails with 431. Both
// kinds report the same wrapper fields and update only their display flag.
import { z } from "zod";
import { CloudStackApiError, type CloudStackClient, type Params } from "../../client";
import { ApiObject, PropertyMap } from "../../adapter/types";
import { UNKNOWN } from "../../adapter/check/unknown";
import { sameText } from "../../adapter/diff/comparators";
import { textOrNull } from "./api-values";

export interface PolicyKind {
  /** The resource kind, for messages. */
  readonly resourceKind: string;
  readonly listCommand: string;
  /** Where the wrapper keeps its policies. */
  readonly listKey: string;
  /** The job result's key of a create or update. */
  readonly resultKey: string;
  readonly updateCommand: string;
  readonly deleteCommand: string;
}

export const stickinessKind: PolicyKind = {
  resourceKind: "LbStickinessPolicy",
  listCommand: "listLBStickinessPolicies",
  listKey: "stickinesspolicy",
  resultKey: "stickinesspolicies",
  updateCommand: "updateLBStickinessPolicy",
  deleteCommand: "deleteLBStickinessPolicy",
};

export const healthCheckKind: PolicyKind = {
  resourceKind: "LbHealthCheckPolicy",
  listCommand: "listLBHealthCheckPolicies",
  listKey: "healthcheckpolicy",
  resultKey: "healthcheckpolicies",
  updateCommand: "updateLBHealthCheckPolicy",
  deleteCommand: "deleteLBHealthCheckPolicy",
};

/** A policy with its wrapper's fields (lbruleid...) merged in under their own names. */
export function policiesOf(kind: PolicyKind, wrappers: readonly ApiObject[]): ApiObject[] {
  const out: ApiObject[] = [];
  for (const wrapper of wrappers) {
    const list = wrapper[kind.listKey];
    if (!Array.isArray(list)) continue;
    const outer = Object.fromEntries(Object.entries(wrapper).filter(([key]) => key !== kind.listKey));
    for (const policy of list) {
      if (policy && typeof policy === "object") out.push({ ...outer, ...(policy as ApiObject), lbruleid: outer.lbruleid ?? (policy as ApiObject).lbruleid });
    }
  }
  return out;
}

const sameId = (a: unknown, b: string) => typeof a === "string" && a.toLowerCase() === b.toLowerCase();

export async function findPolicy(client: CloudStackClient, kind: PolicyKind, id: string): Promise<ApiObject | undefined> {
  let wrappers: ApiObject[];
  try {
    wrappers = await client.list<ApiObject>(kind.listCommand, { id });
  } catch (err) {
    if (err instanceof CloudStackApiError && err.errorcode === 431) return undefined;
    throw err;
  }
  return policiesOf(kind, wrappers).find((p) => sameId(p.id, id) && p.state !== "Revoke");
}

/** Runs an async create or update and returns the policy it made (by the job's object id, else by name). */
export async function runPolicyJob(
  client: CloudStackClient,
  kind: PolicyKind,
  command: string,
  params: Params,
  match: { id?: string; name?: string },
): Promise<ApiObject | undefined> {
  const started = await client.start(command, params);
  const result = await client.waitForJob(started.jobId, { command, ...(started.id === undefined ? {} : { objectId: started.id }) });
  const wanted = match.id ?? started.id;
  const raw = result[kind.resultKey];
  const wrappers = Array.isArray(raw) ? (raw as ApiObject[]) : raw && typeof raw === "object" ? [raw as ApiObject] : [];
  const policies = policiesOf(kind, wrappers);
  const found =
    (wanted && policies.find((p) => sameId(p.id, wanted))) ||
    (match.name !== undefined ? policies.find((p) => p.name === match.name) : undefined) ||
    (policies.length === 1 ? policies[0] : undefined);
  if (found) return found;
  return wanted ? findPolicy(client, kind, wanted) : undefined;
}

/** Updates the display flag, the one field a policy changes in place. */
export async function updatePolicyDisplay(
  client: CloudStackClient,
  kind: PolicyKind,
  updateCommand: string,
  id: string,
  forDisplay: boolean | undefined,
): Promise<ApiObject> {
  const policy = await runPolicyJob(client, kind, updateCommand, { id, fordisplay: forDisplay ?? true }, { id });
  if (!policy) throw new Error(`${kind.resourceKind} ${id} disappeared during its update`);
  return policy;
}

/** A policy's read, update (of the display flag, the one field that changes in place) and delete. */
export function policyOperations(kind: PolicyKind) {
  return {
    read: (client: CloudStackClient, id: string) => findPolicy(client, kind, id),
    update: (client: CloudStackClient, id: string, _olds: PropertyMap, news: { readonly forDisplay?: boolean }) =>
      updatePolicyDisplay(client, kind, kind.updateCommand, id, news.forDisplay),
    delete: kind.deleteCommand,
  };
}

/** The replacement goes on the same load balancer rule (or one not known yet). */
export const sameRule = (olds: PropertyMap, news: PropertyMap): boolean =>
  news.loadBalancerRuleId === UNKNOWN || sameText(olds.loadBalancerRuleId, news.loadBalancerRuleId);

export const lbPolicyAttributes = z.object({
  state: z.string().nullable().describe("The policy's state: Add until applied, then Active."),
  zoneId: z.string().nullable().describe("The id of the load balancer rule's zone."),
  account: z.string().nullable().describe("The account owning the load balancer rule."),
  domainId: z.string().nullable().describe("The id of that account's domain."),
});

/** The rule a policy is on: the policy's wrapper names it, else the one it was created on. */
export const policyRuleOf = (policy: ApiObject, olds: PropertyMap): PropertyMap => ({
  loadBalancerRuleId: textOrNull(policy.lbruleid) ?? textOrNull(olds.loadBalancerRuleId),
});
