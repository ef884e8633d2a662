// VNF appliances (4.19+): deployVnfAppliance is deployVirtualMachine with the VNF checks and
// management rules (model/vnf-appliances.ts); listVnfAppliances is listVirtualMachines limited to
// instances of VNF templates (ListVnfAppliancesCmd).
import type { SimulatorModel } from "../model";
import { validateVnfCidrs } from "../model/vnf-appliances";
import type { Handler } from "../wire/types";
import { deployInput, deployJob, listVirtualMachines } from "./instances";
import { bool, list } from "./params";

export function vnfApplianceHandlers(model: SimulatorModel): Record<string, Handler> {
  return {
    deployVnfAppliance: (ctx) => {
      const input = deployInput(ctx.params);
      // DeployVnfApplianceCmd.getVnfCidrlist defaults to 0.0.0.0/0; create() checks the list first.
      const given = list(ctx.params, "vnfcidrlist") ?? [];
      const cidrs = given.length > 0 ? given : ["0.0.0.0/0"];
      validateVnfCidrs(cidrs);
      const vm = model.vnfAppliances.deploy(ctx.caller, input, { configure: bool(ctx.params, "vnfconfiguremanagement") === true, cidrs });
      return deployJob(model, ctx.caller, vm, input);
    },
    listVnfAppliances: listVirtualMachines(model, true),
  };
}
