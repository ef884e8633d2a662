// The state file: the model's snapshot plus the job records, written atomically (temporary file
// in the same folder, fsync, rename) so that a crash at any moment leaves the last complete file.
// Writes are coalesced: at most one in flight, and one more if something changed meanwhile.
import { promises as fsp, readFileSync, existsSync } from "fs";
import { AsyncJobRecord, parseJobRecords } from "./jobs";

const FORMAT = "cloudstack-sim-state";
const VERSION = 1;

export interface SavedState {
  model: unknown;
  jobs: AsyncJobRecord[];
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

export class StateFile {
  private inFlight: Promise<void> | undefined;
  private dirty = false;
  private lastError: Error | undefined;
  private readonly tempPath: string;

  constructor(
    private readonly path: string,
    private readonly produce: () => SavedState,
  ) {
    this.tempPath = `${path}.${process.pid}.tmp`;
  }

  /** Schedules a write of the current state. */
  markDirty(): void {
    this.dirty = true;
    if (!this.inFlight) this.inFlight = this.drain();
  }

  /** Resolves once everything marked so far is on disk. */
  async flush(): Promise<void> {
    while (this.inFlight) await this.inFlight;
    if (this.lastError) throw this.lastError;
  }

  private async drain(): Promise<void> {
    // Let the current burst of requests land in one snapshot.
    await new Promise<void>((resolve) => setImmediate(resolve));
    try {
      while (this.dirty) {
        this.dirty = false;
        await this.writeOnce();
      }
    } catch (err) {
      this.lastError = err instanceof Error ? err : new Error(String(err));
    } finally {
      this.inFlight = undefined;
    }
  }

  private async writeOnce(): Promise<void> {
    const state = this.produce();
    const text = JSON.stringify({ format: FORMAT, version: VERSION, model: state.model, jobs: state.jobs });
    const handle = await fsp.open(this.tempPath, "w");
    try {
      await handle.writeFile(text, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fsp.rename(this.tempPath, this.path);
  }
}
