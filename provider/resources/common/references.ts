// Kinds of object that inputs name by name or id.
import { ReferenceKind } from "../../adapter/check/reference";

export const zoneReference: ReferenceKind = { noun: "zone", listCommand: "listZones" };

export const networkOfferingReference: ReferenceKind = {
  noun: "network offering",
  listCommand: "listNetworkOfferings",
};
