// VnfTemplate: a template of a virtual network function appliance, with the NICs the appliance
// expects and its access details (registerVnfTemplate, updateVnfTemplate, deleteVnfTemplate,
// listVnfTemplates; CloudStack 4.19+). VnfTemplateUtils holds the rules checked here.
import { z } from "zod";
import type { CloudStackClient } from "../client";
import { CloudStackApiError } from "../client";
import { defineSpec, type Readied } from "../adapter/spec";
import { failure } from "../adapter/check/failures";
import { ApiObject, CheckFailure } from "../adapter/types";
import { nonEmpty, uuid } from "../validation/fields";
import { booleanOrNull, tagsOf, textOrNull } from "./common/api-values";
import { inputObject, zoneInput } from "./common/inputs";
import { PartiallyCreatedError } from "../adapter/lifecycle/errors";
import { zoneReference } from "./common/reference-kinds";

const ACCESS_DETAILS = ["access_methods", "username", "password", "ssh_user", "ssh_password", "ssh_port", "web_user", "web_password", "http_path", "http_port", "https_path", "https_port"];
const VNF_DETAILS = ["version", "vendor", "maintainer"];
const ACCESS_METHODS = ["console", "http", "https", "ssh-key", "ssh-password"];

const nicInput = z
  .object({
    deviceId: z.number().int().min(0).describe("The NIC's device id: 0 for the first NIC, then 1, 2... without gaps."),
    name: nonEmpty().describe('The NIC\'s name, e.g. "WAN".'),
    required: z.boolean().optional().describe("Whether a deployment must give this NIC a network; true when omitted. A required NIC cannot follow an optional one."),
    management: z.boolean().optional().describe("Whether this is a management NIC (the one CloudStack opens access to); true when omitted."),
    description: z.string().optional().describe("A description of the NIC."),
  })
  .strict();

export const vnfTemplateInputs = inputObject({
  name: nonEmpty().describe("The template's name. Updated in place."),
  displayText: z.string().optional().describe("The template's description; the name when omitted. Updated in place."),
  url: nonEmpty().describe("The http(s) URL CloudStack downloads the image from. Changing it replaces the template."),
  zone: zoneInput("the template"),
  hypervisor: nonEmpty().describe('The hypervisor the image is for, e.g. "KVM", "VMware", "XenServer". Changing it replaces the template.'),
  format: nonEmpty().describe('The image format, e.g. "QCOW2", "OVA", "VHD", "RAW". Changing it replaces the template.'),
  osTypeId: uuid().describe("The id of the guest OS type (listOsTypes). Updated in place."),
  passwordEnabled: z.boolean().optional().describe("Whether the image supports CloudStack's password reset; false when omitted. Updated in place."),
  isPublic: z.boolean().optional().describe("Whether every account may use the template; false when omitted. Changing it replaces the template."),
  nics: z
    .array(nicInput)
    .optional()
    .describe("The NICs the appliance expects, by device id. Updated in place (the whole list); [] removes them all, omitting it keeps them."),
  details: z
    .record(z.string(), z.string())
    .optional()
    .describe(
      `The appliance's details: ${VNF_DETAILS.join(", ")}, and the access details ${ACCESS_DETAILS.join(", ")}; access_methods is a comma-separated list of ${ACCESS_METHODS.join(", ")}. Updated in place (all of them); {} removes them all, omitting it keeps them.`,
    ),
});

export const vnfTemplateAttributes = z.object({
  isReady: z
    .boolean()
    .nullable()
    .describe("Whether the image is downloaded and appliances can be deployed from it: create waits until it is; false only for a template recorded before it was ready (the create deadline, a failed download, a failed step after the register); the next `pulumi up` waits for it again."),
  status: z.string().nullable().describe('What CloudStack says of the download: "Download Complete", "40% Downloaded", or why it failed.'),
  templateType: z.string().nullable().describe("VNF."),
});

type Inputs = z.infer<typeof vnfTemplateInputs>;
type Nic = z.infer<typeof nicInput>;

