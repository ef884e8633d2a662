// createNetworkOffering, updateNetworkOffering, deleteNetworkOffering (sync) and createVPCOffering,
// updateVPCOffering, deleteVPCOffering (async; createVPCOffering checks before its job): root
// admins only. The domain and zone scope both kinds of offering share is read here.
import type { SimulatorModel } from "../model";
import type { NetworkOfferingRecord, VpcOfferingRecord } from "../model/records";
import { paramError, uuidNotFound } from "../errors";
import type { Handler, RawParams } from "../wire/types";
import { objectJob, successJob } from "./jobs";
import { zoneExists } from "./list-helpers";
import { bool, int, list, map, rawStr, requireRootAdmin, str } from "./params";
import { offeringView } from "./infrastructure";
import { vpcOfferingView } from "./vpcs";

type Scoped = Pick<NetworkOfferingRecord | VpcOfferingRecord, "domainUuids" | "zoneUuids">;

/** The domainid and zoneid fields of an offering's answer: comma-separated, absent when public. */
export function scopeFields(model: SimulatorModel, offering: Scoped): Record<string, string | undefined> {
  const domains = (offering.domainUuids ?? []).map((u) => model.accounts.domain(u));
  const zones = (offering.zoneUuids ?? []).map((u) => model.zones.find(u));
  const joined = (values: Array<string | undefined>) => (values.length === 0 ? undefined : values.join(","));
  return {
    domainid: joined(offering.domainUuids ?? []),
    domain: joined(domains.map((d) => d?.name)),
    zoneid: joined(offering.zoneUuids ?? []),
    zone: joined(zones.map((z) => z?.name)),
  };
}

/** Whether an offering is available in a zone and a domain (the listing filters): no limit, or among them. */
export function inScope(offering: Scoped, zoneUuid: string | undefined, domainUuid: string | undefined): boolean {
  const zones = offering.zoneUuids ?? [];
  const domains = offering.domainUuids ?? [];
  return (zoneUuid === undefined || zones.length === 0 || zones.includes(zoneUuid)) && (domainUuid === undefined || domains.length === 0 || domains.includes(domainUuid));
}

/** Create's domainid and zoneid: lists of ids, each of which must resolve. */
function createScope(model: SimulatorModel, p: RawParams): { domainUuids: string[]; zoneUuids: string[] } {
  const domainUuids = list(p, "domainid") ?? [];
  for (const d of domainUuids) if (!model.accounts.domain(d)) throw uuidNotFound("domainid", d);
  const zoneUuids = list(p, "zoneid") ?? [];
  for (const z of zoneUuids) if (!zoneExists(model, z)) throw uuidNotFound("zoneid", z);
  return { domainUuids, zoneUuids };
}

/**
 * Update's domainid and zoneid (UpdateNetworkOfferingCmd.getDomainIds/getZoneIds): omitted keeps the
 * offering's, "public" or "all" clears, otherwise comma-separated ids that must exist.
 */
function updateScope(model: SimulatorModel, p: RawParams): { domainUuids?: string[]; zoneUuids?: string[] } {
  const read = (name: string, everyone: string, exists: (uuid: string) => boolean, what: string): string[] | undefined => {
    const value = str(p, name);
    if (value === undefined || value === "") return undefined;
    if (value.trim() === everyone) return [];
    const uuids = value.split(",").map((v) => v.trim());
    for (const u of uuids) if (!exists(u)) throw paramError(`Failed to create network offering because invalid ${what} has been specified.`);
    return uuids;
  };
  return {
    domainUuids: read("domainid", "public", (u) => model.accounts.domain(u) !== undefined, "domain"),
    zoneUuids: read("zoneid", "all", (u) => zoneExists(model, u), "zone"),
  };
}

