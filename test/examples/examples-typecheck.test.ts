// Every example type-checks against the built SDK, with its own tsconfig.json. The end-to-end
// tests run the examples transpile-only (example-stack.ts), so this is where a type error in an
// example, or an SDK change that breaks one, fails the suite: once per run, not once per program.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { linkPackage } from "../../engine-standin";
import { examplesDir } from "../support/example-stack";

const examples = fs
  .readdirSync(examplesDir)
  .filter((name) => fs.existsSync(path.join(examplesDir, name, "tsconfig.json")))
  .sort();

interface Parsed {
  name: string;
  fileNames: string[];
  options: ts.CompilerOptions;
}

function parseConfig(name: string): Parsed {
  const programDir = path.join(examplesDir, name);
  const read = ts.readConfigFile(path.join(programDir, "tsconfig.json"), (file) => ts.sys.readFile(file));
  if (read.error) throw new Error(`${name}/tsconfig.json: ${ts.flattenDiagnosticMessageText(read.error.messageText, "\n")}`);
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, programDir);
  return { name, fileNames: parsed.fileNames, options: { ...parsed.options, noEmit: true } };
}

/**
 * Type errors per example. Examples with the same compiler options share one program, so the
 * SDK's and Node's declarations are read and bound once rather than once per example.
 */
function diagnosticsByExample(names: string[]): Map<string, string[]> {
  const result = new Map(names.map((name) => [name, [] as string[]]));
  const groups = new Map<string, Parsed[]>();
  for (const parsed of names.map(parseConfig)) {
    const { configFilePath: _path, ...shared } = parsed.options;
    const key = JSON.stringify(shared);
    groups.set(key, [...(groups.get(key) ?? []), parsed]);
  }
  for (const group of groups.values()) {
    const program = ts.createProgram({ rootNames: group.flatMap((p) => p.fileNames), options: group[0].options });
    // What ts-node checked on every run: each program file, and the options; not every
    // declaration file under node_modules (the examples do not set skipLibCheck, and tsc
    // would check those too).
    const roots = group.flatMap((p) => p.fileNames.map((f) => program.getSourceFile(f)!));
    const found = [
      ...program.getOptionsDiagnostics(),
      ...program.getGlobalDiagnostics(),
      ...roots.flatMap((sf) => [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]),
    ];
    for (const d of found) {
      const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
      const file = d.file ? path.relative(examplesDir, d.file.fileName) : "";
      // A diagnostic outside the examples' own files (the options) is charged to each of them.
      const owners = group.filter((p) => file.startsWith(`${p.name}/`)).map((p) => p.name);
      const where = d.file && d.start !== undefined ? `${file}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1} ` : "";
      for (const name of owners.length ? owners : group.map((p) => p.name)) result.get(name)!.push(`${where}${text}`);
    }
  }
  return result;
}

describe("the examples type-check", function () {
  this.timeout(120000);

  it("lists the TypeScript examples", () => {
    assert.ok(examples.length >= 7, `examples found: ${examples.join(", ")}`);
    for (const name of examples) assert.ok(fs.existsSync(path.join(examplesDir, name, "index.ts")), `${name}/index.ts`);
  });

  it("every example has no type errors, against the built SDK", () => {
    for (const name of examples) linkPackage(path.join(examplesDir, name));
    const diagnostics = diagnosticsByExample(examples);
    assert.deepStrictEqual(Object.fromEntries(diagnostics), Object.fromEntries(examples.map((name) => [name, []])));
  });
});
