// A VNF appliance (CloudStack 4.19+): a VNF template whose first NIC is the management one and
// whose access is HTTPS, an isolated network, and the appliance deployed from the template on
// that network. On an isolated network CloudStack opens the management port itself
// (VnfTemplateManagerImpl.createIsolatedNetworkRulesForVnfAppliance): a public IP of the
// network with static NAT to the appliance and a firewall rule for the port from the CIDRs
// given. Destroying the appliance releases that IP. Works as is against the simulator once
// `osTypeId` is set; set the zone and image for a real cloud.
import * as pulumi from "@pulumi/pulumi";
import * as cloudstack from "pulumi-cloudstack";

const config = new pulumi.Config();
const zone = config.get("zone") ?? "Sandbox-simulator";

const template = new cloudstack.VnfTemplate("firewall-image", {
  name: config.get("templateName") ?? "example-firewall",
  url: config.get("imageUrl") ?? "https://images.example/firewall.qcow2",
  zone,
  hypervisor: config.get("hypervisor") ?? "Simulator",
  format: config.get("format") ?? "QCOW2",
  osTypeId: config.require("osTypeId"),
  nics: [
    { deviceId: 0, name: "MGMT", description: "management and uplink" },
    { deviceId: 1, name: "LAN", required: false, management: false },
  ],
  details: { vendor: "Example", access_methods: "https", https_port: "8443" },
});

const network = new cloudstack.Network("management", {
  name: "vnf-management",
  zone,
  networkOffering: "DefaultIsolatedNetworkOfferingWithSourceNatService",
  cidr: config.get("cidr") ?? "10.1.45.0/24",
});

const appliance = new cloudstack.VnfAppliance("firewall", {
  name: "example-firewall",
  zone,
  serviceOffering: config.get("serviceOffering") ?? "Small Instance",
  // By id: the appliance waits for the template.
  template: template.id,
  // Device id 0 (MGMT) on the isolated network; LAN is optional and left out.
  networks: [{ network: network.id }],
  vnfConfigureManagement: true,
  vnfCidrList: [config.get("adminCidr") ?? "198.51.100.0/24"],
});

export const templateId = template.id;
export const applianceId = appliance.id;
export const applianceState = appliance.state;
export const applianceIp = appliance.ipAddress;
export const managementPublicIp = appliance.managementPublicIp;
