// Security groups and their rules (SecurityGroupManagerImpl): a "default" group per account
// (created with the account, re-created by a deploy that finds it missing), named groups unique
// per account, ingress and egress rule rows (one per CIDR and per allowed group), duplicates
// skipped, renames by root admins only, and deletion refused while instances or rules use a group.
import { isIPv6 } from "net";
import { ApiError, paramError, permissionError } from "../errors";
import type { Caller } from "../caller";
import type { Accounts, OwnerParams } from "./accounts";
import { parseCidr } from "./cidr";
import { now } from "./dates";
import { newUuid, nextId } from "./ids";
import type { AccountRecord, SecurityGroupRecord, SecurityGroupRuleRecord, SimulatorState } from "./records";

export const DEFAULT_SECURITY_GROUP = "default";

export type RuleType = SecurityGroupRuleRecord["type"];

export interface AuthorizeInput {
  protocol?: string;
  startport?: number;
  endport?: number;
  icmptype?: number;
  icmpcode?: number;
  cidrlist?: string[];
  /** usersecuritygrouplist[i].account / .group, as given (either may be missing). */
  usersecuritygrouplist?: Array<Record<string, string>>;
}

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

/** NetUtils.isValidIp4Cidr or isValidIp6Cidr. */
function isValidCidr(cidr: string): boolean {
  if (parseCidr(cidr) !== undefined) return true;
  const [address, prefix, extra] = cidr.split("/");
  return extra === undefined && prefix !== undefined && /^\d{1,3}$/.test(prefix) && Number(prefix) <= 128 && isIPv6(address);
}

/** The protocol and the two stored numbers (ports, or ICMP type and code) of a rule to authorize. */
interface RuleShape {
  protocol: string;
  startPortOrType: number;
  endPortOrCode: number;
}

/**
 * SecurityGroupManagerImpl.authorizeSecurityGroupRule's checks of protocol, ports and ICMP fields:
 * protocol defaults to all and is lowercased; number 1 is icmp (type and code -1), other numbers
 * keep their number and drop their ports (0/0); tcp and udp need both ports, 0/0 meaning every
 * port; all takes no ports; icmp needs type and code, both -1 (any) or both a number
 * (InvalidParameterValueException, so 431 inside the job).
 */
function ruleShape(input: AuthorizeInput): RuleShape {
  let protocol = (input.protocol ?? "all").trim().toLowerCase();
  let icmpType = input.icmptype;
  let icmpCode = input.icmpcode;
  if (/^\d+$/.test(protocol)) {
    const number = Number(protocol);
    if (number === 1) {
      protocol = "icmp";
      icmpType = -1;
      icmpCode = -1;
    } else if (number > 255) {
      throw paramError(`Invalid protocol number: ${number}`);
    } else {
      return { protocol: String(number), startPortOrType: 0, endPortOrCode: 0 };
    }
  } else if (!["tcp", "udp", "icmp", "all"].includes(protocol)) {
    throw paramError(`Invalid protocol ${protocol}`);
  }
  if (protocol === "icmp") {
    if (icmpType === undefined || icmpCode === undefined) {
      throw paramError(`Invalid ICMP type/code specified, icmpType = ${icmpType ?? null}, icmpCode = ${icmpCode ?? null}`);
    }
    if (icmpType === -1 && icmpCode !== -1) throw paramError("Invalid icmp code");
    if (icmpType !== -1 && icmpCode === -1) throw paramError("Invalid icmp code: need non-negative icmp code ");
    if (icmpType < -1 || icmpType > 255 || icmpCode < -1 || icmpCode > 255) throw paramError("Invalid icmp type/code ");
    return { protocol, startPortOrType: icmpType, endPortOrCode: icmpCode };
  }
  const { startport, endport } = input;
  if (protocol === "all") {
    if (startport !== undefined || endport !== undefined) throw paramError("Cannot specify startPort or endPort without specifying protocol");
    return { protocol, startPortOrType: 0, endPortOrCode: 0 };
  }
  if (startport === undefined || endport === undefined) {
    throw paramError(`Invalid port range specified, startPort = ${startport ?? null}, endPort = ${endport ?? null}`);
  }
  const end = startport === 0 && endport === 0 ? 65535 : endport;
  if (startport > end) throw paramError(`Invalid port range ${startport}:${end}`);
  if (startport > 65535 || end > 65535 || startport < -1 || end < -1) throw paramError(`Invalid port numbers ${startport}:${end}`);
  if (startport < 0 || end < 0) throw paramError(`Invalid port range ${startport}:${end}`);
  return { protocol, startPortOrType: startport, endPortOrCode: end };
}

