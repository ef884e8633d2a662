// A simulator and the providers of the addressing kinds wired to it, for the suites of
// IpRange, DedicatedPublicIpRange, DedicatedGuestVlanRange, ConfigurationSetting,
// PublicIpAddress, ReservedIpAddress and PortableIpRange.
import * as assert from "assert";
import { startSimulator, RunningSimulator } from "../../simulator";
import type { DynamicProvider } from "../../provider";
import { providersOn, type ProviderFixture } from "./provider-fixture";
import type { Applied, Props } from "./network-fixture";

export { createFrom, plan, updateTo, ZONE, ISOLATED, PERSISTENT, SHARED } from "./network-fixture";
export type { Applied, Props } from "./network-fixture";
export type { Caller } from "./provider-fixture";

export type AddressingFixture = ProviderFixture;

export async function startAddressing(): Promise<AddressingFixture> {
  return providersOn(await startSimulator({ jobMs: 20 }));
}

export const NO_CHANGE = { changes: false, replaces: [], deleteBeforeReplace: false };

/** Check failures of `news`, asserting that checking changed nothing in the simulator. */
export async function checkFailures(sim: RunningSimulator, provider: DynamicProvider, news: Props) {
  const before = JSON.stringify(sim.model.snapshot());
  const checked = await provider.check({}, news);
  assert.strictEqual(JSON.stringify(sim.model.snapshot()), before, "check changed nothing");
  return checked.failures;
}

/** Outputs must survive protobuf Struct conversion: plain JSON, nothing undefined. */
export function assertPlainJson(outs: Props): void {
  assert.deepStrictEqual(JSON.parse(JSON.stringify(outs)), outs);
  for (const [key, value] of Object.entries(outs)) assert.notStrictEqual(value, undefined, `${key} is undefined`);
}

/** The engine's order for a replacement without deleteBeforeReplace: create, then delete the old. */
export async function replace(provider: DynamicProvider, old: Applied, checked: Props): Promise<Applied> {
  const created = await provider.create(checked);
  await provider.delete(old.id, old.outs);
  return { id: created.id, outs: created.outs };
}

/** The same, for a resource that asks to be deleted first. */
export async function replaceDeletingFirst(provider: DynamicProvider, old: Applied, checked: Props): Promise<Applied> {
  await provider.delete(old.id, old.outs);
  const created = await provider.create(checked);
  return { id: created.id, outs: created.outs };
}

/** Runs `body` with console.warn captured; returns what was warned. */
export async function capturingWarnings(body: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const original = console.warn;
  console.warn = (...args: unknown[]) => {
    seen.push(args.map(String).join(" "));
  };
  try {
    await body();
  } finally {
    console.warn = original;
  }
  return seen;
}
