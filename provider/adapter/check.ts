// check: validate the inputs (zod field rules, then the spec's rules across fields), skip what
// is unknown during preview, and resolve names of other objects to ids through the API.
import { z } from "zod";
import { failure } from "./failures";
import { givenInputs } from "./inputs";
import { OWNER_KEYS, ownerScope } from "./owner-scope";
import { resolveReference } from "./reference";
import { IMPORT_ID_KEY, TIMEOUTS_KEY } from "./reserved";
import { timeoutFailures } from "./timeouts";
import { ClientRuntime } from "./runtime";
import { ResourceSpec } from "./spec";
import { CheckFailure, CheckResult, PropertyMap } from "./types";
import { containsUnknown, UNKNOWN } from "./unknown";

function valueAt(values: PropertyMap, path: readonly PropertyKey[]): unknown {
  let current: unknown = values;
  for (const step of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[step];
  }
  return current;
}

function ruleOf(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case "invalid_type":
      if (value === undefined) return "is required";
      return `must be a ${issue.expected === "record" ? "map of strings" : issue.expected}`;
    case "invalid_value":
      return `is not one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    default:
      return /^(is|must|needs|matches) /.test(issue.message) ? issue.message : `is invalid: ${issue.message}`;
  }
}

export function fieldFailures(spec: ResourceSpec, issues: readonly z.core.$ZodIssue[], values: PropertyMap): CheckFailure[] {
  const known = Object.keys(spec.inputs.shape).join(", ");
  return issues.flatMap((issue) => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => failure(key, values[key], `is not a ${spec.kind} input; the inputs are: ${known}`));
    }
    const property = issue.path.map(String).join(".");
    const value = valueAt(values, issue.path);
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
  if (spec.validate) {
    const usable = (key: string): boolean => !unknown.has(key) && !failed.has(key);
    failures.push(...spec.validate(given, usable).filter((f) => !judgesUnknown(f, unknown)));
  }

  const ids: Record<string, string> = {};
  const lookups: Promise<void>[] = [];
  // An owned object (a network, a VPC...) is looked up in the owner scope the inputs give; with
  // that scope unknown during preview, so is the object.
  const ownerUnknown = OWNER_KEYS.some((key) => unknown.has(key));
  const owner = ownerScope(given);
  for (const [property, reference] of Object.entries(spec.references)) {
    const value = given[property];
    if (unknown.has(property) || (reference.kind.owned && ownerUnknown && typeof value === "string")) {
      ids[reference.idProperty] = UNKNOWN;
    } else if (typeof value === "string" && !failed.has(property)) {
      lookups.push(
        runtime.client().then(async (client) => {
          const resolution = await resolveReference(client, property, value, reference.kind, owner);
          if ("id" in resolution) ids[reference.idProperty] = resolution.id;
          else failures.push(resolution.failure);
        }),
      );
    }
  }
  await Promise.all(lookups);
  failures.push(...adapterInputFailures(news));
  return { inputs: { ...given, ...ids, ...adapterInputs(news) }, failures };
}

/**
 * A failure about a value unknown during preview, which a spec's rules across fields should
 * never produce (they get `known`): dropped, since the value may yet be valid, or absent.
 */
function judgesUnknown(f: CheckFailure, unknown: ReadonlySet<string>): boolean {
  // "networks.0.network" or "members[1].ip": the input is the first step of the path.
  return unknown.has(f.property.split(/[.[]/)[0]) || f.reason.includes(UNKNOWN);
}

/** importId and __timeouts: every kind's inputs that the adapter, not the spec, handles. */
function adapterInputs(news: PropertyMap): PropertyMap {
  const out: PropertyMap = {};
  for (const key of [IMPORT_ID_KEY, TIMEOUTS_KEY]) {
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
