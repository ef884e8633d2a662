// listDomains, listAccounts, listProjects.
import type { SimulatorModel } from "../model";
import type { AccountRecord, DomainRecord, ProjectRecord } from "../model/records";
import { uuidNotFound } from "../errors";
import type { Caller } from "../caller";
import type { Handler } from "../wire/types";
import { bool, int, keywordMatches, str } from "./params";
import { limitFields } from "./resource-limits";

function totalsFor(model: SimulatorModel, accountUuids: Set<string>): { network: number; ip: number } {
  return {
    network: model.networks.live().filter((n) => accountUuids.has(n.accountUuid)).length,
    ip: model.state.publicIps.filter((ip) => ip.accountUuid !== undefined && accountUuids.has(ip.accountUuid)).length,
  };
}

function domainView(model: SimulatorModel, domain: DomainRecord): Record<string, unknown> {
  const parent = domain.parentUuid ? model.accounts.domain(domain.parentUuid) : undefined;
  const inDomain = new Set(model.state.accounts.filter((a) => a.domainUuid === domain.uuid).map((a) => a.uuid));
  const view: Record<string, unknown> = {
    id: domain.uuid,
    name: domain.name,
    level: domain.level,
    haschild: model.state.domains.some((d) => d.parentUuid === domain.uuid),
    path: domain.path,
    state: "Active",
    created: domain.created,
    hasannotations: false,
    ...limitFields(totalsFor(model, inDomain)),
  };
  if (parent) {
    view.parentdomainid = parent.uuid;
    view.parentdomainname = parent.name;
  }
  if (domain.networkDomain) view.networkdomain = domain.networkDomain;
  return view;
}

const ROLE_NAMES: Record<AccountRecord["roleType"], string> = {
  Admin: "Root Admin",
  DomainAdmin: "Domain Admin",
  User: "User",
  Project: "Project",
};

function accountView(model: SimulatorModel, account: AccountRecord, caller: Caller): Record<string, unknown> {
  const domain = model.accounts.domainOrThrow(account.domainUuid);
  const users = model.state.users
    .filter((u) => u.accountUuid === account.uuid)
    .map((u) => {
      const user: Record<string, unknown> = {
        id: u.uuid,
        username: u.username,
        firstname: u.firstname,
        lastname: u.lastname,
        email: u.email,
        created: u.created,
        state: u.state,
        account: account.name,
        accounttype: account.type,
        accountid: account.uuid,
        domainid: domain.uuid,
        domain: domain.name,
        isdefault: u.isDefault,
        iscallerchilddomain: false,
        roletype: account.roleType,
        rolename: ROLE_NAMES[account.roleType],
      };
      if (caller.isRootAdmin || u.uuid === caller.userId) user.apikey = u.apiKey;
      return user;
    });
  return {
    id: account.uuid,
    name: account.name,
    accounttype: account.type,
    roletype: account.roleType,
    rolename: ROLE_NAMES[account.roleType],
    domainid: domain.uuid,
    domain: domain.name,
    domainpath: domain.path,
    state: account.state,
    created: account.created,
    isdefault: account.isDefault,
    iscleanuprequired: false,
    groups: [],
    accountdetails: {},
    user: users,
    receivedbytes: 0,
    sentbytes: 0,
    vmrunning: 0,
    vmstopped: 0,
    ...limitFields(totalsFor(model, new Set([account.uuid]))),
  };
}

function projectView(model: SimulatorModel, project: ProjectRecord): Record<string, unknown> {
  const domain = model.accounts.domainOrThrow(project.domainUuid);
  const owner = model.accounts.accountOrThrow(project.ownerAccountUuid);
  const projectAccount = model.accounts.accountOrThrow(project.accountUuid);
  return {
    id: project.uuid,
    name: project.name,
    displaytext: project.displaytext,
    domainid: domain.uuid,
    domain: domain.name,
    owner: [{ account: owner.name }],
    projectaccountname: projectAccount.name,
    state: project.state,
    // Projects are not taggable in this model yet.
    tags: [],
    created: project.created,
    vmrunning: 0,
    vmstopped: 0,
    ...limitFields(totalsFor(model, new Set([project.accountUuid]))),
  };
}

