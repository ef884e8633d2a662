// VPC static routes (VpcManagerImpl.createStaticRoute): exactly one of a private
// gateway (Ready) or a next hop, a valid CIDR outside the VPC's and outside link-local, a next hop
// inside the VPC CIDR or on the VPC's public or private networks, no overlap with another route of
// the VPC (537), and hard delete.
import { paramError, ruleConflictError, uuidNotFound } from "../errors";
import type { Caller } from "../caller";
import type { Accounts } from "./accounts";
import { cidrContainsIp, cidrFromGatewayNetmask, cidrsOverlap, isValidIp, parseCidr, parseCidrList, type Cidr } from "./cidr";
import { configValue } from "./config";
import { now } from "./dates";
import { newUuid, nextId } from "./ids";
import { rangeOfIp } from "./range-ips";
import type { PrivateGateways } from "./private-gateways";
import type { SimulatorState, StaticRouteRecord, VpcRecord } from "./records";
import type { Vpcs } from "./vpcs";

const LINK_LOCAL_CIDR = "169.254.0.0/16";

export interface CreateStaticRouteInput {
  cidr: string;
  gatewayid?: string;
  vpcid?: string;
  nexthop?: string;
}

export class StaticRoutes {
  constructor(
    private readonly state: SimulatorState,
    private readonly accounts: Accounts,
    private readonly vpcs: Vpcs,
    private readonly gateways: PrivateGateways,
  ) {}

  /** Routes are hard-deleted: a deleted route's uuid no longer resolves. */
  resolve(param: string, uuid: string): StaticRouteRecord {
    const route = this.state.staticRoutes.find((r) => r.uuid === uuid);
    if (!route) throw uuidNotFound(param, uuid);
    return route;
  }

  /** How CloudStack's StaticRouteVO.toString names a route: uuid, CIDR and the gateway's internal id. */
  routeText(route: StaticRouteRecord): string {
    const gateway = route.gatewayUuid !== undefined ? this.state.privateGateways.find((g) => g.uuid === route.gatewayUuid) : undefined;
    return `StaticRoute[${route.uuid}|${route.cidr}|${gateway?.id ?? "null"}]`;
  }

  /** CreateStaticRouteCmd.create: every check, then the route in state Add until its job applies it. */
  create(caller: Caller, input: CreateStaticRouteInput): StaticRouteRecord {
    if (input.gatewayid === undefined && input.nexthop === undefined) throw paramError("one of gatewayId and nextHop must be specified");
    if (input.gatewayid !== undefined && input.nexthop !== undefined) throw paramError("Only one of gatewayId and nextHop can be specified");
    let vpcUuid = input.vpcid;
    if (input.gatewayid !== undefined) {
      const gateway = this.gateways.find(input.gatewayid);
      if (!gateway) throw paramError("Invalid gateway id is given");
      if (gateway.state !== "Ready") throw paramError(`Gateway is not in the Ready state: ${gateway.state}`);
      if (vpcUuid !== undefined && vpcUuid !== gateway.vpcUuid) throw paramError("Invalid gateway id is given");
      vpcUuid = gateway.vpcUuid;
    } else if (vpcUuid === undefined) {
      throw paramError("vpcId must be specified");
    }
    const vpc = this.vpcs.active(vpcUuid);
    if (!vpc) throw paramError("Can't add static route to VPC that is being deleted");
    this.accounts.checkAccess(caller, vpc.accountUuid, vpc.uuid);

    const cidr = parseCidr(input.cidr);
    if (!cidr) throw paramError(`Invalid format for cidr ${input.cidr}`);
    if (cidrsOverlap(parseCidr(vpc.cidr) as Cidr, cidr)) throw paramError(`CIDR should be outside of VPC cidr ${vpc.cidr}`);
    if (cidrsOverlap(cidr, parseCidr(LINK_LOCAL_CIDR) as Cidr)) throw paramError(`CIDR should be outside of link local cidr ${LINK_LOCAL_CIDR}`);
    // VpcManagerImpl.isCidrDenylisted: the zone's denied.routes (a comma-separated CIDR list,
    // zone-scoped) refuses any route overlapping one of its entries.
    const denied = parseCidrList(configValue(this.state, "denied.routes", { scope: "Zone", scopeUuid: vpc.zoneUuid }));
    if (denied.some((d) => cidrsOverlap(d, cidr))) {
      throw paramError("The static gateway cidr overlaps with one of the denied routes of the zone the VPC belongs to");
    }
    if (input.nexthop !== undefined && !this.isNextHopValid(input.nexthop, vpc)) {
      throw paramError(`Next hop ${input.nexthop} is invalid. It must be within VPC CIDR or on the same public or private network`);
    }
    const route: StaticRouteRecord = {
      uuid: newUuid(),
      id: nextId(this.state, "staticRoute"),
      vpcUuid: vpc.uuid,
      gatewayUuid: input.gatewayid,
      nextHop: input.nexthop,
      cidr: input.cidr,
      accountUuid: vpc.accountUuid,
      domainUuid: vpc.domainUuid,
      state: "Add",
      created: now(),
    };
    // detectRoutesConflict: any other route of the VPC whose CIDR overlaps.
    for (const other of this.ofVpc(vpc.uuid)) {
      const otherCidr = parseCidr(other.cidr);
      if (otherCidr && cidrsOverlap(otherCidr, cidr)) {
        throw ruleConflictError(`New static route cidr conflicts with existing route ${this.routeText(other)}`);
      }
    }
    this.state.staticRoutes.push(route);
    return route;
  }

  /** The job of createStaticRoute applies the route on the VPC router. */
  apply(route: StaticRouteRecord): void {
    if (this.state.staticRoutes.includes(route)) route.state = "Active";
  }

  /** revokeStaticRoute: the route is removed from the table once revoked on the router. */
  delete(caller: Caller, route: StaticRouteRecord): void {
    if (!this.state.staticRoutes.includes(route)) throw paramError("Unable to find static route by id");
    this.accounts.checkAccess(caller, route.accountUuid, route.uuid);
    this.state.staticRoutes = this.state.staticRoutes.filter((r) => r !== route);
  }

  ofVpc(vpcUuid: string): StaticRouteRecord[] {
    return this.state.staticRoutes.filter((r) => r.vpcUuid === vpcUuid);
  }

  /** Part of deleting a VPC. */
  removeRoutesOfVpc(vpcUuid: string): void {
    this.state.staticRoutes = this.state.staticRoutes.filter((r) => r.vpcUuid !== vpcUuid);
  }

  /** The VPC's CIDR, the public range of one of its IPs, or a private gateway's subnet. */
  private isNextHopValid(nextHop: string, vpc: VpcRecord): boolean {
    if (!isValidIp(nextHop)) return false;
    const vpcCidr = parseCidr(vpc.cidr) as Cidr;
    if (cidrContainsIp(vpcCidr, nextHop)) return true;
    for (const ip of this.state.publicIps) {
      if (ip.vpcUuid !== vpc.uuid) continue;
      const range = rangeOfIp(this.state, ip);
      if (range && cidrContainsIp(cidrFromGatewayNetmask(range.gateway, range.netmask), nextHop)) return true;
    }
    return this.gateways.ofVpc(vpc.uuid).some((g) => cidrContainsIp(this.gateways.cidrOf(g), nextHop));
  }
}
