// How a range's gateway, netmask, start and end fit together (createVlanIpRange,
// createPortableIpRange; ConfigurationManagerImpl.createVlanAndPublicIpRange and createPortableIpRange), checked before any call.
import { z } from "zod";
import { failure } from "../../adapter/check/failures";
import { CheckFailure, PropertyMap } from "../../adapter/types";
import { contains, formatCidr, Ipv4Block, parseIpv4, prefixOfNetmask, blockOf } from "../../../ip/ipv4";
import { ipv4Address, netmask } from "../../validation/fields";

/** The gateway and netmask of `subnet` (e.g. "the range's subnet"), both replacing `owner` when changed. */
export function subnetInputs(subnet: string, owner: string): { gateway: z.ZodString; netmask: z.ZodString } {
  return {
    gateway: ipv4Address().describe(`The gateway of ${subnet}. Changing it replaces ${owner}.`),
    netmask: netmask().describe(`The netmask of ${subnet}, e.g. 255.255.255.0. Changing it replaces ${owner}.`),
  };
}

const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** The subnet of gateway + netmask, when both are valid. */
export function rangeSubnet(inputs: PropertyMap): Ipv4Block | undefined {
  const gateway = parseIpv4(text(inputs.gateway) ?? "");
  const prefix = prefixOfNetmask(text(inputs.netmask) ?? "");
  return gateway === undefined || prefix === undefined ? undefined : blockOf(gateway, prefix);
}

/** First and last address of the range; the end defaults to the start, as CloudStack does. */
export function rangeBounds(inputs: PropertyMap): { start: number; end: number } | undefined {
  const start = parseIpv4(text(inputs.startIp) ?? "");
  if (start === undefined) return undefined;
  const end = inputs.endIp === undefined || inputs.endIp === null ? start : parseIpv4(text(inputs.endIp) ?? "");
  return end === undefined ? undefined : { start, end };
}

export function rangesOverlap(a: PropertyMap, b: PropertyMap): boolean {
  const x = rangeBounds(a);
  const y = rangeBounds(b);
  return x === undefined || y === undefined || (x.start <= y.end && y.start <= x.end);
}

export interface RangeRuleOptions {
  /** createVlanIpRange refuses a gateway inside the range; createPortableIpRange does not say. */
  readonly gatewayOutsideRange: boolean;
  /** CloudStack's text for a gateway inside the range, when the command words it differently (createPod). */
  readonly gatewayInsideText?: string;
}

/**
 * start and end inside the gateway's subnet, end not before start, and (for VLAN IP ranges) the
 * gateway outside the range. Keys that are absent or unknown during preview are skipped.
 */
export function rangeFailures(inputs: PropertyMap, known: (key: string) => boolean, options: RangeRuleOptions): CheckFailure[] {
  const keys = ["gateway", "netmask", "startIp", "endIp"];
  if (!keys.every((key) => inputs[key] === undefined || inputs[key] === null || known(key))) return [];
  const failures: CheckFailure[] = [];
  const subnet = rangeSubnet(inputs);
  if (subnet) {
    const where = formatCidr(subnet);
    for (const key of ["startIp", "endIp"]) {
      const address = parseIpv4(text(inputs[key]) ?? "");
      if (address !== undefined && !contains(subnet, address)) {
        failures.push(failure(key, inputs[key], `is outside the gateway's subnet ${where} (start and end must be in the gateway's subnet)`));
      }
    }
  }
  const bounds = rangeBounds(inputs);
  if (bounds && bounds.end < bounds.start) {
    failures.push(failure("endIp", inputs.endIp, `is before startIp ${String(inputs.startIp)}`));
  }
  const gateway = parseIpv4(text(inputs.gateway) ?? "");
  if (options.gatewayOutsideRange && bounds && gateway !== undefined && gateway >= bounds.start && gateway <= bounds.end) {
    failures.push(
      failure("gateway", inputs.gateway, `is inside the range (CloudStack: "${options.gatewayInsideText ?? "The gateway ip should not be the part of the ip range being added."}")`),
    );
  }
  return failures;
}
