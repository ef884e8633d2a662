// Site-to-site VPN (Site2SiteVpnManagerImpl): one VPN gateway per VPC on its source NAT IP,
// customer gateways with validated IPsec parameters (an update resets what it is not given),
// connections between the two of one account, checked against the VPC CIDR and the other
// connections of the gateway, and the delete order (connections first).
import { internalError, paramError, ruleConflictError, uuidNotFound } from "../errors";
import type { Caller } from "../caller";
import type { Accounts } from "./accounts";
import { cidrsOverlap, parseCidr } from "./cidr";
import { configValue } from "./config";
import { applyDisplayUpdate, type DisplayUpdate } from "./display-update";
import { now } from "./dates";
import { newUuid, nextId } from "./ids";
import type { SimulatorState, VpcRecord } from "./records";
import { SoftDeletedRecords } from "./soft-deleted";
import { checkCustomerGateway } from "./vpn-policy";
import type { VpnConnectionRecord, VpnCustomerGatewayRecord, VpnGatewayRecord } from "./vpn-records";
import type { Vpcs } from "./vpcs";

const DEFAULT_IKE_LIFETIME = 86400;
const DEFAULT_ESP_LIFETIME = 3600;

export interface CustomerGatewayInput {
  name?: string;
  gateway: string;
  cidrlist: string;
  ipsecpsk: string;
  ikepolicy: string;
  esppolicy: string;
  ikelifetime?: number;
  esplifetime?: number;
  dpd?: boolean;
  forceencap?: boolean;
  splitconnections?: boolean;
  ikeversion?: string;
  account?: string;
  domainid?: string;
  projectid?: string;
}

export class VpnGateways extends SoftDeletedRecords<VpnGatewayRecord> {
  constructor(
    private readonly state: SimulatorState,
    private readonly accounts: Accounts,
    private readonly vpcs: Vpcs,
  ) {
    super();
  }

  protected rows(): VpnGatewayRecord[] {
    return this.state.vpnGateways;
  }

  /** createVpnGateway's create step: one per VPC, always on the VPC's source NAT IP. */
  create(caller: Caller, input: { vpcid: string; ipaddressid?: string; fordisplay?: boolean }): VpnGatewayRecord {
    const row = this.vpcs.resolveIncludingRemoved("vpcid", input.vpcid);
    const vpc = this.vpcs.active(row.uuid);
    if (!vpc) throw paramError(`Invalid VPC ${row.uuid} for site to site vpn gateway creation!`);
    this.accounts.checkAccess(caller, vpc.accountUuid, vpc.uuid);
    if (this.live().some((g) => g.vpcUuid === vpc.uuid)) throw paramError(`The VPN gateway of VPC ${vpc.id} already existed!`);
    const sourceNat = this.vpcs.sourceNatIp(vpc.uuid);
    if (!sourceNat) throw internalError(`Cannot found source nat ip of vpc ${vpc.id}`);
    if (input.ipaddressid !== undefined) {
      const requested = this.state.publicIps.find((ip) => ip.uuid === input.ipaddressid);
      if (!requested) throw uuidNotFound("ipaddressid", input.ipaddressid);
      if (requested.uuid !== sourceNat.uuid) throw internalError(`Cannot use requested IP ${requested.address} as it is not the Source NAT IP`);
    }
    const gateway: VpnGatewayRecord = {
      uuid: newUuid(),
      id: nextId(this.state, "vpnGateway"),
      vpcUuid: vpc.uuid,
      ipUuid: sourceNat.uuid,
      accountUuid: vpc.accountUuid,
      domainUuid: vpc.domainUuid,
      display: input.fordisplay ?? true,
      created: now(),
    };
    this.state.vpnGateways.push(gateway);
    return gateway;
  }

  update(caller: Caller, gateway: VpnGatewayRecord, input: DisplayUpdate): VpnGatewayRecord {
    if (gateway.removed) throw paramError(`Unable to find specified Site to Site VPN gateway ${gateway.id} !`);
    return applyDisplayUpdate(this.accounts, caller, gateway, input);
  }

  /** deleteVpnGateway (a job): refused while connections use it. */
  delete(caller: Caller, gateway: VpnGatewayRecord): void {
    if (gateway.removed) throw paramError(`Fail to find vpn gateway with ${gateway.id} !`);
    this.accounts.checkAccess(caller, gateway.accountUuid, gateway.uuid);
    if (this.state.vpnConnections.some((c) => c.vpnGatewayUuid === gateway.uuid)) {
      throw paramError(`Unable to delete VPN gateway ${gateway.id} because there is still related VPN connections!`);
    }
    gateway.removed = now();
  }

  /** Part of deleting a VPC (VpcManagerImpl.cleanupVpcResources): its connections and gateway go. */
  removeOfVpc(vpcUuid: string): void {
    for (const gateway of this.live().filter((g) => g.vpcUuid === vpcUuid)) {
      this.state.vpnConnections = this.state.vpnConnections.filter((c) => c.vpnGatewayUuid !== gateway.uuid);
      gateway.removed = now();
    }
  }
}

