// The dynamic-provider operations, generic over any spec.
import { CommandOutcomeUnknownError, JobDeadlineError, JobUnfinishedError, type CloudStackClient } from "../../client";
import { adopt } from "./adopt";
import { changedInputs, changesInPlace } from "../diff/changes";
import { check } from "../check/check";
import { createFingerprint, identityOf } from "./create-identity";
import { createOnce } from "./create-once";
import { Deadline, withDeadline } from "./deadline";
import { PartiallyCreatedError, ResourceInitError } from "./errors";
import { providerEntry } from "../check/inputs";
import { jobRunning, PendingJob, pendingJobEntry, pendingJobOf, pendingJobRecord, settle, settleObjectJobs, withoutPendingJob } from "./pending-job";
import { prepare, Prepared } from "../check/prepare";
import { forgetId, forgetName, forgetOnRefusal } from "../check/lookup-cache";
import { CALLER_KEY, IMPORT_ID_KEY } from "../reserved";
import { credentialSourceFrom, ClientRuntime } from "../runtime";
import { ResourceSpec } from "../spec";
import { appliedOutputs, migrate, observedOutputs, plannedOutputs } from "./state";
import { formatDuration, timeoutsEntry } from "../check/timeouts";
import { NotReadyError, waitUntilReady } from "./readiness";
import { waitOutTransition } from "./transition";
import { ApiObject, DynamicProvider, PropertyMap } from "../types";

function describeError(err: unknown): string {
  return err instanceof JobUnfinishedError ? stillRunning(err) : err instanceof Error ? err.message : String(err);
}

/** A job the client stopped following, said once (the client's own text speaks of retrying). */
function stillRunning(err: JobUnfinishedError): string {
  if (err instanceof JobDeadlineError) {
    return `CloudStack ${err.command} job ${err.jobId} did not finish within ${formatDuration(err.deadlineMs)} and is still running`;
  }
  const why = "reason" in err ? ` (${String((err as { reason: unknown }).reason)})` : "";
  return `CloudStack ${err.command} job ${err.jobId} was accepted, but its result could not be read${why}`;
}

/** The error the host reports as ErrorResourceInitFailed for a create cut short by its deadline. */
async function createCutShort(
  spec: ResourceSpec,
  client: CloudStackClient,
  err: unknown,
  prepared: Prepared,
  props: PropertyMap,
): Promise<ResourceInitError | undefined> {
  const { inputs, ids, lists } = prepared;
  let id: string;
  let outputs: PropertyMap;
  let cause: unknown = err;
  if (err instanceof PartiallyCreatedError) {
    id = spec.idOf(err.object);
    outputs = observedOutputs(spec, err.object, { ...inputs, ...ids, ...lists }).outputs;
    cause = err.cause;
  } else if (err instanceof JobUnfinishedError && err.objectId !== undefined) {
    // An async create: CloudStack named the object when it accepted the job.
    id = err.objectId;
    const object = await spec.read(client, id, { ...inputs, ...ids, ...lists }).catch(() => undefined);
    outputs = object ? observedOutputs(spec, object, { ...inputs, ...ids, ...lists }).outputs : plannedOutputs(spec, inputs, ids, lists);
  } else {
    return undefined;
  }
  const reason = describeError(cause);
  const pending = cause instanceof JobUnfinishedError ? pendingJobEntry(cause, "create") : {};
  const next =
    cause instanceof JobUnfinishedError
      ? ". The next `pulumi up` waits for that job and completes the resource instead of creating another"
      : cause instanceof NotReadyError
        ? `. ${nextStep(cause)}`
        : "";
  return new ResourceInitError(
    `${spec.kind} ${id} was created but not completed: ${reason}${next}.`,
    id,
    { ...outputs, ...pending, ...timeoutsEntry(props), ...providerEntry(props), ...callerEntry(client) },
    [reason],
  );
}

/** The object once ready; one that is not is a create cut short, recorded with the stack. */
async function readied(spec: ResourceSpec, client: CloudStackClient, object: ApiObject, target: PropertyMap, deadline: Deadline): Promise<ApiObject> {
  try {
    return await waitUntilReady(spec, client, object, target, deadline);
  } catch (err) {
    throw err instanceof NotReadyError ? new PartiallyCreatedError(err.object, err) : err;
  }
}

