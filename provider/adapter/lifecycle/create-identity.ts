// How a create recognises the object an earlier, interrupted attempt of the same create made, so
// that a retry or the next `pulumi up` never makes a second one.
//
// CloudStack has no idempotency token, and a dynamic provider's create receives no URN. The sdk
// class therefore sends an identity (project, stack, kind and resource name) as the reserved
// input IDENTITY_KEY; with the caller's key and the inputs it makes the create's fingerprint.
// Every async command the create sends carries a `customjobid` derived from that fingerprint
// (CloudStack makes it the job's uuid: ApiServer.queueCommand), so a rerun looks the job up with
// queryAsyncJobResult before sending anything: a job found is followed, never sent again (a
// command re-sent with a used customjobid makes its entity before CloudStack refuses the id).
//
// Generations: once an object made under generation g has been deleted (a destroy, then the same
// resource created again), its jobs stay listed until CloudStack expires them
// (job.expire.minutes), so the create moves on to generation g + 1.
import { createHash } from "node:crypto";
import { ASYNC_COMMANDS, isReadCommand, type CloudStackClient, type Params } from "../../client";
import { IDENTITY_KEY } from "../reserved";
import { PropertyMap } from "../types";

/** Beyond this many generations a create stops looking for earlier attempts' jobs. */
export const MAX_GENERATIONS = 32;

const JOB_SUCCEEDED = 1;
const JOB_FAILED = 2;
const JOB_CANCELLED = 3;

/** Object keys sorted, so that equal inputs hash equally whatever their order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

/** A UUID-shaped digest (version 4 and variant bits set, as any uuid check expects). */
export function uuidFrom(...parts: readonly string[]): string {
  const hex = createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 32).split("");
  hex[12] = "4";
  hex[16] = "89ab"[parseInt(hex[16]!, 16) % 4]!;
  const h = hex.join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The identity the sdk class sent, or undefined (a provider called without the sdk). */
export function identityOf(props: PropertyMap): string | undefined {
  const value = props[IDENTITY_KEY];
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * The create's fingerprint: the same resource of the same stack, created by the same caller
 * with the same inputs. Undefined without an identity: two resources with equal inputs (two
 * public IPs of one network, say) must never take each other's objects.
 */
export function createFingerprint(client: CloudStackClient, kind: string, identity: string | undefined, target: PropertyMap): string | undefined {
  if (identity === undefined) return undefined;
  return uuidFrom(client.callerId, kind, identity, JSON.stringify(canonical(target)));
}

/** Thrown when the attempt being resumed made an object that has since been deleted. */
export class SpentGeneration extends Error {
  constructor(readonly generation: number) {
    super(`the objects of create generation ${generation} are gone`);
    this.name = "SpentGeneration";
  }
}

/**
 * One attempt of a create under one generation: the customjobid of each async command it sends,
 * and whether it is following jobs an earlier attempt started.
 */
export class CreateAttempt {
  /** True once a job of an earlier attempt was found and followed. */
  resumed = false;
  /** Still looking up each command's job before sending it: nothing was found missing yet. */
  private probing = true;
  /**
   * The attempt's first mutating command was sync and made the object (registerVnfTemplate,
   * createNetwork): the jobs that follow act on that new object, so no earlier attempt's job can
   * be theirs. They go without a customjobid: an id of the earlier attempt's would be refused,
   * and this attempt's object is found again by the kind's `recognise`, not by its jobs.
   */
  private madeBySync = false;
  /** Mutating commands this attempt has sent, sync or async. */
  private mutations = 0;
  private readonly sent = new Map<string, number>();

  constructor(
    readonly fingerprint: string,
    readonly generation: number,
    /** Whether the object an earlier attempt made (named by its first job) still exists. */
    private readonly stillExists: (objectId: string) => Promise<boolean>,
  ) {}

  /** The n-th use of `command` in this attempt gets the same id in every rerun. */
  private jobIdFor(command: string, variant: number): string {
    const n = this.sent.get(command) ?? 0;
    return uuidFrom(this.fingerprint, String(this.generation), command, String(n), String(variant));
  }

  /** Told that a sync mutating command of this attempt succeeded: the first one made the object. */
  syncCommandDone(): void {
    if (this.mutations === 0) this.madeBySync = true;
    this.mutations++;
  }

  async request(client: CloudStackClient, send: (params: Params) => Promise<Record<string, unknown>>, command: string, params: Params): Promise<Record<string, unknown>> {
    this.mutations++;
    if (this.madeBySync) return send(params);
    const first = !this.resumed && this.sent.size === 0;
    try {
      for (let variant = 0; ; variant++) {
        const jobId = this.jobIdFor(command, variant);
        if (!this.probing) return await send({ ...params, customjobid: jobId });
        const found = await client.findJob(jobId);
        if (!found) {
          // Nothing from here on ran before: later commands need no look-up.
          this.probing = false;
          return await send({ ...params, customjobid: jobId });
        }
        // A failed job made nothing to follow, and its id is spent: the next variant is the retry.
        if (found.jobstatus === JOB_FAILED || found.jobstatus === JOB_CANCELLED) continue;
        // A finished first job whose object is gone: that attempt's object was deleted since.
        if (first && found.jobstatus === JOB_SUCCEEDED && found.id !== undefined && !(await this.stillExists(found.id))) {
          throw new SpentGeneration(this.generation);
        }
        this.resumed = true;
        return found.id === undefined ? { jobid: found.jobid } : { jobid: found.jobid, id: found.id };
      }
    } finally {
      this.sent.set(command, (this.sent.get(command) ?? 0) + 1);
    }
  }
}

/** The client as a create attempt sees it: its async commands carry the attempt's job ids. */
export function withCreateAttempt(client: CloudStackClient, attempt: CreateAttempt): CloudStackClient {
  const view = Object.create(client) as CloudStackClient;
  const request = client.request;
  view.request = async function (command: string, params?: Params) {
    if (isReadCommand(command)) return request.call(view, command, params);
    if (!ASYNC_COMMANDS.has(command)) {
      const answer = await request.call(view, command, params);
      attempt.syncCommandDone();
      return answer;
    }
    return attempt.request(client, (withJobId) => request.call(view, command, withJobId), command, params ?? {});
  };
  return view;
}
