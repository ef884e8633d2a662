// NetscalerLoadBalancer: a NetScaler appliance added to a physical network, for external load
// balancing and as the zone's GSLB service provider (addNetscalerLoadBalancer,
// configureNetscalerLoadBalancer, deleteNetscalerLoadBalancer, listNetscalerLoadBalancers;
// root admin). NetscalerElement.addNetscalerLoadBalancer holds the rules checked here.
import { z } from "zod";
import { defineSpec } from "../adapter/spec";
import { failure } from "../adapter/check/failures";
import { ApiObject, CheckFailure, PropertyMap } from "../adapter/types";
import { UNKNOWN } from "../adapter/check/unknown";
import { deepEqual } from "../adapter/diff/comparators";
import type { CloudStackClient, Params } from "../client";
import { ipv4Address, uuid } from "../validation/fields";
import { booleanOrNull, textOrNull } from "./common/api-values";
import * as devices from "./common/external-devices";
import { inputObject } from "./common/inputs";

const DEVICE_TYPES = ["NetscalerMPXLoadBalancer", "NetscalerVPXLoadBalancer", "NetscalerSDXLoadBalancer"] as const;

const COMMANDS: devices.DeviceCommands = {
  kind: "NetscalerLoadBalancer",
  add: "addNetscalerLoadBalancer",
  configure: "configureNetscalerLoadBalancer",
  list: "listNetscalerLoadBalancers",
  idParam: "lbdeviceid",
  objectKey: "netscalerloadbalancer",
};

export const netscalerLoadBalancerInputs = inputObject({
  ...devices.deviceInputs(
    "Netscaler",
    "publicinterface and privateinterface (required, e.g. https://10.0.0.5?publicinterface=1/1&privateinterface=1/2), and optionally numretries, lbdevicecapacity and lbdevicededicated",
  ),
  deviceType: z
    .enum(DEVICE_TYPES)
    .describe("NetscalerMPXLoadBalancer, NetscalerVPXLoadBalancer or NetscalerSDXLoadBalancer, as the appliance reports itself. Changing it replaces the device."),
  dedicated: z
    .boolean()
    .optional()
    .describe("Whether the device serves one account only (VPX only); shared when omitted, unless the URL says lbdevicededicated=true. Updated in place."),
  gslbProvider: z
    .boolean()
    .optional()
    .describe("Whether the device is the GSLB service provider of its physical network (VPX or MPX; one per physical network). Changing it replaces the device."),
  gslbProviderPublicIp: ipv4Address().optional().describe("The site's public IP for GSLB; required with gslbProvider. Changing it replaces the device."),
  gslbProviderPrivateIp: ipv4Address().optional().describe("The site's private IP for GSLB; required with gslbProvider. Changing it replaces the device."),
  exclusiveGslbProvider: z
    .boolean()
    .optional()
    .describe("Whether the device serves GSLB only and no load balancing (needs gslbProvider). Changing it replaces the device."),
  podIds: z
    .array(uuid())
    .optional()
    .describe(
      "The ids of the pods whose subnets the zone's L3 router sends to this device by a policy-based route, for the elastic IP and elastic load balancing of a basic zone (configureNetscalerLoadBalancer podids). Updated in place (the whole list); [] or omitting it dissociates them all.",
    ),
});

export const netscalerLoadBalancerAttributes = z.object({ ...devices.deviceAttributes });

type Inputs = z.infer<typeof netscalerLoadBalancerInputs>;

/** NetscalerElement.addNetscalerLoadBalancer's and configureNetscalerLoadBalancer's rules, in their words. */
function validate(inputs: Inputs, known: (key: string) => boolean): CheckFailure[] {
  const failures = known("url") ? devices.urlFailures(inputs.url, ["publicinterface", "privateinterface"]) : [];
  const type = known("deviceType") ? inputs.deviceType : undefined;
  if (known("dedicated") && inputs.dedicated === true && type !== undefined && type !== "NetscalerVPXLoadBalancer") {
    failures.push(failure("dedicated", true, `is not allowed for a ${type}: only Netscaler VPX load balancers can be dedicated to one account`));
  }
  if (known("podIds") && inputs.podIds) {
    const seen = new Set<string>();
    for (const [i, pod] of inputs.podIds.entries()) {
      if (seen.has(pod.toLowerCase())) failures.push(failure(`podIds.${i}`, pod, "is listed twice; a pod is associated with the device once"));
      seen.add(pod.toLowerCase());
    }
  }
  if (!known("gslbProvider")) return failures;
  if (inputs.gslbProvider === true) {
    if (type === "NetscalerSDXLoadBalancer") {
      failures.push(failure("gslbProvider", true, "is not allowed for a NetscalerSDXLoadBalancer: only Netscaler VPX or MPX load balancers can be GSLB service providers"));
    }
    for (const key of ["gslbProviderPublicIp", "gslbProviderPrivateIp"] as const) {
      if (known(key) && inputs[key] === undefined) failures.push(failure(key, undefined, "is required when gslbProvider is true: the GSLB site needs its public and private IP"));
    }
  } else if (known("exclusiveGslbProvider") && inputs.exclusiveGslbProvider === true) {
    failures.push(failure("exclusiveGslbProvider", true, "needs gslbProvider: true (a device can be the exclusive GSLB provider only if it is a GSLB provider)"));
  }
  return failures;
}

