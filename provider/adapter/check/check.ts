// check: validate the inputs (zod field rules, then the spec's rules across fields), skip what
// is unknown during preview, and resolve names of other objects to ids through the API.
import { z } from "zod";
import { failure, secretFailure } from "./failures";
import type { CloudStackClient } from "../../client";
import { givenInputs, idProperties } from "./inputs";
import { resolveList } from "./list-reference";
import { OWNER_KEYS, ownerScope } from "./owner-scope";
import { resolveReference } from "./reference";
import { IDENTITY_KEY, IMPORT_ID_KEY, TIMEOUTS_KEY } from "../reserved";
import { timeoutFailures } from "./timeouts";
import { ClientRuntime } from "../runtime";
import { ResourceSpec } from "../spec";
import { CheckFailure, CheckResult, PropertyMap } from "../types";
import { containsUnknown, UNKNOWN } from "./unknown";

function valueAt(values: PropertyMap, path: readonly PropertyKey[]): unknown {
  let current: unknown = values;
  for (const step of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[step];
  }
  return current;
}

/** What a value of zod's expected type is, in words: "a whole number", "a list"... */
const EXPECTED: Readonly<Record<string, string>> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  bigint: "a whole number",
  boolean: "true or false",
  array: "a list",
  tuple: "a list",
  object: "an object",
  record: "a map of strings",
  map: "a map of strings",
  date: "a date",
};

export function expectedType(expected: string): string {
  return EXPECTED[expected] ?? `of type ${expected}`;
}

