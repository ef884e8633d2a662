// createNetwork, updateNetwork, deleteNetwork, restartNetwork, listNetworks; the network object.
import type { SimulatorModel } from "../model";
import { reservedIpRange } from "../model/networks";
import type { NetworkRecord } from "../model/records";
import { uuidNotFound } from "../errors";
import type { Caller } from "../caller";
import type { Handler, RawParams } from "../wire/types";
import { objectJob, successJob, type JobTarget } from "./jobs";
import { listScopeOf, rejectUnknownIds, zoneExists } from "./list-helpers";
import { ownerFields } from "./owner-fields";
import { bool, int, keywordMatches, list, map, rawStr, str } from "./params";
import { tagsOf } from "./tags";
import { withoutUndefined } from "./views";

export function networkView(model: SimulatorModel, network: NetworkRecord, caller: Caller): Record<string, unknown> {
  const offering = model.networks.offeringOf(network);
  const zone = model.networks.zoneOf(network);
  const vpc = network.vpcUuid === undefined ? undefined : model.state.vpcs.find((v) => v.uuid === network.vpcUuid);
  const acl = network.aclUuid === undefined ? undefined : model.networkAcls.findList(network.aclUuid);
  const view: Record<string, unknown> = {
    id: network.uuid,
    name: network.name,
    displaytext: network.displaytext,
    broadcastdomaintype: network.isolatedPvlan ? "Pvlan" : network.vlan === "untagged" ? "Native" : "Vlan",
    traffictype: "Guest",
    gateway: network.gateway,
    netmask: model.networks.netmaskOf(network),
    cidr: network.cidr,
    networkcidr: network.networkCidr,
    reservediprange: reservedIpRange(network),
    zoneid: zone.uuid,
    zonename: zone.name,
    networkofferingid: offering.uuid,
    networkofferingname: offering.name,
    networkofferingdisplaytext: offering.displaytext,
    networkofferingconservemode: offering.conserveMode,
    networkofferingavailability: offering.availability,
    issystem: false,
    state: network.state,
    related: network.uuid,
    // NetworkModel.getNetworkIp4Dns: the network's, else its VPC's, else the zone's.
    dns1: network.dns1 ?? vpc?.dns1 ?? zone.dns1,
    dns2: network.dns2 ?? vpc?.dns2 ?? zone.dns2,
    type: network.guestType,
    acltype: network.aclType,
  };
  if (caller.isRootAdmin) {
    const uri = model.networks.broadcastUri(network);
    if (uri !== undefined) {
      view.broadcasturi = uri;
      view.vlan = network.vlan;
    }
  }
  if (network.aclType === "Account") {
    Object.assign(view, ownerFields(model, network.accountUuid));
  } else {
    const domain = model.accounts.domainOrThrow(network.domainUuid);
    Object.assign(view, { domainid: domain.uuid, domain: domain.name, domainpath: domain.path, subdomainaccess: network.subdomainAccess ?? true });
  }
  Object.assign(view, {
    service: model.networks.services(network).map((s) => {
      const svc: Record<string, unknown> = { name: s.name, provider: s.providers.map((name) => ({ name })) };
      if (s.capabilities.length > 0) {
        svc.capability = s.capabilities.map((c) => ({ name: c.name, value: c.value, canchooseservicecapability: false }));
      }
      return svc;
    }),
    networkdomain: network.networkDomain,
    physicalnetworkid: network.physicalNetworkUuid,
    restartrequired: network.restartRequired,
    specifyipranges: offering.specifyIpRanges,
    vpcid: vpc?.uuid,
    vpcname: vpc?.name,
    aclid: acl?.uuid,
    aclname: acl?.name,
    canusefordeploy: network.state !== "Destroy",
    ispersistent: offering.isPersistent,
    tags: tagsOf(model, "Network", network.uuid),
    displaynetwork: network.displayNetwork,
    strechedl2subnet: false,
    redundantrouter: network.redundantRouter,
    egressdefaultpolicy: offering.egressDefaultPolicy,
    hasannotations: false,
    created: network.created,
    internetprotocol: network.cidr !== undefined ? "IPv4" : undefined,
    externalid: network.externalId,
    publicmtu: network.publicMtu,
    privatemtu: network.privateMtu,
  });
  if (caller.isRootAdmin) view.details = {};
  return withoutUndefined(view);
}

