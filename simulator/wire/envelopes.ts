// CloudStack's JSON envelopes (ApiResponseSerializer) for every HandlerResult kind and for errors.
import { ApiError } from "../errors";

export type JsonObject = Record<string, unknown>;

export const responseNameOf = (command: string): string => `${command.toLowerCase()}response`;

export function objectEnvelope(responseName: string, objectName: string, object: JsonObject): JsonObject {
  return { [responseName]: { [objectName]: object } };
}

/** count is the total before paging; {} when there is nothing at all. */
export function listEnvelope(
  responseName: string,
  objectName: string,
  page: ReadonlyArray<JsonObject>,
  total: number,
): JsonObject {
  const body: JsonObject = {};
  if (total > 0) body.count = total;
  if (page.length > 0) body[objectName] = page;
  return { [responseName]: body };
}

export function successEnvelope(responseName: string, displaytext?: string): JsonObject {
  const body: JsonObject = { success: true };
  if (displaytext !== undefined) body.displaytext = displaytext;
  return { [responseName]: body };
}

export function flatEnvelope(responseName: string, fields: JsonObject): JsonObject {
  return { [responseName]: fields };
}

export function jobEnvelope(responseName: string, jobid: string, createdId?: string): JsonObject {
  return { [responseName]: createdId === undefined ? { jobid } : { id: createdId, jobid } };
}

/** {"<cmd>response":{"uuidList":[...],"errorcode":N,"cserrorcode":M,"errortext":"..."}} */
export function errorEnvelope(responseName: string, error: ApiError): JsonObject {
  const body: JsonObject = {
    uuidList: error.uuidList.map((u) => (u.description === undefined ? { uuid: u.uuid } : { uuid: u.uuid, description: u.description })),
    errorcode: error.errorcode,
  };
  if (error.cserrorcode !== undefined) body.cserrorcode = error.cserrorcode;
  body.errortext = error.errortext;
  return { [responseName]: body };
}
