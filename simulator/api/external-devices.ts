// NetScaler load balancers and Palo Alto firewalls of physical networks: root admins only, every
// change an async job whose checks run inside it (AddNetscalerLoadBalancerCmd and its kin turn
// InvalidParameterValueException into 431 and CloudRuntimeException into 530).
import type { SimulatorModel } from "../model";
import type { ExternalDeviceRecord } from "../model/records";
import { paramError, uuidNotFound } from "../errors";
import type { Handler, HandlerContext, RawParams } from "../wire/types";
import { objectJob, successJob } from "./jobs";
import { bool, list, rawStr, requireRootAdmin, str } from "./params";
import { withoutUndefined } from "./views";

function netscalerView(model: SimulatorModel, d: ExternalDeviceRecord): Record<string, unknown> {
  return withoutUndefined({
    lbdeviceid: d.uuid,
    physicalnetworkid: d.physicalNetworkUuid,
    provider: d.provider,
    lbdevicename: d.deviceName,
    lbdevicestate: d.state,
    lbdevicecapacity: d.capacity,
    lbdevicededicated: d.dedicated,
    ipaddress: d.ipAddress,
    gslbprovider: d.gslbProvider,
    isexclusivegslbprovider: d.exclusiveGslbProvider,
    gslbproviderpublicip: d.gslbPublicIp,
    gslbproviderprivateip: d.gslbPrivateIp,
    // CloudStack answers the pods' internal ids here, not their uuids.
    podids: d.podUuids.map((uuid) => model.state.pods.find((p) => p.uuid === uuid)?.id).filter((id) => id !== undefined),
  });
}

function paloAltoView(d: ExternalDeviceRecord): Record<string, unknown> {
  return withoutUndefined({
    fwdeviceid: d.uuid,
    physicalnetworkid: d.physicalNetworkUuid,
    provider: d.provider,
    fwdevicename: d.deviceName,
    fwdevicestate: d.state,
    fwdevicecapacity: d.capacity,
    ipaddress: d.ipAddress,
    // The other interface settings are read under host detail names the URL's parameters do not fill.
    timeout: d.details.timeout,
  });
}

/** The UUID parameter resolved to a device of that provider, or CloudStack's 431 for an unknown id. */
function deviceParam(model: SimulatorModel, params: RawParams, name: string, provider: ExternalDeviceRecord["provider"]): ExternalDeviceRecord | undefined {
  const uuid = str(params, name);
  if (uuid === undefined) return undefined;
  const device = model.externalDevices.find(uuid, provider);
  if (!device) throw uuidNotFound(name, uuid);
  return device;
}

function physicalNetworkParam(model: SimulatorModel, params: RawParams) {
  const uuid = str(params, "physicalnetworkid");
  if (uuid === undefined) return undefined;
  const pnet = model.physicalNetworks.find(uuid);
  if (!pnet) throw uuidNotFound("physicalnetworkid", uuid);
  return pnet;
}

/** listNetscalerLoadBalancers / listPaloAltoFirewalls need a physical network or a device. */
function listed(model: SimulatorModel, ctx: HandlerContext, idParam: string, provider: ExternalDeviceRecord["provider"]): ExternalDeviceRecord[] {
  requireRootAdmin(ctx);
  const device = deviceParam(model, ctx.params, idParam, provider);
  const pnet = physicalNetworkParam(model, ctx.params);
  if (!device && !pnet) throw paramError("Either physical network Id or load balancer device Id must be specified");
  // NetScaler answers the device alone when both are given; Palo Alto the physical network's devices.
  if (device && (provider === "Netscaler" || !pnet)) return [device];
  return model.externalDevices.ofPhysicalNetwork(pnet!.uuid, provider);
}

