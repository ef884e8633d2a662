// Guest CIDRs must lie in private space: RFC 1918 or RFC 6598 (NetUtils.validateGuestCidr, as
// createZone, createVPC and createNetwork apply it with allow.non.rfc1918.compliant.ips false, the
// default, which a provider cannot read without root access to the configuration).
import { blockOf, isGuestCidrCompliant, parseCidr } from "../../../ip/ipv4";
import { failure } from "../../adapter/check/failures";
import { CheckFailure } from "../../adapter/types";

/** A failure when `value` is a CIDR outside private space; malformed CIDRs are the field rule's business. */
export function guestCidrFailures(property: string, value: unknown, cloudStackText: string): CheckFailure[] {
  if (typeof value !== "string") return [];
  const parsed = parseCidr(value);
  if (!parsed || isGuestCidrCompliant(blockOf(parsed.address, parsed.prefix))) return [];
  return [failure(property, value, `is not RFC 1918 or RFC 6598 space (CloudStack: "${cloudStackText}")`)];
}
