// CloudStack's API errors, shared by the wire layer, the handlers and the model: the model throws
// them where CloudStack's services throw, the wire layer turns them into error envelopes.

/** A CloudStack API error: HTTP status = errorcode, as ApiServer answers. */
export class ApiError extends Error {
  constructor(
    readonly errorcode: number,
    readonly errortext: string,
    /** CSExceptionErrorCode; undefined for errors CloudStack builds without one (401). */
    readonly cserrorcode?: number,
    readonly uuidList: ReadonlyArray<{ uuid: string; description?: string }> = [],
  ) {
    super(errortext);
    this.name = "ApiError";
  }
}

/** InvalidParameterValueException: 431 / 4350. */
export const paramError = (text: string): ApiError => new ApiError(431, text, 4350);
/** PermissionDeniedException: 531 / 4365. */
export const permissionError = (text: string): ApiError => new ApiError(531, text, 4365);
/** NetworkRuleConflictException as commands map it: 537 / 4360. */
export const ruleConflictError = (text: string): ApiError => new ApiError(537, text, 4360);
/** CloudRuntimeException: 530 / 4250. */
export const internalError = (text: string): ApiError => new ApiError(530, text, 4250);
/** UUID resolution failure, as ParamProcessWorker.translateUuidToInternalId reports it. */
export const uuidNotFound = (param: string, value: string): ApiError =>
  paramError(
    `Invalid parameter ${param} value=${value} due to incorrect long value format, or entity does not exist or due to incorrect parameter annotation for the field in api cmd class.`,
  );
