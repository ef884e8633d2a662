// ApiServer.verifyRequest for API-key requests: resolves the caller, or undefined for any failure
// (the wire answers every failure with the same 401, as CloudStack does).
import type { Caller } from "../caller";
import { Backend, RawParams } from "./types";
import { computeSignature, signatureMatches } from "./signature";
import { parseZonedDate } from "./cloudstack-date";

/** CloudStack matches these names case-insensitively. */
function findIgnoringCase(params: RawParams, lowerName: string): string | undefined {
  const exact = params[lowerName];
  if (exact !== undefined) return exact;
  for (const name of Object.keys(params)) {
    if (name.toLowerCase() === lowerName) return params[name];
  }
  return undefined;
}

export function authenticate(params: RawParams, backend: Backend, now: number = Date.now()): Caller | undefined {
  const signature = findIgnoringCase(params, "signature");
  const apiKey = params.apiKey ?? findIgnoringCase(params, "apikey");
  if (signature === undefined || apiKey === undefined) return undefined;
  const signatureVersion = params.signatureVersion ?? findIgnoringCase(params, "signatureversion");
  if (signatureVersion === "3") {
    const expires = findIgnoringCase(params, "expires");
    if (expires === undefined) return undefined;
    const expiresAt = parseZonedDate(expires);
    if (expiresAt === undefined || expiresAt < now) return undefined;
  }
  const owner = backend.findApiKey(apiKey);
  if (!owner) return undefined;
  return signatureMatches(signature, computeSignature(params, owner.secretKey)) ? owner.caller : undefined;
}
