// A lookup function built on one CloudStack list command: the arguments go to the command as
// its filters, the answer is narrowed to what the arguments say exactly (CloudStack matches some
// names as substrings, and resource tags with OR), and exactly one object must remain.
import { z } from "zod";
import { CloudStackApiError, type CloudStackClient, type Params } from "../client";
import { fieldFailures } from "../adapter/check/check";
import { renderValue } from "../adapter/check/failures";
import { overFieldReading } from "../adapter/spec";
import type { ApiObject, PropertyMap } from "../adapter/types";
import { tagsOf } from "../resources/common/api-values";
import { nonEmpty, uuid } from "../validation/fields";
import { LookupArgumentError, LookupError, type LookupFunction } from "./lookup-function";

export interface ListLookupDeclaration {
  readonly name: string;
  /** What one object is called in messages, e.g. "network offering". */
  readonly noun: string;
  readonly description: string;
  readonly listCommand: string;
  /** Arguments that find one object, for the docs' example. */
  readonly example: Readonly<Record<string, unknown>>;
  /** Parameters every call sends (e.g. templatefilter). */
  readonly fixedParams?: Params;
  /** The arguments; each is sent as the list parameter of its lower-cased name unless `paramNames` says otherwise. */
  readonly args: z.ZodRawShape;
  readonly paramNames?: Readonly<Record<string, string>>;
  /**
   * Arguments that only narrow the answer here, e.g. a default the list command does not take.
   * Each is a test on one object, given the argument's value.
   */
  readonly localFilters?: Readonly<Record<string, (item: ApiObject, value: unknown) => boolean>>;
  readonly result: z.ZodRawShape;
  /**
   * Result fields not read from the field of their lower-cased name; `rows` are every row the
   * command listed for the object (a template once per zone it is in).
   */
  resultOf?(item: ApiObject, rows: readonly ApiObject[]): PropertyMap;
  /** The field that names an object in messages; "name" by default. */
  readonly labelField?: string;
}

/** Arguments that decide whose objects are listed: kept when listing the candidates of a failed match. */
const SCOPE_PARAMS = new Set(["account", "domainid", "projectid"]);
const MAX_CANDIDATES = 10;

/** `getZone({ name: "a" })`: the call as a user wrote it, for messages. */
export function describeCall(name: string, args: Readonly<Record<string, unknown>>): string {
  const given = Object.entries(args).filter(([, value]) => value !== undefined && value !== null);
  if (given.length === 0) return `${name}()`;
  return `${name}({ ${given.map(([key, value]) => `${key}: ${renderValue(value)}`).join(", ")} })`;
}

function tagsParam(tags: Readonly<Record<string, string>>): Array<Record<string, string>> {
  return Object.entries(tags).map(([key, value]) => ({ key, value }));
}

function hasTags(item: ApiObject, wanted: Readonly<Record<string, string>>): boolean {
  const tags = tagsOf(item);
  return Object.entries(wanted).every(([key, value]) => tags[key] === value);
}

/** Rows of one object grouped by id, in list order (a template is listed once per zone). */
function groupById(items: readonly ApiObject[]): ApiObject[][] {
  const groups = new Map<string, ApiObject[]>();
  for (const item of items) {
    const id = String(item.id).toLowerCase();
    const rows = groups.get(id);
    if (rows) rows.push(item);
    else groups.set(id, [item]);
  }
  return [...groups.values()];
}