export function externalDeviceHandlers(model: SimulatorModel): Record<string, Handler> {
  return {
    addNetscalerLoadBalancer: (ctx) => {
      requireRootAdmin(ctx);
      const p = ctx.params;
      // Required: the wire layer has refused a request without it.
      const pnet = physicalNetworkParam(model, p)!;
      const input = {
        url: str(p, "url") ?? "",
        username: str(p, "username") ?? "",
        deviceType: str(p, "networkdevicetype") ?? "",
        gslbProvider: bool(p, "gslbprovider") === true,
        exclusiveGslbProvider: bool(p, "isexclusivegslbprovider") === true,
        gslbPublicIp: str(p, "gslbproviderpublicip"),
        gslbPrivateIp: str(p, "gslbproviderprivateip"),
      };
      return objectJob({ queueKey: pnet.uuid, instanceType: "None" }, "netscalerloadbalancer", () =>
        netscalerView(model, model.externalDevices.addNetscaler(pnet, input)),
      );
    },
    configureNetscalerLoadBalancer: (ctx) => {
      requireRootAdmin(ctx);
      const p = ctx.params;
      const device = deviceParam(model, p, "lbdeviceid", "Netscaler")!;
      const capacity = str(p, "lbdevicecapacity");
      // An empty podids is the empty list (ParamProcessWorker tokenizes it to none), which
      // dissociates every pod; absent is no list at all.
      const rawPods = rawStr(p, "podids");
      const pods = (rawPods === undefined ? undefined : rawPods.split(",").map((s) => s.trim()).filter((s) => s !== ""))?.map((uuid) => {
        if (!model.state.pods.some((pod) => pod.uuid === uuid)) throw uuidNotFound("podids", uuid);
        return uuid;
      });
      const dedicated = bool(p, "lbdevicededicated");
      return objectJob({ queueKey: device.uuid, instanceType: "None" }, "netscalerloadbalancer", () =>
        netscalerView(model, model.externalDevices.configureNetscaler(device, capacity === undefined ? undefined : Number(capacity), dedicated, pods)),
      );
    },
    deleteNetscalerLoadBalancer: (ctx) => {
      requireRootAdmin(ctx);
      const device = deviceParam(model, ctx.params, "lbdeviceid", "Netscaler")!;
      return successJob({ queueKey: device.uuid, instanceType: "None" }, () => model.externalDevices.delete(device));
    },
    listNetscalerLoadBalancers: (ctx) => ({
      kind: "list",
      objectName: "netscalerloadbalancer",
      items: listed(model, ctx, "lbdeviceid", "Netscaler").map((d) => netscalerView(model, d)),
    }),
    addPaloAltoFirewall: (ctx) => {
      requireRootAdmin(ctx);
      const p = ctx.params;
      // Required: the wire layer has refused a request without it.
      const pnet = physicalNetworkParam(model, p)!;
      const [url, username, type] = [str(p, "url") ?? "", str(p, "username") ?? "", str(p, "networkdevicetype") ?? ""];
      return objectJob({ queueKey: pnet.uuid, instanceType: "None" }, "pafirewall", () => paloAltoView(model.externalDevices.addPaloAlto(pnet, url, username, type)));
    },
    configurePaloAltoFirewall: (ctx) => {
      requireRootAdmin(ctx);
      const p = ctx.params;
      const device = deviceParam(model, p, "fwdeviceid", "PaloAlto")!;
      const capacity = str(p, "fwdevicecapacity");
      return objectJob({ queueKey: device.uuid, instanceType: "None" }, "pafirewall", () =>
        paloAltoView(model.externalDevices.configurePaloAlto(device, capacity === undefined ? undefined : Number(capacity))),
      );
    },
    deletePaloAltoFirewall: (ctx) => {
      requireRootAdmin(ctx);
      const device = deviceParam(model, ctx.params, "fwdeviceid", "PaloAlto")!;
      return successJob({ queueKey: device.uuid, instanceType: "None" }, () => model.externalDevices.delete(device));
    },
    // The list answers each device under the name createPaloAltoFirewallResponse gives it, which
    // only the add and configure commands rename to "pafirewall".
    listPaloAltoFirewalls: (ctx) => ({ kind: "list", objectName: "paloaltofirewall", items: listed(model, ctx, "fwdeviceid", "PaloAlto").map(paloAltoView) }),
  };
}
