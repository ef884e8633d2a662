// One view of an account's async jobs for the whole provider process: every pending job of the
// account is followed by one poller, so the poll requests per second no longer grow with the
// number of jobs.
//
// Each wait keeps its own schedule (poll-schedule.ts) and asks for an answer at its due time. The
// poller answers all the waits due together with one request: listAsyncJobs, which returns every
// job of the caller's account, completed ones too until CloudStack purges them, in id order
// (QueryManagerImpl.searchForAsyncJobsInternal), bounded with `startdate` (jobs created at or
// after it) and paged. A finished job seen in any listing is handed to its waits at once, so the
// recent jobs a listing covers are noticed early. A lone due job, a job whose creation time is
// not yet bounded, a job a listing does not show (another account's, a purged one) and every job
// of a server that refuses listAsyncJobs are asked for with queryAsyncJobResult, as before.
//
// `startdate` is in the server's clock, and `created` has whole seconds. The server's clock is
// learnt from jobs this process started: a job's `created` is no later than the server's time
// when its answer arrived, so created - (local time of that answer) is a lower bound of the
// server's offset, and any job started at local time t was created no earlier than
// t + that bound - 1 s.
//
// The create path looks up a job by its customjobid (findJob) before sending a command that an
// earlier run may have sent. The first look-up lists the account's jobs once: what an earlier run
// of the stack left is in that listing (Pulumi's stack lock keeps two runs of one stack apart,
// so no other process starts such a job meanwhile), and a job id this process has not sent
// itself and the listing did not show does not exist, with no request of its own. Ids this
// process did send, and every look-up when the account holds too many jobs to list, are asked
// for: the look-ups that arrive together share one listing of the account's jobs when that costs
// fewer requests than asking for each, and a job the listing does not show does not exist.
import { systemClock, type Clock } from "./clock";
import { formatCloudStackTime, parseCloudStackTime } from "./cloudstack-time";
import { CloudStackApiError } from "./errors";
import { DEFAULT_PAGE_SIZE, maxPageSizeFrom } from "./paging";

export type JobRecord = Record<string, unknown>;

/** How the watcher reaches CloudStack: through one of the account's clients. */
export interface JobChannel {
  /** queryAsyncJobResult for one job. */
  query(jobId: string): Promise<JobRecord>;
  /** One page of listAsyncJobs (the caller's own jobs). */
  listPage(params: { page: number; pagesize: number; startdate?: string }): Promise<{ items: JobRecord[]; count?: number }>;
}

/** Polls of the account start at least this far apart: at most 10 polls in any one second. */
export const MIN_POLL_GAP_MS = 110;
/** A wait due this soon is answered by the poll going out now. */
const DUE_SLACK_MS = 30;
/** Pending jobs started this recently ride along in every listing, so they are noticed early. */
export const COVER_MS = 10_000;
/**
 * Look-ups share a listing only while it reads at most this many jobs per look-up: a listing
 * carries every job of the account with its result, so a long one costs CloudStack more than
 * the look-ups it saves.
 */
export const LOOKUP_LISTING_JOBS = 25;
/** The listing of earlier runs' jobs reads at most this many pages; beyond, every look-up asks. */
export const EARLIER_JOBS_MAX_PAGES = 4;
/** Look-ups arriving within this long of each other share a listing. */
const LOOKUP_GATHER_MS = 2;
/** `created` drops the fraction of its second. */
const WHOLE_SECOND_MS = 1000;
/** Jobs remembered by their start time, oldest forgotten first. */
const MAX_REMEMBERED = 10_000;

interface Wait {
  readonly jobId: string;
  readonly dueAt: number;
  readonly channel: JobChannel;
  readonly resolve: (job: JobRecord) => void;
  readonly reject: (error: unknown) => void;
}