/** A NIC as CloudStack keeps it: the flags filled in, no empty description. */
const storedNic = (n: Nic) => ({ deviceId: n.deviceId, name: n.name, required: n.required ?? true, management: n.management ?? true, description: n.description || null });

/** NICs compared as CloudStack keeps them, in device order. */
function sameNics(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (Array.isArray(v) ? (v as Nic[]).map(storedNic).sort((x, y) => x.deviceId - y.deviceId) : v);
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

/** Details as VnfTemplateManagerImpl stores them: keys in lower case, access methods sorted. */
function storedDetails(details: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(details)
      .map(([k, v]) => [k.toLowerCase(), k.toLowerCase() === "access_methods" ? v.split(",").sort().join(",") : v])
      .sort(([x], [y]) => x.localeCompare(y)),
  );
}

function sameDetails(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (v && typeof v === "object" ? storedDetails(v as Record<string, string>) : v);
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}

/** VnfTemplateUtils.validateApiCommandParams and validateVnfNics, named by input. */
function validate(inputs: Inputs, known: (key: string) => boolean): CheckFailure[] {
  const failures: CheckFailure[] = [];
  if (known("details") && inputs.details) {
    for (const [key, value] of Object.entries(inputs.details)) {
      if (![...ACCESS_DETAILS, ...VNF_DETAILS].includes(key.toLowerCase())) {
        failures.push(failure(`details.${key}`, value, `is not a VNF detail: the keys are ${[...VNF_DETAILS, ...ACCESS_DETAILS].join(", ")}`));
      } else if (key.toLowerCase() === "access_methods") {
        const bad = value.split(",").filter((m) => !ACCESS_METHODS.includes(m.trim().toLowerCase()));
        if (bad.length > 0) failures.push(failure(`details.${key}`, value, `names unknown access methods (${bad.join(", ")}): they are ${ACCESS_METHODS.join(", ")}`));
      }
    }
  }
  if (known("nics") && inputs.nics) {
    const nics = [...inputs.nics].sort((a, b) => a.deviceId - b.deviceId);
    nics.forEach((nic, i) => {
      if (nic.deviceId !== i) failures.push(failure("nics", inputs.nics, `must have the device ids 0, 1, 2... without gaps or repeats: device id ${i} is expected where ${nic.deviceId} is`));
      else if (i > 0 && nic.required !== false && nics[i - 1].required === false) {
        failures.push(failure(`nics`, inputs.nics, `has a required NIC (device id ${i}) after an optional one: CloudStack needs the required NICs first`));
      }
    });
  }
  return failures;
}

const nicParams = (nics: Nic[]) =>
  nics.map((n) => {
    const s = storedNic(n);
    return { deviceid: String(s.deviceId), name: s.name, required: String(s.required), management: String(s.management), ...(s.description ? { description: s.description } : {}) };
  });

const detailParams = (details: Record<string, string>) => Object.entries(details).map(([k, v]) => ({ [k]: v }));

/** Statuses of a download still under way (TemplateJoinDaoImpl.getTemplateStatus, and the template states it falls back to). */
const DOWNLOADING = /^(\d+% Downloaded|Installing Template|Processing|Download Complete|Bypassed Secondary Storage|Active|Inactive|NotUploaded|UploadInProgress)$/;
/** Download states of a template store reference that end it for good (VMTemplateStorageResourceAssoc.Status). */
const GAVE_UP = ["DOWNLOAD_ERROR", "ABANDONED"];

/** The download states of the template's stores, as listed (downloaddetails). */
function storeStates(template: ApiObject): string[] {
  const stores = Array.isArray(template.downloaddetails) ? (template.downloaddetails as unknown[]) : [];
  return stores.filter((store): store is Record<string, unknown> => store !== null && typeof store === "object").map((store) => String(store.downloadState));
}

/**
 * Ready once CloudStack says so. Failed when the status is no download step (it is then the
 * error text), or when a store gave up and none is still downloading or done.
 */
