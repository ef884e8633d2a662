// VLAN IP ranges, their dedication, dedicated guest VLAN ranges and portable IP ranges: all
// root-admin commands (others get 432, as CloudStack's role rules answer them).
import type { SimulatorModel } from "../model";
import { cidrFromGatewayNetmask, cidrToString } from "../model/cidr";
import type { DedicatedGuestVlanRangeRecord, PortableIpRangeRecord, VlanIpRangeRecord } from "../model/records";
import { paramError, uuidNotFound } from "../errors";
import type { Handler, RawParams } from "../wire/types";
import { objectJob, successJob } from "./jobs";
import { zoneExists } from "./list-helpers";
import { ownerFields } from "./owner-fields";
import { bool, int, keywordMatches, requireRootAdmin, str } from "./params";
import { withoutUndefined } from "./views";

function vlanRangeView(model: SimulatorModel, range: VlanIpRangeRecord): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: range.uuid,
    forvirtualnetwork: range.forVirtualNetwork,
    zoneid: range.zoneUuid,
    vlan: range.vlan,
  };
  const pod = range.podUuid === undefined ? undefined : model.pods.find(range.podUuid);
  if (pod) Object.assign(view, { podid: pod.uuid, podname: pod.name });
  if (range.accountUuid) Object.assign(view, ownerFields(model, range.accountUuid));
  else if (range.dedicatedDomainUuid) {
    const domain = model.accounts.domainOrThrow(range.dedicatedDomainUuid);
    Object.assign(view, { domainid: domain.uuid, domain: domain.name, domainpath: domain.path });
  }
  Object.assign(view, {
    gateway: range.gateway,
    netmask: range.netmask,
    cidr: cidrToString(cidrFromGatewayNetmask(range.gateway, range.netmask)),
    startip: range.startIp,
    endip: range.endIp,
    networkid: range.networkUuid,
    physicalnetworkid: range.physicalNetworkUuid,
    forsystemvms: range.forSystemVms ?? false,
  });
  return withoutUndefined(view);
}

function guestVlanRangeView(model: SimulatorModel, d: DedicatedGuestVlanRangeRecord): Record<string, unknown> {
  const pnet = model.state.physicalNetworks.find((p) => p.uuid === d.physicalNetworkUuid);
  const zone = model.state.zones.find((z) => z.uuid === pnet?.zoneUuid);
  return {
    id: d.uuid,
    ...ownerFields(model, d.accountUuid),
    guestvlanrange: `${d.start}-${d.end}`,
    // GuestVlanRangeResponse declares these as Long: CloudStack answers the internal ids.
    physicalnetworkid: pnet?.id,
    zoneid: zone?.id,
  };
}

function portableRangeView(model: SimulatorModel, range: PortableIpRangeRecord): Record<string, unknown> {
  return {
    id: range.uuid,
    regionid: range.regionId,
    gateway: range.gateway,
    netmask: range.netmask,
    vlan: range.vlan,
    startip: range.startIp,
    endip: range.endIp,
    portableipaddress: model.portableIps.addressesOf(range).map((p) => {
      const ip: Record<string, unknown> = {
        regionid: range.regionId,
        ipaddress: p.address,
        zoneid: p.zoneUuid,
        networkid: p.networkUuid,
        vpcid: p.vpcUuid,
        physicalnetworkid: p.physicalNetworkUuid,
        accountid: p.accountUuid,
        domainid: p.domainUuid,
        allocated: p.allocated,
        state: p.state,
      };
      return withoutUndefined(ip);
    }),
  };
}

const ownerParams = (p: RawParams) => ({ account: str(p, "account"), domainid: str(p, "domainid"), projectid: str(p, "projectid") });

