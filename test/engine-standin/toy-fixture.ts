// Test helpers around fixtures/toy-program: a fresh toy cloud and state directory per stack.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LocalStack } from "../../engine-standin/local-stack";
import { findRepoRoot } from "../../engine-standin/package-link";

export interface ToySpec {
  name: string;
  value?: string;
  zone?: string;
  valueFrom?: string;
  dependsOn?: string[];
  /** A secret input value, passed to the program as secret config. */
  secret?: string;
  delayMs?: number;
  dbr?: boolean;
  deleteBeforeReplace?: boolean;
  additionalSecretOutputs?: string[];
  ignoreChanges?: string[];
  customTimeouts?: { create?: string; update?: string; delete?: string };
  protect?: boolean;
  getId?: string;
}

export interface ToyJournalEntry {
  op: "create" | "update" | "delete";
  name: string;
  start: number;
  end: number;
}

export interface ToyObject {
  id: string;
  inputs: Record<string, unknown>;
  serial: number;
  generated: string;
}

export const toyProgramDir = path.join(findRepoRoot(), "test", "engine-standin", "fixtures", "toy-program");

/** Links node_modules/toy-cloud in the fixture program, as an install would. */
function linkToyCloud(): void {
  const link = path.join(toyProgramDir, "node_modules", "toy-cloud");
  if (fs.existsSync(link)) return;
  fs.mkdirSync(path.dirname(link), { recursive: true });
  try {
    fs.symlinkSync(path.join(toyProgramDir, "..", "toy-cloud"), link, "dir");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
  }
}

export class ToyWorld {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "toy-world-"));
  readonly stack: LocalStack;

  readonly cloudDir: string;

  /** `cloudDir` shares another world's toy cloud (for a second stack over the same objects). */
  constructor(options: { parallel?: number; stack?: string; cloudDir?: string } = {}) {
    linkToyCloud();
    this.cloudDir = options.cloudDir ?? path.join(this.dir, "cloud");
    fs.mkdirSync(this.cloudDir, { recursive: true });
    this.stack = new LocalStack({
      programDir: toyProgramDir,
      stack: options.stack ?? "test",
      stateDir: path.join(this.dir, ".stacks"),
      parallel: options.parallel,
      env: { TOY_CLOUD_DIR: this.cloudDir },
      // A test's operations share one host: the toy provider keeps nothing in its process.
      reuseProviderHost: true,
    });
  }

  /** Sets the program's resources; each `secret` goes into its own secret config value. */
  declare(specs: ToySpec[]): void {
    for (const s of specs) {
      if (s.secret !== undefined) this.stack.setConfig(`toy:secret-${s.name}`, s.secret, { secret: true });
    }
    const listed = specs.map((s) => (s.secret !== undefined ? { ...s, secret: true } : s));
    this.stack.setConfig("toy:resources", JSON.stringify(listed));
  }

  objects(): Record<string, ToyObject> {
    const p = path.join(this.cloudDir, "objects.json");
    return fs.existsSync(p) ? (JSON.parse(fs.readFileSync(p, "utf8")) as Record<string, ToyObject>) : {};
  }

  objectNamed(name: string): ToyObject | undefined {
    return Object.values(this.objects()).find((o) => o.inputs.name === name);
  }

  /** Changes an object behind the engine's back. */
  mutate(id: string, change: (o: ToyObject) => void | "delete"): void {
    const objects = this.objects();
    if (change(objects[id]) === "delete") delete objects[id];
    fs.writeFileSync(path.join(this.cloudDir, "objects.json"), JSON.stringify(objects, null, 2));
  }

  journal(): ToyJournalEntry[] {
    const p = path.join(this.cloudDir, "journal.jsonl");
    if (!fs.existsSync(p)) return [];
    return fs
      .readFileSync(p, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as ToyJournalEntry);
  }

  clearJournal(): void {
    fs.rmSync(path.join(this.cloudDir, "journal.jsonl"), { force: true });
  }

  /** Makes the next create of `name` fail after the object exists. */
  failCreate(name: string, on: boolean): void {
    const p = path.join(this.cloudDir, `fail-create-${name}`);
    if (on) fs.writeFileSync(p, "");
    else fs.rmSync(p, { force: true });
  }

  /** Makes every create of `name` fail before the object exists. */
  refuseCreate(name: string, on: boolean): void {
    const p = path.join(this.cloudDir, `refuse-create-${name}`);
    if (on) fs.writeFileSync(p, "");
    else fs.rmSync(p, { force: true });
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
