// createNetworkACLList, updateNetworkACLList, deleteNetworkACLList, listNetworkACLLists,
// createNetworkACL, updateNetworkACLItem, deleteNetworkACL, listNetworkACLs, replaceNetworkACLList;
// the ACL list and ACL rule objects.
import type { SimulatorModel } from "../model";
import type { NetworkAclItemRecord, NetworkAclListRecord } from "../model/state";
import { ApiError, paramError, type Handler, type RawParams } from "../wire/types";
import { bool, int, list, str } from "./params";
import { listScopeOf } from "./vpcs";

export function aclListView(model: SimulatorModel, acl: NetworkAclListRecord): Record<string, unknown> {
  const vpc = model.networkAcls.vpcOf(acl);
  const view: Record<string, unknown> = {
    id: acl.uuid,
    name: acl.name,
    description: acl.description,
    vpcid: vpc?.uuid,
    vpcname: vpc?.name,
    fordisplay: acl.display,
  };
  for (const k of Object.keys(view)) if (view[k] === undefined) delete view[k];
  return view;
}

export function aclItemView(model: SimulatorModel, item: NetworkAclItemRecord): Record<string, unknown> {
  const acl = model.networkAcls.listOf(item);
  const view: Record<string, unknown> = {
    id: item.uuid,
    protocol: item.protocol,
    startport: item.startPort === undefined ? undefined : String(item.startPort),
    endport: item.endPort === undefined ? undefined : String(item.endPort),
    traffictype: item.trafficType,
    // ApiResponseHelper reports a rule being revoked as Deleting.
    state: item.state === "Revoke" ? "Deleting" : item.state,
    cidrlist: item.cidrList.join(","),
    icmptype: item.icmpType,
    icmpcode: item.icmpCode,
    tags: [],
    aclid: acl.uuid,
    aclname: acl.name,
    number: item.number,
    action: item.action,
    fordisplay: item.display,
    reason: item.reason,
  };
  for (const k of Object.keys(view)) if (view[k] === undefined) delete view[k];
  return view;
}

/** Lists are listed newest first (Filter(NetworkACLVO.class, "id", false)); so are rules. */
const byIdDescending = <T extends { id: number }>(a: T, b: T): number => b.id - a.id;

function ruleFields(p: RawParams) {
  return {
    startport: int(p, "startport"),
    endport: int(p, "endport"),
    cidrlist: list(p, "cidrlist"),
    icmptype: int(p, "icmptype"),
    icmpcode: int(p, "icmpcode"),
    traffictype: str(p, "traffictype"),
    number: int(p, "number"),
    action: str(p, "action"),
    fordisplay: bool(p, "fordisplay"),
    reason: str(p, "reason"),
  };
}

function listAclLists(model: SimulatorModel): Handler {
  return (ctx) => {
    const p = ctx.params;
    const id = str(p, "id");
    if (id !== undefined) model.networkAcls.resolveList("id", id);
    const networkid = str(p, "networkid");
    const network = networkid === undefined ? undefined : model.networks.resolveIncludingRemoved("networkid", networkid);
    const vpcid = str(p, "vpcid");
    const name = str(p, "name");
    const keyword = str(p, "keyword");
    const display = bool(p, "fordisplay");
    let inScope: (acl: NetworkAclListRecord) => boolean;
    if (vpcid !== undefined) {
      const row = model.vpcs.resolve("vpcid", vpcid);
      const vpc = model.vpcs.find(row.uuid);
      if (!vpc) throw paramError("Unable to find VPC");
      model.accounts.checkAccess(ctx.caller, vpc.accountUuid, vpc.uuid);
      inScope = (acl) => acl.vpcUuid === undefined || acl.vpcUuid === vpc.uuid;
    } else {
      const scope = listScopeOf(model, ctx, id !== undefined);
      inScope = (acl) => {
        if (acl.vpcUuid === undefined) return true;
        const vpc = model.vpcs.find(acl.vpcUuid);
        return vpc !== undefined && scope.ownerVisible(vpc.accountUuid);
      };
    }
    const items = model.state.networkAclLists
      .filter(inScope)
      .filter((acl) => id === undefined || acl.uuid === id)
      .filter((acl) => network === undefined || acl.uuid === network.aclUuid)
      .filter((acl) => name === undefined || acl.name === name)
      .filter((acl) => keyword === undefined || [acl.name, acl.description].some((f) => f?.toLowerCase().includes(keyword.toLowerCase())))
      .filter((acl) => display === undefined || acl.display === display)
      .sort(byIdDescending)
      .map((acl) => aclListView(model, acl));
    return { kind: "list", objectName: "networkacllist", items };
  };
}

