// What a resource kind declares, once, in provider/resources/<kind>.ts. The adapter
// (makeProvider) turns any spec into a dynamic provider.
import { z } from "zod";
import type { CloudStackClient } from "../client";
import { ReferenceKind } from "./check/reference";
import { ApiObject, CheckFailure, PropertyMap } from "./types";
import { booleanOrNull, listOf, numberOrNull, textOrNull } from "../resources/common/api-values";

/** An input naming another CloudStack object by name or id; check resolves it to `idProperty`. */
export interface ReferenceInput {
  readonly idProperty: string;
  readonly kind: ReferenceKind;
  /** The object's field holding the resolved id (e.g. "zoneid"); the default idsOf reads it back. */
  readonly field?: string;
  /**
   * The object's field holding the referenced object's name (e.g. "zonename"): the default
   * inputsOf reads the input back as that name, or as the id when the name is absent.
   */
  readonly nameField?: string;
  /**
   * Where the resource wants the object, from another reference's resolved id: e.g.
   * { param: "zoneid", idProperty: "zoneId" } looks for a template in the instance's zone first,
   * so that a namesake in another zone does not make the name ambiguous.
   */
  readonly preferIn?: { readonly param: string; readonly idProperty: string };
}

/**
 * A list input whose items each name another object in `field` (e.g. Instance
 * `networks[i].network`); check resolves them, in order, to the list of ids `idProperty`, and
 * diff compares those ids, so writing an id instead of a name is no change.
 */
export interface ListReferenceInput {
  readonly idProperty: string;
  readonly field: string;
  readonly kind: ReferenceKind;
}

/** What a create may stamp on the object it makes, so that a later attempt recognises it. */
export interface CreateStamp {
  /**
   * A UUID that is the same on every attempt of this create (same stack, resource, caller and
   * inputs); absent when the resource has no identity (a provider called without the sdk).
   */
  readonly token?: string;
  /**
   * True for the look before this process's first attempt of the create: nothing this process
   * sent can carry the token yet, so a recent list of the scope may answer it (listWhere).
   */
  readonly firstLook?: boolean;
  /**
   * True for the look after a create command got no answer (CloudStack may have run it): what it
   * made may not carry the token yet (a token applied by a later command of the create).
   */
  readonly afterLostAnswer?: boolean;
}

/**
 * How a kind whose create is a sync command (no job to look up) finds the object an earlier
 * attempt of the same create made. `when`:
 * - "before": looked up before every create, for kinds CloudStack would make twice (a Network,
 *   recognised by the create's token kept as its externalid);
 * - "afterFailure": only after a create failed or got no answer, for kinds CloudStack refuses
 *   to make twice (a range overlapping itself, a second static NAT on one IP): the refusal is
 *   how the earlier attempt shows.
 */
export interface Recognition<Inputs extends PropertyMap = PropertyMap, Read extends ApiObject = ApiObject> {
  readonly when: "before" | "afterFailure";
  find(client: CloudStackClient, inputs: Inputs, ids: ResolvedIds, lists: ResolvedIdLists, stamp: CreateStamp): Promise<Read | undefined>;
}

/** Where an object stands after its create answered. */
export type Readied = { readonly ready: true } | { readonly ready: false; readonly failed?: string; readonly progress?: string };

export interface Readiness<Read extends ApiObject = ApiObject> {
  /** What is awaited, for messages: "the template's download". */
  readonly awaited: string;
  /** Ready, still on its way (with what CloudStack says of it), or failed for good (with why). */
  state(object: Read): Readied;
  /** Whether recorded outputs show an object that was not ready yet. */
  pendingIn(outputs: PropertyMap): boolean;
}

/** Ids resolved by check, by idProperty (e.g. { zoneId: "..." }). */
export type ResolvedIds = Readonly<Record<string, string>>;

/** Lists of ids resolved by check for list references, by idProperty (e.g. { networkIds: [...] }). */
export type ResolvedIdLists = Readonly<Record<string, readonly string[]>>;

/**
 * `Read` is the object create, read and update return and the other functions receive: the API
 * object, plus a typed extra part (ApiObjectWith) when the read gathers more than one object.
 */
