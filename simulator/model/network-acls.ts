// Network ACL lists and their rules (NetworkACLServiceImpl / NetworkACLManagerImpl): the default
// lists default_deny (id 1) and default_allow (id 2), global lists (no VPC, root admins only),
// lists of a VPC, rules numbered uniquely per list, replacing a tier's or private gateway's list,
// and hard deletes (a deleted list or rule no longer resolves: 431).
import { Address6 } from "ip-address";
import { ApiError, internalError, paramError, permissionError, uuidNotFound } from "../errors";
import type { Caller } from "../caller";
import type { Accounts } from "./accounts";
import { parseCidr } from "./cidr";
import { now } from "./dates";
import { newUuid, nextId } from "./ids";
import type { Networks } from "./networks";
import { offeringHasService } from "./offerings";
import type { AclTrafficType, NetworkAclItemRecord, NetworkAclListRecord, NetworkRecord, PrivateGatewayRecord, SimulatorState, VpcRecord } from "./records";
import type { TierAclCheck, Vpcs } from "./vpcs";

/** NetworkACLServiceImpl.supportedProtocolsForAclRules; CloudStack matches names as substrings of it. */
const SUPPORTED_PROTOCOLS = "tcp,udp,icmp,all";

/** The default lists with their rules, as CloudStack's schema inserts them (ids 1 and 2). */
export function seedDefaultAclLists(state: SimulatorState): void {
  const defaults: Array<{ name: string; description: string; action: "Allow" | "Deny" }> = [
    { name: "default_deny", description: "Default Network ACL Deny All", action: "Deny" },
    { name: "default_allow", description: "Default Network ACL Allow All", action: "Allow" },
  ];
  for (const d of defaults) {
    const list: NetworkAclListRecord = {
      uuid: newUuid(),
      id: nextId(state, "networkAcl"),
      name: d.name,
      description: d.description,
      isDefault: true,
      display: true,
    };
    state.networkAclLists.push(list);
    (["Ingress", "Egress"] as const).forEach((trafficType, i) => {
      state.networkAclItems.push({
        uuid: newUuid(),
        id: nextId(state, "networkAclItem"),
        aclUuid: list.uuid,
        number: i + 1,
        protocol: "all",
        cidrList: ["0.0.0.0/0"],
        trafficType,
        action: d.action,
        state: "Active",
        display: true,
        created: now(),
      });
    });
  }
}

export interface CreateAclListInput {
  name: string;
  description?: string;
  vpcid?: string;
  fordisplay?: boolean;
}

export interface UpdateAclListInput {
  name?: string;
  description?: string;
  fordisplay?: boolean;
}

export interface CreateAclItemInput {
  protocol: string;
  startport?: number;
  endport?: number;
  cidrlist?: string[];
  icmptype?: number;
  icmpcode?: number;
  networkid?: string;
  aclid?: string;
  traffictype?: string;
  number?: number;
  action?: string;
  fordisplay?: boolean;
  reason?: string;
}

export interface UpdateAclItemInput {
  protocol?: string;
  startport?: number;
  endport?: number;
  cidrlist?: string[];
  icmptype?: number;
  icmpcode?: number;
  traffictype?: string;
  number?: number;
  action?: string;
  fordisplay?: boolean;
  reason?: string;
  /** Default true: only the fields given change; false resets the others to empty. */
  partialupgrade?: boolean;
}

/** The fields of a rule that validateNetworkACLItem checks. */
type RuleFields = Pick<NetworkAclItemRecord, "protocol" | "startPort" | "endPort" | "cidrList" | "icmpType" | "icmpCode">;

const isValidPort = (p: number | undefined): boolean => p !== undefined && p >= 1 && p <= 65535;

function isValidCidr(cidr: string): boolean {
  if (parseCidr(cidr)) return true;
  return cidr.includes("/") && Address6.isValid(cidr);
}

function parseTrafficType(value: string | undefined): AclTrafficType | undefined {
  if (value === undefined) return undefined;
  if (value.toLowerCase() === "ingress") return "Ingress";
  if (value.toLowerCase() === "egress") return "Egress";
  throw paramError(`Invalid traffic type ${value}`);
}

function parseAction(value: string | undefined): "Allow" | "Deny" {
  if (value !== undefined && !["allow", "deny"].includes(value.toLowerCase())) {
    throw paramError(`Invalid action [${value}]. Permitted actions are Allow and Deny`);
  }
  return value?.toLowerCase() === "deny" ? "Deny" : "Allow";
}

