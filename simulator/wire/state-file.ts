// The state file: the model's snapshot plus the job records. A write goes to a temporary file in
// the same folder (mode 0600: the file holds every secret key and VM password), is fsynced,
// renamed over the file, and the folder is fsynced so the rename itself survives a crash.
// Writes use group commit: callers of commit() that arrive while a write is in progress all wait
// for the next single write, whose snapshot is taken after their change, so one fsync covers many
// requests and nothing is acknowledged before it is on disk.
import { promises as fsp, readFileSync, existsSync, readdirSync, unlinkSync } from "fs";
import { basename, dirname, join } from "path";
import { AsyncJobRecord, parseJobRecords } from "./jobs";

const FORMAT = "cloudstack-sim-state";
const VERSION = 1;
const FILE_MODE = 0o600;

export interface SavedState {
  model: unknown;
  jobs: AsyncJobRecord[];
}

/** What a write takes: the model already as JSON text, and the job records. */
export interface StateToWrite {
  modelJson: string;
  jobs: ReadonlyArray<AsyncJobRecord>;
}

/** Reads a state file written by StateFile; undefined when the file does not exist. */
export function readStateFile(path: string): SavedState | undefined {
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, "utf8");
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== "object" || parsed === null || (parsed as { format?: unknown }).format !== FORMAT) {
    throw new Error(`${path} is not a cloudstack-sim state file`);
  }
  const { model, jobs } = parsed as { model?: unknown; jobs?: unknown };
  return { model, jobs: parseJobRecords(jobs) };
}

/** `<name>.<pid>.tmp`: the temporary name a writer uses next to the state file. */
const tempName = (path: string, pid: number): string => `${basename(path)}.${pid}.tmp`;

/** Removes temporary files a killed writer left next to `path` (any pid: only one writer per file). */
export function removeStaleTempFiles(path: string): void {
  const dir = dirname(path);
  const prefix = `${basename(path)}.`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (name.startsWith(prefix) && /^\d+\.tmp$/.test(name.slice(prefix.length))) {
      try {
        unlinkSync(join(dir, name));
      } catch {
        // Gone already, or not ours to remove: the next write does not depend on it.
      }
    }
  }
}

interface Waiter {
  resolve: () => void;
  reject: (err: Error) => void;
}

export class StateFile {
  /** Callers whose change is not yet in a write that has started. */
  private waiting: Waiter[] = [];
  private running: Promise<void> | undefined;
  private readonly tempPath: string;
  /** Number of completed writes, for tests and benchmarks. */
  writes = 0;

  constructor(
    private readonly path: string,
    private readonly produce: () => StateToWrite,
  ) {
    this.tempPath = join(dirname(path), tempName(path, process.pid));
    removeStaleTempFiles(path);
  }

  /** Resolves once a write that started after this call is on disk; rejects if that write failed. */
  commit(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.running ??= this.drain();
    });
  }

  /** Writes the current state and resolves when it is on disk. */
  flush(): Promise<void> {
    return this.commit();
  }

  private async drain(): Promise<void> {
    // Let the requests of the current event-loop turn join the first write.
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      while (this.waiting.length > 0) {
        // Taken in the same synchronous step as the snapshot: a commit() after this point
        // may carry a change the snapshot lacks, so it waits for the next write.
        const batch = this.waiting;
        this.waiting = [];
        try {
          await this.writeOnce(this.produce());
          this.writes++;
          for (const w of batch) w.resolve();
        } catch (err) {
          const error = err instanceof Error ? err : new Error(String(err));
          for (const w of batch) w.reject(error);
        }
      }
    } finally {
      this.running = undefined;
    }
  }

  private async writeOnce(state: StateToWrite): Promise<void> {
    const text = `{"format":${JSON.stringify(FORMAT)},"version":${VERSION},"model":${state.modelJson},"jobs":${JSON.stringify(state.jobs)}}`;
    let renamed = false;
    try {
      const handle = await fsp.open(this.tempPath, "w", FILE_MODE);
      try {
        // The open mode is filtered by the umask and ignored for a file that already exists.
        await handle.chmod(FILE_MODE);
        await handle.writeFile(text, "utf8");
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fsp.rename(this.tempPath, this.path);
      renamed = true;
      // The rename is a change of the folder: without this fsync a crash may bring back the old file.
      const folder = await fsp.open(dirname(this.path), "r");
      try {
        await folder.sync();
      } finally {
        await folder.close();
      }
    } catch (err) {
      if (!renamed) await fsp.unlink(this.tempPath).catch(() => undefined);
      throw err;
    }
  }
}
