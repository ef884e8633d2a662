// What instances are made from: compute (service) offerings and templates, seeded with the
// names CloudStack's own simulator deployment uses, and the template filters of listTemplates.
import { paramError } from "../errors";
import type { Caller } from "../caller";
import { now } from "./dates";
import { newUuid, nextId } from "./ids";
import { zoneHasCapacity } from "./pods";
import type { AccountRecord, ServiceOfferingRecord, SimulatorState, TemplateRecord } from "./records";

export const SMALL_INSTANCE = "Small Instance";
export const TEMPLATE_NO_PASSWORD = "CentOS 5.6 (64-bit) no GUI (Simulator)";
export const TEMPLATE_WITH_PASSWORD = "CentOS 5.6 (64-bit) password enabled (Simulator)";

const SERVICE_OFFERINGS: Array<Pick<ServiceOfferingRecord, "name" | "displaytext" | "cpuNumber" | "cpuSpeed" | "memory">> = [
  { name: SMALL_INSTANCE, displaytext: SMALL_INSTANCE, cpuNumber: 1, cpuSpeed: 500, memory: 512 },
  { name: "Medium Instance", displaytext: "Medium Instance", cpuNumber: 1, cpuSpeed: 1000, memory: 1024 },
];

/** The seeded offerings and the two simulator templates, owned by the system account and public. */
export function seedCatalog(state: SimulatorState, systemAccount: AccountRecord): void {
  for (const o of SERVICE_OFFERINGS) {
    state.serviceOfferings.push({
      uuid: newUuid(),
      id: nextId(state, "serviceOffering"),
      ...o,
      storageType: "shared",
      provisioningType: "thin",
      offerHa: false,
      limitCpuUse: false,
      isVolatile: false,
      created: now(),
    });
  }
  const osTypeUuid = newUuid();
  for (const [name, passwordEnabled] of [
    [TEMPLATE_NO_PASSWORD, false],
    [TEMPLATE_WITH_PASSWORD, true],
  ] as const) {
    state.templates.push({
      uuid: newUuid(),
      id: nextId(state, "template"),
      name,
      displaytext: name,
      accountUuid: systemAccount.uuid,
      domainUuid: systemAccount.domainUuid,
      isPublic: true,
      isFeatured: true,
      isReady: true,
      passwordEnabled,
      format: "VHD",
      hypervisor: "Simulator",
      osTypeUuid,
      osTypeName: "CentOS 5.6 (64-bit)",
      templateType: "BUILTIN",
      size: 2147483648,
      created: now(),
    });
  }
}

export type TemplateFilter = "featured" | "self" | "selfexecutable" | "sharedexecutable" | "executable" | "community" | "all";
const FILTERS: TemplateFilter[] = ["featured", "self", "selfexecutable", "sharedexecutable", "executable", "community", "all"];

/** listTemplates' templatefilter (TemplateFilter enum, case-insensitive). */
export function parseTemplateFilter(value: string): TemplateFilter {
  const f = FILTERS.find((x) => x === value.toLowerCase());
  if (!f) throw paramError(`Please specify a valid template filter: ${FILTERS.join(", ")}`);
  return f;
}

/** Whether a template passes the filter for the caller (ownership by the caller's account). */
export function templateMatchesFilter(t: TemplateRecord, filter: TemplateFilter, caller: Caller): boolean {
  const own = t.accountUuid === caller.accountId;
  switch (filter) {
    case "featured":
      return t.isPublic && t.isFeatured;
    case "self":
    case "selfexecutable":
      return own;
    case "sharedexecutable":
      return false;
    case "executable":
      return own || t.isPublic;
    case "community":
      return t.isPublic && !t.isFeatured;
    case "all":
      return caller.isRootAdmin || own || t.isPublic;
  }
}

/** Whether an account may deploy from the template. */
export const canUseTemplate = (t: TemplateRecord, accountUuid: string): boolean => t.isPublic || t.accountUuid === accountUuid;

/** The zones a template is offered in (every zone with secondary storage when it is cross-zone). */
export const templateZones = (state: SimulatorState, t: TemplateRecord): string[] =>
  t.zoneUuid !== undefined ? [t.zoneUuid] : state.zones.filter((z) => zoneHasCapacity(state, z)).map((z) => z.uuid);
