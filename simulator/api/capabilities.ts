// listCapabilities: what the management server reports about itself (CapabilitiesResponse).
import type { SimulatorModel } from "../model";
import type { Handler } from "../wire/types";

export const CLOUDSTACK_VERSION = "4.22.0.0";

export function capabilityHandlers(model: SimulatorModel): Record<string, Handler> {
  return {
    listCapabilities: () => ({
      kind: "object",
      objectName: "capability",
      object: {
        securitygroupsenabled: model.state.zones.some((z) => z.securityGroupsEnabled),
        dynamicrolesenabled: true,
        cloudstackversion: CLOUDSTACK_VERSION,
        userpublictemplateenabled: true,
        supportELB: "false",
        projectinviterequired: false,
        allowusercreateprojects: model.configValue("allow.user.create.projects") === "true",
        customdiskofferingminsize: 1,
        customdiskofferingmaxsize: 1024,
        regionsecondaryenabled: false,
        kvmsnapshotenabled: false,
        allowuserviewdestroyedvm: false,
        allowuserexpungerecovervm: model.configValue("allow.user.expunge.recover.vm") === "true",
        allowuserexpungerecovervolume: true,
        allowuserviewalldomainaccounts: false,
        allowuserforcestopvm: true,
        kubernetesserviceenabled: false,
        kubernetesclusterexperimentalfeaturesenabled: false,
        defaultuipagesize: 20,
        instancesstatsretentiontime: 720,
        instancesstatsuseronly: false,
        instancesdisksstatsretentionenabled: false,
        instancesdisksstatsretentiontime: 720,
        sharedfsvmmincpucount: 2,
        sharedfsvmminramsize: 512,
        instanceleaseenabled: false,
        dynamicscalingenabled: true,
        additionalconfigenabled: false,
      },
    }),
  };
}