function createInput(params: RawParams) {
  return {
    name: str(params, "name") ?? "",
    displaytext: str(params, "displaytext"),
    networkofferingid: str(params, "networkofferingid") ?? "",
    zoneid: str(params, "zoneid") ?? "",
    physicalnetworkid: str(params, "physicalnetworkid"),
    gateway: str(params, "gateway"),
    netmask: str(params, "netmask"),
    startip: str(params, "startip"),
    endip: str(params, "endip"),
    isolatedpvlan: str(params, "isolatedpvlan"),
    isolatedpvlantype: str(params, "isolatedpvlantype"),
    networkdomain: str(params, "networkdomain"),
    acltype: str(params, "acltype"),
    account: str(params, "account"),
    domainid: str(params, "domainid"),
    projectid: str(params, "projectid"),
    subdomainaccess: bool(params, "subdomainaccess"),
    vpcid: str(params, "vpcid"),
    aclid: str(params, "aclid"),
    displaynetwork: bool(params, "displaynetwork"),
    dns1: str(params, "dns1"),
    dns2: str(params, "dns2"),
    vlan: str(params, "vlan"),
    bypassvlanoverlapcheck: bool(params, "bypassvlanoverlapcheck"),
    externalid: str(params, "externalid"),
    publicmtu: int(params, "publicmtu"),
    privatemtu: int(params, "privatemtu"),
    sourcenatipaddress: str(params, "sourcenatipaddress"),
  };
}

