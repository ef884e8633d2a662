// NetworkPermission: the accounts and projects allowed to use another account's network (since
// 4.17: createNetworkPermissions, removeNetworkPermissions, listNetworkPermissions;
// resetNetworkPermissions on delete). One per network: it holds the network's whole grant list.
import { z } from "zod";
import type { CloudStackClient, Params } from "../client";
import { defineSpec } from "../adapter/spec";
import { ApiObjectWith, CheckFailure, EXTRA, PropertyMap } from "../adapter/types";
import { failure } from "../adapter/check/failures";
import { looksLikeUuid, nonEmpty, uuid } from "../validation/fields";
import { textOrNull } from "./common/api-values";
import { inputObject } from "./common/inputs";
import { findScoped } from "./common/scoped-lookup";
import { text } from "./common/attributes";

const grantList = (what: string) =>
  z.array(nonEmpty()).optional().describe(`${what} Each one added or removed in place.`);

export const networkPermissionInputs = inputObject({
  networkId: uuid().describe(
    "The id of the network (e.g. a Network's `id`): an isolated or L2 network of an account, not shared with a domain, not a VPC tier, not a project's. Changing it replaces the permission.",
  ),
  accounts: grantList(
    "Accounts allowed to use the network, by name; CloudStack looks them up in the network's domain, and drops the caller's own account (which then shows as a change).",
  ),
  accountIds: grantList("Accounts allowed to use the network, by id; each must be in the network's domain."),
  projectIds: grantList("Projects allowed to use the network, by id (the project's account is granted); each must be in the network's domain."),
});

type Inputs = z.infer<typeof networkPermissionInputs>;

/** One grant as listNetworkPermissions shows it. */
interface Grant {
  readonly account: string;
  readonly accountId: string;
  readonly projectId?: string;
}

type PermissionObject = ApiObjectWith<{ readonly grants: readonly Grant[] }>;

async function readPermissions(client: CloudStackClient, networkId: string): Promise<PermissionObject | undefined> {
  // The grants go with the network: a network destroyed or gone means the permission is gone.
  const network = await findScoped(client, "listNetworks", networkId, {}, { goneWhen: (n) => n.state === "Destroy" });
  if (!network) return undefined;
  // Not a paged list command (no page or pagesize): one answer holds every grant.
  const answer = await client.execute("listNetworkPermissions", { networkid: networkId });
  const rows = Array.isArray(answer.networkpermission) ? (answer.networkpermission as Array<Record<string, unknown>>) : [];
  const grants = rows.map((row) => ({
    account: String(row.account),
    accountId: String(row.accountid),
    ...(typeof row.projectid === "string" ? { projectId: row.projectid } : {}),
  }));
  return { id: networkId, networkid: networkId, networkname: network.name, domainid: network.domainid, domain: network.domain, [EXTRA]: { grants } };
}

const listOf = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

/** The parameters naming the grants of `inputs` (lists sent comma separated), or undefined for none. */
function grantParams(networkId: string, accounts: string[], accountIds: string[], projectIds: string[]): Params | undefined {
  if (accounts.length + accountIds.length + projectIds.length === 0) return undefined;
  const params: Params = { networkid: networkId };
  if (accounts.length > 0) params.accounts = accounts.join(",");
  if (accountIds.length > 0) params.accountids = accountIds.join(",");
  if (projectIds.length > 0) params.projectids = projectIds.join(",");
  return params;
}

const minus = (a: string[], b: string[]): string[] => a.filter((x) => !b.includes(x));

/** Whether every grant the inputs ask for is in place. */
function holdsAll(object: PermissionObject, inputs: PropertyMap): boolean {
  const { grants } = object[EXTRA];
  return (
    listOf(inputs.accounts).every((name) => grants.some((g) => g.account === name && g.projectId === undefined)) &&
    listOf(inputs.accountIds).every((id) => grants.some((g) => g.accountId === id)) &&
    listOf(inputs.projectIds).every((id) => grants.some((g) => g.projectId === id))
  );
}

/** Lists compare as sets: CloudStack lists grants in its own order. */
const sameSet = (a: unknown, b: unknown): boolean => {
  const x = [...new Set(listOf(a))].sort();
  const y = [...new Set(listOf(b))].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
};

async function applyGrants(client: CloudStackClient, id: string, olds: PropertyMap, news: Inputs): Promise<void> {
  const [oldNames, oldIds, oldProjects] = [listOf(olds.accounts), listOf(olds.accountIds), listOf(olds.projectIds)];
  const [newNames, newIds, newProjects] = [listOf(news.accounts), listOf(news.accountIds), listOf(news.projectIds)];
  const removal = grantParams(id, minus(oldNames, newNames), minus(oldIds, newIds), minus(oldProjects, newProjects));
  if (removal) await client.execute("removeNetworkPermissions", removal);
  const addition = grantParams(id, minus(newNames, oldNames), minus(newIds, oldIds), minus(newProjects, oldProjects));
  if (addition) await client.execute("createNetworkPermissions", addition);
}

