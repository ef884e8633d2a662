// What Instance and VnfAppliance share about a virtual machine's life: the host name rule, the
// deploy job (a failed one leaves an instance in Error, which is expunged), the read (destroyed
// is gone), and the delete (destroy with expunge).
import { z } from "zod";
import { CloudStackApiError, JobFailedError, type CloudStackClient, type Params } from "../../client";
import { findById } from "../../adapter/lifecycle/lookup";
import { ApiObject, PropertyMap } from "../../adapter/types";
import { textOrNull } from "./api-values";
import { objectOf } from "./job-result";
import { ownerScope } from "./ownership";
import { warn } from "./warnings";

/** NetUtils.verifyDomainNameLabel as UserVmManagerImpl applies it to host names. */
export const hostName = () =>
  z.string().regex(/^[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/, {
    message: "is not a valid host name (letters, digits and hyphens, at most 63, not starting or ending with a hyphen)",
  });

/** Gone for the engine: destroyed (recoverable only by an admin) or being expunged. */
const isGone = (vm: ApiObject) => vm.state === "Destroyed" || vm.state === "Expunging";

/** listVirtualMachines never returns the password: keep the one deploy gave. */
export function withPassword(vm: ApiObject, olds: PropertyMap): ApiObject {
  return textOrNull(vm.password) === null && typeof olds.password === "string" ? { ...vm, password: olds.password } : vm;
}

/** The instance by id in its owner's scope, through `command` (listVirtualMachines, listVnfAppliances). */
export async function readVm(client: CloudStackClient, command: string, id: string, olds: PropertyMap): Promise<ApiObject | undefined> {
  const vm = await findById(client, command, id, ownerScope(olds), { goneWhen: isGone });
  return vm && withPassword(vm, olds);
}

/**
 * Destroys and expunges; an instance already gone is what was wanted. A normal user may expunge
 * only when allow.user.expunge.recover.vm is true (UserVmManagerImpl.destroyVm): refused (a job
 * failing 530), the instance is destroyed without expunge and CloudStack expunges it after
 * expunge.delay; until then it still blocks its network's deletion, which the warning says.
 */
export async function expungeVm(client: CloudStackClient, id: string): Promise<void> {
  try {
    await client.execute("destroyVirtualMachine", { id, expunge: true });
  } catch (err) {
    if (err instanceof CloudStackApiError && err.errorcode === 431) return;
    // UserVmManagerImpl.destroyVm refuses inside the job with a PermissionDeniedException, which
    // ApiAsyncJobDispatcher reports as 530; older simulators answered 531.
    const refused =
      err instanceof CloudStackApiError &&
      (err.errorcode === 531 || (err.errorcode === 530 && err.errortext.startsWith("Parameter expunge can be passed by Admin only")));
    if (!refused) throw err;
    await client.execute("destroyVirtualMachine", { id });
    warn(
      `instance ${id} was destroyed but not expunged: this account may not expunge (${err.errortext}). ` +
        "It blocks the deletion of its networks until CloudStack expunges it (expunge.delay) or an admin does.",
    );
  }
}

/**
 * Sends a deploy command and waits for its job. A job past its deadline propagates (the adapter
 * records the instance with its pending job); a failed job can leave an instance in state Error
 * holding its NICs: it is expunged, and the error says so.
 */
export async function deployVm(client: CloudStackClient, command: string, params: Params): Promise<ApiObject> {
  const started = await client.start(command, params);
  try {
    return objectOf(await client.waitForJob(started.jobId, { command, objectId: started.id }), "virtualmachine", command);
  } catch (err) {
    if (err instanceof JobFailedError && started.id) {
      try {
        await expungeVm(client, started.id);
      } catch (cleanup) {
        err.message += `; the failed instance ${started.id} could not be expunged: ${cleanup instanceof Error ? cleanup.message : String(cleanup)}`;
        throw err;
      }
      err.message += `; the failed instance ${started.id} was destroyed and expunged`;
    }
    throw err;
  }
}
