// A create that makes its object once, however often it is attempted: after a lost answer, a
// failed job poll, or a run killed part way, the next attempt finds what the earlier one made.
import { CloudStackApiError, CommandOutcomeUnknownError, type CloudStackClient } from "../../client";
import { CreateAttempt, MAX_GENERATIONS, SpentGeneration, withCreateAttempt } from "./create-identity";
import { changedInputs, changesInPlace } from "../diff/changes";
import type { Prepared } from "../check/prepare";
import { perCaller } from "../process-state";
import { observedOutputs } from "./state";
import { CreateStamp, ResourceSpec } from "../spec";
import { ApiObject } from "../types";

/** The create tokens this process has attempted, per caller. */
const SENT_TOKENS = { make: () => new Set<string>() };

/** A sync create that got no answer is sent again at most this many times, after looking for its object. */
const SYNC_ATTEMPTS = 3;

/** The object a create leaves, and whether an earlier attempt had made it. */
export interface Created {
  readonly object: ApiObject;
  readonly earlier: boolean;
}

export async function createOnce(spec: ResourceSpec, client: CloudStackClient, prepared: Prepared, fingerprint: string | undefined): Promise<Created> {
  const { inputs, ids, lists } = prepared;
  const stamp: CreateStamp = fingerprint === undefined ? {} : { token: fingerprint };
  const recognise = spec.recognise;
  // Whether this process already sent a create with this token (a retried create, a replacement
  // with the same inputs): only before that may a list read earlier answer the look.
  const sent = perCaller(client, SENT_TOKENS);
  const firstLook = stamp.token !== undefined && !sent.has(stamp.token);
  if (stamp.token !== undefined) sent.add(stamp.token);
  if (recognise?.when === "before") {
    const found = await recognise.find(client, inputs, ids, lists, { ...stamp, firstLook });
    if (found) return { object: await completed(spec, client, found, prepared), earlier: true };
  }
  for (let attempt = 1; ; attempt++) {
    try {
      return await followingEarlierJobs(spec, client, prepared, fingerprint, stamp);
    } catch (err) {
      const unknownOutcome = err instanceof CommandOutcomeUnknownError;
      // A refusal may be CloudStack seeing the earlier attempt's object (an overlap, a duplicate).
      if (!recognise || !(unknownOutcome || err instanceof CloudStackApiError)) throw err;
      const found = await recognise.find(client, inputs, ids, lists, { ...stamp, afterLostAnswer: unknownOutcome });
      if (found) return { object: await completed(spec, client, found, prepared), earlier: true };
      // Not there: the request that got no answer never ran, so sending it again is safe.
      if (!unknownOutcome || attempt >= SYNC_ATTEMPTS) throw err;
    }
  }
}

/**
 * The object an earlier attempt made, with what that attempt did not get to (tags, a
 * reservation...) applied in place.
 */
async function completed(spec: ResourceSpec, client: CloudStackClient, object: ApiObject, { inputs, ids, lists }: Prepared): Promise<ApiObject> {
  const target = { ...inputs, ...ids, ...lists };
  const existing = observedOutputs(spec, object, target).outputs;
  const missing = changedInputs(spec, existing, target).filter((key) => changesInPlace(spec, key, existing));
  if (missing.length === 0) return object;
  return spec.update(client, spec.idOf(object), existing, inputs, ids, missing, lists);
}

/**
 * Runs the spec's create with job ids derived from the fingerprint, generation after
 * generation, until it makes a new object or follows the jobs of an earlier attempt whose
 * object still exists.
 */
async function followingEarlierJobs(
  spec: ResourceSpec,
  client: CloudStackClient,
  { inputs, ids, lists }: Prepared,
  fingerprint: string | undefined,
  stamp: CreateStamp,
): Promise<Created> {
  if (fingerprint === undefined) return { object: await spec.create(client, inputs, ids, lists, stamp), earlier: false };
  const target = { ...inputs, ...ids, ...lists };
  const stillExists = async (id: string): Promise<boolean> => (await spec.read(client, id, target)) !== undefined;
  for (let generation = 0; generation < MAX_GENERATIONS; generation++) {
    const attempt = new CreateAttempt(fingerprint, generation, stillExists);
    let object: ApiObject;
    try {
      object = await spec.create(withCreateAttempt(client, attempt), inputs, ids, lists, stamp);
    } catch (err) {
      if (err instanceof SpentGeneration) continue;
      throw err;
    }
    if (!attempt.resumed) return { object, earlier: false };
    // The object an earlier attempt made, completed by this one: as CloudStack has it now.
    return { object: (await spec.read(client, spec.idOf(object), target)) ?? object, earlier: true };
  }
  // As many identical creates as this since CloudStack last expired its jobs: fresh job ids.
  return { object: await spec.create(client, inputs, ids, lists, stamp), earlier: false };
}
