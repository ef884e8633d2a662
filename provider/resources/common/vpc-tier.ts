// A Network as a VPC tier: its vpcId and aclId inputs, the ACL swapped in place with
// replaceNetworkACLList, and the tier rules that need the VPC itself (VpcManagerImpl.validateNtwkOffForNtwkInVpc, NetworkACLServiceImpl.replaceNetworkACL): the
// tier's subnet inside the VPC's super CIDR and the VPC's network domain, checked at check time
// by reading the VPC (through the spec's checkWithApi), so a preview already refuses a tier of
// an existing VPC that CloudStack would refuse.
import type { CloudStackClient } from "../../client";
import { failure } from "../../adapter/check/failures";
import { CheckFailure, PropertyMap } from "../../adapter/types";
import { UNKNOWN } from "../../adapter/check/unknown";
import { looksLikeUuid, uuid } from "../../validation/fields";
import { formatCidr, isInside, overlaps, parseCidr, blockOf } from "../../../ip/ipv4";
import { subnetFromInputs } from "./network-addressing";
import { findScoped } from "./scoped-lookup";

export const vpcTierInputs = {
  vpcId: uuid()
    .optional()
    .describe(
      "The id of the VPC this network is a tier of (e.g. a Vpc's `id`). A tier needs `cidr` (or `gateway` and `netmask`) inside the VPC's CIDR, a VPC tier offering (DefaultIsolatedNetworkOfferingForVpcNetworks, or DefaultIsolatedNetworkOfferingForVpcNetworksNoLB for a tier without a load balancer; see getNetworkOffering) and the VPC's network domain (the default). Changing it replaces the network.",
    ),
  aclId: uuid()
    .optional()
    .describe(
      "The id of the tier's network ACL list (a NetworkAclList of the same VPC, or CloudStack's default_allow or default_deny, found with getNetworkAclList). A tier created without one has no ACL. Changed in place with replaceNetworkACLList.",
    ),
};

/** Tiers of one VPC must not overlap: a replacement on an overlapping CIDR deletes the old tier first. */
export function vpcTierCollides(olds: PropertyMap, news: PropertyMap): boolean {
  if (typeof olds.vpcId !== "string" || (news.vpcId !== UNKNOWN && news.vpcId !== olds.vpcId)) return false;
  if ([news.cidr, news.gateway, news.netmask].includes(UNKNOWN)) return true;
  const before = subnetFromInputs(olds);
  const after = subnetFromInputs(news);
  return before === undefined || after === undefined || overlaps(before, after);
}

/** replaceNetworkACLList with networkid: the tier's ACL changes in place. */
export async function replaceTierAcl(client: CloudStackClient, networkId: string, aclId: string): Promise<void> {
  await client.execute("replaceNetworkACLList", { aclid: aclId, networkid: networkId });
}

const SUBNET_KEYS = ["cidr", "gateway", "netmask"];

/**
 * The tier rules that need the VPC (Network's checkWithApi): read it, then compare the tier's
 * subnet and network domain with the VPC's. What is unknown during preview is not judged.
 */
export async function vpcTierFailures(
  client: () => Promise<CloudStackClient>,
  inputs: PropertyMap,
  known: (key: string) => boolean,
): Promise<CheckFailure[]> {
  const vpcId = inputs.vpcId;
  if (!known("vpcId") || typeof vpcId !== "string" || !looksLikeUuid(vpcId)) return [];
  const vpc = await findScoped(await client(), "listVPCs", vpcId, inputs);
  if (!vpc) return [failure("vpcId", vpcId, "matches no VPC (it does not exist, or was deleted)")];
  const failures: CheckFailure[] = [];
  const subnetKnown = SUBNET_KEYS.every(known);
  const tier = subnetKnown ? subnetFromInputs(inputs) : undefined;
  if (subnetKnown && tier === undefined) {
    failures.push(failure("cidr", undefined, "is required for a VPC tier, or gateway and netmask (CloudStack: \"Gateway/netmask are required when create network for VPC\")"));
  }
  const parsed = typeof vpc.cidr === "string" ? parseCidr(vpc.cidr) : undefined;
  if (tier && parsed && !isInside(tier, blockOf(parsed.address, parsed.prefix))) {
    const property = typeof inputs.cidr === "string" ? "cidr" : "gateway";
    failures.push(
      failure(
        property,
        inputs[property],
        `puts the tier's subnet ${formatCidr(tier)} outside VPC ${String(vpc.name)}'s CIDR ${String(vpc.cidr)}: a tier must lie inside its VPC's CIDR, and CloudStack refuses it ("Network cidr ... is not within vpc ... cidr")`,
      ),
    );
  }
  const domain = inputs.networkDomain;
  if (known("networkDomain") && typeof domain === "string" && typeof vpc.networkdomain === "string" && domain.toLowerCase() !== vpc.networkdomain.toLowerCase()) {
    failures.push(failure("networkDomain", domain, `differs from VPC ${String(vpc.name)}'s network domain ${vpc.networkdomain}; a tier takes its VPC's (omit it)`));
  }
  return failures;
}