function downloadState(template: ApiObject): Readied {
  if (template.isready === true) return { ready: true };
  const status = typeof template.status === "string" ? template.status.trim() : "";
  const states = storeStates(template);
  const gaveUp = states.some((state) => GAVE_UP.includes(state)) && !states.some((state) => state === "DOWNLOADED" || state === "DOWNLOAD_IN_PROGRESS");
  if (gaveUp || (status !== "" && !DOWNLOADING.test(status))) return { ready: false, failed: status || "the download failed" };
  return { ready: false, ...(status === "" ? {} : { progress: status }) };
}

const isFailed = (template: ApiObject): boolean => {
  const state = downloadState(template);
  return !state.ready && state.failed !== undefined;
};

/** The tag a create puts on its template: the create's token (see adapter/lifecycle/create-identity.ts). */
const CREATE_TOKEN_TAG = "pulumi-create-token";

/** The create token a template carries, if any. */
const tokenOf = (template: ApiObject): string | undefined => tagsOf(template)[CREATE_TOKEN_TAG];

function tagWithToken(client: CloudStackClient, id: string, token: string): Promise<Record<string, unknown>> {
  return client.execute("createTags", { resourcetype: "Template", resourceids: [id], tags: [{ key: CREATE_TOKEN_TAG, value: token }] });
}

/** A template registered with these inputs: the same name, image, hypervisor, format, display text, NICs and details. */
function registeredAs(t: ApiObject, inputs: Inputs): boolean {
  return (
    t.name === inputs.name &&
    t.url === inputs.url &&
    String(t.hypervisor).toLowerCase() === inputs.hypervisor.toLowerCase() &&
    String(t.format).toLowerCase() === inputs.format.toLowerCase() &&
    t.displaytext === (inputs.displayText ?? inputs.name) &&
    (inputs.nics === undefined || sameNics(nicsOf(t.vnfnics) ?? [], inputs.nics)) &&
    (inputs.details === undefined || sameDetails(t.vnfdetails ?? {}, inputs.details))
  );
}

async function readTemplate(client: CloudStackClient, id: string): Promise<ApiObject | undefined> {
  try {
    const items = await client.list<ApiObject>("listVnfTemplates", { templatefilter: "self", id });
    return items.find((t) => String(t.id).toLowerCase() === id.toLowerCase());
  } catch (err) {
    // A deleted template's id no longer resolves.
    if (err instanceof CloudStackApiError && err.errorcode === 431) return undefined;
    throw err;
  }
}

const nicsOf = (value: unknown): Nic[] | null =>
  Array.isArray(value)
    ? value.map((n: Record<string, unknown>) => ({
        deviceId: Number(n.deviceid),
        name: String(n.name),
        required: n.required !== false,
        management: n.management !== false,
        ...(typeof n.description === "string" && n.description !== "" ? { description: n.description } : {}),
      }))
    : null;

