// Zone: a CloudStack zone made from scratch by a root admin (createZone, updateZone, deleteZone,
// listZones). It is created Disabled; ZoneEnablement enables it once its physical networks are set.
import { z } from "zod";
import type { CloudStackClient } from "../client";
import { findById } from "../adapter/lifecycle/lookup";
import { defineSpec } from "../adapter/spec";
import { ApiObject } from "../adapter/types";
import { failure } from "../adapter/check/failures";
import { sameCidr, sameText } from "../adapter/diff/comparators";
import { caseInsensitiveEnum, ipv4Address, ipv4Cidr, networkDomain, nonEmpty } from "../validation/fields";
import { booleanOrNull, textOrNull } from "./common/api-values";
import { guestCidrFailures } from "./common/guest-cidr";
import { executeForObject, updateThenRead } from "./common/job-result";
import { changedParams, paramsOf } from "./common/param-names";
import { inputObject } from "./common/inputs";

/** A DNS server input; updateZone keeps a server it is not given, so a second one cannot be cleared. */
const dnsInput = (what: string, required: boolean) =>
  ipv4Address().describe(`${what}. Updated in place${required ? "" : "; removing it keeps the current value (updateZone cannot clear it)"}.`);

export const zoneInputs = inputObject({
  name: nonEmpty().describe("The zone's name, unique among zones. Updated in place."),
  networkType: caseInsensitiveEnum(["Basic", "Advanced"]).describe(
    "Basic (one flat guest network, security groups) or Advanced (isolated, shared, VPC networks). updateZone cannot change it: changing it replaces the zone.",
  ),
  securityGroupsEnabled: z
    .boolean()
    .optional()
    .describe("Whether guests are isolated with security groups; always true in a Basic zone. updateZone cannot change it: changing it replaces the zone."),
  dns1: dnsInput("First public DNS server of the guests", true),
  dns2: dnsInput("Second public DNS server", false).optional(),
  internalDns1: dnsInput("First DNS server of the system VMs (internal names)", true),
  internalDns2: dnsInput("Second internal DNS server", false).optional(),
  guestCidr: ipv4Cidr()
    .optional()
    .describe(
      "The guest CIDR isolated networks take when they name none, in RFC 1918 or RFC 6598 space (Advanced zones only), e.g. 10.1.0.0/16. Updated in place; an Advanced zone without one needs a CIDR on every isolated network.",
    ),
  networkDomain: networkDomain()
    .optional()
    .describe("The zone's network domain (the DNS suffix of its guests). Updated in place; removing it keeps the current value."),
  localStorageEnabled: z.boolean().optional().describe("Whether instances may use the hosts' local storage. Updated in place."),
});

export const zoneAttributes = z.object({
  allocationState: z.string().nullable().describe("Enabled or Disabled: a new zone is Disabled until a ZoneEnablement enables it."),
  dhcpProvider: z.string().nullable().describe("The DHCP provider of the zone."),
});

const readZone = (client: CloudStackClient, id: string): Promise<ApiObject | undefined> =>
  // A root admin's listZones shows disabled zones too; a deleted zone's id no longer resolves (431).
  findById(client, "listZones", id, {});

/** The inputs createZone and updateZone both take, by parameter name. */
const ZONE_PARAMS = {
  name: "name",
  dns1: "dns1",
  dns2: "dns2",
  internalDns1: "internaldns1",
  internalDns2: "internaldns2",
  guestCidr: "guestcidraddress",
  networkDomain: "domain",
  localStorageEnabled: "localstorageenabled",
};

const canonicalType = (value: string): "Basic" | "Advanced" => (value.toLowerCase() === "basic" ? "Basic" : "Advanced");

