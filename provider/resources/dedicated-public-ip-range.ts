// DedicatedPublicIpRange: an existing public IP range dedicated to an account, a project or a
// domain (dedicatePublicIpRange, releasePublicIpRange, listVlanIpRanges). Its id is the range's.
import { z } from "zod";
import type { CloudStackClient } from "../client";
import { findById } from "../adapter/lifecycle/lookup";
import { defineSpec } from "../adapter/spec";
import { ApiObject, PropertyMap } from "../adapter/types";
import { UNKNOWN } from "../adapter/check/unknown";
import { sameText } from "../adapter/diff/comparators";
import { nonEmpty, uuid } from "../validation/fields";
import { textOrNull } from "./common/api-values";
import { executeForObject } from "./common/job-result";
import { currentOwner, ownerFailures, ownerParams } from "./common/ownership";
import { text } from "./common/attributes";
import { inputObject } from "./common/inputs";

export const dedicatedPublicIpRangeInputs = inputObject({
  ipRangeId: uuid().describe("The id of the public IP range to dedicate (e.g. an IpRange's id). Changing it replaces the dedication."),
  domainId: uuid().describe("The id of the domain to dedicate the range to, or of the account's domain. Changing it replaces the dedication."),
  account: nonEmpty()
    .optional()
    .describe("The account to dedicate the range to (Advanced zones only); without account or projectId the range goes to the whole domain. Changing it replaces the dedication."),
  projectId: uuid().optional().describe("The id of the project to dedicate the range to. Changing it replaces the dedication."),
});

/** A range is dedicated while CloudStack shows an owning domain for it. */
const isDedicated = (range: ApiObject): boolean => textOrNull(range.domainid) !== null;

function readDedication(client: CloudStackClient, id: string): Promise<ApiObject | undefined> {
  // By id alone (a root-admin command): the dedication is the range's own state.
  return findById(client, "listVlanIpRanges", id, {}, { goneWhen: (range) => !isDedicated(range) });
}

/** A range is dedicated once: a new dedication of the same range must wait for the release. */
function sameRange(olds: PropertyMap, news: PropertyMap): boolean {
  return news.ipRangeId === UNKNOWN || sameText(olds.ipRangeId, news.ipRangeId);
}

export const dedicatedPublicIpRangeSpec = defineSpec({
  kind: "DedicatedPublicIpRange",
  description:
    "Dedicates an existing public IP range to an account, a project or a domain; its new public IPs then come from the range first (see use.system.public.ips). Deleting it releases the range to the system pool.",
  inputs: dedicatedPublicIpRangeInputs,
  attributes: z.object({
    zoneId: text("The id of the range's zone."),
    gateway: text("The range's gateway."),
    netmask: text("The range's netmask."),
    startIp: text("The range's first address."),
    endIp: text("The range's last address."),
    domain: text("The name of the domain the range is dedicated to."),
    project: text("The name of the project the range is dedicated to, if any."),
  }),
  validate: (inputs, known) => ownerFailures(inputs, known),
  deleteBeforeReplace: sameRange,

  // A range is dedicated once: an earlier attempt's dedication shows as a refusal, and is the
  // range dedicated to the same account or project.
  recognise: {
    when: "afterFailure",
    async find(client, inputs) {
      const range = await readDedication(client, inputs.ipRangeId);
      if (!range) return undefined;
      const sameOwner = inputs.projectId !== undefined ? range.projectid === inputs.projectId : inputs.account === undefined || range.account === inputs.account;
      return sameOwner ? range : undefined;
    },
  },

  async create(client, inputs) {
    const params = { id: inputs.ipRangeId, ...ownerParams(inputs) };
    return executeForObject(client, "dedicatePublicIpRange", params, "vlan");
  },

  read: (client, id) => readDedication(client, id),

  async update(client, id) {
    // Nothing changes in place; the adapter calls update only to resume or re-apply.
    const current = await readDedication(client, id);
    if (!current) throw new Error(`DedicatedPublicIpRange ${id} is no longer dedicated`);
    return current;
  },

  delete: "releasePublicIpRange",

  // domainId is read as CloudStack reports it, a project's dedication included.
  inputsOf: (range, olds) => ({ ipRangeId: textOrNull(range.id), account: currentOwner(range, olds).account }),

  errors: [
    { text: "Specified Public IP range has already been dedicated", why: "The range is dedicated already (to this or another owner)." },
    { text: "Public IP range can be dedicated to an account only in the zone of type Advanced", why: "Basic zones take no dedicated public ranges." },
  ],
});
