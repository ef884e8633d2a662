// What every kind of run shares: the provider host, the parallelism bound, and the record of
// steps, logs and errors.
import { ProviderHost } from "./provider-host";
import { Limiter } from "./limiter";
import { LogEntry } from "./monitor";
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

export class RunContext {
  readonly events: StepEvent[] = [];
  readonly logs: LogEntry[] = [];
  readonly errors: string[] = [];

  constructor(
    readonly kind: RunKind,
    readonly host: ProviderHost,
    readonly limiter: Limiter,
    readonly dryRun: boolean,
  ) {}

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

  /** Runs a step's provider work inside the parallelism bound and records it when it ends. */
  async step<T>(start: StepStart, work: () => Promise<T>, extra?: (result: T) => Partial<StepEvent>): Promise<T> {
    return this.limiter.run(async () => {
      const startedAt = Date.now();
      try {
        const result = await work();
        this.record(start, { startedAt, endedAt: Date.now(), ...(extra ? extra(result) : {}) });
        return result;
      } catch (err) {
        const message = `${displayType(start.type)} ${start.name} ${start.op} failed: ${err instanceof Error ? err.message : String(err)}`;
        this.record(start, { startedAt, endedAt: Date.now(), error: message });
        this.errors.push(message);
        throw err;
      }
    });
  }
}
