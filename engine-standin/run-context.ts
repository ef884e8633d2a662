// What every kind of run shares: the provider host, the parallelism bound, the record of steps,
// logs and errors, the operations in flight, and whether a step has failed.
import { ProviderHost } from "./provider-host";
import { Limiter } from "./limiter";
import { LogEntry } from "./monitor";
import { PendingOperation } from "./stack-files";
import { RunKind, StepEvent, StepOp } from "./steps";
import { displayType } from "./urn";

export interface StepStart {
  op: StepOp;
  urn: string;
  type: string;
  name: string;
  diffKeys?: string[];
  replaceKeys?: string[];
  deleteBeforeReplace?: boolean;
}

/**
 * A step that never started because an earlier step failed. Not an error of its own: the run
 * reports the failure that caused it.
 */
export class StepCanceledError extends Error {
  constructor(start: StepStart) {
    super(`${displayType(start.type)} ${start.name} ${start.op} not started: an earlier step failed`);
    this.name = "StepCanceledError";
  }
}

export class RunContext {
  readonly events: StepEvent[] = [];
  readonly logs: LogEntry[] = [];
  readonly errors: string[] = [];
  /** Set by the first failed step; from then on no step starts (step_executor.go). */
  failed = false;
  /** Writes the state with the current pending operations (set by the run's owner). */
  persist: () => void = () => undefined;
  private readonly pending = new Set<PendingOperation>();
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    readonly kind: RunKind,
    readonly host: ProviderHost,
    readonly limiter: Limiter,
    readonly dryRun: boolean,
    /** Pending creates of earlier runs, which stay in the state until a refresh clears them. */
    readonly carriedPending: PendingOperation[] = [],
    /** Each resource's provider reference, by URN: which plugin instance serves it. */
    readonly providerReferences = new Map<string, string>(),
  ) {}

  /** The operations to write into the state: this run's unfinished ones and the carried creates. */
  pendingOperations(): PendingOperation[] {
    return [...this.carriedPending, ...this.pending];
  }

  /** Records a step that needs no provider call (same, read-discard, a component). */
  record(start: StepStart, extra: Partial<StepEvent> = {}): StepEvent {
    const now = Date.now();
    const event: StepEvent = {
      diffKeys: [],
      replaceKeys: [],
      deleteBeforeReplace: false,
      gone: false,
      ...start,
      startedAt: now,
      endedAt: now,
      ...extra,
    };
    this.events.push(event);
    return event;
  }

  /** Records a failure that is not a provider step's (check, diff, a protected delete...) and stops the run. */
  fail(start: StepStart, message: string): Error {
    this.record(start, { error: message });
    this.errors.push(message);
    this.failed = true;
    return new Error(message);
  }

  /**
   * Runs a step's provider work inside the parallelism bound and records it when it ends.
   * step_executor.go (~390-465): once a step has failed the executor cancels its context, so a
   * step still waiting for a worker never starts, while the steps already running finish and
   * their results are recorded. With `pending`, the operation is written into the state before
   * the provider is called and leaves it when the step ends (pkg/backend/snapshot.go: Begin marks
   * the operation pending and saves, End marks it complete); the caller's next save writes the
   * step's result and the cleared operation together, as End does.
   */
  step<T>(start: StepStart, work: () => Promise<T>, extra?: (result: T) => Partial<StepEvent>, pending?: PendingOperation): Promise<T> {
    const run = this.limiter.run(async () => {
      if (this.failed) throw new StepCanceledError(start);
      if (pending) {
        this.pending.add(pending);
        this.persist();
      }
      const startedAt = Date.now();
      try {
        const result = await work();
        if (pending) this.pending.delete(pending);
        this.record(start, { startedAt, endedAt: Date.now(), ...(extra ? extra(result) : {}) });
        return result;
      } catch (err) {
        this.failed = true;
        const message = `${displayType(start.type)} ${start.name} ${start.op} failed: ${err instanceof Error ? err.message : String(err)}`;
        this.record(start, { startedAt, endedAt: Date.now(), error: message });
        this.errors.push(message);
        // The next write clears the operation: the caller's (a partial create is recorded with its
        // id in the same write) or the run's last one. Writing here would leave, for an instant, a
        // state that holds neither the operation nor the partial object.
        if (pending) this.pending.delete(pending);
        throw err;
      }
    });
    this.running.add(run);
    const forget = (): void => {
      this.running.delete(run);
    };
    run.then(forget, forget);
    return run;
  }

  /** Resolves once no step is running (the steps in flight at a failure finish before the host stops). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