export const zoneSpec = defineSpec({
  kind: "Zone",
  description:
    "A zone made from scratch (root admin): created Disabled. Add its Pod, PhysicalNetwork, TrafficType and NetworkServiceProvider resources, then a ZoneEnablement. Deleting it fails while pods or physical networks remain.",
  inputs: zoneInputs,
  attributes: zoneAttributes,
  defaultedByCloudStack: ["securityGroupsEnabled", "dns2", "internalDns2", "networkDomain", "localStorageEnabled"],
  inPlace: { name: true, dns1: true, dns2: true, internalDns1: true, internalDns2: true, guestCidr: true, networkDomain: true, localStorageEnabled: true },
  equal: { networkType: sameText, guestCidr: sameCidr, networkDomain: sameText },
  validate(inputs, known) {
    const failures = known("guestCidr") ? guestCidrFailures("guestCidr", inputs.guestCidr, "Please enter a valid guest cidr") : [];
    const basic = known("networkType") && typeof inputs.networkType === "string" && canonicalType(inputs.networkType) === "Basic";
    // ConfigurationManagerImpl.createZone: a Basic zone takes no guest CIDR and always has security groups.
    if (basic && known("guestCidr") && inputs.guestCidr !== undefined) {
      failures.push(failure("guestCidr", inputs.guestCidr, 'is not allowed in a Basic zone (CloudStack: "guestCidrAddress parameter is not supported for Basic zone")'));
    }
    if (basic && known("securityGroupsEnabled") && inputs.securityGroupsEnabled === false) {
      failures.push(failure("securityGroupsEnabled", false, "cannot be false in a Basic zone, which always isolates guests with security groups"));
    }
    return failures;
  },

  // createZone refuses a second zone of the same name, which is how an earlier attempt shows. What
  // that attempt left is a zone as declared, still Disabled and empty: another zone of the name is
  // refused rather than taken over.
  recognise: {
    when: "afterFailure",
    async find(client, inputs) {
      const zones = await client.list<ApiObject>("listZones", { name: inputs.name });
      const zone = zones.find(
        (z) =>
          z.name === inputs.name &&
          sameText(z.networktype, inputs.networkType) &&
          z.dns1 === inputs.dns1 &&
          z.internaldns1 === inputs.internalDns1 &&
          z.allocationstate === "Disabled",
      );
      if (!zone) return undefined;
      const [pods, pnets] = await Promise.all([
        client.list<ApiObject>("listPods", { zoneid: String(zone.id) }),
        client.list<ApiObject>("listPhysicalNetworks", { zoneid: String(zone.id) }),
      ]);
      return pods.length === 0 && pnets.length === 0 ? zone : undefined;
    },
  },

  async create(client, inputs) {
    const params = { ...paramsOf(inputs, ZONE_PARAMS), networktype: canonicalType(inputs.networkType), securitygroupenabled: inputs.securityGroupsEnabled };
    return executeForObject(client, "createZone", params, "zone");
  },

  read: (client, id) => readZone(client, id),

  async update(client, id, _olds, news, _ids, changed) {
    // Omitted values keep what the zone has (ConfigurationManagerImpl.editZone).
    return updateThenRead(client, "updateZone", changedParams(id, changed, news, ZONE_PARAMS), () => readZone(client, id), "Zone");
  },

  delete: "deleteZone",

  inputsOf(zone) {
    return {
      name: textOrNull(zone.name),
      networkType: textOrNull(zone.networktype),
      securityGroupsEnabled: booleanOrNull(zone.securitygroupsenabled),
      dns1: textOrNull(zone.dns1),
      dns2: textOrNull(zone.dns2),
      internalDns1: textOrNull(zone.internaldns1),
      internalDns2: textOrNull(zone.internaldns2),
      guestCidr: textOrNull(zone.guestcidraddress),
      networkDomain: textOrNull(zone.domain),
      localStorageEnabled: booleanOrNull(zone.localstorageenabled),
    };
  },

  attributesOf: (zone) => ({ allocationState: textOrNull(zone.allocationstate), dhcpProvider: textOrNull(zone.dhcpprovider) }),

  errors: [
    { text: "A zone with that name already exists. Please specify a unique zone name.", why: "Zone names are unique; adopt an existing zone with `importId`." },
    { text: "The zone cannot be deleted because <why>", why: "Pods, physical networks or other objects outside the program remain in the zone." },
  ],
});
