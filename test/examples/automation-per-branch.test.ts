// The decisions of examples/automation-per-branch (branch-env.ts), with a fake workspace in place
// of the Automation API's LocalWorkspace: running the example itself needs the Pulumi CLI. That
// index.ts wires the real LocalWorkspace and Stack to these interfaces is checked by
// examples-typecheck.test.ts, which type-checks the example.
import * as assert from "assert";
import type { ConfigMap, OutputMap } from "@pulumi/pulumi/automation";
import {
  credentialsFromEnv,
  decide,
  environmentConfig,
  runBranchEnvironment,
  stackNameForBranch,
  type EnvironmentStack,
  type EnvironmentWorkspace,
} from "../../examples/automation-per-branch/branch-env";

const credentials = { apiUrl: "https://cloud.example.com/client/api", apiKey: "key", secretKey: "secret" };

/** Stacks in memory; every call is recorded as a line, in order. */
class FakeWorkspace implements EnvironmentWorkspace {
  readonly calls: string[] = [];
  readonly stacks = new Map<string, { config: ConfigMap; resources: number }>();
  result = "succeeded";

  async stackExists(name: string): Promise<boolean> {
    this.calls.push(`exists ${name}`);
    return this.stacks.has(name);
  }

  async createOrSelectStack(name: string): Promise<EnvironmentStack> {
    this.calls.push(`select ${name}`);
    if (!this.stacks.has(name)) this.stacks.set(name, { config: {}, resources: 0 });
    const state = this.stacks.get(name)!;
    const calls = this.calls;
    const ws = this;
    return {
      async setAllConfig(config: ConfigMap) {
        calls.push(`config ${name}`);
        state.config = config;
      },
      async up(opts: { onOutput: (text: string) => void }) {
        calls.push(`up ${name}`);
        opts.onOutput(`Updating (${name})\n`);
        state.resources = 2;
        const outputs: OutputMap = { networkId: { value: "net-1", secret: false }, cidr: { value: state.config["automation-per-branch:cidr"]?.value, secret: false } };
        return { outputs, summary: { result: ws.result } };
      },
      async destroy(opts: { onOutput: (text: string) => void }) {
        calls.push(`destroy ${name}`);
        opts.onOutput(`Destroying (${name})\n`);
        if (ws.result === "succeeded") state.resources = 0;
        return { summary: { result: ws.result } };
      },
    };
  }

  async removeStack(name: string): Promise<void> {
    this.calls.push(`remove ${name}`);
    this.stacks.delete(name);
  }
}

const settings = (log: string[] = []) => ({ project: "automation-per-branch", credentials, zone: "Sandbox-simulator", log: (t: string) => void log.push(t) });

