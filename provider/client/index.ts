// The CloudStack client's public surface.
export type { ParamValue, Params } from "./params";
export type { ClientOptions } from "./options";
export type { CredentialSource } from "./credentials";
export { CloudStackClient, type FoundJob } from "./client";
export { ASYNC_COMMANDS } from "./async-commands";
export {
  CloudStackApiError,
  JobFailedError,
  JobDeadlineError,
  JobUnfinishedError,
  JobPollFailedError,
  CommandOutcomeUnknownError,
  MissingCredentialsError,
  CloudStackTransportError,
} from "./errors";
export { resolveCredentials } from "./credentials";
export { signRequest } from "./signing";
export { isReadCommand } from "./command-kind";
export { describeProgress, JOB_PROGRESS, type JobProgress, type Progress, type WaitProgress } from "./jobs";
