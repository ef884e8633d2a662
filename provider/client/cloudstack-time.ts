// Dates as CloudStack writes them in responses (`created`: yyyy-MM-dd'T'HH:mm:ssZ, whole seconds)
// and as its DATE parameters accept them (DateUtil.parseTZDateString).

const pad = (n: number): string => String(n).padStart(2, "0");

/** e.g. 2026-11-27T12:00:00+0000, in UTC, the fraction of a second dropped. */
export function formatCloudStackTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}+0000`;
}

/** Milliseconds since the epoch of a date with a zone offset ("+0000", "+00:00" or "Z"), or undefined. */
export function parseCloudStackTime(text: unknown): number | undefined {
  if (typeof text !== "string") return undefined;
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:?\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const zone = match[2] === "Z" ? "Z" : `${match[2]!.slice(0, 3)}:${match[2]!.slice(-2)}`;
  const ms = Date.parse(`${match[1]}${zone}`);
  return Number.isNaN(ms) ? undefined : ms;
}
