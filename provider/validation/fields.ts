// zod building blocks for input fields. Each rule's message is the rule itself ("is not ..."),
// so that a check failure reads `<property>: <value> <rule>`.
import { z } from "zod";
import { formatCidr, parseCidr, parseIpv4, prefixOfNetmask, blockOf } from "../../ip/ipv4";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function looksLikeUuid(value: string): boolean {
  return uuidPattern.test(value);
}

export const ipv4Address = () =>
  z.string().refine((v) => parseIpv4(v) !== undefined, {
    message: "is not a valid IPv4 address (a.b.c.d, each part 0-255)",
  });

export const netmask = () =>
  z.string().refine((v) => prefixOfNetmask(v) !== undefined, {
    message: "is not a valid IPv4 netmask (contiguous ones, e.g. 255.255.255.0)",
  });

/** A CIDR given by its network address, e.g. 10.1.1.0/24. */
export const ipv4Cidr = () =>
  z.string().superRefine((value, ctx) => {
    const parsed = parseCidr(value);
    if (!parsed) {
      ctx.addIssue({ code: "custom", message: "is not a valid IPv4 CIDR (a.b.c.d/n with n <= 32)" });
      return;
    }
    const subnet = blockOf(parsed.address, parsed.prefix);
    if (subnet.first !== parsed.address) {
      ctx.addIssue({ code: "custom", message: `is not a network address (host bits are set; did you mean ${formatCidr(subnet)}?)` });
    }
  });

export const uuid = () =>
  z.string().refine(looksLikeUuid, { message: "is not a UUID (CloudStack ids look like 8-4-4-4-12 hex digits)" });

export const nonEmpty = () => z.string().min(1, { message: "must not be empty" });

/** One of `values`, compared without regard to case as CloudStack does; the user's spelling is kept. */
export const caseInsensitiveEnum = (values: readonly string[]) =>
  z.string().refine((v) => values.some((allowed) => allowed.toLowerCase() === v.toLowerCase()), {
    message: `is not one of ${values.map((v) => `"${v}"`).join(", ")}`,
  });

/**
 * Resource tags: CloudStack needs a key and refuses an empty value ("Value for the key <k> is
 * either null or empty", TaggedResourceManagerImpl.createTags).
 */
export const tagMap = () =>
  z.record(
    z.string().min(1, { message: "a tag needs a non-empty key" }),
    z.string().min(1, { message: 'is empty, which CloudStack refuses ("Value for the key ... is either null or empty")' }),
  );

/** CloudStack's text for a network domain that NetUtils.verifyDomainName refuses (createNetwork, createVPC, updateNetwork). */
export const INVALID_NETWORK_DOMAIN =
  "Invalid network domain. Total length shouldn't exceed 190 chars. Each domain label must be between 1 and 63 characters long, can contain ASCII letters 'a' through 'z', the digits '0' through '9', and the hyphen ('-'); can't start or end with \"-\"";

/** Why NetUtils.verifyDomainName refuses a domain name, or undefined when it accepts it. */
export function domainNameProblem(name: string): string | undefined {
  if (name.length < 1) return "is empty";
  if (name.length > 190) return `is ${name.length} characters long, over the 190 allowed`;
  if (name.startsWith(".") || name.endsWith(".")) return "starts or ends with a dot";
  for (const label of name.split(".")) {
    if (label.length < 1) return "has an empty label (two dots in a row)";
    if (label.length > 63) return `has the label "${label}" of ${label.length} characters, over the 63 allowed`;
    if (!/^[A-Za-z0-9-]+$/.test(label)) return `has the label "${label}" with characters other than ASCII letters, digits and "-"`;
    if (label.startsWith("-") || label.endsWith("-")) return `has the label "${label}" starting or ending with "-"`;
  }
  return undefined;
}

/** A network domain, by CloudStack's rule (NetUtils.verifyDomainName). */
export const networkDomain = () =>
  z.string().superRefine((value, ctx) => {
    const problem = domainNameProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: `is not a valid network domain: it ${problem} (CloudStack: "${INVALID_NETWORK_DOMAIN}")` });
  });

/**
 * A VLAN IP range's VLAN: an id 1-4094 (NetUtils.isValidVlan: "the valid range is 1- 4094"),
 * written "100" or "vlan://100", or "untagged" / "vlan://untagged". createVlanIpRange itself
 * stores any text as vlan://<text>, so a bad one would only fail later, on the router.
 */
export const vlanTag = () =>
  z.string().refine(
    (value) => {
      const bare = value.replace(/^vlan:\/\//i, "");
      if (bare.toLowerCase() === "untagged") return true;
      return /^\d{1,4}$/.test(bare) && Number(bare) >= 1 && Number(bare) <= 4094;
    },
    { message: 'is not a VLAN: give an id from 1 to 4094 ("100" or "vlan://100") or "untagged" (CloudStack\'s NetUtils.isValidVlan range)' },
  );
