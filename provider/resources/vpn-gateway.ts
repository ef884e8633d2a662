// VpnGateway: the site-to-site VPN gateway of a VPC (createVpnGateway, updateVpnGateway,
// deleteVpnGateway, listVpnGateways). CloudStack puts it on the VPC's source NAT IP, one per VPC.
import { z } from "zod";
import { defineSpec } from "../adapter/spec";
import { uuid } from "../validation/fields";
import { booleanOrNull, textOrNull } from "./common/api-values";
import { forDisplayInput } from "./common/inputs";
import { executeForObject } from "./common/job-result";
import { ownerAttributes } from "./common/ownership";
import { ownerOutputs, readVpnObject, updateVpnDisplay, VpnObjectKind } from "./common/vpn-objects";

const GATEWAY: VpnObjectKind = { kind: "VpnGateway", listCommand: "listVpnGateways", updateCommand: "updateVpnGateway", objectKey: "vpngateway" };

export const vpnGatewayInputs = z
  .object({
    vpcId: uuid().describe("The id of the VPC (e.g. a Vpc's `id`); one gateway per VPC. Changing it replaces the gateway."),
    forDisplay: forDisplayInput("the gateway"),
  })
  .strict();

export const vpnGatewayAttributes = z.object({
  publicIp: z.string().nullable().describe("The public IP of the gateway: the VPC's source NAT IP, which the customer's device connects to."),
  vpcName: z.string().nullable().describe("The name of the VPC."),
  ...ownerAttributes(),
});

export const vpnGatewaySpec = defineSpec({
  kind: "VpnGateway",
  description:
    "The site-to-site VPN gateway of a VPC, on the VPC's source NAT IP (one per VPC). VpnConnections join it to VpnCustomerGateways and must be deleted before it.",
  stateVersion: 1,
  inputs: vpnGatewayInputs,
  attributes: vpnGatewayAttributes,
  defaultedByCloudStack: ["forDisplay"],
  inPlace: { forDisplay: true },

  create: (client, inputs) => executeForObject(client, "createVpnGateway", { vpcid: inputs.vpcId, fordisplay: inputs.forDisplay }, "vpngateway"),
  read: (client, id, olds) => readVpnObject(client, GATEWAY, id, olds),
  update: (client, id, olds, news, _ids, changed) => updateVpnDisplay(client, GATEWAY, id, olds, news.forDisplay, changed),
  delete: "deleteVpnGateway",

  inputsOf: (gateway) => ({ vpcId: textOrNull(gateway.vpcid), forDisplay: booleanOrNull(gateway.fordisplay) }),
  attributesOf: (gateway) => ({
    publicIp: textOrNull(gateway.publicip),
    vpcName: textOrNull(gateway.vpcname),
    ...ownerOutputs(gateway),
  }),
});
