// Keeps the secret key and request signatures out of every message and log line.
import { javaUrlEncode } from "./signing";

const REDACTED = "[redacted]";

function variants(value: string): string[] {
  // Short values would blank out ordinary words; real secrets and signatures are long.
  if (value.length < 6) return [];
  return [...new Set([value, encodeURIComponent(value), javaUrlEncode(value)])];
}

/** Removes the client's secret key, and any per-request signature given, from text (raw or URL-encoded). */
export class Redactor {
  private readonly secrets: ReadonlyArray<string>;

  constructor(secrets: ReadonlyArray<string>) {
    this.secrets = secrets.flatMap(variants);
  }

  apply(text: string, extra: ReadonlyArray<string> = []): string {
    let out = text;
    for (const secret of [...this.secrets, ...extra.flatMap(variants)]) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    return out;
  }
}
