// TrafficType: a kind of traffic a physical network carries, with the network label each
// hypervisor maps it to (addTrafficType, updateTrafficType, deleteTrafficType, listTrafficTypes;
// root admin).
import { z } from "zod";
import { defineSpec } from "../adapter/spec";
import { sameText } from "../adapter/diff/comparators";
import { caseInsensitiveEnum, uuid } from "../validation/fields";
import { textOrNull } from "./common/api-values";
import { executeForObject, stillPresent } from "./common/job-result";
import { findPhysicalNetworkPart } from "./common/physical-network-parts";
import { inputObject } from "./common/inputs";

const TRAFFIC_TYPES = ["Public", "Guest", "Management", "Storage"] as const;

/** Each hypervisor's label input and the parameter (and response field) that carries it. */
const LABELS = {
  kvmLabel: "kvmnetworklabel",
  vmwareLabel: "vmwarenetworklabel",
  xenLabel: "xennetworklabel",
  hypervLabel: "hypervnetworklabel",
  ovm3Label: "ovm3networklabel",
} as const;

const label = (hypervisor: string) =>
  z
    .string()
    .min(1, { message: "must not be empty" })
    .optional()
    .describe(`The ${hypervisor} network label (the host's bridge or switch name) for this traffic, e.g. "cloudbr0". Updated in place; removing it clears it.`);

export const trafficTypeInputs = inputObject({
  physicalNetworkId: uuid().describe("The id of the physical network (e.g. a PhysicalNetwork's `id`). Changing it replaces the traffic type."),
  trafficType: caseInsensitiveEnum(TRAFFIC_TYPES).describe(
    "Public, Guest, Management or Storage. A physical network carries each type once; Public, Management and Storage are carried by one physical network per zone. Changing it replaces the traffic type.",
  ),
  kvmLabel: label("KVM"),
  vmwareLabel: label("VMware"),
  xenLabel: label("XenServer"),
  hypervLabel: label("Hyper-V"),
  ovm3Label: label("OVM3"),
});

export const trafficTypeAttributes = z.object({});

const canonical = (value: string): string => TRAFFIC_TYPES.find((t) => t.toLowerCase() === value.toLowerCase()) ?? value;

export const trafficTypeSpec = defineSpec({
  kind: "TrafficType",
  description:
    "A traffic type (Public, Guest, Management, Storage) on a physical network, with its per-hypervisor network labels (root admin). A zone can be enabled only once Management traffic (and Public, in an Advanced zone without security groups) exists.",
  inputs: trafficTypeInputs,
  attributes: trafficTypeAttributes,
  // CloudStack fills the XenServer label from the global configuration when none is given.
  defaultedByCloudStack: ["xenLabel"],
  inPlace: { kvmLabel: true, vmwareLabel: true, xenLabel: true, hypervLabel: true, ovm3Label: true },
  equal: { trafficType: sameText },

  async create(client, inputs) {
    const params = {
      physicalnetworkid: inputs.physicalNetworkId,
      traffictype: canonical(inputs.trafficType),
      ...Object.fromEntries(Object.entries(LABELS).map(([input, param]) => [param, inputs[input as keyof typeof LABELS]])),
    };
    return executeForObject(client, "addTrafficType", params, "traffictype");
  },

  read: (client, id, olds) => findPhysicalNetworkPart(client, "listTrafficTypes", id, olds),

  async update(client, id, olds, news, _ids, changed) {
    // An empty label clears it (NetworkServiceImpl.updatePhysicalNetworkTrafficType); omitted ones stay.
    const params = Object.fromEntries(
      Object.entries(LABELS)
        .filter(([input]) => changed.includes(input))
        .map(([input, param]) => [param, news[input as keyof typeof LABELS] ?? ""]),
    );
    await client.execute("updateTrafficType", { id, ...params });
    return stillPresent(await findPhysicalNetworkPart(client, "listTrafficTypes", id, olds), "TrafficType", id);
  },

  delete: "deleteTrafficType",

  inputsOf(traffic) {
    return {
      physicalNetworkId: textOrNull(traffic.physicalnetworkid),
      trafficType: textOrNull(traffic.traffictype),
      ...Object.fromEntries(Object.entries(LABELS).map(([input, field]) => [input, textOrNull(traffic[field])])),
    };
  },

  attributesOf: () => ({}),

  errors: [
    { text: "This physical network already supports the traffic type: <type>", why: "Each traffic type once per physical network: adopt the existing one with `importId`." },
    { text: "Fail to add the traffic type to physical network because Zone already has a physical network with this traffic type: <type>", why: "Without tags, a zone carries each traffic type on one physical network." },
  ],
});
