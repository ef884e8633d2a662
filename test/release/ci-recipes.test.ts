// The CI recipes (examples/ci) and the publish workflow cannot run here (no runner): they are
// parsed, and the steps the README promises are checked; the simulator start step is run for
// real, as a runner's shell would, against the built simulator.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { findRepoRoot, linkPackage } from "../../engine-standin";

// js-yaml comes with @pulumi/pulumi; it ships no types, so this is the part of its API used here.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml: { load(text: string): unknown } = require("js-yaml");

const root = findRepoRoot();

type Node = Record<string, unknown>;

function load(relative: string): Node {
  const doc = yaml.load(fs.readFileSync(path.join(root, relative), "utf8"));
  assert.ok(doc && typeof doc === "object" && !Array.isArray(doc), `${relative} is a YAML mapping`);
  return doc as Node;
}

function node(value: unknown, where: string): Node {
  assert.ok(value && typeof value === "object" && !Array.isArray(value), `${where} is a mapping`);
  return value as Node;
}

interface Step {
  name?: string;
  uses?: string;
  run?: string;
}

function steps(job: Node, where: string): Step[] {
  assert.ok(Array.isArray(job.steps), `${where}.steps is a list`);
  return job.steps as Step[];
}

/** Resolves once the process (not a child of this one, so not waitable) has gone. */
async function exited(pid: number): Promise<void> {
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const runs = (list: Step[]): string => list.map((s) => s.run ?? "").join("\n");

describe("CI recipes (examples/ci)", function () {
  this.timeout(60000);

  describe("GitHub Actions", () => {
    const wf = load("examples/ci/github-actions.yml");
    const jobs = node(wf.jobs, "jobs");
    const preview = node(jobs.preview, "jobs.preview");
    const up = node(jobs.up, "jobs.up");

    it("runs on pull requests and on pushes to main", () => {
      const on = node(wf.on, "on");
      assert.ok("pull_request" in on);
      assert.deepStrictEqual(node(on.push, "on.push").branches, ["main"]);
    });

    it("previews on pull requests only, against the simulator it starts first", () => {
      assert.strictEqual(preview.if, "github.event_name == 'pull_request'");
      const list = steps(preview, "preview");
      const sim = list.findIndex((s) => /pulumi-cloudstack\/dist\/simulator\/cli\.js/.test(s.run ?? ""));
      const pv = list.findIndex((s) => /^\s*pulumi preview\b/m.test(s.run ?? ""));
      assert.ok(sim >= 0 && pv > sim, "the simulator starts before pulumi preview");
      assert.ok(list.some((s) => s.uses?.startsWith("pulumi/actions@")), "the Pulumi CLI is installed");
      assert.doesNotMatch(runs(list), /pulumi up/);
      assert.doesNotMatch(JSON.stringify(preview), /secrets\./, "a pull request's job reads no secret");
    });

    it("runs up on pushes to main only, with CloudStack's credentials from secrets and no simulator", () => {
      assert.strictEqual(up.if, "github.event_name == 'push' && github.ref == 'refs/heads/main'");
      const env = node(up.env, "jobs.up.env");
      for (const name of ["CLOUDSTACK_API_URL", "CLOUDSTACK_API_KEY", "CLOUDSTACK_SECRET_KEY", "PULUMI_ACCESS_TOKEN"]) {
        assert.strictEqual(env[name], `\${{ secrets.${name} }}`, name);
      }
      const text = runs(steps(up, "up"));
      assert.match(text, /pulumi up --yes --non-interactive --stack "\$PULUMI_STACK"/);
      assert.doesNotMatch(text, /simulator/);
    });

    it("both jobs install pulumi-cloudstack from a packed tarball of the repository", () => {
      for (const [name, job] of [["preview", preview], ["up", up]] as const) {
        assert.match(runs(steps(job, name)), /npm pack --pack-destination[\s\S]*npm install --no-save "\$RUNNER_TEMP"\/pulumi-cloudstack-\*\.tgz/, name);
      }
    });

    it("its simulator step starts the simulator and hands its endpoint and keys to later steps", async () => {
      const step = steps(preview, "preview").find((s) => s.name === "Start the CloudStack simulator");
      assert.ok(step?.run);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ci-recipe-"));
      try {
        linkPackage(dir);
        const temp = path.join(dir, "runner-temp");
        fs.mkdirSync(temp);
        const envFile = path.join(dir, "github-env");
        fs.writeFileSync(envFile, "");
        const result = spawnSync("bash", ["-e", "-c", step.run], { cwd: dir, env: { ...process.env, RUNNER_TEMP: temp, GITHUB_ENV: envFile }, encoding: "utf8" });
        const pid = Number(fs.readFileSync(path.join(temp, "cloudstack-sim.pid"), "utf8"));
        try {
          assert.strictEqual(result.status, 0, result.stderr);
          const vars = Object.fromEntries(fs.readFileSync(envFile, "utf8").trim().split("\n").map((line) => line.split(/=(.*)/s).slice(0, 2)));
          assert.deepStrictEqual(Object.keys(vars).sort(), ["CLOUDSTACK_API_KEY", "CLOUDSTACK_API_URL", "CLOUDSTACK_SECRET_KEY"]);
          assert.match(vars.CLOUDSTACK_API_URL!, /^http:\/\/127\.0\.0\.1:\d+\/client\/api$/);
          // The simulator answers at that endpoint (an unsigned request: CloudStack's 401).
          const res = await fetch(`${vars.CLOUDSTACK_API_URL}?command=listZones&response=json`);
          assert.strictEqual(res.status, 401);
        } finally {
          // The simulator writes its state file as it exits: wait for that before removing the folder.
          process.kill(pid, "SIGTERM");
          await exited(pid);
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  describe("GitLab CI", () => {
    const ci = load("examples/ci/gitlab-ci.yml");
    const preview = node(ci.preview, "preview");
    const up = node(ci.up, "up");
    const script = (job: Node, where: string): string => {
      assert.ok(Array.isArray(job.script), `${where}.script is a list`);
      return (job.script as string[]).join("\n");
    };

    it("previews on merge requests only, against the simulator it starts first", () => {
      assert.deepStrictEqual(preview.rules, [{ if: '$CI_PIPELINE_SOURCE == "merge_request_event"' }]);
      const text = script(preview, "preview");
      const sim = text.indexOf("pulumi-cloudstack/dist/simulator/cli.js");
      assert.ok(sim >= 0 && text.indexOf("pulumi preview") > sim);
      for (const name of ["CLOUDSTACK_API_URL", "CLOUDSTACK_API_KEY", "CLOUDSTACK_SECRET_KEY"]) assert.match(text, new RegExp(`export ${name}=`));
      assert.doesNotMatch(text, /pulumi up/);
    });

    it("runs up on pushes to main only, with no simulator", () => {
      assert.deepStrictEqual(up.rules, [{ if: '$CI_COMMIT_BRANCH == "main" && $CI_PIPELINE_SOURCE == "push"' }]);
      const text = script(up, "up");
      assert.match(text, /pulumi up --yes --non-interactive --stack "\$PULUMI_STACK"/);
      assert.doesNotMatch(text, /simulator|CLOUDSTACK_API_KEY=/, "credentials come from CI/CD variables, not the file");
      assert.match(fs.readFileSync(path.join(root, "examples/ci/gitlab-ci.yml"), "utf8"), /CLOUDSTACK_API_URL, CLOUDSTACK_API_KEY, CLOUDSTACK_SECRET_KEY,\n# PULUMI_ACCESS_TOKEN/);
    });

    it("both jobs install pulumi-cloudstack from a packed tarball, before their script", () => {
      const base = node(ci[".pulumi"], ".pulumi");
      assert.strictEqual(preview.extends, ".pulumi");
      assert.strictEqual(up.extends, ".pulumi");
      assert.match((base.before_script as string[]).join("\n"), /npm pack --pack-destination \/tmp[\s\S]*npm install --no-save \/tmp\/pulumi-cloudstack-\*\.tgz/);
    });
  });

  describe("the publish workflow (.github/workflows/publish.yml)", () => {
    const wf = load(".github/workflows/publish.yml");

    it("publishes on a version tag, after the tests, with the NPM_TOKEN secret", () => {
      assert.deepStrictEqual(node(wf.on, "on").push, { tags: ["v*"] });
      const list = steps(node(node(wf.jobs, "jobs").publish, "jobs.publish"), "publish");
      const test = list.findIndex((s) => s.run === "make test");
      const publish = list.findIndex((s) => s.run?.startsWith("npm publish"));
      assert.ok(test >= 0 && publish > test, "tests run before npm publish");
      assert.deepStrictEqual((list[publish] as Node).env, { NODE_AUTH_TOKEN: "${{ secrets.NPM_TOKEN }}" });
      assert.match(runs(list), /GITHUB_REF_NAME.*package\.json/);
    });
  });
});
