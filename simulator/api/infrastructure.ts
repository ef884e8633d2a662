// listRegions, listZones, listPhysicalNetworks, listNetworkOfferings.
import type { SimulatorModel } from "../model";
import { offeringCapabilities } from "../model/offerings";
import type { NetworkOfferingRecord, ZoneRecord } from "../model/records";
import { uuidNotFound } from "../errors";
import type { Handler } from "../wire/types";
import { zoneExists } from "./list-helpers";
import { bool, int, keywordMatches, list, requireRootAdmin, str } from "./params";
import { withoutUndefined } from "./views";
import { physicalNetworkView } from "./physical-networks";
import { inScope, scopeFields } from "./offerings";

export function zoneView(zone: ZoneRecord, isRootAdmin: boolean): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: zone.uuid,
    name: zone.name,
    dns1: zone.dns1,
    dns2: zone.dns2,
    internaldns1: zone.internalDns1,
    internaldns2: zone.internalDns2,
    guestcidraddress: zone.guestCidr,
    networktype: zone.networkType,
    securitygroupsenabled: zone.securityGroupsEnabled,
    allocationstate: zone.allocationState,
    dhcpprovider: "VirtualRouter",
    localstorageenabled: zone.localStorageEnabled,
    domain: zone.domainSuffix,
    tags: [],
    hasannotations: false,
    allowuserspecifyvrmtu: false,
    routerprivateinterfacemaxmtu: 1500,
    routerpublicinterfacemaxmtu: 1500,
    type: "Core",
    isnsxenabled: false,
    ismultiarch: false,
    routedmodeenabled: false,
  };
  if (isRootAdmin) view.resourcedetails = {};
  return withoutUndefined(view);
}

export function offeringView(model: SimulatorModel, offering: NetworkOfferingRecord): Record<string, unknown> {
  return withoutUndefined({
    id: offering.uuid,
    name: offering.name,
    displaytext: offering.displaytext,
    tags: offering.tags,
    traffictype: offering.trafficType,
    isdefault: offering.isDefault,
    specifyvlan: offering.specifyVlan,
    conservemode: offering.conserveMode,
    specifyipranges: offering.specifyIpRanges,
    availability: offering.availability,
    networkrate: offering.networkRate,
    state: offering.state,
    guestiptype: offering.guestIpType,
    // The response leaves Gateway out (ApiResponseHelper.createNetworkOfferingResponse).
    service: offering.services.filter((s) => s.name !== "Gateway").map((s) => {
      const svc: Record<string, unknown> = { name: s.name, provider: s.providers.map((name) => ({ name })) };
      const caps = offeringCapabilities(offering, s.name);
      if (caps.length > 0) svc.capability = caps.map((c) => ({ name: c.name, value: c.value, canchooseservicecapability: false }));
      return svc;
    }),
    forvpc: offering.forVpc,
    fornsx: false,
    ispersistent: offering.isPersistent,
    egressdefaultpolicy: offering.egressDefaultPolicy,
    supportsstrechedl2subnet: offering.supportsStrechedL2Subnet,
    supportspublicaccess: offering.supportsPublicAccess,
    supportsinternallb: offering.supportsInternalLb,
    networkmode: "NATTED",
    internetprotocol: "IPv4",
    specifyasnumber: false,
    hasannotations: false,
    created: offering.created,
    details: {},
    ...scopeFields(model, offering),
  });
}