const sameShape = (rule: SecurityGroupRuleRecord, type: RuleType, shape: RuleShape): boolean =>
  rule.type === type && rule.protocol === shape.protocol && rule.startPortOrType === shape.startPortOrType && rule.endPortOrCode === shape.endPortOrCode;

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

  findRule(uuid: string): SecurityGroupRuleRecord | undefined {
    return this.state.securityGroupRules.find((r) => r.uuid === uuid);
  }

  /** The group's rules of one direction, oldest first. */
  rulesOf(groupUuid: string, type: RuleType): SecurityGroupRuleRecord[] {
    return this.state.securityGroupRules.filter((r) => r.groupUuid === groupUuid && r.type === type);
  }

  /** The account's default group, created when missing. */
  ensureDefault(account: AccountRecord): SecurityGroupRecord {
    return seedDefaultSecurityGroup(this.state, account);
  }

  /**
   * createSecurityGroup: a blank name is refused, and names are unique per account; "default"
   * is refused by the same rule, since every account has that group.
   */
  create(caller: Caller, owner: OwnerParams, name: string, description?: string): SecurityGroupRecord {
    const account = this.accounts.resolveOwner(caller, owner);
    if (name.trim() === "") throw paramError("Security group name cannot be empty");
    if (name.toLowerCase() === DEFAULT_SECURITY_GROUP) this.ensureDefault(account);
    if (this.state.securityGroups.some((g) => g.accountUuid === account.uuid && g.name.toLowerCase() === name.toLowerCase())) {
      throw paramError(`Unable to create security group, a group with name ${name} already exists.`);
    }
    return addGroup(this.state, account, name, description ?? "");
  }

  /**
   * updateSecurityGroup (root admins only, checked by the handler): no name leaves the group as
   * it is; "default" is reserved and the default group keeps its name. CloudStack does not check
   * the new name against the account's other groups.
   */
  update(caller: Caller, group: SecurityGroupRecord, name: string | undefined): SecurityGroupRecord {
    if (name === undefined) return group;
    if (name.trim() === "") throw paramError("Security group name cannot be empty");
    this.accounts.checkAccess(caller, group.accountUuid, group.uuid);
    if (name === group.name) return group;
    if (name.toLowerCase() === DEFAULT_SECURITY_GROUP) throw paramError(`The security group name ${DEFAULT_SECURITY_GROUP} is reserved`);
    if (group.name.toLowerCase() === DEFAULT_SECURITY_GROUP) throw paramError("The default security group cannot be renamed");
    group.name = name;
    return group;
  }

  /**
   * deleteSecurityGroup: the default group is reserved; a group that a rule allows (its own rules
   * included) or that instances use (until they are expunged) is in use (536); its rules go with it.
   */
  delete(caller: Caller, group: SecurityGroupRecord): void {
    this.accounts.checkAccess(caller, group.accountUuid, group.uuid);
    if (group.name.toLowerCase() === DEFAULT_SECURITY_GROUP) throw paramError("The network group default is reserved");
    if (this.state.securityGroupRules.some((r) => r.allowedGroupUuid === group.uuid)) {
      throw new ApiError(536, "Cannot delete group when there are security rules that allow this group", 9999);
    }
    if (this.members(group.uuid).length > 0) throw new ApiError(536, "Cannot delete group when it's in use by virtual machines", 9999);
    this.state.securityGroupRules = this.state.securityGroupRules.filter((r) => r.groupUuid !== group.uuid);
    this.state.securityGroups = this.state.securityGroups.filter((g) => g.uuid !== group.uuid);
  }

  /** The group a rule command names by securitygroupid or securitygroupname (in the owner's account). */
  resolveForRule(caller: Caller, command: string, owner: OwnerParams, id: string | undefined, name: string | undefined): SecurityGroupRecord {
    if (id !== undefined && name !== undefined) throw paramError("securityGroupId and securityGroupName parameters are mutually exclusive");
    if (id !== undefined) {
      const group = this.find(id);
      if (!group) throw paramError(`Unable to find security group by id ${id}`);
      return group;
    }
    if (name === undefined) throw paramError(`Either securityGroupId or securityGroupName is required by ${command} command`);
    const account =
      owner.account !== undefined || owner.domainid !== undefined || owner.projectid !== undefined
        ? this.accounts.resolveOwner(caller, owner)
        : this.accounts.callerAccount(caller);
    const group = this.byName(account.uuid, name);
    if (!group) throw paramError(`Unable to find security group ${name} for account id=${account.id}`);
    return group;
  }

  /**
   * authorizeSecurityGroupIngress / Egress: validates the rule, then stores one row per allowed
   * group and per CIDR that the group does not have yet, and returns only those rows. When every
   * row exists already the command fails (AuthorizeSecurityGroupIngressCmd.execute: 530).
   */
  authorize(caller: Caller, group: SecurityGroupRecord, type: RuleType, input: AuthorizeInput): SecurityGroupRuleRecord[] {
    const cidrs = input.cidrlist ?? [];
    const userGroups = input.usersecuritygrouplist ?? [];
    if (input.cidrlist === undefined && input.usersecuritygrouplist === undefined) {
      throw paramError("At least one cidr or at least one security group needs to be specified");
    }
    this.accounts.checkAccess(caller, group.accountUuid, group.uuid);
    for (const cidr of cidrs) if (!isValidCidr(cidr)) throw paramError(`Invalid cidr ${cidr}`);
    const shape = ruleShape(input);
    const allowed = userGroups.map((entry) => this.allowedGroup(group, shape, entry));

    const added: SecurityGroupRuleRecord[] = [];
    const add = (fields: { cidr?: string; allowedGroupUuid?: string }) => {
      const exists = this.state.securityGroupRules.some(
        (r) => r.groupUuid === group.uuid && sameShape(r, type, shape) && r.cidr === fields.cidr && r.allowedGroupUuid === fields.allowedGroupUuid,
      );
      if (exists) return;
      const rule: SecurityGroupRuleRecord = { uuid: newUuid(), id: nextId(this.state, "securityGroupRule"), groupUuid: group.uuid, type, ...shape, ...fields, created: now() };
      this.state.securityGroupRules.push(rule);
      added.push(rule);
    };
    for (const g of [...new Map(allowed.map((a) => [a.uuid, a])).values()].sort((a, b) => a.id - b.id)) add({ allowedGroupUuid: g.uuid });
    for (const cidr of cidrs) add({ cidr });
    if (added.length === 0) throw new ApiError(530, `Failed to authorize security group ${type} rule(s)`, 9999);
    return added;
  }

  /** A usersecuritygrouplist entry: account and group, the account looked up in the group owner's domain. */
  private allowedGroup(group: SecurityGroupRecord, shape: RuleShape, entry: Record<string, string>): SecurityGroupRecord {
    const name = entry.group;
    const accountName = entry.account;
    if (name === undefined || accountName === undefined) {
      throw paramError(
        "Invalid user group specified, fields 'group' and 'account' cannot be null, please specify groups in the form:  userGroupList[0].group=XXX&userGroupList[0].account=YYY",
      );
    }
    const domain = this.accounts.domainOrThrow(group.domainUuid);
    const account = this.state.accounts.find((a) => a.name === accountName && a.domainUuid === group.domainUuid);
    if (!account) {
      throw paramError(
        `Nonexistent account: ${accountName} when trying to authorize security group rule  for ${group.id}:${shape.protocol}:${shape.startPortOrType}:${shape.endPortOrCode}`,
      );
    }
    const allowed = this.byName(account.uuid, name);
    if (!allowed) throw paramError(`Nonexistent group ${name} for account ${accountName}/${domain.id} is given, unable to authorize security group rule.`);
    if (allowed.domainUuid !== group.domainUuid) throw permissionError(`Can't add security group id=${allowed.domainUuid} as it belongs to different domain`);
    return allowed;
  }

  /** revokeSecurityGroupIngress / Egress: the rule of that direction, hard-deleted. */
  revoke(caller: Caller, rule: SecurityGroupRuleRecord, type: RuleType): void {
    if (rule.type !== type) throw paramError(`Mismatch in rule type for security rule with id ${rule.id}`);
    const group = this.find(rule.groupUuid);
    if (group) this.accounts.checkAccess(caller, group.accountUuid, group.uuid);
    this.state.securityGroupRules = this.state.securityGroupRules.filter((r) => r.uuid !== rule.uuid);
  }

  /** Instances (not expunged) in the group. */
  members(groupUuid: string): string[] {
    return this.state.vms.filter((vm) => !vm.removed && vm.securityGroupUuids.includes(groupUuid)).map((vm) => vm.uuid);
  }
}
