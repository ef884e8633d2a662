// What the generators of committed files share: comparing what they render with the files on
// disk, finding generated files no longer rendered (by the marker they start with), writing.
"use strict";
const fs = require("fs");
const path = require("path");

/**
 * `render()` gives the files by path relative to `root`; generated files in `dir` (relative to
 * `root`) start with `marker`.
 */
function generatedFiles({ root, dir, marker, render }) {
  /** Generated files on disk that nothing renders any more (a kind was removed or renamed). */
  function staleFiles(files) {
    const full = path.join(root, dir);
    if (!fs.existsSync(full)) return [];
    return fs
      .readdirSync(full)
      .map((name) => path.join(dir, name))
      .filter((rel) => !files.has(rel) && fs.statSync(path.join(root, rel)).isFile() && fs.readFileSync(path.join(root, rel), "utf8").startsWith(marker));
  }

  /** Paths whose content differs from what is rendered now, plus stale generated files. */
  function differences() {
    const files = render();
    const differ = [...files].filter(([rel, text]) => {
      const full = path.join(root, rel);
      return !fs.existsSync(full) || fs.readFileSync(full, "utf8") !== text;
    });
    return [...differ.map(([rel]) => rel), ...staleFiles(files)];
  }

  /** `--check` exits 1 naming the stale files; otherwise writes what changed and removes what is stale. */
  function main(argv, what, command) {
    if (argv.includes("--check")) {
      const stale = differences();
      if (stale.length > 0) {
        console.error(`${what} out of date (${stale.join(", ")}): run \`${command}\``);
        process.exit(1);
      }
      return;
    }
    const files = render();
    fs.mkdirSync(path.join(root, dir), { recursive: true });
    for (const rel of staleFiles(files)) {
      fs.rmSync(path.join(root, rel));
      console.log(`removed ${rel}`);
    }
    for (const [rel, text] of files) {
      const full = path.join(root, rel);
      if (fs.existsSync(full) && fs.readFileSync(full, "utf8") === text) continue;
      fs.writeFileSync(full, text);
      console.log(`wrote ${rel}`);
    }
  }

  return { differences, main };
}

module.exports = { generatedFiles };
