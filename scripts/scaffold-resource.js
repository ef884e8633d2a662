#!/usr/bin/env node
// Starts a new resource kind: writes the touch points of docs/adding-a-resource.md that follow
// from the kind's name alone (a minimal spec, the registry lines, a samples stub, a provider
// test that fails until the kind works) and prints the steps left to do by hand.
// Usage: node scripts/scaffold-resource.js KindName [--root DIR]
//   --root DIR  the checkout to write into (default: this one); it must hold provider/index.ts
//               and test/support/kind-samples.ts.
"use strict";
const fs = require("fs");
const path = require("path");

const KIND_RULE = "must be PascalCase: a capital letter, then letters and digits (e.g. VpnGateway)";

/** "VpnGateway" -> ["vpn", "gateway"]; runs of capitals stay one word ("VPCOffering" -> vpc, offering). */
function words(kind) {
  return kind
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toLowerCase()
    .split(" ");
}

function names(kind) {
  const parts = words(kind);
  const camel = kind[0].toLowerCase() + kind.slice(1);
  return { kind, file: parts.join("-"), camel, noun: `the ${parts.join(" ")}`, lower: parts.join("") };
}

function specSource(n) {
  return `// ${n.kind}: what it manages (create${n.kind}, delete${n.kind}, list${n.kind}s: check these against
// shared/cloudstack-api/commands.json and cite the CloudStack class that decides each rule).
import { z } from "zod";
import { defineSpec } from "../adapter/spec";
import { inputParams } from "./common/api-params";
import { text } from "./common/attributes";
import { inputObject, nameInput } from "./common/inputs";
import { executeForObject } from "./common/job-result";
import { scopedReader } from "./common/scoped-lookup";

export const ${n.camel}Inputs = inputObject({
  name: nameInput("${n.noun}", "Changing it replaces ${n.noun}."),
});

export const ${n.camel}Spec = defineSpec({
  kind: "${n.kind}",
  description: "Describe ${n.noun} for schema.json and the docs.",
  inputs: ${n.camel}Inputs,
  attributes: z.object({
    state: text("The state CloudStack reports for ${n.noun}."),
  }),

  create: (client, inputs) => executeForObject(client, "create${n.kind}", inputParams(inputs, "name"), "${n.lower}"),
  read: scopedReader("list${n.kind}s"),
  delete: "delete${n.kind}",
});
`;
}

function testSource(n) {
  return `// ${n.kind} against the simulator over real HTTP: each sample of test/support/kind-samples.ts
// is created and plans no change after. Add the kind's own cases: in-place updates, replacement,
// drift, out-of-band delete, bad input, delete twice.
import * as assert from "assert";
import { startedForSuite } from "../support/fixture-hooks";
import { AddressingFixture, createFrom, NO_CHANGE, plan, startAddressing, type Props } from "../support/addressing-fixture";
import { buildSampleWorld, kindSamples } from "../support/kind-samples";

describe("${n.kind} against the simulator", function () {
  this.timeout(60000);
  let fx: AddressingFixture;
  let samples: readonly Props[];
  startedForSuite(startAddressing, async (started) => {
    fx = started;
    samples = kindSamples(await buildSampleWorld(fx.admin.client, (kind) => fx.admin.provider(kind))).${n.kind} ?? [];
  });

  it("creates each sample and plans no change after", async () => {
    assert.ok(samples.length > 0, "${n.kind} has no samples in test/support/kind-samples.ts");
    const provider = fx.admin.provider("${n.kind}");
    for (const sample of samples) {
      const created = await createFrom(provider, sample);
      assert.deepStrictEqual((await plan(provider, created, sample)).diff, NO_CHANGE);
      await provider.delete(created.id, created.outs);
    }
  });
});
`;
}

/** Inserts `text` before the first match of `anchor` at or after `from`; fails naming what it looked for. */
function insertBefore(source, anchor, text, from, where) {
  const at = source.slice(from).search(anchor);
  if (at < 0) throw new Error(`${where}: found no ${anchor} to add the new kind before`);
  return source.slice(0, from + at) + text + source.slice(from + at);
}