/** CreateNetworkACLCmd.getProtocol: protocol number 1 is ICMP. */
function normaliseProtocol(protocol: string): string {
  const p = protocol.trim();
  return /^\d+$/.test(p) && Number(p) === 1 ? "icmp" : p;
}

/** NetworkACLServiceImpl.validateNetworkACLItem: ports, then CIDRs, then protocol and ICMP. */
function validateRule(rule: RuleFields): void {
  const { startPort, endPort, protocol } = rule;
  if (startPort !== undefined || endPort !== undefined) {
    if (!isValidPort(startPort)) throw paramError(`Start public port is an invalid value: ${startPort ?? "null"}`);
    if (!isValidPort(endPort)) throw paramError(`End public port is an invalid value: ${endPort ?? "null"}`);
    if ((startPort as number) > (endPort as number)) {
      throw paramError(`Start port can't be bigger than end port [startport=${startPort},endport=${endPort}]`);
    }
    if (protocol.toLowerCase() === "all") throw paramError("start port and end port must be null if protocol = 'all'");
  }
  for (const cidr of rule.cidrList) {
    // A ServerApiException built directly: 431 with cserrorcode 9999.
    if (!isValidCidr(cidr)) throw new ApiError(431, `Source cidrs formatting error ${cidr}`, 9999);
  }
  if (protocol.trim() === "") return;
  if (/^\d+$/.test(protocol)) {
    const n = Number(protocol);
    if (n < 0 || n > 255) throw paramError(`Invalid protocol number: ${n}`);
  } else if (!SUPPORTED_PROTOCOLS.includes(protocol.toLowerCase())) {
    throw paramError(`Invalid protocol [${protocol}]. Expected one of: [${SUPPORTED_PROTOCOLS}]`);
  }
  const isIcmp = protocol.toLowerCase() === "icmp";
  if (!isIcmp && (rule.icmpCode !== undefined || rule.icmpType !== undefined)) {
    throw paramError("Can specify icmpCode and icmpType for ICMP protocol only");
  }
  if (isIcmp && (startPort !== undefined || endPort !== undefined)) throw paramError("Can't specify start/end port when protocol is ICMP");
  if (rule.icmpType === undefined) return;
  if (rule.icmpType !== -1 && (rule.icmpType < 0 || rule.icmpType > 255)) {
    throw paramError(`Invalid icmp type [${rule.icmpType}]. It should belong to [0-255] range`);
  }
  if (rule.icmpCode !== undefined && rule.icmpCode !== -1 && (rule.icmpCode < 0 || rule.icmpCode > 16)) {
    throw paramError(
      `Invalid icmp code [${rule.icmpCode}]. It should belong to [0-16] range and can be defined when icmpType belongs to [0-40] range`,
    );
  }
}

export class NetworkAcls implements TierAclCheck {
  constructor(
    private readonly state: SimulatorState,
    private readonly accounts: Accounts,
    private readonly networks: Networks,
    private readonly vpcs: Vpcs,
  ) {}

  resolveList(param: string, uuid: string): NetworkAclListRecord {
    const list = this.state.networkAclLists.find((l) => l.uuid === uuid);
    if (!list) throw uuidNotFound(param, uuid);
    return list;
  }

  resolveItem(param: string, uuid: string): NetworkAclItemRecord {
    const item = this.state.networkAclItems.find((i) => i.uuid === uuid);
    if (!item) throw uuidNotFound(param, uuid);
    return item;
  }

  /** A list still in the table (deleted ones are gone). */
  findList(uuid: string): NetworkAclListRecord | undefined {
    return this.state.networkAclLists.find((l) => l.uuid === uuid);
  }

  listOf(item: NetworkAclItemRecord): NetworkAclListRecord {
    const list = this.findList(item.aclUuid);
    if (!list) throw new Error(`ACL rule ${item.uuid} refers to a missing list`);
    return list;
  }

  itemsOf(listUuid: string): NetworkAclItemRecord[] {
    return this.state.networkAclItems.filter((i) => i.aclUuid === listUuid);
  }

  /** The default lists and lists created without a VPC belong to every VPC. */
  isGlobal(list: NetworkAclListRecord): boolean {
    return list.vpcUuid === undefined;
  }

  /** The VPC a list belongs to, if it still exists (live). */
  vpcOf(list: NetworkAclListRecord): VpcRecord | undefined {
    return list.vpcUuid === undefined ? undefined : this.vpcs.find(list.vpcUuid);
  }

  // ---- lists ----