interface JobFacts {
  /** Local time before the command that started the job was sent. */
  sentAt?: number;
  /** Local time its answer arrived. */
  answeredAt?: number;
  /** Its `created`, once seen. */
  createdMs?: number;
  /** A listing that should have shown it did not: asked for alone from then on. */
  unlisted?: boolean;
  /** When this process first knew of it. */
  knownSince: number;
}

interface Lookup {
  readonly jobId: string;
  readonly channel: JobChannel;
  readonly resolve: (job: JobRecord | undefined) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * The account may not list jobs: its role lacks listAsyncJobs (ApiServer.commandAvailable answers
 * 401 for a command the role does not allow), the server does not know the command (432), or
 * permission is denied (531). Its jobs are then asked for one by one.
 */
const refusesListing = (error: unknown): boolean =>
  error instanceof CloudStackApiError && (error.errorcode === 401 || error.errorcode === 432 || error.errorcode === 531);

const isFinished = (job: JobRecord): boolean => {
  const status = Number(job.jobstatus);
  return Number.isFinite(status) && status !== 0;
};

export class JobWatch {
  private readonly waits = new Map<string, Set<Wait>>();
  private readonly facts = new Map<string, JobFacts>();
  /** A lower bound of (server clock - local clock), once a job taught it. */
  private offsetLow: number | undefined;
  /** False once the server refused listAsyncJobs: every job is then asked for alone. */
  private listing = true;
  private pageSize = DEFAULT_PAGE_SIZE;
  private polling = false;
  private lastPollAt = -Infinity;
  /** Requests the last round sent: the next round waits a gap for each, so rounds of several stay within the bound. */
  private lastRoundRequests = 1;
  private timer: { at: number; cancel: () => void } | undefined;
  private lookups: Lookup[] = [];
  /** The account's job count as the last look-up listing reported it. */
  private accountJobs: number | undefined;
  private lookupsQueued = false;
  private lookingUp = false;
  /**
   * The account's jobs as one complete listing showed them before this process's first look-up,
   * keyed by job id; undefined when too many to list or not listable.
   */
  private earlierJobs: Promise<Map<string, JobRecord> | undefined> | undefined;
  /** Job ids this process sent (or is sending) as customjobid: looked up with CloudStack itself. */
  private readonly sentHere = new Set<string>();
  readonly stats = { ticks: 0, listings: 0, queries: 0 };

  constructor(private readonly clock: Clock = systemClock) {}

  /** A command this process sent started `jobId`: when, so that a listing can be bounded. */
  started(jobId: string, sentAt: number, answeredAt: number): void {
    const known = this.facts.get(jobId);
    this.facts.set(jobId, { ...known, sentAt: known?.sentAt ?? sentAt, answeredAt: known?.answeredAt ?? answeredAt, knownSince: known?.knownSince ?? sentAt });
    if (this.facts.size > MAX_REMEMBERED) this.facts.delete(this.facts.keys().next().value!);
  }

  /**
   * The job as CloudStack reports it, no later than about `dueAt` (give or take one poll), and
   * earlier if a poll sees it finished first. Rejects with the error of the poll that was due.
   */
  observe(jobId: string, dueAt: number, channel: JobChannel): Promise<JobRecord> {
    return new Promise<JobRecord>((resolve, reject) => {
      if (!this.facts.has(jobId)) this.facts.set(jobId, { knownSince: this.clock.now() });
      let set = this.waits.get(jobId);
      if (!set) this.waits.set(jobId, (set = new Set()));
      set.add({ jobId, dueAt, channel, resolve, reject });
      this.schedule();
    });
  }

  /** This process is about to send a command with `jobId` as its customjobid. */
  sending(jobId: string): void {
    this.sentHere.add(jobId);
  }

  /** The job with this id, or undefined when CloudStack has none (for the caller's account). */
  async find(jobId: string, channel: JobChannel): Promise<JobRecord | undefined> {
    if (!this.sentHere.has(jobId)) {
      const earlier = await (this.earlierJobs ??= this.listEarlierJobs(channel));
      // Neither an earlier run's nor this process's: no such job.
      if (earlier !== undefined && !earlier.has(jobId)) return undefined;
    }
    return this.findAsking(jobId, channel);
  }

