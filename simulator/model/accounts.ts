// Who owns what and who may see it: CloudStack's owner resolution (AccountManagerImpl.finalizeOwner),
// access checks, and the list scoping of BaseListProjectAndAccountResourcesCmd (PROTOCOL.md §7).
import { ApiError, paramError, permissionError, uuidNotFound } from "../errors";
import type { Caller } from "../caller";
import type { AccountRecord, DomainRecord, ProjectRecord, SimulatorState } from "./records";

export interface OwnerParams {
  account?: string;
  domainid?: string;
  projectid?: string;
}

export interface ListScopeParams extends OwnerParams {
  listall?: boolean;
  isrecursive?: boolean;
  /** An id was given: a root admin then sees the object whoever owns it. */
  byId?: boolean;
}

/** Decides which owners' objects a list call returns. */
export interface ListScope {
  /** Objects owned by an account (acltype Account). */
  ownerVisible(accountUuid: string): boolean;
  /** Domain-wide objects (shared networks with acltype Domain). */
  domainObjectVisible(domainUuid: string, subdomainAccess: boolean): boolean;
}

export class Accounts {
  constructor(private readonly state: SimulatorState) {}

  account(uuid: string): AccountRecord | undefined {
    return this.state.accounts.find((a) => a.uuid === uuid);
  }

  accountOrThrow(uuid: string): AccountRecord {
    const a = this.account(uuid);
    if (!a) throw new Error(`state refers to a missing account ${uuid}`);
    return a;
  }

  domain(uuid: string): DomainRecord | undefined {
    return this.state.domains.find((d) => d.uuid === uuid);
  }

  domainOrThrow(uuid: string): DomainRecord {
    const d = this.domain(uuid);
    if (!d) throw new Error(`state refers to a missing domain ${uuid}`);
    return d;
  }

  project(uuid: string): ProjectRecord | undefined {
    return this.state.projects.find((p) => p.uuid === uuid);
  }

  /** The project whose hidden account this is, if any. */
  projectOfAccount(accountUuid: string): ProjectRecord | undefined {
    return this.state.projects.find((p) => p.accountUuid === accountUuid);
  }

  systemAccount(): AccountRecord {
    const sys = this.state.accounts.find((a) => a.name === "system" && a.type === 1);
    if (!sys) throw new Error("state has no system account");
    return sys;
  }

  callerAccount(caller: Caller): AccountRecord {
    return this.accountOrThrow(caller.accountId);
  }

