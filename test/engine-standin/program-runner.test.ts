// What the stand-in reads of a program's Pulumi.yaml: its name, main and TypeScript setting, and
// that it is a Node.js program at all (another language would otherwise run as an empty program).
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readProject } from "../../engine-standin/program-runner";

describe("engine stand-in: the program's Pulumi.yaml", () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-yaml-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const project = (text: string): ReturnType<typeof readProject> => {
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), text);
    return readProject(dir);
  };

  it("reads a Node.js program in either runtime form", () => {
    assert.deepStrictEqual(project("name: web\nruntime: nodejs\n"), { name: "web", main: ".", typescript: true });
    assert.deepStrictEqual(project("name: web\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: bin/index.js\n"), {
      name: "web",
      main: "bin/index.js",
      typescript: false,
    });
  });

  it("refuses a program in another language, naming the file and its runtime", () => {
    assert.throws(() => project("name: net\nruntime: yaml\nresources: {}\n"), (error: Error) => {
      assert.ok(error.message.includes(path.join(dir, "Pulumi.yaml")));
      assert.match(error.message, /runtime: yaml; the engine stand-in runs Node\.js programs only/);
      return true;
    });
    assert.throws(() => project("name: net\nruntime:\n  name: python\n"), /runtime: python; the engine stand-in runs Node\.js programs only/);
    assert.throws(() => project("name: net\n"), /runtime: \(none\)/);
  });
});
