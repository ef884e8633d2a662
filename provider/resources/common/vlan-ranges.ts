// Guest VLAN ranges written "start-end" (dedicateGuestVlanRange's vlanrange, a physical
// network's vlan list), and the list form CloudStack answers: ranges sorted, adjacent and
// overlapping ones merged (NetworkServiceImpl.generateVnetString).
import { z } from "zod";

const RANGE = /^\s*(\d+)\s*-\s*(\d+)\s*$/;

/** [start, end] of a "start-end" range, or undefined when it is not one. */
export function parseVlanRange(value: unknown): [number, number] | undefined {
  const match = typeof value === "string" ? RANGE.exec(value) : null;
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/** A "start-end" input with start <= end. */
export const vlanRange = () =>
  z.string().superRefine((value, ctx) => {
    const range = parseVlanRange(value);
    if (!range) ctx.addIssue({ code: "custom", message: 'is not a VLAN range written "start-end", e.g. "100-110"' });
    else if (range[0] > range[1]) ctx.addIssue({ code: "custom", message: "is backwards: its start must be at most its end" });
  });

/** The ranges as CloudStack keeps them, e.g. ["100-110", "111-120"] -> "100-120"; undefined when one does not parse. */
export function mergedVlanRanges(value: unknown): string | undefined {
  if (!Array.isArray(value)) return undefined;
  const ranges = value.map(parseVlanRange);
  if (ranges.some((r) => r === undefined)) return undefined;
  const merged: Array<[number, number]> = [];
  for (const [start, end] of (ranges as Array<[number, number]>).sort((a, b) => a[0] - b[0])) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1] + 1) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged.map(([s, e]) => `${s}-${e}`).join(",");
}

/** Two range lists that CloudStack stores alike. */
export function sameVlanRanges(a: unknown, b: unknown): boolean {
  const x = mergedVlanRanges(a);
  return x !== undefined && x === mergedVlanRanges(b);
}
