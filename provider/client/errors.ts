// Typed errors the client throws, each with a message that says what to do next.

const HINTS: Readonly<Record<number, string>> = {
  400: "The request was malformed; check the parameter values.",
  401: "Check the API key and secret key, and that this machine's clock is right (signed requests expire).",
  405: "The management server refused the HTTP method; check for a proxy rewriting requests.",
  429: "The account reached its API rate limit; retry later or lower the parallelism.",
  430: "Fix the malformed value the message describes.",
  431: "CloudStack refused a value of the request: correct the input the message describes.",
  432: "The command is unknown or not allowed here: check its name, the CloudStack version and the role's API permissions.",
  503: "CloudStack is unavailable; retry later.",
  530: "CloudStack hit an internal error; the management server log has the details.",
  531: "Permission denied: the account or its role may not use this command or resource.",
  532: "An account, domain or project resource limit was reached: free resources or raise the limit.",
  533: "CloudStack found no capacity that fits the request (addresses, VLANs, hosts...): free some, add capacity or ask for something else; the same request fails the same way until then.",
  534: "A needed resource is unavailable right now; retry later.",
  535: "CloudStack could not allocate the resource right now; retry later.",
  536: "The resource is in use: remove what depends on it first.",
  537: "It conflicts with an existing network rule (same IP and ports, or overlapping ranges): change it or remove the other rule.",
};

/**
 * Hints for error texts that say more than their code: CloudStack raises some deterministic
 * refusals with codes whose general hint would mislead (an address that can never be had is
 * 533, "insufficient capacity"; a VPC's tier limit is a CloudRuntimeException, 530).
 */
const TEXT_HINTS: ReadonlyArray<{ code: number; text: RegExp; hint: (match: RegExpExecArray) => string }> = [
  {
    // IpAddressManagerImpl / GuestNetworkGuru: InsufficientAddressCapacityException and
    // InsufficientVirtualNetworkCapacityException, raised for a requested address too.
    code: 533,
    text: /^(Insufficient address capacity|Unable to acquire Guest IP address|Unable to find available (public|portable) IP addresses)/i,
    hint: () =>
      "No address fits the request. If a specific IP was asked for, it is outside the network's CIDR or ranges, the gateway, or already taken: choose another or free it (retrying does not help). Otherwise the pool is used up: release addresses or add an IP range.",
  },
  {
    // VpcManagerImpl.validateNtwkOffForNtwkInVpc: the vpc.max.networks limit.
    code: 530,
    text: /Number of networks per VPC cannot surpass \[(\d+)\]/i,
    hint: (m) =>
      `The VPC already has the ${m[1]} tiers the vpc.max.networks setting allows: delete a tier, or have a root admin raise vpc.max.networks (e.g. with a ConfigurationSetting).`,
  },
  {
    // ConfigurationManagerImpl.deleteNetworkOffering, VpcManagerImpl.deleteVpcOffering.
    code: 431,
    text: /^Can't delete (network|vpc) offering .* as its used by (\d+) (networks|vpcs)/i,
    hint: (m) =>
      `Delete the ${m[2]} ${m[3]} that use the offering first, or move them to another offering (a Network's networkOffering changes in place for isolated networks); to stop new ${m[3]} from using it while keeping it, set its state to Disabled instead of deleting it.`,
  },
  {
    // NetworkOrchestrator.createGuestNetwork.
    code: 431,
    text: /^Can't use specified network offering id as its state is not Enabled/i,
    hint: () => "The offering is Disabled, as CloudStack creates offerings unless told otherwise: enable it (a NetworkOffering's state: \"Enabled\") or name another offering.",
  },
];

/** Whether a 430/431 text names a parameter (CloudStack's "... parameter <name> ..." forms). */
const NAMES_PARAMETER = /\bparam(eter)?s?\b/i;

/** What to do about a CloudStack error, or "" when there is nothing specific to say. */
export function hintFor(errorcode: number, errortext = ""): string {
  for (const special of TEXT_HINTS) {
    const match = special.code === errorcode ? special.text.exec(errortext) : null;
    if (match) return special.hint(match);
  }
  if ((errorcode === 430 || errorcode === 431) && NAMES_PARAMETER.test(errortext)) return "Fix the parameter named in the message.";
  return HINTS[errorcode] ?? "";
}

function describe(command: string, errorcode: number, cserrorcode: number | undefined, errortext: string): string {
  const codes = cserrorcode === undefined ? `${errorcode}` : `${errorcode}, cserrorcode ${cserrorcode}`;
  const text = errortext.trim() === "" ? "no error text" : errortext.trim();
  const sentence = /[.!?]$/.test(text) ? text : `${text}.`;
  const hint = hintFor(errorcode, text);
  return `CloudStack ${command} failed (${codes}): ${sentence}${hint ? ` ${hint}` : ""}`;
}

export interface ApiErrorFields {
  status: number;
  errorcode: number;
  cserrorcode?: number;
  command: string;
  errortext: string;
  uuidList?: ReadonlyArray<{ uuid: string; description?: string }>;
  /** The wait a Retry-After header asked for, in ms. */
  retryAfterMs?: number;
}

