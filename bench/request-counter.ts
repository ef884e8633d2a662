// A pass-through HTTP proxy in front of the simulator that notes each API request's command,
// status and time, so a bench can count requests per second as the server saw them.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { request } from "undici";

export interface Seen {
  /** When the answer went back. */
  at: number;
  /** When the request arrived. */
  arrivedAt: number;
  command: string;
  status: number;
}

export interface RequestCounter {
  endpoint: string;
  seen: Seen[];
  close(): Promise<void>;
}

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startRequestCounter(target: string): Promise<RequestCounter> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const arrivedAt = performance.now();
      const body = await bodyOf(req);
      const query = (req.url ?? "").split("?")[1] ?? "";
      const command = new URLSearchParams(`${query}&${body}`).get("command") ?? "";
      const answer = await request(`${target}${query ? `?${query}` : ""}`, {
        method: req.method === "POST" ? "POST" : "GET",
        headers: req.headers["content-type"] ? { "content-type": req.headers["content-type"] } : {},
        body: req.method === "POST" ? body : null,
      });
      const text = await answer.body.text();
      seen.push({ at: performance.now(), arrivedAt, command, status: answer.statusCode });
      res.writeHead(answer.statusCode, { "content-type": "application/json; charset=UTF-8" });
      res.end(text);
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}/client/api`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