/**
 * The networks CloudStack refuses to share (NetworkServiceImpl.validateNetworkPermissionParameters),
 * named at check from the network the caller sees: one shared with a domain, a VPC tier, a project's.
 */
async function networkFailures(client: () => Promise<CloudStackClient>, inputs: PropertyMap, known: (key: string) => boolean): Promise<CheckFailure[]> {
  const networkId = inputs.networkId;
  if (!known("networkId") || typeof networkId !== "string" || !looksLikeUuid(networkId)) return [];
  const network = await findScoped(await client(), "listNetworks", networkId, {}, { goneWhen: (n) => n.state === "Destroy" });
  if (!network) return [failure("networkId", networkId, "matches no network these credentials may see (it does not exist, or was deleted)")];
  const name = String(network.name);
  if (network.acltype === "Domain") {
    return [failure("networkId", networkId, `is network ${name}, shared with a domain already: only an account's network takes permissions (CloudStack: "network is already shared in domain")`)];
  }
  if (typeof network.vpcid === "string" && network.vpcid !== "") {
    return [failure("networkId", networkId, `is network ${name}, a VPC tier: CloudStack refuses permissions on tiers ("VPC tiers cannot be shared")`)];
  }
  if (typeof network.projectid === "string" && network.projectid !== "") {
    return [failure("networkId", networkId, `is network ${name}, a project's: CloudStack shares it with the project's members only ("Project owned networks cannot be shared outside network.")`)];
  }
  return [];
}

export const networkPermissionSpec = defineSpec<typeof networkPermissionInputs, PermissionObject>({
  kind: "NetworkPermission",
  description:
    "The accounts and projects allowed to use another account's isolated or L2 network (CloudStack 4.17+), e.g. to deploy instances on it. The network's owner or an admin grants them; one NetworkPermission per network, holding its whole grant list: a grant made outside the program shows as a change. Destroying it removes every grant of the network (resetNetworkPermissions).",
  inputs: networkPermissionInputs,
  attributes: z.object({
    networkName: text("The name of the network."),
    domainId: text("The id of the network's domain, where every permitted account must be."),
    domain: text("The name of the network's domain."),
    permittedAccountIds: z.array(z.string()).describe("The ids of every account allowed to use the network (projects by their account)."),
  }),
  inPlace: { accounts: true, accountIds: true, projectIds: true },
  equal: { accounts: sameSet, accountIds: sameSet, projectIds: sameSet },
  validate(inputs, known) {
    if (!["accounts", "accountIds", "projectIds"].every(known)) return [];
    if (listOf(inputs.accounts).length + listOf(inputs.accountIds).length + listOf(inputs.projectIds).length > 0) return [];
    return [failure("accounts", inputs.accounts ?? null, "grants nothing: give at least one of accounts, accountIds or projectIds")];
  },
  checkWithApi: networkFailures,

  // Granting twice is a no-op in CloudStack: a rerun that finds every grant in place is done.
  recognise: {
    when: "afterFailure",
    async find(client, inputs) {
      const found = await readPermissions(client, inputs.networkId);
      return found && holdsAll(found, inputs) ? found : undefined;
    },
  },

  async create(client, inputs) {
    await applyGrants(client, inputs.networkId, {}, inputs);
    const made = await readPermissions(client, inputs.networkId);
    if (!made) throw new Error(`NetworkPermission: network ${inputs.networkId} is gone`);
    return made;
  },

  read: (client, id) => readPermissions(client, id),

  async update(client, id, olds, news) {
    await applyGrants(client, id, olds, news);
    const now = await readPermissions(client, id);
    if (!now) throw new Error(`NetworkPermission: network ${id} is gone`);
    return now;
  },

  async delete(client, id) {
    await client.execute("resetNetworkPermissions", { networkid: id });
  },

  /**
   * Each grant goes back where the program wrote it: a project by its id, an account by its id
   * when written so, otherwise by name; a grant the program does not hold shows by name.
   */
  inputsOf(object, olds) {
    const byId = listOf(olds.accountIds);
    const accounts: string[] = [];
    const accountIds: string[] = [];
    const projectIds: string[] = [];
    for (const grant of object[EXTRA].grants) {
      if (grant.projectId !== undefined) projectIds.push(grant.projectId);
      else if (byId.includes(grant.accountId)) accountIds.push(grant.accountId);
      else accounts.push(grant.account);
    }
    const listed = (values: string[], key: string) => (values.length > 0 || olds[key] !== undefined ? values : undefined);
    return {
      networkId: textOrNull(object.networkid),
      accounts: listed(accounts, "accounts") ?? null,
      accountIds: listed(accountIds, "accountIds") ?? null,
      projectIds: listed(projectIds, "projectIds") ?? null,
    };
  },
  attributesOf: (object) => ({ permittedAccountIds: object[EXTRA].grants.map((g) => g.accountId) }),
});
