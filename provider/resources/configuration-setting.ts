// ConfigurationSetting: one configuration value at global, zone, account or domain scope
// (updateConfiguration, listConfigurations; resetConfiguration when nothing was set before).
// Deleting it restores the value found when it was created, kept in the `priorValue` output.
import { z } from "zod";
import { CloudStackApiError, CommandOutcomeUnknownError, type CloudStackClient, type Params } from "../client";
import { failure } from "../adapter/check/failures";
import { defineSpec, ResolvedIds } from "../adapter/spec";
import { ApiObject, ApiObjectWith, CheckFailure, EXTRA, PropertyMap } from "../adapter/types";
import { UNKNOWN } from "../adapter/check/unknown";
import { sameText } from "../adapter/diff/comparators";
import { looksLikeUuid, nonEmpty } from "../validation/fields";
import { textOrNull } from "./common/api-values";
import { accountReference, domainReference, zoneReference } from "./common/reference-kinds";
import { executeForObject } from "./common/job-result";
import { flag, text } from "./common/attributes";
import { inputObject } from "./common/inputs";

export const configurationSettingInputs = inputObject({
  name: nonEmpty().describe("The setting's name, e.g. use.system.public.ips. Changing it replaces the resource (the old setting gets its prior value back)."),
  value: z.string().describe("The value to set, as text (\"true\", \"3\"...). Updated in place."),
  zone: nonEmpty().optional().describe("Set the value for this zone only, by name or id. Changing the scope replaces the resource."),
  account: nonEmpty()
    .optional()
    .describe("Set the value for this account only, by name or id (a name found in two domains needs the id). Changing the scope replaces the resource."),
  domain: nonEmpty().optional().describe("Set the value for this domain only, by name or id. Changing the scope replaces the resource."),
});

type ScopeKind = "zone" | "account" | "domain";
const SCOPES: ReadonlyArray<{ input: ScopeKind; idProperty: string; param: string }> = [
  { input: "zone", idProperty: "zoneId", param: "zoneid" },
  { input: "account", idProperty: "accountId", param: "accountid" },
  { input: "domain", idProperty: "domainId", param: "domainid" },
];

/** Where a value lives: the setting's name and, unless global, one scope object. */
interface Placement {
  readonly name: string;
  readonly scope?: { readonly kind: ScopeKind; readonly id: string };
}

/** The resource id: "global/<name>", or "<zone|account|domain>/<uuid>/<name>". */
export function placementId(placement: Placement): string {
  return placement.scope ? `${placement.scope.kind}/${placement.scope.id}/${placement.name}` : `global/${placement.name}`;
}

export function parsePlacementId(id: string): Placement | undefined {
  const global = /^global\/(.+)$/.exec(id);
  if (global) return { name: global[1] };
  const scoped = /^(zone|account|domain)\/([^/]+)\/(.+)$/.exec(id);
  if (!scoped || !looksLikeUuid(scoped[2])) return undefined;
  return { name: scoped[3], scope: { kind: scoped[1] as ScopeKind, id: scoped[2] } };
}

function placementOf(name: string, ids: ResolvedIds): Placement {
  const scope = SCOPES.find((s) => typeof ids[s.idProperty] === "string");
  return scope ? { name, scope: { kind: scope.input, id: ids[scope.idProperty] } } : { name };
}

function scopeParams(placement: Placement): Params {
  if (!placement.scope) return {};
  const param = SCOPES.find((s) => s.input === placement.scope!.kind)!.param;
  return { [param]: placement.scope.id };
}

/**
 * What create, read and update return: the API's configuration plus the resource's own facts,
 * its placement (as the resource's id) and the value it replaced.
 */
type Setting = ApiObjectWith<{ readonly placementId: string; readonly priorValue: string | null }>;

function withFacts(config: ApiObject, placement: Placement, priorValue: unknown): Setting {
  return { ...config, [EXTRA]: { placementId: placementId(placement), priorValue: typeof priorValue === "string" ? priorValue : null } };
}

function placementFrom(object: Setting): Placement {
  const placement = parsePlacementId(object[EXTRA].placementId);
  if (!placement) throw new Error(`ConfigurationSetting: malformed placement ${object[EXTRA].placementId}`);
  return placement;
}

/** The setting as CloudStack reports it at the scope, or undefined (no such setting or scope). */
async function lookUp(client: CloudStackClient, placement: Placement): Promise<ApiObject | undefined> {
  let items: ApiObject[];
  try {
    // listConfigurations matches names by substring: the exact name is picked below.
    items = await client.list<ApiObject>("listConfigurations", { name: placement.name, ...scopeParams(placement) });
  } catch (err) {
    // The zone, account or domain no longer exists: its uuid does not resolve (431).
    if (err instanceof CloudStackApiError && err.errorcode === 431 && placement.scope) return undefined;
    throw err;
  }
  return items.find((item) => item.name === placement.name);
}

