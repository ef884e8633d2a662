// Fault injection: makes a chosen share of requests fail the way a real CloudStack, or the
// proxies in front of it, fail, so that clients can be tested for retries and for ambiguous
// outcomes. Draws come from a seeded generator, so a seed gives the same sequence of decisions
// for the same sequence of matching requests.

/** The kinds of injected fault; see simulator/README.md "Fault injection" for each one's wire form. */
export const FAULT_KINDS = ["500", "503", "429", "reset", "delay", "drop"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
  /** Share of matching requests that get a fault, 0..1. */
  rate: number;
  /** Kinds to choose from, evenly; default all six. */
  kinds?: ReadonlyArray<FaultKind>;
  /** Seed of the decision sequence; default 1. */
  seed?: number;
  /**
   * Command names the faults apply to: exact names (case-sensitive, as CloudStack's) or patterns
   * with `*` (e.g. `create*`). Default: every command. A request without a command never matches.
   */
  commands?: ReadonlyArray<string>;
  /** How long a `delay` fault holds the answer, in ms; default 1000. */
  delayMs?: number;
  /** Write one JSON line per injected fault to stderr. */
  log?: boolean;
}

export type FaultCounts = Record<FaultKind, number>;

/** What to do with one request. `afterRun` is set for 500 only: whether the command ran first. */
export interface FaultDecision {
  kind: FaultKind;
  afterRun: boolean;
  /** For 429: the "retry after [<ms>] ms" value. */
  retryAfterMs: number;
  delayMs: number;
}

/** The runtime control of a started simulator's fault injection. */
export interface FaultControl {
  /** Replaces the spec (undefined turns faults off); the decision sequence restarts from its seed. */
  set(spec: FaultSpec | undefined): void;
  /** The spec in force, undefined when off. */
  get(): FaultSpec | undefined;
  /** Faults injected per kind since start or the last resetCounts(). */
  counts(): FaultCounts;
  resetCounts(): void;
}

const DEFAULT_DELAY_MS = 1000;

/** mulberry32: small, fast and good enough to spread faults; not for anything secret. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function patternMatcher(patterns: ReadonlyArray<string>): (command: string) => boolean {
  const regexes = patterns.map(
    (p) => new RegExp("^" + p.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*") + "$"),
  );
  return (command) => regexes.some((re) => re.test(command));
}

/** Throws with a message naming the problem; returns a normalised copy. */
export function validateFaultSpec(spec: FaultSpec): FaultSpec {
  if (typeof spec.rate !== "number" || !(spec.rate >= 0 && spec.rate <= 1)) {
    throw new Error(`faults: rate must be a number from 0 to 1, got ${String(spec.rate)}`);
  }
  const kinds = spec.kinds ?? FAULT_KINDS;
  if (kinds.length === 0) throw new Error("faults: kinds must name at least one kind");
  for (const k of kinds) {
    if (!(FAULT_KINDS as ReadonlyArray<string>).includes(k)) {
      throw new Error(`faults: unknown kind ${String(k)}; the kinds are ${FAULT_KINDS.join(", ")}`);
    }
  }
  const delayMs = spec.delayMs ?? DEFAULT_DELAY_MS;
  if (!Number.isInteger(delayMs) || delayMs < 0) throw new Error(`faults: delay must be a non-negative integer (ms), got ${delayMs}`);
  const seed = spec.seed ?? 1;
  if (!Number.isInteger(seed)) throw new Error(`faults: seed must be an integer, got ${seed}`);
  if (spec.commands !== undefined && spec.commands.some((c) => c === "")) throw new Error("faults: an empty command pattern");
  return { ...spec, kinds: [...kinds], delayMs, seed };
}

/**
 * Parses the CLI form: comma-separated key=value pairs, lists joined with `+`, e.g.
 * `rate=0.1,kinds=500+503+reset,seed=7,commands=create*+queryAsyncJobResult,delay=2000,log`.
 */
export function parseFaultSpec(text: string): FaultSpec {
  const spec: { -readonly [K in keyof FaultSpec]: FaultSpec[K] } = { rate: Number.NaN };
  for (const part of text.split(",")) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    const key = eq < 0 ? part : part.slice(0, eq);
    const value = eq < 0 ? "" : part.slice(eq + 1);
    const list = (): string[] => value.split("+").filter((v) => v !== "");
    const number = (): number => {
      if (!/^-?\d+(\.\d+)?$/.test(value)) throw new Error(`faults: ${key} needs a number, got "${value}"`);
      return Number(value);
    };
    switch (key) {
      case "rate":
        spec.rate = number();
        break;
      case "kinds":
        spec.kinds = list() as FaultKind[];
        break;
      case "seed":
        spec.seed = number();
        break;
      case "commands":
        spec.commands = list();
        break;
      case "delay":
        spec.delayMs = number();
        break;
      case "log":
        spec.log = value === "" || value === "true" || value === "1";
        break;
      default:
        throw new Error(`faults: unknown key "${key}" (rate, kinds, seed, commands, delay, log)`);
    }
  }
  if (Number.isNaN(spec.rate)) throw new Error("faults: rate=<0..1> is required");
  return validateFaultSpec(spec);
}

const zeroCounts = (): FaultCounts => ({ "500": 0, "503": 0, "429": 0, reset: 0, delay: 0, drop: 0 });

/** Decides, request by request, whether and how to inject a fault. */
export class FaultInjector implements FaultControl {
  private spec: FaultSpec | undefined;
  private random: () => number = Math.random;
  private matches: (command: string) => boolean = () => true;
  private tally: FaultCounts = zeroCounts();

  constructor(spec?: FaultSpec) {
    this.set(spec);
  }

  set(spec: FaultSpec | undefined): void {
    if (spec === undefined) {
      this.spec = undefined;
      return;
    }
    const valid = validateFaultSpec(spec);
    this.spec = valid;
    this.random = generator(valid.seed ?? 1);
    this.matches = valid.commands === undefined ? () => true : patternMatcher(valid.commands);
  }

  get(): FaultSpec | undefined {
    return this.spec;
  }

  counts(): FaultCounts {
    return { ...this.tally };
  }

  resetCounts(): void {
    this.tally = zeroCounts();
  }

  /** One decision for a request naming `command`; counts and logs what it injects. */
  decide(command: string | undefined): FaultDecision | undefined {
    const spec = this.spec;
    if (!spec || spec.rate === 0 || command === undefined || command === "" || !this.matches(command)) return undefined;
    // Every matching request draws the same number of values, so the sequence depends only on
    // the seed and the order of matching requests.
    const hit = this.random();
    const pick = this.random();
    const side = this.random();
    if (hit >= spec.rate) return undefined;
    const kinds = spec.kinds ?? FAULT_KINDS;
    const kind = kinds[Math.min(kinds.length - 1, Math.floor(pick * kinds.length))]!;
    const decision: FaultDecision = {
      kind,
      afterRun: kind === "500" && side < 0.5,
      // RequestLimitException's wait lies within api.throttling.interval (1 s by default).
      retryAfterMs: 1 + Math.floor(side * 1000),
      delayMs: spec.delayMs ?? DEFAULT_DELAY_MS,
    };
    this.tally[kind]++;
    if (spec.log) {
      const line: Record<string, unknown> = { fault: kind, command };
      if (kind === "500") line.afterRun = decision.afterRun;
      process.stderr.write(JSON.stringify(line) + "\n");
    }
    return decision;
  }
}
