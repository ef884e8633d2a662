// Dynamic-provider hosts kept running between the operations of stacks that opt in
// (LocalStackOptions.reuseProviderHost), so that a test file's many previews and ups do not each
// pay a host's start-up (a second or more of CPU: the SDK's modules and the provider's).
//
// The engine itself starts a fresh host for every operation; a reused host differs only in what
// the provider remembers in its process between operations (lookups, job watchers), so the tests
// of that (kill points, faults, process state) and `make demo` keep a host per operation. Each
// operation still configures the host as the engine does, and a host serves one operation at a time.
import { ProviderHost, startProviderHost } from "./provider-host";

export interface HostOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  project?: string;
  /**
   * The `cloudstack:` settings the operation configures the host with. The SDK's host hands its
   * config to a dynamic provider only the first time it loads it (cmd/dynamic-provider
   * getProvider), so a host is lent again only for the same settings: another endpoint or keys
   * (another simulator, a test changing credentials) get a host of their own.
   */
  providerConfig: Record<string, string>;
}

/** How long an unused host stays up: the gap between two tests of a file is far shorter. */
const idleCloseMs = 5000;

interface IdleHost {
  host: ProviderHost;
  timer: NodeJS.Timeout;
}

const idle = new Map<string, IdleHost[]>();
const running = new Set<ProviderHost>();

function keyOf(options: HostOptions): string {
  const settings = Object.entries(options.providerConfig).filter(([key]) => key.startsWith("cloudstack:"));
  return JSON.stringify([options.cwd, options.project ?? "", Object.entries(options.env ?? {}).sort(), settings.sort()]);
}

function stop(host: ProviderHost): Promise<void> {
  running.delete(host);
  return host.close();
}

/** An idle host started with the same options, or a new one. One that exited is never lent again. */
export async function borrowProviderHost(options: HostOptions): Promise<ProviderHost> {
  const key = keyOf(options);
  const waiting = idle.get(key) ?? [];
  for (let next = waiting.pop(); next; next = waiting.pop()) {
    clearTimeout(next.timer);
    if (next.host.alive()) return next.host;
    await stop(next.host);
  }
  const host = await startProviderHost({ cwd: options.cwd, env: options.env, project: options.project });
  running.add(host);
  return host;
}

/** Takes back a host after its operation; it closes if nobody borrows it for a while. */
export function returnProviderHost(options: HostOptions, host: ProviderHost): void {
  if (!host.alive()) {
    void stop(host);
    return;
  }
  const key = keyOf(options);
  const waiting = idle.get(key) ?? [];
  idle.set(key, waiting);
  const entry: IdleHost = {
    host,
    timer: setTimeout(() => {
      waiting.splice(waiting.indexOf(entry), 1);
      void stop(host);
    }, idleCloseMs),
  };
  entry.timer.unref();
  waiting.push(entry);
}

// No host outlives the test process that started it.
process.once("exit", () => {
  for (const host of running) if (host.alive()) void host.close();
});