  /**
   * Every job of the account, while it fits in EARLIER_JOBS_MAX_PAGES pages; a failed listing is
   * tried again by the next look-up.
   */
  private async listEarlierJobs(channel: JobChannel): Promise<Map<string, JobRecord> | undefined> {
    if (!this.listing) return undefined;
    try {
      this.stats.listings++;
      const items = await this.allPages(channel, {}, { maxPages: EARLIER_JOBS_MAX_PAGES });
      this.accountJobs = items.count ?? items.length;
      if (!items.complete) return undefined;
      return new Map(items.filter((item) => typeof item.jobid === "string").map((item) => [String(item.jobid), item]));
    } catch (error) {
      if (refusesListing(error)) this.listing = false;
      else this.earlierJobs = undefined;
      return undefined;
    }
  }

  private findAsking(jobId: string, channel: JobChannel): Promise<JobRecord | undefined> {
    return new Promise<JobRecord | undefined>((resolve, reject) => {
      this.lookups.push({ jobId, channel, resolve, reject });
      this.queueLookups();
    });
  }

  private schedule(): void {
    if (this.polling) return;
    let next = Infinity;
    for (const set of this.waits.values()) for (const wait of set) next = Math.min(next, wait.dueAt);
    if (next === Infinity) {
      this.timer?.cancel();
      this.timer = undefined;
      return;
    }
    const at = Math.max(next, this.lastPollAt + MIN_POLL_GAP_MS * this.lastRoundRequests);
    if (this.timer && this.timer.at <= at) return;
    this.timer?.cancel();
    const cancel = this.clock.after(at - this.clock.now(), () => {
      this.timer = undefined;
      void this.poll();
    });
    this.timer = { at, cancel };
  }

  /** One poll for every wait that is due. */
  private async poll(): Promise<void> {
    this.polling = true;
    const now = this.clock.now();
    this.lastPollAt = now;
    this.stats.ticks++;
    let requests = 0;
    try {
      const due = new Set<Wait>();
      const dueJobs = new Set<string>();
      for (const [jobId, set] of this.waits) {
        for (const wait of set) {
          if (wait.dueAt > now + DUE_SLACK_MS) continue;
          due.add(wait);
          dueJobs.add(jobId);
        }
      }
      if (dueJobs.size === 0) return;
      // Until a job has taught the server's clock, one due job asked for alone teaches it.
      if (this.listing && this.offsetLow === undefined && dueJobs.size >= 2) {
        const teacher = [...dueJobs].find((jobId) => this.facts.get(jobId)?.answeredAt !== undefined);
        if (teacher !== undefined) {
          dueJobs.delete(teacher);
          await this.queryOne(teacher, due);
          requests++;
        }
      }
      // A listing costs one request for every job it covers: worth it for two or more jobs.
      const listed = [...dueJobs].filter((jobId) => this.lowerBound(jobId) !== undefined);
      const covered = [...this.waits.keys()].filter((jobId) => this.lowerBound(jobId) !== undefined).length;
      const byList = this.listing && listed.length >= 1 && covered >= 2 ? listed : [];
      const alone = [...dueJobs].filter((jobId) => !byList.includes(jobId));
      requests += alone.length + (byList.length > 0 ? 1 : 0);
      await Promise.all([this.listJobs(byList, due, now), ...alone.map((jobId) => this.queryOne(jobId, due))]);
    } finally {
      this.lastRoundRequests = Math.max(1, requests);
      this.polling = false;
      this.schedule();
    }
  }

  /** The earliest `created` the job can have, in the server's clock, or undefined when unknown. */
  private lowerBound(jobId: string): number | undefined {
    const facts = this.facts.get(jobId);
    if (facts === undefined || facts.unlisted) return undefined;
    if (facts.createdMs !== undefined) return facts.createdMs;
    if (facts.sentAt !== undefined && this.offsetLow !== undefined) return facts.sentAt + this.offsetLow - WHOLE_SECOND_MS;
    return undefined;
  }

