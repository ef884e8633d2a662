// listServiceOfferings and listTemplates.
import type { SimulatorModel } from "../model";
import { parseTemplateFilter, templateMatchesFilter, templateZones } from "../model/catalog";
import type { ServiceOfferingRecord, TemplateRecord } from "../model/records";
import { templateDownloadPercent, templateDownloadState, templateReady, templateStatus } from "../model/template-downloads";
import { uuidNotFound } from "../errors";
import type { Handler, HandlerContext } from "../wire/types";
import { zoneExists } from "./list-helpers";
import { withoutUndefined } from "./views";
import { bool, int, keywordMatches, list, map, str } from "./params";
import { tagsOf } from "./tags";

export function serviceOfferingView(o: ServiceOfferingRecord): Record<string, unknown> {
  return {
    id: o.uuid,
    name: o.name,
    state: "Active",
    displaytext: o.displaytext,
    cpunumber: o.cpuNumber,
    cpuspeed: o.cpuSpeed,
    memory: o.memory,
    created: o.created,
    storagetype: o.storageType,
    provisioningtype: o.provisioningType,
    offerha: o.offerHa,
    limitcpuuse: o.limitCpuUse,
    isvolatile: o.isVolatile,
    issystem: false,
    defaultuse: false,
    iscustomized: false,
    cacheMode: "none",
    rootdisksize: 0,
    dynamicscalingenabled: true,
    diskofferingstrictness: false,
    encryptroot: false,
    purgeresources: false,
    hasannotations: false,
  };
}

/** A VNF template's NICs and details, as template and instance responses show them. */
export function vnfFields(t: TemplateRecord): { vnfnics: Array<Record<string, unknown>>; vnfdetails: Record<string, string> } {
  return {
    vnfnics: (t.vnfNics ?? []).map((n) => withoutUndefined({ deviceid: n.deviceId, name: n.name, required: n.required, management: n.management, description: n.description })),
    vnfdetails: Object.fromEntries(Object.entries(t.vnfDetails ?? {}).sort(([a], [b]) => a.localeCompare(b))),
  };
}

export function templateView(model: SimulatorModel, t: TemplateRecord, zoneUuid: string, isRootAdmin: boolean): Record<string, unknown> {
  const zone = model.state.zones.find((z) => z.uuid === zoneUuid);
  const account = model.accounts.accountOrThrow(t.accountUuid);
  const domain = model.accounts.domainOrThrow(t.domainUuid);
  const view: Record<string, unknown> = {
    id: t.uuid,
    name: t.name,
    displaytext: t.displaytext,
    ispublic: t.isPublic,
    created: t.created,
    isready: templateReady(t),
    passwordenabled: t.passwordEnabled,
    format: t.format,
    bootable: true,
    isfeatured: t.isFeatured,
    crossZones: t.zoneUuid === undefined,
    ostypeid: t.osTypeUuid,
    ostypename: t.osTypeName,
    accountid: account.uuid,
    account: account.name,
    zoneid: zoneUuid,
    zonename: zone?.name,
    status: templateStatus(t),
    size: t.size,
    physicalsize: t.size,
    templatetype: t.templateType,
    hypervisor: t.hypervisor,
    domain: domain.name,
    domainid: domain.uuid,
    domainpath: domain.path,
    isextractable: false,
    details: {},
    downloaddetails: [{ downloadState: templateDownloadState(t), datastore: "Sandbox-secondary", downloadPercent: String(templateDownloadPercent(t)) }],
    arch: "x86_64",
    bits: 64,
    sshkeyenabled: false,
    isdynamicallyscalable: false,
    directdownload: false,
    deployasis: false,
    forcks: false,
    requireshvm: true,
    tags: tagsOf(model, "Template", t.uuid),
    hasannotations: false,
  };
  // Every template response of a VNF template carries its NICs and details (TemplateJoinDaoImpl.initTemplateResponse).
  if (t.templateType === "VNF") {
    Object.assign(view, vnfFields(t));
    view.url = t.url;
  }
  // Every caller sees the download per store; only admins (the full view) its id and role
  // (TemplateJoinDaoImpl.newTemplateResponse). The simulator has one image store, of no id.
  if (isRootAdmin) view.downloaddetails = (view.downloaddetails as Array<Record<string, unknown>>).map((store) => ({ ...store, datastoreRole: "Image" }));
  return view;
}

