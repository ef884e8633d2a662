// Network permissions (since 4.17): accounts allowed to use another account's network, checked and
// stored as NetworkServiceImpl does (createNetworkPermissions, removeNetworkPermissions,
// resetNetworkPermissions, listNetworkPermissions, validateNetworkPermissionParameters,
// populateAccounts ~6070-6240); NetworkModelImpl.checkNetworkPermissions reads them at deploy.
import { paramError, uuidNotFound } from "../errors";
import type { Caller } from "../caller";
import type { Accounts } from "./accounts";
import type { Networks } from "./networks";
import type { AccountRecord, NetworkPermissionRecord, NetworkRecord, SimulatorState } from "./records";

/** The accounts a create or remove names: by id, by name (in the network's domain) and by project. */
export interface PermissionTargets {
  accountids?: string[];
  accounts?: string[];
  projectids?: string[];
}

/** AccountVO.toString, as "can't access project" prints the caller. */
const accountText = (account: AccountRecord): string => `Account [{"uuid":"${account.uuid}","accountName":"${account.name}","id":${account.id}}]`;

export class NetworkPermissions {
  constructor(
    private readonly state: SimulatorState,
    private readonly accounts: Accounts,
    private readonly networks: Networks,
  ) {}

  /** The grants of a network, oldest first. */
  of(networkUuid: string): NetworkPermissionRecord[] {
    return this.state.networkPermissions.filter((p) => p.networkUuid === networkUuid);
  }

  /** Whether the account was granted the network. */
  granted(networkUuid: string, accountUuid: string): boolean {
    return this.state.networkPermissions.some((p) => p.networkUuid === networkUuid && p.accountUuid === accountUuid);
  }

  /** listNetworkPermissions: any caller that may operate on the network, the domain-shared ones included. */
  list(caller: Caller, networkUuid: string): NetworkPermissionRecord[] {
    const network = this.liveNetwork(networkUuid);
    this.accounts.checkAccess(caller, network.accountUuid, network.uuid);
    return this.of(network.uuid);
  }

  /** createNetworkPermissions: the owner is skipped and an existing grant kept; any other account must be active in the network's domain. */
  create(caller: Caller, networkUuid: string, targets: PermissionTargets): void {
    const network = this.validate(caller, networkUuid);
    const ids = this.targetAccounts(caller, network, targets);
    // The whole list is checked before anything is stored: one bad account adds nothing.
    const additions: AccountRecord[] = [];
    for (const account of ids) {
      if (account.uuid === network.accountUuid) continue;
      if (this.granted(network.uuid, account.uuid) || additions.includes(account)) continue;
      additions.push(account);
    }
    for (const account of additions) this.state.networkPermissions.push({ networkUuid: network.uuid, accountUuid: account.uuid });
  }

  /** removeNetworkPermissions: removing what was never granted is no error. */
  remove(caller: Caller, networkUuid: string, targets: PermissionTargets): void {
    const network = this.validate(caller, networkUuid);
    const gone = new Set(this.targetAccounts(caller, network, targets).map((a) => a.uuid));
    this.state.networkPermissions = this.state.networkPermissions.filter((p) => !(p.networkUuid === network.uuid && gone.has(p.accountUuid)));
  }

  /** resetNetworkPermissions: every grant of the network goes. */
  reset(caller: Caller, networkUuid: string): void {
    const network = this.validate(caller, networkUuid);
    this.state.networkPermissions = this.state.networkPermissions.filter((p) => p.networkUuid !== network.uuid);
  }

  /** networksDao.findById: a removed network is not found (by its internal id). */
  private liveNetwork(networkUuid: string): NetworkRecord {
    const network = this.networks.resolveIncludingRemoved("networkid", networkUuid);
    if (network.removed) throw paramError(`unable to find network with id ${network.id}`);
    return network;
  }

  /** validateNetworkPermissionParameters, in its order. */
  private validate(caller: Caller, networkUuid: string): NetworkRecord {
    const network = this.liveNetwork(networkUuid);
    if (network.aclType === "Domain") throw paramError("network is already shared in domain");
    if (network.vpcUuid !== undefined) throw paramError("VPC tiers cannot be shared");
    this.accounts.checkAccess(caller, network.accountUuid, network.uuid);
    const owner = this.accounts.accountOrThrow(network.accountUuid);
    if (owner.type === 5) {
      throw paramError(
        `Update network permissions is an invalid operation on network ${network.name}. Project owned networks cannot be shared outside network.`,
      );
    }
    // AccountManager.isAdmin: root, domain and resource admins; a user must own the network.
    if (caller.accountId !== owner.uuid && caller.accountType === 0) {
      throw paramError(`Unable to grant permission to account ${caller.accountName} as it is neither admin nor owner or the network`);
    }
    return network;
  }

  /**
   * populateAccounts: ids as given, then projects' accounts, then names looked up in the network's
   * domain (the caller's own name dropped); every one must be an active account of that domain.
   */
  private targetAccounts(caller: Caller, network: NetworkRecord, targets: PermissionTargets): AccountRecord[] {
    const found: AccountRecord[] = [];
    for (const uuid of targets.accountids ?? []) {
      const account = this.accounts.account(uuid);
      if (!account) throw uuidNotFound("accountids", uuid);
      found.push(account);
    }
    for (const uuid of targets.projectids ?? []) {
      const project = this.accounts.project(uuid);
      if (!project) throw uuidNotFound("projectids", uuid);
      if (!this.accounts.canAccessProject(caller, project)) {
        throw paramError(`Account ${accountText(this.accounts.accountOrThrow(caller.accountId))} can't access project id=${project.uuid}`);
      }
      found.push(this.accounts.accountOrThrow(project.accountUuid));
    }
    for (const name of targets.accounts ?? []) {
      const account = this.activeIn(network.domainUuid, (a) => a.name === name);
      if (!account) throw paramError(`Unable to find account by name ${name}`);
      if (account.uuid !== caller.accountId) found.push(account);
    }
    const domain = this.accounts.domainOrThrow(network.domainUuid);
    for (const account of found) {
      if (!this.activeIn(network.domainUuid, (a) => a.uuid === account.uuid)) {
        throw paramError(`Unable to find account ${account.id} in domain id=${domain.uuid}. No permissions is removed`);
      }
    }
    return found;
  }

  /** accountDao.findActiveAccount(ById): a row not removed (the simulator removes none) in exactly that domain; a disabled account counts. */
  private activeIn(domainUuid: string, match: (a: AccountRecord) => boolean): AccountRecord | undefined {
    return this.state.accounts.find((a) => a.domainUuid === domainUuid && match(a));
  }
}
