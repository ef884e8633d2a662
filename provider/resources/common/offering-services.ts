// What NetworkOffering and VpcOffering share: services with their providers (supportedservices and
// serviceproviderlist), capabilities (servicecapabilitylist), the domains and zones an offering is
// limited to, and reading them back from listNetworkOfferings / listVPCOfferings.
import { z } from "zod";
import type { CloudStackClient, Params } from "../../client";
import { failure } from "../../adapter/check/failures";
import { PartiallyCreatedError } from "../../adapter/lifecycle/errors";
import type { ApiObject, CheckFailure, PropertyMap } from "../../adapter/types";
import { executeForObject, updateThenRead } from "./job-result";
import { changedParams } from "./param-names";
import { nonEmpty, uuid } from "../../validation/fields";
import { listOf } from "./api-values";

/** Network.Service: the names CloudStack knows (Gateway comes with SourceNat and is never asked for). */
export const SERVICE_NAMES = [
  "Vpn", "Dhcp", "Dns", "Firewall", "Lb", "UserData", "SourceNat", "StaticNat", "PortForwarding", "SecurityGroup", "NetworkACL", "Connectivity",
] as const;

/** One service of an offering and the providers that give it. */
export const serviceEntry = z
  .object({
    name: z.enum(SERVICE_NAMES).describe('The service, e.g. "Dhcp", "SourceNat", "Lb".'),
    providers: z
      .array(nonEmpty())
      .optional()
      .describe('Its providers, e.g. ["VirtualRouter"]: one, except Lb which may have several. Omitted: CloudStack picks the physical network\'s default when a network is implemented.'),
  })
  .strict();

export type ServiceEntry = z.infer<typeof serviceEntry>;

/** A list of domain or zone ids an offering is limited to, updated in place. */
export const scopeInput = (what: "domain" | "zone") =>
  z
    .array(uuid())
    .optional()
    .describe(
      what === "domain"
        ? "The ids of the domains that may use the offering (e.g. a domain's `id`); every domain when omitted. Updated in place; removing it makes the offering public again."
        : "The ids of the zones the offering is available in (e.g. a Zone's `id`); every zone when omitted. Updated in place; removing it makes the offering available in every zone again.",
    );

/** supportedservices and serviceproviderlist for a create. */
export function serviceParams(services: readonly ServiceEntry[]): Params {
  return {
    supportedservices: services.map((s) => s.name),
    serviceproviderlist: services.flatMap((s) => (s.providers ?? []).map((provider) => ({ service: s.name, provider }))),
  };
}

/** One capability asked of a service (servicecapabilitylist), left out when not given. */
export const capability = (service: string, capabilitytype: string, value: unknown): Array<Record<string, string>> =>
  value === undefined || value === null ? [] : [{ service, capabilitytype, capabilityvalue: String(value) }];

/** Update's domainid and zoneid: comma-separated ids, or "public" / "all" to lift the limit. */
export function scopeUpdateParams(changed: readonly string[], news: { domainIds?: readonly string[]; zoneIds?: readonly string[] }): Params {
  const params: Params = {};
  if (changed.includes("domainIds")) params.domainid = news.domainIds && news.domainIds.length > 0 ? news.domainIds.join(",") : "public";
  if (changed.includes("zoneIds")) params.zoneid = news.zoneIds && news.zoneIds.length > 0 ? news.zoneIds.join(",") : "all";
  return params;
}

/** The offering's services as inputs (CloudStack's answer leaves Gateway out). */
export function servicesOf(offering: ApiObject): ServiceEntry[] | null {
  if (!Array.isArray(offering.service)) return null;
  return (offering.service as Array<Record<string, unknown>>).map((s) => ({
    name: String(s.name) as ServiceEntry["name"],
    providers: Array.isArray(s.provider) ? (s.provider as Array<Record<string, unknown>>).map((p) => String(p.name)) : [],
  }));
}

/** A capability's value in the offering's answer, by service and capability name. */
export function capabilityOf(offering: ApiObject, service: string, name: string): string | null {
  const services = Array.isArray(offering.service) ? (offering.service as Array<Record<string, unknown>>) : [];
  const caps = services.find((s) => s.name === service)?.capability;
  const found = Array.isArray(caps) ? (caps as Array<Record<string, unknown>>).find((c) => c.name === name) : undefined;
  return found && typeof found.value === "string" ? found.value : null;
}

/** The ids of the offering's domain or zone limit, or null when it has none. */
export const scopeOf = (value: unknown): string[] | null => {
  const ids = listOf(value);
  return ids.length === 0 ? null : ids;
};

