// VNF templates (4.19+): registerVnfTemplate and updateVnfTemplate answer at once,
// deleteVnfTemplate is a job. listVnfTemplates is listTemplates (api/catalog.ts).
import type { SimulatorModel } from "../model";
import type { TemplateRecord } from "../model/records";
import { vnfNicsOf } from "../model/vnf-templates";
import { paramError, uuidNotFound } from "../errors";
import type { Handler, HandlerContext, RawParams } from "../wire/types";
import { templateView } from "./catalog";
import { successJob } from "./jobs";
import { bool, list, map, str } from "./params";

/** CommandType.MAP details (convertDetailsToMap): every key of every entry. */
const detailsOf = (p: RawParams, name: string): Record<string, string> => Object.assign({}, ...map(p, name));

/** A guest OS type the simulator knows: those of its templates. */
function osType(model: SimulatorModel, uuid: string): { uuid: string; name: string } {
  const t = model.state.templates.find((x) => x.osTypeUuid === uuid);
  if (!t) throw uuidNotFound("ostypeid", uuid);
  return { uuid, name: t.osTypeName };
}

function templateOf(model: SimulatorModel, ctx: HandlerContext): TemplateRecord {
  const id = str(ctx.params, "id") ?? "";
  const t = model.state.templates.find((x) => x.uuid === id);
  if (!t) throw uuidNotFound("id", id);
  model.accounts.checkAccess(ctx.caller, t.accountUuid, t.uuid);
  return t;
}

export function vnfTemplateHandlers(model: SimulatorModel): Record<string, Handler> {
  return {
    registerVnfTemplate: (ctx) => {
      const p = ctx.params;
      // RegisterTemplateCmd.validateParameters, then VnfTemplateUtils.validateApiCommandParams.
      const zoneIds = list(p, "zoneids");
      const zoneid = str(p, "zoneid");
      if (zoneid !== undefined && zoneIds !== undefined && zoneIds.length > 0) throw paramError("Both zoneid and zoneids cannot be specified at the same time");
      if (zoneid === undefined && (zoneIds === undefined || zoneIds.length === 0)) throw paramError("Either zoneid or zoneids is required. Both cannot be null.");
      const zones = zoneid !== undefined ? [zoneid] : (zoneIds ?? []);
      if (zones.length > 1) throw paramError("The simulator registers a template in one zone only: give one zone id");
      const zone = model.zones.find(zones[0]);
      if (!zone) throw uuidNotFound(zoneid !== undefined ? "zoneid" : "zoneids", zones[0]);
      const ostypeid = str(p, "ostypeid");
      if (ostypeid === undefined && bool(p, "deployasis") !== true) throw paramError("Please provide a guest OS type");
      const os = osType(model, ostypeid ?? "");
      const owner = model.accounts.resolveOwner(ctx.caller, { account: str(p, "account"), domainid: str(p, "domainid"), projectid: str(p, "projectid") });
      const template = model.vnfTemplates.register(owner, {
        name: str(p, "name") ?? "",
        displaytext: str(p, "displaytext"),
        url: str(p, "url") ?? "",
        format: str(p, "format") ?? "",
        hypervisor: str(p, "hypervisor") ?? "",
        osTypeUuid: os.uuid,
        osTypeName: os.name,
        zoneUuid: zone.uuid,
        isPublic: bool(p, "ispublic"),
        passwordEnabled: bool(p, "passwordenabled"),
        templateType: str(p, "templatetype"),
        nics: vnfNicsOf(map(p, "vnfnics")),
        details: detailsOf(p, "vnfdetails"),
      });
      // RegisterTemplateCmd answers a list: the template once per zone.
      return { kind: "list", objectName: "template", items: [templateView(model, template, zone.uuid, ctx.caller.isRootAdmin)] };
    },
    updateVnfTemplate: (ctx) => {
      const p = ctx.params;
      const template = templateOf(model, ctx);
      const ostypeid = str(p, "ostypeid");
      const os = ostypeid === undefined ? undefined : osType(model, ostypeid);
      const updated = model.vnfTemplates.update(
        template,
        { name: str(p, "name"), displaytext: str(p, "displaytext"), osTypeUuid: os?.uuid, osTypeName: os?.name, passwordEnabled: bool(p, "passwordenabled"), templateType: str(p, "templatetype") },
        vnfNicsOf(map(p, "vnfnics")),
        detailsOf(p, "vnfdetails"),
        { nics: bool(p, "cleanupvnfnics") === true, details: bool(p, "cleanupvnfdetails") === true },
      );
      const zone = updated.zoneUuid ?? model.state.zones[0].uuid;
      return { kind: "object", objectName: "template", object: templateView(model, updated, zone, ctx.caller.isRootAdmin) };
    },
    deleteVnfTemplate: (ctx) => {
      const template = templateOf(model, ctx);
      return successJob({ queueKey: template.uuid, instanceType: "Template", instanceId: template.uuid }, () => model.vnfTemplates.delete(template));
    },
  };
}