/**
 * The pods of every configure call. NetscalerElement.configureNetscalerLoadBalancer dissociates
 * the pods missing from `podids`, and fails (a NullPointerException, 530) when the parameter is
 * absent while the device has pods: so the pods written go with every call, none as the empty
 * parameter, which ParamProcessWorker reads as the empty list.
 */
const podParams = (pods: readonly string[] | undefined): Params => ({ podids: pods && pods.length > 0 ? [...pods] : "" });

/**
 * CloudStack answers the device's pods by their internal ids (NetscalerElement
 * .createNetscalerLoadBalancerResponse), which no other answer shows: the pods written stand
 * while the device has as many; otherwise the device's pods read as "pod #<internal id>", a
 * change the plan shows and the next update puts right.
 */
function podsAsWritten(device: ApiObject, olds: PropertyMap): string[] | null {
  const listed = Array.isArray(device.podids) ? (device.podids as unknown[]) : [];
  const written = Array.isArray(olds.podIds) ? (olds.podIds as string[]) : [];
  if (written.length === listed.length) return written.length === 0 ? null : written;
  return listed.map((id) => `pod #${String(id)}`);
}

const podList = (value: unknown): string[] => (Array.isArray(value) ? value.map((id) => String(id).toLowerCase()) : []);

/** ParamProcessWorker turns each pod id into a pod: an id that is none is refused (431). */
async function podFailures(client: () => Promise<CloudStackClient>, inputs: PropertyMap, known: (key: string) => boolean): Promise<CheckFailure[]> {
  if (!known("podIds") || !Array.isArray(inputs.podIds)) return [];
  const failures: CheckFailure[] = [];
  for (const [i, pod] of (inputs.podIds as unknown[]).entries()) {
    if (typeof pod !== "string" || pod === UNKNOWN) continue;
    const found = await (await client()).list<ApiObject>("listPods", { id: pod }).catch(() => []);
    if (!found.some((p) => String(p.id).toLowerCase() === pod.toLowerCase())) {
      failures.push(failure(`podIds.${i}`, pod, "is not the id of a pod: CloudStack refuses it (invalid value for podids)"));
    }
  }
  return failures;
}

export const netscalerLoadBalancerSpec = defineSpec({
  kind: "NetscalerLoadBalancer",
  description:
    "A NetScaler load balancer appliance of a physical network (root admin): external load balancing for networks whose offering names Netscaler, and the GSLB service provider GlobalLoadBalancerRule needs. The physical network's Netscaler NetworkServiceProvider must be added first. The username and password are secret.",
  inputs: netscalerLoadBalancerInputs,
  attributes: netscalerLoadBalancerAttributes,
  defaultedByCloudStack: ["capacity", "dedicated", "gslbProvider", "exclusiveGslbProvider"],
  checkWithApi: podFailures,
  inPlace: { capacity: true, dedicated: true, podIds: true },
  // No pods written and [] are the same; pod ids compare without case.
  equal: { podIds: (a, b) => deepEqual(podList(a), podList(b)) },
  secretOutputs: ["username", "password"],
  validate,
  idOf: (device) => String(device.lbdeviceid),

  create: (client, inputs) =>
    devices.addDevice(
      client,
      COMMANDS,
      {
        physicalnetworkid: inputs.physicalNetworkId,
        url: inputs.url,
        username: inputs.username,
        password: inputs.password,
        networkdevicetype: inputs.deviceType,
        gslbprovider: inputs.gslbProvider,
        gslbproviderpublicip: inputs.gslbProviderPublicIp,
        gslbproviderprivateip: inputs.gslbProviderPrivateIp,
        isexclusivegslbprovider: inputs.exclusiveGslbProvider,
      },
      (added) => ({
        ...devices.capacityChange(inputs.capacity, added, "lbdevicecapacity"),
        ...(inputs.dedicated !== undefined && added.lbdevicededicated !== inputs.dedicated ? { lbdevicededicated: inputs.dedicated } : {}),
        ...(inputs.podIds && inputs.podIds.length > 0 ? { podids: [...inputs.podIds] } : {}),
      }),
    ),

  read: (client, id) => devices.readDevice(client, COMMANDS.list, COMMANDS.idParam, id),

  update: (client, id, _olds, news, _ids, changed) =>
    devices.configureDevice(client, COMMANDS, id, {
      ...(changed.includes("capacity") && news.capacity !== undefined ? { lbdevicecapacity: news.capacity } : {}),
      ...(changed.includes("dedicated") && news.dedicated !== undefined ? { lbdevicededicated: news.dedicated } : {}),
      ...podParams(news.podIds),
    }),

  async delete(client, id) {
    await client.execute("deleteNetscalerLoadBalancer", { lbdeviceid: id });
  },

  inputsOf(device, olds) {
    return {
      ...devices.deviceInputsOf(device, olds, "lbdevicecapacity"),
      deviceType: textOrNull(device.lbdevicename),
      dedicated: booleanOrNull(device.lbdevicededicated),
      gslbProvider: booleanOrNull(device.gslbprovider),
      gslbProviderPublicIp: textOrNull(device.gslbproviderpublicip),
      gslbProviderPrivateIp: textOrNull(device.gslbproviderprivateip),
      exclusiveGslbProvider: booleanOrNull(device.isexclusivegslbprovider),
      podIds: podsAsWritten(device, olds),
    };
  },

  attributesOf: (device) => devices.deviceAttributesOf(device, "lbdevicestate"),
});