export function infrastructureHandlers(model: SimulatorModel): Record<string, Handler> {
  return {
    listRegions: (ctx) => {
      const id = int(ctx.params, "id");
      const name = str(ctx.params, "name");
      const keyword = str(ctx.params, "keyword");
      const items = model.state.regions
        .filter((r) => (id === undefined || r.id === id) && (name === undefined || r.name === name) && keywordMatches(keyword, r.name))
        .map((r) => ({
          id: r.id,
          name: r.name,
          endpoint: r.endpoint,
          gslbserviceenabled: r.gslbServiceEnabled,
          portableipserviceenabled: r.portableIpServiceEnabled,
        }));
      return { kind: "list", objectName: "region", items };
    },
    listZones: (ctx) => {
      const p = ctx.params;
      const id = str(p, "id");
      if (id !== undefined && !zoneExists(model, id)) throw uuidNotFound("id", id);
      const ids = list(p, "ids");
      for (const i of ids ?? []) if (!zoneExists(model, i)) throw uuidNotFound("ids", i);
      const domainid = str(p, "domainid");
      if (domainid !== undefined && !model.accounts.domain(domainid)) throw uuidNotFound("domainid", domainid);
      const name = str(p, "name");
      const networktype = str(p, "networktype");
      const keyword = str(p, "keyword");
      const available = bool(p, "available");
      const items = model.state.zones
        .filter((z) => id === undefined || z.uuid === id)
        .filter((z) => ids === undefined || ids.includes(z.uuid))
        .filter((z) => name === undefined || z.name === name)
        .filter((z) => networktype === undefined || z.networkType.toLowerCase() === networktype.toLowerCase())
        .filter((z) => keywordMatches(keyword, z.name))
        // Non-admins (and available=true) see enabled zones only.
        .filter((z) => (ctx.caller.isRootAdmin && available !== true) || z.allocationState === "Enabled")
        .map((z) => zoneView(z, ctx.caller.isRootAdmin));
      return { kind: "list", objectName: "zone", items };
    },
    listPhysicalNetworks: (ctx) => {
      requireRootAdmin(ctx);
      const p = ctx.params;
      const id = str(p, "id");
      if (id !== undefined && !model.state.physicalNetworks.some((pn) => pn.uuid === id)) throw uuidNotFound("id", id);
      const zoneid = str(p, "zoneid");
      if (zoneid !== undefined && !zoneExists(model, zoneid)) throw uuidNotFound("zoneid", zoneid);
      const name = str(p, "name");
      const keyword = str(p, "keyword");
      const items = model.state.physicalNetworks
        .filter((pn) => (id === undefined || pn.uuid === id) && (zoneid === undefined || pn.zoneUuid === zoneid))
        .filter((pn) => (name === undefined || pn.name === name) && keywordMatches(keyword, pn.name))
        .map((pn) => physicalNetworkView(model, pn));
      return { kind: "list", objectName: "physicalnetwork", items };
    },
    listNetworkOfferings: (ctx) => {
      const p = ctx.params;
      const id = str(p, "id");
      // A deleted offering's id still resolves; the list leaves it out.
      if (id !== undefined && !model.networkOfferings.known(id)) throw uuidNotFound("id", id);
      const zoneid = str(p, "zoneid");
      if (zoneid !== undefined && !zoneExists(model, zoneid)) throw uuidNotFound("zoneid", zoneid);
      const domainid = str(p, "domainid");
      if (domainid !== undefined && !model.accounts.domain(domainid)) throw uuidNotFound("domainid", domainid);
      const networkid = str(p, "networkid");
      const network = networkid === undefined ? undefined : model.networks.resolveIncludingRemoved("networkid", networkid);
      const filters: Array<(o: NetworkOfferingRecord) => boolean> = [(o) => !o.removed, (o) => inScope(o, zoneid, domainid)];
      const eq = <T>(value: T | undefined, get: (o: NetworkOfferingRecord) => T): void => {
        if (value !== undefined) filters.push((o) => get(o) === value);
      };
      eq(id, (o) => o.uuid);
      eq(str(p, "name"), (o) => o.name);
      eq(str(p, "displaytext"), (o) => o.displaytext);
      eq(str(p, "traffictype")?.toLowerCase(), (o) => o.trafficType.toLowerCase());
      eq(bool(p, "isdefault"), (o) => o.isDefault);
      eq(bool(p, "specifyvlan"), (o) => o.specifyVlan);
      eq(str(p, "availability")?.toLowerCase(), (o) => o.availability.toLowerCase());
      eq(str(p, "state")?.toLowerCase(), (o) => o.state.toLowerCase());
      eq(str(p, "guestiptype")?.toLowerCase(), (o) => o.guestIpType.toLowerCase());
      eq(bool(p, "specifyipranges"), (o) => o.specifyIpRanges);
      eq(bool(p, "forvpc"), (o) => o.forVpc);
      eq(bool(p, "ispersistent"), (o) => o.isPersistent);
      eq(str(p, "tags"), (o) => o.tags);
      eq(bool(p, "sourcenatsupported"), (o) => o.services.some((s) => s.name === "SourceNat"));
      const services = list(p, "supportedservices");
      if (services) filters.push((o) => services.every((s) => o.services.some((os) => os.name.toLowerCase() === s.toLowerCase())));
      const keyword = str(p, "keyword");
      if (keyword !== undefined) filters.push((o) => keywordMatches(keyword, o.name, o.displaytext));
      // With networkid: the offerings the network may be upgraded to (same guest type and VPC-ness).
      if (network) {
        const current = model.networks.offeringOf(network);
        filters.push((o) => o.guestIpType === current.guestIpType && o.forVpc === current.forVpc && o.specifyVlan === current.specifyVlan);
      }
      const items = model.state.networkOfferings.filter((o) => filters.every((f) => f(o))).map((o) => offeringView(model, o));
      return { kind: "list", objectName: "networkoffering", items };
    },
  };
}
