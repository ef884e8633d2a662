// bench/RESULTS.md holds one "## <title>" section per benchmark; each run replaces its own.
import { existsSync, readFileSync, writeFileSync } from "fs";
import { resolve } from "path";

export const RESULTS_PATH = resolve(__dirname, "..", "..", "bench", "RESULTS.md");

/** Replaces (or appends) the section under `heading`, leaving the others as they are. */
export function recordSection(heading: string, markdown: string, file = RESULTS_PATH): void {
  const text = existsSync(file) ? readFileSync(file, "utf8") : "# Benchmark results\n";
  const section = `${heading}\n\n${markdown.trim()}\n`;
  const start = text.indexOf(heading);
  let next: string;
  if (start < 0) {
    next = `${text.trimEnd()}\n\n${section}`;
  } else {
    const after = text.indexOf("\n## ", start + heading.length);
    next = text.slice(0, start) + section + (after < 0 ? "" : "\n" + text.slice(after + 1));
  }
  writeFileSync(file, next);
}

/** Runs a benchmark as a script: prints its markdown, records it, exits non-zero on failure. */
export function runAsScript(heading: string, bench: () => Promise<string>): void {
  bench().then(
    (markdown) => {
      process.stdout.write(`${heading}\n\n${markdown}\n`);
      recordSection(heading, markdown);
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(1);
    },
  );
}