export function listLookup(declaration: ListLookupDeclaration): LookupFunction {
  const args = z.object(declaration.args).strict();
  const result = z.object(declaration.result).strict();
  const label = declaration.labelField ?? "name";
  const plural = `${declaration.noun}s`;
  const readResult = overFieldReading(result, {}, declaration.resultOf);
  const paramOf = (key: string) => declaration.paramNames?.[key] ?? key.toLowerCase();

  function describeItem(item: ApiObject): string {
    const details = [`id ${String(item.id)}`];
    for (const [field, word] of [["zonename", "zone"], ["vpcname", "VPC"], ["state", "state"], ["account", "account"], ["project", "project"]] as const) {
      if (typeof item[field] === "string" && item[field] !== "") details.push(`${word} ${String(item[field])}`);
    }
    return `${renderValue(String(item[label] ?? ""))} (${details.join(", ")})`;
  }

  function candidateList(groups: readonly ApiObject[][]): string {
    if (groups.length === 0) return "there are none";
    const shown = groups.slice(0, MAX_CANDIDATES).map((rows) => describeItem(rows[0]));
    const more = groups.length > MAX_CANDIDATES ? `, and ${groups.length - MAX_CANDIDATES} more` : "";
    return shown.join(", ") + more;
  }

  function paramsOf(given: PropertyMap): Params {
    const params: Params = { ...declaration.fixedParams };
    for (const [key, value] of Object.entries(given)) {
      if (value === undefined || declaration.localFilters?.[key]) continue;
      params[paramOf(key)] = key === "tags" ? tagsParam(value as Record<string, string>) : (value as Params[string]);
    }
    return params;
  }

  /** The list, or the CloudStack refusal of a parameter that names nothing (431: an unknown id). */
  async function listOrRefusal(client: CloudStackClient, params: Params): Promise<ApiObject[] | CloudStackApiError> {
    try {
      return await client.list<ApiObject>(declaration.listCommand, params);
    } catch (err) {
      if (err instanceof CloudStackApiError && err.errorcode === 431) return err;
      throw err;
    }
  }

  /** What the caller could have meant: the objects listed in the same scope without the other filters. */
  async function candidates(client: CloudStackClient, params: Params): Promise<string> {
    const scope: Params = { ...declaration.fixedParams };
    for (const [param, value] of Object.entries(params)) if (SCOPE_PARAMS.has(param)) scope[param] = value;
    const listed = await listOrRefusal(client, scope);
    return listed instanceof CloudStackApiError ? `CloudStack refused to list them: ${listed.errortext}` : `candidates: ${candidateList(groupById(listed))}`;
  }

  function matches(item: ApiObject, given: PropertyMap): boolean {
    if (typeof given.id === "string" && String(item.id).toLowerCase() !== given.id.toLowerCase()) return false;
    if (typeof given.name === "string" && item.name !== given.name) return false;
    if (given.tags !== undefined && !hasTags(item, given.tags as Record<string, string>)) return false;
    return Object.entries(declaration.localFilters ?? {}).every(([key, test]) => given[key] === undefined || test(item, given[key]));
  }

  return {
    name: declaration.name,
    description: declaration.description,
    listCommand: declaration.listCommand,
    example: declaration.example,
    args,
    result,
    async call(client, raw) {
      const defined = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined && value !== null));
      const parsed = args.safeParse(defined);
      if (!parsed.success) {
        const failures = fieldFailures({ kind: declaration.name, inputs: args, inputWord: "argument" }, parsed.error.issues, defined);
        throw new LookupArgumentError(`invalid arguments to ${describeCall(declaration.name, defined)}:\n${failures.map((f) => `  - ${f.reason}`).join("\n")}`);
      }
      const given = parsed.data as PropertyMap;
      const call = describeCall(declaration.name, given);
      const params = paramsOf(given);
      const listed = await listOrRefusal(client, params);
      if (listed instanceof CloudStackApiError) {
        throw new LookupError(`${call} matched no ${declaration.noun}: CloudStack answered ${listed.errorcode} "${listed.errortext}"`, 0);
      }
      const found = groupById(listed.filter((item) => matches(item, given)));
      if (found.length === 1) {
        const [item] = found[0];
        const read = readResult(item, found[0]);
        if ("tags" in declaration.result && read.tags === undefined) read.tags = tagsOf(item);
        return read;
      }
      if (found.length === 0) {
        throw new LookupError(`${call} matched no ${declaration.noun}; ${await candidates(client, params)}`, 0);
      }
      throw new LookupError(
        `${call} matched ${found.length} ${plural}; add arguments that tell them apart (e.g. its id): ${candidateList(found)}`,
        found.length,
      );
    },
  };
}

// Argument and result fragments the lookups share.

const uuidArg = (description: string) => uuid().optional().describe(description);

export const idArg = (noun: string) => uuidArg(`The id of the ${noun}.`);
export const nameArg = (noun: string) => nonEmpty().optional().describe(`The name of the ${noun}, matched exactly.`);
export const keywordArg = (what: string) => nonEmpty().optional().describe(`A word the ${what} contains (CloudStack's keyword search, case-insensitive).`);
export const tagsArg = (noun: string) =>
  z.record(z.string(), z.string()).optional().describe(`Resource tags the ${noun} has, every one with this value.`);
export const zoneIdArg = (noun: string) => uuidArg(`The id of the zone the ${noun} is in (e.g. getZone's \`id\`).`);
export const domainIdArg = (noun: string) => uuidArg(`The id of the domain of the ${noun}.`);

/** account + domainId or projectId: whose objects are searched (the caller's own when omitted). */
export const ownerArgs = (plural: string) => ({
  account: nonEmpty().optional().describe(`Search the ${plural} of this account (with \`domainId\`); the caller's own when omitted.`),
  domainId: uuidArg(`The account's domain (with \`account\`), or the domain whose ${plural} to search.`),
  projectId: uuidArg(`Search the ${plural} of this project (e.g. getProject's \`id\`).`),
});

const text = (description: string) => z.string().nullable().describe(description);
export const resultFields = {
  id: (noun: string) => z.string().describe(`The id of the ${noun}.`),
  name: (noun: string) => z.string().describe(`The name of the ${noun}.`),
  text,
  flag: (description: string) => z.boolean().nullable().describe(description),
  number: (description: string) => z.number().nullable().describe(description),
  tags: () => z.record(z.string(), z.string()).describe("Its resource tags."),
  owner: () => ({
    account: text("The owning account, if any."),
    domainId: text("The id of the owner's domain."),
    domain: text("The name of the owner's domain."),
    projectId: text("The id of the owning project, if any."),
    project: text("The name of the owning project, if any."),
  }),
};
