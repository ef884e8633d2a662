// listNics, addIpToNic, removeIpFromNic; the NIC object instances and listNics show.
import type { SimulatorModel } from "../model";
import type { NicRecord } from "../model/records";
import { paramError, uuidNotFound } from "../errors";
import type { Caller } from "../caller";
import type { Handler } from "../wire/types";
import { objectJob, successJob } from "./jobs";
import { keywordMatches, str } from "./params";
import { withoutUndefined } from "./views";

export function nicView(model: SimulatorModel, nic: NicRecord, caller: Caller, withVmId: boolean): Record<string, unknown> {
  const network = model.state.networks.find((n) => n.uuid === nic.networkUuid);
  const nat = model.state.publicIps.find(
    (ip) => ip.staticNat?.vmUuid === nic.vmUuid && ip.staticNat.networkUuid === nic.networkUuid && ip.staticNat.vmGuestIp === nic.ipAddress,
  );
  const view: Record<string, unknown> = {
    id: nic.uuid,
    networkid: nic.networkUuid,
    networkname: network?.name,
    netmask: nic.netmask,
    gateway: nic.gateway,
    ipaddress: nic.ipAddress,
    traffictype: "Guest",
    type: network?.guestType,
    isdefault: nic.isDefault,
    macaddress: nic.macAddress,
    secondaryip: model.instances.secondaryIpsOf(nic.uuid).map((s) => ({ id: s.uuid, ipaddress: s.ipAddress })),
    extradhcpoption: [],
    deviceid: String(nic.deviceId),
    mtu: network?.privateMtu,
    publicipid: nat?.uuid,
    publicip: nat?.address,
  };
  if (withVmId) view.virtualmachineid = nic.vmUuid;
  if (caller.isRootAdmin && network) {
    const uri = model.networks.broadcastUri(network);
    if (uri !== undefined) {
      view.broadcasturi = uri;
      view.isolationuri = uri;
    }
  }
  return withoutUndefined(view);
}

export function nicHandlers(model: SimulatorModel): Record<string, Handler> {
  return {
    listNics: (ctx) => {
      const p = ctx.params;
      const vmId = str(p, "virtualmachineid") ?? "";
      const vm = model.instances.resolveIncludingRemoved("virtualmachineid", vmId);
      if (vm.removed) throw paramError("Virtual machine id does not exist");
      model.accounts.checkAccess(ctx.caller, vm.accountUuid, vm.uuid);
      const nicId = str(p, "nicid");
      if (nicId !== undefined && !model.instances.findNic(nicId)) throw uuidNotFound("nicid", nicId);
      const networkId = str(p, "networkid");
      if (networkId !== undefined && !model.networks.known(networkId)) throw uuidNotFound("networkid", networkId);
      const keyword = str(p, "keyword");
      const items = model.instances
        .nicsOf(vm.uuid)
        .filter((n) => (nicId === undefined || n.uuid === nicId) && (networkId === undefined || n.networkUuid === networkId))
        .filter((n) => keywordMatches(keyword, n.ipAddress))
        .map((n) => nicView(model, n, ctx.caller, true));
      return { kind: "list", objectName: "nic", items };
    },
    addIpToNic: (ctx) => {
      const nicId = str(ctx.params, "nicid") ?? "";
      const nic = model.instances.findNic(nicId);
      if (!nic) throw uuidNotFound("nicid", nicId);
      const secondary = model.instances.addSecondaryIp(ctx.caller, nic, str(ctx.params, "ipaddress"));
      return objectJob({ queueKey: nic.vmUuid, instanceType: "Nic", instanceId: nic.uuid, createdId: secondary.uuid }, "nicsecondaryip", () => ({
        id: secondary.uuid,
        ipaddress: secondary.ipAddress,
        nicid: secondary.nicUuid,
        networkid: secondary.networkUuid,
        virtualmachineid: secondary.vmUuid,
      }));
    },
    removeIpFromNic: (ctx) => {
      const id = str(ctx.params, "id") ?? "";
      // Secondary IPs are hard-deleted (NetworkServiceImpl.releaseSecondaryIpFromNic removes the
      // nic_secondary_ips row): a removed one no longer resolves.
      const secondary = model.instances.findSecondaryIp(id);
      if (!secondary) throw uuidNotFound("id", id);
      return successJob({ queueKey: secondary.vmUuid, instanceType: "Nic", instanceId: secondary.nicUuid }, () =>
        model.instances.removeSecondaryIp(ctx.caller, secondary),
      );
    },
  };
}