export function offeringHandlers(model: SimulatorModel): Record<string, Handler> {
  const networkOfferingOf = (p: RawParams): NetworkOfferingRecord => {
    const uuid = str(p, "id") ?? "";
    const offering = model.state.networkOfferings.find((o) => o.uuid === uuid);
    if (!offering) throw uuidNotFound("id", uuid);
    return offering;
  };
  const vpcOfferingOf = (p: RawParams): VpcOfferingRecord => {
    const uuid = str(p, "id") ?? "";
    const offering = model.state.vpcOfferings.find((o) => o.uuid === uuid);
    if (!offering) throw uuidNotFound("id", uuid);
    return offering;
  };
  const networkOfferingObject = (o: NetworkOfferingRecord) => ({ kind: "object" as const, objectName: "networkoffering", object: offeringView(model, o) });

  return {
    createNetworkOffering: (ctx) => {
      requireRootAdmin(ctx);
      const p = ctx.params;
      const offering = model.networkOfferings.create({
        name: str(p, "name") ?? "",
        displaytext: str(p, "displaytext"),
        traffictype: str(p, "traffictype") ?? "",
        guestiptype: str(p, "guestiptype") ?? "",
        supportedservices: list(p, "supportedservices") ?? [],
        serviceproviderlist: map(p, "serviceproviderlist"),
        servicecapabilitylist: map(p, "servicecapabilitylist"),
        specifyvlan: bool(p, "specifyvlan"),
        specifyipranges: bool(p, "specifyipranges"),
        conservemode: bool(p, "conservemode"),
        ispersistent: bool(p, "ispersistent"),
        egressdefaultpolicy: bool(p, "egressdefaultpolicy"),
        forvpc: bool(p, "forvpc"),
        availability: str(p, "availability"),
        networkrate: int(p, "networkrate"),
        maxconnections: int(p, "maxconnections"),
        tags: str(p, "tags"),
        enable: bool(p, "enable"),
        ...createScope(model, p),
      });
      return networkOfferingObject(offering);
    },
    updateNetworkOffering: (ctx) => {
      requireRootAdmin(ctx);
      const p = ctx.params;
      const offering = networkOfferingOf(p);
      const updated = model.networkOfferings.update(offering, {
        name: str(p, "name"),
        displaytext: str(p, "displaytext"),
        sortkey: int(p, "sortkey"),
        state: str(p, "state"),
        availability: str(p, "availability"),
        // A blank tags value clears the tag (StringUtils.isBlank in updateNetworkOffering).
        tags: rawStr(p, "tags"),
        ...updateScope(model, p),
      });
      return networkOfferingObject(updated);
    },
    deleteNetworkOffering: (ctx) => {
      requireRootAdmin(ctx);
      model.networkOfferings.delete(networkOfferingOf(ctx.params));
      return { kind: "success" };
    },
    createVPCOffering: (ctx) => {
      requireRootAdmin(ctx);
      const p = ctx.params;
      // An async-create command: the checks run and the row is made before the job is queued.
      const offering = model.vpcOfferings.create({
        name: str(p, "name") ?? "",
        displaytext: str(p, "displaytext"),
        supportedservices: list(p, "supportedservices"),
        serviceproviderlist: map(p, "serviceproviderlist"),
        servicecapabilitylist: map(p, "servicecapabilitylist"),
        enable: bool(p, "enable"),
        ...createScope(model, p),
      });
      return objectJob({ queueKey: offering.uuid, instanceType: "None", createdId: offering.uuid }, "vpcoffering", () => vpcOfferingView(model, offering));
    },
    updateVPCOffering: (ctx) => {
      requireRootAdmin(ctx);
      const p = ctx.params;
      const offering = vpcOfferingOf(p);
      const input = { name: str(p, "name"), displaytext: str(p, "displaytext"), state: str(p, "state"), sortkey: int(p, "sortkey"), ...updateScope(model, p) };
      return objectJob({ queueKey: offering.uuid, instanceType: "None", instanceId: offering.uuid }, "vpcoffering", () =>
        vpcOfferingView(model, model.vpcOfferings.update(offering, input)),
      );
    },
    deleteVPCOffering: (ctx) => {
      requireRootAdmin(ctx);
      const offering = vpcOfferingOf(ctx.params);
      return successJob({ queueKey: offering.uuid, instanceType: "None", instanceId: offering.uuid }, () => model.vpcOfferings.delete(offering));
    },
  };
}
