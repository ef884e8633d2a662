// ZoneEnablement: a zone's allocation state set to Enabled (updateZone allocationstate=Enabled),
// and back to Disabled when the resource is deleted. Its own resource because CloudStack refuses
// to add a physical network to an enabled zone, and refuses to enable a zone until Management
// (and, in an Advanced zone without security groups, Public) traffic exists.
import { z } from "zod";
import type { CloudStackClient } from "../client";
import { findById } from "../adapter/lifecycle/lookup";
import { defineSpec } from "../adapter/spec";
import { ApiObject } from "../adapter/types";
import { nonEmpty } from "../validation/fields";
import { textOrNull } from "./common/api-values";
import { executeForObject } from "./common/job-result";
import { zoneReference } from "./common/reference-kinds";
import { inputObject } from "./common/inputs";

export const zoneEnablementInputs = inputObject({
  zone: nonEmpty().describe(
    "The zone to enable, by name or id (e.g. a Zone's `id`). Give the zone's PhysicalNetwork, TrafficType and NetworkServiceProvider resources in `dependsOn`, so that the zone is enabled after them and disabled before they are deleted. Changing it replaces the enablement.",
  ),
});

export const zoneEnablementAttributes = z.object({
  zoneName: z.string().nullable().describe("The name of the zone."),
  allocationState: z.string().nullable().describe("The zone's allocation state (Enabled while this resource exists)."),
});

/** The zone while it is enabled; a disabled (or deleted) zone means the enablement is gone. */
const readEnabled = (client: CloudStackClient, zoneId: string): Promise<ApiObject | undefined> =>
  findById(client, "listZones", zoneId, {}, { goneWhen: (zone) => zone.allocationstate !== "Enabled" });

export const zoneEnablementSpec = defineSpec({
  kind: "ZoneEnablement",
  description:
    "Enables a zone (root admin). CloudStack accepts it only once a physical network of the zone carries Management traffic (and Public traffic in an Advanced zone without security groups). A physical network cannot be added to an enabled zone: delete the enablement (which disables the zone) first.",
  inputs: zoneEnablementInputs,
  attributes: zoneEnablementAttributes,
  references: { zone: { idProperty: "zoneId", field: "id", kind: zoneReference } },

  // Enabling twice is harmless, and an enabled zone is what an interrupted attempt leaves.
  recognise: { when: "afterFailure", find: (client, _inputs, ids) => readEnabled(client, ids.zoneId) },

  create: (client, _inputs, ids) => executeForObject(client, "updateZone", { id: ids.zoneId, allocationstate: "Enabled" }, "zone"),

  read: (client, id) => readEnabled(client, id),

  async delete(client, id) {
    await client.execute("updateZone", { id, allocationstate: "Disabled" });
  },

  inputsOf: (zone) => ({ zone: textOrNull(zone.name) ?? textOrNull(zone.id) }),
  attributesOf: (zone) => ({ zoneName: textOrNull(zone.name), allocationState: textOrNull(zone.allocationstate) }),

  errors: [
    { text: "Cannot enable this Zone since: Unable to find the default physical network with traffic=<type> in the specified zone id", why: "The zone needs a physical network with each traffic type (TrafficType resources) before it can be enabled." },
  ],
});