export interface ResourceSpec<Inputs extends PropertyMap = PropertyMap, Read extends ApiObject = ApiObject> {
  readonly kind: string;
  /** For schema.json and the docs. */
  readonly description: string;
  /** The version of the output layout this code writes; older state is migrated on the way in. */
  readonly stateVersion: number;
  /** Upgrades outputs written at version v to v + 1, keyed by v. */
  readonly migrations?: Readonly<Record<number, (outputs: PropertyMap) => PropertyMap>>;
  /** Every input, each field described. Field rules only; rules across fields go in validate. */
  readonly inputs: z.ZodObject<z.ZodRawShape>;
  /** Read-only outputs (beyond the inputs and the resolved ids), each field described. */
  readonly attributes: z.ZodObject<z.ZodRawShape>;
  readonly references: Readonly<Record<string, ReferenceInput>>;
  readonly listReferences?: Readonly<Record<string, ListReferenceInput>>;
  /** Optional inputs that CloudStack fills in when omitted: omitting one is not a change. */
  readonly defaultedByCloudStack: readonly string[];
  /**
   * Optional inputs whose output CloudStack always fills in (the address it picked), so the
   * output is never null: the sdk types them without null.
   */
  readonly alwaysOutput?: readonly string[];
  /**
   * CloudStack refusals users of the kind are likely to meet, in CloudStack's words (the
   * simulator's texts), and what to do: docs/resources/<kind>.md lists them.
   */
  readonly errors?: ReadonlyArray<{ readonly text: string; readonly why: string }>;
  /**
   * Inputs an update command accepts, so a change is applied in place; every other input forces
   * a replacement. A function decides from the old outputs (e.g. only for isolated networks).
   */
  readonly inPlace: Readonly<Record<string, true | ((olds: PropertyMap) => boolean)>>;
  /** How to compare one input's old and new values (default: structural, absent equals null). */
  readonly equal?: Readonly<Record<string, (a: unknown, b: unknown) => boolean>>;
  /** Rules across fields; `known(key)` is false for values unknown during preview. */
  validate?(inputs: Inputs, known: (key: string) => boolean): CheckFailure[];
  /**
   * Rules that need the API (e.g. a VPC tier's CIDR inside its VPC's), run by check after the
   * field rules and reference resolution. `inputs` are the inputs as given plus the resolved
   * ids; `known(key)` is false for a value unknown during preview, one that failed a field
   * rule, and an id that could not be resolved. Failures about such values are dropped.
   * `client()` gives the API client: called only when a rule applies, so that inputs with
   * nothing to look up need no credentials.
   */
  checkWithApi?(client: () => Promise<CloudStackClient>, inputs: PropertyMap, known: (key: string) => boolean): Promise<CheckFailure[]>;
  /** True when the replacement would collide with the old object (same CIDR, VLAN, IP...). */
  deleteBeforeReplace?(olds: PropertyMap, news: PropertyMap): boolean;
  /**
   * Outputs that must be secret: ones CloudStack generates (a pre-shared key) and inputs that are
   * secrets (a password). The sdk class marks them through additionalSecretOutputs and sends such
   * inputs as secrets, so that state never holds them in clear; check failures and adoption
   * errors never show their values.
   */
  readonly secretOutputs?: readonly string[];
  /**
   * True while the object is changing state (e.g. a network Implementing, an instance Stopping): delete
   * waits it out before deleting, within the delete deadline.
   */
  transitional?(object: Read): boolean;
  /**
   * For kinds CloudStack finishes after the create answered (a template downloading): create
   * waits until the object is ready, within the create deadline. One not ready by then is
   * recorded with the stack, and the next `up` waits for it again.
   */
  readonly readiness?: Readiness<Read>;

  /**
   * Finds the object an interrupted earlier attempt of a sync create made (async creates need
   * none: the adapter follows their jobs by customjobid). Kinds without it and without an async
   * create say in their docs what a user does after an interrupted create.
   */
  readonly recognise?: Recognition<Inputs, Read>;

