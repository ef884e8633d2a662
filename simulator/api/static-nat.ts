// enableStaticNat (synchronous, {"success":true}) and disableStaticNat (a job).
import type { SimulatorModel } from "../model";
import type { VmRecord } from "../model/state";
import { uuidNotFound, type Handler } from "../wire/types";
import { str } from "./params";

function resolveVm(model: SimulatorModel, param: string, uuid: string): VmRecord {
  const vm = model.state.vms.find((v) => v.uuid === uuid);
  if (!vm) throw uuidNotFound(param, uuid);
  return vm;
}

export function staticNatHandlers(model: SimulatorModel): Record<string, Handler> {
  return {
    enableStaticNat: (ctx) => {
      const p = ctx.params;
      const ip = model.publicIps.resolve("ipaddressid", str(p, "ipaddressid") ?? "");
      const vm = resolveVm(model, "virtualmachineid", str(p, "virtualmachineid") ?? "");
      const networkid = str(p, "networkid");
      if (networkid !== undefined && !model.networks.known(networkid)) throw uuidNotFound("networkid", networkid);
      model.staticNat.enable(ctx.caller, ip, vm, networkid, str(p, "vmguestip"));
      return { kind: "success" };
    },
    disableStaticNat: (ctx) => {
      const ip = model.publicIps.resolve("ipaddressid", str(ctx.params, "ipaddressid") ?? "");
      return {
        kind: "job",
        queueKey: ip.associatedNetworkUuid ?? ip.uuid,
        instanceType: "IpAddress",
        instanceId: ip.uuid,
        run: () => {
          model.staticNat.disable(ctx.caller, ip);
          return { success: true };
        },
      };
    },
  };
}
