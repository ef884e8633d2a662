// zod building blocks for input fields. Each rule's message is the rule itself ("is not ..."),
// so that a check failure reads `<property>: <value> <rule>`.
import { z } from "zod";
import { formatCidr, parseCidr, parseIpv4, prefixOfNetmask, subnetOf } from "./ipv4";

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
    const subnet = subnetOf(parsed.address, parsed.prefix);
    if (subnet.network !== parsed.address) {
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
