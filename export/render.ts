// Writes the Pulumi program: one `new cloudstack.<Kind>(name, { ...inputs, importId })` per
// object, in the catalogue's order, with every input that names an object declared earlier
// written as that resource's `id` (the specs' declared references, list references, and plain
// id inputs such as a rule's ipAddressId), and secret inputs taken from the stack config.
import { specs } from "../provider";
import type { ResourceSpec } from "../provider/adapter/spec";
import type { PropertyMap } from "../provider/adapter/types";
import { inputKeys } from "../provider/adapter/check/inputs";
import type { ExportedObject } from "./collect";
import { baseName, NamePool } from "./names";

/** An input written as another resource's id. */
class Reference {
  constructor(readonly variable: string) {}
}

/** An input taken from the stack config as a secret. */
class ConfigSecret {
  constructor(readonly key: string) {}
}

type Value = Reference | ConfigSecret | string | number | boolean | null | Value[] | { [key: string]: Value };

/** A secret input the program reads from the stack config, and what the user sets it to. */
export interface NeededSecret {
  readonly configKey: string;
  readonly resource: string;
  readonly input: string;
  /** True when CloudStack does not give the value back (a VPN user's password). */
  readonly unreadable: boolean;
}

export interface RenderedProgram {
  readonly source: string;
  readonly secrets: readonly NeededSecret[];
  /** Resource names by kind and id, in program order. */
  readonly resources: ReadonlyArray<{ readonly kind: string; readonly id: string; readonly name: string }>;
}

export interface RenderOptions {
  /** What the program adopts, for its header (e.g. "the caller's own objects"). */
  readonly scopeText: string;
  /** What the exporter left out, for the header. */
  readonly leftOut: readonly string[];
}

const sameId = (a: string) => a.toLowerCase();

/** The ids of the objects declared so far, and their variables; the first declared wins. */
class Declared {
  private readonly byId = new Map<string, { variable: string; key: string }>();
  add(id: string, variable: string, key: string): void {
    if (!this.byId.has(sameId(id))) this.byId.set(sameId(id), { variable, key });
  }
  get(value: unknown): { variable: string; key: string } | undefined {
    return typeof value === "string" ? this.byId.get(sameId(value)) : undefined;
  }
}

/** Every string of `value` that is the id of a declared object, as a reference to it. */
function referencesIn(value: unknown, declared: Declared): Value {
  if (value instanceof Reference || value instanceof ConfigSecret) return value;
  const found = declared.get(value);
  if (found) return new Reference(found.variable);
  if (Array.isArray(value)) return value.map((item) => referencesIn(item, declared));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value as PropertyMap).map(([key, item]) => [key, referencesIn(item, declared)]));
  }
  return value as Value;
}

/** The inputs with references to declared objects, in the order the spec declares them. */
function inputValues(spec: ResourceSpec, object: ExportedObject, declared: Declared): Array<[string, Value]> {
  const out: Array<[string, Value]> = [];
  for (const key of inputKeys(spec)) {
    const value = object.inputs[key];
    if (value === undefined || value === null) continue;
    const reference = spec.references[key];
    const target = reference ? declared.get(object.outputs[reference.idProperty]) : undefined;
    if (target) {
      out.push([key, new Reference(target.variable)]);
      continue;
    }
    const list = spec.listReferences?.[key];
    const ids = list ? object.outputs[list.idProperty] : undefined;
    if (list && Array.isArray(value) && Array.isArray(ids)) {
      const items = value.map((item, i) => {
        const itemTarget = declared.get(ids[i]);
        return itemTarget && item !== null && typeof item === "object" ? { ...(item as PropertyMap), [list.field]: new Reference(itemTarget.variable) } : item;
      });
      out.push([key, referencesIn(items, declared)]);
      continue;
    }
    out.push([key, referencesIn(value, declared)]);
  }
  return out;
}

