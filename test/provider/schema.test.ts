// schema.json: generated from the specs, up to date, and shaped as the Pulumi package
// metaschema requires (its required keys and patterns, checked by hand here).
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { specs } from "../../provider";
import { functions } from "../../provider/functions";

const root = path.resolve(__dirname, "..", "..", "..");
const generator = require(path.join(root, "scripts", "generate-schema.js")) as { render(): string };

// Patterns from the metaschema: package name, semver version, type token.
const NAME = /^[a-zA-Z][-a-zA-Z0-9_]*$/;
const SEMVER = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const TOKEN = /^[a-zA-Z][-a-zA-Z0-9_]*:([^0-9][a-zA-Z0-9._/-]*)?:[^0-9][a-zA-Z0-9._/]*$/;
const PRIMITIVES = ["boolean", "integer", "number", "string"];

type PropertySpec = {
  type?: string;
  $ref?: string;
  description?: string;
  additionalProperties?: PropertySpec;
  items?: PropertySpec;
};

const schemaTypes = (): Record<string, { type?: string; properties?: Record<string, PropertySpec> }> =>
  (JSON.parse(fs.readFileSync(path.join(root, "schema.json"), "utf8")).types ?? {}) as Record<
    string,
    { type?: string; properties?: Record<string, PropertySpec> }
  >;

function assertTypeSpec(where: string, spec: PropertySpec): void {
  assert.ok(spec && typeof spec === "object", `${where} is an object`);
  if (spec.$ref !== undefined) {
    // A reference to an object type of this package: it must be declared under "types".
    const token = spec.$ref.replace(/^#\/types\//, "");
    assert.match(token, TOKEN, `${where}: $ref ${spec.$ref}`);
    const declared = schemaTypes()[token];
    assert.ok(declared && declared.type === "object" && declared.properties, `${where}: type ${token} is declared`);
  } else if (spec.type === "object") {
    assert.ok(spec.additionalProperties, `${where}: a map type names its element type`);
    assertTypeSpec(`${where}.additionalProperties`, spec.additionalProperties!);
  } else if (spec.type === "array") {
    assertTypeSpec(`${where}.items`, spec.items!);
  } else {
    assert.ok(PRIMITIVES.includes(String(spec.type)), `${where}: type ${spec.type} is a primitive`);
  }
}

describe("schema.json", () => {
  const text = fs.readFileSync(path.join(root, "schema.json"), "utf8");
  const schema = JSON.parse(text) as Record<string, unknown>;

  it("is what scripts/generate-schema.js generates from the specs", () => {
    assert.strictEqual(text, generator.render(), "run `npm run build && node scripts/generate-schema.js`");
  });

  it("has the package metaschema's required top-level shape", () => {
    assert.strictEqual(typeof schema.name, "string");
    assert.match(schema.name as string, NAME);
    assert.strictEqual(schema.name, "cloudstack");
    assert.match(String(schema.version), SEMVER);
    for (const key of ["displayName", "description", "license"]) assert.strictEqual(typeof schema[key], "string", key);
    assert.ok(Array.isArray(schema.keywords));
    const variables = (schema.config as { variables: Record<string, PropertySpec & { secret?: boolean }> }).variables;
    for (const [name, spec] of Object.entries(variables)) assertTypeSpec(`config.${name}`, spec);
    assert.strictEqual(variables.secretKey.secret, true);
  });

  it("describes every resource with typed, described properties", () => {
    const resources = schema.resources as Record<string, Record<string, unknown>>;
    assert.deepStrictEqual(Object.keys(resources), Object.keys(specs).sort().map((kind) => `cloudstack:index:${kind}`));
    for (const [token, resource] of Object.entries(resources)) {
      assert.match(token, TOKEN);
      assert.strictEqual(typeof resource.description, "string");
      const inputs = resource.inputProperties as Record<string, PropertySpec>;
      const outputs = resource.properties as Record<string, PropertySpec>;
      for (const [name, spec] of [...Object.entries(inputs), ...Object.entries(outputs)]) {
        assertTypeSpec(`${token}.${name}`, spec);
        assert.ok(spec.description && spec.description.length > 0, `${token}.${name} has a description`);
      }
      for (const name of resource.requiredInputs as string[]) assert.ok(name in inputs, `required input ${name} is declared`);
      for (const name of resource.required as string[]) assert.ok(name in outputs, `required output ${name} is declared`);
      for (const name of Object.keys(inputs)) {
        // importId only steers create; the adopted object's own id is the resource id.
        if (name !== "importId") assert.ok(name in outputs, `input ${name} is an output too`);
      }
      assert.strictEqual(inputs.importId?.type, "string", `${token} takes importId`);
    }
    const network = resources["cloudstack:index:Network"];
    assert.deepStrictEqual(network.requiredInputs, ["name", "zone", "networkOffering"]);
    const inputs = network.inputProperties as Record<string, { replaceOnChanges?: boolean }>;
    assert.strictEqual(inputs.zone.replaceOnChanges, true);
    assert.strictEqual(inputs.name.replaceOnChanges, undefined);
  });

  it("declares every lookup function with described inputs and outputs", () => {
    const declared = schema.functions as Record<string, { description: string; inputs: { properties: Record<string, PropertySpec>; required: string[] }; outputs: { properties: Record<string, PropertySpec>; required: string[] } }>;
    assert.deepStrictEqual(Object.keys(declared), Object.keys(functions).sort().map((name) => `cloudstack:index:${name}`));
    for (const [token, fn] of Object.entries(declared)) {
      assert.match(token, TOKEN);
      assert.ok(fn.description.length > 0, `${token} is described`);
      assert.deepStrictEqual(fn.inputs.required, [], `${token}: every argument is optional`);
      for (const [name, spec] of [...Object.entries(fn.inputs.properties), ...Object.entries(fn.outputs.properties)]) {
        assertTypeSpec(`${token}.${name}`, spec);
        assert.ok(spec.description && spec.description.length > 0, `${token}.${name} has a description`);
      }
      for (const name of fn.outputs.required) assert.ok(name in fn.outputs.properties, `${token}: required output ${name} is declared`);
      assert.ok(fn.outputs.required.includes("id"), `${token} always returns an id`);
    }
    assert.deepStrictEqual(declared["cloudstack:index:getZone"].inputs.properties.networkType.type, "string");
    assert.strictEqual(declared["cloudstack:index:getNetwork"].inputs.properties.tags.type, "object");
  });
});
