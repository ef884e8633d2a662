// createZone, updateZone, deleteZone, createPod, updatePod, deletePod, listPods (root admins only).
import type { SimulatorModel } from "../model";
import type { PodRecord, ZoneRecord } from "../model/records";
import { cidrFromGatewayNetmask, cidrToString } from "../model/cidr";
import { uuidNotFound } from "../errors";
import type { Handler, RawParams } from "../wire/types";
import { zoneView } from "./infrastructure";
import { bool, keywordMatches, requireRootAdmin, str } from "./params";

function podView(model: SimulatorModel, pod: PodRecord): Record<string, unknown> {
  const zone = model.zones.find(pod.zoneUuid);
  return {
    id: pod.uuid,
    name: pod.name,
    zoneid: pod.zoneUuid,
    zonename: zone?.name,
    gateway: pod.gateway,
    netmask: pod.netmask,
    startip: [pod.startIp],
    endip: [pod.endIp],
    forsystemvms: ["0"],
    vlanid: [""],
    ipranges: [{ startip: pod.startIp, endip: pod.endIp, gateway: pod.gateway, cidr: cidrToString(cidrFromGatewayNetmask(pod.gateway, pod.netmask)), forsystemvms: "0", vlanid: "" }],
    allocationstate: pod.allocationState,
    hasannotations: false,
  };
}

function zoneOf(model: SimulatorModel, params: RawParams, name: string): ZoneRecord {
  const uuid = str(params, name) ?? "";
  const zone = model.zones.find(uuid);
  if (!zone) throw uuidNotFound(name, uuid);
  return zone;
}

function podOf(model: SimulatorModel, params: RawParams): PodRecord {
  const uuid = str(params, "id") ?? "";
  const pod = model.pods.find(uuid);
  if (!pod) throw uuidNotFound("id", uuid);
  return pod;
}

/** The parameters createZone and updateZone share. */
const zoneInput = (p: RawParams) => ({
  name: str(p, "name"),
  dns1: str(p, "dns1"),
  dns2: str(p, "dns2"),
  internaldns1: str(p, "internaldns1"),
  internaldns2: str(p, "internaldns2"),
  guestcidraddress: str(p, "guestcidraddress"),
  domain: str(p, "domain"),
  allocationstate: str(p, "allocationstate"),
  localstorageenabled: bool(p, "localstorageenabled"),
});

const podInput = (p: RawParams) => ({
  name: str(p, "name"),
  gateway: str(p, "gateway"),
  netmask: str(p, "netmask"),
  startip: str(p, "startip"),
  endip: str(p, "endip"),
  allocationstate: str(p, "allocationstate"),
});

export function zoneHandlers(model: SimulatorModel): Record<string, Handler> {
  return {
    createZone: (ctx) => {
      requireRootAdmin(ctx);
      const p = ctx.params;
      const zone = model.zones.create({
        ...zoneInput(p),
        name: str(p, "name") ?? "",
        networktype: str(p, "networktype") ?? "",
        dns1: str(p, "dns1") ?? "",
        internaldns1: str(p, "internaldns1") ?? "",
        securitygroupenabled: bool(p, "securitygroupenabled"),
      });
      return { kind: "object", objectName: "zone", object: zoneView(zone, true) };
    },
    updateZone: (ctx) => {
      requireRootAdmin(ctx);
      const zone = model.zones.update(zoneOf(model, ctx.params, "id"), zoneInput(ctx.params));
      return { kind: "object", objectName: "zone", object: zoneView(zone, true) };
    },
    deleteZone: (ctx) => {
      requireRootAdmin(ctx);
      model.zones.delete(zoneOf(model, ctx.params, "id"));
      return { kind: "success" };
    },
    createPod: (ctx) => {
      requireRootAdmin(ctx);
      const p = ctx.params;
      const zone = zoneOf(model, p, "zoneid");
      const pod = model.pods.create(zone, { ...podInput(p), name: str(p, "name") ?? "" });
      return { kind: "object", objectName: "pod", object: podView(model, pod) };
    },
    updatePod: (ctx) => {
      requireRootAdmin(ctx);
      const pod = model.pods.update(podOf(model, ctx.params), podInput(ctx.params));
      return { kind: "object", objectName: "pod", object: podView(model, pod) };
    },
    deletePod: (ctx) => {
      requireRootAdmin(ctx);
      model.pods.delete(podOf(model, ctx.params));
      return { kind: "success" };
    },
    listPods: (ctx) => {
      requireRootAdmin(ctx);
      const p = ctx.params;
      const id = str(p, "id");
      if (id !== undefined && !model.pods.find(id)) throw uuidNotFound("id", id);
      const zoneid = str(p, "zoneid");
      if (zoneid !== undefined && !model.zones.find(zoneid)) throw uuidNotFound("zoneid", zoneid);
      const name = str(p, "name");
      const state = str(p, "allocationstate");
      const keyword = str(p, "keyword");
      const items = model.state.pods
        .filter((pod) => (id === undefined || pod.uuid === id) && (zoneid === undefined || pod.zoneUuid === zoneid))
        .filter((pod) => (name === undefined || pod.name === name) && (state === undefined || pod.allocationState === state))
        .filter((pod) => keywordMatches(keyword, pod.name))
        .map((pod) => podView(model, pod));
      return { kind: "list", objectName: "pod", items };
    },
  };
}