/** The name key of the first declared object this one refers to (its public IP, its VPC). */
function parentKey(spec: ResourceSpec, object: ExportedObject, declared: Declared): string | undefined {
  for (const reference of Object.values(spec.references)) {
    const found = declared.get(object.outputs[reference.idProperty]);
    if (found) return found.key;
  }
  for (const key of inputKeys(spec)) {
    const found = declared.get(object.inputs[key]);
    if (found) return found.key;
  }
  return undefined;
}

function isOptional(spec: ResourceSpec, key: string): boolean {
  const field = spec.inputs.shape[key] as { isOptional?: () => boolean } | undefined;
  return field?.isOptional?.() ?? true;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function expression(value: Value): string {
  if (value instanceof Reference) return `${value.variable}.id`;
  if (value instanceof ConfigSecret) return `config.requireSecret(${JSON.stringify(value.key)})`;
  if (Array.isArray(value)) return `[${value.map(expression).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(([key, item]) => `${IDENTIFIER.test(key) ? key : JSON.stringify(key)}: ${expression(item)}`);
    return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
  }
  return JSON.stringify(value);
}

function header(options: RenderOptions, secrets: readonly NeededSecret[]): string[] {
  const lines = [
    "// Generated by cloudstack-export: every object below exists already and is adopted through",
    "// importId, so the first `pulumi up` takes them over without creating or changing anything.",
    `// Adopted: ${options.scopeText}.`,
    "// Left out, because CloudStack makes them by itself:",
    ...options.leftOut.map((item) => `//   - ${item}`),
  ];
  if (secrets.length > 0) {
    lines.push("// Secret inputs come from the stack config; set each before the first `pulumi up`:");
    for (const secret of secrets) {
      const why = secret.unreadable ? " (CloudStack never shows it: the object keeps the one it has)" : "";
      lines.push(`//   pulumi config set --secret ${secret.configKey} <${secret.input} of ${secret.resource}>${why}`);
    }
  }
  return lines;
}

/** The program for `objects`, given in the catalogue's order. */
export function renderProgram(objects: readonly ExportedObject[], options: RenderOptions): RenderedProgram {
  const declared = new Declared();
  const pool = new NamePool();
  const body: string[] = [];
  const secrets: NeededSecret[] = [];
  const resources: Array<{ kind: string; id: string; name: string }> = [];
  const kinds = [...new Set(objects.map((object) => object.kind))];
  for (const kind of kinds) {
    const spec: ResourceSpec = specs[kind];
    const named = objects
      .filter((object) => object.kind === kind)
      .map((object) => ({ object, base: baseName(kind, object.inputs, parentKey(spec, object, declared)) }))
      .sort((a, b) => compareText(a.base.name, b.base.name) || compareText(a.object.id, b.object.id));
    for (const { object, base } of named) {
      const { name, variable } = pool.take(base.name);
      const values = inputValues(spec, object, declared);
      for (const key of spec.secretOutputs ?? []) {
        if (!(key in spec.inputs.shape)) continue;
        const present = values.findIndex(([k]) => k === key);
        if (present < 0 && isOptional(spec, key)) continue;
        const configKey = `${variable}${key.charAt(0).toUpperCase()}${key.slice(1)}`;
        const secret = new ConfigSecret(configKey);
        if (present >= 0) values[present] = [key, secret];
        else values.push([key, secret]);
        secrets.push({ configKey, resource: name, input: key, unreadable: present < 0 });
      }
      values.push(["importId", object.id]);
      body.push("");
      body.push(`const ${variable} = new cloudstack.${kind}(${JSON.stringify(name)}, {`);
      for (const [key, value] of values) body.push(`  ${key}: ${expression(value)},`);
      body.push("});");
      declared.add(object.id, variable, base.key);
      resources.push({ kind, id: object.id, name });
    }
  }
  const lines = [
    ...header(options, secrets),
    'import * as pulumi from "@pulumi/pulumi";',
    'import * as cloudstack from "pulumi-cloudstack";',
    "",
    "const config = new pulumi.Config();",
    ...body,
    "",
  ];
  return { source: lines.join("\n"), secrets, resources };
}
