// ReservedIpAddress: a free public IP reserved for an owner (reserveIpAddress, releaseIpAddress,
// listPublicIpAddresses; its display flag changed in place with updateIpAddress). The owner can
// later acquire it with a PublicIpAddress of that address.
import { z } from "zod";
import type { CloudStackClient, Params } from "../client";
import { failure } from "../adapter/check/failures";
import { findById } from "../adapter/lifecycle/lookup";
import { defineSpec, ResolvedIds } from "../adapter/spec";
import { ApiObject, PropertyMap } from "../adapter/types";
import { UNKNOWN } from "../adapter/check/unknown";
import { looksLikeUuid, nonEmpty } from "../validation/fields";
import { parseIpv4 } from "../../ip/ipv4";
import { textOrNull } from "./common/api-values";
import { executeForObject } from "./common/job-result";
import { ownerScope, currentOwner, ownerFailures, ownerInputs, ownerParams } from "./common/ownership";
import { byName, zoneReference } from "./common/reference-kinds";
import { ownerNames, text } from "./common/attributes";
import { inputObject } from "./common/inputs";

const addressOrId = () =>
  z.string().refine((value) => parseIpv4(value) !== undefined || looksLikeUuid(value), {
    message: "is neither an IPv4 address (a.b.c.d) nor the id of a public IP (a UUID)",
  });

export const reservedIpAddressInputs = inputObject({
  ipAddress: addressOrId().describe("The public IP to reserve: its address, or its id. It must be free. Changing it replaces the reservation."),
  zone: nonEmpty()
    .optional()
    .describe("The zone of the address, by name or id; needed only when the address exists in several zones. Changing it replaces the reservation."),
  forDisplay: z.boolean().optional().describe("Whether the IP is shown to the end user. Updated in place (updateIpAddress)."),
  ...ownerInputs("the reservation", "the caller's account when omitted"),
});

/** listPublicIpAddresses shows only allocated rows unless told otherwise. */
const ALL_ROWS: Params = { allocatedonly: false };

/** A released reservation leaves the row in state Free: gone for this resource. */
function readReservation(client: CloudStackClient, id: string, olds: PropertyMap): Promise<ApiObject | undefined> {
  return findById(client, "listPublicIpAddresses", id, { ...ownerScope(olds), ...ALL_ROWS }, {
    goneWhen: (ip) => ip.state === "Free" || ip.state === "Releasing",
  });
}

/** The id of the public IP the input names: given as such, or looked up by address. */
async function publicIpIdOf(client: CloudStackClient, inputs: z.infer<typeof reservedIpAddressInputs>, ids: ResolvedIds): Promise<string> {
  if (looksLikeUuid(inputs.ipAddress)) return inputs.ipAddress;
  const params: Params = { ipaddress: inputs.ipAddress, listall: true, ...ALL_ROWS };
  if (ids.zoneId) params.zoneid = ids.zoneId;
  const rows = (await client.list<ApiObject>("listPublicIpAddresses", params)).filter((ip) => ip.ipaddress === inputs.ipAddress);
  if (rows.length === 1) return String(rows[0].id);
  if (rows.length === 0) throw new Error(`ReservedIpAddress: no public IP ${inputs.ipAddress}${ids.zoneId ? ` in zone ${ids.zoneId}` : ""} is visible to this account`);
  const zones = rows.map((ip) => `${String(ip.zonename ?? ip.zoneid)} (id ${String(ip.id)})`).join(", ");
  throw new Error(`ReservedIpAddress: public IP ${inputs.ipAddress} exists in ${rows.length} zones (${zones}); set zone, or write the id`);
}

/** Reserving the same address again must wait until the old reservation is released. */
function sameAddress(olds: PropertyMap, news: PropertyMap): boolean {
  return news.ipAddress === UNKNOWN || news.ipAddress === olds.ipAddress || news.ipAddress === olds.address;
}

export const reservedIpAddressSpec = defineSpec({
  kind: "ReservedIpAddress",
  description:
    "Reserves a free public IP for an account or a project, which can then acquire it (a PublicIpAddress with that ipAddress). Portable IPs cannot be reserved. Deleting it releases the reservation.",
  inputs: reservedIpAddressInputs,
  attributes: z.object({
    zoneId: text("The id of the zone."),
    address: text("The reserved address."),
    state: text("Reserved; Allocated once the owner acquired it."),
    zoneName: text("The name of the zone."),
    vlanId: text("The id of the VLAN IP range the address comes from."),
    ...ownerNames,
  }),
  references: { zone: byName(zoneReference, "zone") },
  defaultedByCloudStack: ["zone", "forDisplay", "account", "domainId", "projectId"],
  inPlace: { forDisplay: true },
  validate(inputs, known) {
    const failures = ownerFailures(inputs, known);
    if (inputs.zone !== undefined && known("zone") && known("ipAddress") && looksLikeUuid(inputs.ipAddress)) {
      failures.push(failure("zone", inputs.zone, "is not needed with the id of a public IP (the id names one IP in one zone)"));
    }
    return failures;
  },
  deleteBeforeReplace: sameAddress,

  // reserveIpAddress refuses an IP that is no longer Free: an earlier attempt's reservation is
  // the same IP, Reserved.
  recognise: {
    when: "afterFailure",
    async find(client, inputs, ids) {
      const ip = await readReservation(client, await publicIpIdOf(client, inputs, ids), inputs);
      return ip && ip.state === "Reserved" ? ip : undefined;
    },
  },

  async create(client, inputs, ids) {
    const id = await publicIpIdOf(client, inputs, ids);
    const params = { id, fordisplay: inputs.forDisplay, ...ownerParams(inputs) };
    return executeForObject(client, "reserveIpAddress", params, "ipaddress");
  },

  read: (client, id, olds) => readReservation(client, id, olds),

  async update(client, id, olds, news, _ids, changed) {
    if (changed.includes("forDisplay")) await client.execute("updateIpAddress", { id, fordisplay: news.forDisplay ?? true });
    const current = await readReservation(client, id, olds);
    if (!current) throw new Error(`ReservedIpAddress ${id} is no longer reserved`);
    return current;
  },

  async delete(client, id, ip) {
    // Once acquired (Allocated), the IP belongs to its association: releasing it is
    // disassociateIpAddress's job, done by whatever acquired it.
    if (ip.state === "Reserved") await client.execute("releaseIpAddress", { id });
  },

  inputsOf(ip, olds) {
    return {
      ipAddress: typeof olds.ipAddress === "string" && looksLikeUuid(olds.ipAddress) ? textOrNull(ip.id) : textOrNull(ip.ipaddress),
      ...currentOwner(ip, olds),
    };
  },

  attributesOf: (ip) => ({ address: textOrNull(ip.ipaddress) }),

  errors: [
    { text: "Unable to reserve a IP because it has already been reserved for another Account.", why: "Another owner holds the address." },
    { text: "Unable to reserve a IP because it is dedicated to another Account.", why: "The address lies in a public range dedicated to another account." },
  ],
});
