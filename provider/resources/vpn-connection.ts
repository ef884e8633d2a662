// VpnConnection: a site-to-site VPN connection from a VPC's VpnGateway to a VpnCustomerGateway
// (createVpnConnection, updateVpnConnection, deleteVpnConnection, listVpnConnections;
// resetVpnConnection when `resetTrigger` changes).
import { z } from "zod";
import { defineSpec } from "../adapter/spec";
import { UNKNOWN } from "../adapter/check/unknown";
import { uuid } from "../validation/fields";
import { booleanOrNull, textOrNull } from "./common/api-values";
import { forDisplayInput, inputObject } from "./common/inputs";
import { cidrListOf } from "./common/vpn-fields";
import { ownerAttributes } from "./common/ownership";
import { ownerOutputs, textAttributes, textFields } from "./common/attributes";
import { createVpnObject, readVpnObject, runVpnCommand, updateVpnDisplay } from "./common/vpn-objects";

export const vpnConnectionInputs = inputObject({
  vpnGatewayId: uuid().describe("The id of the VPC's VpnGateway. Changing it replaces the connection."),
  customerGatewayId: uuid().describe(
    "The id of the VpnCustomerGateway, of the same account; its subnets must not overlap the VPC's CIDR nor those of the gateway's other connections. Changing it replaces the connection.",
  ),
  passive: z
    .boolean()
    .optional()
    .describe("Wait for the customer's device to connect instead of connecting to it (state Disconnected until it does); false when omitted. Changing it replaces the connection."),
  forDisplay: forDisplayInput("the connection"),
  resetTrigger: z
    .string()
    .optional()
    .describe(
      "Any text: when it changes to a new value, the next `pulumi up` resets the connection (resetVpnConnection: it is stopped and started again). The connection is never reset otherwise; removing the value resets nothing.",
    ),
});

export const vpnConnectionAttributes = z.object({
  ...textAttributes({
    state: "Pending, then Connecting (Disconnected when passive) once started; Connected or Error as the VPC router reports.",
    publicIp: "The public IP of the VPC's VPN gateway.",
    gateway: "The customer gateway's address.",
  }),
  cidrList: z.array(z.string()).nullable().describe("The customer's subnets."),
  ...ownerAttributes(),
});

export const vpnConnectionSpec = defineSpec({
  kind: "VpnConnection",
  description:
    "A site-to-site VPN connection between a VPC's VpnGateway and a VpnCustomerGateway, active or passive. Set `resetTrigger` to a new value to reset it.",
  inputs: vpnConnectionInputs,
  attributes: vpnConnectionAttributes,
  defaultedByCloudStack: ["passive", "forDisplay"],
  inPlace: { forDisplay: true, resetTrigger: true },
  equal: { passive: (a, b) => (a === true) === (b === true) },
  // One connection per pair of gateways: the same pair needs the old one gone first.
  deleteBeforeReplace: (olds, news) =>
    [news.vpnGatewayId, news.customerGatewayId].includes(UNKNOWN) ||
    (news.vpnGatewayId === olds.vpnGatewayId && news.customerGatewayId === olds.customerGatewayId),

  create: (client, inputs) =>
    createVpnObject(client, "VpnConnection", {
      s2svpngatewayid: inputs.vpnGatewayId,
      s2scustomergatewayid: inputs.customerGatewayId,
      passive: inputs.passive,
      fordisplay: inputs.forDisplay,
    }),
  read: (client, id, olds) => readVpnObject(client, "VpnConnection", id, olds),
  async update(client, id, olds, news, _ids, changed) {
    // Only a new value resets: removing the trigger just forgets it.
    if (changed.includes("resetTrigger") && news.resetTrigger !== undefined) {
      await runVpnCommand(client, "VpnConnection", "resetVpnConnection", { id });
    }
    return updateVpnDisplay(client, "VpnConnection", id, olds, news.forDisplay, changed);
  },
  delete: "deleteVpnConnection",

  inputsOf(connection, olds) {
    return {
      vpnGatewayId: textOrNull(connection.s2svpngatewayid),
      customerGatewayId: textOrNull(connection.s2scustomergatewayid),
      passive: booleanOrNull(connection.passive),
      forDisplay: booleanOrNull(connection.fordisplay),
      // Not part of the connection: kept as written.
      resetTrigger: olds.resetTrigger ?? null,
    };
  },

  attributesOf: (connection) => ({
    ...textFields(connection, { state: "state", publicIp: "publicip", gateway: "gateway" }),
    cidrList: cidrListOf(connection),
    ...ownerOutputs(connection),
  }),

  errors: [
    { text: "The vpn connection with customer gateway id <id> and vpn gateway id <id> already existed!", why: "One connection per pair of gateways: adopt it with `importId`." },
    { text: "The subnets of customer gateway <id>'s subnet <cidr> is overlapped with VPC cidr <cidr>!", why: "The far end's `cidrList` may not overlap the VPC's CIDR." },
  ],
});