/**
 * Waits again for an object an earlier run recorded before it was ready. Not ready now either:
 * the update fails and the stack keeps the object as it was, to be awaited by the next `up`.
 */
async function stillAwaited(spec: ResourceSpec, client: CloudStackClient, id: string, prior: PropertyMap, deadline: Deadline): Promise<void> {
  const object = await spec.read(client, id, prior);
  if (!object) throw new Error(`${spec.kind} ${id} is gone; run \`pulumi refresh\`, then \`pulumi up\` creates it again`);
  try {
    await waitUntilReady(spec, client, object, prior, deadline);
  } catch (err) {
    if (!(err instanceof NotReadyError)) throw err;
    throw new Error(`${spec.kind} ${id}: ${err.message}. ${nextStep(err)}`);
  }
}

/** What a user does about an object that is not ready. */
function nextStep(err: NotReadyError): string {
  return err.failed
    ? "Replace it: correct the input CloudStack could not use (a template's url), or run `pulumi up --replace` with this resource"
    : "The next `pulumi up` waits for it again (within customTimeouts.update); raise customTimeouts to wait longer";
}

/**
 * Waits for the job a create or update left running, then reads the object as it is now: the
 * update that follows applies whatever the job did not. Still running at the deadline: the
 * resource is recorded again with the same pending job.
 */
async function resume(spec: ResourceSpec, client: CloudStackClient, id: string, prior: PropertyMap, job: PendingJob, news: PropertyMap): Promise<PropertyMap> {
  let failure = "";
  try {
    const end = await settle(client, job, id);
    if (!end.ok) failure = end.error.message;
  } catch (err) {
    if (!(err instanceof JobUnfinishedError)) throw err;
    const reason = `${stillRunning(err)} (left by an earlier ${job.operation})`;
    throw new ResourceInitError(
      `${spec.kind} ${id}: ${reason}. The next \`pulumi up\` waits for it again.`,
      id,
      { ...prior, ...timeoutsEntry(news), ...providerEntry(news) },
      [reason],
    );
  }
  const object = await spec.read(client, id, prior);
  if (!object) {
    const how = failure ? `failed (${failure})` : "finished";
    throw new Error(
      `${spec.kind} ${id} is gone: the ${job.command} job ${job.jobId} left by an earlier ${job.operation} ${how}, and CloudStack no longer lists it. ` +
        "Run `pulumi refresh` to drop it from the stack; the next `pulumi up` creates it again.",
    );
  }
  return observedOutputs(spec, object, withoutPendingJob(prior)).outputs;
}

/** Sync update commands may lose their answer: read the object again and apply what is still missing. */
async function updateOnce(
  spec: ResourceSpec,
  client: CloudStackClient,
  id: string,
  prior: PropertyMap,
  { inputs, ids, lists }: Prepared,
  changed: readonly string[],
): Promise<ApiObject | undefined> {
  const target: PropertyMap = { ...inputs, ...ids, ...lists };
  let olds = prior;
  let pending = changed;
  for (let attempt = 1; ; attempt++) {
    try {
      return await spec.update(client, id, olds, inputs, ids, pending, lists);
    } catch (err) {
      if (!(err instanceof CommandOutcomeUnknownError) || attempt >= 3) throw err;
      const now = await spec.read(client, id, prior);
      if (!now) return undefined;
      olds = observedOutputs(spec, now, prior).outputs;
      pending = changedInputs(spec, olds, target);
      if (pending.length === 0) return now;
    }
  }
}

/** Deletes the object; an answer lost, a job in the way or the object gone meanwhile are settled by reading it again. */
async function deleteOnce(spec: ResourceSpec, client: CloudStackClient, id: string, object: ApiObject, prior: PropertyMap): Promise<void> {
  let current = object;
  for (let attempt = 1; ; attempt++) {
    try {
      await spec.delete(client, id, current, prior);
      return;
    } catch (err) {
      if (err instanceof JobUnfinishedError) throw err;
      // Gone meanwhile (another run, someone by hand, or the lost answer's own delete) is what delete wanted.
      const again = await spec.read(client, id, prior);
      if (again === undefined) return;
      if (attempt >= 3) throw err;
      // Another job on the object (an earlier delete past its deadline) may have been in the way.
      const worthAnotherTry = err instanceof CommandOutcomeUnknownError || (await settleObjectJobs(client, id)) > 0;
      if (!worthAnotherTry) throw err;
      current = (await spec.read(client, id, prior)) ?? again;
    }
  }
}

