// IPv4 arithmetic for the network rules: parsing and validity through the ip-address package,
// ranges as unsigned 32-bit numbers.
import { Address4 } from "ip-address";

const DOTTED = /^\d{1,3}(\.\d{1,3}){3}$/;

/** A plain dotted-quad IPv4 address (no prefix). */
export function isValidIp(ip: string): boolean {
  return DOTTED.test(ip) && Address4.isValid(ip);
}

export function ipToNumber(ip: string): number {
  return Number(new Address4(ip).bigInt());
}

export function numberToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
}

/** A netmask whose bits are contiguous ones then zeros. */
export function isValidNetmask(mask: string): boolean {
  if (!isValidIp(mask)) return false;
  const n = ipToNumber(mask);
  const inverted = ~n >>> 0;
  return (inverted & (inverted + 1)) === 0;
}

export function netmaskToPrefix(mask: string): number {
  const n = ipToNumber(mask);
  let bits = 0;
  for (let i = 31; i >= 0; i -= 1) if ((n >>> i) & 1) bits += 1;
  return bits;
}

export function prefixToNetmask(prefix: number): string {
  return numberToIp(prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0);
}

export interface Cidr {
  /** Network address as a number. */
  first: number;
  /** Broadcast address as a number. */
  last: number;
  prefix: number;
}

/** Parses "a.b.c.d/n"; undefined when malformed. */
export function parseCidr(cidr: string): Cidr | undefined {
  const m = /^([^/]+)\/(\d{1,2})$/.exec(cidr.trim());
  if (!m || !isValidIp(m[1])) return undefined;
  const prefix = Number(m[2]);
  if (prefix > 32) return undefined;
  const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
  const first = (ipToNumber(m[1]) & mask) >>> 0;
  return { first, last: (first | (~mask >>> 0)) >>> 0, prefix };
}

export function cidrToString(c: Cidr): string {
  return `${numberToIp(c.first)}/${c.prefix}`;
}

export function cidrFromGatewayNetmask(gateway: string, netmask: string): Cidr {
  return parseCidr(`${gateway}/${netmaskToPrefix(netmask)}`) as Cidr;
}

export const cidrContainsIp = (c: Cidr, ip: string): boolean => {
  const n = ipToNumber(ip);
  return n >= c.first && n <= c.last;
};

/** `inner` lies within `outer` (equal counts). */
export const cidrIsSubset = (inner: Cidr, outer: Cidr): boolean =>
  inner.first >= outer.first && inner.last <= outer.last;

export const cidrsOverlap = (a: Cidr, b: Cidr): boolean => a.first <= b.last && b.first <= a.last;

// NetUtils.validateGuestCidr's allowed blocks: RFC 1918 private space and RFC 6598 shared
// address space (100.64.0.0/10, carrier-grade NAT).
const GUEST_BLOCKS: Cidr[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"].map((c) => parseCidr(c) as Cidr);

/**
 * NetUtils.validateGuestCidr with compliance checked: inside RFC 1918 or RFC 6598 space. Callers
 * skip it when allow.non.rfc1918.compliant.ips is true.
 */
export const isGuestCidrCompliant = (c: Cidr): boolean => GUEST_BLOCKS.some((p) => cidrIsSubset(c, p));

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