export class VpnCustomerGateways extends SoftDeletedRecords<VpnCustomerGatewayRecord> {
  constructor(
    private readonly state: SimulatorState,
    private readonly accounts: Accounts,
  ) {
    super();
  }

  protected rows(): VpnCustomerGatewayRecord[] {
    return this.state.vpnCustomerGateways;
  }

  /** createVpnCustomerGateway's create step (Site2SiteVpnManagerImpl.createCustomerGateway). */
  create(caller: Caller, input: CustomerGatewayInput): VpnCustomerGatewayRecord {
    const owner =
      input.account !== undefined || input.domainid !== undefined || input.projectid !== undefined
        ? this.accounts.resolveOwner(caller, input)
        : this.accounts.callerAccount(caller);
    const fields = this.fieldsOf(input);
    if (this.live().some((g) => g.accountUuid === owner.uuid && g.name === fields.name)) {
      throw paramError(`The customer gateway with name ${fields.name} already existed!`);
    }
    const gateway: VpnCustomerGatewayRecord = {
      uuid: newUuid(),
      id: nextId(this.state, "vpnCustomerGateway"),
      ...fields,
      accountUuid: owner.uuid,
      domainUuid: owner.domainUuid,
      created: now(),
    };
    this.state.vpnCustomerGateways.push(gateway);
    return gateway;
  }

  /**
   * updateVpnCustomerGateway (a job): every field is set again, an omitted optional one to its
   * default; the connections using the gateway (unless Pending) are restarted with the new values.
   */
  update(caller: Caller, gateway: VpnCustomerGatewayRecord, input: CustomerGatewayInput, restart: (c: VpnConnectionRecord) => void): VpnCustomerGatewayRecord {
    if (gateway.removed) throw paramError(`Unable to find customer gateway ${gateway.id}`);
    this.accounts.checkAccess(caller, gateway.accountUuid, gateway.uuid);
    const fields = this.fieldsOf(input);
    if (this.live().some((g) => g !== gateway && g.accountUuid === gateway.accountUuid && g.name === fields.name)) {
      throw paramError(`The customer gateway with name ${fields.name} already existed!`);
    }
    Object.assign(gateway, fields);
    for (const connection of this.state.vpnConnections) {
      if (connection.customerGatewayUuid === gateway.uuid && connection.state !== "Pending") restart(connection);
    }
    return gateway;
  }

  /** deleteVpnCustomerGateway (a job): refused while connections use it. */
  delete(caller: Caller, gateway: VpnCustomerGatewayRecord): void {
    if (gateway.removed) throw paramError(`Fail to find customer gateway with ${gateway.id} !`);
    this.accounts.checkAccess(caller, gateway.accountUuid, gateway.uuid);
    if (this.state.vpnConnections.some((c) => c.customerGatewayUuid === gateway.uuid)) {
      throw paramError(`Unable to delete VPN customer gateway ${gateway.id} because there is still related VPN connections!`);
    }
    gateway.removed = now();
  }

  private fieldsOf(input: CustomerGatewayInput): Omit<VpnCustomerGatewayRecord, "uuid" | "id" | "accountUuid" | "domainUuid" | "created" | "removed"> {
    const fields = {
      name: input.name ?? `VPN-${input.gateway}`,
      gateway: input.gateway,
      cidrList: input.cidrlist.split(",").map((c) => c.trim()).join(","),
      ipsecPsk: input.ipsecpsk,
      ikePolicy: input.ikepolicy,
      espPolicy: input.esppolicy,
      ikeLifetime: input.ikelifetime ?? DEFAULT_IKE_LIFETIME,
      espLifetime: input.esplifetime ?? DEFAULT_ESP_LIFETIME,
      dpd: input.dpd ?? false,
      forceEncap: input.forceencap ?? false,
      splitConnections: input.splitconnections ?? false,
      ikeVersion: input.ikeversion ?? "ike",
    };
    const limit = Number(configValue(this.state, "site2site.vpn.customergateway.subnets.limit") ?? "10");
    checkCustomerGateway(fields, limit);
    return fields;
  }
}

export class VpnConnections {
  constructor(
    private readonly state: SimulatorState,
    private readonly accounts: Accounts,
    private readonly vpcs: Vpcs,
    private readonly gateways: VpnGateways,
    private readonly customerGateways: VpnCustomerGateways,
  ) {}

  find(uuid: string): VpnConnectionRecord | undefined {
    return this.state.vpnConnections.find((c) => c.uuid === uuid);
  }

  resolve(param: string, uuid: string): VpnConnectionRecord {
    const connection = this.find(uuid);
    if (!connection) throw uuidNotFound(param, uuid);
    return connection;
  }

