// `make demo EXAMPLE=<folder>`: which program folder the demo runs, and what it says when the
// folder will not do. No simulator is started: the refusals come before it.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { findRepoRoot, linkPackage } from "../../engine-standin";
import { DEFAULT_EXAMPLE, DemoUsageError, missingPackages, parseDemoArgs } from "../../scripts/demo-args";

describe("make demo: the program folder", function () {
  this.timeout(20_000);
  const repo = findRepoRoot();
  const example = (name: string) => path.join(repo, "examples", name);
  let outside: string;

  beforeEach(() => {
    outside = fs.mkdtempSync(path.join(os.tmpdir(), "demo-args-"));
    fs.writeFileSync(path.join(outside, "Pulumi.yaml"), "name: outside\nruntime: nodejs\n");
  });
  afterEach(() => fs.rmSync(outside, { recursive: true, force: true }));

  it("runs the main example when no folder is given (make passes none, or an empty EXAMPLE)", () => {
    for (const argv of [[], [""]]) {
      assert.deepStrictEqual(parseDemoArgs(argv, repo, repo), { help: false, programDir: example(DEFAULT_EXAMPLE), insideRepo: true });
    }
  });

  it("takes a path (relative to the current directory, or absolute) or the name of an example", () => {
    const want = { help: false, programDir: example("basic-zone-from-scratch"), insideRepo: true };
    assert.deepStrictEqual(parseDemoArgs(["examples/basic-zone-from-scratch"], repo, repo), want);
    assert.deepStrictEqual(parseDemoArgs(["basic-zone-from-scratch"], repo, repo), want);
    assert.deepStrictEqual(parseDemoArgs(["../basic-zone-from-scratch"], repo, example("security-groups")), want);
    assert.deepStrictEqual(parseDemoArgs([outside], repo, repo), { help: false, programDir: outside, insideRepo: false });
    assert.deepStrictEqual(parseDemoArgs(["--help"], repo, repo), { help: true });
  });

  it("refuses what is not one program folder, saying what was given", () => {
    const refused = (argv: string[], text: string | RegExp) =>
      assert.throws(() => parseDemoArgs(argv, repo, repo), (err: unknown) => {
        assert.ok(err instanceof DemoUsageError);
        if (typeof text === "string") assert.strictEqual(err.message, text);
        else assert.match(err.message, text);
        return true;
      });
    refused(["no-such-example"], `EXAMPLE=no-such-example: no such folder (neither ${path.join(repo, "no-such-example")} nor ${example("no-such-example")})`);
    refused(["docs"], `EXAMPLE=docs: ${path.join(repo, "docs")} has no Pulumi.yaml, so it is not a Pulumi program folder`);
    refused(["a", "b"], "one program folder at most, got 2: a b");
    refused(["--stack"], "unknown option --stack");
  });

  it("needs a folder outside the repository to load both packages itself", () => {
    // Inside the repository the demo links pulumi-cloudstack first, as here.
    linkPackage(example(DEFAULT_EXAMPLE));
    assert.strictEqual(missingPackages(example(DEFAULT_EXAMPLE)), undefined);
    assert.match(String(missingPackages(outside)), /cannot load @pulumi\/pulumi and pulumi-cloudstack: run `npm install` there/);
    for (const name of ["@pulumi/pulumi", "pulumi-cloudstack"]) {
      fs.mkdirSync(path.join(outside, "node_modules", name), { recursive: true });
      fs.writeFileSync(path.join(outside, "node_modules", name, "package.json"), JSON.stringify({ name }));
    }
    assert.strictEqual(missingPackages(outside), undefined);
  });

  it("the script exits 2 with the reason and the usage, before starting anything", () => {
    const run = spawnSync(process.execPath, [path.join(repo, "dist", "scripts", "demo.js"), outside], { cwd: repo, encoding: "utf8" });
    assert.strictEqual(run.status, 2, run.stderr);
    assert.match(run.stderr, /cannot load @pulumi\/pulumi and pulumi-cloudstack/);
    assert.doesNotMatch(run.stdout, /simulator listening/);
    const bad = spawnSync(process.execPath, [path.join(repo, "dist", "scripts", "demo.js"), "no-such-example"], { cwd: repo, encoding: "utf8" });
    assert.strictEqual(bad.status, 2);
    assert.match(bad.stderr, /^EXAMPLE=no-such-example: no such folder .*\nusage: make demo \[EXAMPLE=<folder>\]/);
  });

  it("without the Pulumi CLI, refuses a program the engine stand-in cannot run, before starting anything", () => {
    // PATH holds node alone, so the demo takes the stand-in even where the CLI is installed.
    const env = { ...process.env, PATH: path.dirname(process.execPath) };
    const run = spawnSync(process.execPath, [path.join(repo, "dist", "scripts", "demo.js"), "yaml-network"], { cwd: repo, encoding: "utf8", env });
    assert.strictEqual(run.status, 2, run.stderr);
    assert.match(run.stderr, /yaml-network\/Pulumi\.yaml says runtime: yaml; the engine stand-in runs Node\.js programs only/);
    assert.doesNotMatch(run.stdout, /simulator listening/);
  });

  it("make passes EXAMPLE to the script as its one argument", () => {
    const dry = spawnSync("make", ["-n", "demo", "EXAMPLE=examples/basic-zone-from-scratch"], { cwd: repo, encoding: "utf8" });
    assert.strictEqual(dry.status, 0, dry.stderr);
    assert.match(dry.stdout, /^node dist\/scripts\/demo\.js "examples\/basic-zone-from-scratch"$/m);
    const plain = spawnSync("make", ["-n", "demo"], { cwd: repo, encoding: "utf8" });
    assert.match(plain.stdout, /^node dist\/scripts\/demo\.js $/m);
  });
});