/**
 * The templates listTemplates answers the caller, one entry per zone a template is in.
 * listVnfTemplates is the same command (ListVnfTemplatesCmd adds nothing to ListTemplatesCmd).
 */
function listedTemplates(model: SimulatorModel, ctx: HandlerContext): Array<Record<string, unknown>> {
  const p = ctx.params;
  const filter = parseTemplateFilter(str(p, "templatefilter") ?? "");
  const id = str(p, "id");
  if (id !== undefined && !model.state.templates.some((t) => t.uuid === id)) throw uuidNotFound("id", id);
  const ids = list(p, "ids");
  const zoneid = str(p, "zoneid");
  if (zoneid !== undefined && !zoneExists(model, zoneid)) throw uuidNotFound("zoneid", zoneid);
  const name = str(p, "name");
  const keyword = str(p, "keyword");
  const hypervisor = str(p, "hypervisor");
  const isReady = bool(p, "isready");
  const templateType = str(p, "templatetype");
  const isVnf = bool(p, "isvnf");
  const tagFilter = map(p, "tags");
  const tagged = (t: TemplateRecord): boolean =>
    tagFilter.length === 0 || model.tags.of("Template", t.uuid).some((tag) => tagFilter.some((f) => f.key === tag.key && (f.value === undefined || f.value === tag.value)));
  const items: Array<Record<string, unknown>> = [];
  for (const t of model.state.templates) {
    if (!templateMatchesFilter(t, filter, ctx.caller)) continue;
    if ((isVnf !== undefined && (t.templateType === "VNF") !== isVnf) || !tagged(t)) continue;
    if ((id !== undefined && t.uuid !== id) || (ids !== undefined && !ids.includes(t.uuid))) continue;
    if ((name !== undefined && t.name !== name) || !keywordMatches(keyword, t.name)) continue;
    if (hypervisor !== undefined && t.hypervisor.toLowerCase() !== hypervisor.toLowerCase()) continue;
    if ((isReady !== undefined && templateReady(t) !== isReady) || (templateType !== undefined && t.templateType !== templateType.toUpperCase())) continue;
    // One entry per zone the template is in, as the template store reference lists them.
    for (const z of templateZones(model.state, t)) {
      if (zoneid === undefined || z === zoneid) items.push(templateView(model, t, z, ctx.caller.isRootAdmin));
    }
  }
  return items;
}

export function catalogHandlers(model: SimulatorModel): Record<string, Handler> {
  return {
    listServiceOfferings: (ctx) => {
      const p = ctx.params;
      const id = str(p, "id");
      if (id !== undefined && !model.state.serviceOfferings.some((o) => o.uuid === id)) throw uuidNotFound("id", id);
      const zoneid = str(p, "zoneid");
      if (zoneid !== undefined && !zoneExists(model, zoneid)) throw uuidNotFound("zoneid", zoneid);
      const vmId = str(p, "virtualmachineid");
      const vm = vmId === undefined ? undefined : model.instances.resolveIncludingRemoved("virtualmachineid", vmId);
      const name = str(p, "name");
      const keyword = str(p, "keyword");
      const cpunumber = int(p, "cpunumber");
      const memory = int(p, "memory");
      const cpuspeed = int(p, "cpuspeed");
      const items = model.state.serviceOfferings
        // The seeded offerings are user offerings; system VM offerings are not modelled.
        .filter(() => bool(p, "issystem") !== true)
        .filter((o) => (id === undefined || o.uuid === id) && (name === undefined || o.name === name))
        .filter((o) => keywordMatches(keyword, o.name, o.displaytext))
        .filter((o) => (cpunumber === undefined || o.cpuNumber >= cpunumber) && (memory === undefined || o.memory >= memory))
        .filter((o) => cpuspeed === undefined || o.cpuSpeed >= cpuspeed)
        // With a VM: the offerings it could be changed to, its own excluded.
        .filter((o) => vm === undefined || o.uuid !== vm.serviceOfferingUuid)
        .map(serviceOfferingView);
      return { kind: "list", objectName: "serviceoffering", items };
    },
    listTemplates: (ctx) => ({ kind: "list", objectName: "template", items: listedTemplates(model, ctx) }),
    listVnfTemplates: (ctx) => ({ kind: "list", objectName: "template", items: listedTemplates(model, ctx) }),
  };
}
