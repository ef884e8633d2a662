// CloudStack's API-key signature (ApiServer.verifyRequest): every parameter except `signature`,
// names sorted case-sensitively, values encoded like Java's URLEncoder with "+" turned into
// "%20", the whole string lowercased, HMAC-SHA1 with the secret key, standard Base64.
import { createHmac, timingSafeEqual } from "crypto";

/** URLEncoder.encode(value, "UTF-8") followed by replacing every "+" with "%20". */
export function javaUrlEncode(value: string): string {
  // Java encodes an unpaired surrogate as "?"; encodeURIComponent would throw on it.
  const wellFormed = value.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "?");
  // encodeURIComponent escapes everything URLEncoder escapes except these five characters.
  return encodeURIComponent(wellFormed).replace(
    /[!'()~]/g,
    (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase(),
  );
}

/** The lowercased string CloudStack signs, built from the parameters as received. */
export function signedString(params: Readonly<Record<string, string>>): string {
  const names = Object.keys(params).filter((n) => n.toLowerCase() !== "signature");
  // Java's Collections.sort on Strings compares UTF-16 code units, as Array.prototype.sort does.
  names.sort();
  return names.map((n) => `${n}=${javaUrlEncode(params[n] ?? "")}`).join("&").toLowerCase();
}

export function computeSignature(params: Readonly<Record<string, string>>, secretKey: string): string {
  return createHmac("sha1", Buffer.from(secretKey, "utf8")).update(signedString(params), "utf8").digest("base64");
}

/** Constant-time comparison of the received signature with the expected one. */
export function signatureMatches(received: string, expected: string): boolean {
  const a = Buffer.from(received, "utf8");
  const b = Buffer.from(expected, "utf8");
  if (a.length !== b.length) {
    // Compare anyway so a length mismatch costs the same as a content mismatch.
    timingSafeEqual(b, b);
    return false;
  }
  return timingSafeEqual(a, b);
}