  createList(caller: Caller, input: CreateAclListInput): NetworkAclListRecord {
    let vpc: VpcRecord | undefined;
    if (input.vpcid !== undefined) {
      const row = this.vpcs.resolveIncludingRemoved("vpcid", input.vpcid);
      vpc = this.vpcs.find(row.uuid);
      if (!vpc) throw paramError(`Unable to find VPC with ID [${row.id}].`);
      this.accounts.checkAccess(caller, vpc.accountUuid, vpc.uuid);
    } else if (!caller.isRootAdmin) {
      throw permissionError("Only Root Admin can create global ACLs.");
    }
    const list: NetworkAclListRecord = {
      uuid: newUuid(),
      id: nextId(this.state, "networkAcl"),
      name: input.name,
      description: input.description,
      vpcUuid: vpc?.uuid,
      isDefault: false,
      display: input.fordisplay ?? true,
    };
    this.state.networkAclLists.push(list);
    return list;
  }

  updateList(caller: Caller, list: NetworkAclListRecord, input: UpdateAclListInput): NetworkAclListRecord {
    this.checkGlobalOrVpc(caller, list, "Must be Root Admin to update a global ACL.");
    if (input.name !== undefined && input.name.trim() !== "") list.name = input.name;
    if (input.description !== undefined && input.description.trim() !== "") list.description = input.description;
    if (input.fordisplay !== undefined) list.display = input.fordisplay;
    return list;
  }

  deleteList(caller: Caller, list: NetworkAclListRecord): void {
    if (!this.findList(list.uuid)) throw paramError("Unable to find specified ACL");
    if (list.isDefault) throw paramError("Default ACL cannot be removed");
    this.checkGlobalOrVpc(caller, list, "Only Root Admin can delete global ACLs.");
    const tiers = this.networks.live().filter((n) => n.aclUuid === list.uuid).length;
    if (tiers > 0) throw internalError(`ACL is still associated with ${tiers} tier(s). Cannot delete network ACL: ${list.uuid}`);
    const gateways = this.liveGateways().filter((g) => g.aclUuid === list.uuid).length;
    if (gateways > 0) {
      throw internalError(`ACL is still associated with ${gateways} private gateway(s). Cannot delete network ACL: ${list.uuid}`);
    }
    this.removeList(list.uuid);
  }

  /** Part of deleting a VPC: its lists and their rules go. */
  removeAclListsOfVpc(vpcUuid: string): void {
    for (const list of this.state.networkAclLists.filter((l) => l.vpcUuid === vpcUuid)) this.removeList(list.uuid);
  }

  private removeList(listUuid: string): void {
    this.state.networkAclItems = this.state.networkAclItems.filter((i) => i.aclUuid !== listUuid);
    this.state.networkAclLists = this.state.networkAclLists.filter((l) => l.uuid !== listUuid);
  }

  // ---- rules ----

  /** createNetworkACLItem's checks in CloudStack's order; the rule starts in state Add until its job applies it. */
  createItem(caller: Caller, input: CreateAclItemInput): NetworkAclItemRecord {
    const list = this.listForNewItem(input);
    const trafficType = parseTrafficType(input.traffictype) ?? "Ingress";
    const protocol = normaliseProtocol(input.protocol);
    const isIcmp = protocol.toLowerCase() === "icmp";
    this.checkEditable(caller, list);
    if (this.isGlobal(list) && !caller.isRootAdmin) throw permissionError("Only Root Admins can create rules for a global ACL.");
    if (input.number !== undefined) {
      if (input.number < 1) throw paramError(`Invalid number [${input.number}]. Number cannot be < 1`);
      this.checkNumberFree(list, input.number);
    }
    const action = parseAction(input.action);
    const items = this.itemsOf(list.uuid);
    const number = input.number ?? items.reduce((max, i) => Math.max(max, i.number), 0) + 1;
    const fields: RuleFields = {
      protocol,
      startPort: input.startport,
      endPort: input.endport ?? input.startport,
      cidrList: input.cidrlist ?? ["0.0.0.0/0", "::/0"],
      icmpType: input.icmptype ?? (isIcmp ? -1 : undefined),
      icmpCode: input.icmpcode ?? (isIcmp ? -1 : undefined),
    };
    validateRule(fields);
    const item: NetworkAclItemRecord = {
      uuid: newUuid(),
      id: nextId(this.state, "networkAclItem"),
      aclUuid: list.uuid,
      number,
      ...fields,
      trafficType,
      action,
      state: "Add",
      display: input.fordisplay ?? true,
      reason: input.reason,
      created: now(),
    };
    this.state.networkAclItems.push(item);
    return item;
  }

