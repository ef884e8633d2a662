// createNetworkACLList, updateNetworkACLList, deleteNetworkACLList, listNetworkACLLists,
// createNetworkACL, updateNetworkACLItem, deleteNetworkACL, listNetworkACLs, replaceNetworkACLList;
// the ACL list and ACL rule objects.
import type { SimulatorModel } from "../model";
import type { NetworkAclItemRecord, NetworkAclListRecord } from "../model/records";
import { ApiError, paramError } from "../errors";
import type { Handler, HandlerContext, RawParams } from "../wire/types";
import { objectJob, successJob, type JobTarget } from "./jobs";
import { listScopeOf } from "./list-helpers";
import { bool, int, list, str } from "./params";
import { withoutUndefined } from "./views";

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
  return withoutUndefined(view);
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
  return withoutUndefined(view);
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

/** ACL lists a list call shows: the default lists (of no VPC) and those of the VPCs in the owner scope. */
function visibleAcl(model: SimulatorModel, ctx: HandlerContext, byId: boolean): (acl: NetworkAclListRecord) => boolean {
  const scope = listScopeOf(model, ctx, byId);
  return (acl) => {
    if (acl.vpcUuid === undefined) return true;
    const vpc = model.vpcs.find(acl.vpcUuid);
    return vpc !== undefined && scope.ownerVisible(vpc.accountUuid);
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
      const row = model.vpcs.resolveIncludingRemoved("vpcid", vpcid);
      const vpc = model.vpcs.find(row.uuid);
      if (!vpc) throw paramError("Unable to find VPC");
      model.accounts.checkAccess(ctx.caller, vpc.accountUuid, vpc.uuid);
      inScope = (acl) => acl.vpcUuid === undefined || acl.vpcUuid === vpc.uuid;
    } else {
      inScope = visibleAcl(model, ctx, id !== undefined);
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
      const visible = visibleAcl(model, ctx, id !== undefined);
      inScope = (item) => {
        const acl = model.networkAcls.findList(item.aclUuid);
        return acl !== undefined && visible(acl);
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

/** Jobs on an ACL list, and on its rules, queue behind the list's other jobs. */
const aclListJob = (acl: NetworkAclListRecord): JobTarget => ({ queueKey: acl.uuid, instanceType: "NetworkAcl", instanceId: acl.uuid });
const aclItemJob = (item: NetworkAclItemRecord): JobTarget => ({ queueKey: item.aclUuid, instanceType: "NetworkAclItem", instanceId: item.uuid });

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
      return objectJob({ queueKey: acl.uuid, instanceType: "NetworkAcl", createdId: acl.uuid }, "networkacllist", () => aclListView(model, acl));
    },
    updateNetworkACLList: (ctx) => {
      const p = ctx.params;
      const acl = model.networkAcls.resolveList("id", str(p, "id") ?? "");
      const input = { name: str(p, "name"), description: str(p, "description"), fordisplay: bool(p, "fordisplay") };
      return objectJob(aclListJob(acl), "networkacllist", () => aclListView(model, model.networkAcls.updateList(ctx.caller, acl, input)));
    },
    deleteNetworkACLList: (ctx) => {
      const acl = model.networkAcls.resolveList("id", str(ctx.params, "id") ?? "");
      return successJob(aclListJob(acl), () => model.networkAcls.deleteList(ctx.caller, acl));
    },
    listNetworkACLLists: listAclLists(model),
    createNetworkACL: (ctx) => {
      const p = ctx.params;
      const aclid = str(p, "aclid");
      const networkid = str(p, "networkid");
      if (networkid !== undefined) model.networks.resolveIncludingRemoved("networkid", networkid);
      if (aclid !== undefined) model.networkAcls.resolveList("aclid", aclid);
      const item = model.networkAcls.createItem(ctx.caller, { protocol: str(p, "protocol") ?? "", networkid, aclid, ...ruleFields(p) });
      return objectJob({ queueKey: item.aclUuid, instanceType: "NetworkAclItem", createdId: item.uuid }, "networkacl", () => {
        model.networkAcls.applyItem(item);
        return aclItemView(model, item);
      });
    },
    updateNetworkACLItem: (ctx) => {
      const p = ctx.params;
      const item = model.networkAcls.resolveItem("id", str(p, "id") ?? "");
      const input = { protocol: str(p, "protocol"), partialupgrade: bool(p, "partialupgrade"), ...ruleFields(p) };
      return objectJob(aclItemJob(item), "networkacl", () => aclItemView(model, model.networkAcls.updateItem(ctx.caller, item, input)));
    },
    deleteNetworkACL: (ctx) => {
      const item = model.networkAcls.resolveItem("id", str(ctx.params, "id") ?? "");
      return successJob(aclItemJob(item), () => model.networkAcls.deleteItem(ctx.caller, item));
    },
    listNetworkACLs: listAclItems(model),
    replaceNetworkACLList: (ctx) => {
      const p = ctx.params;
      const acl = model.networkAcls.resolveList("aclid", str(p, "aclid") ?? "");
      const networkid = str(p, "networkid");
      const gatewayid = str(p, "gatewayid");
      const network = networkid === undefined ? undefined : model.networks.resolveIncludingRemoved("networkid", networkid);
      const gateway = gatewayid === undefined ? undefined : model.privateGateways.resolveIncludingRemoved("gatewayid", gatewayid);
      return successJob({ queueKey: network?.uuid ?? gateway?.uuid ?? acl.uuid, instanceType: "NetworkAcl", instanceId: acl.uuid }, () => {
        // ServerApiException(INTERNAL_ERROR) built directly: 530 with cserrorcode 9999.
        if (!network && !gateway) throw new ApiError(530, "Network ID and private gateway can't be null at the same time", 9999);
        if (network && gateway) throw new ApiError(530, "Network ID and private gateway can't be passed at the same time", 9999);
        if (gateway) model.networkAcls.replaceOnGateway(ctx.caller, acl, gateway);
        else if (network) model.networkAcls.replaceOnNetwork(ctx.caller, acl, network);
      });
    },
  };
}
