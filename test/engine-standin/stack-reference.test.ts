// The stand-in's builtin provider for StackReference (engine-standin/stack-reference.ts), without
// a program: names, secrets, missing stacks. The end-to-end run is in
// test/examples/stack-reference-examples.test.ts.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { makeSecret } from "../../engine-standin/property-values";
import { StackFiles } from "../../engine-standin/stack-files";
import { readStackReference, stateDirStackOutputs, urnType } from "../../engine-standin/stack-reference";

describe("engine stand-in: StackReference reads", () => {
  let stateDir: string;
  beforeEach(() => {
    stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "stackref-"));
    new StackFiles(stateDir, "net", "dev").writeState({
      version: 1,
      project: "net",
      stack: "dev",
      resources: [],
      outputs: { networkId: "n-1", adminPassword: makeSecret("pw"), nested: { key: makeSecret("k") }, cidr: "10.0.0.0/24" },
    });
  });
  afterEach(() => fs.rmSync(stateDir, { recursive: true, force: true }));

  it("reads the outputs by stack, project/stack or organization/project/stack", () => {
    const forApp = stateDirStackOutputs(stateDir, "app");
    const forNet = stateDirStackOutputs(stateDir, "net");
    assert.strictEqual(forApp("net/dev").networkId, "n-1");
    assert.strictEqual(forApp("organization/net/dev").networkId, "n-1");
    assert.strictEqual(forNet("dev").networkId, "n-1", "a bare stack name is in the current project");
  });

  it("answers name, outputs (secrets still secret, decrypted with that stack's key) and the sorted secret output names", () => {
    const result = readStackReference("net/dev", { name: "net/dev" }, stateDirStackOutputs(stateDir, "app"));
    assert.strictEqual(result.id, "net/dev");
    assert.deepStrictEqual(result.properties.secretOutputNames, ["adminPassword", "nested"]);
    const outputs = result.properties.outputs as Record<string, unknown>;
    assert.deepStrictEqual(outputs.adminPassword, makeSecret("pw"));
    assert.strictEqual(outputs.cidr, "10.0.0.0/24");
    assert.strictEqual(result.properties.name, "net/dev");
  });

  it("a stack without state, or a name that is not a stack name, fails naming it", () => {
    const read = stateDirStackOutputs(stateDir, "app");
    assert.throws(() => read("net/prod"), /stack reference "net\/prod": stack net\/prod has no state in .*net-prod\.json/);
    assert.throws(() => read("a/b/c/d"), /stack reference "a\/b\/c\/d": not a stack name/);
    assert.throws(() => read("net//dev"), /not a stack name/);
  });

  it("routes by the URN's type, parents aside", () => {
    assert.strictEqual(urnType("urn:pulumi:dev::app::pulumi:pulumi:StackReference::network"), "pulumi:pulumi:StackReference");
    assert.strictEqual(urnType("urn:pulumi:dev::app::my:comp$pulumi:pulumi:StackReference::network"), "pulumi:pulumi:StackReference");
  });
});