export function vlanRangeHandlers(model: SimulatorModel): Record<string, Handler> {
  return {
    createVlanIpRange: (ctx) => {
      requireRootAdmin(ctx);
      const p = ctx.params;
      const podid = str(p, "podid");
      if (podid !== undefined && !model.pods.find(podid)) throw uuidNotFound("podid", podid);
      const range = model.vlanRanges.create({
        podid,
        ...ownerParams(p),
        zoneid: str(p, "zoneid"),
        startip: str(p, "startip"),
        endip: str(p, "endip"),
        gateway: str(p, "gateway"),
        netmask: str(p, "netmask"),
        vlan: str(p, "vlan"),
        forvirtualnetwork: bool(p, "forvirtualnetwork"),
        networkid: str(p, "networkid"),
        physicalnetworkid: str(p, "physicalnetworkid"),
        forsystemvms: bool(p, "forsystemvms"),
        ip6cidr: str(p, "ip6cidr"),
      });
      return { kind: "object", objectName: "vlan", object: vlanRangeView(model, range) };
    },
    updateVlanIpRange: (ctx) => {
      requireRootAdmin(ctx);
      const p = ctx.params;
      const range = model.vlanRanges.resolveIncludingRemoved("id", str(p, "id") ?? "");
      const updated = model.vlanRanges.update(range, {
        startip: str(p, "startip"),
        endip: str(p, "endip"),
        gateway: str(p, "gateway"),
        netmask: str(p, "netmask"),
        forsystemvms: bool(p, "forsystemvms"),
      });
      return { kind: "object", objectName: "vlan", object: vlanRangeView(model, updated) };
    },
    deleteVlanIpRange: (ctx) => {
      requireRootAdmin(ctx);
      model.vlanRanges.delete(model.vlanRanges.resolveIncludingRemoved("id", str(ctx.params, "id") ?? ""));
      return { kind: "success" };
    },
    listVlanIpRanges: (ctx) => {
      requireRootAdmin(ctx);
      const p = ctx.params;
      const id = str(p, "id");
      if (id !== undefined) model.vlanRanges.resolveIncludingRemoved("id", id);
      const zoneid = str(p, "zoneid");
      if (zoneid !== undefined && !zoneExists(model, zoneid)) throw uuidNotFound("zoneid", zoneid);
      const networkid = str(p, "networkid");
      if (networkid !== undefined && !model.networks.known(networkid)) throw uuidNotFound("networkid", networkid);
      const pnet = str(p, "physicalnetworkid");
      if (pnet !== undefined && !model.state.physicalNetworks.some((x) => x.uuid === pnet)) throw uuidNotFound("physicalnetworkid", pnet);
      const podid = str(p, "podid");
      if (podid !== undefined && !model.pods.find(podid)) throw uuidNotFound("podid", podid);
      const owner = ownerParams(p);
      const ownerAccount =
        owner.account !== undefined || owner.projectid !== undefined ? model.accounts.resolveOwner(ctx.caller, owner) : undefined;
      if (owner.domainid !== undefined && !model.accounts.domain(owner.domainid)) throw uuidNotFound("domainid", owner.domainid);
      const vlan = str(p, "vlan");
      const forVirtual = bool(p, "forvirtualnetwork");
      const keyword = str(p, "keyword");
      const items = model.vlanRanges
        .live()
        .filter((r) => id === undefined || r.uuid === id)
        .filter((r) => zoneid === undefined || r.zoneUuid === zoneid)
        .filter((r) => networkid === undefined || r.networkUuid === networkid)
        .filter((r) => pnet === undefined || r.physicalNetworkUuid === pnet)
        .filter((r) => podid === undefined || r.podUuid === podid)
        .filter((r) => forVirtual === undefined || r.forVirtualNetwork === forVirtual)
        .filter((r) => vlan === undefined || r.vlan.replace(/^vlan:\/\//i, "") === vlan.replace(/^vlan:\/\//i, ""))
        .filter((r) => ownerAccount === undefined || r.accountUuid === ownerAccount.uuid)
        .filter((r) => ownerAccount !== undefined || owner.domainid === undefined || r.dedicatedDomainUuid === owner.domainid || (r.accountUuid !== undefined && model.accounts.accountOrThrow(r.accountUuid).domainUuid === owner.domainid))
        .filter((r) => keywordMatches(keyword, r.vlan))
        .sort((a, b) => a.id - b.id)
        .map((r) => vlanRangeView(model, r));
      return { kind: "list", objectName: "vlaniprange", items };
    },
    dedicatePublicIpRange: (ctx) => {
      requireRootAdmin(ctx);
      const p = ctx.params;
      const range = model.vlanRanges.resolveIncludingRemoved("id", str(p, "id") ?? "");
      const updated = model.vlanRanges.dedicate(range, { ...ownerParams(p), domainid: str(p, "domainid") ?? "" });
      return { kind: "object", objectName: "vlan", object: vlanRangeView(model, updated) };
    },
    releasePublicIpRange: (ctx) => {
      requireRootAdmin(ctx);
      model.vlanRanges.release(model.vlanRanges.resolveIncludingRemoved("id", str(ctx.params, "id") ?? ""));
      return { kind: "success" };
    },
    dedicateGuestVlanRange: (ctx) => {
      requireRootAdmin(ctx);
      const p = ctx.params;
      const d = model.guestVlanDedications.dedicate({
        ...ownerParams(p),
        vlanrange: str(p, "vlanrange") ?? "",
        physicalnetworkid: str(p, "physicalnetworkid") ?? "",
      });
      return { kind: "object", objectName: "dedicatedguestvlanrange", object: guestVlanRangeView(model, d) };
    },
    releaseDedicatedGuestVlanRange: (ctx) => {
      requireRootAdmin(ctx);
      const d = model.guestVlanDedications.resolve("id", str(ctx.params, "id") ?? "");
      return successJob({ queueKey: d.uuid }, () => model.guestVlanDedications.release(d));
    },
    listDedicatedGuestVlanRanges: (ctx) => {
      requireRootAdmin(ctx);
      const p = ctx.params;
      const id = str(p, "id");
      if (id !== undefined) model.guestVlanDedications.resolve("id", id);
      const owner = ownerParams(p);
      if (owner.account !== undefined && owner.domainid !== undefined && owner.projectid !== undefined) {
        throw paramError("Account and projectId can't be specified together");
      }
      let accountUuid: string | undefined;
      if (owner.account !== undefined && owner.domainid !== undefined) {
        const a = model.state.accounts.find((x) => x.name === owner.account && x.domainUuid === owner.domainid && x.type !== 5);
        if (!a) throw paramError(`Unable to find account ${owner.account}`);
        accountUuid = a.uuid;
      }
      if (owner.projectid !== undefined) {
        const project = model.accounts.project(owner.projectid);
        if (!project) throw uuidNotFound("projectid", owner.projectid);
        accountUuid = project.accountUuid;
      }
      const range = str(p, "guestvlanrange");
      const pnet = str(p, "physicalnetworkid");
      if (pnet !== undefined && !model.state.physicalNetworks.some((x) => x.uuid === pnet)) throw uuidNotFound("physicalnetworkid", pnet);
      const zoneid = str(p, "zoneid");
      if (zoneid !== undefined && !zoneExists(model, zoneid)) throw uuidNotFound("zoneid", zoneid);
      const items = model.guestVlanDedications
        .all()
        .filter((d) => id === undefined || d.uuid === id)
        .filter((d) => accountUuid === undefined || d.accountUuid === accountUuid)
        .filter((d) => range === undefined || `${d.start}-${d.end}` === range)
        .filter((d) => pnet === undefined || d.physicalNetworkUuid === pnet)
        .filter((d) => zoneid === undefined || model.state.physicalNetworks.find((x) => x.uuid === d.physicalNetworkUuid)?.zoneUuid === zoneid)
        .map((d) => guestVlanRangeView(model, d));
      return { kind: "list", objectName: "dedicatedguestvlanrange", items };
    },
    createPortableIpRange: (ctx) => {
      requireRootAdmin(ctx);
      const p = ctx.params;
      const input = {
        regionid: int(p, "regionid") ?? 0,
        startip: str(p, "startip") ?? "",
        endip: str(p, "endip") ?? "",
        gateway: str(p, "gateway") ?? "",
        netmask: str(p, "netmask") ?? "",
        vlan: str(p, "vlan"),
      };
      // An async-create command: the range is made (and validated) before the job is queued.
      const range = model.portableIps.createRange(input);
      return objectJob({ queueKey: range.uuid, instanceType: "PortableIpAddress", createdId: range.uuid }, "portableiprange", () =>
        portableRangeView(model, range),
      );
    },
    deletePortableIpRange: (ctx) => {
      requireRootAdmin(ctx);
      const range = model.portableIps.resolveRange("id", str(ctx.params, "id") ?? "");
      return successJob({ queueKey: range.uuid }, () => model.portableIps.deleteRange(range));
    },
    listPortableIpRanges: (ctx) => {
      requireRootAdmin(ctx);
      const p = ctx.params;
      const regionid = int(p, "regionid");
      const id = str(p, "id");
      if (regionid !== undefined && !model.state.regions.some((r) => r.id === regionid)) throw paramError(`Invalid region ID: ${regionid}`);
      if (id !== undefined) model.portableIps.resolveRange("id", id);
      const items = model.portableIps
        .ranges()
        .filter((r) => regionid === undefined || r.regionId === regionid)
        .filter((r) => id === undefined || r.uuid === id)
        .map((r) => portableRangeView(model, r));
      return { kind: "list", objectName: "portableiprange", items };
    },
  };
}
