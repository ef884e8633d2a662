// VpnGateway: the site-to-site VPN gateway of a VPC (createVpnGateway, updateVpnGateway,
// deleteVpnGateway, listVpnGateways). CloudStack puts it on the VPC's source NAT IP, one per VPC.
import { z } from "zod";
import { defineSpec } from "../adapter/spec";
import { uuid } from "../validation/fields";
import { booleanOrNull, textOrNull } from "./common/api-values";
import { ownerOutputs, textAttributes, textFields } from "./common/attributes";
import { forDisplayInput, inputObject } from "./common/inputs";
import { ownerAttributes } from "./common/ownership";
import { createVpnObject, readVpnObject, updateVpnDisplay } from "./common/vpn-objects";

export const vpnGatewayInputs = inputObject({
  vpcId: uuid().describe("The id of the VPC (e.g. a Vpc's `id`); one gateway per VPC. Changing it replaces the gateway."),
  forDisplay: forDisplayInput("the gateway"),
});

export const vpnGatewaySpec = defineSpec({
  kind: "VpnGateway",
  description:
    "The site-to-site VPN gateway of a VPC, on the VPC's source NAT IP (one per VPC). VpnConnections join it to VpnCustomerGateways and must be deleted before it.",
  inputs: vpnGatewayInputs,
  attributes: z.object({
    ...textAttributes({
      publicIp: "The public IP of the gateway: the VPC's source NAT IP, which the customer's device connects to.",
      vpcName: "The name of the VPC.",
    }),
    ...ownerAttributes(),
  }),
  defaultedByCloudStack: ["forDisplay"],
  inPlace: { forDisplay: true },

  create: (client, inputs) => createVpnObject(client, "VpnGateway", { vpcid: inputs.vpcId, fordisplay: inputs.forDisplay }),
  read: (client, id, olds) => readVpnObject(client, "VpnGateway", id, olds),
  update: (client, id, olds, news, _ids, changed) => updateVpnDisplay(client, "VpnGateway", id, olds, news.forDisplay, changed),
  delete: "deleteVpnGateway",

  inputsOf: (gateway) => ({ vpcId: textOrNull(gateway.vpcid), forDisplay: booleanOrNull(gateway.fordisplay) }),
  attributesOf: (gateway) => ({ ...textFields(gateway, { publicIp: "publicip", vpcName: "vpcname" }), ...ownerOutputs(gateway) }),

  errors: [
    { text: "The VPN gateway of VPC <vpc> already existed!", why: "A VPC has one VPN gateway: adopt it with `importId`." },
  ],
});
