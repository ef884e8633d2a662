// A deliberately small CloudStack client for simulator tests, written apart from the project's
// provider/client: its own signing (signatureVersion 3 + expires) and its own transport, so the
// simulator is checked by more than one implementation of the protocol.
import * as crypto from "crypto";
import { fetch } from "undici";

export interface RawCredentials {
  apiKey: string;
  secretKey: string;
}

export interface RawResult {
  status: number;
  body: Record<string, unknown>;
}

export interface RawCallOptions {
  method?: "GET" | "POST";
  /** Overrides the expiry (default: ten minutes from now). */
  expires?: string;
  /** Sent instead of the computed signature. */
  signature?: string;
  /** Sign without signatureVersion/expires (CloudStack's original scheme). */
  legacySignature?: boolean;
}

/** Byte-wise form of java.net.URLEncoder over UTF-8, with "+" written as "%20". */
function encodeLikeJava(value: string): string {
  let out = "";
  for (const byte of Buffer.from(value, "utf8")) {
    const ch = String.fromCharCode(byte);
    const keep =
      (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || ".-*_".includes(ch);
    out += keep ? ch : "%" + byte.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

export function rawSign(params: Record<string, string>, secretKey: string): string {
  const pairs = Object.entries(params)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => k + "=" + encodeLikeJava(v));
  const mac = crypto.createHmac("sha1", secretKey);
  mac.update(pairs.join("&").toLowerCase());
  return mac.digest("base64");
}

/** yyyy-MM-ddTHH:mm:ss+0000, the form CloudStack's DateUtil parses. */
export function rawExpires(msFromNow: number): string {
  return new Date(Date.now() + msFromNow).toISOString().replace(/\.\d{3}Z$/, "+0000");
}

export async function rawCall(
  endpoint: string,
  creds: RawCredentials,
  command: string,
  params: Record<string, string> = {},
  options: RawCallOptions = {},
): Promise<RawResult> {
  const all: Record<string, string> = { ...params, command, response: "json", apiKey: creds.apiKey };
  if (!options.legacySignature) {
    all.signatureVersion = "3";
    all.expires = options.expires ?? rawExpires(10 * 60_000);
  }
  all.signature = options.signature ?? rawSign(all, creds.secretKey);
  const form = new URLSearchParams(all).toString();
  const method = options.method ?? "GET";
  const response =
    method === "GET"
      ? await fetch(`${endpoint}?${form}`)
      : await fetch(endpoint, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded" },
          body: form,
        });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`${command}: HTTP ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${command}: HTTP ${response.status} with a JSON body that is not an object`);
  }
  return { status: response.status, body: parsed as Record<string, unknown> };
}

/** Calls an async command and polls queryAsyncJobResult until done; returns the final job body. */
export async function rawCallAndWait(
  endpoint: string,
  creds: RawCredentials,
  command: string,
  params: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<RawResult> {
  const first = await rawCall(endpoint, creds, command, params);
  if (first.status !== 200) return first;
  const envelope = first.body[`${command.toLowerCase()}response`];
  const jobid =
    typeof envelope === "object" && envelope !== null ? (envelope as Record<string, unknown>).jobid : undefined;
  if (typeof jobid !== "string") throw new Error(`${command}: no jobid in ${JSON.stringify(first.body)}`);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const polled = await rawCall(endpoint, creds, "queryAsyncJobResult", { jobid });
    const job = polled.body.queryasyncjobresultresponse as Record<string, unknown> | undefined;
    if (polled.status !== 200 || !job || job.jobstatus !== 0) return polled;
    if (Date.now() > deadline) throw new Error(`${command}: job ${jobid} still pending after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
