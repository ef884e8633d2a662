// deployVirtualMachine, updateVirtualMachine, destroyVirtualMachine, listVirtualMachines; the virtual machine object.
import type { SimulatorModel } from "../model";
import type { DeployInput } from "../model/instances";
import type { VmRecord } from "../model/records";
import { uuidNotFound } from "../errors";
import type { Caller } from "../caller";
import type { Handler, HandlerResult, RawParams } from "../wire/types";
import { objectJob } from "./jobs";
import { listScopeOf, rejectUnknownIds, zoneExists } from "./list-helpers";
import { vnfFields } from "./catalog";
import { nicView } from "./nics";
import { ownerFields } from "./owner-fields";
import { bool, keywordMatches, list, map, rawStr, str } from "./params";
import { securityGroupView } from "./security-groups";
import { withoutUndefined } from "./views";

export function resolveVm(model: SimulatorModel, param: string, uuid: string): VmRecord {
  const vm = model.state.vms.find((v) => v.uuid === uuid);
  if (!vm) throw uuidNotFound(param, uuid);
  return vm;
}

export function vmView(model: SimulatorModel, vm: VmRecord, caller: Caller): Record<string, unknown> {
  const zone = model.state.zones.find((z) => z.uuid === vm.zoneUuid);
  const offering = model.state.serviceOfferings.find((o) => o.uuid === vm.serviceOfferingUuid);
  const template = model.state.templates.find((t) => t.uuid === vm.templateUuid);
  const user = model.state.users.find((u) => u.uuid === vm.userUuid);
  const nics = model.instances.nicsOf(vm.uuid);
  const defaultNic = nics.find((n) => n.isDefault);
  const nat = model.instances.staticNatIpsOf(vm.uuid).sort((a, b) => Number(b.staticNat?.vmGuestIp === defaultNic?.ipAddress) - Number(a.staticNat?.vmGuestIp === defaultNic?.ipAddress))[0];
  const running = vm.state === "Running";
  const view: Record<string, unknown> = {
    id: vm.uuid,
    name: vm.name,
    displayname: vm.displayName,
    ...ownerFields(model, vm.accountUuid),
    userid: vm.userUuid,
    username: user?.username,
    created: vm.created,
    state: vm.state,
    haenable: false,
    group: vm.group,
    zoneid: vm.zoneUuid,
    zonename: zone?.name,
    templateid: vm.templateUuid,
    templatename: template?.name,
    templatedisplaytext: template?.displaytext,
    templatetype: template?.templateType,
    templateformat: template?.format,
    passwordenabled: template?.passwordEnabled ?? false,
    serviceofferingid: vm.serviceOfferingUuid,
    serviceofferingname: offering?.name,
    cpunumber: offering?.cpuNumber,
    cpuspeed: offering?.cpuSpeed,
    memory: offering?.memory,
    cpuused: "0%",
    networkkbsread: 0,
    networkkbswrite: 0,
    diskkbsread: 0,
    diskkbswrite: 0,
    memorykbs: 0,
    memoryintfreekbs: 0,
    memorytargetkbs: 0,
    diskioread: 0,
    diskiowrite: 0,
    guestosid: template?.osTypeUuid,
    rootdeviceid: 0,
    rootdevicetype: "ROOT",
    securitygroup: vm.securityGroupUuids.flatMap((id) => {
      const g = model.securityGroups.find(id);
      return g ? [securityGroupView(model, g)] : [];
    }),
    nic: nics.map((n) => nicView(model, n, caller, false)),
    hypervisor: "Simulator",
    ipaddress: defaultNic?.ipAddress,
    publicipid: nat?.uuid,
    publicip: nat?.address,
    details: {},
    affinitygroup: [],
    displayvm: true,
    isdynamicallyscalable: false,
    deleteprotection: false,
    ostypeid: template?.osTypeUuid,
    osdisplayname: template?.osTypeName,
    bootmode: "legacy",
    boottype: "Bios",
    arch: "x86_64",
    receivedbytes: 0,
    sentbytes: 0,
    tags: [],
    hasannotations: false,
  };
  // A VNF template's NICs and details come with the instance (UserVmJoinDaoImpl.addVnfInfoToserVmResponse).
  if (template?.templateType === "VNF") Object.assign(view, vnfFields(template));
  if (caller.isRootAdmin) {
    view.instancename = vm.instanceName;
    if (running) {
      view.hostid = vm.hostUuid;
      view.hostname = `SimulatedAgent.${vm.hostUuid}`;
    }
  }
  return withoutUndefined(view);
}

export function deployInput(p: RawParams): DeployInput {
  const iptonetworklist = map(p, "iptonetworklist").map((e) => ({ networkid: e.networkid, ip: e.ip }));
  return {
    zoneid: str(p, "zoneid") ?? "",
    serviceofferingid: str(p, "serviceofferingid") ?? "",
    templateid: str(p, "templateid"),
    name: str(p, "name"),
    displayname: str(p, "displayname"),
    group: str(p, "group"),
    password: str(p, "password"),
    networkids: list(p, "networkids"),
    iptonetworklist: iptonetworklist.length > 0 ? iptonetworklist : undefined,
    ipaddress: str(p, "ipaddress"),
    securitygroupids: list(p, "securitygroupids"),
    securitygroupnames: list(p, "securitygroupnames"),
    startvm: bool(p, "startvm"),
    account: str(p, "account"),
    domainid: str(p, "domainid"),
    projectid: str(p, "projectid"),
  };
}

