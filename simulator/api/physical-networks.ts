// Physical networks, their traffic types and network service providers, and the provider
// elements (virtual router, VPC virtual router, internal LB VM): root admins only.
import type { SimulatorModel } from "../model";
import type { NetworkServiceProviderRecord, PhysicalNetworkRecord, ProviderElementRecord, TrafficTypeRecord } from "../model/records";
import { uuidNotFound } from "../errors";
import type { Handler, RawParams } from "../wire/types";
import { objectJob, successJob } from "./jobs";
import { bool, list, requireRootAdmin, str } from "./params";
import { withoutUndefined } from "./views";

export function physicalNetworkView(model: SimulatorModel, pn: PhysicalNetworkRecord): Record<string, unknown> {
  const zone = model.zones.find(pn.zoneUuid);
  return withoutUndefined({
    id: pn.uuid,
    name: pn.name,
    broadcastdomainrange: pn.broadcastDomainRange,
    zoneid: pn.zoneUuid,
    zonename: zone?.name,
    state: pn.state,
    vlan: pn.vnetRanges.map(([s, e]) => `${s}-${e}`).join(","),
    isolationmethods: pn.isolationMethods,
    tags: pn.tags,
    networkspeed: pn.networkSpeed,
  });
}

function trafficTypeView(t: TrafficTypeRecord): Record<string, unknown> {
  return withoutUndefined({
    id: t.uuid,
    traffictype: t.trafficType,
    physicalnetworkid: t.physicalNetworkUuid,
    xennetworklabel: t.labels.xen,
    kvmnetworklabel: t.labels.kvm,
    vmwarenetworklabel: t.labels.vmware,
    hypervnetworklabel: t.labels.hyperv,
    ovm3networklabel: t.labels.ovm3,
    vlan: t.vlan,
    isolationmethods: t.isolationMethod,
  });
}

function providerView(nsp: NetworkServiceProviderRecord): Record<string, unknown> {
  return withoutUndefined({
    id: nsp.uuid,
    name: nsp.name,
    physicalnetworkid: nsp.physicalNetworkUuid,
    destinationphysicalnetworkid: nsp.destinationPhysicalNetworkUuid,
    state: nsp.state,
    servicelist: nsp.services,
    canenableindividualservice: !["SecurityGroupProvider", "ConfigDrive"].includes(nsp.name),
  });
}

function elementView(e: ProviderElementRecord): Record<string, unknown> {
  return { id: e.uuid, nspid: e.nspUuid, enabled: e.enabled };
}

function resolve<T>(find: (uuid: string) => T | undefined, params: RawParams, name: string): T {
  const uuid = str(params, name) ?? "";
  const found = find(uuid);
  if (found === undefined) throw uuidNotFound(name, uuid);
  return found;
}

const labelsOf = (p: RawParams) => ({
  xen: p.xennetworklabel,
  kvm: p.kvmnetworklabel,
  vmware: p.vmwarenetworklabel,
  hyperv: p.hypervnetworklabel,
  ovm3: p.ovm3networklabel,
});

/** The element kind a provider's element has, for createVirtualRouterElement. */
const ROUTER_ELEMENT: Readonly<Record<string, ProviderElementRecord["type"]>> = { VirtualRouter: "VirtualRouter", VpcVirtualRouter: "VPCVirtualRouter" };

