// VNF appliances (CloudStack 4.19+): instances deployed from a VNF template with deployVnfAppliance
// (DeployVnfApplianceCmd, UserVmManagerImpl.createVirtualMachine / verifyTemplate /
// getSecurityGroupIdList, VnfTemplateManagerImpl). Three things set them apart from a plain
// deploy: the template must be VNF and every required VNF NIC needs a network
// (validateVnfApplianceNics); in a zone with security groups a group opening the template's
// management ports is made for the appliance (createSecurityGroupForVnfAppliance, only with
// vnfconfiguremanagement=true); and on each isolated management network a public IP gets static
// NAT to the appliance with ingress firewall rules for those ports
// (createIsolatedNetworkRulesForVnfAppliance, which CloudStack runs whatever vnfconfiguremanagement says).
import { paramError } from "../errors";
import type { Caller } from "../caller";
import { isValidCidr, nextRuleId } from "./rule-conflicts";
import { now } from "./dates";
import { newUuid } from "./ids";
import type { Instances, DeployInput } from "./instances";
import type { Networks } from "./networks";
import { offeringHasService } from "./offerings";
import type { PublicIpAddresses } from "./public-ips";
import type { SecurityGroups } from "./security-groups";
import type { StaticNat } from "./static-nat";
import type { FirewallRules } from "./firewall-rules";
import type { AccountRecord, NetworkRecord, SimulatorState, TemplateRecord, VmRecord, ZoneRecord } from "./records";

/** VnfTemplateManagerImpl.VNF_SECURITY_GROUP_NAME: the prefix of the group made for an appliance. */
export const VNF_SECURITY_GROUP_PREFIX = "VNF_SecurityGroup_";

/** DeployVnfApplianceCmd's own parameters. */
export interface VnfManagement {
  /** vnfconfiguremanagement: false unless given true (DeployVnfApplianceCmd.getVnfConfigureManagement). */
  configure: boolean;
  /** vnfcidrlist: 0.0.0.0/0 when empty (DeployVnfApplianceCmd.getVnfCidrlist). */
  cidrs: string[];
}

/** VnfTemplateUtils.validateVnfCidrList, run in DeployVnfApplianceCmd.create: IPv4 CIDRs only. */
export function validateVnfCidrs(cidrs: readonly string[]): void {
  for (const cidr of cidrs) {
    if (!isValidCidr(cidr) || cidr.includes(":")) throw paramError(`Invalid cidr for VNF appliance: ${cidr}`);
  }
}

/**
 * VnfTemplateManagerImpl.validateVnfApplianceNics (called by verifyTemplate for every deploy of a
 * VNF template): a network list is needed, and each required VNF NIC's device id must have one.
 * The NIC is named as VnfTemplateNicVO.toString names it; the simulator numbers its NIC rows by
 * their place among all templates' NICs.
 */
export function validateVnfNetworks(state: SimulatorState, template: TemplateRecord, networkIds: readonly string[] | undefined): void {
  if (!networkIds || networkIds.length === 0) throw paramError("VNF nics list is empty");
  for (const nic of template.vnfNics ?? []) {
    if (nic.required && networkIds.length <= nic.deviceId) {
      throw paramError(`VNF nic is required but not found: Template {"id":${nicRowId(state, template, nic.deviceId)},"templateId":${template.id},"deviceId":${nic.deviceId},"required":true}`);
    }
  }
}

function nicRowId(state: SimulatorState, template: TemplateRecord, deviceId: number): number {
  let id = 0;
  for (const t of state.templates) {
    for (const nic of t.vnfNics ?? []) {
      id++;
      if (t === template && nic.deviceId === deviceId) return id;
    }
  }
  return id;
}

/**
 * VnfTemplateManagerImpl.getOpenPortsForVnfAppliance: from the access_methods detail, ssh-key and
 * ssh-password open ssh_port (22), http http_port (80), https https_port (443); a port detail
 * that is not a number falls back to the default (NumbersUtil.parseInt). console opens nothing.
 */
export function managementPorts(template: TemplateRecord): number[] {
  const details = template.vnfDetails ?? {};
  const port = (key: string, fallback: number) => {
    const value = details[key];
    return value !== undefined && /^[+-]?\d+$/.test(value.trim()) ? Number.parseInt(value.trim(), 10) : fallback;
  };
  const ports = new Set<number>();
  for (const method of (details.access_methods ?? "").split(",").map((m) => m.trim().toLowerCase())) {
    if (method === "ssh-key" || method === "ssh-password") ports.add(port("ssh_port", 22));
    else if (method === "http") ports.add(port("http_port", 80));
    else if (method === "https") ports.add(port("https_port", 443));
  }
  return [...ports].sort((a, b) => a - b);
}

export class VnfAppliances {
  constructor(
    private readonly state: SimulatorState,
    private readonly instances: Instances,
    private readonly networks: Networks,
    private readonly securityGroups: SecurityGroups,
    private readonly publicIps: PublicIpAddresses,
    private readonly staticNat: StaticNat,
    private readonly firewallRules: FirewallRules,
  ) {}