/** The ids check resolved for these inputs, single and listed. */
function resolvedIds({ ids, lists }: Prepared): string[] {
  return [...Object.values(ids), ...Object.values(lists).flat()];
}

/** The caller that created (or adopted) the object, kept in its outputs. */
function callerEntry(client: CloudStackClient, prior: PropertyMap = {}): PropertyMap {
  return { [CALLER_KEY]: typeof prior[CALLER_KEY] === "string" ? prior[CALLER_KEY] : client.callerId };
}

/**
 * A delete that finds nothing is done when the object is gone. But when the stack recorded
 * another caller than the current one, the object may only be invisible to these credentials
 * (another account's keys, a project not given): reporting success would leave it in place
 * while the stack forgets it, so the delete fails, as CloudStack's own permission errors do.
 */
function refuseIfOwnedElsewhere(spec: ResourceSpec, client: CloudStackClient, id: string, prior: PropertyMap): void {
  const recorded = typeof prior[CALLER_KEY] === "string" ? String(prior[CALLER_KEY]) : undefined;
  if (recorded === undefined || recorded === client.callerId) return;
  throw new Error(
    `${spec.kind} ${id} is not visible with the current API key, which is not the one that created it: it may still exist under the account that did. ` +
      "Nothing was deleted. Use that account's keys (cloudstack:apiKey / cloudstack:secretKey); if the object is really gone, `pulumi state delete` drops it from the stack.",
  );
}