export function accountHandlers(model: SimulatorModel): Record<string, Handler> {
  return {
    listDomains: (ctx) => {
      const p = ctx.params;
      const id = str(p, "id");
      if (id !== undefined && !model.accounts.domain(id)) throw uuidNotFound("id", id);
      const name = str(p, "name");
      const level = int(p, "level");
      const keyword = str(p, "keyword");
      // Users see their own domain; admins their subtree.
      const visible = ctx.caller.accountType === 0 ? new Set([ctx.caller.domainId]) : model.accounts.domainSubtree(ctx.caller.domainId);
      const items = model.state.domains
        .filter((d) => visible.has(d.uuid))
        .filter((d) => (id === undefined || d.uuid === id) && (name === undefined || d.name === name))
        .filter((d) => (level === undefined || d.level === level) && keywordMatches(keyword, d.name))
        .map((d) => domainView(model, d));
      return { kind: "list", objectName: "domain", items };
    },
    listAccounts: (ctx) => {
      const p = ctx.params;
      const id = str(p, "id");
      if (id !== undefined && !model.accounts.account(id)) throw uuidNotFound("id", id);
      const domainid = str(p, "domainid");
      if (domainid !== undefined && !model.accounts.domain(domainid)) throw uuidNotFound("domainid", domainid);
      const name = str(p, "name");
      const accounttype = int(p, "accounttype");
      const state = str(p, "state");
      const keyword = str(p, "keyword");
      const domains =
        domainid === undefined
          ? model.accounts.domainSubtree(ctx.caller.domainId)
          : bool(p, "isrecursive") || bool(p, "listall")
            ? model.accounts.domainSubtree(domainid)
            : new Set([domainid]);
      const items = model.state.accounts
        .filter((a) => a.type !== 5)
        .filter((a) => (ctx.caller.accountType === 0 ? a.uuid === ctx.caller.accountId : domains.has(a.domainUuid)))
        .filter((a) => (id === undefined || a.uuid === id) && (name === undefined || a.name === name))
        .filter((a) => (accounttype === undefined || a.type === accounttype) && (state === undefined || a.state === state.toLowerCase()))
        .filter((a) => keywordMatches(keyword, a.name))
        .map((a) => accountView(model, a, ctx.caller));
      return { kind: "list", objectName: "account", items };
    },
    listProjects: (ctx) => {
      const p = ctx.params;
      const id = str(p, "id");
      if (id !== undefined && !model.accounts.project(id)) throw uuidNotFound("id", id);
      const domainid = str(p, "domainid");
      if (domainid !== undefined && !model.accounts.domain(domainid)) throw uuidNotFound("domainid", domainid);
      const name = str(p, "name");
      const displaytext = str(p, "displaytext");
      const state = str(p, "state");
      const keyword = str(p, "keyword");
      const account = str(p, "account");
      const items = model.state.projects
        // Root admins see every project, others the ones they belong to.
        .filter((pr) => model.accounts.canAccessProject(ctx.caller, pr))
        .filter((pr) => (id === undefined || pr.uuid === id) && (name === undefined || pr.name === name))
        .filter((pr) => (displaytext === undefined || pr.displaytext === displaytext) && (state === undefined || pr.state.toLowerCase() === state.toLowerCase()))
        .filter((pr) => (domainid === undefined || pr.domainUuid === domainid) && keywordMatches(keyword, pr.name))
        .filter((pr) => account === undefined || model.accounts.accountOrThrow(pr.ownerAccountUuid).name === account)
        .map((pr) => projectView(model, pr));
      return { kind: "list", objectName: "project", items };
    },
  };
}