export function physicalNetworkHandlers(model: SimulatorModel): Record<string, Handler> {
  const pnetOf = (p: RawParams, name: string) => resolve((u) => model.physicalNetworks.find(u), p, name);
  const elementHandlers = (kind: "router" | "internalLb", objectName: string): Record<string, Handler> => {
    const suffix = kind === "router" ? "VirtualRouterElement" : "InternalLoadBalancerElement";
    return {
      [`create${suffix}`]: (ctx) => {
        requireRootAdmin(ctx);
        const nsp = resolve((u) => model.providers.find(u), ctx.params, "nspid");
        const type = kind === "router" ? (ROUTER_ELEMENT[nsp.name] ?? "VirtualRouter") : "InternalLbVm";
        const element = model.providers.addElement(nsp, type);
        return objectJob({ queueKey: element.uuid, instanceType: "None", createdId: element.uuid }, objectName, () => elementView(element));
      },
      [`configure${suffix}`]: (ctx) => {
        requireRootAdmin(ctx);
        const element = resolve((u) => model.providers.findElement(u, kind), ctx.params, "id");
        const enabled = bool(ctx.params, "enabled") === true;
        return objectJob({ queueKey: element.uuid, instanceType: "None", instanceId: element.uuid }, objectName, () =>
          elementView(model.providers.configureElement(element, enabled)),
        );
      },
      [`list${suffix}s`]: (ctx) => {
        requireRootAdmin(ctx);
        const p = ctx.params;
        const id = str(p, "id");
        if (id !== undefined && !model.providers.findElement(id, kind)) throw uuidNotFound("id", id);
        const nspid = str(p, "nspid");
        if (nspid !== undefined && !model.providers.find(nspid)) throw uuidNotFound("nspid", nspid);
        const enabled = bool(p, "enabled");
        const items = model.providers
          .listElements(kind)
          .filter((e) => (id === undefined || e.uuid === id) && (nspid === undefined || e.nspUuid === nspid))
          .filter((e) => enabled === undefined || e.enabled === enabled)
          .map(elementView);
        return { kind: "list", objectName, items };
      },
    };
  };

  return {
    createPhysicalNetwork: (ctx) => {
      requireRootAdmin(ctx);
      const p = ctx.params;
      const zone = resolve((u) => model.zones.find(u), p, "zoneid");
      // An async-create command: the checks run and the row is made before the job is queued.
      const pnet = model.physicalNetworks.create(zone, {
        name: str(p, "name") ?? "",
        vlan: str(p, "vlan"),
        networkspeed: str(p, "networkspeed"),
        broadcastdomainrange: str(p, "broadcastdomainrange"),
        tags: list(p, "tags"),
        isolationmethods: list(p, "isolationmethods"),
      });
      return objectJob({ queueKey: pnet.uuid, instanceType: "PhysicalNetwork", createdId: pnet.uuid }, "physicalnetwork", () =>
        physicalNetworkView(model, pnet),
      );
    },
    updatePhysicalNetwork: (ctx) => {
      requireRootAdmin(ctx);
      const p = ctx.params;
      const pnet = pnetOf(p, "id");
      // tags="" clears the tag (a LIST parameter given empty is an empty list).
      const tags = p.tags === "" ? [] : list(p, "tags");
      const input = { vlan: str(p, "vlan"), networkspeed: str(p, "networkspeed"), tags, state: str(p, "state") };
      return objectJob({ queueKey: pnet.uuid, instanceType: "PhysicalNetwork", instanceId: pnet.uuid }, "physicalnetwork", () =>
        physicalNetworkView(model, model.physicalNetworks.update(pnet, input)),
      );
    },
    deletePhysicalNetwork: (ctx) => {
      requireRootAdmin(ctx);
      const pnet = pnetOf(ctx.params, "id");
      return successJob({ queueKey: pnet.uuid, instanceType: "PhysicalNetwork", instanceId: pnet.uuid }, () => model.physicalNetworks.delete(pnet));
    },
    addTrafficType: (ctx) => {
      requireRootAdmin(ctx);
      const p = ctx.params;
      const pnet = pnetOf(p, "physicalnetworkid");
      const record = model.trafficTypes.add(pnet, str(p, "traffictype") ?? "", labelsOf(p), str(p, "vlan"), str(p, "isolationmethod"));
      return objectJob({ queueKey: pnet.uuid, instanceType: "TrafficType", createdId: record.uuid }, "traffictype", () => trafficTypeView(record));
    },
    updateTrafficType: (ctx) => {
      requireRootAdmin(ctx);
      const record = resolve((u) => model.trafficTypes.find(u), ctx.params, "id");
      const labels = labelsOf(ctx.params);
      return objectJob({ queueKey: record.physicalNetworkUuid, instanceType: "TrafficType", instanceId: record.uuid }, "traffictype", () =>
        trafficTypeView(model.trafficTypes.update(record, labels)),
      );
    },
    deleteTrafficType: (ctx) => {
      requireRootAdmin(ctx);
      const record = resolve((u) => model.trafficTypes.find(u), ctx.params, "id");
      return successJob({ queueKey: record.physicalNetworkUuid, instanceType: "TrafficType", instanceId: record.uuid }, () =>
        model.trafficTypes.delete(record),
      );
    },
    listTrafficTypes: (ctx) => {
      requireRootAdmin(ctx);
      const pnet = pnetOf(ctx.params, "physicalnetworkid");
      return { kind: "list", objectName: "traffictype", items: model.trafficTypes.ofPhysicalNetwork(pnet.uuid).map(trafficTypeView) };
    },
    addNetworkServiceProvider: (ctx) => {
      requireRootAdmin(ctx);
      const p = ctx.params;
      const pnet = pnetOf(p, "physicalnetworkid");
      const destination = str(p, "destinationphysicalnetworkid") === undefined ? undefined : pnetOf(p, "destinationphysicalnetworkid");
      const nsp = model.providers.add(pnet, str(p, "name") ?? "", list(p, "servicelist"), destination);
      return objectJob({ queueKey: nsp.uuid, instanceType: "PhysicalNetworkServiceProvider", createdId: nsp.uuid }, "networkserviceprovider", () =>
        providerView(nsp),
      );
    },
    updateNetworkServiceProvider: (ctx) => {
      requireRootAdmin(ctx);
      const p = ctx.params;
      const nsp = resolve((u) => model.providers.find(u), p, "id");
      const state = str(p, "state");
      const services = list(p, "servicelist");
      return objectJob({ queueKey: nsp.uuid, instanceType: "PhysicalNetworkServiceProvider", instanceId: nsp.uuid }, "networkserviceprovider", () =>
        providerView(model.providers.update(nsp, state, services)),
      );
    },
    deleteNetworkServiceProvider: (ctx) => {
      requireRootAdmin(ctx);
      const nsp = resolve((u) => model.providers.find(u), ctx.params, "id");
      return successJob({ queueKey: nsp.uuid, instanceType: "PhysicalNetworkServiceProvider", instanceId: nsp.uuid }, () => model.providers.delete(nsp));
    },
    listNetworkServiceProviders: (ctx) => {
      requireRootAdmin(ctx);
      const p = ctx.params;
      const pnetUuid = str(p, "physicalnetworkid");
      if (pnetUuid !== undefined) pnetOf(p, "physicalnetworkid");
      const name = str(p, "name");
      const state = str(p, "state");
      const items = model.state.networkServiceProviders
        .filter((n) => (pnetUuid === undefined || n.physicalNetworkUuid === pnetUuid) && (name === undefined || n.name === name))
        .filter((n) => state === undefined || n.state === state)
        .map(providerView);
      return { kind: "list", objectName: "networkserviceprovider", items };
    },
    ...elementHandlers("router", "virtualrouterelement"),
    ...elementHandlers("internalLb", "internalloadbalancerelement"),
  };
}