async function setValue(client: CloudStackClient, placement: Placement, value: string): Promise<ApiObject> {
  const params = { name: placement.name, value, ...scopeParams(placement) };
  return executeForObject(client, "updateConfiguration", params, "configuration");
}

/** updateConfiguration is sync and idempotent: an answer lost is settled by sending it again. */
async function setValueAgainIfUnanswered(client: CloudStackClient, placement: Placement, value: string): Promise<ApiObject> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await setValue(client, placement, value);
    } catch (err) {
      if (!(err instanceof CommandOutcomeUnknownError) || attempt >= 3) throw err;
    }
  }
}

/** More than one scope given. A scope unknown during preview is left out: it may yet be absent. */
function scopeFailures(inputs: PropertyMap, known: (key: string) => boolean): CheckFailure[] {
  const given = SCOPES.filter((s) => inputs[s.input] !== undefined && inputs[s.input] !== null && known(s.input));
  if (given.length <= 1) return [];
  const names = given.map((s) => s.input).join(", ");
  return [failure(given[1].input, inputs[given[1].input], `cannot be combined with ${given[0].input}: a value has one scope (given: ${names})`)];
}

const sameValue = (a: unknown, b: unknown): boolean =>
  (a === undefined || a === null) && (b === undefined || b === null) ? true : String(a ?? "").trim() === String(b ?? "").trim();

/** Two resources on one setting and scope would each record the other's value as prior. */
function samePlacement(olds: PropertyMap, news: PropertyMap): boolean {
  if (news.name === UNKNOWN) return true;
  if (!sameText(olds.name, news.name)) return false;
  return SCOPES.every((s) => news[s.idProperty] === UNKNOWN || sameText(olds[s.idProperty] ?? null, news[s.idProperty] ?? null));
}

const JAVA_LONG = { min: -(2n ** 63n), max: 2n ** 63n - 1n };
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Whether the value fits the setting's type as listConfigurations reports it
 * (ConfigurationManagerImpl.getConfigurationType: Number for Integer/Long/Short, Decimal for
 * Float/Double, Range for the 0-1 weights, Boolean; String and the string kinds take anything),
 * judged as validateConfigurationValue / validateValueType / validateValueRange do, with
 * CloudStack's texts; plus default.page.size, which CloudStack accepts below 1 though its list
 * commands then break (BaseListCmd takes it as the maximum page size; only -1 means no limit).
 */
export function valueProblem(name: string, type: string, value: string): string | undefined {
  const v = value.trim();
  const notValid = (javaType: string) => `CloudStack refuses it ("Value [${v}] is not a valid [class java.lang.${javaType}].")`;
  switch (type.toLowerCase()) {
    case "number": {
      if (!/^[+-]?\d+$/.test(v) || BigInt(v) < JAVA_LONG.min || BigInt(v) > JAVA_LONG.max) {
        return `is not a whole number, which ${name} takes (listConfigurations type ${type}): ${notValid("Integer")}, or Long/Short per the setting`;
      }
      if (name === "default.page.size" && BigInt(v) !== -1n && BigInt(v) < 1n) {
        return "must be -1 (no limit) or at least 1: CloudStack stores it, but every list command takes default.page.size as its maximum page size (BaseListCmd), so a value below 1 breaks them all";
      }
      return undefined;
    }
    case "decimal":
      return DECIMAL.test(v) ? undefined : `is not a decimal number, which ${name} takes (listConfigurations type ${type}): ${notValid("Float")}, or Double per the setting`;
    case "range":
      if (!DECIMAL.test(v)) return `is not a number from 0 to 1, which ${name} takes (listConfigurations type ${type}): ${notValid("Float")}`;
      return Number(v) < 0 || Number(v) > 1
        ? `is not from 0 to 1: CloudStack refuses it ("Please enter a value between 0 and 1 for the configuration parameter: [${name}].")`
        : undefined;
    case "boolean":
      // updateConfiguration lowercases a Boolean setting's value first.
      return ["true", "false"].includes(v.toLowerCase())
        ? undefined
        : `is not true or false, which ${name} takes (listConfigurations type ${type}): CloudStack refuses it ("Value [${v.toLowerCase()}] is not a valid [class java.lang.Boolean].")`;
    default:
      return undefined;
  }
}

