// The reference docs (docs/resources/<kind>.md, docs/functions.md) are generated from the specs
// and the lookup functions: the committed files must be what the generator writes now, every
// kind must have one, and the descriptions they show must say what a change does.
import * as assert from "assert";
import * as path from "path";
import { specs } from "../../provider";
import { functions } from "../../provider/functions";

const root = path.resolve(__dirname, "..", "..", "..");
interface DocsGenerator {
  differences(): string[];
  render(): Map<string, string>;
  idTable(): Map<string, { id: string; owner: string }>;
}
const generator = require(path.join(root, "scripts", "generate-docs.js")) as DocsGenerator;
const sdkGenerator = require(path.join(root, "scripts", "generate-sdk.js")) as { kebab(kind: string): string; descriptionOf(field: unknown): string | undefined };

describe("generated reference docs", () => {
  const files = generator.render();

  it("are what scripts/generate-docs.js writes from the current specs", () => {
    assert.deepStrictEqual(generator.differences(), [], "run `npm run build && node scripts/generate-docs.js`");
  });

  it("document every registered kind, with its id in docs/workflow.md's table, its commands and an example", () => {
    const ids = generator.idTable();
    for (const kind of Object.keys(specs)) {
      const doc = files.get(path.join("docs", "resources", `${sdkGenerator.kebab(kind)}.md`));
      assert.ok(doc, `${kind} has a doc`);
      assert.ok(ids.has(kind), `${kind} has a row in docs/workflow.md's table of ids`);
      assert.match(doc, /## Inputs\n\n\| Input \| Type \| Required \| A change \| Default \| Description \|/);
      assert.match(doc, /The commands its code sends: `[a-zA-Z]+`/, `${kind} names the commands it sends`);
      assert.match(doc, new RegExp(`const example = new cloudstack\\.${kind}\\("example", \\{`), `${kind} has an example`);
    }
    const network = files.get(path.join("docs", "resources", "network.md"))!;
    assert.match(network, /\| `name` \| `string` \| yes \| in place \| +\| The name of the network\. Updated in place\. \|/);
    assert.match(network, /\| `zone` \| `string` \| yes \| replaces \|/);
    assert.match(network, /\| `zoneId` \| `string` \| The id of the zone/, "resolved ids are outputs");
    assert.match(network, /\| `networkCidr` \| `string \\\| null` \|/, "absent outputs are null");
    assert.match(network, /`createNetwork`/);
    assert.match(network, /Names in its inputs are looked up with `listNetworkOfferings`, `listZones`\./);
    const vpcTier = files.get(path.join("docs", "resources", "network-acl-list.md"))!;
    assert.match(vpcTier, /\/\/ `vpc`: resources declared earlier in the program/);
    assert.match(vpcTier, /vpcId: vpc\.id,/, "another object's id is written as a reference to it");
  });

  it("document every lookup function with its arguments and results", () => {
    const doc = files.get(path.join("docs", "functions.md"))!;
    for (const [name, fn] of Object.entries(functions)) {
      assert.match(doc, new RegExp(`## ${name}\\n\\n`));
      assert.ok(doc.includes(`Reads \`${fn.listCommand}\`.`), name);
    }
    assert.match(doc, /\| `tags` \| `Record<string, string>` \| Resource tags the network has, every one with this value\. \|/);
  });

  it("show descriptions that say what a change does, as the spec applies it", () => {
    const wrong: string[] = [];
    for (const [kind, spec] of Object.entries(specs)) {
      for (const [name, field] of Object.entries(spec.inputs.shape)) {
        const text = sdkGenerator.descriptionOf(field) ?? "";
        const rule = spec.inPlace[name];
        if (text === "") wrong.push(`${kind}.${name} has no description`);
        // An input applied in place says so (a trigger says what its change does).
        if (rule === true && !/in place|when it changes/i.test(text)) wrong.push(`${kind}.${name} changes in place but its description does not say so`);
        if (rule === undefined && !/replac/i.test(text)) wrong.push(`${kind}.${name} replaces but its description does not say so`);
        if (rule === undefined && /in place/i.test(text) && !/replac/i.test(text)) wrong.push(`${kind}.${name} says in place but replaces`);
        if (/\) \(/.test(text)) wrong.push(`${kind}.${name} has two parentheses in a row: ${text}`);
      }
    }
    assert.deepStrictEqual(wrong, []);
  });
});
