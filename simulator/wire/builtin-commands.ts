// The commands the wire layer answers itself, because jobs and command facts live here:
// queryAsyncJobResult, listAsyncJobs and listApis.
import { ApiError, paramError, permissionError, uuidNotFound } from "../errors";
import type { Caller } from "../caller";
import { Handler } from "./types";
import { AsyncJobRecord, JobQueue, jobResponse } from "./jobs";
import { CommandFact } from "./command-facts";

function canSee(caller: Caller, job: AsyncJobRecord): boolean {
  if (caller.isRootAdmin) return true;
  // A domain admin sees its domain's jobs (the wire layer does not know the domain tree).
  if (caller.accountType === 2) return job.domainid === caller.domainId;
  return job.accountid === caller.accountId;
}

function apiEntry(fact: CommandFact, caller: Caller): Record<string, unknown> {
  const params = caller.isRootAdmin ? [...fact.params, ...fact.adminParams] : fact.params;
  return {
    name: fact.name,
    description: fact.description,
    isasync: fact.isAsync,
    related: "",
    params: params
      .filter((p) => p.name !== "response")
      .map((p) => ({
        name: p.name,
        description: p.description,
        type: p.type.toLowerCase(),
        length: 255,
        required: p.required,
        ...(p.related ? { related: p.related } : {}),
      })),
    response: fact.response.map((f) => ({ name: f.name, description: f.description, type: f.type })),
  };
}

export function buildWireHandlers(
  jobs: JobQueue,
  availableCommands: () => ReadonlyArray<CommandFact>,
): Record<string, Handler> {
  return {
    queryAsyncJobResult: ({ params, caller }) => {
      const jobid = params.jobid ?? "";
      const job = jobs.find(jobid);
      if (!job) {
        // jobid is a UUID parameter without `since`, so ParamProcessWorker.translateUuidToInternalId
        // takes a number as an internal id, which ApiResponseHelper.queryJobResult then fails to find;
        // anything else is looked up as a uuid and fails in translateUuidToInternalId.
        if (/^\d+$/.test(jobid)) throw paramError(`Unable to find a job by id ${jobid}`);
        throw uuidNotFound("jobid", jobid);
      }
      if (!canSee(caller, job)) throw permissionError(`Account ${caller.accountName} is not authorized to see job id=${jobid}`);
      return { kind: "flat", fields: jobResponse(jobs.reported(job)) };
    },

    listAsyncJobs: ({ params, caller }) => {
      const listAll = params.listall?.toLowerCase() === "true";
      const items = jobs
        .all()
        .filter((job) => (listAll ? canSee(caller, job) : job.accountid === caller.accountId))
        .map((job) => jobResponse(jobs.reported(job)));
      return { kind: "list", objectName: "asyncjobs", items };
    },

    listApis: ({ params, caller }) => {
      const wanted = params.name;
      const facts = availableCommands().filter((f) => wanted === undefined || f.name === wanted);
      if (wanted !== undefined && facts.length === 0) {
        throw new ApiError(530, "Api Discovery plugin was unable to find an api by that name or process any apis", 9999);
      }
      return { kind: "list", objectName: "api", items: facts.map((f) => apiEntry(f, caller)) };
    },
  };
}
