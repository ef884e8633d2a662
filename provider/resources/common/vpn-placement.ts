// Where a remote-access VPN may go, checked before the create so that the plan names the input:
// only on the source NAT IP of a network or VPC, with its range outside the guest CIDR
// (RemoteAccessVpnManagerImpl.createRemoteAccessVpn and validateRemoteAccessVpnConfiguration).
import type { CloudStackClient } from "../../client";
import { failure } from "../../adapter/check/failures";
import { findById } from "../../adapter/lifecycle/lookup";
import { ApiObject, CheckFailure, PropertyMap } from "../../adapter/types";
import { blockOf, formatIpv4, parseCidr } from "../../../ip/ipv4";
import { textOrNull } from "./api-values";
import { parseIpRange } from "./vpn-fields";

const EVERYWHERE = { listall: true };

/** The CIDR of the IP's network or VPC, if CloudStack shows one. */
async function guestCidrOf(client: CloudStackClient, ip: ApiObject): Promise<string | undefined> {
  const vpcId = textOrNull(ip.vpcid);
  const networkId = textOrNull(ip.associatednetworkid);
  if (vpcId) return textOrNull((await findById(client, "listVPCs", vpcId, EVERYWHERE))?.cidr) ?? undefined;
  if (!networkId) return undefined;
  const network = await findById(client, "listNetworks", networkId, EVERYWHERE);
  return textOrNull(network?.networkcidr) ?? textOrNull(network?.cidr) ?? undefined;
}

export async function remoteAccessPlacementFailures(
  client: () => Promise<CloudStackClient>,
  inputs: PropertyMap,
  known: (key: string) => boolean,
): Promise<CheckFailure[]> {
  if (!known("publicIpId") || typeof inputs.publicIpId !== "string") return [];
  const api = await client();
  // An IP the caller cannot see is left to CloudStack, which names the problem itself.
  const ip = await findById(api, "listPublicIpAddresses", inputs.publicIpId, EVERYWHERE);
  if (!ip) return [];
  const failures: CheckFailure[] = [];
  if (ip.issourcenat !== true) {
    failures.push(
      failure("publicIpId", inputs.publicIpId, `is ${String(ip.ipaddress)}, which is not the source NAT IP of its network or VPC: CloudStack serves remote-access VPN only there`),
    );
  }
  const range = known("ipRange") && typeof inputs.ipRange === "string" ? parseIpRange(inputs.ipRange) : undefined;
  const cidr = range && (await guestCidrOf(api, ip));
  const parsed = cidr ? parseCidr(cidr) : undefined;
  if (range && parsed) {
    const guest = blockOf(parsed.address, parsed.prefix);
    if (range.start <= guest.last && range.end >= guest.first) {
      failures.push(failure("ipRange", inputs.ipRange, `overlaps the guest CIDR ${cidr} (${formatIpv4(guest.first)}-${formatIpv4(guest.last)}); the VPN's addresses must lie outside it`));
    }
  }
  return failures;
}
