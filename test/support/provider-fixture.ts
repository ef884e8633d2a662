// A running simulator and callers wired to it over real HTTP: for each account a client runtime
// and the providers of the kinds, each made once, as the provider suites use them.
import { RunningSimulator } from "../../simulator";
import { ClientRuntime, makeProvider, specs } from "../../provider";
import type { DynamicProvider, ResourceKind } from "../../provider";
import type { CloudStackClient } from "../../provider/client";

export interface Caller {
  runtime: ClientRuntime;
  client: CloudStackClient;
  provider(kind: ResourceKind): DynamicProvider;
}

/** Wraps a kind's provider as the registry does (for example the VPC tier checks on Network). */
export type ProviderWrap = (kind: ResourceKind, made: DynamicProvider, runtime: ClientRuntime) => DynamicProvider;

export interface ProviderFixture {
  sim: RunningSimulator;
  admin: Caller;
  /** A caller for the normal user account (closed with the fixture). */
  user(): Promise<Caller>;
  /** Closes every caller's runtime, then the simulator. */
  close(): Promise<void>;
}

/** A client runtime for `sim` with the keys of `who` (`secretKey` overrides the secret). */
export function runtimeFor(sim: RunningSimulator, who: "admin" | "user" = "admin", secretKey = sim[who].secretKey): ClientRuntime {
  const runtime = new ClientRuntime();
  runtime.configure({ apiUrl: sim.endpoint, apiKey: sim[who].apiKey, secretKey });
  return runtime;
}

export async function callerFor(sim: RunningSimulator, who: "admin" | "user", wrap?: ProviderWrap): Promise<Caller> {
  const runtime = runtimeFor(sim, who);
  const providers = new Map<ResourceKind, DynamicProvider>();
  return {
    runtime,
    client: await runtime.client(),
    provider(kind) {
      if (!providers.has(kind)) {
        const made = makeProvider(specs[kind], runtime);
        providers.set(kind, wrap ? wrap(kind, made, runtime) : made);
      }
      return providers.get(kind)!;
    },
  };
}

/** Callers on `sim`, which the fixture owns from now on. */
export async function providersOn(sim: RunningSimulator, wrap?: ProviderWrap): Promise<ProviderFixture> {
  const admin = await callerFor(sim, "admin", wrap);
  const users: Caller[] = [];
  return {
    sim,
    admin,
    async user() {
      const caller = await callerFor(sim, "user", wrap);
      users.push(caller);
      return caller;
    },
    async close() {
      for (const caller of [admin, ...users]) await caller.runtime.close();
      await sim.close();
    },
  };
}
