// The stickiness methods of CloudStack's LB providers (api LbStickinessMethod; the virtual
// router's HAProxy and NetScaler advertise them with their parameters) and the rules for each
// parameter's value, checked before any call. A provider may still refuse a method or a
// parameter it does not list; CloudStack says so.
import { failure } from "../../adapter/check/failures";
import { CheckFailure, PropertyMap } from "../../adapter/types";

export const STICKINESS_METHODS = ["LbCookie", "AppCookie", "SourceBased"] as const;
export type StickinessMethod = (typeof STICKINESS_METHODS)[number];

interface ParamRule {
  /** What a valid value looks like, said after "must be". */
  readonly expected: string;
  readonly test: (value: string) => boolean;
}

/** A flag is on by being given; CloudStack takes any value with it. */
const flag: ParamRule = { expected: "any value (a flag)", test: () => true };
const text: ParamRule = { expected: "a non-empty text", test: (v) => v.trim() !== "" };
const oneOf = (...values: string[]): ParamRule => ({
  expected: `one of ${values.map((v) => `"${v}"`).join(", ")}`,
  test: (v) => values.includes(v.toLowerCase()),
});
/** HAProxy durations such as 30m (s, m, h or d; no combinations); NetScaler takes minutes. */
const duration: ParamRule = {
  expected: "a duration like 20s, 30m, 4h or 5d (one unit), or a number of minutes",
  test: (v) => /^\d+[smhd]?$/.test(v),
};
const size: ParamRule = { expected: "a size like 200k, 300m or 400g", test: (v) => /^\d+[kmg]$/.test(v) };
const count: ParamRule = { expected: "a whole number above 0", test: (v) => /^[1-9]\d*$/.test(v) };

/** Parameters by method, with their value rules. */
export const STICKINESS_PARAMS: Readonly<Record<StickinessMethod, Readonly<Record<string, ParamRule>>>> = {
  LbCookie: {
    "cookie-name": text,
    mode: oneOf("insert", "rewrite", "prefix"),
    nocache: flag,
    indirect: flag,
    postonly: flag,
    domain: text,
    holdtime: duration,
  },
  AppCookie: {
    "cookie-name": text,
    name: text,
    length: count,
    holdtime: duration,
    "request-learn": flag,
    prefix: flag,
    mode: oneOf("path-parameters", "query-string"),
  },
  SourceBased: {
    tablesize: size,
    expire: duration,
    holdtime: duration,
  },
};

export function methodNamed(value: unknown): StickinessMethod | undefined {
  return typeof value === "string" ? STICKINESS_METHODS.find((m) => m.toLowerCase() === value.toLowerCase()) : undefined;
}

/** Each parameter known for the method and its value well formed. */
export function stickinessParamFailures(inputs: PropertyMap, known: (key: string) => boolean): CheckFailure[] {
  const method = methodNamed(inputs.method);
  if (!method || !known("method") || !known("params")) return [];
  const params = inputs.params;
  if (params === undefined || params === null || typeof params !== "object") return [];
  const rules = STICKINESS_PARAMS[method];
  const failures: CheckFailure[] = [];
  for (const [name, value] of Object.entries(params as Record<string, unknown>)) {
    const rule = rules[name.toLowerCase()];
    if (!rule) {
      failures.push(failure(`params.${name}`, value, `is not a parameter of method ${method}; its parameters are: ${Object.keys(rules).join(", ")}`));
    } else if (typeof value !== "string" || !rule.test(value)) {
      failures.push(failure(`params.${name}`, value, `must be ${rule.expected}`));
    }
  }
  return failures;
}

/** The parameters as CloudStack reports them: a map, or a list of {name, value}. */
export function paramsOf(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (Array.isArray(value)) {
    for (const item of value) {
      if (item && typeof item === "object" && typeof (item as { name?: unknown }).name === "string") {
        out[(item as { name: string }).name] = String((item as { value?: unknown }).value ?? "");
      }
    }
  } else if (value && typeof value === "object") {
    for (const [name, v] of Object.entries(value as Record<string, unknown>)) out[name] = String(v ?? "");
  }
  return out;
}

/** Parameter maps equal with names in any case; absent is none. */
export function sameParams(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) =>
    Object.entries(paramsOf(v))
      .map(([k, val]) => `${k.toLowerCase()}=${val}`)
      .sort()
      .join("\n");
  return norm(a) === norm(b);
}
