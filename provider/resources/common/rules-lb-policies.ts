// LB rule policies (stickiness, health check) as CloudStack answers them: a wrapper per LB rule
// (lbruleid, account, zoneid...) holding the policies in a list (stickinesspolicy or
// healthcheckpolicy). Hard deleted: a list by the id of a deleted policy fails with 431.
import { CloudStackApiError, type CloudStackClient, type Params } from "../../client";
import { ApiObject } from "../../adapter/types";

export interface PolicyKind {
  readonly listCommand: string;
  /** Where the wrapper keeps its policies. */
  readonly listKey: string;
  /** The job result's key of a create or update. */
  readonly resultKey: string;
}

export const stickinessKind: PolicyKind = {
  listCommand: "listLBStickinessPolicies",
  listKey: "stickinesspolicy",
  resultKey: "stickinesspolicies",
};

export const healthCheckKind: PolicyKind = {
  listCommand: "listLBHealthCheckPolicies",
  listKey: "healthcheckpolicy",
  resultKey: "healthcheckpolicies",
};

/** A policy with its wrapper's fields (lbruleid...) merged in under their own names. */
function policiesOf(kind: PolicyKind, wrappers: readonly ApiObject[]): ApiObject[] {
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