  /** applyNetworkACL: the job of createNetworkACL marks the rule Active. */
  applyItem(item: NetworkAclItemRecord): void {
    item.state = "Active";
  }

  updateItem(caller: Caller, item: NetworkAclItemRecord, input: UpdateAclItemInput): NetworkAclItemRecord {
    const current = this.state.networkAclItems.find((i) => i.uuid === item.uuid);
    if (!current) throw paramError(`Unable to find ACL rule with ID [${item.id}]`);
    const list = this.listOf(current);
    this.checkEditable(caller, list);
    this.checkGlobalOrVpc(caller, list, "Only Root Admins can update global ACLs.");
    if (input.number !== undefined) {
      const taken = this.itemsOf(list.uuid).find((i) => i.number === input.number);
      if (taken && taken.uuid !== current.uuid) throw paramError(`ACL item with number ${input.number} already exists in ACL: ${list.uuid}`);
    }
    const partial = input.partialupgrade ?? true;
    const next: NetworkAclItemRecord = { ...current, cidrList: [...current.cidrList] };
    if (input.number !== undefined) next.number = input.number;
    if (!partial || input.startport !== undefined) next.startPort = input.startport;
    if (!partial || input.endport !== undefined) next.endPort = input.endport;
    if (!partial || (input.cidrlist !== undefined && input.cidrlist.length > 0)) next.cidrList = input.cidrlist ?? [];
    if (!partial || (input.protocol !== undefined && input.protocol.trim() !== "")) next.protocol = input.protocol ?? "";
    if (!partial || input.icmpcode !== undefined) next.icmpCode = input.icmpcode;
    if (!partial || input.icmptype !== undefined) next.icmpType = input.icmptype;
    if (!partial || (input.action !== undefined && input.action.trim() !== "")) next.action = parseAction(input.action);
    const trafficType = parseTrafficType(input.traffictype);
    if (!partial || trafficType !== undefined) next.trafficType = trafficType ?? "Ingress";
    const display = input.fordisplay ?? true;
    if (!partial || display !== current.display) next.display = display;
    if (!partial || (input.reason !== undefined && input.reason.trim() !== "")) next.reason = input.reason;
    validateRule(next);
    Object.assign(current, next);
    for (const k of ["startPort", "endPort", "icmpCode", "icmpType", "reason"] as const) if (current[k] === undefined) delete current[k];
    return current;
  }

  deleteItem(caller: Caller, item: NetworkAclItemRecord): void {
    const current = this.state.networkAclItems.find((i) => i.uuid === item.uuid);
    // A second delete queued behind the first finds nothing left to revoke.
    if (!current) return;
    const list = this.listOf(current);
    if (list.isDefault) throw paramError("ACL Items in default ACL cannot be deleted");
    this.checkGlobalOrVpc(caller, list, "Only Root Admin can delete global ACL rules.");
    this.state.networkAclItems = this.state.networkAclItems.filter((i) => i !== current);
  }

  // ---- tiers and gateways ----

  resolveAclUuid(param: string, uuid: string): void {
    this.resolveList(param, uuid);
  }

  /** commitNetwork: a tier may use a default or global list, or one of its own VPC. */
  checkAclForTier(aclUuid: string, vpcUuid: string): void {
    const list = this.findList(aclUuid);
    if (!list) throw paramError("Unable to find specified NetworkACL");
    if (list.isDefault || list.vpcUuid === undefined || list.vpcUuid === vpcUuid) return;
    const aclVpc = this.state.vpcs.find((v) => v.uuid === list.vpcUuid);
    throw paramError(`ACL [${list.uuid}] does not belong to the VPC [${aclVpc?.id ?? list.vpcUuid}].`);
  }

  /** replaceNetworkACLList with networkid. */
  replaceOnNetwork(caller: Caller, list: NetworkAclListRecord, network: NetworkRecord): void {
    if (network.removed) throw paramError("Unable to find specified Network");
    if (!this.findList(list.uuid)) throw paramError("Unable to find specified NetworkACL");
    if (network.vpcUuid === undefined) throw paramError(`Network is not part of a VPC: ${network.uuid}`);
    if (!list.isDefault && !this.isGlobal(list)) {
      this.checkListVpcAccess(caller, list);
      if (network.vpcUuid !== list.vpcUuid) {
        throw paramError(`Network: ${network.id} and ACL: ${list.id} do not belong to the same VPC`);
      }
    }
    if (!offeringHasService(this.networks.offeringOf(network), "NetworkACL")) {
      throw paramError("Cannot apply NetworkACL. Network Offering does not support NetworkACL service");
    }
    network.aclUuid = list.uuid;
  }

