// What `npm publish` would ship, from `npm pack --dry-run --json`: what a user needs (the
// built SDK, provider, simulator, engine stand-in and exporter, their declarations, the schema, README,
// LICENSE, CHANGELOG) and nothing of the development tree (tests, benches, scripts, examples,
// TypeScript sources). Scripts are not run (no build): the test runs after `npm run build`.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { findRepoRoot } from "../../engine-standin";

const root = findRepoRoot();

interface PackResult {
  name: string;
  version: string;
  files: { path: string }[];
}

interface PackageJson {
  version: string;
  main: string;
  types: string;
  bin: Record<string, string>;
  exports: Record<string, string>;
  files: string[];
}

describe("the npm package's contents", function () {
  this.timeout(120000);
  let packed: PackResult;
  let files: Set<string>;
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as PackageJson;

  before(() => {
    const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    [packed] = JSON.parse(out) as PackResult[];
    files = new Set(packed.files.map((f) => f.path));
  });

  it("has a version, and the CHANGELOG has an entry for it", () => {
    assert.match(packed.version, /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
    assert.strictEqual(packed.version, pkg.version);
    assert.match(fs.readFileSync(path.join(root, "CHANGELOG.md"), "utf8"), new RegExp(`^## ${packed.version.replace(/\./g, "\\.")}\\b`, "m"));
  });

  it("ships README, LICENSE, CHANGELOG, the schema and package.json", () => {
    for (const file of ["README.md", "LICENSE", "CHANGELOG.md", "schema.json", "package.json"]) assert.ok(files.has(file), file);
  });

  it("ships every entry point package.json names: main, types, bin, exports", () => {
    const targets = [pkg.main, pkg.types, ...Object.values(pkg.bin), ...Object.values(pkg.exports)].map((p) => p.replace(/^\.\//, ""));
    for (const target of targets) assert.ok(files.has(target), target);
  });

  it("ships the built SDK, provider, simulator (with its data), engine stand-in and exporter, with declarations", () => {
    for (const file of ["dist/sdk/index.d.ts", "dist/provider/index.d.ts", "dist/simulator/cli.js", "dist/engine-standin/cli.js", "dist/engine-standin/index.d.ts", "dist/export/cli.js"]) {
      assert.ok(files.has(file), file);
    }
    // Every built module of those folders is there (the simulator's JSON data included).
    for (const dir of ["sdk", "provider", "simulator", "engine-standin", "export", "ip"]) {
      const built = listFiles(path.join(root, "dist", dir)).filter((f) => /\.(js|d\.ts|json)$/.test(f));
      const missing = built.map((f) => path.relative(root, f).split(path.sep).join("/")).filter((f) => !files.has(f));
      assert.deepStrictEqual(missing, [], `dist/${dir}`);
    }
  });

  it("ships nothing of the development tree: no tests, benches, scripts, examples or TypeScript sources", () => {
    const allowed = pkg.files.map((f) => f.replace(/\/$/, ""));
    const outside = [...files].filter((f) => f !== "package.json" && f !== "LICENSE" && !allowed.some((a) => f === a || f.startsWith(`${a}/`)));
    assert.deepStrictEqual(outside, []);
    const dev = [...files].filter((f) => /^(dist\/)?(test|bench|scripts|examples)\//.test(f) || (/\.ts$/.test(f) && !f.endsWith(".d.ts")));
    assert.deepStrictEqual(dev, []);
  });
});

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}
