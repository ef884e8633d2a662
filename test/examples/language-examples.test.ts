// The programs for other languages than TypeScript: their syntax, checked by parsing them (YAML
// with js-yaml, Python with `python3 -m py_compile`), and the YAML program's resources against
// schema.json. Running them needs the Pulumi CLI and its language hosts, which the tests do not
// have; the plugin they use is driven over gRPC by test/plugin and test/engine-standin.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { examplesDir } from "../support/example-stack";
import { findRepoRoot } from "../../engine-standin/package-link";

// js-yaml comes with @pulumi/pulumi's dependencies and ships no types: its one call used here.
const yaml = require("js-yaml") as { load(text: string): unknown };

interface SchemaResource {
  inputProperties: Record<string, unknown>;
  requiredInputs?: string[];
}

const schema = JSON.parse(fs.readFileSync(path.join(findRepoRoot(), "schema.json"), "utf8")) as {
  resources: Record<string, SchemaResource>;
  provider: SchemaResource;
};

const hasPython = spawnSync("python3", ["--version"]).status === 0;

describe("examples in other languages", () => {
  it("yaml-network: parses, names the plugin's folder, and uses only the schema's resources with their inputs", () => {
    const program = yaml.load(fs.readFileSync(path.join(examplesDir, "yaml-network", "Pulumi.yaml"), "utf8")) as {
      runtime: string;
      plugins: { providers: Array<{ name: string; path: string }> };
      resources: Record<string, { type: string; properties: Record<string, unknown>; options?: { provider?: string } }>;
    };
    assert.strictEqual(program.runtime, "yaml");
    assert.deepStrictEqual(program.plugins.providers.map((p) => p.name), ["cloudstack"]);
    assert.match(program.plugins.providers[0].path, /node_modules\/pulumi-cloudstack\/plugin$/);
    for (const [name, resource] of Object.entries(program.resources)) {
      const declared = resource.type === "pulumi:providers:cloudstack" ? schema.provider : schema.resources[resource.type];
      assert.ok(declared, `${name}: ${resource.type} is a type of the package`);
      for (const key of Object.keys(resource.properties)) assert.ok(key in declared.inputProperties, `${name}.${key} is an input of ${resource.type}`);
      for (const key of declared.requiredInputs ?? []) assert.ok(key in resource.properties, `${name} gives the required input ${key}`);
      if (resource.options?.provider) assert.match(resource.options.provider, /^\$\{\w+\}$/);
    }
  });

  if (hasPython) {
    it("python-network: __main__.py compiles", () => {
      const out = fs.mkdtempSync(path.join(os.tmpdir(), "py-compile-"));
      try {
        const source = path.join(examplesDir, "python-network", "__main__.py");
        const run = spawnSync("python3", ["-c", "import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)", source, path.join(out, "main.pyc")], { encoding: "utf8" });
        assert.strictEqual(run.status, 0, run.stderr);
      } finally {
        fs.rmSync(out, { recursive: true, force: true });
      }
    });
  }

  it("python-network: each keyword argument of a Network is a schema input in snake case", () => {
    const source = fs.readFileSync(path.join(examplesDir, "python-network", "__main__.py"), "utf8");
    const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    const inputs = new Set(Object.keys(schema.resources["cloudstack:index:Network"].inputProperties).map(snake));
    const calls = [...source.matchAll(/cloudstack\.Network\(([\s\S]*?)\n\)/g)].map((m) => m[1]);
    assert.strictEqual(calls.length, 2);
    for (const call of calls) {
      for (const [, key] of call.matchAll(/^\s+(\w+)=/gm)) if (key !== "opts") assert.ok(inputs.has(key), `${key} is a Network input`);
    }
  });
});
