// IPv4 arithmetic, written once for the provider's checks and the simulator's rules, which must
// agree with each other and with CloudStack's NetUtils. Parsing is the ip-address package's;
// addresses are unsigned 32-bit numbers so that ranges compare and count exactly.
import { Address4 } from "ip-address";

// Dotted quad without leading zeros, as NetUtils.isValidIp4 (commons-validator) accepts.
const OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const DOTTED = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);

/** A block of addresses: a CIDR's network address (first) to its broadcast address (last). */
export interface Ipv4Block {
  readonly first: number;
  readonly last: number;
  readonly prefix: number;
}

/** A CIDR as written: its address (not always the network address) and prefix length. */
export interface Ipv4Cidr {
  readonly address: number;
  readonly prefix: number;
}

/** A plain dotted-quad IPv4 address (no prefix). */
export function isIpv4(text: string): boolean {
  return DOTTED.test(text) && Address4.isValid(text);
}

/** The address as an unsigned 32-bit number, or undefined when it is not dotted-quad IPv4. */
export function parseIpv4(text: string): number | undefined {
  return isIpv4(text) ? Number(new Address4(text).bigInt()) : undefined;
}

export function formatIpv4(value: number): string {
  return Address4.fromInteger(value).correctForm();
}

/** The netmask of a prefix length, as a number. */
export function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
}

/** The prefix length of a netmask such as 255.255.255.0, or undefined when it is not contiguous. */
export function prefixOfNetmask(text: string): number | undefined {
  const value = parseIpv4(text);
  if (value === undefined) return undefined;
  const inverted = ~value >>> 0;
  if ((inverted & (inverted + 1)) !== 0) return undefined;
  return 32 - Math.log2(inverted + 1);
}

export function netmaskOf(prefix: number): string {
  return formatIpv4(maskOf(prefix));
}

/** The block of `prefix` bits that holds `address`. */
export function blockOf(address: number, prefix: number): Ipv4Block {
  const mask = maskOf(prefix);
  const first = (address & mask) >>> 0;
  return { first, last: (first | (~mask >>> 0)) >>> 0, prefix };
}

/** Parses "a.b.c.d/n" (n <= 32, written without leading zeros); undefined when malformed. */
export function parseCidr(text: string): Ipv4Cidr | undefined {
  const match = /^([^/]+)\/(\d{1,2})$/.exec(text);
  if (!match) return undefined;
  const address = parseIpv4(match[1]);
  const prefix = Number(match[2]);
  if (address === undefined || prefix > 32 || String(prefix) !== match[2]) return undefined;
  return { address, prefix };
}

export function formatCidr(block: Ipv4Block): string {
  return `${formatIpv4(block.first)}/${block.prefix}`;
}

/** The canonical text of a CIDR: its network address and prefix length. */
export function canonicalCidr(text: string): string | undefined {
  const parsed = parseCidr(text);
  return parsed ? formatCidr(blockOf(parsed.address, parsed.prefix)) : undefined;
}

export function blockSize(block: Ipv4Block): number {
  return block.last - block.first + 1;
}

export function contains(block: Ipv4Block, address: number): boolean {
  return address >= block.first && address <= block.last;
}

/** True when `inner` lies entirely inside `outer` (equal counts). */
export function isInside(inner: Ipv4Block, outer: Ipv4Block): boolean {
  return inner.first >= outer.first && inner.last <= outer.last;
}

export function overlaps(a: Ipv4Block, b: Ipv4Block): boolean {
  return a.first <= b.last && b.first <= a.last;
}

// NetUtils.validateGuestCidr's allowed blocks: RFC 1918 private space and RFC 6598 shared
// address space (100.64.0.0/10, carrier-grade NAT).
const GUEST_BLOCKS: Ipv4Block[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"].map((text) => {
  const { address, prefix } = parseCidr(text)!;
  return blockOf(address, prefix);
});

/**
 * The guest address space NetUtils.validateGuestCidr accepts for isolated networks, VPCs and
 * guest VM CIDRs (unless allow.non.rfc1918.compliant.ips is true).
 */
export function isGuestCidrCompliant(block: Ipv4Block): boolean {
  return GUEST_BLOCKS.some((allowed) => isInside(block, allowed));
}