  /** The domain and its descendants. */
  domainSubtree(domainUuid: string): Set<string> {
    const out = new Set<string>([domainUuid]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const d of this.state.domains) {
        if (d.parentUuid && out.has(d.parentUuid) && !out.has(d.uuid)) {
          out.add(d.uuid);
          grew = true;
        }
      }
    }
    return out;
  }

  isMember(caller: Caller, project: ProjectRecord): boolean {
    return project.memberAccountUuids.includes(caller.accountId) || project.ownerAccountUuid === caller.accountId;
  }

  canAccessProject(caller: Caller, project: ProjectRecord): boolean {
    if (caller.isRootAdmin) return true;
    if (caller.accountType === 2 && this.domainSubtree(caller.domainId).has(project.domainUuid)) return true;
    return this.isMember(caller, project);
  }

  /** Whether the caller may operate on an object owned by the account (DomainChecker.checkAccess). */
  canAccessOwner(caller: Caller, ownerAccountUuid: string): boolean {
    if (caller.isRootAdmin || ownerAccountUuid === caller.accountId) return true;
    const project = this.projectOfAccount(ownerAccountUuid);
    if (project) return this.canAccessProject(caller, project);
    const owner = this.account(ownerAccountUuid);
    return caller.accountType === 2 && owner !== undefined && this.domainSubtree(caller.domainId).has(owner.domainUuid);
  }

  checkAccess(caller: Caller, ownerAccountUuid: string, resourceUuid: string): void {
    if (!this.canAccessOwner(caller, ownerAccountUuid)) {
      throw permissionError(`Account ${caller.accountName} does not have permission to operate with resource ${resourceUuid}`);
    }
  }

  private resolveDomain(domainUuid: string): DomainRecord {
    const domain = this.domain(domainUuid);
    if (!domain) throw uuidNotFound("domainid", domainUuid);
    return domain;
  }

  private resolveProject(projectUuid: string): ProjectRecord {
    const project = this.project(projectUuid);
    if (!project) throw uuidNotFound("projectid", projectUuid);
    return project;
  }

  /** The owner of an object being created (AccountManagerImpl.finalizeOwner). */
  resolveOwner(caller: Caller, params: OwnerParams): AccountRecord {
    const { account, domainid, projectid } = params;
    if (account !== undefined && domainid !== undefined && projectid !== undefined) {
      throw paramError("ProjectId and account/domainId can't be specified together");
    }
    if (projectid !== undefined) {
      const project = this.resolveProject(projectid);
      if (!this.canAccessProject(caller, project)) {
        throw permissionError(`Account ${caller.accountName} is unauthorised to use project id=${project.uuid}`);
      }
      return this.accountOrThrow(project.accountUuid);
    }
    if ((account === undefined) !== (domainid === undefined)) {
      throw paramError("AccountName and domainId must be specified together");
    }
    if (account !== undefined && domainid !== undefined) {
      const domain = this.resolveDomain(domainid);
      if (caller.accountType === 0) {
        if (account !== caller.accountName || domain.uuid !== caller.domainId) {
          throw permissionError(
            `Can't create/list resources for account ${account} in domain ${domain.uuid}, permission denied`,
          );
        }
        return this.callerAccount(caller);
      }
      const owner = this.state.accounts.find((a) => a.name === account && a.domainUuid === domain.uuid && a.type !== 5);
      if (!owner) throw paramError(`Unable to find account ${account} in domain ${domain.uuid}`);
      if (!caller.isRootAdmin && !this.domainSubtree(caller.domainId).has(domain.uuid)) {
        throw permissionError(`Account ${caller.accountName} does not have permission to operate within domain id=${domain.uuid}`);
      }
      return owner;
    }
    return this.callerAccount(caller);
  }

  /** Which objects a list call returns (buildACLSearchParameters, as PROTOCOL.md §7 summarises it). */
  listScope(caller: Caller, params: ListScopeParams): ListScope {
    const { account, domainid, projectid } = params;
    const isAdmin = caller.accountType !== 0;
    if (account !== undefined && projectid !== undefined) {
      throw paramError("Account and projectId can't be specified together");
    }
    if (account !== undefined && domainid === undefined) {
      throw paramError("AccountName and domainId must be specified together");
    }
    const callerDomains = this.domainSubtree(caller.domainId);
    const ancestorsWithAccess = (domainUuid: string, subdomainAccess: boolean, accountDomain: string): boolean =>
      domainUuid === accountDomain || (subdomainAccess && this.domainSubtree(domainUuid).has(accountDomain));
    const noDomainObjects = { domainObjectVisible: (): boolean => false };

    if (projectid !== undefined) {
      if (projectid === "-1") {
        const projects = this.state.projects.filter((p) => this.canAccessProject(caller, p));
        const accounts = new Set(projects.map((p) => p.accountUuid));
        return { ownerVisible: (a) => accounts.has(a), ...noDomainObjects };
      }
      const project = this.resolveProject(projectid);
      if (!this.canAccessProject(caller, project)) {
        throw new ApiError(431, `Account ${caller.accountName} cannot access specified project id`, 4350, [
          { uuid: project.uuid, description: "projectId" },
        ]);
      }
      return { ownerVisible: (a) => a === project.accountUuid, ...noDomainObjects };
    }

    const notProject = (a: string): boolean => this.projectOfAccount(a) === undefined;

    if (domainid !== undefined) {
      const domain = this.resolveDomain(domainid);
      if (!isAdmin && domain.uuid !== caller.domainId) {
        throw permissionError(`Account ${caller.accountName} does not have permission to operate within domain id=${domain.uuid}`);
      }
      if (isAdmin && !caller.isRootAdmin && !callerDomains.has(domain.uuid)) {
        throw permissionError(`Account ${caller.accountName} does not have permission to operate within domain id=${domain.uuid}`);
      }
      if (account !== undefined) {
        const owner = this.state.accounts.find((a) => a.name === account && a.domainUuid === domain.uuid && a.type !== 5);
        if (!owner) throw paramError(`Unable to find account ${account} in specified domain`);
        if (!this.canAccessOwner(caller, owner.uuid)) {
          throw permissionError(`Account ${caller.accountName} does not have permission to operate with resource ${owner.uuid}`);
        }
        return {
          ownerVisible: (a) => a === owner.uuid,
          domainObjectVisible: (d, sub) => ancestorsWithAccess(d, sub, owner.domainUuid),
        };
      }
      if (!isAdmin) {
        return {
          ownerVisible: (a) => a === caller.accountId,
          domainObjectVisible: (d, sub) => ancestorsWithAccess(d, sub, caller.domainId),
        };
      }
      const domains = params.isrecursive ? this.domainSubtree(domain.uuid) : new Set([domain.uuid]);
      return {
        ownerVisible: (a) => notProject(a) && domains.has(this.accountOrThrow(a).domainUuid),
        domainObjectVisible: (d) => domains.has(d),
      };
    }

    if (caller.isRootAdmin && (params.listall || params.byId)) {
      return {
        ownerVisible: (a) => (params.byId ? true : notProject(a)),
        domainObjectVisible: () => true,
      };
    }
    if (caller.accountType === 2 && (params.listall || params.byId)) {
      return {
        ownerVisible: (a) => notProject(a) && callerDomains.has(this.accountOrThrow(a).domainUuid),
        domainObjectVisible: (d) => callerDomains.has(d),
      };
    }
    return {
      ownerVisible: (a) => a === caller.accountId,
      domainObjectVisible: (d, sub) => ancestorsWithAccess(d, sub, caller.domainId),
    };
  }
}
