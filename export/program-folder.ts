// Writes the generated program as a Pulumi project folder (--out): index.ts, Pulumi.yaml and a
// package.json naming the two dependencies it imports.
import * as fs from "fs";
import * as path from "path";

export function writeProgramFolder(dir: string, source: string, packageVersion: string): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const project = path.basename(path.resolve(dir)).replace(/[^A-Za-z0-9_.-]/g, "-") || "adopted";
  const files: Record<string, string> = {
    "index.ts": source,
    "Pulumi.yaml": `name: ${project}\nruntime: nodejs\ndescription: CloudStack objects adopted by cloudstack-export\n`,
    "package.json":
      JSON.stringify({ name: project, private: true, dependencies: { "@pulumi/pulumi": "^3.216.0", "pulumi-cloudstack": `^${packageVersion}` } }, null, 2) + "\n",
  };
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return Object.keys(files).map((name) => path.join(dir, name));
}
