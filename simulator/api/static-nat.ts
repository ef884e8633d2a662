// enableStaticNat (synchronous, {"success":true}) and disableStaticNat (a job).
import type { SimulatorModel } from "../model";
import { uuidNotFound } from "../errors";
import type { Handler } from "../wire/types";
import { ipJob } from "./addresses";
import { resolveVm } from "./instances";
import { successJob } from "./jobs";
import { str } from "./params";

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
      return successJob(ipJob(ip), () => model.staticNat.disable(ctx.caller, ip));
    },
  };
}