function listNetworks(model: SimulatorModel): Handler {
  return (ctx) => {
    const p = ctx.params;
    const id = str(p, "id");
    rejectUnknownIds(p, {
      // A removed network's id still resolves (the row stays), so the answer is the empty list.
      id: (v) => model.networks.known(v),
      zoneid: (v) => zoneExists(model, v),
      physicalnetworkid: (v) => model.state.physicalNetworks.some((pn) => pn.uuid === v),
      networkofferingid: (v) => model.networks.offering(v) !== undefined,
      vpcid: (v) => model.vpcs.known(v),
      associatednetworkid: (v) => model.networks.known(v),
    });
    const scope = listScopeOf(model, ctx, id !== undefined);
    const keyword = str(p, "keyword");
    const name = str(p, "name");
    const zoneid = str(p, "zoneid");
    const type = str(p, "type");
    const acltype = str(p, "acltype");
    const traffictype = str(p, "traffictype");
    const pnet = str(p, "physicalnetworkid");
    const offeringId = str(p, "networkofferingid");
    const restartRequired = bool(p, "restartrequired");
    const specifyIpRanges = bool(p, "specifyipranges");
    const canUseForDeploy = bool(p, "canusefordeploy");
    const forVpc = bool(p, "forvpc");
    const display = bool(p, "displaynetwork");
    const isSystem = bool(p, "issystem");
    const vlan = str(p, "vlan");
    const services = list(p, "supportedservices");
    const tagFilter = map(p, "tags");
    const items = model.networks
      .live()
      .filter((n) => (n.aclType === "Domain" ? scope.domainObjectVisible(n.domainUuid, n.subdomainAccess ?? true) : scope.ownerVisible(n.accountUuid)))
      .filter((n) => id === undefined || n.uuid === id)
      .filter((n) => name === undefined || n.name === name)
      .filter((n) => keywordMatches(keyword, n.name))
      .filter((n) => zoneid === undefined || n.zoneUuid === zoneid)
      .filter((n) => type === undefined || n.guestType.toLowerCase() === type.toLowerCase())
      .filter((n) => acltype === undefined || n.aclType.toLowerCase() === acltype.toLowerCase())
      // Every network the model holds is a Guest network.
      .filter(() => traffictype === undefined || traffictype.toLowerCase() === "guest")
      .filter((n) => pnet === undefined || n.physicalNetworkUuid === pnet)
      .filter((n) => offeringId === undefined || n.offeringUuid === offeringId)
      .filter((n) => restartRequired === undefined || n.restartRequired === restartRequired)
      .filter((n) => specifyIpRanges === undefined || model.networks.offeringOf(n).specifyIpRanges === specifyIpRanges)
      .filter((n) => canUseForDeploy === undefined || canUseForDeploy === (n.state !== "Destroy"))
      .filter((n) => forVpc === undefined || forVpc === (n.vpcUuid !== undefined))
      .filter((n) => str(p, "vpcid") === undefined || n.vpcUuid === str(p, "vpcid"))
      .filter((n) => display === undefined || n.displayNetwork === display)
      .filter(() => isSystem !== true || !ctx.caller.isRootAdmin)
      .filter((n) => vlan === undefined || (ctx.caller.isRootAdmin && n.vlan === vlan.replace(/^vlan:\/\//i, "")))
      .filter((n) => services === undefined || services.every((s) => model.networks.offeringOf(n).services.some((o) => o.name.toLowerCase() === s.toLowerCase())))
      .filter(
        (n) =>
          tagFilter.length === 0 ||
          model.tags.of("Network", n.uuid).some((t) => tagFilter.some((f) => f.key === t.key && (f.value === undefined || f.value === t.value))),
      )
      .map((n) => networkView(model, n, ctx.caller));
    if (bool(p, "retrieveonlyresourcecount")) return { kind: "flat", fields: { count: items.length } };
    return { kind: "list", objectName: "network", items };
  };
}

/**
 * UpdateNetworkCmd, DeleteNetworkCmd, RestartNetworkCmd: id carries @ACL(OperateEntry), which
 * ParamProcessWorker checks while ApiServer dispatches the command, before submitAsyncJob: another
 * account's network answers 531 at once, not a failed job.
 */
function checkAclBeforeJob(model: SimulatorModel, caller: Caller, network: NetworkRecord): void {
  model.accounts.checkAccess(caller, network.accountUuid, network.uuid);
}

/** Jobs on a network queue behind its other jobs. */
const networkJob = (network: NetworkRecord): JobTarget => ({ queueKey: network.uuid, instanceType: "Network", instanceId: network.uuid });

export function networkHandlers(model: SimulatorModel): Record<string, Handler> {
  return {
    createNetwork: (ctx) => {
      const network = model.networks.create(ctx.caller, createInput(ctx.params));
      return { kind: "object", objectName: "network", object: networkView(model, network, ctx.caller) };
    },
    updateNetwork: (ctx) => {
      const network = model.networks.resolveIncludingRemoved("id", str(ctx.params, "id") ?? "");
      checkAclBeforeJob(model, ctx.caller, network);
      const p = ctx.params;
      const input = {
        name: str(p, "name"),
        displaytext: str(p, "displaytext"),
        networkdomain: str(p, "networkdomain"),
        networkofferingid: str(p, "networkofferingid"),
        guestvmcidr: str(p, "guestvmcidr"),
        displaynetwork: bool(p, "displaynetwork"),
        dns1: rawStr(p, "dns1"),
        dns2: rawStr(p, "dns2"),
        changecidr: bool(p, "changecidr"),
        sourcenatipaddress: str(p, "sourcenatipaddress"),
      };
      if (input.networkofferingid !== undefined && model.networks.offering(input.networkofferingid) === undefined) {
        throw uuidNotFound("networkofferingid", input.networkofferingid);
      }
      return objectJob(networkJob(network), "network", () =>
        networkView(model, model.networks.update(ctx.caller, network, input), ctx.caller),
      );
    },
    deleteNetwork: (ctx) => {
      const network = model.networks.resolveIncludingRemoved("id", str(ctx.params, "id") ?? "");
      checkAclBeforeJob(model, ctx.caller, network);
      const forced = bool(ctx.params, "forced");
      return successJob(networkJob(network), () => model.networks.delete(ctx.caller, network, { forced }));
    },
    restartNetwork: (ctx) => {
      const network = model.networks.resolveIncludingRemoved("id", str(ctx.params, "id") ?? "");
      checkAclBeforeJob(model, ctx.caller, network);
      const cleanup = bool(ctx.params, "cleanup") ?? false;
      const makeRedundant = bool(ctx.params, "makeredundant") ?? false;
      return successJob(networkJob(network), () => model.networks.restart(ctx.caller, network, cleanup, makeRedundant));
    },
    listNetworks: listNetworks(model),
  };
}
