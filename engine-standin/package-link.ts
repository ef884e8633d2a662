// Lets a program folder inside this repository (an example) resolve `pulumi-cloudstack` by
// package name without `npm install`: node_modules/pulumi-cloudstack becomes a link to the
// repository, which is what npm makes of the examples' `file:../..` dependency. @pulumi/pulumi
// then resolves from the repository's own node_modules, walking up.
import * as fs from "fs";
import * as path from "path";

export function findRepoRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, "utf8")) as { name?: string }).name === "pulumi-cloudstack") {
      return dir;
    }
    if (path.dirname(dir) === dir) throw new Error(`no pulumi-cloudstack package.json above ${from}`);
  }
}

export function linkPackage(programDir: string, repoRoot: string = findRepoRoot()): void {
  const link = path.join(programDir, "node_modules", "pulumi-cloudstack");
  try {
    if (fs.realpathSync(link) === fs.realpathSync(repoRoot)) return;
    fs.rmSync(link, { recursive: true, force: true });
  } catch {
    // No link yet.
  }
  fs.mkdirSync(path.dirname(link), { recursive: true });
  try {
    fs.symlinkSync(repoRoot, link, "dir");
  } catch (err) {
    // Another process (a parallel test file) made the same link first.
    if ((err as NodeJS.ErrnoException).code !== "EEXIST" || fs.realpathSync(link) !== fs.realpathSync(repoRoot)) throw err;
  }
}