const entriesOf = (value: unknown): ServiceEntry[] => (Array.isArray(value) ? (value as ServiceEntry[]) : []);

/**
 * Services compared as CloudStack keeps them: names and providers without regard to order or
 * case, a service declared without providers matching whatever CloudStack gave it, and the
 * services CloudStack adds by itself (`implied` of the declared list) allowed on the read side.
 */
export function sameServicesGiven(implied: (declared: ServiceEntry[]) => ServiceEntry[]) {
  return (a: unknown, b: unknown): boolean => {
    const key = (s: string) => s.toLowerCase();
    const providersMatch = (x: ServiceEntry, y: ServiceEntry) => {
      if (x.providers === undefined || y.providers === undefined || x.providers.length === 0 || y.providers.length === 0) return true;
      return JSON.stringify([...x.providers].map(key).sort()) === JSON.stringify([...y.providers].map(key).sort());
    };
    const covers = (declared: ServiceEntry[], read: ServiceEntry[]) => {
      const added = implied(declared);
      const same = (x: ServiceEntry, y: ServiceEntry) => key(x.name) === key(y.name) && providersMatch(x, y);
      return declared.every((d) => read.some((r) => same(d, r))) && read.every((r) => declared.some((d) => same(d, r)) || added.some((i) => same(i, r)));
    };
    const [x, y] = [entriesOf(a), entriesOf(b)];
    return covers(x, y) || covers(y, x);
  };
}

/** Check failures of a services list: each service once, one provider except for Lb. */
export function serviceListFailures(inputs: PropertyMap, known: (key: string) => boolean): CheckFailure[] {
  if (!known("services")) return [];
  const services = entriesOf(inputs.services);
  const failures: CheckFailure[] = [];
  services.forEach((s, i) => {
    if (services.findIndex((o) => o.name === s.name) !== i) failures.push(failure(`services[${i}].name`, s.name, "is listed twice: give each service once, with all its providers"));
    if (s.name !== "Lb" && (s.providers?.length ?? 0) > 1) {
      failures.push(failure(`services[${i}].providers`, s.providers, 'has several providers: only Lb may have more than one (CloudStack: "In the current release only one provider can be specified for the service if the service is not LB")'));
    }
  });
  return failures;
}

/** Whether the declared services include `name`. */
export const hasService = (inputs: PropertyMap, name: string): boolean => entriesOf(inputs.services).some((s) => s.name === name);

/** A capability input needs its service among the declared ones (CloudStack refuses it otherwise). */
export function capabilityNeedsService(inputs: PropertyMap, known: (key: string) => boolean, input: string, service: string): CheckFailure[] {
  if (!known(input) || !known("services") || inputs[input] === undefined || hasService(inputs, service)) return [];
  return [failure(input, inputs[input], `needs the ${service} service among \`services\`: it is a capability of ${service}`)];
}

/** An offering kind's commands: createNetworkOffering / updateNetworkOffering, or the VPC ones. */
export interface OfferingCommands {
  readonly create: string;
  readonly update: string;
  readonly objectName: string;
  readonly kind: string;
}

/** Creates the offering, then sets the sort key, which no create command takes. */
export async function createOffering(client: CloudStackClient, commands: OfferingCommands, params: Params, sortKey: number | undefined): Promise<ApiObject> {
  const created = await executeForObject(client, commands.create, params, commands.objectName);
  if (sortKey === undefined) return created;
  try {
    return await executeForObject(client, commands.update, { id: String(created.id), sortkey: sortKey }, commands.objectName);
  } catch (err) {
    throw new PartiallyCreatedError(created, err);
  }
}

/** An update of the changed inputs (`names`: input to parameter), domains and zones included, then a read. */
export function updateOffering(
  client: CloudStackClient,
  commands: OfferingCommands,
  id: string,
  changed: readonly string[],
  news: PropertyMap & { domainIds?: readonly string[]; zoneIds?: readonly string[] },
  names: Readonly<Record<string, string>>,
  read: () => Promise<ApiObject | undefined>,
  extra: Params = {},
): Promise<ApiObject> {
  const params = { ...changedParams(id, changed, news, names), ...scopeUpdateParams(changed, news), ...extra };
  return updateThenRead(client, commands.update, params, read, commands.kind);
}

/** The inputs both offering kinds read the same way: services, domains and zones. */
export const sharedOfferingInputs = (offering: ApiObject): PropertyMap => ({
  services: servicesOf(offering),
  domainIds: scopeOf(offering.domainid),
  zoneIds: scopeOf(offering.zoneid),
});
