// What one provider process remembers about CloudStack between operations, and when it must stop
// trusting it.
//
// Per caller: several provider instances may share a process, each with its own endpoint and
// keys, and what one caller may see is not what another may (AccountManagerImpl
// .buildACLSearchParameters). A client configured through ClientRuntime is known by a digest of
// its endpoint and keys, so two runtimes with the same credentials share; any other client by
// the client object itself.
//
// Changes: a list read a moment ago may serve a later read only while nothing has changed
// through this process since (see lifecycle/read-batch.ts). Every command that is not a read,
// and every async job it started until a poll sees the job end, counts as a change in progress.
import { createHash } from "node:crypto";
import { isReadCommand, type CloudStackClient, type Params } from "../client";

/** A kind of per-caller state, made on first use. */
export interface Slot<T> {
  make(): T;
}

const byKey = new Map<string, Map<Slot<unknown>, unknown>>();
const byClient = new WeakMap<CloudStackClient, Map<Slot<unknown>, unknown>>();
const keyOf = new WeakMap<CloudStackClient, string>();
const observed = new WeakSet<CloudStackClient>();

/** The client every view (withDeadline, a create attempt) was made from: the one holding its own callerId. */
function rootOf(client: CloudStackClient): CloudStackClient {
  let current: CloudStackClient = client;
  while (!Object.prototype.hasOwnProperty.call(current, "callerId")) {
    const next = Object.getPrototypeOf(current) as CloudStackClient | null;
    if (next === null) return client;
    current = next;
  }
  return current;
}

/** The digest that names a caller: endpoint and keys, never kept in the clear. */
export function callerKey(apiUrl: string, apiKey: string, secretKey: string): string {
  return createHash("sha256").update(JSON.stringify([apiUrl, apiKey, secretKey])).digest("hex");
}

/** The state of `slot` for the caller `client` acts as. */
export function perCaller<T>(client: CloudStackClient, slot: Slot<T>): T {
  const root = rootOf(client);
  const key = keyOf.get(root);
  let slots: Map<Slot<unknown>, unknown> | undefined;
  if (key === undefined) {
    slots = byClient.get(root);
    if (!slots) byClient.set(root, (slots = new Map()));
  } else {
    slots = byKey.get(key);
    if (!slots) byKey.set(key, (slots = new Map()));
  }
  if (!slots.has(slot)) slots.set(slot, slot.make());
  return slots.get(slot) as T;
}

/** Forgets what was learned as `client`'s caller: its runtime closed, as the process would end. */
export function forgetCaller(client: CloudStackClient): void {
  const root = rootOf(client);
  const key = keyOf.get(root);
  if (key !== undefined) byKey.delete(key);
  byClient.delete(root);
}

/**
 * Changes made through observed clients of one CloudStack endpoint: one caller's change may show
 * in another's lists there, never in another cloud's.
 */
class ChangeTracker {
  /** Moves whenever a change begins or ends. */
  epoch = 0;
  private inFlight = 0;
  private readonly openJobs = new Set<string>();

  get quiet(): boolean {
    return this.inFlight === 0 && this.openJobs.size === 0;
  }

  begin(): void {
    this.inFlight++;
    this.epoch++;
  }

  end(answer: Record<string, unknown> | undefined): void {
    this.inFlight--;
    this.epoch++;
    // An async command's work goes on in its job.
    if (answer && typeof answer.jobid === "string" && !("jobstatus" in answer)) this.openJobs.add(answer.jobid.toLowerCase());
  }

  polled(jobId: string, answer: Record<string, unknown>): void {
    const status = Number(answer.jobstatus);
    if (Number.isFinite(status) && status !== 0 && this.openJobs.delete(jobId.toLowerCase())) this.epoch++;
  }
}

const trackers = new Map<string, ChangeTracker>();
const endpointOf = new WeakMap<CloudStackClient, string>();

function trackerOf(endpoint: string): ChangeTracker {
  let tracker = trackers.get(endpoint);
  if (!tracker) trackers.set(endpoint, (tracker = new ChangeTracker()));
  return tracker;
}

/** The changes counted for the endpoint `client` talks to (an observed client's; see isObserved). */
export function changesFor(client: CloudStackClient): { readonly epoch: number; readonly quiet: boolean } {
  return trackerOf(endpointOf.get(rootOf(client)) ?? "");
}

/**
 * Names `client` by its endpoint and keys, and counts the changes sent through it. Returns the
 * client to hand out (a view of it, sharing everything else).
 */
export function observeClient(client: CloudStackClient, key: string, endpoint: string): CloudStackClient {
  keyOf.set(rootOf(client), key);
  endpointOf.set(rootOf(client), endpoint);
  const changes = trackerOf(endpoint);
  const view = Object.create(client) as CloudStackClient;
  const request = client.request;
  view.request = async function (command: string, params?: Params): Promise<Record<string, unknown>> {
    if (isReadCommand(command)) {
      const answer = await request.call(this, command, params);
      if (command === "queryAsyncJobResult" && typeof params?.jobid === "string") changes.polled(params.jobid, answer);
      // The client's job watcher learns of many jobs' ends at once from one listing.
      if (command === "listAsyncJobs" && Array.isArray(answer.asyncjobs)) {
        for (const job of answer.asyncjobs as Record<string, unknown>[]) {
          if (typeof job?.jobid === "string") changes.polled(job.jobid, job);
        }
      }
      return answer;
    }
    changes.begin();
    let answer: Record<string, unknown> | undefined;
    try {
      answer = await request.call(this, command, params);
      return answer;
    } finally {
      changes.end(answer);
    }
  };
  observed.add(view);
  return view;
}

/** Whether changes through `client` are counted, so that a list it read may serve later reads. */
export function isObserved(client: CloudStackClient): boolean {
  let current: CloudStackClient | null = client;
  while (current !== null) {
    if (observed.has(current)) return true;
    current = Object.getPrototypeOf(current) as CloudStackClient | null;
  }
  return false;
}
