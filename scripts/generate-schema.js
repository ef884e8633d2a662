#!/usr/bin/env node
// Generates schema.json, the Pulumi package schema, from the compiled resource specs in
// dist/provider: one resource per spec, properties and descriptions from the zod schemas.
// Usage: npm run build && node scripts/generate-schema.js [--check]
"use strict";
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const schemaPath = path.join(root, "schema.json");

/**
 * A zod field as a Pulumi propertySpec (type + description). An object field becomes a named
 * type in `types` (Pulumi's schema has no inline object types), referenced by `$ref`.
 */
function propertySpec(field, typeName, types) {
  let inner = field;
  while (inner.def.type === "optional" || inner.def.type === "nullable" || inner.def.type === "default") {
    inner = inner.def.innerType;
  }
  const description = field.description ?? inner.description;
  let spec;
  switch (inner.def.type) {
    case "string":
    case "enum":
      spec = { type: "string" };
      break;
    case "boolean":
      spec = { type: "boolean" };
      break;
    case "number":
      spec = { type: inner.format === "safeint" ? "integer" : "number" };
      break;
    case "record":
      spec = { type: "object", additionalProperties: propertySpec(inner.def.valueType, typeName, types) };
      delete spec.additionalProperties.description;
      break;
    case "array":
      spec = { type: "array", items: propertySpec(inner.def.element, typeName, types) };
      delete spec.items.description;
      break;
    case "object": {
      const token = `cloudstack:index:${typeName}`;
      const properties = {};
      const required = [];
      for (const [name, member] of Object.entries(inner.def.shape)) {
        properties[name] = propertySpec(member, `${typeName}${name[0].toUpperCase()}${name.slice(1)}`, types);
        if (!isOptional(member) && !member.safeParse(null).success) required.push(name);
      }
      types[token] = { type: "object", properties, required };
      spec = { $ref: `#/types/${token}` };
      break;
    }
    default:
      throw new Error(`no schema mapping for zod type ${inner.def.type}`);
  }
  if (description) spec.description = description;
  return spec;
}

/** "networks" -> "Network", "nics" -> "Nic": the name of one element's type. */
function elementName(property) {
  const singular = property.endsWith("s") ? property.slice(0, -1) : property;
  return singular[0].toUpperCase() + singular.slice(1);
}

function isOptional(field) {
  return field.safeParse(undefined).success;
}

function resourceSpec(spec, types) {
  const inputProperties = {};
  const requiredInputs = [];
  for (const [name, field] of Object.entries(spec.inputs.shape)) {
    const property = propertySpec(field, `${spec.kind}${elementName(name)}`, types);
    if (spec.inPlace[name] === undefined) property.replaceOnChanges = true;
    inputProperties[name] = property;
    if (!isOptional(field)) requiredInputs.push(name);
  }
  // Every kind takes importId (the adapter adds it): the id of an existing object to adopt.
  inputProperties.importId = {
    type: "string",
    description:
      "The id of an existing object to adopt instead of creating one (dynamic resources cannot use `pulumi import`). Create fails, creating nothing, when the object does not exist or differs in an input that forces a replacement.",
    replaceOnChanges: true,
  };
  const properties = {};
  for (const [name, property] of Object.entries(inputProperties)) {
    if (name === "importId") continue;
    const { replaceOnChanges: _inputOnly, ...output } = property;
    properties[name] = output;
  }
  const required = [...requiredInputs];
  for (const [name, field] of Object.entries(spec.attributes.shape)) {
    properties[name] = propertySpec(field, `${spec.kind}${elementName(name)}`, types);
    if (!isOptional(field) && !field.safeParse(null).success) required.push(name);
  }
  properties.stateVersion = { type: "integer", description: "The version of the output layout, for upgrades of the package." };
  required.push("stateVersion");
  return { description: spec.description, properties, required, inputProperties, requiredInputs };
}

/** A lookup function as a Pulumi function spec: every argument optional, nullable results not required. */
function functionSpec(fn, types) {
  const typeName = fn.name[0].toUpperCase() + fn.name.slice(1);
  const inputs = {};
  for (const [name, field] of Object.entries(fn.args.shape)) inputs[name] = propertySpec(field, `${typeName}${elementName(name)}`, types);
  const outputs = {};
  const required = [];
  for (const [name, field] of Object.entries(fn.result.shape)) {
    outputs[name] = propertySpec(field, `${typeName}Result${elementName(name)}`, types);
    if (!isOptional(field) && !field.safeParse(null).success) required.push(name);
  }
  return {
    description: `${fn.description} Fails when no object or several match, naming the arguments and the candidates.`,
    inputs: { properties: inputs, required: [] },
    outputs: { properties: outputs, required },
  };
}

function buildSchema() {
  const { specs } = require(path.join(root, "dist", "provider"));
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  const resources = {};
  const types = {};
  for (const kind of Object.keys(specs).sort()) resources[`cloudstack:index:${kind}`] = resourceSpec(specs[kind], types);
  const { functions: lookups } = require(path.join(root, "dist", "provider", "functions"));
  const functions = {};
  for (const name of Object.keys(lookups).sort()) functions[`cloudstack:index:${name}`] = functionSpec(lookups[name], types);
  return {
    name: "cloudstack",
    displayName: "Apache CloudStack",
    version: pkg.version,
    description: pkg.description,
    keywords: ["pulumi", "cloudstack", "networking", "category/cloud"],
    license: pkg.license,
    config: {
      variables: {
        apiUrl: {
          type: "string",
          description: "The CloudStack API endpoint, e.g. https://cloud.example.com/client/api.",
          defaultInfo: { environment: ["CLOUDSTACK_API_URL"] },
        },
        apiKey: { type: "string", description: "The API key.", defaultInfo: { environment: ["CLOUDSTACK_API_KEY"] } },
        secretKey: {
          type: "string",
          description: "The secret key (set it with --secret).",
          secret: true,
          defaultInfo: { environment: ["CLOUDSTACK_SECRET_KEY"] },
        },
        insecure: {
          type: "boolean",
          description: "Skip TLS certificate verification (only when set to true).",
          defaultInfo: { environment: ["CLOUDSTACK_INSECURE"] },
        },
        maxInFlight: {
          type: "integer",
          description: "How many API requests one provider process keeps in flight at most (default 8).",
          defaultInfo: { environment: ["CLOUDSTACK_MAX_IN_FLIGHT"] },
        },
        maxRequestsPerSecond: {
          type: "number",
          description:
            "How many API requests one provider process sends per second at most, e.g. below the account's api.throttling.max (default: no limit; CloudStack's refusals at its API limit are always waited out and retried).",
          defaultInfo: { environment: ["CLOUDSTACK_MAX_REQUESTS_PER_SECOND"] },
        },
      },
    },
    ...(Object.keys(types).length > 0 ? { types } : {}),
    resources,
    functions,
    language: { nodejs: { packageName: "pulumi-cloudstack" } },
  };
}

function render() {
  return `${JSON.stringify(buildSchema(), null, 2)}\n`;
}

if (require.main === module) {
  const text = render();
  if (process.argv.includes("--check")) {
    const current = fs.existsSync(schemaPath) ? fs.readFileSync(schemaPath, "utf8") : "";
    if (current !== text) {
      console.error("schema.json is out of date: run `npm run build && node scripts/generate-schema.js`");
      process.exit(1);
    }
  } else {
    fs.writeFileSync(schemaPath, text);
    console.log(`wrote ${path.relative(process.cwd(), schemaPath)}`);
  }
}

module.exports = { buildSchema, render };