/** A deploy's start phase, as a job answering the instance (deployVirtualMachine, deployVnfAppliance). */
export function deployJob(model: SimulatorModel, caller: Caller, vm: VmRecord, input: DeployInput): HandlerResult {
  return objectJob({ queueKey: vm.uuid, instanceType: "VirtualMachine", instanceId: vm.uuid, createdId: vm.uuid }, "virtualmachine", () => {
    if (input.startvm !== false) model.instances.start(vm);
    const object = vmView(model, vm, caller);
    // The password is shown once, in the deploy's answer.
    if (vm.password !== undefined) object.password = vm.password;
    return object;
  });
}

/** listVirtualMachines; `vnfOnly` is listVnfAppliances (ListVnfAppliancesCmd.getVnf answers true). */
export function listVirtualMachines(model: SimulatorModel, vnfOnly = false): Handler {
  return (ctx) => {
    const p = ctx.params;
    const id = str(p, "id");
    if (id !== undefined && !model.instances.known(id)) throw uuidNotFound("id", id);
    const ids = list(p, "ids");
    for (const i of ids ?? []) if (!model.instances.known(i)) throw uuidNotFound("ids", i);
    rejectUnknownIds(p, {
      zoneid: (v) => zoneExists(model, v),
      networkid: (v) => model.networks.known(v),
      templateid: (v) => model.state.templates.some((t) => t.uuid === v),
      serviceofferingid: (v) => model.state.serviceOfferings.some((o) => o.uuid === v),
      securitygroupid: (v) => model.securityGroups.find(v) !== undefined,
    });
    const scope = listScopeOf(model, ctx, id !== undefined);
    const name = str(p, "name");
    const state = str(p, "state");
    const zoneid = str(p, "zoneid");
    const networkid = str(p, "networkid");
    const templateid = str(p, "templateid");
    const offeringid = str(p, "serviceofferingid");
    const groupid = str(p, "securitygroupid");
    const keyword = str(p, "keyword");
    // Instances carry no tags in this model, so a tag filter matches none.
    const tagFilter = map(p, "tags");
    // isvnf filters by the template's type (QueryManagerImpl.searchForUserVMIdsAndCount).
    const isVnf = vnfOnly ? true : bool(p, "isvnf");
    const vnfMatches = (vm: VmRecord) => isVnf === undefined || (model.state.templates.find((t) => t.uuid === vm.templateUuid)?.templateType === "VNF") === isVnf;
    const items = model.instances
      .live()
      .filter((vm) => scope.ownerVisible(vm.accountUuid))
      .filter((vm) => (id === undefined || vm.uuid === id) && (ids === undefined || ids.includes(vm.uuid)))
      .filter((vm) => (name === undefined || vm.name === name) && keywordMatches(keyword, vm.name, vm.displayName))
      .filter((vm) => state === undefined || vm.state.toLowerCase() === state.toLowerCase())
      .filter((vm) => zoneid === undefined || vm.zoneUuid === zoneid)
      .filter((vm) => networkid === undefined || model.instances.nicInNetwork(vm.uuid, networkid) !== undefined)
      .filter((vm) => (templateid === undefined || vm.templateUuid === templateid) && (offeringid === undefined || vm.serviceOfferingUuid === offeringid))
      .filter((vm) => groupid === undefined || vm.securityGroupUuids.includes(groupid))
      .filter(() => tagFilter.length === 0)
      .filter(vnfMatches)
      .map((vm) => vmView(model, vm, ctx.caller));
    if (bool(p, "retrieveonlyresourcecount")) return { kind: "flat", fields: { count: items.length } };
    return { kind: "list", objectName: "virtualmachine", items };
  };
}

export function instanceHandlers(model: SimulatorModel): Record<string, Handler> {
  return {
    deployVirtualMachine: (ctx) => {
      const input = deployInput(ctx.params);
      return deployJob(model, ctx.caller, model.instances.create(ctx.caller, input), input);
    },
    destroyVirtualMachine: (ctx) => {
      const vm = model.instances.resolveIncludingRemoved("id", str(ctx.params, "id") ?? "");
      // DestroyVMCmd: id carries @ACL, checked before the job.
      model.accounts.checkAccess(ctx.caller, vm.accountUuid, vm.uuid);
      const expunge = bool(ctx.params, "expunge") ?? false;
      return objectJob({ queueKey: vm.uuid, instanceType: "VirtualMachine", instanceId: vm.uuid }, "virtualmachine", () =>
        vmView(model, model.instances.destroy(ctx.caller, vm, expunge), ctx.caller),
      );
    },
    listVirtualMachines: listVirtualMachines(model),
    updateVirtualMachine: (ctx) => {
      const vm = model.instances.resolveIncludingRemoved("id", str(ctx.params, "id") ?? "");
      const updated = model.instances.update(ctx.caller, vm, {
        displayname: str(ctx.params, "displayname"),
        name: str(ctx.params, "name"),
        group: rawStr(ctx.params, "group"),
        securitygroupids: list(ctx.params, "securitygroupids"),
        securitygroupnames: list(ctx.params, "securitygroupnames"),
      });
      return { kind: "object", objectName: "virtualmachine", object: vmView(model, updated, ctx.caller) };
    },
  };
}