export const vnfTemplateSpec = defineSpec({
  kind: "VnfTemplate",
  description:
    "A VNF template (CloudStack 4.19+): an appliance image with the NICs it expects and its access details, owned by the caller's account. VnfAppliance instances are deployed from it. Create waits until CloudStack has downloaded the image (within customTimeouts.create, 20 minutes by default); a template still downloading then is recorded, and the next `pulumi up` waits for it again. A failed download fails the create with CloudStack's status text. The template carries the tag `pulumi-create-token`, by which a later run finds a template an interrupted one registered.",
  inputs: vnfTemplateInputs,
  attributes: vnfTemplateAttributes,
  references: { zone: { idProperty: "zoneId", field: "zoneid", kind: zoneReference } },
  defaultedByCloudStack: ["displayText", "passwordEnabled", "isPublic", "nics", "details"],
  inPlace: { name: true, displayText: true, osTypeId: true, passwordEnabled: true, nics: true, details: true },
  equal: { nics: sameNics, details: sameDetails },
  validate,
  // registerVnfTemplate answers before the image is on secondary storage, and no appliance can
  // be deployed from it until then (VolumeOrchestrator.createDiskCharacteristics).
  readiness: { awaited: "the template's download", state: downloadState, pendingIn: (outputs) => outputs.isReady === false },

  // registerVnfTemplate is sync and CloudStack accepts two templates alike. The create tags its
  // template with the create's token, so that a run killed while the image downloads is followed
  // by one that finds it. A register that lost its answer may have made an untagged template:
  // then one registered alike is taken, and tagged. A template whose download failed is never
  // taken: a replacement is meant to register it again.
  recognise: {
    when: "before",
    async find(client, inputs, ids, _lists, stamp) {
      if (stamp.token === undefined) return undefined;
      const templates = await client.list<ApiObject>("listVnfTemplates", { templatefilter: "self", name: inputs.name, zoneid: ids.zoneId });
      const alike = templates.filter((t) => registeredAs(t, inputs) && !isFailed(t));
      const mine = alike.find((t) => tokenOf(t) === stamp.token);
      if (mine || !stamp.afterLostAnswer) return mine;
      const untagged = alike.find((t) => tokenOf(t) === undefined);
      if (untagged) await tagWithToken(client, String(untagged.id), stamp.token);
      return untagged;
    },
  },

  async create(client, inputs, ids, _lists, stamp) {
    const result = await client.execute("registerVnfTemplate", {
      name: inputs.name,
      displaytext: inputs.displayText,
      url: inputs.url,
      zoneid: ids.zoneId,
      hypervisor: inputs.hypervisor,
      format: inputs.format,
      ostypeid: inputs.osTypeId,
      passwordenabled: inputs.passwordEnabled,
      ispublic: inputs.isPublic,
      vnfnics: inputs.nics ? nicParams(inputs.nics) : undefined,
      vnfdetails: inputs.details ? detailParams(inputs.details) : undefined,
    });
    // registerVnfTemplate answers a list: the template once per zone.
    const [template] = (result.template as ApiObject[] | undefined) ?? [];
    if (!template) throw new Error("CloudStack registerVnfTemplate returned no template");
    if (stamp.token === undefined) return template;
    try {
      await tagWithToken(client, String(template.id), stamp.token);
    } catch (err) {
      // Recorded without its token: the stack knows it, and the next `up` waits for its download.
      throw new PartiallyCreatedError(template, err);
    }
    return template;
  },

  read: (client, id) => readTemplate(client, id),

  async update(client, id, _olds, news, _ids, changed) {
    const has = (key: string) => changed.includes(key);
    await client.execute("updateVnfTemplate", {
      id,
      name: has("name") ? news.name : undefined,
      displaytext: has("displayText") ? news.displayText : undefined,
      ostypeid: has("osTypeId") ? news.osTypeId : undefined,
      passwordenabled: has("passwordEnabled") ? news.passwordEnabled : undefined,
      // A non-empty list replaces the old one; an empty one needs the cleanup flag.
      vnfnics: has("nics") && news.nics?.length ? nicParams(news.nics) : undefined,
      cleanupvnfnics: has("nics") && news.nics?.length === 0 ? true : undefined,
      vnfdetails: has("details") && news.details && Object.keys(news.details).length > 0 ? detailParams(news.details) : undefined,
      cleanupvnfdetails: has("details") && news.details && Object.keys(news.details).length === 0 ? true : undefined,
    });
    const found = await readTemplate(client, id);
    if (!found) throw new Error(`VnfTemplate ${id} disappeared during its update`);
    return found;
  },

  async delete(client, id) {
    await client.execute("deleteVnfTemplate", { id });
  },

  inputsOf(template) {
    return {
      displayText: textOrNull(template.displaytext),
      osTypeId: textOrNull(template.ostypeid),
      passwordEnabled: booleanOrNull(template.passwordenabled),
      isPublic: booleanOrNull(template.ispublic),
      nics: nicsOf(template.vnfnics),
      details: template.vnfdetails && typeof template.vnfdetails === "object" ? (template.vnfdetails as Record<string, string>) : null,
    };
  },

  attributesOf: (template) => ({ isReady: booleanOrNull(template.isready), status: textOrNull(template.status), templateType: textOrNull(template.templatetype) }),
});
