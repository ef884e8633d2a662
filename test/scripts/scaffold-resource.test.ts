// scripts/scaffold-resource.js run into a temporary root that holds copies of just the two files
// it edits (provider/index.ts, test/support/kind-samples.ts): what it writes, and what it refuses.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";

const repo = path.resolve(__dirname, "..", "..", "..");
const script = path.join(repo, "scripts", "scaffold-resource.js");
const EDITED = ["provider/index.ts", "test/support/kind-samples.ts"];

function scaffold(root: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [script, ...args, "--root", root], { encoding: "utf8" });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const read = (root: string, relative: string) => fs.readFileSync(path.join(root, relative), "utf8");
const count = (text: string, part: string) => text.split(part).length - 1;

/** TypeScript's syntax errors in a file (types are not checked: the copy has no imports to resolve). */
function syntaxErrors(text: string, fileName: string): string[] {
  const out = ts.transpileModule(text, { fileName, reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.CommonJS } });
  return (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}

describe("scripts/scaffold-resource.js", function () {
  this.timeout(30000);
  let root: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "scaffold-"));
    for (const relative of EDITED) {
      fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
      fs.copyFileSync(path.join(repo, relative), path.join(root, relative));
    }
  });

  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it("writes a spec and a test for the kind, registers it once and stubs its samples", () => {
    const run = scaffold(root, "ExampleWidget");
    assert.strictEqual(run.status, 0, run.stderr);
    assert.match(run.stdout, /generate-schema\.js/);
    assert.match(run.stdout, /implemented-commands\.txt/);
    assert.match(run.stdout, /README\.md/);

    const spec = read(root, "provider/resources/example-widget.ts");
    assert.match(spec, /export const exampleWidgetSpec = defineSpec\(\{/);
    assert.match(spec, /kind: "ExampleWidget"/);
    assert.match(spec, /delete: "deleteExampleWidget"/);
    const test = read(root, "test/provider/example-widget.test.ts");
    assert.match(test, /fx\.admin\.provider\("ExampleWidget"\)/);
    assert.match(test, /ExampleWidget has no samples/);

    const index = read(root, "provider/index.ts");
    assert.strictEqual(count(index, 'import { exampleWidgetSpec } from "./resources/example-widget";'), 1);
    assert.strictEqual(count(index, "  ExampleWidget: exampleWidgetSpec,"), 1);
    assert.strictEqual(count(index, "  ExampleWidget: makeProvider(specs.ExampleWidget, runtime),"), 1);
    // The registry entry sits inside `specs`, the provider inside `providers`.
    assert.ok(index.indexOf("ExampleWidget: exampleWidgetSpec") < index.indexOf("} as const satisfies"));
    assert.ok(index.indexOf("ExampleWidget: makeProvider") > index.indexOf("export const providers"));
    const samples = read(root, "test/support/kind-samples.ts");
    assert.strictEqual(count(samples, "    ExampleWidget: [],"), 1);
    assert.ok(samples.indexOf("ExampleWidget: []") < samples.indexOf("export function kindsWithoutSamples"));

    for (const [relative, text] of [
      ["provider/resources/example-widget.ts", spec],
      ["test/provider/example-widget.test.ts", test],
      ["provider/index.ts", index],
      ["test/support/kind-samples.ts", samples],
    ]) {
      assert.deepStrictEqual(syntaxErrors(text, relative), [], relative);
    }
  });

  it("refuses a kind that exists, changing nothing", () => {
    const before = EDITED.map((relative) => read(root, relative));
    const run = scaffold(root, "Vpc");
    assert.strictEqual(run.status, 1);
    assert.match(run.stderr, /kind Vpc exists already/);
    assert.deepStrictEqual(EDITED.map((relative) => read(root, relative)), before);
    assert.ok(!fs.existsSync(path.join(root, "provider/resources/vpc.ts")));

    assert.strictEqual(scaffold(root, "ExampleWidget").status, 0);
    const again = scaffold(root, "ExampleWidget");
    assert.strictEqual(again.status, 1);
    assert.match(again.stderr, /kind ExampleWidget exists already/);
    assert.strictEqual(count(read(root, "provider/index.ts"), "ExampleWidget: exampleWidgetSpec"), 1);
  });

  it("refuses a name that is not PascalCase, saying the rule", () => {
    const run = scaffold(root, "example-widget");
    assert.strictEqual(run.status, 1);
    assert.match(run.stderr, /kind "example-widget" must be PascalCase/);
    assert.ok(!fs.existsSync(path.join(root, "provider/resources")));
  });
});
