// docs/README.zh-CN.md is kept in step with README.md: the same sections (headings of the same
// levels, in the same order) and, section by section, the same commands (the lines of the `sh`
// blocks, comments aside) and as many code blocks. Prose is translated, so it is not compared;
// a README change that adds, removes or moves a section or a command fails here until the
// Chinese README follows.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { findRepoRoot } from "../../engine-standin";

interface Section {
  /** "##" etc.: the heading's level. */
  level: string;
  /** What of the heading is not translated: its `code` spans, or the whole of a folder name. */
  keep: string[];
  commands: string[];
  blocks: number;
}

/** Headings and, under each, the commands of its `sh` blocks and its count of code blocks. */
function sections(markdown: string): Section[] {
  const out: Section[] = [{ level: "", keep: [], commands: [], blocks: 0 }];
  let fence: string | undefined;
  for (const line of markdown.split("\n")) {
    const current = out[out.length - 1];
    const opening = /^```(\S*)/.exec(line);
    if (fence === undefined && opening) {
      fence = opening[1];
      current.blocks += 1;
      continue;
    }
    if (fence !== undefined) {
      if (line.startsWith("```")) fence = undefined;
      else if (fence === "sh") {
        // A comment is prose and is translated; the command before it is not.
        const command = line.replace(/\s+#\s.*$/, "").replace(/^#.*$/, "").trimEnd();
        if (command !== "") current.commands.push(command);
      }
      continue;
    }
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      // A heading that is a name (an example's folder) stays whole; otherwise its `code` spans.
      const keep = /^[a-z0-9-]+$/.test(heading[2]) ? [heading[2]] : [...heading[2].matchAll(/`[^`]+`/g)].map((m) => m[0]);
      out.push({ level: heading[1], keep, commands: [], blocks: 0 });
    }
  }
  return out;
}

describe("docs/README.zh-CN.md keeps in step with README.md", () => {
  const repo = findRepoRoot();
  const english = sections(fs.readFileSync(path.join(repo, "README.md"), "utf8"));
  const chinese = sections(fs.readFileSync(path.join(repo, "docs", "README.zh-CN.md"), "utf8"));

  it("has the same sections, of the same levels, in the same order", () => {
    assert.deepStrictEqual(
      chinese.map((s) => s.level),
      english.map((s) => s.level),
      `README.md has ${english.length - 1} headings, docs/README.zh-CN.md ${chinese.length - 1}`,
    );
    english.forEach((s, i) => assert.deepStrictEqual(chinese[i].keep, s.keep, `heading ${i}: the names in it stay as they are`));
  });

  it("has, section by section, the same commands and as many code blocks", () => {
    english.forEach((s, i) => {
      const where = `section ${i} (${s.level} ${s.keep.join(" ")})`;
      assert.deepStrictEqual(chinese[i]?.commands, s.commands, `${where}: commands`);
      assert.strictEqual(chinese[i]?.blocks, s.blocks, `${where}: code blocks`);
    });
  });

  it("sees a section or a command that goes missing", () => {
    const text = fs.readFileSync(path.join(repo, "README.md"), "utf8");
    const withoutTests = sections(text.replace(/^## Tests$/m, "Tests"));
    assert.notDeepStrictEqual(withoutTests.map((s) => s.level), english.map((s) => s.level));
    const withoutCommand = sections(text.replace("make test    # installs", "make check    # installs"));
    assert.notDeepStrictEqual(withoutCommand.map((s) => s.commands), english.map((s) => s.commands));
  });
});
