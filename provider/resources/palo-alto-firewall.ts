// PaloAltoFirewall: a Palo Alto firewall appliance added to a physical network, for external
// firewall, source NAT, static NAT and port forwarding (addPaloAltoFirewall,
// configurePaloAltoFirewall, deletePaloAltoFirewall, listPaloAltoFirewalls; root admin).
import { z } from "zod";
import { defineSpec } from "../adapter/spec";
import * as devices from "./common/external-devices";
import { inputObject } from "./common/inputs";

const COMMANDS: devices.DeviceCommands = {
  kind: "PaloAltoFirewall",
  add: "addPaloAltoFirewall",
  configure: "configurePaloAltoFirewall",
  list: "listPaloAltoFirewalls",
  idParam: "fwdeviceid",
  objectKey: "pafirewall",
};

/** What PaloAltoResource.configure needs from the URL. */
const URL_SETTINGS = ["publicinterface", "privateinterface", "publicnetwork", "privatenetwork", "pavr"];

export const paloAltoFirewallInputs = inputObject(
  devices.deviceInputs(
    "PaloAlto",
    `${URL_SETTINGS.join(", ")} (required: the interfaces, zones and virtual router CloudStack configures, e.g. https://10.0.0.6?publicinterface=ethernet1/1&privateinterface=ethernet1/2&publicnetwork=untrust&privatenetwork=trust&pavr=default), and optionally patp, palp, numretries, timeout and fwdevicecapacity`,
  ),
);

export const paloAltoFirewallAttributes = z.object({ ...devices.deviceAttributes });

export const paloAltoFirewallSpec = defineSpec({
  kind: "PaloAltoFirewall",
  description:
    "A Palo Alto firewall appliance of a physical network (root admin). The physical network's PaloAlto NetworkServiceProvider must be added first, Disabled: CloudStack enables that provider only once an enabled device exists, so set its state to Enabled after this device is created. The username and password are secret.",
  inputs: paloAltoFirewallInputs,
  attributes: paloAltoFirewallAttributes,
  defaultedByCloudStack: ["capacity"],
  inPlace: { capacity: true },
  secretOutputs: ["username", "password"],
  validate: (inputs, known) => (known("url") ? devices.urlFailures(inputs.url, URL_SETTINGS) : []),
  idOf: (device) => String(device.fwdeviceid),

  create: (client, inputs) =>
    devices.addDevice(
      client,
      COMMANDS,
      { physicalnetworkid: inputs.physicalNetworkId, url: inputs.url, username: inputs.username, password: inputs.password, networkdevicetype: "PaloAltoFirewall" },
      (added) => devices.capacityChange(inputs.capacity, added, "fwdevicecapacity"),
    ),

  read: (client, id) => devices.readDevice(client, COMMANDS.list, COMMANDS.idParam, id),

  update: (client, id, _olds, news, _ids, changed) =>
    devices.configureDevice(client, COMMANDS, id, changed.includes("capacity") && news.capacity !== undefined ? { fwdevicecapacity: news.capacity } : {}),

  async delete(client, id) {
    await client.execute("deletePaloAltoFirewall", { fwdeviceid: id });
  },

  inputsOf: (device, olds) => devices.deviceInputsOf(device, olds, "fwdevicecapacity"),
  attributesOf: (device) => devices.deviceAttributesOf(device, "fwdevicestate"),
});
