// docs/workflow.md tells, for every kind, what id `get` and `importId` take: the table must
// name each registered kind, and each sdk class must offer get(name, id, scope, opts).
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as sdk from "../../sdk";
import { specs } from "../../provider";

const doc = fs.readFileSync(path.resolve(__dirname, "..", "..", "..", "docs", "workflow.md"), "utf8");

/** The kinds named in the first column of the "The id of each kind" table. */
function kindsInTable(): string[] {
  const section = doc.split("### The id of each kind")[1]?.split("\n### ")[0] ?? "";
  return section
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .flatMap((line) => [...line.split("|")[1].matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1]));
}

describe("docs/workflow.md", () => {
  it("names every registered kind, once, in the table of ids", () => {
    const named = kindsInTable();
    assert.deepStrictEqual([...named].sort(), Object.keys(specs).sort());
  });

  it("describes get(name, id, scope, opts), which every sdk class has", () => {
    assert.match(doc, /`<Kind>\.get\(name, id, scope\?, opts\?\)`/);
    const classes = sdk as unknown as Record<string, { get?: (...args: unknown[]) => unknown } | undefined>;
    for (const kind of Object.keys(specs)) {
      assert.strictEqual(typeof classes[kind]?.get, "function", `${kind}.get`);
      assert.strictEqual(classes[kind]!.get!.length, 4, `${kind}.get takes name, id, scope and opts`);
    }
  });
});