function listAclItems(model: SimulatorModel): Handler {
  return (ctx) => {
    const p = ctx.params;
    const id = str(p, "id");
    if (id !== undefined) model.networkAcls.resolveItem("id", id);
    const networkid = str(p, "networkid");
    const aclid = str(p, "aclid");
    let aclUuid = aclid;
    if (aclid !== undefined) model.networkAcls.resolveList("aclid", aclid);
    if (networkid !== undefined) {
      const network = model.networks.resolveIncludingRemoved("networkid", networkid);
      // A network without an ACL has no rules to list.
      if (network.aclUuid === undefined) return { kind: "list", objectName: "networkacl", items: [] };
      aclUuid = network.aclUuid;
    }
    let inScope: (item: NetworkAclItemRecord) => boolean;
    if (aclUuid !== undefined) {
      const acl = model.networkAcls.resolveList("aclid", aclUuid);
      if (acl.vpcUuid !== undefined) {
        const vpc = model.vpcs.find(acl.vpcUuid);
        if (!vpc) throw paramError("Unable to find VPC associated with acl");
        model.accounts.checkAccess(ctx.caller, vpc.accountUuid, vpc.uuid);
      }
      inScope = (item) => item.aclUuid === acl.uuid;
    } else {
      const scope = listScopeOf(model, ctx, id !== undefined);
      inScope = (item) => {
        const acl = model.networkAcls.findList(item.aclUuid);
        if (!acl) return false;
        if (acl.vpcUuid === undefined) return true;
        const vpc = model.vpcs.find(acl.vpcUuid);
        return vpc !== undefined && scope.ownerVisible(vpc.accountUuid);
      };
    }
    const trafficType = str(p, "traffictype");
    const protocol = str(p, "protocol");
    const action = str(p, "action");
    const display = bool(p, "fordisplay");
    const items = model.state.networkAclItems
      .filter(inScope)
      .filter((i) => id === undefined || i.uuid === id)
      .filter((i) => trafficType === undefined || i.trafficType.toLowerCase() === trafficType.toLowerCase())
      .filter((i) => protocol === undefined || i.protocol.toLowerCase() === protocol.toLowerCase())
      .filter((i) => action === undefined || i.action.toLowerCase() === action.toLowerCase())
      .filter((i) => display === undefined || i.display === display)
      .sort(byIdDescending)
      .map((i) => aclItemView(model, i));
    return { kind: "list", objectName: "networkacl", items };
  };
}

