// Input fields of the VPN kinds with the rules CloudStack applies to them, so that check refuses
// what CloudStack would: the remote-access client range (RemoteAccessVpnManagerImpl.validateIpRange),
// VPN user names and passwords (RemoteAccessVpnManagerImpl.addVpnUser), and IKE / ESP policies
// (NetUtils.isValidS2SVpnPolicy, called by Site2SiteVpnManagerImpl.createCustomerGateway).
import { z } from "zod";
import { formatIpv4, parseIpv4 } from "../../../ip/ipv4";

export const IPSEC_CIPHERS = ["3des", "aes128", "aes192", "aes256"] as const;
export const IPSEC_HASHES = ["md5", "sha1", "sha256", "sha384", "sha512"] as const;
export const DH_GROUPS = ["modp1024", "modp1536", "modp2048", "modp3072", "modp4096", "modp6144", "modp8192"] as const;

/** An address range "a.b.c.d-e.f.g.h" as numbers, or undefined when it is not one (start after end included). */
export function parseIpRange(text: string): { start: number; end: number } | undefined {
  const parts = text.split("-");
  if (parts.length !== 2) return undefined;
  const start = parseIpv4(parts[0]);
  const end = parseIpv4(parts[1]);
  return start === undefined || end === undefined || start > end ? undefined : { start, end };
}

/**
 * The range as configured from the one CloudStack reports: CloudStack gives the first address
 * of the configured range to the VPN server and answers the rest (RemoteAccessVpnResponse iprange).
 */
export function configuredRange(reported: string): string | null {
  const range = parseIpRange(reported);
  return range && range.start > 0 ? `${formatIpv4(range.start - 1)}-${formatIpv4(range.end)}` : null;
}

export const ipRangeField = () =>
  z.string().refine((v) => parseIpRange(v) !== undefined, {
    message: "is not an IPv4 range a.b.c.d-e.f.g.h with the first address not after the last",
  });

export const vpnUsernameField = () =>
  z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9@._-]{2,63}$/, {
    message: "must be 3-64 characters of letters, digits and @ . - _, starting with a letter or digit",
  });

export const vpnPasswordField = () =>
  z.string().regex(/^[a-zA-Z0-9][a-zA-Z0-9@+=._-]{2,31}$/, {
    message: "must be 3-32 characters of letters, digits and @ + = . - _, starting with a letter or digit",
  });

/** Why one policy entry "cipher-hash[;group]" is refused, or undefined when CloudStack accepts it. */
function policyEntryProblem(entry: string, groupRequired: boolean): string | undefined {
  const [cipherHash, group, ...rest] = entry.split(";");
  if (rest.length > 0) return `"${entry}" has more than one ";"`;
  const [cipher, hash, ...more] = cipherHash.split("-");
  if (more.length > 0 || hash === undefined) return `"${entry}" is not cipher-hash[;group]`;
  if (!(IPSEC_CIPHERS as readonly string[]).includes(cipher)) return `"${entry}" has cipher ${cipher}, not one of ${IPSEC_CIPHERS.join(", ")}`;
  if (!(IPSEC_HASHES as readonly string[]).includes(hash)) return `"${entry}" has hash ${hash}, not one of ${IPSEC_HASHES.join(", ")}`;
  if (group === undefined) return groupRequired ? `"${entry}" names no Diffie-Hellman group, which IKE requires (e.g. ${cipherHash};modp2048)` : undefined;
  if (!(DH_GROUPS as readonly string[]).includes(group)) return `"${entry}" has group ${group}, not one of ${DH_GROUPS.join(", ")}`;
  return undefined;
}

/** Comma-separated "cipher-hash[;group]" entries; `groupRequired` for IKE, where the DH group is mandatory. */
export const ipsecPolicyField = (groupRequired: boolean) =>
  z.string().superRefine((value, ctx) => {
    for (const entry of value.split(",")) {
      const problem = policyEntryProblem(entry.trim(), groupRequired);
      if (problem) ctx.addIssue({ code: "custom", message: `is not a valid policy: ${problem}` });
    }
  });

/** A customer gateway's subnets as a list: CloudStack answers them comma-separated. */
export function cidrListOf(object: Record<string, unknown>): string[] | null {
  const text = object.cidrlist;
  return typeof text === "string" && text !== "" ? text.split(",").map((c) => c.trim()) : null;
}