  /** replaceNetworkACLList with gatewayid. */
  replaceOnGateway(caller: Caller, list: NetworkAclListRecord, gateway: PrivateGatewayRecord): void {
    if (gateway.removed) throw paramError("Unable to find specified private gateway");
    if (gateway.state !== "Ready") throw paramError("Gateway is not in Ready state");
    if (!this.findList(list.uuid)) throw paramError("Unable to find specified NetworkACL");
    if (!list.isDefault) {
      const vpc = this.vpcOf(list);
      if (!vpc) throw paramError("Unable to find Vpc associated with the NetworkACL");
      this.accounts.checkAccess(caller, vpc.accountUuid, vpc.uuid);
      if (gateway.vpcUuid !== vpc.uuid) {
        throw paramError(`private gateway: ${gateway.id} and ACL: ${list.id} do not belong to the same VPC`);
      }
    }
    this.accounts.checkAccess(caller, gateway.accountUuid, gateway.uuid);
    gateway.aclUuid = list.uuid;
  }

  /**
   * createNetworkACL with networkid and no aclid: the tier's list, or a new one created for the
   * tier (CloudStack's legacy behaviour, createAclListForNetworkAndReturnAclListId).
   */
  private listForNewItem(input: CreateAclItemInput): NetworkAclListRecord {
    if (input.aclid !== undefined) {
      const list = this.findList(input.aclid);
      if (!list) throw paramError("Unable to find specified ACL.");
      return list;
    }
    if (input.networkid === undefined) throw paramError("Cannot create Network ACL Item. ACL Id or network Id is required");
    const network = this.networks.resolveIncludingRemoved("networkid", input.networkid);
    if (network.vpcUuid === undefined) throw paramError(`Network: ${network.uuid} does not belong to VPC`);
    if (network.aclUuid !== undefined) {
      const list = this.findList(network.aclUuid);
      if (list) return list;
    }
    if (!offeringHasService(this.networks.offeringOf(network), "NetworkACL")) {
      throw paramError("Network Offering does not support NetworkACL service");
    }
    const vpc = this.vpcs.find(network.vpcUuid);
    if (!vpc) throw paramError("Unable to find Vpc associated with the Network");
    const name = `VPC_${vpc.name}_Tier_${network.name}_ACL_${network.uuid}`;
    const list: NetworkAclListRecord = {
      uuid: newUuid(),
      id: nextId(this.state, "networkAcl"),
      name,
      description: `ACL for ${name}`,
      vpcUuid: vpc.uuid,
      isDefault: false,
      display: input.fordisplay ?? true,
    };
    this.state.networkAclLists.push(list);
    network.aclUuid = list.uuid;
    return list;
  }

  /** validateNetworkAcl: default lists' rules never change; a VPC list needs its VPC and access to it. */
  private checkEditable(caller: Caller, list: NetworkAclListRecord): void {
    if (list.isDefault) throw paramError("Default ACL cannot be modified");
    if (!this.isGlobal(list)) this.checkListVpcAccess(caller, list);
  }

  private checkNumberFree(list: NetworkAclListRecord, number: number): void {
    if (this.itemsOf(list.uuid).some((i) => i.number === number)) {
      throw paramError(`ACL item with number ${number} already exists in ACL: ${list.uuid}`);
    }
  }

  /** validateGlobalAclPermissionAndAclAssociatedToVpc. */
  private checkGlobalOrVpc(caller: Caller, list: NetworkAclListRecord, globalText: string): void {
    if (this.isGlobal(list)) {
      if (!caller.isRootAdmin) throw permissionError(globalText);
      return;
    }
    this.checkListVpcAccess(caller, list);
  }

  /** validateAclAssociatedToVpc. */
  private checkListVpcAccess(caller: Caller, list: NetworkAclListRecord): void {
    const vpc = this.vpcOf(list);
    if (!vpc) {
      const row = this.state.vpcs.find((v) => v.uuid === list.vpcUuid);
      throw paramError(`Unable to find specified VPC [${row?.id ?? list.vpcUuid}] associated with the ACL [${list.uuid}].`);
    }
    this.accounts.checkAccess(caller, vpc.accountUuid, vpc.uuid);
  }

  private liveGateways(): PrivateGatewayRecord[] {
    return this.state.privateGateways.filter((g) => !g.removed);
  }
}
