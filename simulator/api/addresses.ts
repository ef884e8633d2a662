// associateIpAddress, disassociateIpAddress, updateIpAddress, listPublicIpAddresses,
// reserveIpAddress, releaseIpAddress; the IP address object.
import type { SimulatorModel } from "../model";
import { rangeOfIp } from "../model/range-ips";
import type { NetworkRecord, PublicIpRecord } from "../model/records";
import { paramError } from "../errors";
import type { Caller } from "../caller";
import type { Handler, HandlerContext } from "../wire/types";
import { objectJob, successJob, type JobTarget } from "./jobs";
import { listScopeOf, rejectUnknownIds, zoneExists } from "./list-helpers";
import { ownerFields } from "./owner-fields";
import { bool, int, keywordMatches, map, str } from "./params";
import { tagsOf } from "./tags";
import { withoutUndefined } from "./views";

export function ipView(model: SimulatorModel, ip: PublicIpRecord, caller: Caller): Record<string, unknown> {
  const zone = model.publicIps.zoneOf(ip);
  const range = rangeOfIp(model.state, ip);
  const portableRange = ip.isPortable ? model.state.portableIpRanges.find((r) => r.uuid === ip.vlanRangeUuid) : undefined;
  const network = ip.associatedNetworkUuid === undefined ? undefined : model.networks.find(ip.associatedNetworkUuid);
  const vm = ip.staticNat ? model.state.vms.find((v) => v.uuid === ip.staticNat?.vmUuid) : undefined;
  const view: Record<string, unknown> = {
    id: ip.uuid,
    ipaddress: ip.address,
    allocated: ip.allocated,
    zoneid: zone.uuid,
    zonename: zone.name,
    issourcenat: ip.isSourceNat,
  };
  if (ip.accountUuid !== undefined) Object.assign(view, ownerFields(model, ip.accountUuid));
  Object.assign(view, {
    forvirtualnetwork: range ? range.forVirtualNetwork : true,
    vlanid: caller.isRootAdmin ? (range?.uuid ?? portableRange?.uuid) : undefined,
    vlanname: range?.vlan ?? (portableRange ? `vlan://${portableRange.vlan ?? "untagged"}` : undefined),
    isstaticnat: ip.staticNat !== undefined,
    issystem: ip.isSystem ?? false,
    virtualmachineid: vm?.uuid,
    virtualmachinetype: vm ? "User" : undefined,
    virtualmachinename: vm?.name,
    virtualmachinedisplayname: vm?.displayName,
    vmipaddress: ip.staticNat?.vmGuestIp,
    associatednetworkid: network?.uuid,
    associatednetworkname: network?.name,
    vpcid: ip.vpcUuid,
    vpcname: ip.vpcUuid === undefined ? undefined : model.state.vpcs.find((v) => v.uuid === ip.vpcUuid)?.name,
    // The source network: a shared network for its guest range's IPs (public IPs come from the
    // zone's Public system network, which the simulator does not model).
    networkid: range?.networkUuid,
    state: ip.state,
    physicalnetworkid: range?.physicalNetworkUuid ?? model.state.physicalNetworks.find((p) => p.zoneUuid === ip.zoneUuid)?.uuid,
    purpose: ip.isSystem && ip.staticNat ? "StaticNat" : undefined,
    tags: tagsOf(model, "PublicIpAddress", ip.uuid),
    isportable: ip.isPortable ?? false,
    fordisplay: ip.fordisplay ?? true,
    hasannotations: false,
    hasrules: false,
    forsystemvms: range?.forSystemVms ?? false,
  });
  return withoutUndefined(view);
}

function listPublicIpAddresses(model: SimulatorModel): Handler {
  return (ctx: HandlerContext) => {
    const p = ctx.params;
    const id = str(p, "id");
    if (id !== undefined) model.publicIps.resolve("id", id);
    rejectUnknownIds(p, {
      zoneid: (v) => zoneExists(model, v),
      physicalnetworkid: (v) => model.state.physicalNetworks.some((x) => x.uuid === v),
      associatednetworkid: (v) => model.networks.known(v),
      networkid: (v) => model.networks.known(v),
      vlanid: (v) => model.state.vlanIpRanges.some((r) => r.uuid === v) || model.state.portableIpRanges.some((r) => r.uuid === v),
      vpcid: (v) => model.vpcs.known(v),
    });
    const scope = listScopeOf(model, ctx, id !== undefined);
    const allocatedOnly = bool(p, "allocatedonly") ?? true;
    const state = str(p, "state");
    const filters: Array<(ip: PublicIpRecord) => boolean> = [];
    const eq = <T>(value: T | undefined, get: (ip: PublicIpRecord) => T): void => {
      if (value !== undefined) filters.push((ip) => get(ip) === value);
    };
    eq(id, (ip) => ip.uuid);
    eq(str(p, "ipaddress"), (ip) => ip.address);
    eq(str(p, "zoneid"), (ip) => ip.zoneUuid);
    eq(str(p, "vlanid"), (ip) => ip.vlanRangeUuid);
    eq(str(p, "associatednetworkid"), (ip) => ip.associatedNetworkUuid);
    eq(str(p, "vpcid"), (ip) => ip.vpcUuid);
    eq(str(p, "networkid"), (ip) => rangeOfIp(model.state, ip)?.networkUuid);
    eq(str(p, "physicalnetworkid"), (ip) => rangeOfIp(model.state, ip)?.physicalNetworkUuid);
    eq(bool(p, "issourcenat"), (ip) => ip.isSourceNat);
    eq(bool(p, "isstaticnat"), (ip) => ip.staticNat !== undefined);
    eq(bool(p, "fordisplay"), (ip) => ip.fordisplay ?? true);
    eq(bool(p, "forsystemvms"), (ip) => rangeOfIp(model.state, ip)?.forSystemVms ?? false);
    // Without forvirtualnetwork only public (virtual network) IPs are listed, not shared networks' guest IPs.
    eq(bool(p, "forvirtualnetwork") ?? true, (ip) => rangeOfIp(model.state, ip)?.forVirtualNetwork ?? true);
    if (state !== undefined) filters.push((ip) => ip.state.toLowerCase() === state.toLowerCase());
    const keyword = str(p, "keyword");
    const tagFilter = map(p, "tags");
    const items = model.state.publicIps
      .filter((ip) => {
        const range = rangeOfIp(model.state, ip);
        if (range?.removed) return false;
        if (ip.accountUuid === undefined) return !allocatedOnly;
        return scope.ownerVisible(ip.accountUuid);
      })
      .filter((ip) => !allocatedOnly || ip.state !== "Free")
      .filter((ip) => filters.every((f) => f(ip)))
      .filter((ip) => keywordMatches(keyword, ip.address))
      .filter(
        (ip) =>
          tagFilter.length === 0 ||
          model.tags.of("PublicIpAddress", ip.uuid).some((t) => tagFilter.some((f) => f.key === t.key && (f.value === undefined || f.value === t.value))),
      )
      .sort((a, b) => a.id - b.id)
      .map((ip) => ipView(model, ip, ctx.caller));
    if (bool(p, "retrieveonlyresourcecount")) return { kind: "flat", fields: { count: items.length } };
    return { kind: "list", objectName: "publicipaddress", items };
  };
}

