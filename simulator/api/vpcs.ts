// createVPC, updateVPC, deleteVPC, restartVPC, listVPCs, listVPCOfferings; the VPC and VPC offering objects.
import type { SimulatorModel } from "../model";
import type { VpcOfferingRecord, VpcRecord } from "../model/records";
import { paramError, uuidNotFound } from "../errors";
import type { Caller } from "../caller";
import type { Handler } from "../wire/types";
import { objectJob, successJob, type JobTarget } from "./jobs";
import { listScopeOf, rejectUnknownIds, zoneExists } from "./list-helpers";
import { networkView } from "./networks";
import { ownerFields } from "./owner-fields";
import { bool, int, keywordMatches, list, map, str } from "./params";
import { withoutUndefined } from "./views";
import { inScope, scopeFields } from "./offerings";

/** Network.Service names (Service.getService matches them case-insensitively). */
const SERVICE_NAMES = [
  "Vpn", "Dhcp", "Dns", "Gateway", "Firewall", "Lb", "UserData", "SourceNat", "StaticNat", "PortForwarding",
  "SecurityGroup", "NetworkACL", "Connectivity",
];

/** supportedservices: every name must be a known service ("Invalid service specified X"). */
/** UpdateVPCCmd, DeleteVPCCmd, RestartVPCCmd: id carries @ACL, checked before the job (531 at once). */
function checkAclBeforeJob(model: SimulatorModel, caller: Caller, vpc: VpcRecord): void {
  model.accounts.checkAccess(caller, vpc.accountUuid, vpc.uuid);
}

export function supportedServicesFilter(names: string[] | undefined): ((services: ReadonlyArray<{ name: string }>) => boolean) | undefined {
  if (names === undefined) return undefined;
  for (const n of names) if (!SERVICE_NAMES.some((s) => s.toLowerCase() === n.toLowerCase())) throw paramError(`Invalid service specified ${n}`);
  return (services) => names.every((n) => services.some((s) => s.name.toLowerCase() === n.toLowerCase()));
}

/** Services as VPC and VPC offering answers give them: Gateway left out (ApiResponseHelper.createVpcOfferingResponse, createVpcResponse). */
const serviceList = (services: VpcOfferingRecord["services"]): Array<Record<string, unknown>> =>
  services.filter((s) => s.name !== "Gateway").map((s) => ({ name: s.name, provider: s.providers.map((name) => ({ name })) }));

export function vpcView(model: SimulatorModel, vpc: VpcRecord, caller: Caller): Record<string, unknown> {
  const zone = model.vpcs.zoneOf(vpc);
  const offering = model.vpcs.offeringOf(vpc);
  const view: Record<string, unknown> = {
    id: vpc.uuid,
    name: vpc.name,
    displaytext: vpc.displaytext,
    state: vpc.state,
    zoneid: zone.uuid,
    zonename: zone.name,
    // ApiResponseHelper.createVpcResponse leaves the Gateway service out.
    service: serviceList(offering.services.filter((s) => s.name !== "Gateway")),
    cidr: vpc.cidr,
    vpcofferingid: offering.uuid,
    vpcofferingname: offering.name,
    created: vpc.created,
    ...ownerFields(model, vpc.accountUuid),
    network: model.vpcs.tiers(vpc.uuid).map((n) => networkView(model, n, caller)),
    restartrequired: vpc.restartRequired,
    networkdomain: vpc.networkDomain,
    tags: [],
    fordisplay: vpc.display,
    distributedvpcrouter: false,
    regionlevelvpc: false,
    redundantvpcrouter: vpc.redundant,
    hasannotations: false,
    publicmtu: vpc.publicMtu,
    dns1: vpc.dns1,
    dns2: vpc.dns2,
  };
  return withoutUndefined(view);
}

export function vpcOfferingView(model: SimulatorModel, offering: VpcOfferingRecord): Record<string, unknown> {
  return withoutUndefined({
    id: offering.uuid,
    name: offering.name,
    displaytext: offering.displaytext,
    isdefault: offering.isDefault,
    state: offering.state,
    service: serviceList(offering.services),
    distributedvpcrouter: offering.distributedRouter ?? false,
    supportsregionLevelvpc: offering.regionLevelVpc ?? false,
    fornsx: false,
    networkmode: "NATTED",
    internetprotocol: "IPv4",
    specifyasnumber: false,
    created: offering.created,
    ...scopeFields(model, offering),
  });
}

function listVpcs(model: SimulatorModel): Handler {
  return (ctx) => {
    const p = ctx.params;
    // A deleted VPC's row stays, so its id resolves and the answer is the empty list.
    rejectUnknownIds(p, {
      id: (v) => model.vpcs.known(v),
      zoneid: (v) => zoneExists(model, v),
      vpcofferingid: (v) => model.vpcs.offering(v) !== undefined,
    });
    const id = str(p, "id");
    const zoneid = str(p, "zoneid");
    const offeringId = str(p, "vpcofferingid");
    const scope = listScopeOf(model, ctx, id !== undefined);
    const name = str(p, "name");
    const displaytext = str(p, "displaytext");
    const keyword = str(p, "keyword");
    const cidr = str(p, "cidr");
    const state = str(p, "state");
    const restartRequired = bool(p, "restartrequired");
    const display = bool(p, "fordisplay");
    const services = supportedServicesFilter(list(p, "supportedservices"));
    // VPCs carry no tags in this model: a tag filter matches none.
    const tagFilter = map(p, "tags");
    const items = model.vpcs
      .live()
      .filter((v) => scope.ownerVisible(v.accountUuid))
      .filter((v) => id === undefined || v.uuid === id)
      .filter((v) => name === undefined || v.name.toLowerCase().includes(name.toLowerCase()))
      .filter((v) => displaytext === undefined || v.displaytext.toLowerCase().includes(displaytext.toLowerCase()))
      .filter((v) => keywordMatches(keyword, v.name, v.displaytext))
      .filter((v) => zoneid === undefined || v.zoneUuid === zoneid)
      .filter((v) => offeringId === undefined || v.offeringUuid === offeringId)
      .filter((v) => cidr === undefined || v.cidr === cidr)
      .filter((v) => state === undefined || v.state.toLowerCase() === state.toLowerCase())
      .filter((v) => restartRequired === undefined || v.restartRequired === restartRequired)
      .filter((v) => display === undefined || v.display === display)
      .filter((v) => services === undefined || services(model.vpcs.offeringOf(v).services))
      .filter(() => tagFilter.length === 0)
      .map((v) => vpcView(model, v, ctx.caller));
    return { kind: "list", objectName: "vpc", items };
  };
}

