// Dates as CloudStack serializes them (yyyy-MM-dd'T'HH:mm:ssZ) and parses `expires`
// (DateUtil.parseTZDateString: ISO-8601 with a zone offset or Z).

const pad = (n: number): string => String(n).padStart(2, "0");

/** 2026-11-27T12:00:00+0000 (always UTC). */
export function formatCloudStackDate(date: Date): string {
  return (
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}+0000`
  );
}

const ISO_WITH_ZONE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|[+-]\d{2}:?\d{2})$/;

/** Milliseconds since the epoch, or undefined when the text is not an ISO date with a zone. */
export function parseZonedDate(text: string): number | undefined {
  const m = ISO_WITH_ZONE.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, ms, zone] = m;
  let offsetMinutes = 0;
  if (zone !== "Z") {
    const digits = zone!.replace(":", "");
    const sign = digits.startsWith("-") ? -1 : 1;
    offsetMinutes = sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number((ms ?? "0").padEnd(3, "0")));
  if (Number.isNaN(utc)) return undefined;
  return utc - offsetMinutes * 60_000;
}
