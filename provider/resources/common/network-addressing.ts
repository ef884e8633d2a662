// How a network's IPv4 addressing inputs fit together: `cidr`, or `gateway` + `netmask`, plus
// the optional range and IP reservation. The rules follow createNetwork's own checks
// (NetworkServiceImpl.createGuestNetwork), so a bad combination fails in check, before anything is created.
import { failure } from "../../adapter/check/failures";
import { CheckFailure, PropertyMap } from "../../adapter/types";
import {
  contains,
  formatIpv4,
  Ipv4Block,
  isGuestCidrCompliant,
  isInside,
  maskOf,
  parseCidr,
  parseIpv4,
  prefixOfNetmask,
  blockOf,
} from "../../../ip/ipv4";

const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

function cidrOf(inputs: PropertyMap): { address: number; prefix: number } | undefined {
  const cidr = text(inputs.cidr);
  return cidr === undefined ? undefined : parseCidr(cidr);
}

/** The subnet the inputs describe, from `cidr` or from `gateway` + `netmask`. */
export function subnetFromInputs(inputs: PropertyMap): Ipv4Block | undefined {
  const cidr = cidrOf(inputs);
  if (cidr) return blockOf(cidr.address, cidr.prefix);
  const gatewayText = text(inputs.gateway);
  const netmaskText = text(inputs.netmask);
  if (gatewayText === undefined || netmaskText === undefined) return undefined;
  const gateway = parseIpv4(gatewayText);
  const prefix = prefixOfNetmask(netmaskText);
  return gateway !== undefined && prefix !== undefined ? blockOf(gateway, prefix) : undefined;
}

/** gateway + netmask for createNetwork: the user's, or from `cidr` with the first host as gateway. */
export function gatewayAndNetmask(inputs: PropertyMap): { gateway?: string; netmask?: string } {
  const cidr = cidrOf(inputs);
  if (!cidr) return { gateway: text(inputs.gateway), netmask: text(inputs.netmask) };
  const subnet = blockOf(cidr.address, cidr.prefix);
  return {
    gateway: text(inputs.gateway) ?? formatIpv4(subnet.first + 1),
    netmask: text(inputs.netmask) ?? formatIpv4(maskOf(subnet.prefix)),
  };
}

const startIpRule =
  'needs gateway and netmask, or cidr (CloudStack: "gateway and netmask should be defined when startIP/endIP are passed in")';

export function addressingFailures(inputs: PropertyMap, known: (key: string) => boolean): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const has = (key: string): boolean => inputs[key] !== undefined && inputs[key] !== null;
  const usable = (key: string): boolean => has(key) && known(key);
  const allKnown = (...keys: string[]): boolean => keys.every((key) => !has(key) || known(key));

  if (!allKnown("cidr", "gateway", "netmask", "startIp", "endIp", "guestVmCidr")) {
    return failures;
  }

  const cidr = usable("cidr") ? parseCidr(String(inputs.cidr)) : undefined;
  if (cidr && cidr.prefix > 30) {
    failures.push(failure("cidr", inputs.cidr, "leaves no room for a gateway and hosts (the prefix must be at most /30)"));
  }
  if (!has("cidr") && has("gateway") !== has("netmask")) {
    const missing = has("gateway") ? "netmask" : "gateway";
    const present = has("gateway") ? "gateway" : "netmask";
    failures.push(failure(present, inputs[present], `needs ${missing} as well (or write cidr instead)`));
  }
  if (cidr && usable("netmask") && prefixOfNetmask(String(inputs.netmask)) !== cidr.prefix) {
    failures.push(failure("netmask", inputs.netmask, `does not match cidr ${String(inputs.cidr)} (/${cidr.prefix})`));
  }

  const subnet = subnetFromInputs(inputs);
  if (subnet && usable("gateway")) {
    const gateway = parseIpv4(String(inputs.gateway))!;
    if (!contains(subnet, gateway)) {
      failures.push(failure("gateway", inputs.gateway, `is outside the network ${formatIpv4(subnet.first)}/${subnet.prefix}`));
    } else if (subnet.prefix < 31 && (gateway === subnet.first || gateway === subnet.last)) {
      failures.push(failure("gateway", inputs.gateway, "is the network or broadcast address of its subnet"));
    }
  }

  if ((has("startIp") || has("endIp")) && !subnet) {
    const key = has("startIp") ? "startIp" : "endIp";
    failures.push(failure(key, inputs[key], startIpRule));
  }
  if (has("endIp") && !has("startIp")) {
    failures.push(failure("endIp", inputs.endIp, "needs startIp as well"));
  }
  if (subnet) {
    for (const key of ["startIp", "endIp"]) {
      const address = usable(key) ? parseIpv4(String(inputs[key])) : undefined;
      if (address !== undefined && !contains(subnet, address)) {
        failures.push(failure(key, inputs[key], `is outside the network ${formatIpv4(subnet.first)}/${subnet.prefix}`));
      }
    }
    const start = usable("startIp") ? parseIpv4(String(inputs.startIp)) : undefined;
    const end = usable("endIp") ? parseIpv4(String(inputs.endIp)) : undefined;
    if (start !== undefined && end !== undefined && end < start) {
      failures.push(failure("endIp", inputs.endIp, `is before startIp ${String(inputs.startIp)}`));
    }
  }

  const reservation = usable("guestVmCidr") ? parseCidr(String(inputs.guestVmCidr)) : undefined;
  if (reservation) {
    const reserved = blockOf(reservation.address, reservation.prefix);
    // NetworkServiceImpl.updateGuestNetwork (NetUtils.validateGuestCidr), with CloudStack's default
    // allow.non.rfc1918.compliant.ips=false.
    if (!isGuestCidrCompliant(reserved)) {
      failures.push(
        failure("guestVmCidr", inputs.guestVmCidr, "is not in RFC 1918 or RFC 6598 space (10/8, 172.16/12, 192.168/16, 100.64/10)"),
      );
    }
    if (subnet && !isInside(reserved, subnet)) {
      failures.push(
        failure("guestVmCidr", inputs.guestVmCidr, `is not inside the network CIDR ${formatIpv4(subnet.first)}/${subnet.prefix}`),
      );
    }
  }
  return failures;
}