function ruleOf(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case "invalid_type":
      if (value === undefined) return "is required";
      return `must be ${expectedType(issue.expected)}`;
    case "invalid_value":
      return `is not one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    default:
      return /^(is|must|needs|matches) /.test(issue.message) ? issue.message : `is invalid: ${issue.message}`;
  }
}

/** What field failures need of a spec; a lookup function's arguments have the same parts. */
export interface FieldSubject {
  readonly kind: string;
  readonly inputs: z.ZodObject<z.ZodRawShape>;
  readonly secretOutputs?: readonly string[];
  /** What one input is called in messages: "input" by default, "argument" for a function. */
  readonly inputWord?: string;
}

export function fieldFailures(spec: FieldSubject, issues: readonly z.core.$ZodIssue[], values: PropertyMap): CheckFailure[] {
  const known = Object.keys(spec.inputs.shape).join(", ");
  return issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => failure(key, values[key], `is not a ${spec.kind} ${spec.inputWord ?? "input"}; the ${spec.inputWord ?? "input"}s are: ${known}`));
    }
    if (issue.code === "invalid_key") {
      // A map's key broke its rule (an empty tag key): the map is the property, the key the value.
      const parent = issue.path.slice(0, -1);
      const key = issue.path[issue.path.length - 1];
      const rules = issue.issues.map((inner) => inner.message).join("; ");
      return [failure(parent.map(String).join("."), String(key), `is not a valid key: ${rules}`)];
    }
    const property = issue.path.map(String).join(".");
    const value = valueAt(values, issue.path);
    // A secret input's value stays out of the message, which the engine prints in clear.
    if (value !== undefined && spec.secretOutputs?.includes(String(issue.path[0]))) return [secretFailure(property, ruleOf(issue, value))];
    return [failure(property, value, ruleOf(issue, value))];
  });
}

export async function check(spec: ResourceSpec, runtime: ClientRuntime, news: PropertyMap): Promise<CheckResult> {
  const given = givenInputs(spec, news);
  const unknown = new Set(Object.keys(given).filter((key) => containsUnknown(given[key])));
  const knownValues = Object.fromEntries(Object.entries(given).filter(([key]) => !unknown.has(key)));
  const mask = Object.fromEntries([...unknown].filter((key) => key in spec.inputs.shape).map((key) => [key, true as const]));
  const parsed = spec.inputs.omit(mask).safeParse(knownValues);
  const failures = parsed.success ? [] : fieldFailures(spec, parsed.error.issues, knownValues);

  const failed = new Set(failures.map((f) => f.property.split(".")[0]));
  const usable = (key: string): boolean => !unknown.has(key) && !failed.has(key);
  if (spec.validate) {
    failures.push(...spec.validate(given, usable).filter((f) => !judgesUnknown(f, unknown)));
  }

  const ids: Record<string, string | string[]> = {};
  // An owned object (a network, a VPC...) is looked up in the owner scope the inputs give; with
  // that scope unknown during preview, so is the object.
  const ownerUnknown = OWNER_KEYS.some((key) => unknown.has(key));
  const owner = ownerScope(given);
  const lookup = (work: (client: CloudStackClient) => Promise<void>): Promise<void> => runtime.client().then(work);

  // References that prefer a place another reference names (a template in the instance's zone)
  // wait for that one.
  const single = Object.entries(spec.references);
  const resolveSingle = async ([property, reference]: (typeof single)[number]): Promise<void> => {
    const value = given[property];
    const preferredId = reference.preferIn ? ids[reference.preferIn.idProperty] : undefined;
    if (unknown.has(property) || (reference.kind.owned && ownerUnknown && typeof value === "string")) {
      ids[reference.idProperty] = UNKNOWN;
    } else if (typeof value === "string" && !failed.has(property)) {
      await lookup(async (client) => {
        const preferred = reference.preferIn && typeof preferredId === "string" && preferredId !== UNKNOWN ? { [reference.preferIn.param]: preferredId } : {};
        const resolution = await resolveReference(client, property, value, reference.kind, owner, preferred);
        if ("id" in resolution) ids[reference.idProperty] = resolution.id;
        // Where it is preferred is not known yet: a name that is not one object may become one.
        else if (preferredId === UNKNOWN) ids[reference.idProperty] = UNKNOWN;
        else failures.push(resolution.failure);
      });
    }
  };
  // A list already refused (a network listed twice) is not looked up as well.
  const refused = new Set(failures.map((f) => f.property.split(/[.[]/)[0]));
  const resolveLists = Object.entries(spec.listReferences ?? {}).map(async ([property, reference]) => {
    const value = given[property];
    if (!Array.isArray(value) || unknown.has(property) || refused.has(property)) return;
    if (reference.kind.owned && ownerUnknown) {
      ids[reference.idProperty] = value.map(() => UNKNOWN);
      return;
    }
    await lookup(async (client) => {
      const resolved = await resolveList(client, property, value, reference, owner);
      if (resolved.failures.length === 0) ids[reference.idProperty] = resolved.ids;
      failures.push(...resolved.failures);
    });
  });
  await Promise.all([...single.filter(([, r]) => !r.preferIn).map(resolveSingle), ...resolveLists]);
  await Promise.all(single.filter(([, r]) => r.preferIn).map(resolveSingle));

  if (spec.checkWithApi) failures.push(...(await apiFailures(spec, runtime, { ...given, ...ids }, unknown, failures)));
  failures.push(...adapterInputFailures(news));
  return { inputs: { ...given, ...ids, ...adapterInputs(news) }, failures };
}

/**
 * The spec's rules that need the API, judged only on what is known and valid so far: a value
 * unknown during preview, one that already failed, or an id left unresolved is not known, and a
 * second complaint about a failed input is dropped.
 */
async function apiFailures(
  spec: ResourceSpec,
  runtime: ClientRuntime,
  inputs: PropertyMap,
  unknown: ReadonlySet<string>,
  failures: readonly CheckFailure[],
): Promise<CheckFailure[]> {
  const failed = new Set(failures.map((f) => f.property.split(/[.[]/)[0]));
  const ids = new Set(idProperties(spec));
  const known = (key: string): boolean => {
    if (unknown.has(key) || failed.has(key)) return false;
    return !ids.has(key) || ((typeof inputs[key] === "string" || Array.isArray(inputs[key])) && !containsUnknown(inputs[key]));
  };
  const found = await spec.checkWithApi!(() => runtime.client(), inputs, known);
  return found.filter((f) => !judgesUnknown(f, unknown) && !failed.has(f.property.split(/[.[]/)[0]));
}

/**
 * A failure about a value unknown during preview, which a spec's rules across fields should
 * never produce (they get `known`): dropped, since the value may yet be valid, or absent.
 */
function judgesUnknown(f: CheckFailure, unknown: ReadonlySet<string>): boolean {
  // "networks.0.network" or "members[1].ip": the input is the first step of the path.
  return unknown.has(f.property.split(/[.[]/)[0]) || f.reason.includes(UNKNOWN);
}

/** importId, __timeouts and __identity: every kind's inputs that the adapter, not the spec, handles. */
function adapterInputs(news: PropertyMap): PropertyMap {
  const out: PropertyMap = {};
  for (const key of [IMPORT_ID_KEY, TIMEOUTS_KEY, IDENTITY_KEY]) {
    if (news[key] !== undefined && news[key] !== null) out[key] = news[key];
  }
  return out;
}

function adapterInputFailures(news: PropertyMap): CheckFailure[] {
  const failures = timeoutFailures(news);
  const importId = news[IMPORT_ID_KEY];
  if (importId !== undefined && importId !== null && !containsUnknown(importId) && (typeof importId !== "string" || importId === "")) {
    failures.push(failure(IMPORT_ID_KEY, importId, "must be the id of an existing object"));
  }
  return failures;
}