  private async listJobs(jobIds: string[], due: ReadonlySet<Wait>, now: number): Promise<void> {
    if (jobIds.length === 0) return;
    const channel = this.channelFor(jobIds[0]!);
    let since = Math.min(...jobIds.map((jobId) => this.lowerBound(jobId)!));
    for (const jobId of this.waits.keys()) {
      const bound = this.lowerBound(jobId);
      const knownSince = this.facts.get(jobId)?.knownSince ?? -Infinity;
      if (bound !== undefined && now - knownSince <= COVER_MS) since = Math.min(since, bound);
    }
    let items: JobRecord[];
    try {
      this.stats.listings++;
      items = await this.allPages(channel, { startdate: formatCloudStackTime(since) });
    } catch (error) {
      if (!refusesListing(error)) {
        // As when a wait's own poll fails: its waits end with the error.
        for (const jobId of jobIds) this.rejectDue(jobId, due, error);
        return;
      }
      this.listing = false;
      await Promise.all(jobIds.map((jobId) => this.queryOne(jobId, due)));
      return;
    }
    const seen = new Set<string>();
    for (const item of items) {
      const jobId = typeof item.jobid === "string" ? item.jobid : undefined;
      if (jobId === undefined || !this.waits.has(jobId)) continue;
      seen.add(jobId);
      this.deliver(jobId, item, due);
    }
    const missing = jobIds.filter((jobId) => !seen.has(jobId));
    for (const jobId of missing) {
      const facts = this.facts.get(jobId);
      if (facts) facts.unlisted = true;
    }
    await Promise.all(missing.map((jobId) => this.queryOne(jobId, due)));
  }

  private async queryOne(jobId: string, due: ReadonlySet<Wait>): Promise<void> {
    try {
      this.stats.queries++;
      this.deliver(jobId, await this.channelFor(jobId).query(jobId), due);
    } catch (error) {
      this.rejectDue(jobId, due, error);
    }
  }

  /** Every page of listAsyncJobs with these parameters, following the server's page-size ceiling. */
  private async allPages(
    channel: JobChannel,
    params: { startdate?: string },
    { firstPage = 1, onlyFirst = false, maxPages = Infinity }: { firstPage?: number; onlyFirst?: boolean; maxPages?: number } = {},
  ): Promise<JobRecord[] & { count?: number; complete?: boolean }> {
    const items: JobRecord[] & { count?: number; complete?: boolean } = [];
    for (let page = firstPage; ; page++) {
      let answer: { items: JobRecord[]; count?: number };
      try {
        answer = await channel.listPage({ ...params, page, pagesize: this.pageSize });
      } catch (error) {
        const ceiling = error instanceof CloudStackApiError && error.errorcode === 431 ? maxPageSizeFrom(error.errortext) : undefined;
        if (page !== firstPage || firstPage !== 1 || ceiling === undefined || ceiling >= this.pageSize) throw error;
        this.pageSize = ceiling;
        page--;
        continue;
      }
      items.push(...answer.items);
      if (answer.count !== undefined) items.count = answer.count;
      const seen = (page - 1) * this.pageSize + answer.items.length;
      items.complete = answer.items.length < this.pageSize || (answer.count !== undefined && seen >= answer.count);
      if (items.complete || onlyFirst || page - firstPage + 1 >= maxPages) return items;
    }
  }

  private channelFor(jobId: string): JobChannel {
    const wait = this.waits.get(jobId)?.values().next().value;
    if (wait) return wait.channel;
    return this.waits.values().next().value!.values().next().value!.channel;
  }

