// Where the provider finds its endpoint and keys: stack config first, then the environment.
import { MissingCredentialsError } from "./errors";
import type { ClientOptions } from "./options";

export interface CredentialSource {
  apiUrl?: string;
  apiKey?: string;
  secretKey?: string;
  insecure?: boolean | string;
  /** How many requests one provider process keeps in flight at most. */
  maxInFlight?: number | string;
  /** How many requests one provider process sends per second at most. */
  maxRequestsPerSecond?: number | string;
}

const present = (value: string | undefined): value is string => value !== undefined && value.trim() !== "";

/** A positive whole number from config or the environment; anything else is an error naming it. */
function parseLimit(name: string, value: number | string | undefined): number | undefined {
  if (value === undefined || (typeof value === "string" && !present(value))) return undefined;
  const n = typeof value === "number" ? value : Number(value.trim());
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`${name}: ${JSON.stringify(value)} is not a whole number of requests of at least 1`);
  }
  return n;
}

/** A positive number of requests per second (fractions allowed: 0.5 is one every 2 s). */
function parseRate(name: string, value: number | string | undefined): number | undefined {
  if (value === undefined || (typeof value === "string" && !present(value))) return undefined;
  const n = typeof value === "number" ? value : /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value.trim()) : NaN;
  if (!Number.isFinite(n) || n <= 0) {
    throw new RangeError(`${name}: ${JSON.stringify(value)} is not a number of requests per second above 0 (e.g. 20, or 0.5 for one every 2 s)`);
  }
  return n;
}

function parseFlag(value: boolean | string | undefined): boolean | undefined {
  if (typeof value === "boolean") return value;
  if (!present(value)) return undefined;
  return value.trim().toLowerCase() === "true";
}

/**
 * Resolves apiUrl, apiKey and secretKey from stack config values, falling back to
 * CLOUDSTACK_API_URL, CLOUDSTACK_API_KEY and CLOUDSTACK_SECRET_KEY. TLS verification is skipped
 * only when config says insecure=true or, without a config value, CLOUDSTACK_INSECURE=true.
 * cloudstack:maxInFlight (or CLOUDSTACK_MAX_IN_FLIGHT) bounds the requests in flight, and
 * cloudstack:maxRequestsPerSecond (or CLOUDSTACK_MAX_REQUESTS_PER_SECOND) the requests sent per second.
 */
export function resolveCredentials(config: CredentialSource, env: NodeJS.ProcessEnv = process.env): ClientOptions {
  const apiUrl = present(config.apiUrl) ? config.apiUrl.trim() : env.CLOUDSTACK_API_URL?.trim();
  const apiKey = present(config.apiKey) ? config.apiKey.trim() : env.CLOUDSTACK_API_KEY?.trim();
  const secretKey = present(config.secretKey) ? config.secretKey.trim() : env.CLOUDSTACK_SECRET_KEY?.trim();

  const missing = [
    present(apiUrl) ? undefined : "apiUrl (CLOUDSTACK_API_URL)",
    present(apiKey) ? undefined : "apiKey (CLOUDSTACK_API_KEY)",
    present(secretKey) ? undefined : "secretKey (CLOUDSTACK_SECRET_KEY)",
  ].filter(present);
  if (!present(apiUrl) || !present(apiKey) || !present(secretKey)) {
    throw new MissingCredentialsError(
      `CloudStack credentials are missing: ${missing.join(", ")}. Set them in the stack config:\n` +
        `  pulumi config set cloudstack:apiUrl https://cloudstack.example.com/client/api\n` +
        `  pulumi config set cloudstack:apiKey <api key>\n` +
        `  pulumi config set cloudstack:secretKey <secret key> --secret\n` +
        `or in the environment variables CLOUDSTACK_API_URL, CLOUDSTACK_API_KEY and CLOUDSTACK_SECRET_KEY ` +
        `(and CLOUDSTACK_INSECURE=true to skip TLS verification).`,
    );
  }
  const insecure = parseFlag(config.insecure) ?? parseFlag(env.CLOUDSTACK_INSECURE) ?? false;
  const maxInFlight =
    parseLimit("cloudstack:maxInFlight", config.maxInFlight) ?? parseLimit("CLOUDSTACK_MAX_IN_FLIGHT", env.CLOUDSTACK_MAX_IN_FLIGHT);
  const maxRequestsPerSecond =
    parseRate("cloudstack:maxRequestsPerSecond", config.maxRequestsPerSecond) ??
    parseRate("CLOUDSTACK_MAX_REQUESTS_PER_SECOND", env.CLOUDSTACK_MAX_REQUESTS_PER_SECOND);
  return {
    apiUrl,
    apiKey,
    secretKey,
    insecure,
    ...(maxInFlight !== undefined ? { maxInFlight } : {}),
    ...(maxRequestsPerSecond !== undefined ? { maxRequestsPerSecond } : {}),
  };
}