  /**
   * Creates the object; a failure after it exists is a PartiallyCreatedError carrying it. The
   * client is the adapter's view: each async command it sends carries a job id derived from the
   * create's identity, so a rerun follows the earlier attempt's jobs instead of sending them again.
   */
  create(client: CloudStackClient, inputs: Inputs, ids: ResolvedIds, lists: ResolvedIdLists, stamp: CreateStamp): Promise<Read>;
  /** The object, or undefined when CloudStack says it is gone. `olds` carries the owner scope. */
  read(client: CloudStackClient, id: string, olds: PropertyMap): Promise<Read | undefined>;
  /** Applies the changed in-place inputs. */
  update(
    client: CloudStackClient,
    id: string,
    olds: PropertyMap,
    news: Inputs,
    ids: ResolvedIds,
    changed: readonly string[],
    lists: ResolvedIdLists,
  ): Promise<Read>;
  delete(client: CloudStackClient, id: string, object: Read, olds: PropertyMap): Promise<void>;

  idOf(object: Read): string;
  /**
   * The inputs as the object has them, in CloudStack's form; fields the API does not return are
   * taken from `olds`. Reference inputs carry the object's names.
   */
  inputsOf(object: Read, olds: PropertyMap): PropertyMap;
  /** The resolved ids as the object has them (e.g. { zoneId: object.zoneid }). */
  idsOf(object: Read): Record<string, string>;
  /** The id lists of the list references as the object has them (e.g. { networkIds: [...] }). */
  idListsOf?(object: Read): Record<string, string[]>;
  /** Read-only attributes; absent ones as null so the outputs keep a stable shape. */
  attributesOf(object: Read): PropertyMap;
}

/**
 * What a spec file writes: the parts that differ per kind. defineSpec supplies the rest:
 * - `idOf`: the object's `id`;
 * - `delete` given as a command name: that command with the object's id;
 * - `stateVersion`: 1 (a spec names its version once its outputs' layout has changed, beside the
 *   migrations from the earlier layouts);
 * - `references`: none; `defaultedByCloudStack`: none;
 * - `idsOf`: each reference's `field` read back from the object (absent ones left out);
 * - `inPlace`: nothing, and then `update` may be left out: it reads the object again, since the
 *   adapter calls it only to resume or re-apply a create;
 * - `inputsOf` and `attributesOf`: each input and attribute read from the object's field of the
 *   same name in lower case (`zoneId` from `zoneid`), as text, number, flag or list by its zod
 *   type, and a reference input from its `nameField`, else its `field`. What a spec gives is laid
 *   over that reading: it gives only the properties read otherwise (another field, `olds`, the
 *   extra part).
 */
export type SpecDeclaration<Inputs extends PropertyMap, Read extends ApiObject = ApiObject> = Omit<
  ResourceSpec<Inputs, Read>,
  "idOf" | "delete" | "references" | "defaultedByCloudStack" | "idsOf" | "inPlace" | "update" | "inputsOf" | "attributesOf" | "stateVersion"
> & {
  readonly stateVersion?: number;
  readonly inPlace?: ResourceSpec<Inputs, Read>["inPlace"];
  readonly update?: ResourceSpec<Inputs, Read>["update"];
  readonly references?: ResourceSpec<Inputs, Read>["references"];
  readonly defaultedByCloudStack?: readonly string[];
  /** The delete, or the name of the one command that deletes the object by id. */
  readonly delete: ResourceSpec<Inputs, Read>["delete"] | string;
  idOf?(object: Read): string;
  idsOf?(object: Read): Record<string, string>;
  inputsOf?(object: Read, olds: PropertyMap): PropertyMap;
  attributesOf?(object: Read): PropertyMap;
};

