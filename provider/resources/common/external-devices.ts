// What NetscalerLoadBalancer and PaloAltoFirewall share: a device of a physical network added
// with a URL and credentials CloudStack never shows again, read by its device id, and
// configured after the add where the inputs ask for more than the URL says.
import { z } from "zod";
import { CloudStackApiError, type CloudStackClient, type Params } from "../../client";
import { PartiallyCreatedError } from "../../adapter/lifecycle/errors";
import { failure } from "../../adapter/check/failures";
import { ApiObject, CheckFailure, PropertyMap } from "../../adapter/types";
import { nonEmpty, uuid } from "../../validation/fields";
import { numberOrNull, textOrNull } from "./api-values";
import { executeForObject, stillPresent } from "./job-result";
import { keptAsWritten } from "./inputs";

/** The inputs every device has. */
export function deviceInputs(device: string, settings: string) {
  return {
    physicalNetworkId: uuid().describe(`The id of the physical network (e.g. a PhysicalNetwork's \`id\`); its ${device} provider must be added already. Changing it replaces the device.`),
    url: nonEmpty().describe(
      `The device's URL, whose query carries its settings: ${settings}. CloudStack never shows it again: kept as written. Changing it replaces the device.`,
    ),
    username: nonEmpty().describe("The user CloudStack logs in to the device as; kept secret. Changing it replaces the device (no command changes it)."),
    password: nonEmpty().describe("The password of that user; kept secret. Changing it replaces the device (no command changes it)."),
    capacity: z
      .number()
      .int()
      .positive()
      .optional()
      .describe("How many guest networks the device may serve; the URL's capacity or 50 (external.*.default.capacity) when omitted. Updated in place."),
  };
}

export const deviceAttributes = {
  ipAddress: z.string().nullable().describe("The device's address, the host of its URL."),
  state: z.string().nullable().describe("The device's state (Enabled once added)."),
  provider: z.string().nullable().describe("The network service provider the device belongs to."),
};

/** The device's settings the URL's query must carry, as its ServerResource.configure requires them. */
export function urlFailures(url: unknown, required: readonly string[]): CheckFailure[] {
  if (typeof url !== "string" || url === "") return [];
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [failure("url", url, "is not a URL with a scheme and host, e.g. https://10.0.0.5?publicinterface=1/1&privateinterface=1/2")];
  }
  if (parsed.hostname === "") return [failure("url", url, "has no host: CloudStack reaches the device at the URL's host")];
  const missing = required.filter((key) => !parsed.searchParams.has(key));
  return missing.length === 0 ? [] : [failure("url", url, `lacks the query parameter(s) ${missing.join(", ")}, without which CloudStack cannot configure the device`)];
}

/** A device by its id: the list filtered by it, gone when CloudStack no longer resolves the id (431). */
export async function readDevice(client: CloudStackClient, listCommand: string, idParam: string, id: string): Promise<ApiObject | undefined> {
  try {
    const items = await client.list<ApiObject>(listCommand, { [idParam]: id });
    return items.find((item) => String(item[idParam]).toLowerCase() === id.toLowerCase());
  } catch (err) {
    if (err instanceof CloudStackApiError && err.errorcode === 431) return undefined;
    throw err;
  }
}

export interface DeviceCommands {
  readonly kind: string;
  readonly add: string;
  readonly configure: string;
  readonly list: string;
  readonly idParam: string;
  /** The key of the add and configure results. */
  readonly objectKey: string;
}

/**
 * The device added, then configured with what `configureParams` says differs from what the add
 * made (a capacity or dedication the URL does not give); a failed configure leaves a device the
 * adapter records.
 */
export async function addDevice(
  client: CloudStackClient,
  commands: DeviceCommands,
  addParams: Params,
  configureParams: (added: ApiObject) => Params,
): Promise<ApiObject> {
  const added = await executeForObject(client, commands.add, addParams, commands.objectKey);
  const id = String(added[commands.idParam]);
  const changes = configureParams(added);
  if (Object.keys(changes).length === 0) return added;
  try {
    return await executeForObject(client, commands.configure, { [commands.idParam]: id, ...changes }, commands.objectKey);
  } catch (err) {
    throw new PartiallyCreatedError(added, err);
  }
}

/** An update: the configure command with the changed settings, then the device read again. */
export async function configureDevice(client: CloudStackClient, commands: DeviceCommands, id: string, params: Params): Promise<ApiObject> {
  await client.execute(commands.configure, { [commands.idParam]: id, ...params });
  return stillPresent(await readDevice(client, commands.list, commands.idParam, id), commands.kind, id);
}

/** The inputs every device reads back: the URL and credentials as written, the rest from the device. */
export function deviceInputsOf(device: ApiObject, olds: PropertyMap, capacityField: string): PropertyMap {
  return {
    physicalNetworkId: textOrNull(device.physicalnetworkid),
    ...keptAsWritten(olds, "url", "username", "password"),
    capacity: numberOrNull(device[capacityField]),
  };
}

export const deviceAttributesOf = (device: ApiObject, stateField: string): PropertyMap => ({
  ipAddress: textOrNull(device.ipaddress),
  state: textOrNull(device[stateField]),
  provider: textOrNull(device.provider),
});

/** A capacity given and different from the device's, as the configure commands' parameter. */
export const capacityChange = (capacity: number | undefined, device: ApiObject, field: string): Params =>
  capacity !== undefined && numberOrNull(device[field]) !== capacity ? { [field]: capacity } : {};