/** A job on a public IP, queued behind the other jobs of its network. */
export const ipJob = (ip: PublicIpRecord): JobTarget => ({ queueKey: ip.associatedNetworkUuid ?? ip.uuid, instanceType: "IpAddress", instanceId: ip.uuid });

export function addressHandlers(model: SimulatorModel): Record<string, Handler> {
  return {
    associateIpAddress: (ctx) => {
      const p = ctx.params;
      const vpcid = str(p, "vpcid");
      if (vpcid !== undefined) model.vpcs.resolveIncludingRemoved("vpcid", vpcid);
      const vpc = vpcid === undefined ? undefined : model.vpcs.active(vpcid);
      if (vpcid !== undefined && !vpc) throw paramError("Unable to find Enabled VPC by id specified");
      const { ip, network } = model.publicIps.allocate(ctx.caller, {
        account: str(p, "account"),
        domainid: str(p, "domainid"),
        projectid: str(p, "projectid"),
        zoneid: str(p, "zoneid"),
        networkid: str(p, "networkid"),
        vpc,
        isportable: bool(p, "isportable"),
        regionid: int(p, "regionid"),
        fordisplay: bool(p, "fordisplay"),
        ipaddress: str(p, "ipaddress"),
      });
      if (vpc) {
        return objectJob({ queueKey: vpc.uuid, instanceType: "IpAddress", createdId: ip.uuid }, "ipaddress", () =>
          ipView(model, model.publicIps.associateToVpc(ip, vpc), ctx.caller),
        );
      }
      const target = network as NetworkRecord;
      return objectJob({ queueKey: target.uuid, instanceType: "IpAddress", createdId: ip.uuid }, "ipaddress", () =>
        ipView(model, model.publicIps.associate(ip, target), ctx.caller),
      );
    },
    disassociateIpAddress: (ctx) => {
      const p = ctx.params;
      const id = str(p, "id");
      const address = str(p, "ipaddress");
      let ip: PublicIpRecord;
      if (id !== undefined) ip = model.publicIps.resolve("id", id);
      else if (address !== undefined) {
        const found = model.state.publicIps.find((r) => r.address === address);
        if (!found) throw paramError(`Unable to find IP address by ip address ${address}`);
        ip = found;
      } else {
        throw paramError("Please specify either IP address or IP address ID");
      }
      return successJob(ipJob(ip), () => model.publicIps.disassociate(ctx.caller, ip));
    },
    updateIpAddress: (ctx) => {
      const p = ctx.params;
      const ip = model.publicIps.resolve("id", str(p, "id") ?? "");
      const input = { fordisplay: bool(p, "fordisplay"), customid: str(p, "customid") };
      return objectJob({ queueKey: ip.uuid, instanceType: "IpAddress", instanceId: ip.uuid }, "ipaddress", () =>
        ipView(model, model.publicIps.update(ctx.caller, ip, input), ctx.caller),
      );
    },
    listPublicIpAddresses: listPublicIpAddresses(model),
    reserveIpAddress: (ctx) => {
      const p = ctx.params;
      const ip = model.publicIps.resolve("id", str(p, "id") ?? "");
      const reserved = model.publicIps.reserve(ctx.caller, ip, {
        account: str(p, "account"),
        domainid: str(p, "domainid"),
        projectid: str(p, "projectid"),
        fordisplay: bool(p, "fordisplay"),
      });
      return { kind: "object", objectName: "ipaddress", object: ipView(model, reserved, ctx.caller) };
    },
    releaseIpAddress: (ctx) => {
      model.publicIps.releaseReserved(ctx.caller, model.publicIps.resolve("id", str(ctx.params, "id") ?? ""));
      return { kind: "success" };
    },
  };
}
