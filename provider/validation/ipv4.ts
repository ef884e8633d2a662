// Exact IPv4 arithmetic on 32-bit unsigned integers: CloudStack takes gateway + netmask, users
// write CIDRs, and the checks below (inside, network address, broadcast) must agree with the API.

const octet = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const dotted = new RegExp(`^${octet}\\.${octet}\\.${octet}\\.${octet}$`);

export interface Ipv4Subnet {
  /** First address of the subnet (the network address). */
  readonly network: number;
  readonly prefix: number;
}

/** The address as an unsigned 32-bit integer, or undefined when it is not dotted-quad IPv4. */
export function parseIpv4(text: string): number | undefined {
  if (!dotted.test(text)) return undefined;
  return text.split(".").reduce((acc, part) => acc * 256 + Number(part), 0);
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

export function maskOf(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff - (2 ** (32 - prefix) - 1));
}

/** The prefix length of a netmask such as 255.255.255.0, or undefined when it is not contiguous. */
export function prefixOfNetmask(text: string): number | undefined {
  const value = parseIpv4(text);
  if (value === undefined) return undefined;
  for (let prefix = 0; prefix <= 32; prefix++) {
    if (maskOf(prefix) === value) return prefix;
  }
  return undefined;
}

/** Parses "a.b.c.d/n" (n <= 32); `strict` also requires a.b.c.d to be the network address. */
export function parseCidr(text: string): { address: number; prefix: number } | undefined {
  const match = /^([^/]+)\/(\d{1,2})$/.exec(text);
  if (!match) return undefined;
  const address = parseIpv4(match[1]);
  const prefix = Number(match[2]);
  if (address === undefined || prefix > 32 || String(prefix) !== match[2]) return undefined;
  return { address, prefix };
}

export function subnetOf(address: number, prefix: number): Ipv4Subnet {
  const size = 2 ** (32 - prefix);
  return { network: address - (address % size), prefix };
}

export function subnetSize(subnet: Ipv4Subnet): number {
  return 2 ** (32 - subnet.prefix);
}

export function broadcastOf(subnet: Ipv4Subnet): number {
  return subnet.network + subnetSize(subnet) - 1;
}

export function contains(subnet: Ipv4Subnet, address: number): boolean {
  return address >= subnet.network && address <= broadcastOf(subnet);
}

/** True when `inner` lies entirely inside `outer`. */
export function isSubnetOf(inner: Ipv4Subnet, outer: Ipv4Subnet): boolean {
  return inner.prefix >= outer.prefix && contains(outer, inner.network);
}

export function overlaps(a: Ipv4Subnet, b: Ipv4Subnet): boolean {
  return contains(a, b.network) || contains(b, a.network);
}

export function formatCidr(subnet: Ipv4Subnet): string {
  return `${formatIpv4(subnet.network)}/${subnet.prefix}`;
}

/** The canonical text of a CIDR: its network address and prefix length. */
export function canonicalCidr(text: string): string | undefined {
  const parsed = parseCidr(text);
  return parsed ? formatCidr(subnetOf(parsed.address, parsed.prefix)) : undefined;
}

/**
 * The guest address space CloudStack's NetUtils.validateGuestCidr accepts for isolated networks,
 * VPCs and guest VM CIDRs: RFC 1918 private space and RFC 6598 shared space (100.64.0.0/10).
 */
export function isGuestCidrCompliant(subnet: Ipv4Subnet): boolean {
  const blocks: Ipv4Subnet[] = [
    { network: parseIpv4("10.0.0.0")!, prefix: 8 },
    { network: parseIpv4("172.16.0.0")!, prefix: 12 },
    { network: parseIpv4("192.168.0.0")!, prefix: 16 },
    { network: parseIpv4("100.64.0.0")!, prefix: 10 },
  ];
  return blocks.some((block) => isSubnetOf(subnet, block));
}
