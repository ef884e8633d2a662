// Structural equality for property values, where an absent value (undefined) and null are one.

export function isAbsent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (isAbsent(a) || isAbsent(b)) return isAbsent(a) && isAbsent(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => deepEqual(item, b[i]));
  }
  if (typeof a === "object" && typeof b === "object") {
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
    for (const key of keys) if (!deepEqual(ao[key], bo[key])) return false;
    return true;
  }
  return a === b;
}
