// VPC private gateways (VpcManagerImpl.createVpcPrivateGateway and
// NetworkServiceImpl.createPrivateNetwork): exactly one of a VLAN (root admins) or an associated
// network, IPv4 checks, one gateway per VLAN and CIDR in a VPC, the ACL of the same VPC (default_deny
// when none is given), state Creating until its job applies it (Ready), delete refused while static
// routes use it, soft delete.
import { ApiError, internalError, paramError, uuidNotFound } from "../errors";
import type { Caller } from "../caller";
import type { Accounts } from "./accounts";
import { cidrContainsIp, cidrFromGatewayNetmask, cidrToString, isValidIp, isValidNetmask, parseCidr, type Cidr } from "./cidr";
import { now } from "./dates";
import { newUuid, nextId } from "./ids";
import type { Networks } from "./networks";
import { SoftDeletedRecords } from "./soft-deleted";
import type { NetworkRecord, PhysicalNetworkRecord, PrivateGatewayRecord, SimulatorState, VpcRecord } from "./records";
import { vpcText, type Vpcs } from "./vpcs";

export interface CreatePrivateGatewayInput {
  vpcid: string;
  ipaddress: string;
  gateway: string;
  netmask: string;
  networkofferingid?: string;
  sourcenatsupported?: boolean;
  aclid?: string;
  associatednetworkid?: string;
  physicalnetworkid?: string;
  vlan?: string;
  bypassvlanoverlapcheck?: boolean;
}

/** How CloudStack's VpcGatewayVO.toString names a gateway in error texts. */
export const gatewayText = (g: PrivateGatewayRecord, vpc: VpcRecord | undefined): string =>
  `VpcGateway[${g.id}|${g.ipAddress}|${vpc?.id ?? "null"}]`;