/** Lets a spec file type its inputs from its zod schema, and fills in what it leaves out. */
export function defineSpec<Schema extends z.ZodObject<z.ZodRawShape>, Read extends ApiObject = ApiObject>(
  declared: SpecDeclaration<z.infer<Schema>, Read> & { readonly inputs: Schema },
): ResourceSpec {
  const references = declared.references ?? {};
  const unread = Object.keys(references).filter((input) => references[input].field === undefined);
  // Without idsOf every reference must say where the object keeps its id, or its id would be
  // dropped from the outputs on every read.
  if (!declared.idsOf && unread.length > 0) {
    throw new Error(`${declared.kind}: reference ${unread.join(", ")} declares no field, so the spec must define idsOf`);
  }
  const inPlace = declared.inPlace ?? {};
  if (!declared.update && Object.keys(inPlace).length > 0) {
    throw new Error(`${declared.kind}: inputs change in place (${Object.keys(inPlace).join(", ")}), so the spec must define update`);
  }
  const deleteCommand = typeof declared.delete === "string" ? declared.delete : undefined;
  const spec: ResourceSpec<z.infer<Schema>, Read> = {
    ...declared,
    stateVersion: declared.stateVersion ?? 1,
    references,
    inPlace,
    update:
      declared.update ??
      (async (client, id, olds) => {
        const found = await declared.read(client, id, olds);
        if (!found) throw new Error(`${declared.kind} ${id} is gone`);
        return found;
      }),
    defaultedByCloudStack: declared.defaultedByCloudStack ?? [],
    delete:
      deleteCommand !== undefined
        ? async (client, id) => {
            await client.execute(deleteCommand, { id });
          }
        : (declared.delete as ResourceSpec<z.infer<Schema>, Read>["delete"]),
    idOf: declared.idOf ?? ((object: Read) => String(object.id)),
    idsOf: declared.idsOf ?? ((object: Read) => idsFromFields(object, references)),
    inputsOf: overFieldReading(declared.inputs, references, declared.inputsOf),
    attributesOf: overFieldReading(declared.attributes, {}, declared.attributesOf, resolvedIdProperties(declared)),
  };
  return spec as unknown as ResourceSpec;
}

/** Each reference's resolved id as the object has it in the reference's field. */
function idsFromFields(object: ApiObject, references: Readonly<Record<string, ReferenceInput>>): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const reference of Object.values(references)) {
    const value = reference.field === undefined ? undefined : object[reference.field];
    if (typeof value === "string" && value !== "") ids[reference.idProperty] = value;
  }
  return ids;
}

/** The properties idsOf and idListsOf fill in: the attribute reading leaves them to those. */
function resolvedIdProperties(declared: { references?: Readonly<Record<string, ReferenceInput>>; listReferences?: Readonly<Record<string, ListReferenceInput>> }): Set<string> {
  return new Set([...Object.values(declared.references ?? {}), ...Object.values(declared.listReferences ?? {})].map((r) => r.idProperty));
}

type FieldReader = (object: ApiObject) => unknown;

/** How a property of this zod type is read from an API field; undefined when no reading fits. */
function readerFor(field: z.ZodType, from: string): FieldReader | undefined {
  let inner = field;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable || inner instanceof z.ZodDefault) inner = inner.def.innerType as z.ZodType;
  switch (inner.def.type) {
    case "string":
    case "enum":
      return (object) => textOrNull(object[from]);
    case "number":
      return (object) => numberOrNull(object[from]);
    case "boolean":
      return (object) => booleanOrNull(object[from]);
    case "array":
      return inner instanceof z.ZodArray && inner.element instanceof z.ZodString ? (object) => listOf(object[from]) : undefined;
    default:
      return undefined;
  }
}

/**
 * Each property of `schema` but the `skipped` read from its lower-case field (a reference from its
 * name, else its id), with what `given` returns laid over it.
 */
export function overFieldReading<Read extends ApiObject, Rest extends unknown[]>(
  schema: z.ZodObject<z.ZodRawShape>,
  references: Readonly<Record<string, ReferenceInput>>,
  given: ((object: Read, ...rest: Rest) => PropertyMap) | undefined,
  skipped: ReadonlySet<string> = new Set(),
): (object: Read, ...rest: Rest) => PropertyMap {
  const readers: Array<[string, FieldReader]> = [];
  for (const [key, field] of Object.entries(schema.shape)) {
    if (skipped.has(key)) continue;
    const reference = references[key];
    if (reference) {
      const { nameField, field: idField } = reference;
      if (idField) readers.push([key, (object) => (nameField && textOrNull(object[nameField])) || textOrNull(object[idField])]);
    } else {
      const reader = readerFor(field as z.ZodType, key.toLowerCase());
      if (reader) readers.push([key, reader]);
    }
  }
  return (object, ...rest) => {
    const read: PropertyMap = {};
    for (const [key, reader] of readers) read[key] = reader(object);
    return given ? { ...read, ...given(object, ...rest) } : read;
  };
}