function listVpcOfferings(model: SimulatorModel): Handler {
  return (ctx) => {
    const p = ctx.params;
    rejectUnknownIds(p, {
      id: (v) => model.state.vpcOfferings.some((o) => o.uuid === v),
      zoneid: (v) => zoneExists(model, v),
      domainid: (v) => model.accounts.domain(v) !== undefined,
    });
    const zoneid = str(p, "zoneid");
    const domainid = str(p, "domainid");
    const id = str(p, "id");
    const name = str(p, "name");
    const displaytext = str(p, "displaytext");
    const keyword = str(p, "keyword");
    const isDefault = bool(p, "isdefault");
    const state = str(p, "state");
    const services = supportedServicesFilter(list(p, "supportedservices"));
    const items = model.state.vpcOfferings
      .filter((o) => !o.removed && inScope(o, zoneid, domainid))
      .filter((o) => id === undefined || o.uuid === id)
      .filter((o) => name === undefined || o.name === name)
      .filter((o) => displaytext === undefined || o.displaytext === displaytext)
      .filter((o) => keywordMatches(keyword, o.name, o.displaytext))
      .filter((o) => isDefault === undefined || o.isDefault === isDefault)
      .filter((o) => state === undefined || o.state.toLowerCase() === state.toLowerCase())
      .filter((o) => services === undefined || services(o.services))
      .map((o) => vpcOfferingView(model, o));
    return { kind: "list", objectName: "vpcoffering", items };
  };
}

/** Jobs on a VPC queue behind its other jobs. */
const vpcJob = (vpc: VpcRecord): JobTarget => ({ queueKey: vpc.uuid, instanceType: "Vpc", instanceId: vpc.uuid });

export function vpcHandlers(model: SimulatorModel): Record<string, Handler> {
  return {
    createVPC: (ctx) => {
      const p = ctx.params;
      const domainid = str(p, "domainid");
      if (domainid !== undefined && !model.accounts.domain(domainid)) throw uuidNotFound("domainid", domainid);
      const vpc = model.vpcs.create(ctx.caller, {
        name: str(p, "name") ?? "",
        displaytext: str(p, "displaytext"),
        zoneid: str(p, "zoneid") ?? "",
        vpcofferingid: str(p, "vpcofferingid") ?? "",
        cidr: str(p, "cidr"),
        cidrsize: int(p, "cidrsize"),
        networkdomain: str(p, "networkdomain"),
        fordisplay: bool(p, "fordisplay"),
        publicmtu: int(p, "publicmtu"),
        dns1: str(p, "dns1"),
        dns2: str(p, "dns2"),
        ip6dns1: str(p, "ip6dns1"),
        ip6dns2: str(p, "ip6dns2"),
        sourcenatipaddress: str(p, "sourcenatipaddress"),
        account: str(p, "account"),
        domainid,
        projectid: str(p, "projectid"),
      });
      const start = bool(p, "start") ?? true;
      return objectJob({ queueKey: vpc.uuid, instanceType: "Vpc", createdId: vpc.uuid }, "vpc", () => {
        if (start) model.vpcs.start(vpc);
        return vpcView(model, vpc, ctx.caller);
      });
    },
    updateVPC: (ctx) => {
      const p = ctx.params;
      const vpc = model.vpcs.resolveIncludingRemoved("id", str(p, "id") ?? "");
      checkAclBeforeJob(model, ctx.caller, vpc);
      const input = {
        name: str(p, "name"),
        displaytext: str(p, "displaytext"),
        fordisplay: bool(p, "fordisplay"),
        publicmtu: int(p, "publicmtu"),
        sourcenatipaddress: str(p, "sourcenatipaddress"),
      };
      return objectJob(vpcJob(vpc), "vpc", () => vpcView(model, model.vpcs.update(ctx.caller, vpc, input), ctx.caller));
    },
    deleteVPC: (ctx) => {
      const vpc = model.vpcs.resolveIncludingRemoved("id", str(ctx.params, "id") ?? "");
      checkAclBeforeJob(model, ctx.caller, vpc);
      return successJob(vpcJob(vpc), () => model.vpcs.delete(ctx.caller, vpc));
    },
    restartVPC: (ctx) => {
      const vpc = model.vpcs.resolveIncludingRemoved("id", str(ctx.params, "id") ?? "");
      checkAclBeforeJob(model, ctx.caller, vpc);
      const makeRedundant = bool(ctx.params, "makeredundant") ?? false;
      return successJob(vpcJob(vpc), () => model.vpcs.restart(ctx.caller, vpc, makeRedundant));
    },
    listVPCs: listVpcs(model),
    listVPCOfferings: listVpcOfferings(model),
  };
}
