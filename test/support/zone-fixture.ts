// A simulator and the zone administration kinds wired to it, with a zone made from scratch and
// helpers to give it a physical network: the suites of Zone, ZoneEnablement, Pod,
// PhysicalNetwork, TrafficType and NetworkServiceProvider.
import { startSimulator } from "../../simulator";
import { providersOn, type ProviderFixture } from "./provider-fixture";
import { createFrom, type Applied, type Props } from "./network-fixture";

export { createFrom, plan, updateTo } from "./network-fixture";
export type { Applied, Props } from "./network-fixture";
export { assertPlainJson, checkFailures, NO_CHANGE, replace } from "./addressing-fixture";

export type ZoneFixture = ProviderFixture;

export async function startZoneFixture(): Promise<ZoneFixture> {
  return providersOn(await startSimulator({ jobMs: 10 }));
}

/** The inputs of an advanced zone made from scratch. */
export function advancedZone(extra: Props = {}): Props {
  return { name: "scratch", networkType: "Advanced", dns1: "8.8.8.8", internalDns1: "10.0.0.2", guestCidr: "10.10.0.0/16", ...extra };
}

/** A new advanced zone and one physical network in it (the zone stays Disabled). */
export async function zoneWithPhysicalNetwork(fx: ZoneFixture, pnetExtra: Props = {}): Promise<{ zone: Applied; pnet: Applied }> {
  const zone = await createFrom(fx.admin.provider("Zone"), advancedZone());
  const pnet = await createFrom(fx.admin.provider("PhysicalNetwork"), { name: "pnet", zone: zone.id, vlanRanges: ["300-310"], ...pnetExtra });
  return { zone, pnet };
}