/** An error answer from CloudStack (an error envelope, or a non-JSON body with an HTTP error status). */
export class CloudStackApiError extends Error {
  readonly status: number;
  readonly errorcode: number;
  readonly cserrorcode?: number;
  readonly command: string;
  readonly errortext: string;
  readonly uuidList: ReadonlyArray<{ uuid: string; description?: string }>;
  readonly retryAfterMs?: number;

  constructor(fields: ApiErrorFields) {
    super(describe(fields.command, fields.errorcode, fields.cserrorcode, fields.errortext));
    this.name = "CloudStackApiError";
    this.status = fields.status;
    this.errorcode = fields.errorcode;
    if (fields.cserrorcode !== undefined) this.cserrorcode = fields.cserrorcode;
    this.command = fields.command;
    this.errortext = fields.errortext;
    this.uuidList = fields.uuidList ?? [];
    if (fields.retryAfterMs !== undefined) this.retryAfterMs = fields.retryAfterMs;
  }
}

/** An async job that ended with jobstatus 2 (failed) or 3 (cancelled). */
export class JobFailedError extends CloudStackApiError {
  readonly jobId: string;
  constructor(fields: ApiErrorFields & { jobId: string }) {
    super(fields);
    this.name = "JobFailedError";
    this.jobId = fields.jobId;
    this.message = `${this.message} (job ${fields.jobId})`;
  }
}

/**
 * A job the client stopped following before it ended: CloudStack accepted it (it has an id, and
 * for a create the object's id), so whoever started it must record it and wait again later.
 */
export class JobUnfinishedError extends Error {
  readonly command: string;
  readonly jobId: string;
  readonly objectId?: string;

  constructor(message: string, fields: { command: string; jobId: string; objectId?: string }) {
    super(message);
    this.name = "JobUnfinishedError";
    this.command = fields.command;
    this.jobId = fields.jobId;
    if (fields.objectId !== undefined) this.objectId = fields.objectId;
  }
}

/** The client stopped waiting; the job itself goes on in CloudStack. */
export class JobDeadlineError extends JobUnfinishedError {
  readonly deadlineMs: number;

  constructor(fields: { command: string; jobId: string; objectId?: string; deadlineMs: number }) {
    const object = fields.objectId === undefined ? "" : ` for object ${fields.objectId}`;
    super(
      `CloudStack ${fields.command} job ${fields.jobId}${object} did not finish within ${formatDuration(fields.deadlineMs)}; ` +
        `it is still running in CloudStack. Waiting again on job ${fields.jobId} resumes it instead of creating a duplicate.`,
      fields,
    );
    this.name = "JobDeadlineError";
    this.deadlineMs = fields.deadlineMs;
  }
}

/** Polling the job kept failing (the server unreachable, say); the job itself may go on. */
export class JobPollFailedError extends JobUnfinishedError {
  readonly reason: string;

  constructor(fields: { command: string; jobId: string; objectId?: string; reason: string }) {
    const object = fields.objectId === undefined ? "" : ` for object ${fields.objectId}`;
    super(
      `CloudStack ${fields.command} job ${fields.jobId}${object} was accepted, but asking for its result failed (${fields.reason}). ` +
        `Waiting again on job ${fields.jobId} resumes it instead of creating a duplicate.`,
      fields,
    );
    this.name = "JobPollFailedError";
    this.reason = fields.reason;
  }
}

/**
 * A command that changes state got no CloudStack answer (the connection broke after the request
 * went out, a timeout, a 502 from a proxy): CloudStack may or may not have run it. The caller
 * must find out (look the object up) before sending it again.
 */
export class CommandOutcomeUnknownError extends Error {
  readonly command: string;
  readonly reason: string;
  readonly attempts: number;

  constructor(fields: { command: string; reason: string; attempts: number; endpoint: string }) {
    super(
      `CloudStack ${fields.command} request to ${fields.endpoint} got no answer (${fields.reason}), so whether CloudStack ran it is unknown. ` +
        "Run `pulumi refresh`, then `pulumi up`: resources recognise an object an earlier attempt made instead of making another.",
    );
    this.name = "CommandOutcomeUnknownError";
    this.command = fields.command;
    this.reason = fields.reason;
    this.attempts = fields.attempts;
  }
}

/** The request never got an HTTP answer (connection refused or reset, timeout, TLS failure). */
export class CloudStackTransportError extends Error {
  readonly command: string;
  readonly code: string;
  readonly attempts: number;
  constructor(fields: { command: string; code: string; detail: string; attempts: number; endpoint: string }) {
    const tries = fields.attempts === 1 ? "" : ` after ${fields.attempts} attempts`;
    super(
      `CloudStack ${fields.command} request to ${fields.endpoint} failed${tries}: ${fields.detail}. ` +
        `Check that the API URL is right and the management server is reachable from here.`,
    );
    this.name = "CloudStackTransportError";
    this.command = fields.command;
    this.code = fields.code;
    this.attempts = fields.attempts;
  }
}

/** Credentials were found neither in stack config nor in the environment. */
export class MissingCredentialsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MissingCredentialsError";
  }
}

function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${Math.round(ms / 100) / 10} s`;
  return `${Math.round(ms / 6000) / 10} min`;
}
