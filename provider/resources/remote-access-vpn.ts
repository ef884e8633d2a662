// RemoteAccessVpn: an L2TP/IPsec VPN for clients on the source NAT IP of an isolated network or a
// VPC (createRemoteAccessVpn, updateRemoteAccessVpn, deleteRemoteAccessVpn, listRemoteAccessVpns).
// CloudStack generates the IPsec pre-shared key: a secret output.
import { z } from "zod";
import { defineSpec } from "../adapter/spec";
import { UNKNOWN } from "../adapter/check/unknown";
import { uuid } from "../validation/fields";
import { booleanOrNull, textOrNull } from "./common/api-values";
import { ownerOutputs, textAttributes, textFields } from "./common/attributes";
import { forDisplayInput, inputObject } from "./common/inputs";
import { ownerAttributes } from "./common/ownership";
import { configuredRange, ipRangeField } from "./common/vpn-fields";
import { createVpnObject, readVpnObject, updateVpnDisplay } from "./common/vpn-objects";
import { remoteAccessPlacementFailures } from "./common/vpn-placement";

export const remoteAccessVpnInputs = inputObject({
  publicIpId: uuid().describe(
    "The id of the source NAT IP of an isolated network or a VPC (e.g. the first PublicIpAddress of a network, which becomes its source NAT IP): CloudStack serves remote-access VPN only there, one VPN per IP. Changing it replaces the VPN.",
  ),
  ipRange: ipRangeField()
    .optional()
    .describe(
      "The addresses for the VPN, a.b.c.d-e.f.g.h, outside the network's or VPC's CIDR: the first goes to the VPN server, the rest to clients. CloudStack's account setting remote.access.vpn.client.iprange (10.1.2.1-10.1.2.8) when omitted. Changing it replaces the VPN.",
    ),
  openFirewall: z
    .boolean()
    .optional()
    .describe(
      "Whether CloudStack opens UDP 500, 1701 and 4500 on the IP with firewall rules (true when omitted; CloudStack forces it off in a VPC, where network ACLs decide). Changing it replaces the VPN.",
    ),
  forDisplay: forDisplayInput("the VPN"),
});

export const remoteAccessVpnAttributes = z.object({
  ...textAttributes({
    publicIp: "The public IP address clients connect to.",
    presharedKey: "The IPsec pre-shared key CloudStack generated; a secret output.",
    clientIpRange: "The addresses clients get: the range without its first address, which is the server's.",
    state: "Added, then Running once the router runs the VPN.",
  }),
  ...ownerAttributes(),
});

export const remoteAccessVpnSpec = defineSpec({
  kind: "RemoteAccessVpn",
  description:
    "A remote-access (L2TP over IPsec) VPN on the source NAT IP of an isolated network or a VPC. Clients log in as the account's VpnUsers with the generated pre-shared key (`presharedKey`, secret).",
  inputs: remoteAccessVpnInputs,
  attributes: remoteAccessVpnAttributes,
  defaultedByCloudStack: ["ipRange", "openFirewall", "forDisplay"],
  inPlace: { forDisplay: true },
  // CloudStack does not report it: written or left out, true is the default.
  equal: { openFirewall: (a, b) => (a ?? true) === (b ?? true) },
  secretOutputs: ["presharedKey"],
  checkWithApi: remoteAccessPlacementFailures,
  // One VPN per IP: a new one on the same IP needs the old one gone first.
  deleteBeforeReplace: (olds, news) => news.publicIpId === UNKNOWN || news.publicIpId === olds.publicIpId,

  create: (client, inputs) =>
    createVpnObject(client, "RemoteAccessVpn", {
      publicipid: inputs.publicIpId,
      iprange: inputs.ipRange,
      openfirewall: inputs.openFirewall,
      fordisplay: inputs.forDisplay,
    }),
  read: (client, id, olds) => readVpnObject(client, "RemoteAccessVpn", id, olds),
  update: (client, id, olds, news, _ids, changed) => updateVpnDisplay(client, "RemoteAccessVpn", id, olds, news.forDisplay, changed),
  // deleteRemoteAccessVpn names the IP, not the VPN.
  async delete(client, _id, vpn) {
    await client.execute("deleteRemoteAccessVpn", { publicipid: String(vpn.publicipid) });
  },

  inputsOf: (vpn, olds) => ({
    publicIpId: textOrNull(vpn.publicipid),
    ipRange: typeof vpn.iprange === "string" ? configuredRange(vpn.iprange) : null,
    // Not part of CloudStack's answer: kept as written.
    openFirewall: olds.openFirewall ?? null,
    forDisplay: booleanOrNull(vpn.fordisplay),
  }),
  attributesOf: (vpn) => ({
    ...textFields(vpn, { publicIp: "publicip", presharedKey: "presharedkey", clientIpRange: "iprange", state: "state" }),
    ...ownerOutputs(vpn),
  }),

  errors: [
    { text: "A remote Access VPN already exists for the public IP address [<ip>].", why: "One VPN per source NAT IP: adopt the existing one with `importId`." },
    { text: "Invalid ip range: <range> overlaps with guest ip range <start>-<end>", why: "The clients' `ipRange` must lie outside the network's guest CIDR." },
  ],
});
