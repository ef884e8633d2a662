// The provider's configuration: the inputs of a `cloudstack.Provider` (or of the default provider,
// from the stack's `cloudstack:*` config), checked by CheckConfig and applied by Configure.
import type * as provproto from "@pulumi/pulumi/proto/provider_pb";
import type { CredentialSource } from "../client";
import { failure, secretFailure } from "../adapter/check/failures";
import { isUnknown } from "../adapter/check/unknown";
import type { CheckFailure, PropertyMap } from "../adapter/types";
import { fromStruct } from "./values";

export const CONFIG_KEYS = ["apiUrl", "apiKey", "secretKey", "insecure", "maxInFlight", "maxRequestsPerSecond"] as const;
export type ConfigKey = (typeof CONFIG_KEYS)[number];

/** Keys the engine itself adds to a provider's inputs. */
const ENGINE_KEYS = new Set(["version", "pluginDownloadURL"]);

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : JSON.stringify(value);
}

/**
 * The configuration a Configure request carries. `args` holds the provider's inputs as property
 * values; `variables` the same as strings, keyed "cloudstack:<key>" (or the older
 * "cloudstack:config:<key>"). An input the engine leaves out (unset) falls back to the
 * environment when the client is built.
 */
export function configurationOf(req: provproto.ConfigureRequest): CredentialSource {
  const args = req.hasArgs() ? fromStruct(req.getArgs()) : {};
  const variables = req.getVariablesMap();
  const pick = (key: ConfigKey): string | undefined =>
    text(args[key]) ?? variables.get(`cloudstack:${key}`) ?? variables.get(`cloudstack:config:${key}`) ?? undefined;
  return {
    apiUrl: pick("apiUrl"),
    apiKey: pick("apiKey"),
    secretKey: pick("secretKey"),
    insecure: pick("insecure"),
    maxInFlight: pick("maxInFlight"),
    maxRequestsPerSecond: pick("maxRequestsPerSecond"),
  };
}

/** Each given setting against its rule; unknown values (preview) are left to Configure. */
export function configFailures(inputs: PropertyMap): CheckFailure[] {
  const failures: CheckFailure[] = [];
  for (const [key, raw] of Object.entries(inputs)) {
    if (raw === undefined || raw === null || isUnknown(raw) || ENGINE_KEYS.has(key) || key.startsWith("__")) continue;
    switch (key) {
      case "apiUrl": {
        let url: URL | undefined;
        try {
          url = typeof raw === "string" ? new URL(raw) : undefined;
        } catch {
          url = undefined;
        }
        if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
          failures.push(failure(key, raw, "is not an http or https URL (e.g. https://cloud.example.com/client/api)"));
        }
        break;
      }
      case "apiKey":
        if (typeof raw !== "string" || raw.trim() === "") failures.push(failure(key, raw, "must be a non-empty string"));
        break;
      case "secretKey":
        if (typeof raw !== "string" || raw.trim() === "") failures.push(secretFailure(key, "must be a non-empty string"));
        break;
      case "insecure":
        if (typeof raw !== "boolean" && !(typeof raw === "string" && /^(true|false)$/i.test(raw.trim()))) {
          failures.push(failure(key, raw, "must be true or false"));
        }
        break;
      case "maxInFlight": {
        const n = typeof raw === "number" ? raw : typeof raw === "string" && /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
        if (!Number.isInteger(n) || n < 1) failures.push(failure(key, raw, "is not a whole number of requests of at least 1"));
        break;
      }
      case "maxRequestsPerSecond": {
        const n = typeof raw === "number" ? raw : typeof raw === "string" && /^\s*\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : NaN;
        if (!Number.isFinite(n) || n <= 0) failures.push(failure(key, raw, "is not a number of requests per second above 0 (e.g. 20, or 0.5 for one every 2 s)"));
        break;
      }
      default:
        failures.push(failure(key, raw, `is not a setting of the cloudstack provider (${CONFIG_KEYS.join(", ")})`));
    }
  }
  return failures;
}