describe("example automation-per-branch: its decisions (no Pulumi CLI)", () => {
  describe("stack names from branch names", () => {
    it("a plain branch name: branch-<name>", () => {
      assert.strictEqual(stackNameForBranch("login-page"), "branch-login-page");
      assert.strictEqual(stackNameForBranch("refs/heads/fix_42.b"), "branch-fix_42.b");
    });

    it("a name with other characters is slugged and made unique with a hash", () => {
      const a = stackNameForBranch("feature/Login Page");
      assert.match(a, /^branch-feature-login-page-[0-9a-f]{8}$/);
      // Names that slug alike still get different stacks.
      assert.notStrictEqual(stackNameForBranch("feature/login"), stackNameForBranch("feature-login"));
      assert.notStrictEqual(stackNameForBranch("Feature-login"), stackNameForBranch("feature-login"));
      assert.strictEqual(stackNameForBranch("feature/Login Page"), a, "the same branch always gets the same stack");
    });

    it("a long name is cut to Pulumi's 100 characters and stays unique", () => {
      const long = "x".repeat(150);
      const name = stackNameForBranch(long);
      assert.strictEqual(name.length, 100);
      assert.match(name, /^[A-Za-z0-9_.-]+$/);
      assert.notStrictEqual(stackNameForBranch(`${long}y`), name);
    });

    it("refuses the shared branches and an empty name, naming them", () => {
      assert.throws(() => stackNameForBranch("main"), /branch main: has a shared stack of its own/);
      assert.throws(() => stackNameForBranch("refs/heads/master"), /branch master: has a shared stack/);
      assert.throws(() => stackNameForBranch(" "), /branch name " ": must not be empty/);
    });
  });

  describe("what an event does", () => {
    it("a push or an opened pull request brings the environment up", () => {
      assert.deepStrictEqual(decide({ kind: "push", branch: "login" }), { action: "up", stack: "branch-login" });
      assert.deepStrictEqual(decide({ kind: "pull-request-opened", branch: "login" }), { action: "up", stack: "branch-login" });
    });

    it("a closed pull request or a deleted branch tears it down", () => {
      assert.deepStrictEqual(decide({ kind: "pull-request-closed", branch: "login" }), { action: "destroy", stack: "branch-login" });
      assert.deepStrictEqual(decide({ kind: "branch-deleted", branch: "refs/heads/login" }), { action: "destroy", stack: "branch-login" });
    });

    it("main is left alone whatever the event", () => {
      for (const kind of ["push", "pull-request-opened", "pull-request-closed", "branch-deleted"] as const) {
        assert.strictEqual(decide({ kind, branch: "main" }).action, "skip", kind);
      }
    });
  });

  describe("the config a branch's stack gets", () => {
    it("credentials (the secret key as a secret), the zone, the network name and a CIDR of its own", () => {
      const config = environmentConfig("automation-per-branch", "branch-login", credentials, "zone-1");
      assert.deepStrictEqual(config["cloudstack:secretKey"], { value: "secret", secret: true });
      assert.deepStrictEqual(config["cloudstack:apiUrl"], { value: credentials.apiUrl });
      assert.deepStrictEqual(config["automation-per-branch:zone"], { value: "zone-1" });
      assert.deepStrictEqual(config["automation-per-branch:networkName"], { value: "branch-login" });
      assert.match(config["automation-per-branch:cidr"]!.value, /^10\.\d{1,3}\.\d{1,3}\.0\/24$/);
      assert.deepStrictEqual(environmentConfig("automation-per-branch", "branch-login", credentials, "zone-1"), config, "the same each run");
      assert.notStrictEqual(environmentConfig("automation-per-branch", "branch-other", credentials, "zone-1")["automation-per-branch:cidr"]!.value, config["automation-per-branch:cidr"]!.value);
    });

    it("credentials from the environment, naming each one missing", () => {
      assert.deepStrictEqual(credentialsFromEnv({ CLOUDSTACK_API_URL: "u", CLOUDSTACK_API_KEY: "k", CLOUDSTACK_SECRET_KEY: "s" }), { apiUrl: "u", apiKey: "k", secretKey: "s" });
      assert.throws(() => credentialsFromEnv({ CLOUDSTACK_API_KEY: "k" }), /missing environment variables: CLOUDSTACK_API_URL, CLOUDSTACK_SECRET_KEY/);
    });
  });

  describe("running an event against a workspace", () => {
    it("up: selects or creates the stack, sets its config, then runs up; outputs returned", async () => {
      const ws = new FakeWorkspace();
      const log: string[] = [];
      const result = await runBranchEnvironment({ kind: "push", branch: "login" }, ws, settings(log));
      assert.deepStrictEqual(ws.calls, ["select branch-login", "config branch-login", "up branch-login"]);
      assert.strictEqual(result.outputs?.networkId, "net-1");
      assert.strictEqual(result.outputs?.cidr, ws.stacks.get("branch-login")!.config["automation-per-branch:cidr"]!.value);
      assert.deepStrictEqual(log, ["Updating (branch-login)\n"]);
    });

    it("destroy: destroys the resources, then removes the stack", async () => {
      const ws = new FakeWorkspace();
      await runBranchEnvironment({ kind: "push", branch: "login" }, ws, settings());
      ws.calls.length = 0;
      await runBranchEnvironment({ kind: "pull-request-closed", branch: "login" }, ws, settings());
      assert.deepStrictEqual(ws.calls, ["exists branch-login", "select branch-login", "destroy branch-login", "remove branch-login"]);
      assert.strictEqual(ws.stacks.size, 0);
    });

    it("destroy of a branch that never had a stack does nothing", async () => {
      const ws = new FakeWorkspace();
      const log: string[] = [];
      await runBranchEnvironment({ kind: "branch-deleted", branch: "never-pushed" }, ws, settings(log));
      assert.deepStrictEqual(ws.calls, ["exists branch-never-pushed"]);
      assert.deepStrictEqual(log, ["branch-never-pushed does not exist: nothing to destroy\n"]);
    });

    it("a failed destroy keeps the stack (its state still lists what is left) and fails", async () => {
      const ws = new FakeWorkspace();
      await runBranchEnvironment({ kind: "push", branch: "login" }, ws, settings());
      ws.result = "failed";
      await assert.rejects(runBranchEnvironment({ kind: "branch-deleted", branch: "login" }, ws, settings()), /destroy of branch-login: failed; the stack is kept/);
      assert.ok(ws.stacks.has("branch-login"));
      assert.ok(!ws.calls.includes("remove branch-login"));
    });

    it("a failed up fails, naming the stack", async () => {
      const ws = new FakeWorkspace();
      ws.result = "failed";
      await assert.rejects(runBranchEnvironment({ kind: "push", branch: "login" }, ws, settings()), /up of branch-login: failed/);
    });

    it("main: no stack is touched", async () => {
      const ws = new FakeWorkspace();
      const result = await runBranchEnvironment({ kind: "push", branch: "main" }, ws, settings());
      assert.strictEqual(result.decision.action, "skip");
      assert.deepStrictEqual(ws.calls, []);
    });
  });
});
