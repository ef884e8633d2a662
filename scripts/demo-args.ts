// The program folder `make demo` runs: `make demo EXAMPLE=<folder>` passes the folder as the
// script's one argument. Kept apart from demo.ts so that the rules can be tested without
// starting a simulator.
import * as fs from "fs";
import * as path from "path";

export const DEFAULT_EXAMPLE = "isolated-web-network";

export const DEMO_USAGE =
  "usage: make demo [EXAMPLE=<folder>]   (or: node dist/scripts/demo.js [<folder>])\n" +
  "  <folder>: a Pulumi program folder (it holds Pulumi.yaml): a path, absolute or relative to the\n" +
  "  current directory (the repository root under make), or the name of a folder of examples/.\n" +
  `  Default: examples/${DEFAULT_EXAMPLE}.\n`;

/** A request the demo cannot run: the message says what was given and what is expected. */
export class DemoUsageError extends Error {}

export type DemoRequest = { help: true } | { help: false; programDir: string; insideRepo: boolean };

const isDir = (dir: string): boolean => fs.existsSync(dir) && fs.statSync(dir).isDirectory();

/** Whether `dir` is `root` or lies below it. */
export function isInside(dir: string, root: string): boolean {
  const rel = path.relative(fs.realpathSync(root), fs.realpathSync(dir));
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/**
 * The program folder the arguments name. An empty EXAMPLE (make passes none) is the default; a
 * path wins over an example of the same name.
 */
export function parseDemoArgs(argv: string[], repoRoot: string, cwd: string): DemoRequest {
  const args = argv.filter((a) => a.trim() !== "");
  if (args.some((a) => a === "--help" || a === "-h")) return { help: true };
  if (args.length > 1) throw new DemoUsageError(`one program folder at most, got ${args.length}: ${args.join(" ")}`);
  const given = args[0];
  let programDir: string;
  if (given === undefined) {
    programDir = path.join(repoRoot, "examples", DEFAULT_EXAMPLE);
  } else if (given.startsWith("-")) {
    throw new DemoUsageError(`unknown option ${given}`);
  } else if (isDir(path.resolve(cwd, given))) {
    programDir = path.resolve(cwd, given);
  } else if (!given.includes("/") && !given.includes(path.sep) && isDir(path.join(repoRoot, "examples", given))) {
    programDir = path.join(repoRoot, "examples", given);
  } else {
    throw new DemoUsageError(`EXAMPLE=${given}: no such folder (neither ${path.resolve(cwd, given)} nor ${path.join(repoRoot, "examples", given)})`);
  }
  if (!fs.existsSync(path.join(programDir, "Pulumi.yaml"))) {
    throw new DemoUsageError(`EXAMPLE=${given ?? ""}: ${programDir} has no Pulumi.yaml, so it is not a Pulumi program folder`);
  }
  return { help: false, programDir, insideRepo: isInside(programDir, repoRoot) };
}

/**
 * Whether Node's lookup from `dir` (node_modules of it and each parent) finds the package. Done by
 * hand: require.resolve from this script would also find pulumi-cloudstack by self-reference.
 */
function resolvesFrom(dir: string, name: string): boolean {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    if (fs.existsSync(path.join(d, "node_modules", name, "package.json"))) return true;
    if (path.dirname(d) === d) return false;
  }
}

/**
 * A program outside the repository must resolve both packages from its own folder (after `npm
 * install` there); inside, the demo links pulumi-cloudstack to the repository as tests do.
 * Returns what is missing, as a sentence, or undefined.
 */
export function missingPackages(programDir: string): string | undefined {
  const missing = ["@pulumi/pulumi", "pulumi-cloudstack"].filter((name) => !resolvesFrom(programDir, name));
  if (missing.length === 0) return undefined;
  return (
    `${programDir} cannot load ${missing.join(" and ")}: run \`npm install\` there, with both in its package.json ` +
    `("pulumi-cloudstack": "file:<path to this repository>" or a packed tarball)`
  );
}