  /** Hands the job to its waits: all of them once it finished, the due ones while it is pending. */
  private deliver(jobId: string, job: JobRecord, due: ReadonlySet<Wait>): void {
    this.learn(jobId, job);
    const set = this.waits.get(jobId);
    if (!set) return;
    const finished = isFinished(job);
    for (const wait of [...set]) {
      if (!finished && !due.has(wait)) continue;
      set.delete(wait);
      wait.resolve(job);
    }
    if (set.size === 0) this.waits.delete(jobId);
    if (finished) this.facts.delete(jobId);
  }

  private rejectDue(jobId: string, due: ReadonlySet<Wait>, error: unknown): void {
    const set = this.waits.get(jobId);
    if (!set) return;
    for (const wait of [...set]) {
      if (!due.has(wait)) continue;
      set.delete(wait);
      wait.reject(error);
    }
    if (set.size === 0) this.waits.delete(jobId);
  }

  private learn(jobId: string, job: JobRecord): void {
    const created = parseCloudStackTime(job.created);
    const facts = this.facts.get(jobId);
    if (created === undefined || facts === undefined) return;
    facts.createdMs = created;
    if (facts.answeredAt !== undefined) this.offsetLow = Math.max(this.offsetLow ?? -Infinity, created - facts.answeredAt);
  }

  private queueLookups(): void {
    if (this.lookupsQueued || this.lookingUp) return;
    this.lookupsQueued = true;
    this.clock.after(LOOKUP_GATHER_MS, () => {
      this.lookupsQueued = false;
      void this.lookUp();
    });
  }

  /** Answers the look-ups gathered so far; ones arriving meanwhile wait for the next round. */
  private async lookUp(): Promise<void> {
    this.lookingUp = true;
    const batch = this.lookups.splice(0);
    try {
      const worthListing = this.accountJobs === undefined || this.accountJobs <= LOOKUP_LISTING_JOBS * batch.length;
      const rest = this.listing && batch.length >= 2 && worthListing ? await this.lookUpByListing(batch) : batch;
      await Promise.all(rest.map((lookup) => this.lookUpOne(lookup)));
    } finally {
      this.lookingUp = false;
      if (this.lookups.length > 0) this.queueLookups();
    }
  }

  /**
   * One listing of the account's jobs (no startdate: an earlier run's job may be old) for the
   * whole batch, read only as far as LOOKUP_LISTING_JOBS per look-up; returns the look-ups still
   * to ask for alone.
   */
  private async lookUpByListing(batch: Lookup[]): Promise<Lookup[]> {
    const channel = batch[0]!.channel;
    const pending = new Map<string, Lookup[]>();
    for (const lookup of batch) pending.set(lookup.jobId, [...(pending.get(lookup.jobId) ?? []), lookup]);
    const settle = (items: JobRecord[]): void => {
      for (const item of items) {
        const found = typeof item.jobid === "string" ? pending.get(item.jobid) : undefined;
        if (!found) continue;
        pending.delete(String(item.jobid));
        for (const lookup of found) lookup.resolve(item);
      }
    };
    const size = Math.min(this.pageSize, LOOKUP_LISTING_JOBS * batch.length);
    let answer: { items: JobRecord[]; count?: number };
    try {
      this.stats.listings++;
      answer = await channel.listPage({ page: 1, pagesize: size });
    } catch {
      return batch;
    }
    this.accountJobs = answer.count ?? answer.items.length;
    settle(answer.items);
    const complete = answer.items.length < size || (answer.count !== undefined && answer.items.length >= answer.count);
    if (!complete) return [...pending.values()].flat();
    // The listing began after every look-up of the batch: a job it does not show does not exist.
    for (const lookups of pending.values()) for (const lookup of lookups) lookup.resolve(undefined);
    return [];
  }

  private async lookUpOne(lookup: Lookup): Promise<void> {
    try {
      lookup.resolve(await lookup.channel.query(lookup.jobId));
    } catch (error) {
      // CloudStack answers 431 for a job id it does not know.
      if (error instanceof CloudStackApiError && error.errorcode === 431) lookup.resolve(undefined);
      else lookup.reject(error);
    }
  }
}