export function networkAclHandlers(model: SimulatorModel): Record<string, Handler> {
  return {
    createNetworkACLList: (ctx) => {
      const p = ctx.params;
      const acl = model.networkAcls.createList(ctx.caller, {
        name: str(p, "name") ?? "",
        description: str(p, "description"),
        vpcid: str(p, "vpcid"),
        fordisplay: bool(p, "fordisplay"),
      });
      return {
        kind: "job",
        queueKey: acl.uuid,
        instanceType: "NetworkAcl",
        createdId: acl.uuid,
        run: () => ({ objectName: "networkacllist", object: aclListView(model, acl) }),
      };
    },
    updateNetworkACLList: (ctx) => {
      const p = ctx.params;
      const acl = model.networkAcls.resolveList("id", str(p, "id") ?? "");
      const input = { name: str(p, "name"), description: str(p, "description"), fordisplay: bool(p, "fordisplay") };
      return {
        kind: "job",
        queueKey: acl.uuid,
        instanceType: "NetworkAcl",
        instanceId: acl.uuid,
        run: () => ({ objectName: "networkacllist", object: aclListView(model, model.networkAcls.updateList(ctx.caller, acl, input)) }),
      };
    },
    deleteNetworkACLList: (ctx) => {
      const acl = model.networkAcls.resolveList("id", str(ctx.params, "id") ?? "");
      return {
        kind: "job",
        queueKey: acl.uuid,
        instanceType: "NetworkAcl",
        instanceId: acl.uuid,
        run: () => {
          model.networkAcls.deleteList(ctx.caller, acl);
          return { success: true };
        },
      };
    },
    listNetworkACLLists: listAclLists(model),
    createNetworkACL: (ctx) => {
      const p = ctx.params;
      const aclid = str(p, "aclid");
      const networkid = str(p, "networkid");
      if (networkid !== undefined) model.networks.resolveIncludingRemoved("networkid", networkid);
      if (aclid !== undefined) model.networkAcls.resolveList("aclid", aclid);
      const item = model.networkAcls.createItem(ctx.caller, { protocol: str(p, "protocol") ?? "", networkid, aclid, ...ruleFields(p) });
      return {
        kind: "job",
        queueKey: item.aclUuid,
        instanceType: "NetworkAclItem",
        createdId: item.uuid,
        run: () => {
          model.networkAcls.applyItem(item);
          return { objectName: "networkacl", object: aclItemView(model, item) };
        },
      };
    },
    updateNetworkACLItem: (ctx) => {
      const p = ctx.params;
      const item = model.networkAcls.resolveItem("id", str(p, "id") ?? "");
      const input = { protocol: str(p, "protocol"), partialupgrade: bool(p, "partialupgrade"), ...ruleFields(p) };
      return {
        kind: "job",
        queueKey: item.aclUuid,
        instanceType: "NetworkAclItem",
        instanceId: item.uuid,
        run: () => ({ objectName: "networkacl", object: aclItemView(model, model.networkAcls.updateItem(ctx.caller, item, input)) }),
      };
    },
    deleteNetworkACL: (ctx) => {
      const item = model.networkAcls.resolveItem("id", str(ctx.params, "id") ?? "");
      return {
        kind: "job",
        queueKey: item.aclUuid,
        instanceType: "NetworkAclItem",
        instanceId: item.uuid,
        run: () => {
          model.networkAcls.deleteItem(ctx.caller, item);
          return { success: true };
        },
      };
    },
    listNetworkACLs: listAclItems(model),
    replaceNetworkACLList: (ctx) => {
      const p = ctx.params;
      const acl = model.networkAcls.resolveList("aclid", str(p, "aclid") ?? "");
      const networkid = str(p, "networkid");
      const gatewayid = str(p, "gatewayid");
      const network = networkid === undefined ? undefined : model.networks.resolveIncludingRemoved("networkid", networkid);
      const gateway = gatewayid === undefined ? undefined : model.privateGateways.resolve("gatewayid", gatewayid);
      return {
        kind: "job",
        queueKey: network?.uuid ?? gateway?.uuid ?? acl.uuid,
        instanceType: "NetworkAcl",
        instanceId: acl.uuid,
        run: () => {
          // ServerApiException(INTERNAL_ERROR) built directly: 530 with cserrorcode 9999.
          if (!network && !gateway) throw new ApiError(530, "Network ID and private gateway can't be null at the same time", 9999);
          if (network && gateway) throw new ApiError(530, "Network ID and private gateway can't be passed at the same time", 9999);
          if (gateway) model.networkAcls.replaceOnGateway(ctx.caller, acl, gateway);
          else if (network) model.networkAcls.replaceOnNetwork(ctx.caller, acl, network);
          return { success: true };
        },
      };
    },
  };
}
