// Security groups, as far as a basic zone needs them: each account has a "default" group (created
// with the account's first need of it, as SecurityGroupManagerImpl does), instances join groups at
// deploy, and createSecurityGroup adds named groups. Ingress and egress rules are not modelled.
import { paramError } from "../errors";
import type { Caller } from "../caller";
import type { Accounts, OwnerParams } from "./accounts";
import { now } from "./dates";
import { newUuid, nextId } from "./ids";
import type { AccountRecord, SecurityGroupRecord, SimulatorState } from "./records";

export const DEFAULT_SECURITY_GROUP = "default";

function addGroup(state: SimulatorState, account: AccountRecord, name: string, description: string): SecurityGroupRecord {
  const group: SecurityGroupRecord = {
    uuid: newUuid(),
    id: nextId(state, "securityGroup"),
    name,
    description,
    accountUuid: account.uuid,
    domainUuid: account.domainUuid,
    created: now(),
  };
  state.securityGroups.push(group);
  return group;
}

/** The account's "default" group, created when missing. */
export function seedDefaultSecurityGroup(state: SimulatorState, account: AccountRecord): SecurityGroupRecord {
  return (
    state.securityGroups.find((g) => g.accountUuid === account.uuid && g.name === DEFAULT_SECURITY_GROUP) ??
    addGroup(state, account, DEFAULT_SECURITY_GROUP, "Default Security Group")
  );
}

export class SecurityGroups {
  constructor(
    private readonly state: SimulatorState,
    private readonly accounts: Accounts,
  ) {}

  find(uuid: string): SecurityGroupRecord | undefined {
    return this.state.securityGroups.find((g) => g.uuid === uuid);
  }

  byName(accountUuid: string, name: string): SecurityGroupRecord | undefined {
    return this.state.securityGroups.find((g) => g.accountUuid === accountUuid && g.name === name);
  }

  /** The account's default group, created when missing. */
  ensureDefault(account: AccountRecord): SecurityGroupRecord {
    return seedDefaultSecurityGroup(this.state, account);
  }

  /** createSecurityGroup (SecurityGroupManagerImpl.createSecurityGroup). */
  create(caller: Caller, owner: OwnerParams, name: string, description?: string): SecurityGroupRecord {
    const account = this.accounts.resolveOwner(caller, owner);
    if (name.toLowerCase() === DEFAULT_SECURITY_GROUP) {
      throw paramError("The security group name default is reserved");
    }
    if (this.byName(account.uuid, name)) {
      throw paramError(`Unable to create security group, a group with name ${name} already exists.`);
    }
    return addGroup(this.state, account, name, description ?? "");
  }

  /** Instances (not expunged) in the group. */
  members(groupUuid: string): string[] {
    return this.state.vms.filter((vm) => !vm.removed && vm.securityGroupUuids.includes(groupUuid)).map((vm) => vm.uuid);
  }
}
