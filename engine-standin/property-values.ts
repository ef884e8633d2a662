// Property values as they travel between the SDK, the engine and a provider: plain JSON in which
// a secret is the SDK's signature object and an unknown (preview only) is the SDK's sentinel
// string. The rules below follow pulumi/pulumi pkg/resource/plugin/provider_plugin.go.

export type PropertyValue = unknown;
export type PropertyMap = Record<string, unknown>;

/** The special-signature key and the secret signature (sdk/nodejs/runtime/rpc.ts specialSigKey/specialSecretSig). */
export const specialSigKey = "4dabf18193072939515e22adb298388d";
export const secretSig = "1b47061264138c4ac30d75fd1eb44270";
/** The unknown-value sentinel (sdk/nodejs/runtime/rpc.ts unknownValue). */
export const unknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function isSecret(value: unknown): value is { [specialSigKey]: string; value?: unknown; ciphertext?: string } {
  return isRecord(value) && value[specialSigKey] === secretSig;
}

export function makeSecret(value: unknown): Record<string, unknown> {
  return isSecret(value) ? value : { [specialSigKey]: secretSig, value };
}

/**
 * Removes secret markers: what a provider that does not accept secrets receives
 * (MarshalProperties with KeepSecrets false; the dynamic-provider host answers Configure with
 * acceptSecrets = false).
 */
export function stripSecrets(value: unknown): unknown {
  if (isSecret(value)) return stripSecrets(value.value);
  if (Array.isArray(value)) return value.map(stripSecrets);
  if (isRecord(value)) {
    const out: PropertyMap = {};
    for (const [k, v] of Object.entries(value)) out[k] = stripSecrets(v);
    return out;
  }
  return value;
}

export function stripMap(map: PropertyMap): PropertyMap {
  return stripSecrets(map) as PropertyMap;
}

export function containsSecrets(value: unknown): boolean {
  if (isSecret(value)) return true;
  if (Array.isArray(value)) return value.some(containsSecrets);
  if (isRecord(value)) return Object.values(value).some(containsSecrets);
  return false;
}

export function containsUnknowns(value: unknown): boolean {
  if (value === unknownValue) return true;
  if (isSecret(value)) return containsUnknowns(value.value);
  if (Array.isArray(value)) return value.some(containsUnknowns);
  if (isRecord(value)) return Object.values(value).some(containsUnknowns);
  return false;
}

/**
 * Marks as secret every output that shares a name with an input holding a secret, recursing
 * into objects present on both sides (provider_plugin.go annotateSecrets, applied to the results
 * of Check, Create, Update and Read).
 */
export function annotateSecrets(outs: PropertyMap, ins: PropertyMap | undefined): PropertyMap {
  if (!ins) return outs;
  const result: PropertyMap = { ...outs };
  for (const [key, inValue] of Object.entries(ins)) {
    if (!(key in result)) continue;
    const outValue = result[key];
    if (isRecord(outValue) && !isSecret(outValue) && isRecord(inValue) && !isSecret(inValue)) {
      result[key] = annotateSecrets(outValue, inValue);
    } else if (!isSecret(outValue) && containsSecrets(inValue)) {
      result[key] = makeSecret(outValue);
    }
  }
  return result;
}

/** Marks the named outputs secret (step_executor.go: a state's AdditionalSecretOutputs). */
export function markAdditionalSecrets(outs: PropertyMap, names: readonly string[]): PropertyMap {
  const result: PropertyMap = { ...outs };
  for (const name of names) {
    if (name !== "id" && name in result) result[name] = makeSecret(result[name]);
  }
  return result;
}

/** Structural equality of two property values (secret markers included). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  }
  return false;
}

/** Top-level keys whose values differ, ignoring the serialized dynamic provider. */
export function changedKeys(olds: PropertyMap, news: PropertyMap): string[] {
  const keys = new Set([...Object.keys(olds), ...Object.keys(news)]);
  keys.delete("__provider");
  return [...keys].filter((k) => !deepEqual(stripSecrets(olds[k]), stripSecrets(news[k]))).sort();
}

/**
 * Every string held in a secret, for redacting text the stand-in prints. Very short strings are
 * left out: replacing every "1" in a log would hide more than it protects.
 */
export function secretStrings(value: unknown, into: Set<string> = new Set()): Set<string> {
  const collect = (v: unknown): void => {
    if (typeof v === "string" && v.length >= 4) into.add(v);
    else if (Array.isArray(v)) v.forEach(collect);
    else if (isRecord(v)) Object.values(v).forEach(collect);
  };
  const walk = (v: unknown): void => {
    if (isSecret(v)) collect(v.value);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (isRecord(v)) Object.values(v).forEach(walk);
  };
  walk(value);
  return into;
}
