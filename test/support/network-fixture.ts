// A simulator and a Network provider wired to it, plus the engine's step order for one
// resource (check, then create or diff + update), for the Network suites.
import * as assert from "assert";
import { startSimulator, RunningSimulator } from "../../simulator";
import type { ClientRuntime, DynamicProvider } from "../../provider";
import type { CloudStackClient } from "../../provider/client";
import { callerFor, providersOn } from "./provider-fixture";

export type Props = Record<string, unknown>;

export const ZONE = "Sandbox-simulator";
export const ISOLATED = "DefaultIsolatedNetworkOfferingWithSourceNatService";
export const PERSISTENT = "DefaultIsolatedNetworkOfferingWithSourceNatServicePersistent";
export const SHARED = "DefaultSharedNetworkOffering";
export const L2 = "DefaultL2NetworkOffering";

export interface Fixture {
  sim: RunningSimulator;
  runtime: ClientRuntime;
  provider: DynamicProvider;
  client: CloudStackClient;
  close(): Promise<void>;
}

export async function providerFor(sim: RunningSimulator, who: "admin" | "user"): Promise<{ runtime: ClientRuntime; provider: DynamicProvider; client: CloudStackClient }> {
  const { runtime, client, provider } = await callerFor(sim, who);
  return { runtime, provider: provider("Network"), client };
}

export async function startFixture(): Promise<Fixture> {
  const fx = await providersOn(await startSimulator({ jobMs: 20 }));
  const { runtime, client, provider } = fx.admin;
  return { sim: fx.sim, runtime, provider: provider("Network"), client, close: () => fx.close() };
}

export interface Applied {
  id: string;
  outs: Props;
}

/** check then create, failing the test on check failures. */
export async function createFrom(provider: DynamicProvider, news: Props): Promise<Applied> {
  const checked = await provider.check({}, news);
  assert.deepStrictEqual(checked.failures, []);
  const created = await provider.create(checked.inputs);
  return { id: created.id, outs: created.outs };
}

/** What a preview shows for `news` against the current outputs: check then diff. */
export async function plan(provider: DynamicProvider, applied: Applied, news: Props) {
  const checked = await provider.check(applied.outs, news);
  assert.deepStrictEqual(checked.failures, []);
  return { checked: checked.inputs, diff: await provider.diff(applied.id, applied.outs, checked.inputs) };
}

/** An `up` of `news` over an existing network that the diff says can change in place. */
export async function updateTo(provider: DynamicProvider, applied: Applied, news: Props): Promise<Applied> {
  const { checked, diff } = await plan(provider, applied, news);
  assert.strictEqual(diff.changes, true, "expected a change");
  assert.deepStrictEqual(diff.replaces, [], "expected an in-place update");
  const updated = await provider.update(applied.id, applied.outs, checked);
  return { id: applied.id, outs: updated.outs };
}

export async function networkCount(client: CloudStackClient): Promise<number> {
  return (await client.list("listNetworks", { listall: true })).length;
}
