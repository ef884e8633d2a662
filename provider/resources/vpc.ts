// Vpc: a virtual private cloud, its super CIDR holding the tiers (createVPC, updateVPC,
// deleteVPC, listVPCs; restartVPC with cleanup when `restartTrigger` changes).
import { z } from "zod";
import type { CloudStackClient, Params } from "../client";
import { findById } from "../adapter/lifecycle/lookup";
import { defineSpec, ResolvedIds } from "../adapter/spec";
import { ApiObject, PropertyMap } from "../adapter/types";
import { ipv4Address, ipv4Cidr, nonEmpty } from "../validation/fields";
import { sameCidr, sameText } from "../adapter/diff/comparators";
import { parseCidr, isGuestCidrCompliant, blockOf } from "../../ip/ipv4";
import { failure } from "../adapter/check/failures";
import { forDisplayInput, inputObject, keptAsWritten, nameInput, networkDomainInput, textOrNameInput } from "./common/inputs";
import { executeForObject, stillPresent } from "./common/job-result";
import { idParams, inputParams } from "./common/api-params";
import { ownerScope, currentOwner, ownerFailures, ownerInputs, ownerParams } from "./common/ownership";
import { byName, vpcOfferingReference, zoneReference } from "./common/reference-kinds";
import { flag, ownerNames, presentText, text } from "./common/attributes";

export const vpcInputs = inputObject({
  name: nameInput("the VPC"),
  displayText: textOrNameInput("display text"),
  zone: nonEmpty().describe("The zone, by name or id. Changing it replaces the VPC."),
  vpcOffering: nonEmpty().describe("The VPC offering, by name or id, e.g. \"Default VPC offering\" or a VpcOffering's `id`; it must be Enabled. Changing it replaces the VPC."),
  cidr: ipv4Cidr().describe(
    "The super CIDR (RFC 1918 or RFC 6598 space) that every tier's CIDR must lie in, e.g. 10.0.0.0/16. Changing it replaces the VPC.",
  ),
  networkDomain: networkDomainInput(", shared by every tier", "Changing it replaces the VPC."),
  dns1: ipv4Address().optional().describe("First IPv4 DNS server for the tiers. Changing it replaces the VPC."),
  dns2: ipv4Address().optional().describe("Second IPv4 DNS server (with `dns1`). Changing it replaces the VPC."),
  publicMtu: z.number().int().min(68).max(1500).optional().describe("MTU of the VPC router's public interface (68-1500). Updated in place."),
  forDisplay: forDisplayInput("the VPC"),
  restartTrigger: z
    .string()
    .optional()
    .describe(
      "Any text: when it changes to a new value, the next `pulumi up` restarts the VPC with cleanup (restartVPC cleanup=true: its router is destroyed and rebuilt). The VPC is never restarted otherwise; removing the value restarts nothing.",
    ),
  ...ownerInputs("the VPC"),
});

function readVpc(client: CloudStackClient, id: string, olds: PropertyMap): Promise<ApiObject | undefined> {
  // Deleted VPCs are soft-deleted: listVPCs by their id answers the empty list (docs/cloudstack-rules.md, "Gone").
  return findById(client, "listVPCs", id, ownerScope(olds));
}

function createParams(inputs: z.infer<typeof vpcInputs>, ids: ResolvedIds): Params {
  return {
    ...inputParams(inputs, "name", "displayText", "cidr", "networkDomain", "dns1", "dns2", "publicMtu", "forDisplay"),
    ...idParams(ids),
    ...ownerParams(inputs),
  };
}

export const vpcSpec = defineSpec({
  kind: "Vpc",
  description:
    "A VPC: a super CIDR for up to `vpc.max.networks` tiers (Network with vpcId), network ACLs, private gateways and static routes. Set `restartTrigger` to a new value to restart it with cleanup.",
  inputs: vpcInputs,
  attributes: z.object({
    zoneId: presentText("The id of the zone."),
    vpcOfferingId: presentText("The id of the VPC offering."),
    state: text("Enabled or Inactive."),
    zoneName: text("The name of the zone."),
    vpcOfferingName: text("The name of the VPC offering."),
    restartRequired: flag("Whether CloudStack asks for a restart of the VPC."),
    redundantVpcRouter: flag("Whether the VPC has redundant routers."),
    ...ownerNames,
  }),
  references: {
    zone: byName(zoneReference, "zone"),
    vpcOffering: byName(vpcOfferingReference, "vpcOffering"),
  },
  defaultedByCloudStack: ["displayText", "networkDomain", "dns1", "dns2", "publicMtu", "forDisplay", "account", "domainId", "projectId"],
  inPlace: { name: true, displayText: true, publicMtu: true, forDisplay: true, restartTrigger: true },
  equal: { cidr: sameCidr, networkDomain: sameText },
  validate(inputs, known) {
    const failures = ownerFailures(inputs, known);
    if (known("cidr") && typeof inputs.cidr === "string") {
      const parsed = parseCidr(inputs.cidr);
      // VpcManagerImpl.createVpc (NetUtils.validateGuestCidr), with CloudStack's default
      // allow.non.rfc1918.compliant.ips=false, which a provider without root access cannot read.
      if (parsed && !isGuestCidrCompliant(blockOf(parsed.address, parsed.prefix))) {
        failures.push(
          failure("cidr", inputs.cidr, `is not RFC 1918 or RFC 6598 space (CloudStack: "Guest Cidr ${inputs.cidr} is not RFC1918 compliant")`),
        );
      }
    }
    if (known("dns2") && known("dns1") && inputs.dns2 !== undefined && inputs.dns1 === undefined) {
      failures.push(failure("dns2", inputs.dns2, "needs dns1 as well"));
    }
    return failures;
  },

  async create(client, inputs, ids) {
    return executeForObject(client, "createVPC", createParams(inputs, ids), "vpc");
  },

  read: (client, id, olds) => readVpc(client, id, olds),

  async update(client, id, olds, news, _ids, changed) {
    const has = (key: string) => changed.includes(key);
    const params: Params = { id };
    if (has("name")) params.name = news.name;
    if (has("displayText")) params.displaytext = news.displayText ?? news.name;
    if (has("publicMtu") && news.publicMtu !== undefined) params.publicmtu = news.publicMtu;
    if (has("forDisplay")) params.fordisplay = news.forDisplay ?? true;
    if (Object.keys(params).length > 1) await client.execute("updateVPC", params);
    // Only a new value restarts: removing the trigger just forgets it.
    if (has("restartTrigger") && news.restartTrigger !== undefined) await client.execute("restartVPC", { id, cleanup: true });
    return stillPresent(await readVpc(client, id, olds), "Vpc", id);
  },

  delete: "deleteVPC",

  inputsOf: (vpc, olds) => ({ ...keptAsWritten(olds, "restartTrigger"), ...currentOwner(vpc, olds) }),

  errors: [
    { text: "Can't delete VPC <vpc> as its used by <n> networks", why: "Tiers that are not in the program keep the VPC: delete them (or adopt them into the program) first." },
    { text: "Unable to find vpc offering in Enabled state by specified id", why: "The offering is disabled: pick an enabled one, e.g. `getVpcOffering({ state: \"Enabled\" })`." },
    { text: "DNS can not be specified for VPCs with offering that do not support DNS service", why: "`dns1`/`dns2` need an offering with the Dns service." },
  ],
});