/** The value against the setting's type, read with listConfigurations. */
async function valueFailures(client: () => Promise<CloudStackClient>, inputs: PropertyMap, known: (key: string) => boolean): Promise<CheckFailure[]> {
  const { name, value } = inputs;
  if (!known("name") || !known("value") || typeof name !== "string" || typeof value !== "string") return [];
  let found: ApiObject | undefined;
  try {
    found = await lookUp(await client(), { name });
  } catch (err) {
    // Not allowed to list settings (not a root admin): updateConfiguration will say so.
    if (err instanceof CloudStackApiError) return [];
    throw err;
  }
  // An unknown setting is CloudStack's to refuse ("Invalid configuration variable.").
  if (!found || typeof found.type !== "string") return [];
  const problem = valueProblem(name, found.type, value);
  return problem ? [failure("value", value, problem)] : [];
}

export const configurationSettingSpec = defineSpec({
  kind: "ConfigurationSetting",
  description:
    "A CloudStack configuration value at global, zone, account or domain scope (e.g. use.system.public.ips for one account). Deleting it restores the value it found.",
  inputs: configurationSettingInputs,
  attributes: z.object({
    zoneId: text("The id of the zone, for a zone-scoped value."),
    accountId: text("The id of the account, for an account-scoped value."),
    domainId: text("The id of the domain, for a domain-scoped value."),
    priorValue: text("The value CloudStack reported at this scope before the resource set it; deleting the resource restores it (null: reset to the default)."),
    defaultValue: text("The setting's default value."),
    scope: text("The scope CloudStack reports for the value: global, zone, account or domain."),
    category: text("The setting's category."),
    description: text("What the setting does, in CloudStack's words."),
    isDynamic: flag("Whether a change takes effect without restarting the management server."),
  }),
  references: {
    zone: { idProperty: "zoneId", kind: zoneReference },
    account: { idProperty: "accountId", kind: accountReference },
    domain: { idProperty: "domainId", kind: domainReference },
  },
  inPlace: { value: true },
  equal: { value: sameValue },
  validate: (inputs, known) => scopeFailures(inputs, known),
  checkWithApi: valueFailures,
  deleteBeforeReplace: samePlacement,

  async create(client, inputs, ids) {
    const placement = placementOf(inputs.name, ids);
    const found = await lookUp(client, placement);
    // Setting a value twice is harmless, and the prior value must stay the one read first.
    const config = await setValueAgainIfUnanswered(client, placement, inputs.value);
    return withFacts(config, placement, found?.value);
  },

  async read(client, id, olds) {
    const placement = parsePlacementId(id);
    if (!placement) throw new Error(`ConfigurationSetting id ${JSON.stringify(id)} is not "global/<name>" or "<zone|account|domain>/<uuid>/<name>"`);
    const config = await lookUp(client, placement);
    if (!config) return undefined;
    // Adopted or read without outputs: the value found now is the one to restore.
    const prior = olds.priorValue !== undefined ? olds.priorValue : config.value;
    return withFacts(config, placement, prior);
  },

  async update(client, id, olds, news) {
    const placement = parsePlacementId(id) ?? placementOf(news.name, {});
    return withFacts(await setValue(client, placement, news.value), placement, olds.priorValue);
  },

  async delete(client, id, object) {
    const placement = placementFrom(object);
    const prior = object[EXTRA].priorValue;
    if (typeof prior === "string") {
      await setValue(client, placement, prior);
    } else {
      await client.execute("resetConfiguration", { name: placement.name, ...scopeParams(placement) });
    }
  },

  idOf: (object) => object[EXTRA].placementId,

  inputsOf(object) {
    const placement = placementFrom(object);
    const inputs: PropertyMap = { name: textOrNull(object.name) ?? placement.name, value: typeof object.value === "string" ? object.value : null };
    if (placement.scope) inputs[placement.scope.kind] = placement.scope.id;
    return inputs;
  },

  idsOf(object) {
    const placement = placementFrom(object);
    if (!placement.scope) return {};
    const scope = SCOPES.find((s) => s.input === placement.scope!.kind)!;
    return { [scope.idProperty]: placement.scope.id };
  },

  attributesOf(object) {
    // The scope's ids are null here: the resolved ids of a scoped value override them.
    return { zoneId: null, accountId: null, domainId: null, priorValue: object[EXTRA].priorValue };
  },

  errors: [
    { text: "Invalid scope id provided for the parameter <name>", why: "The setting does not exist at that scope: check its scope in listConfigurations." },
    { text: "Value [<value>] is not a valid [class java.lang.Integer].", why: "The setting takes a whole number." },
  ],
});
