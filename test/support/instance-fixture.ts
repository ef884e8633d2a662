// A simulator and the providers of the instance-side kinds (Instance, StaticNat,
// NicSecondaryIp, with Network for their networks) wired to it over real HTTP.
import { startSimulator, RunningSimulator } from "../../simulator";
import type { ClientRuntime, DynamicProvider } from "../../provider";
import type { CloudStackClient } from "../../provider/client";
import { providersOn } from "./provider-fixture";
import { createFrom, ISOLATED, Props, ZONE } from "./network-fixture";

export const SMALL = "Small Instance";
export const TEMPLATE = "CentOS 5.6 (64-bit) no GUI (Simulator)";
export const PASSWORD_TEMPLATE = "CentOS 5.6 (64-bit) password enabled (Simulator)";

export interface InstanceFixture {
  sim: RunningSimulator;
  runtime: ClientRuntime;
  client: CloudStackClient;
  network: DynamicProvider;
  instance: DynamicProvider;
  staticNat: DynamicProvider;
  secondaryIp: DynamicProvider;
  close(): Promise<void>;
}

export async function startInstanceFixture(options: { jobMs?: number } = {}): Promise<InstanceFixture> {
  const fx = await providersOn(await startSimulator({ jobMs: options.jobMs ?? 10 }));
  const { runtime, client, provider } = fx.admin;
  return {
    sim: fx.sim,
    runtime,
    client,
    network: provider("Network"),
    instance: provider("Instance"),
    staticNat: provider("StaticNat"),
    secondaryIp: provider("NicSecondaryIp"),
    close: () => fx.close(),
  };
}

/** An isolated network in the default zone, through the Network provider; returns its id. */
export async function isolatedNetwork(fx: InstanceFixture, name: string, cidr: string, offering = ISOLATED): Promise<string> {
  return (await createFrom(fx.network, { name, zone: ZONE, networkOffering: offering, cidr })).id;
}

export function instanceInputs(name: string, extra: Props = {}): Props {
  return { name, zone: ZONE, serviceOffering: SMALL, template: TEMPLATE, ...extra };
}

/** Every instance the simulator holds, whatever its state or owner, as the root admin sees them. */
export async function allInstances(client: CloudStackClient): Promise<Array<Record<string, unknown>>> {
  return client.list("listVirtualMachines", { listall: true });
}

export type Nic = { id: string; networkId: string; networkName: string | null; ipAddress: string | null; isDefault: boolean; secondaryIps: string[] };

export function nicsOf(outs: Props): Nic[] {
  return outs.nics as Nic[];
}
