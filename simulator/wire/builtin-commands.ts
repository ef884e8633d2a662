// The commands the wire layer answers itself, because jobs and command facts live here:
// queryAsyncJobResult, listAsyncJobs and listApis.
import { ApiError, paramError, permissionError, uuidNotFound } from "../errors";
import type { Caller } from "../caller";
import { Handler } from "./types";
import { AsyncJobRecord, JobQueue, jobResponse } from "./jobs";
import { CommandFact } from "./command-facts";
import { parseZonedDate } from "./cloudstack-date";

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

    // QueryManagerImpl.searchForAsyncJobsInternal: ordered by id, `keyword` matched in the
    // command's class name, `startdate` keeps the jobs created at or after it; completed jobs stay
    // listed until they are purged.
    listAsyncJobs: ({ params, caller }) => {
      const listAll = params.listall?.toLowerCase() === "true";
      const since = params.startdate === undefined ? undefined : startDateOf(params.startdate);
      const keyword = params.keyword?.toLowerCase();
      const items = jobs
        .all()
        .filter((job) => (listAll ? canSee(caller, job) : job.accountid === caller.accountId))
        .filter((job) => keyword === undefined || job.cmd.toLowerCase().includes(keyword))
        .filter((job) => since === undefined || (parseZonedDate(job.created) ?? 0) >= since)
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

/**
 * A DATE parameter as ParamProcessWorker.parseAndSetDate reads it: a date-time with a zone, or
 * "yyyy-MM-dd HH:mm:ss", or "yyyy-MM-dd" (a start date then means that day's midnight). The
 * forms without a zone are in the server's time zone, which is UTC here.
 */
function startDateOf(text: string): number {
  const zoned = parseZonedDate(text);
  if (zoned !== undefined) return zoned;
  const local = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/.exec(text);
  // The ServerApiException of ParamProcessWorker.processParameters: cserrorcode 9999.
  if (!local) {
    throw new ApiError(431, `Unable to parse date ${text} for command listasyncjobs, please pass dates in the format mentioned in the api documentation`, 9999);
  }
  const [, y, mo, d, h, mi, s] = local;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0));
}
