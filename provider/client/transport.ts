// One HTTP exchange with the management server over a keep-alive undici Pool.
import { Pool } from "undici";

export interface TransportOptions {
  apiUrl: string;
  insecure: boolean;
  requestTimeoutMs: number;
  maxConnections: number;
}

export interface HttpAnswer {
  status: number;
  body: string;
  /** A Retry-After header (429, 503), in ms. */
  retryAfterMs?: number;
}

/** Retry-After as seconds or an HTTP date, in ms from now. */
export function retryAfterMs(header: string | string[] | undefined, now: number = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === "") return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The Pool options for an endpoint: TLS verification stays on unless insecure is exactly true. */
export function poolOptions(options: TransportOptions): Pool.Options {
  return {
    connections: options.maxConnections,
    keepAliveTimeout: 30_000,
    headersTimeout: options.requestTimeoutMs,
    bodyTimeout: options.requestTimeoutMs,
    connect: {
      rejectUnauthorized: options.insecure !== true,
      timeout: Math.min(options.requestTimeoutMs, 30_000),
    },
  };
}

/** No complete answer within requestTimeoutMs. */
export class RequestTimeoutError extends Error {
  readonly code = "ETIMEDOUT";
  constructor(timeoutMs: number) {
    super(`no complete answer within ${timeoutMs} ms`);
    this.name = "RequestTimeoutError";
  }
}

/**
 * The URL text as it may be shown: a password in its userinfo (scheme://user:password@host, the
 * userinfo running to the authority's last "@") and the values of its query (where keys and
 * signatures would be) become "***". Works on text that does not parse as a URL, which is when
 * it is shown.
 */
export function withoutSecrets(text: string): string {
  const schemeEnd = text.indexOf("//");
  const authorityStart = schemeEnd >= 0 && !/[/?#]/.test(text.slice(0, schemeEnd)) ? schemeEnd + 2 : 0;
  const rest = text.slice(authorityStart);
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd < 0 ? rest : rest.slice(0, authorityEnd);
  const at = authority.lastIndexOf("@");
  let shown = text;
  if (at >= 0) {
    const userinfo = authority.slice(0, at);
    const colon = userinfo.indexOf(":");
    const user = colon < 0 ? userinfo : `${userinfo.slice(0, colon)}:***`;
    shown = `${text.slice(0, authorityStart)}${user}${authority.slice(at)}${rest.slice(authority.length)}`;
  }
  return shown.replace(/([?&][^=&#]*=)[^&#]*/g, "$1***");
}

export class Transport {
  private readonly pool: Pool;
  private readonly requestTimeoutMs: number;
  private readonly path: string;
  /** The endpoint without query or credentials, safe to show in messages. */
  readonly endpoint: string;

  constructor(options: TransportOptions) {
    let url: URL;
    try {
      url = new URL(options.apiUrl);
    } catch {
      throw new Error(`CloudStack apiUrl is not a valid URL: "${withoutSecrets(options.apiUrl)}" (expected e.g. https://cloudstack.example.com/client/api)`);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new Error(`CloudStack apiUrl must be an http:// or https:// URL, got ${url.protocol}`);
    }
    this.path = url.pathname === "" ? "/" : url.pathname;
    this.endpoint = `${url.origin}${this.path}`;
    this.requestTimeoutMs = options.requestTimeoutMs;
    this.pool = new Pool(url.origin, poolOptions(options));
  }

  /** GET with the fields in the query string. */
  get(encodedFields: string): Promise<HttpAnswer> {
    return this.send("GET", `${this.path}?${encodedFields}`, undefined);
  }

  /** POST with the fields as an application/x-www-form-urlencoded body. */
  post(encodedFields: string): Promise<HttpAnswer> {
    return this.send("POST", this.path, encodedFields);
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  private async send(method: "GET" | "POST", path: string, body: string | undefined): Promise<HttpAnswer> {
    const headers: Record<string, string> = { accept: "application/json" };
    if (body !== undefined) headers["content-type"] = "application/x-www-form-urlencoded; charset=UTF-8";
    // headersTimeout/bodyTimeout run on undici's coarse timers (about 1 s resolution) and
    // bound gaps only; this signal bounds the whole exchange precisely.
    const signal = AbortSignal.timeout(this.requestTimeoutMs);
    try {
      const response = await this.pool.request({ method, path, headers, body: body ?? null, signal });
      const wait = retryAfterMs(response.headers["retry-after"]);
      const text = await response.body.text();
      return wait === undefined ? { status: response.statusCode, body: text } : { status: response.statusCode, body: text, retryAfterMs: wait };
    } catch (error) {
      if (signal.aborted) throw new RequestTimeoutError(this.requestTimeoutMs);
      throw error;
    }
  }
}