function registerKind(index, n) {
  const imports = [...index.matchAll(/^import \{ \w+Spec \} from "\.\/resources\/[\w-]+";\n/gm)];
  if (imports.length === 0) throw new Error("provider/index.ts: found no spec import to add the new one after");
  const last = imports[imports.length - 1];
  const end = last.index + last[0].length;
  let out = `${index.slice(0, end)}import { ${n.camel}Spec } from "./resources/${n.file}";\n${index.slice(end)}`;
  out = insertBefore(out, /\} as const satisfies/, `  ${n.kind}: ${n.camel}Spec,\n`, 0, "provider/index.ts");
  const providers = out.indexOf("export const providers");
  if (providers < 0) throw new Error("provider/index.ts: found no `export const providers`");
  return insertBefore(out, /\n\};\n/, `\n  ${n.kind}: makeProvider(specs.${n.kind}, runtime),`, providers, "provider/index.ts");
}

function addSamplesStub(samples, n) {
  const start = samples.indexOf("export function kindSamples");
  if (start < 0) throw new Error("test/support/kind-samples.ts: found no `export function kindSamples`");
  return insertBefore(samples, /\n {2}\};\n\}\n/, `\n    ${n.kind}: [],`, start, "test/support/kind-samples.ts");
}

const NEXT_STEPS = (n) => `
Written: provider/resources/${n.file}.ts, test/provider/${n.file}.test.ts, the registry lines in
provider/index.ts and an empty samples entry in test/support/kind-samples.ts.
Left to do (docs/adding-a-resource.md):
  1. the spec: its real inputs, attributes, commands and rules (the test fails until it works);
  2. the commands in simulator/data/implemented-commands.txt, then npm run generate:commands;
  3. the simulator's handlers and rules in simulator/model/ and simulator/api/;
  4. npm run build, then node scripts/generate-schema.js and node scripts/generate-sdk.js;
  5. samples for ${n.kind} in test/support/kind-samples.ts, and the kind's own test cases;
  6. a row in README.md, "Resources", and any rule it depends on in docs/cloudstack-rules.md;
  7. its id in docs/workflow.md's table, then npm run build and node scripts/generate-docs.js
     (docs/resources/${n.file}.md, with the spec's \`errors\` and the first sample as its example).
`;

function scaffold(kind, root) {
  if (!/^[A-Z][A-Za-z0-9]*$/.test(kind ?? "")) throw new Error(`kind ${JSON.stringify(kind ?? "")} ${KIND_RULE}`);
  const n = names(kind);
  const at = (relative) => path.join(root, relative);
  const specPath = at(`provider/resources/${n.file}.ts`);
  const testPath = at(`test/provider/${n.file}.test.ts`);
  const index = fs.readFileSync(at("provider/index.ts"), "utf8");
  const samples = fs.readFileSync(at("test/support/kind-samples.ts"), "utf8");
  if (new RegExp(`^\\s+${kind}: `, "m").test(index) || fs.existsSync(specPath)) {
    throw new Error(`kind ${kind} exists already (provider/index.ts or provider/resources/${n.file}.ts): pick a new name`);
  }
  if (fs.existsSync(testPath)) throw new Error(`test/provider/${n.file}.test.ts exists already: move it away first`);
  // Every edit is computed before anything is written, so a failure leaves the tree as it was.
  const registered = registerKind(index, n);
  const stubbed = addSamplesStub(samples, n);
  fs.mkdirSync(path.dirname(specPath), { recursive: true });
  fs.mkdirSync(path.dirname(testPath), { recursive: true });
  fs.writeFileSync(specPath, specSource(n));
  fs.writeFileSync(testPath, testSource(n));
  fs.writeFileSync(at("provider/index.ts"), registered);
  fs.writeFileSync(at("test/support/kind-samples.ts"), stubbed);
  return NEXT_STEPS(n);
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const rootAt = args.indexOf("--root");
  const root = rootAt >= 0 ? path.resolve(args[rootAt + 1] ?? "") : path.resolve(__dirname, "..");
  const kind = args.filter((_, i) => rootAt < 0 || (i !== rootAt && i !== rootAt + 1))[0];
  try {
    process.stdout.write(scaffold(kind, root));
  } catch (err) {
    console.error(`scaffold-resource: ${err.message}`);
    process.exit(1);
  }
}

module.exports = { scaffold, names };