export function makeProvider(spec: ResourceSpec, runtime: ClientRuntime): DynamicProvider {
  /**
   * Objects this process's creates took over from an earlier attempt. A replacement whose inputs
   * did not change (`pulumi up --replace`) finds the object it replaces that way; the engine then
   * deletes the old resource, whose object is now the new one's, so that delete must keep it.
   */
  const takenOver = new Set<string>();
  return {
    async configure(req) {
      // Synchronous on purpose: the host serves other calls before this promise settles.
      runtime.configure(credentialSourceFrom((key) => req?.config?.get(key)));
    },

    check: (_olds, news) => check(spec, runtime, news),

    async diff(_id, olds, news) {
      const prior = migrate(spec, olds);
      const changed = changedInputs(spec, prior, news);
      const replaces = changed.filter((key) => !changesInPlace(spec, key, prior));
      return {
        // A job left running by a create or update is finished by the next update.
        // So is an object that was not ready yet (a template still downloading).
        changes: changed.length > 0 || pendingJobOf(prior) !== undefined || (spec.readiness?.pendingIn(prior) ?? false),
        replaces,
        deleteBeforeReplace: replaces.length > 0 && (spec.deleteBeforeReplace?.(prior, news) ?? false),
      };
    },

    async create(props) {
      const deadline = Deadline.of(props, "create");
      const client = withDeadline(await runtime.client(), deadline);
      const prepared = await prepare(spec, client, props);
      const { inputs, ids, lists } = prepared;
      const target: PropertyMap = { ...inputs, ...ids, ...lists };
      const importId = props[IMPORT_ID_KEY];
      let object: ApiObject;
      if (typeof importId === "string" && importId !== "") {
        try {
          object = await readied(spec, client, await adopt(spec, client, importId, prepared), target, deadline);
        } catch (err) {
          throw (await createCutShort(spec, client, err, prepared, props)) ?? err;
        }
        return { id: spec.idOf(object), outs: { ...appliedOutputs(spec, object, inputs, ids, lists), ...timeoutsEntry(props), ...callerEntry(client) } };
      }
      const fingerprint = createFingerprint(client, spec.kind, identityOf(props), target);
      try {
        const created = await createOnce(spec, client, prepared, fingerprint);
        if (created.earlier) takenOver.add(spec.idOf(created.object).toLowerCase());
        object = await readied(spec, client, created.object, target, deadline);
      } catch (err) {
        forgetOnRefusal(client, err, resolvedIds(prepared));
        throw (await createCutShort(spec, client, err, prepared, props)) ?? err;
      }
      // Another object by this name: a lookup of the name that found one must look again.
      if (typeof object.name === "string") forgetName(client, object.name);
      return { id: spec.idOf(object), outs: { ...appliedOutputs(spec, object, inputs, ids, lists), ...timeoutsEntry(props), ...callerEntry(client) } };
    },

    async read(id, props) {
      const client = await runtime.client();
      const prior = migrate(spec, props);
      const object = await spec.read(client, id, prior);
      const job = pendingJobOf(prior);
      if (!object) {
        // An async create still running: CloudStack may not list the object yet.
        if (job && (await jobRunning(client, job))) return { id, props: prior };
        // No id tells the engine the object is gone.
        return { id: "", props: {} };
      }
      const { outputs, inputs } = observedOutputs(spec, object, prior);
      const carried = { ...timeoutsEntry(prior), ...(job ? pendingJobRecord(job) : {}), ...callerEntry(client, prior) };
      return { id: spec.idOf(object), props: { ...outputs, ...carried }, inputs };
    },

    async update(id, olds, news) {
      const deadline = Deadline.of(news, "update");
      const client = withDeadline(await runtime.client(), deadline);
      let prior = migrate(spec, olds);
      const prepared = await prepare(spec, client, news);
      const { inputs, ids, lists } = prepared;
      const job = pendingJobOf(prior);
      if (job) prior = await resume(spec, client, id, prior, job, news);
      if (spec.readiness?.pendingIn(prior)) await stillAwaited(spec, client, id, prior, deadline);
      const target: PropertyMap = { ...inputs, ...ids, ...lists };
      const changed = changedInputs(spec, prior, target);
      const blocked = changed.filter((key) => !changesInPlace(spec, key, prior));
      if (blocked.length > 0) {
        throw new Error(`${spec.kind} ${id}: ${blocked.join(", ")} cannot change in place; it must be replaced`);
      }
      let object: ApiObject | undefined;
      try {
        object = changed.length > 0 ? await updateOnce(spec, client, id, prior, prepared, changed) : await spec.read(client, id, prior);
      } catch (err) {
        forgetOnRefusal(client, err, resolvedIds(prepared));
        if (!(err instanceof JobUnfinishedError)) throw err;
        // Recorded with the job: the next update waits for it, then applies what is left.
        throw new ResourceInitError(
          `${spec.kind} ${id} was not fully updated: ${stillRunning(err)}. The next \`pulumi up\` waits for that job, then applies what is left.`,
          id,
          { ...prior, ...pendingJobEntry(err, "update"), ...timeoutsEntry(news), ...providerEntry(news) },
          [stillRunning(err)],
        );
      }
      if (!object) throw new Error(`${spec.kind} ${id} disappeared during its update; run \`pulumi refresh\`, then \`pulumi up\` creates it again`);
      // Its name may have changed: names resolved to it are looked up again.
      if (changed.length > 0) forgetId(client, id);
      if (changed.length > 0 && typeof object.name === "string") forgetName(client, object.name);
      return { outs: { ...appliedOutputs(spec, object, inputs, ids, lists), ...timeoutsEntry(news), ...callerEntry(client, prior) } };
    },

    async delete(id, props) {
      if (takenOver.has(id.toLowerCase())) return;
      const deadline = Deadline.of(props, "delete");
      const client = withDeadline(await runtime.client(), deadline);
      const prior = migrate(spec, props);
      try {
        const job = pendingJobOf(prior);
        if (job) await settle(client, job, id);
        const found = await spec.read(client, id, prior);
        const object = found && (await waitOutTransition(spec, client, id, prior, found, deadline));
        if (!object) {
          refuseIfOwnedElsewhere(spec, client, id, prior);
          return;
        }
        await deleteOnce(spec, client, id, object, prior);
        forgetId(client, id);
      } catch (err) {
        if (!(err instanceof JobUnfinishedError)) throw err;
        throw new Error(
          `${spec.kind} ${id} was not deleted: ${stillRunning(err)}. ` +
            "It stays in the stack; the next `pulumi destroy` or `pulumi up` waits for that job before deleting.",
        );
      }
    },
  };
}
