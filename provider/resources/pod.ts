// Pod: a pod of a zone with its gateway, netmask and management IP range (createPod, updatePod,
// deletePod, listPods; root admin).
import { z } from "zod";
import type { CloudStackClient, Params } from "../client";
import { findById } from "../adapter/lifecycle/lookup";
import { defineSpec } from "../adapter/spec";
import { ApiObject } from "../adapter/types";
import { ipv4Address, netmask, nonEmpty } from "../validation/fields";
import { textOrNull } from "./common/api-values";
import { rangeFailures } from "./common/ip-range-rules";
import { executeForObject, stillPresent } from "./common/job-result";
import { changedParams } from "./common/update-params";
import { zoneReference } from "./common/reference-kinds";

export const podInputs = z
  .object({
    name: nonEmpty().describe("The pod's name, unique in its zone. Updated in place."),
    zone: nonEmpty().describe("The zone, by name or id (e.g. a Zone's `id`). Changing it replaces the pod."),
    gateway: ipv4Address().describe("The gateway of the pod's management subnet, outside the IP range. Updated in place."),
    netmask: netmask().describe("The netmask of the pod's management subnet, e.g. 255.255.255.0. Updated in place."),
    startIp: ipv4Address().describe("The first management IP address the pod's system VMs and hosts take. Updated in place."),
    endIp: ipv4Address().describe("The last management IP address, in the same subnet as startIp. Updated in place."),
    allocationState: z.enum(["Enabled", "Disabled"]).optional().describe("Enabled (the default) or Disabled. Updated in place."),
  })
  .strict();

export const podAttributes = z.object({
  zoneName: z.string().nullable().describe("The name of the zone."),
});

const readPod = (client: CloudStackClient, id: string): Promise<ApiObject | undefined> =>
  // A deleted pod's id no longer resolves: listPods answers 431, which means gone.
  findById(client, "listPods", id, {});

const first = (value: unknown): string | null => (Array.isArray(value) ? textOrNull(value[0]) : textOrNull(value));

export const podSpec = defineSpec({
  kind: "Pod",
  description:
    "A pod of a zone (root admin) with its management subnet and IP range. In the package's simulator a pod also brings stand-in compute and storage to a zone made from scratch, so instances can be deployed there.",
  stateVersion: 1,
  inputs: podInputs,
  attributes: podAttributes,
  references: { zone: { idProperty: "zoneId", field: "zoneid", kind: zoneReference } },
  defaultedByCloudStack: ["allocationState"],
  inPlace: { name: true, gateway: true, netmask: true, startIp: true, endIp: true, allocationState: true },
  // ConfigurationManagerImpl.checkPodAttributes: the range in the gateway's subnet, the gateway outside it.
  validate: (inputs, known) =>
    rangeFailures(inputs, known, { gatewayOutsideRange: true, gatewayInsideText: "The gateway shouldn't overlap start/end ip addresses" }),

  // createPod refuses a second pod of the same name in the zone, which is how an earlier attempt
  // shows; a pod of that name with another subnet is refused rather than taken over.
  recognise: {
    when: "afterFailure",
    async find(client, inputs, ids) {
      const pods = await client.list<ApiObject>("listPods", { zoneid: ids.zoneId, name: inputs.name });
      return pods.find((pod) => pod.name === inputs.name && pod.gateway === inputs.gateway && pod.netmask === inputs.netmask && first(pod.startip) === inputs.startIp);
    },
  },

  async create(client, inputs, ids) {
    const params: Params = {
      zoneid: ids.zoneId,
      name: inputs.name,
      gateway: inputs.gateway,
      netmask: inputs.netmask,
      startip: inputs.startIp,
      endip: inputs.endIp,
      allocationstate: inputs.allocationState,
    };
    return executeForObject(client, "createPod", params, "pod");
  },

  read: (client, id) => readPod(client, id),

  async update(client, id, _olds, news, _ids, changed) {
    const params = changedParams(id, changed, news, { name: "name", allocationState: "allocationstate" });
    // The range travels whole, so that CloudStack checks the new addresses together.
    if (changed.some((key) => ["gateway", "netmask", "startIp", "endIp"].includes(key))) {
      Object.assign(params, { gateway: news.gateway, netmask: news.netmask, startip: news.startIp, endip: news.endIp });
    }
    await client.execute("updatePod", params);
    return stillPresent(await readPod(client, id), "Pod", id);
  },

  delete: "deletePod",

  inputsOf(pod) {
    return {
      name: textOrNull(pod.name),
      zone: textOrNull(pod.zonename) ?? textOrNull(pod.zoneid),
      gateway: textOrNull(pod.gateway),
      netmask: textOrNull(pod.netmask),
      startIp: first(pod.startip),
      endIp: first(pod.endip),
      allocationState: textOrNull(pod.allocationstate),
    };
  },

  attributesOf: (pod) => ({ zoneName: textOrNull(pod.zonename) }),
});
