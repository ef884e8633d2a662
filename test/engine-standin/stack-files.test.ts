// The stand-in's checkpoint file: written after every step, it keeps each resource's text between
// writes, so the file must stay what a whole serialization of the state would give, with secrets
// sealed, whichever resources changed since the last write.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { StackFiles, type ResourceState, type StackState } from "../../engine-standin/stack-files";
import { secretSig, specialSigKey } from "../../engine-standin/property-values";

const secret = (value: unknown): Record<string, unknown> => ({ [specialSigKey]: secretSig, value });

function resource(name: string, outputs: Record<string, unknown>): ResourceState {
  return {
    urn: `urn:pulumi:dev::files::cloudstack:index:Network::${name}`,
    type: "cloudstack:index:Network",
    name,
    custom: true,
    id: `id-${name}`,
    inputs: { name, secretKey: secret(`key-of-${name}`) },
    outputs,
    dependencies: [],
    propertyDependencies: {},
  } as ResourceState;
}

describe("engine stand-in: the checkpoint file", () => {
  let dir: string;
  let files: StackFiles;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-files-"));
    files = new StackFiles(dir, "files", "dev");
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const written = (): Record<string, unknown> => JSON.parse(fs.readFileSync(files.statePath, "utf8")) as Record<string, unknown>;

  it("writes a changed resource anew and keeps the others, reading back what was written with secrets sealed", () => {
    const a = resource("a", { cidr: "10.0.0.0/24" });
    const b = resource("b", { cidr: "10.0.1.0/24" });
    const state: StackState = { version: 1, project: "files", stack: "dev", resources: [a, b], outputs: { first: "a" } };
    files.writeState(state);
    const first = fs.readFileSync(files.statePath, "utf8");
    assert.ok(!first.includes("key-of-a"), "secrets are sealed in the file");

    // The deployment replaces a changed resource's state object; the untouched one keeps its object.
    const changed = { ...state, resources: [{ ...a, outputs: { cidr: "10.9.0.0/24" } }, b], outputs: { first: "changed" } };
    files.writeState(changed);
    assert.deepStrictEqual(files.readState(), changed);
    const text = fs.readFileSync(files.statePath, "utf8");
    assert.ok(text.includes("10.9.0.0/24") && !text.includes("10.0.0.0/24"));
    // The same layout as one JSON.stringify of the whole sealed state: two-space indents throughout.
    assert.strictEqual(text, JSON.stringify(written(), null, 2));
  });

  it("gives a secret the same ciphertext in every checkpoint, and a new one under a new key", () => {
    const a = resource("a", {});
    const state: StackState = { version: 1, project: "files", stack: "dev", resources: [a], outputs: {} };
    files.writeState(state);
    const ciphertextOf = (): unknown => {
      const [stored] = written().resources as Array<{ inputs: { secretKey: { ciphertext: string } } }>;
      return stored!.inputs.secretKey.ciphertext;
    };
    const before = ciphertextOf();
    files.writeState({ ...state, resources: [{ ...a }] });
    assert.strictEqual(ciphertextOf(), before);

    fs.writeFileSync(files.keyPath, "11".repeat(32));
    files.writeState(state);
    assert.notStrictEqual(ciphertextOf(), before, "the same state object is sealed again under the new key");
    assert.deepStrictEqual(files.readState(), state);
  });

  it("writes an empty resource list as []", () => {
    files.writeState({ version: 1, project: "files", stack: "dev", resources: [], outputs: {} });
    assert.deepStrictEqual(written().resources, []);
    assert.match(fs.readFileSync(files.statePath, "utf8"), /"resources": \[\]/);
  });
});