  /** deployVnfAppliance's create phase: the VNF checks, the management group or rules, and the instance. */
  deploy(caller: Caller, input: DeployInput, management: VnfManagement): VmRecord {
    const template = this.state.templates.find((t) => t.uuid === input.templateid);
    if (template && template.templateType !== "VNF") throw paramError("Can't deploy VNF appliance from a non-VNF template");
    const zone = this.state.zones.find((z) => z.uuid === input.zoneid);
    const networkIds = input.iptonetworklist && input.iptonetworklist.length > 0 ? input.iptonetworklist.map((e) => e.networkid ?? "") : (input.networkids ?? []);
    // The group is made only on the security group paths of createVirtualMachine (a basic zone,
    // or networks with the SecurityGroup service); elsewhere the isolated network rules apply.
    const groupPath = zone !== undefined && this.usesSecurityGroups(zone, networkIds);
    let withGroup = input;
    if (groupPath && template && zone && management.configure) {
      // The template and its NICs are checked before the group is made (verifyTemplate first).
      validateVnfNetworks(this.state, template, networkIds);
      const group = this.managementGroup(caller, input, template, management.cidrs);
      if (group) withGroup = { ...input, securitygroupids: [...(input.securitygroupids ?? []), group] };
    }
    const vm = this.instances.create(caller, withGroup);
    if (!groupPath && template && zone) this.isolatedManagementRules(caller, vm, template, management.cidrs);
    return vm;
  }

  /** UserVmManagerImpl.createVirtualMachine's choice of path: basic zone, or checkSecurityGroupSupportForNetwork. */
  private usesSecurityGroups(zone: ZoneRecord, networkIds: readonly string[]): boolean {
    if (zone.networkType === "Basic") return true;
    const networks = networkIds.map((id) => this.networks.find(id)).filter((n): n is NetworkRecord => n !== undefined);
    return networks.some((n) => this.instances.supportsSecurityGroups(n));
  }

  /** createSecurityGroupForVnfAppliance: a group of the owner with one TCP ingress rule per port and CIDR. */
  private managementGroup(caller: Caller, input: DeployInput, template: TemplateRecord, cidrs: string[]): string | undefined {
    const ports = managementPorts(template);
    if (ports.length === 0) return undefined;
    const owner: AccountRecord = this.instances.ownerOf(caller, input);
    const name = VNF_SECURITY_GROUP_PREFIX + Date.now().toString(16);
    const group = this.securityGroups.create(caller, { account: owner.name, domainid: owner.domainUuid }, name, "Security group for VNF appliance");
    for (const port of ports) this.securityGroups.authorize(caller, group, "ingress", { protocol: "tcp", startport: port, endport: port, cidrlist: cidrs });
    return group.uuid;
  }

  /**
   * createIsolatedNetworkRulesForVnfAppliance: for each management NIC (by the template's device
   * ids) with an IPv4 address on an isolated network outside a VPC whose offering has StaticNat
   * and Firewall, a public IP of the network (a second one when the first became the source NAT
   * IP), static NAT to the NIC's IP, and an applied TCP ingress rule per management port.
   */
  private isolatedManagementRules(caller: Caller, vm: VmRecord, template: TemplateRecord, cidrs: string[]): void {
    const managementDevices = new Set((template.vnfNics ?? []).filter((n) => n.management).map((n) => n.deviceId));
    const ports = managementPorts(template);
    for (const nic of this.instances.nicsOf(vm.uuid)) {
      if (!managementDevices.has(nic.deviceId) || nic.ipAddress === undefined) continue;
      const network = this.networks.find(nic.networkUuid);
      if (!network || network.guestType !== "Isolated" || network.vpcUuid !== undefined) continue;
      const offering = this.networks.offeringOf(network);
      if (!offeringHasService(offering, "StaticNat") || !offeringHasService(offering, "Firewall")) continue;
      const owner = { account: this.accountName(vm.accountUuid), domainid: vm.domainUuid };
      let ip = this.publicIps.associate(this.publicIps.allocate(caller, { networkid: network.uuid, ...owner }).ip, network);
      if (ip.isSourceNat) ip = this.publicIps.associate(this.publicIps.allocate(caller, { networkid: network.uuid, ...owner }).ip, network);
      this.staticNat.enable(caller, ip, vm, network.uuid, nic.ipAddress);
      for (const port of ports) {
        this.state.firewallRules.push({
          uuid: newUuid(),
          id: nextRuleId(this.state),
          trafficType: "Ingress",
          ipUuid: ip.uuid,
          networkUuid: network.uuid,
          accountUuid: vm.accountUuid,
          domainUuid: vm.domainUuid,
          protocol: "tcp",
          startPort: port,
          endPort: port,
          sourceCidrs: [...cidrs],
          destCidrs: [],
          state: "Add",
          display: true,
          created: now(),
        });
      }
      this.firewallRules.applyOnIp(ip.uuid);
    }
  }

  private accountName(accountUuid: string): string {
    return this.state.accounts.find((a) => a.uuid === accountUuid)?.name ?? "";
  }
}
