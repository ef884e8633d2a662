// What network and VPC offerings share: a new row's identity (the display text defaulting to the
// name), what updateNetworkOffering and updateVPCOffering change alike (name, display text,
// state, sort key, domain and zone limits), and the refusals of both deletes.
import { paramError } from "../errors";
import { now } from "./dates";
import { newUuid, nextId } from "./ids";
import type { SimulatorState } from "./records";

/** The uuid, id, name and display text of a new offering (the name when no display text is given). */
export function newOfferingIdentity(state: SimulatorState, idKind: string, name: string, displaytext: string | undefined) {
  return { uuid: newUuid(), id: nextId(state, idKind), name, displaytext: displaytext === undefined || displaytext === "" ? name : displaytext };
}

export interface OfferingUpdate {
  name?: string;
  displaytext?: string;
  state?: string;
  sortkey?: number;
  /** undefined keeps the offering's; [] lifts the limit (domainid=public, zoneid=all). */
  domainUuids?: string[];
  zoneUuids?: string[];
}

interface Changeable {
  id: number;
  name: string;
  displaytext: string;
  state: "Enabled" | "Disabled";
  isDefault: boolean;
  sortKey?: number;
  domainUuids?: string[];
  zoneUuids?: string[];
  removed?: string;
}

/** The state asked for, in any case; 431 "Incorrect state value" for anything else. */
export function offeringState(given: string | undefined): "Enabled" | "Disabled" | undefined {
  if (given === undefined) return undefined;
  const state = (["Enabled", "Disabled"] as const).find((s) => s.toLowerCase() === given.toLowerCase());
  if (!state) throw paramError(`Incorrect state value: ${given}`);
  return state;
}

/** Applies the shared fields of an update whose values were checked already. */
export function applyOfferingUpdate(offering: Changeable, input: OfferingUpdate, state: "Enabled" | "Disabled" | undefined): void {
  if (input.name !== undefined) offering.name = input.name;
  if (input.displaytext !== undefined) offering.displaytext = input.displaytext;
  if (state) offering.state = state;
  if (input.sortkey !== undefined) offering.sortKey = input.sortkey;
  if (input.domainUuids !== undefined) offering.domainUuids = input.domainUuids;
  if (input.zoneUuids !== undefined) offering.zoneUuids = input.zoneUuids;
}

/**
 * Removes an offering no live object uses: a built-in one is refused, and one in use with
 * CloudStack's text naming the offering (`text`) and the count of `users` (networks or vpcs).
 */
export function removeOffering(offering: Changeable, noun: "network" | "vpc", text: string, inUse: number, users: string): void {
  if (offering.removed) throw paramError(`unable to find ${noun} offering ${offering.id}`);
  if (offering.isDefault) throw paramError("Default network offering can't be deleted");
  if (inUse > 0) {
    throw paramError(`Can't delete ${noun} offering ${text} as its used by ${inUse} ${users}. To make the network offering unavailable, disable it`);
  }
  offering.removed = now();
}
