// Runs the whole test suite as `npm test` does (mocha with .mocharc.js, on the built dist/) and
// records its time in bench/RESULTS.md under "## Test suite time": wall clock, the CPU time of
// mocha and every process it started, the load average (the figures only compare with runs on
// an equally idle machine), and the slowest files and tests as the reporter printed them.
// Not part of `make bench`: it takes as long as the suite. Run it with `make suite-time`;
// MOCHA_JOBS=1 measures the files one after another.
import { spawn } from "child_process";
import { existsSync, readFileSync } from "fs";
import * as os from "os";
import { resolve } from "path";
import { RESULTS_PATH, runAsScript } from "./results-file";

const HEADING = "## Test suite time";
/** A subsection of the results that a run keeps as it is: the before-and-after notes. */
const KEPT = "### Before and after";
const root = resolve(__dirname, "..", "..");

/** CPU seconds of this process's finished children (Linux: /proc/self/stat cutime + cstime). */
function childCpuSeconds(): number | undefined {
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").replace(/^.*\) /, "").split(" ");
    // Fields 16 and 17 of stat(5), counted from the state field (3) here.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return undefined;
  }
}

function runSuite(): Promise<{ code: number; output: string; wallSeconds: number }> {
  const began = Date.now();
  const mocha = require.resolve("mocha/bin/mocha.js", { paths: [root] });
  const child = spawn(process.execPath, [mocha], { cwd: root, env: { ...process.env, SLOWEST_TESTS: "10" }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  return new Promise((resolvePromise, reject) => {
    child.once("error", reject);
    child.once("close", (code) => resolvePromise({ code: code ?? 1, output, wallSeconds: (Date.now() - began) / 1000 }));
  });
}

/** The reporter's "Slowest ..." block that starts with `title`, as printed. */
function block(output: string, title: string): string[] {
  const lines = output.split("\n");
  const start = lines.findIndex((l) => l.trim().startsWith(title));
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > start && l.trim() === "");
  return lines.slice(start + 1, end < 0 ? undefined : end).map((l) => l.trim());
}

function keptNotes(): string {
  if (!existsSync(RESULTS_PATH)) return "";
  const text = readFileSync(RESULTS_PATH, "utf8");
  const section = text.indexOf(HEADING);
  const kept = section < 0 ? -1 : text.indexOf(KEPT, section);
  if (kept < 0) return "";
  const next = text.indexOf("\n## ", kept);
  return text.slice(kept, next < 0 ? undefined : next).trim();
}

async function bench(): Promise<string> {
  const loadBefore = os.loadavg()[0]!;
  const run = await runSuite();
  const cpu = childCpuSeconds();
  const loadAfter = os.loadavg()[0]!;
  if (run.code !== 0) throw new Error(`the suite failed (exit ${run.code}):\n${run.output.slice(-4000)}`);
  const passing = /(\d+) passing/.exec(run.output)?.[1] ?? "?";
  const jobs = process.env.MOCHA_JOBS ?? "2";
  const minutes = (s: number): string => `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
  const rows = [
    "| | |",
    "|---|---|",
    `| tests | ${passing} passing |`,
    `| files at a time | ${jobs} |`,
    `| wall clock | ${minutes(run.wallSeconds)} |`,
    `| CPU (user + system, every process) | ${cpu === undefined ? "not measured" : minutes(cpu)} |`,
    `| machine | ${os.cpus().length} cores, load average ${loadBefore.toFixed(1)} before and ${loadAfter.toFixed(1)} after |`,
  ];
  const parts = [
    `Measured by bench/test-suite-time.ts (\`make suite-time\`) on ${new Date().toISOString().slice(0, 10)}: the suite as \`npm test\` runs it, after the build.`,
    rows.join("\n"),
    "Slowest files (their tests and hooks):\n\n```\n" + block(run.output, "Slowest files").join("\n") + "\n```",
    "Slowest tests:\n\n```\n" + block(run.output, "Slowest tests").join("\n") + "\n```",
  ];
  const notes = keptNotes();
  if (notes) parts.push(notes);
  return parts.join("\n\n");
}

runAsScript(HEADING, bench);
