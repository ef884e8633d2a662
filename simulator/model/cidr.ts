// The network rules' IPv4 vocabulary, on the arithmetic the provider shares (ip/ipv4.ts).
import { blockOf, contains, formatCidr, formatIpv4, isGuestCidrCompliant, isInside, isIpv4, maskOf, overlaps, parseCidr as parseIpv4Cidr, parseIpv4, prefixOfNetmask, type Ipv4Block } from "../../ip/ipv4";

/** A CIDR as the rules use it: network address (first) to broadcast address (last). */
export type Cidr = Ipv4Block;

export { isGuestCidrCompliant };

/** A plain dotted-quad IPv4 address (no prefix). */
export const isValidIp = isIpv4;

export function ipToNumber(ip: string): number {
  const value = parseIpv4(ip);
  if (value === undefined) throw new Error(`not an IPv4 address: ${ip}`);
  return value;
}

export const numberToIp = formatIpv4;

/** A netmask whose bits are contiguous ones then zeros. */
export const isValidNetmask = (mask: string): boolean => prefixOfNetmask(mask) !== undefined;

/** The prefix length of a netmask; callers check it with isValidNetmask first. */
export const netmaskToPrefix = (mask: string): number => prefixOfNetmask(mask) ?? Number.NaN;

export const prefixToNetmask = (prefix: number): string => formatIpv4(maskOf(prefix));

/** Parses "a.b.c.d/n" (surrounding blanks allowed); undefined when malformed. */
export function parseCidr(cidr: string): Cidr | undefined {
  const parsed = parseIpv4Cidr(cidr.trim());
  return parsed && blockOf(parsed.address, parsed.prefix);
}

export const cidrToString = formatCidr;

export function cidrFromGatewayNetmask(gateway: string, netmask: string): Cidr {
  return blockOf(ipToNumber(gateway), netmaskToPrefix(netmask));
}

export const cidrContainsIp = (c: Cidr, ip: string): boolean => contains(c, ipToNumber(ip));

/** `inner` lies within `outer` (equal counts). */
export const cidrIsSubset = isInside;

export const cidrsOverlap = overlaps;

/** A comma-separated CIDR list (denied.routes): the entries that parse. */
export const parseCidrList = (text: string | undefined): Cidr[] =>
  (text ?? "")
    .split(",")
    .map((c) => parseCidr(c))
    .filter((c): c is Cidr => c !== undefined);

/** "a-b" ranges of the addresses of `outer` that are outside `inner`, as CloudStack reports reservediprange. */
export function rangesOutside(outer: Cidr, inner: Cidr): string {
  const parts: string[] = [];
  if (inner.first > outer.first) parts.push(`${numberToIp(outer.first + 1)}-${numberToIp(inner.first - 1)}`);
  if (inner.last < outer.last) parts.push(`${numberToIp(inner.last + 1)}-${numberToIp(outer.last - 1)}`);
  return parts.join(",");
}