/** BroadcastDomainType.fromString for the VLAN forms the simulator accepts: "123", "vlan://123", "untagged". */
function vlanUri(vlan: string): string | undefined {
  const tag = vlan.replace(/^vlan:\/\//i, "");
  if (/^\d+$/.test(tag) && Number(tag) <= 4095) return `vlan://${Number(tag)}`;
  if (tag.toLowerCase() === "untagged") return "vlan://untagged";
  return undefined;
}

export class PrivateGateways extends SoftDeletedRecords<PrivateGatewayRecord> {
  constructor(
    private readonly state: SimulatorState,
    private readonly accounts: Accounts,
    private readonly networks: Networks,
    private readonly vpcs: Vpcs,
  ) {
    super();
  }

  protected rows(): PrivateGatewayRecord[] {
    return this.state.privateGateways;
  }

  ofVpc(vpcUuid: string): PrivateGatewayRecord[] {
    return this.live().filter((g) => g.vpcUuid === vpcUuid);
  }

  cidrOf(g: PrivateGatewayRecord): Cidr {
    return cidrFromGatewayNetmask(g.gateway, g.netmask);
  }

  /** CreatePrivateGatewayCmd.create: every check, then the gateway in state Creating. */
  create(caller: Caller, input: CreatePrivateGatewayInput): PrivateGatewayRecord {
    const vpcRow = this.vpcs.resolveIncludingRemoved("vpcid", input.vpcid);
    const vpc = this.vpcs.active(vpcRow.uuid);
    if (!vpc) throw new ApiError(431, "Unable to find Enabled VPC by id specified", 4350, [{ uuid: String(vpcRow.id), description: "VPC" }]);

    // The system private-gateway offerings: with a VLAN one that specifies it, otherwise one that does not.
    let specifyVlan = input.vlan !== undefined;
    if (input.networkofferingid !== undefined) {
      const offering = this.networks.offering(input.networkofferingid);
      if (!offering) throw uuidNotFound("networkofferingid", input.networkofferingid);
      if (offering.guestIpType !== "Isolated") throw paramError("The network offering cannot be used to create Isolated network");
      specifyVlan = offering.specifyVlan;
    }
    if (input.vlan === undefined && input.associatednetworkid === undefined) {
      throw paramError("One of vlanId and associatedNetworkId must be specified");
    }
    if (input.vlan !== undefined && input.associatednetworkid !== undefined) {
      throw paramError("vlanId and associatedNetworkId are mutually exclusive");
    }
    if (!caller.isRootAdmin && (specifyVlan || input.vlan !== undefined || input.bypassvlanoverlapcheck)) {
      throw paramError("Only ROOT admin is allowed to specify vlanId or bypass vlan overlap check");
    }
    if (specifyVlan && input.vlan === undefined) throw paramError("vlanId must be specified for this network offering");
    if (!specifyVlan && input.associatednetworkid === undefined) throw paramError("associatedNetworkId must be specified for this network offering");

    let associated: NetworkRecord | undefined;
    let pnet: PhysicalNetworkRecord | undefined;
    if (input.associatednetworkid !== undefined) {
      associated = this.networks.resolveIncludingRemoved("associatednetworkid", input.associatednetworkid);
      if (associated.removed) throw paramError(`Unable to find network by ID ${associated.id}`);
      if (input.physicalnetworkid !== undefined && input.physicalnetworkid !== associated.physicalNetworkUuid) {
        throw paramError("The network can only be created on the same physical network as the associated network");
      }
      pnet = this.networks.physicalNetworkOf(associated);
    } else if (input.physicalnetworkid !== undefined) {
      pnet = this.state.physicalNetworks.find((p) => p.uuid === input.physicalnetworkid);
      if (!pnet) throw uuidNotFound("physicalnetworkid", input.physicalnetworkid);
    } else {
      const candidates = this.state.physicalNetworks.filter((p) => p.zoneUuid === vpc.zoneUuid);
      if (candidates.length !== 1) throw paramError("Physical network can't be determined; pass physical network id");
      pnet = candidates[0];
    }

    const aclUuid = this.checkAcl(vpc, input.aclid);

    // createPrivateNetwork
    if (!isValidIp(input.ipaddress)) throw paramError("Invalid format for the ip address parameter");
    if (!isValidIp(input.gateway)) throw paramError("Invalid gateway");
    if (!isValidNetmask(input.netmask)) throw paramError("Invalid netmask");
    const cidr = cidrFromGatewayNetmask(input.gateway, input.netmask);
    let broadcastUri: string;
    if (input.vlan !== undefined) {
      const uri = vlanUri(input.vlan);
      if (uri === undefined) throw paramError(`unsupported type of broadcastUri specified: ${input.vlan}`);
      broadcastUri = uri;
    } else {
      broadcastUri = this.implementAssociated(caller, vpc, associated as NetworkRecord, input.ipaddress);
    }
    const zone = this.vpcs.zoneOf(vpc);
    const sameNetwork = this.live().filter((g) => g.zoneUuid === vpc.zoneUuid && g.broadcastUri === broadcastUri && cidrToString(this.cidrOf(g)) === cidrToString(cidr));
    if (sameNetwork.some((g) => g.vpcUuid === vpc.uuid)) {
      throw paramError(
        `Private network for the vlan: ${broadcastUri} and cidr  ${cidrToString(cidr)}  already exists for Vpc ${vpcText(vpc)} in zone ${zone.name}`,
      );
    }
    if (sameNetwork.some((g) => g.ipAddress === input.ipaddress)) {
      throw paramError(`Private ip address ${input.ipaddress} already used for private gateway in zone ${zone.name}`);
    }

    const gateway: PrivateGatewayRecord = {
      uuid: newUuid(),
      id: nextId(this.state, "vpcGateway"),
      vpcUuid: vpc.uuid,
      zoneUuid: vpc.zoneUuid,
      physicalNetworkUuid: pnet.uuid,
      ipAddress: input.ipaddress,
      gateway: input.gateway,
      netmask: input.netmask,
      broadcastUri,
      specifyVlan,
      associatedNetworkUuid: associated?.uuid,
      sourceNat: input.sourcenatsupported ?? false,
      aclUuid,
      accountUuid: vpc.accountUuid,
      domainUuid: vpc.domainUuid,
      state: "Creating",
      created: now(),
    };
    this.state.privateGateways.push(gateway);
    return gateway;
  }

  /** applyVpcPrivateGateway: the VPC router has it now. */
  apply(gateway: PrivateGatewayRecord): void {
    if (!gateway.removed) gateway.state = "Ready";
  }

  /** deleteVpcPrivateGateway: a gateway already gone counts as deleted. */
  delete(caller: Caller, gateway: PrivateGatewayRecord): void {
    if (gateway.removed) return;
    if (!caller.isRootAdmin) {
      this.accounts.checkAccess(caller, gateway.accountUuid, gateway.uuid);
      if (gateway.specifyVlan) throw paramError("Unable to delete private gateway with specified vlan by non-ROOT accounts");
    }
    const routes = this.state.staticRoutes.filter((r) => r.gatewayUuid === gateway.uuid).length;
    if (routes > 0) {
      throw internalError(
        `Can't delete private gateway ${gatewayText(gateway, this.vpcs.find(gateway.vpcUuid))} as it has ${routes} static routes applied. Remove the routes first`,
      );
    }
    gateway.state = "Deleting";
    gateway.removed = now();
  }

  /** Part of deleting a VPC (its routes are gone by then). */
  removeGatewaysOfVpc(vpcUuid: string): void {
    const at = now();
    for (const g of this.ofVpc(vpcUuid)) {
      g.state = "Deleting";
      g.removed = at;
    }
  }

  /** The ACL a new gateway gets: the given one (a default one, or one of the same VPC), else default_deny. */
  private checkAcl(vpc: VpcRecord, aclid: string | undefined): string {
    if (aclid === undefined) {
      const deny = this.state.networkAclLists.find((l) => l.isDefault && l.name === "default_deny");
      if (!deny) throw new Error("state has no default_deny ACL list");
      return deny.uuid;
    }
    const list = this.state.networkAclLists.find((l) => l.uuid === aclid);
    if (!list) throw uuidNotFound("aclid", aclid);
    if (list.vpcUuid !== vpc.uuid && !list.isDefault) throw paramError("Private gateway and network acl are not in the same vpc.");
    return list.uuid;
  }

  /** implementAssociatedNetwork: an Isolated or L2 network of the VPC owner, implemented; its broadcast URI. */
  private implementAssociated(caller: Caller, vpc: VpcRecord, network: NetworkRecord, ipAddress: string): string {
    if (network.guestType !== "Isolated" && network.guestType !== "L2") {
      throw paramError("Associated network MUST be an Isolated or L2 network");
    }
    this.accounts.checkAccess(caller, network.accountUuid, network.uuid);
    if (network.accountUuid !== vpc.accountUuid) throw paramError("The new network and associated network MUST be owned by same account");
    const own = network.cidr !== undefined ? parseCidr(network.cidr) : undefined;
    if (own && own.prefix < 31 && cidrContainsIp({ first: own.first + 1, last: own.last - 1, prefix: own.prefix }, ipAddress)) {
      throw paramError(
        `The IP range (${ipAddress}-${ipAddress}) overlaps with cidr of associated network: ${network.name} (${network.cidr})`,
      );
    }
    this.networks.implement(network);
    const uri = this.networks.broadcastUri(network);
    if (uri === undefined) throw paramError(`Unable to implement associated network Ntwk[${network.id}|Guest|${this.networks.offeringOf(network).id}]`);
    return uri;
  }
}
