// A local HTTP server for client tests: answers each request from a script and records what came in.
import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedRequest {
  method: string;
  contentType: string | undefined;
  /** Fields from the query string and the form body, decoded as a servlet decodes them. */
  params: Record<string, string>;
  rawQuery: string;
  rawBody: string;
}

export interface Reply {
  status?: number;
  /** An object is sent as JSON; a string is sent as it is. */
  body?: unknown;
  contentType?: string;
  /** Extra response headers, e.g. Retry-After. */
  headers?: Record<string, string>;
  delayMs?: number;
  /** Drop the connection without answering. */
  destroy?: boolean;
}

export type Script = (request: ReceivedRequest, index: number) => Reply | Promise<Reply>;

export const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The signature as the server would check it, written independently of the client's code:
 * encodeURIComponent, then the characters it leaves alone but URLEncoder encodes.
 */
export function expectedSignature(params: Record<string, string>, secretKey: string): string {
  const encode = (value: string) =>
    encodeURIComponent(value).replace(/[!'()~]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
  const canonical = Object.keys(params)
    .filter((name) => name !== "signature")
    .sort()
    .map((name) => `${name}=${encode(params[name]!)}`)
    .join("&")
    .toLowerCase();
  return createHmac("sha1", secretKey).update(canonical).digest("base64");
}

export class ScriptedServer {
  readonly requests: ReceivedRequest[] = [];
  maxConcurrent = 0;
  private current = 0;
  private readonly server: Server;
  private port = 0;

  private constructor(private readonly script: Script) {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  static async start(script: Script): Promise<ScriptedServer> {
    const scripted = new ScriptedServer(script);
    await new Promise<void>((resolve) => scripted.server.listen(0, "127.0.0.1", resolve));
    scripted.port = (scripted.server.address() as AddressInfo).port;
    return scripted;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/client/api`;
  }

  /** Resolves once no handler is still running (a reply delayed past a client's timeout, say). */
  async idle(): Promise<void> {
    while (this.current > 0) await wait(10);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.current++;
    this.maxConcurrent = Math.max(this.maxConcurrent, this.current);
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const rawBody = Buffer.concat(chunks).toString("utf8");
      const rawQuery = (req.url ?? "").split("?")[1] ?? "";
      const params: Record<string, string> = {};
      for (const source of [rawQuery, rawBody]) {
        for (const [name, value] of new URLSearchParams(source)) if (!(name in params)) params[name] = value;
      }
      const received: ReceivedRequest = {
        method: req.method ?? "",
        contentType: req.headers["content-type"],
        params,
        rawQuery,
        rawBody,
      };
      const index = this.requests.length;
      this.requests.push(received);
      const reply = await this.script(received, index);
      if (reply.delayMs) await wait(reply.delayMs);
      if (reply.destroy) {
        req.socket.destroy();
        return;
      }
      const text = typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body ?? {});
      res.writeHead(reply.status ?? 200, { "content-type": reply.contentType ?? "application/json; charset=UTF-8", ...reply.headers });
      res.end(text);
    } finally {
      this.current--;
    }
  }
}

/** {"<command>response": inner} */
export function envelope(command: string, inner: Record<string, unknown>): Record<string, unknown> {
  return { [`${command.toLowerCase()}response`]: inner };
}
