// Killing the engine stand-in mid-apply, as a machine or a CI runner dies: the stand-in runs in a
// child process (engine-standin/cli.js) in a process group of its own, with its program and its
// provider host, and the whole group gets SIGKILL. A proxy in front of the simulator counts the
// mutating API requests and kills the group the moment the Nth one has been passed on, so
// CloudStack runs it and nobody hears the answer.
import { spawn } from "child_process";
import * as http from "http";
import * as path from "path";
import { LocalStack } from "../../engine-standin";
import type { StackState } from "../../engine-standin";
import { findRepoRoot } from "../../engine-standin";

const cliScript = path.join(findRepoRoot(), "dist", "engine-standin", "cli.js");

/** CloudStack reads are list*, query* (queryAsyncJobResult) and get*; every other command changes something. */
export function isMutatingCommand(command: string): boolean {
  return !/^(list|query|get)/i.test(command);
}

export interface CountingProxy {
  /** The API URL to configure instead of the simulator's. */
  endpoint: string;
  /** Mutating commands passed on so far, in order. */
  readonly mutations: string[];
  /** Called with each mutating command once it has been passed on, and its 1-based number. */
  onMutation?: (command: string, count: number) => void;
  close(): Promise<void>;
}

/** A loopback HTTP proxy to `target` (a simulator endpoint) that counts mutating commands. */
export async function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const sockets = new Set<import("net").Socket>();
  const proxy: CountingProxy = { endpoint: "", mutations: [], close: async () => undefined };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const query = new URL(req.url ?? "/", "http://proxy").searchParams;
      const form = new URLSearchParams(body.toString("utf8"));
      const command = query.get("command") ?? form.get("command") ?? "";
      const forward = http.request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      // The client may be gone (killed) by the time the answer comes: nothing to tell it.
      forward.on("error", () => res.destroy());
      res.on("error", () => undefined);
      forward.end(body);
      if (command && isMutatingCommand(command)) {
        proxy.mutations.push(command);
        proxy.onMutation?.(command, proxy.mutations.length);
      }
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as import("net").AddressInfo;
  proxy.endpoint = `http://127.0.0.1:${port}${upstream.pathname}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return proxy;
}

export interface StandInExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface StandInChild {
  pid: number;
  exit: Promise<StandInExit>;
  /** SIGKILL to the stand-in, its program and its provider host at once (the process group). */
  killGroup(): void;
}

export interface StandInRunOptions {
  programDir: string;
  stateDir: string;
  stack: string;
  env?: NodeJS.ProcessEnv;
  /** More CLI options, e.g. ["--parallel", "4"]. */
  args?: string[];
}

/** Runs `node dist/engine-standin/cli.js <command>` in a process group of its own. */
export function spawnStandIn(command: "preview" | "up" | "refresh" | "destroy", options: StandInRunOptions): StandInChild {
  const child = spawn(
    process.execPath,
    [cliScript, command, "--program", options.programDir, "--state-dir", options.stateDir, "--stack", options.stack, ...(options.args ?? [])],
    { env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"], detached: true },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  const exit = new Promise<StandInExit>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error("the stand-in did not start");
  return {
    pid,
    exit,
    killGroup: () => {
      try {
        process.kill(-pid, "SIGKILL");
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "ESRCH") throw err;
      }
    },
  };
}

export interface KilledApply {
  /** False when the apply finished before making that many mutating requests. */
  killed: boolean;
  /** The mutating commands the apply sent, the last one being the one it died on. */
  mutations: string[];
  exit: StandInExit;
  /** The stack's state file as the killed run left it. */
  state: StackState;
}

/**
 * Runs `up` of `stack` in a child stand-in whose API calls go through a counting proxy to
 * `simulatorEndpoint`, and kills it (the whole process group) as soon as its `afterMutations`-th
 * mutating request has been passed on. The stack's apiUrl is pointed at the proxy for that run
 * only and set back to `simulatorEndpoint` afterwards.
 */
export async function killUpAfterMutations(
  stack: LocalStack,
  simulatorEndpoint: string,
  afterMutations: number,
  env?: NodeJS.ProcessEnv,
): Promise<KilledApply> {
  const proxy = await startCountingProxy(simulatorEndpoint);
  stack.setConfig("cloudstack:apiUrl", proxy.endpoint);
  try {
    const child = spawnStandIn("up", {
      programDir: stack.options.programDir,
      stateDir: stack.options.stateDir,
      stack: stack.options.stack,
      // The stack's own environment (e.g. transpile-only), as its in-process runs have it.
      env: { ...stack.options.env, ...env },
    });
    let killed = false;
    proxy.onMutation = (_command, count) => {
      if (count === afterMutations && !killed) {
        killed = true;
        child.killGroup();
      }
    };
    const exit = await child.exit;
    return { killed, mutations: [...proxy.mutations], exit, state: stack.state() };
  } finally {
    stack.setConfig("cloudstack:apiUrl", simulatorEndpoint);
    await proxy.close();
  }
}