  vpcOf(connection: VpnConnectionRecord): VpcRecord | undefined {
    const gateway = this.state.vpnGateways.find((g) => g.uuid === connection.vpnGatewayUuid);
    return gateway && this.vpcs.find(gateway.vpcUuid);
  }

  /** createVpnConnection's create step (Site2SiteVpnManagerImpl.createVpnConnection): the connection in state Pending. */
  create(caller: Caller, input: { s2svpngatewayid: string; s2scustomergatewayid: string; passive?: boolean; fordisplay?: boolean }): VpnConnectionRecord {
    const customer = this.customerGateways.resolveIncludingRemoved("s2scustomergatewayid", input.s2scustomergatewayid);
    if (customer.removed) throw paramError(`Unable to find specified Site to Site VPN customer gateway ${customer.id} !`);
    this.accounts.checkAccess(caller, customer.accountUuid, customer.uuid);
    const gateway = this.gateways.resolveIncludingRemoved("s2svpngatewayid", input.s2svpngatewayid);
    if (gateway.removed) throw paramError(`Unable to find specified Site to Site VPN gateway ${gateway.id} !`);
    this.accounts.checkAccess(caller, gateway.accountUuid, gateway.uuid);
    if (customer.accountUuid !== gateway.accountUuid || customer.domainUuid !== gateway.domainUuid) {
      throw paramError("VPN connection can only be established between same account's VPN gateway and customer gateway!");
    }
    if (this.state.vpnConnections.some((c) => c.vpnGatewayUuid === gateway.uuid && c.customerGatewayUuid === customer.uuid)) {
      throw paramError(`The vpn connection with customer gateway id ${customer.id} and vpn gateway id ${gateway.id} already existed!`);
    }
    const vpc = this.vpcs.find(gateway.vpcUuid);
    const vpcCidr = vpc && parseCidr(vpc.cidr);
    const subnets = customer.cidrList.split(",");
    for (const subnet of subnets) {
      if (vpcCidr && cidrsOverlap(parseCidr(subnet)!, vpcCidr)) {
        throw ruleConflictError(`The subnets of customer gateway ${customer.id}'s subnet ${subnet} is overlapped with VPC cidr ${vpc!.cidr}!`);
      }
    }
    for (const other of this.state.vpnConnections.filter((c) => c.vpnGatewayUuid === gateway.uuid)) {
      const otherCustomer = this.customerGateways.resolveIncludingRemoved("s2scustomergatewayid", other.customerGatewayUuid);
      for (const subnet of subnets) {
        for (const theirs of otherCustomer.cidrList.split(",")) {
          if (cidrsOverlap(parseCidr(subnet)!, parseCidr(theirs)!)) {
            throw ruleConflictError(
              `The new connection's remote subnet ${subnet} is overlapped with existed VPN connection to customer gateway ${otherCustomer.name}'s subnet ${theirs}`,
            );
          }
        }
      }
    }
    const limit = Number(configValue(this.state, "site2site.vpn.vpngateway.connection.limit") ?? "4");
    if (this.state.vpnConnections.filter((c) => c.vpnGatewayUuid === gateway.uuid).length >= limit) {
      throw paramError(`There are too many VPN connections with current VPN gateway! The limit is ${limit}`);
    }
    const connection: VpnConnectionRecord = {
      uuid: newUuid(),
      id: nextId(this.state, "vpnConnection"),
      vpnGatewayUuid: gateway.uuid,
      customerGatewayUuid: customer.uuid,
      passive: input.passive ?? false,
      state: "Pending",
      display: input.fordisplay ?? true,
      accountUuid: gateway.accountUuid,
      domainUuid: gateway.domainUuid,
      created: now(),
    };
    this.state.vpnConnections.push(connection);
    return connection;
  }

  /**
   * startVpnConnection: a passive connection waits for the peer (Disconnected), an active one
   * dials it (Connecting). Only the router's reports would make it Connected, and the simulator
   * has no router: it never reports.
   */
  start(connection: VpnConnectionRecord): VpnConnectionRecord {
    if (this.find(connection.uuid)) connection.state = connection.passive ? "Disconnected" : "Connecting";
    return connection;
  }

  /** resetVpnConnection: marked Disconnected, then stopped and started again, from any state. */
  reset(caller: Caller, connection: VpnConnectionRecord): VpnConnectionRecord {
    this.accounts.checkAccess(caller, connection.accountUuid, connection.uuid);
    connection.state = "Disconnected";
    return this.start(connection);
  }

  update(caller: Caller, connection: VpnConnectionRecord, input: DisplayUpdate): VpnConnectionRecord {
    return applyDisplayUpdate(this.accounts, caller, connection, input);
  }

  /** deleteVpnConnection (a job): stopped (unless Pending), then the row goes. */
  delete(caller: Caller, connection: VpnConnectionRecord): void {
    this.accounts.checkAccess(caller, connection.accountUuid, connection.uuid);
    this.state.vpnConnections = this.state.vpnConnections.filter((c) => c !== connection);
  }
}
