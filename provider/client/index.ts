// The CloudStack client's public surface.
export type { ParamValue, Params } from "./params";
export type { ClientOptions } from "./options";
export type { CredentialSource } from "./credentials";
export { CloudStackClient } from "./client";
export {
  CloudStackApiError,
  JobFailedError,
  JobDeadlineError,
  MissingCredentialsError,
  CloudStackTransportError,
} from "./errors";
export { resolveCredentials } from "./credentials";
export { signRequest } from "./signing";
export { isReadCommand } from "./command-kind";
