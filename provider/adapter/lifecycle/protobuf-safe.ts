// Outputs travel as a protobuf Struct: undefined breaks the conversion, and Date, BigInt,
// functions or class instances do not survive it. This turns a value into plain JSON data.

export function toProtobufSafe(value: unknown): unknown {
  if (value === undefined || typeof value === "function" || typeof value === "symbol") return undefined;
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "bigint") {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) return value.map((item) => toProtobufSafe(item) ?? null);
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const safe = toProtobufSafe(item);
      if (safe !== undefined) out[key] = safe;
    }
    return out;
  }
  return String(value);
}

export function protobufSafeMap(map: Record<string, unknown>): Record<string, unknown> {
  return toProtobufSafe(map) as Record<string, unknown>;
}
