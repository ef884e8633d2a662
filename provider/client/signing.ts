// Request signing as ApiServer.verifyRequest checks it (PROTOCOL.md §1a).
import { createHmac } from "node:crypto";

// Bytes java.net.URLEncoder leaves as they are: letters, digits and . - * _
function isJavaUnreserved(byte: number): boolean {
  return (
    (byte >= 0x30 && byte <= 0x39) ||
    (byte >= 0x41 && byte <= 0x5a) ||
    (byte >= 0x61 && byte <= 0x7a) ||
    byte === 0x2e ||
    byte === 0x2d ||
    byte === 0x2a ||
    byte === 0x5f
  );
}

/**
 * URLEncoder.encode(value, "UTF-8") followed by replacing "+" with "%20", which is how the
 * server re-encodes each value before comparing signatures: space becomes %20, a literal "+"
 * becomes %2B, "*" stays, "~" becomes %7E, every other byte %XX in uppercase hex.
 */
export function javaUrlEncode(value: string): string {
  let out = "";
  for (const byte of Buffer.from(value, "utf8")) {
    if (isJavaUnreserved(byte)) out += String.fromCharCode(byte);
    else out += "%" + byte.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

/** Java's String.compareTo order (UTF-16 code units), which Collections.sort uses. */
function compareJavaStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The lowercased string the HMAC is computed over; `signature` itself is left out. */
export function canonicalString(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((name) => name !== "signature")
    .sort(compareJavaStrings)
    .map((name) => `${name}=${javaUrlEncode(params[name] ?? "")}`)
    .join("&")
    .toLowerCase();
}

/** HMAC-SHA1 of the canonical string keyed with the secret key, standard Base64 with padding. */
export function signRequest(params: Record<string, string>, secretKey: string): string {
  return createHmac("sha1", Buffer.from(secretKey, "utf8")).update(canonicalString(params), "utf8").digest("base64");
}

/** `expires` for signatureVersion=3: yyyy-MM-dd'T'HH:mm:ss+0000 in UTC. */
export function formatExpires(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, "+0000");
}
