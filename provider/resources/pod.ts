// Pod: a pod of a zone with its gateway, netmask and management IP range (createPod, updatePod,
// deletePod, listPods; root admin).
import { z } from "zod";
import type { CloudStackClient } from "../client";
import { findById } from "../adapter/lifecycle/lookup";
import { defineSpec } from "../adapter/spec";
import { ApiObject } from "../adapter/types";
import { ipv4Address, netmask, nonEmpty } from "../validation/fields";
import { textOrNull } from "./common/api-values";
import { rangeFailures } from "./common/ip-range-rules";
import { executeForObject, updateThenRead } from "./common/job-result";
import { enabledOrDisabledInput, inputObject, zoneInput } from "./common/inputs";
import { changedParams, paramsOf } from "./common/param-names";
import { byName, zoneReference } from "./common/reference-kinds";

export const podInputs = inputObject({
  name: nonEmpty().describe("The pod's name, unique in its zone. Updated in place."),
  zone: zoneInput("the pod"),
  gateway: ipv4Address().describe("The gateway of the pod's management subnet, outside the IP range. Updated in place."),
  netmask: netmask().describe("The netmask of the pod's management subnet, e.g. 255.255.255.0. Updated in place."),
  startIp: ipv4Address().describe("The first management IP address the pod's system VMs and hosts take. Updated in place."),
  endIp: ipv4Address().describe("The last management IP address, in the same subnet as startIp. Updated in place."),
  allocationState: enabledOrDisabledInput(" (Enabled when omitted)."),
});

export const podAttributes = z.object({
  zoneName: z.string().nullable().describe("The name of the zone."),
});

const readPod = (client: CloudStackClient, id: string): Promise<ApiObject | undefined> =>
  // A deleted pod's id no longer resolves: listPods answers 431, which means gone.
  findById(client, "listPods", id, {});

/** The inputs createPod and updatePod both take, by parameter name. */
const POD_PARAMS = { name: "name", gateway: "gateway", netmask: "netmask", startIp: "startip", endIp: "endip", allocationState: "allocationstate" };
const RANGE_KEYS = ["gateway", "netmask", "startIp", "endIp"];

const first = (value: unknown): string | null => (Array.isArray(value) ? textOrNull(value[0]) : textOrNull(value));

export const podSpec = defineSpec({
  kind: "Pod",
  description:
    "A pod of a zone (root admin) with its management subnet and IP range. In the package's simulator a pod also brings stand-in compute and storage to a zone made from scratch, so instances can be deployed there.",
  inputs: podInputs,
  attributes: podAttributes,
  references: { zone: byName(zoneReference, "zone") },
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
    return executeForObject(client, "createPod", { zoneid: ids.zoneId, ...paramsOf(inputs, POD_PARAMS) }, "pod");
  },

  read: (client, id) => readPod(client, id),

  async update(client, id, _olds, news, _ids, changed) {
    const params = changedParams(id, changed, news, POD_PARAMS);
    // The range travels whole, so that CloudStack checks the new addresses together.
    if (changed.some((key) => RANGE_KEYS.includes(key))) Object.assign(params, paramsOf(news, POD_PARAMS, RANGE_KEYS));
    return updateThenRead(client, "updatePod", params, () => readPod(client, id), "Pod");
  },

  delete: "deletePod",

  // listPods gives the range as lists (one entry per range); the other inputs and zoneName are
  // read from their fields of the same name.
  inputsOf: (pod) => ({ startIp: first(pod.startip), endIp: first(pod.endip) }),

  errors: [
    { text: "A pod with name: <name> already exists in zone <zone>. Please specify a different pod name.", why: "Pod names are unique within a zone." },
    { text: "The pod cannot be deleted because there are virtual machines in this pod.", why: "Instances outside the program run in the pod." },
  ],
});
