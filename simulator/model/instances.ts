// User instances and their NICs (UserVmManagerImpl, VirtualMachineManagerImpl, as far as
// addressing needs them). deployVirtualMachine works in CloudStack's two phases: the create phase
// (sync) checks the request, stores the instance and allocates its NICs and guest IPs; the start
// phase (the job) implements Allocated networks (guest VLAN, source NAT IP) and, in an elastic-IP
// network, gives the instance a system public IP with static NAT. A start that fails leaves the
// instance in Error, holding its NICs. Expunging frees NICs, secondary IPs and static NAT.
import { randomBytes } from "crypto";
import { ApiError, internalError, paramError, permissionError, uuidNotFound } from "../errors";
import type { Caller } from "../caller";
import type { Accounts, OwnerParams } from "./accounts";
import { canUseTemplate, templateZones } from "./catalog";
import { Pods } from "./pods";
import { isValidIp } from "./cidr";
import { configValue } from "./config";
import { now } from "./dates";
import { allocateGuestIp, releaseGuestIp } from "./guest-ips";
import { newUuid, nextId } from "./ids";
import type { Networks } from "./networks";
import type { SecurityGroups } from "./security-groups";
import { SoftDeletedRecords } from "./soft-deleted";
import { templateReady } from "./template-downloads";
import { validateVnfNetworks } from "./vnf-appliances";
import { assignElasticIp, releaseVmStaticNat, staticNatCapability, staticNatIpsOf } from "./static-nat";
import type { AccountRecord, NetworkRecord, NicRecord, NicSecondaryIpRecord, PublicIpRecord, SimulatorState, VlanIpRangeRecord, VmRecord, ZoneRecord } from "./records";

export interface NetworkRequest {
  networkid: string;
  ip?: string;
}

export interface DeployInput extends OwnerParams {
  zoneid: string;
  serviceofferingid: string;
  templateid?: string;
  name?: string;
  displayname?: string;
  group?: string;
  password?: string;
  networkids?: string[];
  iptonetworklist?: Array<{ networkid?: string; ip?: string }>;
  ipaddress?: string;
  securitygroupids?: string[];
  securitygroupnames?: string[];
  startvm?: boolean;
}

const HOSTNAME_TEXT =
  "Invalid name. Vm name can contain ASCII letters 'a' through 'z', the digits '0' through '9', and the hyphen ('-'), must be between 1 and 63 characters long, and can't start or end with \"-\" and can't start with digit";

/** NetUtils.verifyDomainNameLabel(hostName, true). */
const isValidHostName = (name: string): boolean => /^[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(name);

/** CloudStack's generated passwords (vm.password.length, 6 by default): letters and digits. */
function generatePassword(): string {
  const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  return [...randomBytes(6)].map((b) => alphabet[b % alphabet.length]).join("");
}

/** A stable locally administered MAC from the NIC's numeric id. */
const macFor = (id: number): string =>
  ["02", "00", (id >>> 24) & 255, (id >>> 16) & 255, (id >>> 8) & 255, id & 255]
    .map((p) => (typeof p === "string" ? p : p.toString(16).padStart(2, "0")))
    .join(":");

export class Instances extends SoftDeletedRecords<VmRecord> {
  constructor(
    private readonly state: SimulatorState,
    private readonly accounts: Accounts,
    private readonly networks: Networks,
    private readonly securityGroups: SecurityGroups,
  ) {
    super();
  }

  protected rows(): VmRecord[] {
    return this.state.vms;
  }

  /** The instance's NICs, default first then by device id. */
  nicsOf(vmUuid: string): NicRecord[] {
    return this.state.nics.filter((n) => n.vmUuid === vmUuid).sort((a, b) => a.deviceId - b.deviceId);
  }

  defaultNic(vmUuid: string): NicRecord | undefined {
    return this.nicsOf(vmUuid).find((n) => n.isDefault);
  }

  nicInNetwork(vmUuid: string, networkUuid: string): NicRecord | undefined {
    return this.nicsOf(vmUuid).find((n) => n.networkUuid === networkUuid);
  }

  findNic(uuid: string): NicRecord | undefined {
    return this.state.nics.find((n) => n.uuid === uuid);
  }

  secondaryIpsOf(nicUuid: string): NicSecondaryIpRecord[] {
    return this.state.nicSecondaryIps.filter((s) => s.nicUuid === nicUuid).sort((a, b) => a.id - b.id);
  }

  findSecondaryIp(uuid: string): NicSecondaryIpRecord | undefined {
    return this.state.nicSecondaryIps.find((s) => s.uuid === uuid);
  }

  /** Live instances with a NIC in the network. */
  inNetwork(networkUuid: string): VmRecord[] {
    const vms = new Set(this.state.nics.filter((n) => n.networkUuid === networkUuid).map((n) => n.vmUuid));
    return this.live().filter((vm) => vms.has(vm.uuid));
  }

  /** Public IPs with static NAT to the instance. */
  staticNatIpsOf(vmUuid: string): PublicIpRecord[] {
    return staticNatIpsOf(this.state, vmUuid);
  }

  /** NetworkModelImpl.checkNetworkPermissions: may the account put an instance in the network? */
  private canUseNetwork(owner: AccountRecord, network: NetworkRecord): boolean {
    if (network.aclType === "Domain") {
      if (owner.domainUuid === network.domainUuid) return true;
      return (network.subdomainAccess ?? true) && this.accounts.domainSubtree(network.domainUuid).has(owner.domainUuid);
    }
    // An account network: its owner's, or an account granted it (createNetworkPermissions).
    return network.accountUuid === owner.uuid || this.state.networkPermissions.some((p) => p.networkUuid === network.uuid && p.accountUuid === owner.uuid);
  }

  /** The network list of a deploy, in order (the first is the default), with requested IPs. */
  private requestedNetworks(input: DeployInput, zone: ZoneRecord, owner: AccountRecord): Array<{ network: NetworkRecord; ip?: string }> {
    const mapped = input.iptonetworklist ?? [];
    if (mapped.length > 0 && (input.networkids !== undefined || input.ipaddress !== undefined)) {
      throw paramError("ipToNetworkMap can't be specified along with networkIds or ipAddress");
    }
    let requests: NetworkRequest[];
    if (mapped.length > 0) {
      requests = mapped.map((m, i) => {
        if (m.networkid === undefined) throw paramError(`Unable to find network id in iptonetworklist[${i}]`);
        return { networkid: m.networkid, ip: m.ip };
      });
    } else {
      requests = (input.networkids ?? []).map((id, i) => ({ networkid: id, ip: i === 0 ? input.ipaddress : undefined }));
    }
    for (const r of requests) {
      if (!this.networks.known(r.networkid)) throw uuidNotFound(mapped.length > 0 ? "iptonetworklist" : "networkids", r.networkid);
    }
    if (requests.length === 0) {
      if (zone.networkType === "Basic") {
        const basic = this.networks.live().find((n) => n.zoneUuid === zone.uuid && n.guestType === "Shared");
        if (!basic) throw paramError(`Unable to find a default network in zone ${zone.uuid}`);
        requests = [{ networkid: basic.uuid, ip: input.ipaddress }];
      } else {
        throw paramError("Specify at least one network (networkids or iptonetworklist) to deploy an instance in an Advanced zone");
      }
    }
    const seen = new Set<string>();
    return requests.map((r) => {
      const network = this.networks.find(r.networkid);
      if (!network) throw paramError(`Network with id ${r.networkid} doesn't exist`);
      if (network.zoneUuid !== zone.uuid) throw paramError(`Network id=${network.uuid} doesn't belong to zone ${zone.uuid}`);
      if (!this.canUseNetwork(owner, network)) throw permissionError(`Unable to use network with id= ${network.uuid}, permission denied`);
      if (seen.has(network.uuid)) throw paramError(`Network id=${network.uuid} is specified more than once`);
      seen.add(network.uuid);
      if (r.ip !== undefined && !isValidIp(r.ip)) throw paramError(`Invalid format for IP address parameter: ${r.ip}`);
      return { network, ip: r.ip };
    });
  }

  /** The deploy's create phase: every check, then the instance (Stopped) with NICs and guest IPs. */
  create(caller: Caller, input: DeployInput): VmRecord {
    const zone = this.state.zones.find((z) => z.uuid === input.zoneid);
    if (!zone) throw uuidNotFound("zoneid", input.zoneid);
    const offering = this.state.serviceOfferings.find((o) => o.uuid === input.serviceofferingid);
    if (!offering) throw uuidNotFound("serviceofferingid", input.serviceofferingid);
    if (input.templateid === undefined) {
      throw paramError("Unable to execute API command deployvirtualmachine due to missing parameter templateid");
    }
    const template = this.state.templates.find((t) => t.uuid === input.templateid);
    if (!template) throw uuidNotFound("templateid", input.templateid);
    const owner = this.ownerOf(caller, input);
    if (zone.allocationState !== "Enabled" && !caller.isRootAdmin) {
      throw permissionError(`Cannot perform this operation, Zone is currently disabled: ${zone.uuid}`);
    }
    if (!canUseTemplate(template, owner.uuid)) {
      throw permissionError(`Account ${caller.accountName} does not have permission to operate with resource ${template.uuid}`);
    }
    // UserVmManagerImpl.createVirtualMachine: the template must be registered in the zone.
    if (!templateZones(this.state, template).includes(zone.uuid)) {
      throw paramError(`The template ${template.id} is not available for use`);
    }

    // UserVmManagerImpl.verifyTemplate: a VNF template's required NICs need networks, whichever command deploys it.
    if (template.templateType === "VNF") {
      const mapped = input.iptonetworklist ?? [];
      validateVnfNetworks(this.state, template, mapped.length > 0 ? mapped.map((m) => m.networkid ?? "") : input.networkids);
    }

    const groupUuids = this.requestedGroups(input, owner);

    const requested = this.requestedNetworks(input, zone, owner);

    const uuid = newUuid();
    const name = input.name ?? `VM-${uuid}`;
    if (!isValidHostName(name)) throw paramError(HOSTNAME_TEXT);
    for (const { network } of requested) {
      const clash = this.inNetwork(network.uuid).find((vm) => vm.name.toLowerCase() === name.toLowerCase());
      if (clash) {
        throw paramError(`The vm with hostName ${name} already exists in the network domain: ${network.networkDomain ?? ""}; network=${network.uuid}`);
      }
    }
    // Groups apply only on networks with the SecurityGroup service (NetworkModelImpl
    // .checkSecurityGroupSupportForNetwork): every network of an SG-enabled zone must have it,
    // elsewhere at least one must (UserVmManagerImpl.createAdvancedVirtualMachine).
    const withGroups = requested.filter(({ network }) => this.supportsSecurityGroups(network));
    if (groupUuids.length > 0 && withGroups.length === 0) {
      throw paramError(
        zone.securityGroupsEnabled || zone.networkType === "Basic"
          ? "Unable to deploy vm with security groups as SecurityGroup service is not enabled for the vm's network"
          : "Can't create vm with security groups; security group feature is not enabled per zone",
      );
    }
    if (zone.securityGroupsEnabled && zone.networkType === "Advanced" && withGroups.length < requested.length) {
      const without = requested.find(({ network }) => !this.supportsSecurityGroups(network));
      throw paramError(`Network is not security group enabled: ${without?.network.id ?? ""}`);
    }
    // network.securitygroups.defaultadding: the account's default group when none is given.
    if (withGroups.length > 0 && groupUuids.length === 0) groupUuids.push(this.securityGroups.ensureDefault(owner).uuid);

    // VolumeOrchestrator.createDiskCharacteristics, while the instance is allocated: the root
    // volume needs the template downloaded to the zone. The allocation rolls back: no instance.
    if (!templateReady(template)) {
      const fields = (o: { uuid: string; name: string }) => JSON.stringify({ uuid: o.uuid, name: o.name });
      throw internalError(`Template [${fields(template)}] has not been completely downloaded to the zone [${fields(zone)}].`);
    }

    const id = nextId(this.state, "vm");
    const vm: VmRecord = {
      uuid,
      id,
      name,
      displayName: input.displayname ?? name,
      instanceName: `i-${owner.id}-${id}-VM`,
      accountUuid: owner.uuid,
      domainUuid: owner.domainUuid,
      userUuid: caller.userId,
      zoneUuid: zone.uuid,
      serviceOfferingUuid: offering.uuid,
      templateUuid: template.uuid,
      state: "Stopped",
      password: template.passwordEnabled ? (input.password ?? generatePassword()) : undefined,
      securityGroupUuids: groupUuids,
      // A zone made through the API runs instances on its pod's stand-in host.
      hostUuid: new Pods(this.state).hostFor(zone) ?? newUuid(),
      group: input.group,
      created: now(),
    };

    // Allocation is all or nothing: a failure gives back what was taken and stores no instance.
    const nics: NicRecord[] = [];
    const podUuid = this.state.pods.find((p) => p.capacity.hostUuid === vm.hostUuid)?.uuid;
    try {
      requested.forEach(({ network, ip }, deviceId) => {
        const address = allocateGuestIp(this.state, network, owner.uuid, ip, podUuid);
        const nicId = nextId(this.state, "nic");
        nics.push({
          uuid: newUuid(),
          id: nicId,
          vmUuid: vm.uuid,
          networkUuid: network.uuid,
          ipAddress: address,
          gateway: address === undefined ? undefined : this.gatewayFor(network, address),
          netmask: address === undefined ? undefined : this.netmaskFor(network, address),
          macAddress: macFor(nicId),
          isDefault: deviceId === 0,
          deviceId,
          created: now(),
        });
        // The next NIC's allocation must see this one's IP as taken.
        this.state.nics.push(nics[nics.length - 1]);
      });
    } catch (e) {
      for (const nic of nics) {
        const network = this.networks.find(nic.networkUuid);
        if (network && nic.ipAddress !== undefined) releaseGuestIp(this.state, network, nic.ipAddress);
      }
      this.state.nics = this.state.nics.filter((n) => !nics.includes(n));
      throw e;
    }
    this.state.vms.push(vm);
    return vm;
  }

  /** The deploy's owner: the account or project given, else the caller's account. */
  ownerOf(caller: Caller, input: OwnerParams): AccountRecord {
    return input.account !== undefined || input.domainid !== undefined || input.projectid !== undefined
      ? this.accounts.resolveOwner(caller, input)
      : this.accounts.callerAccount(caller);
  }

  /** A guest range's own gateway when the address is in one (ranges of different subnets), else the network's. */
  private gatewayFor(network: NetworkRecord, address: string): string | undefined {
    return this.rangeOf(network, address)?.gateway ?? network.gateway;
  }

  private netmaskFor(network: NetworkRecord, address: string): string | undefined {
    return this.rangeOf(network, address)?.netmask ?? this.networks.netmaskOf(network);
  }

  private rangeOf(network: NetworkRecord, address: string): VlanIpRangeRecord | undefined {
    const row = this.state.publicIps.find((ip) => ip.address === address && ip.associatedNetworkUuid === network.uuid);
    return row === undefined ? undefined : this.state.vlanIpRanges.find((r) => r.uuid === row.vlanRangeUuid && r.networkUuid === network.uuid);
  }

  /**
   * The deploy's start phase (the job): implements the instance's Allocated networks, gives it an
   * elastic IP where the network offers one, and runs it. Any failure leaves it in Error.
   */
  start(vm: VmRecord): void {
    vm.state = "Starting";
    try {
      for (const nic of this.nicsOf(vm.uuid)) {
        const network = this.networks.find(nic.networkUuid);
        if (network && network.state === "Allocated") this.networks.implement(network);
        if (network) this.networks.checkProvidersEnabled(network);
      }
      const nic = this.defaultNic(vm.uuid);
      const network = nic ? this.networks.find(nic.networkUuid) : undefined;
      const elastic = network !== undefined && staticNatCapability(this.networks.offeringOf(network), "ElasticIp");
      if (nic && network && elastic && nic.ipAddress !== undefined && this.staticNatIpsOf(vm.uuid).length === 0) {
        assignElasticIp(this.state, vm, nic, network);
      }
    } catch (e) {
      vm.state = "Error";
      throw e;
    }
    vm.state = "Running";
  }

  /** Whether the network's offering has the SecurityGroup service. */
  supportsSecurityGroups(network: NetworkRecord): boolean {
    return this.networks.offeringOf(network).services.some((s) => s.name === "SecurityGroup");
  }

  /** securitygroupids or securitygroupnames (not both), resolved in the owner's account. */
  private requestedGroups(input: { securitygroupids?: string[]; securitygroupnames?: string[] }, owner: AccountRecord): string[] {
    if (input.securitygroupids !== undefined && input.securitygroupnames !== undefined) {
      throw paramError("securitygroupids parameter is mutually exclusive with securitygroupnames parameter");
    }
    const groupUuids: string[] = [];
    for (const id of input.securitygroupids ?? []) {
      const g = this.securityGroups.find(id);
      if (!g) throw uuidNotFound("securitygroupids", id);
      if (g.accountUuid !== owner.uuid) throw paramError(`Unable to find security group by id ${id}`);
      groupUuids.push(g.uuid);
    }
    for (const name of input.securitygroupnames ?? []) {
      const g = this.securityGroups.byName(owner.uuid, name);
      if (!g) throw paramError(`Unable to find group by name ${name}`);
      groupUuids.push(g.uuid);
    }
    return [...new Set(groupUuids)];
  }

  /**
   * updateVirtualMachine: the display name, the host name, the group, and the security groups, whose new list
   * replaces the old one and needs the instance Stopped (UserVmManagerImpl.updateVirtualMachine).
   * Its other parameters are not modelled.
   */
  update(
    caller: Caller,
    vm: VmRecord,
    input: { displayname?: string; name?: string; group?: string; securitygroupids?: string[]; securitygroupnames?: string[] },
  ): VmRecord {
    if (vm.removed) throw paramError(`unable to find virtual machine with id ${vm.uuid}`);
    this.accounts.checkAccess(caller, vm.accountUuid, vm.uuid);
    // The host name: RFC-compliant and unique in each of the instance's network domains.
    const name = input.name !== undefined && input.name !== vm.name ? input.name : undefined;
    if (name !== undefined) {
      if (!isValidHostName(name)) throw paramError(HOSTNAME_TEXT);
      for (const nic of this.nicsOf(vm.uuid)) {
        const network = this.networks.find(nic.networkUuid);
        const clash = this.inNetwork(nic.networkUuid).some((other) => other !== vm && other.name === name);
        if (clash) throw paramError(`The vm with hostName ${name} already exists in the network domain: ${network?.networkDomain ?? ""}; network=${network?.name ?? "<unknown>"}`);
      }
    }
    const changesGroups = input.securitygroupids !== undefined || input.securitygroupnames !== undefined;
    let groups: string[] | undefined;
    if (changesGroups) {
      groups = this.requestedGroups(input, this.accounts.accountOrThrow(vm.accountUuid));
      if (vm.state !== "Stopped") throw paramError(`VM ${vm.uuid} must be stopped prior to update security groups`);
    }
    if (input.displayname !== undefined) vm.displayName = input.displayname;
    if (name !== undefined) vm.name = name;
    if (input.group !== undefined) vm.group = input.group === "" ? undefined : input.group;
    if (groups !== undefined) vm.securityGroupUuids = groups;
    return vm;
  }

  /** destroyVirtualMachine (UserVmManagerImpl.destroyVm), expunging when asked. */
  destroy(caller: Caller, vm: VmRecord, expunge: boolean): VmRecord {
    if (vm.removed) throw paramError("Unable to find a virtual machine with specified vmId");
    this.accounts.checkAccess(caller, vm.accountUuid, vm.uuid);
    if (expunge && caller.accountType === 0) {
      const allowed = configValue(this.state, "allow.user.expunge.recover.vm", { scope: "Account", scopeUuid: vm.accountUuid }) === "true";
      if (!allowed) {
        throw permissionError("Parameter expunge can be passed by Admin only. Or when the allow.user.expunge.recover.vm key is set.");
      }
    }
    if (expunge) this.expunge(vm);
    else vm.state = "Destroyed";
    return vm;
  }

  /** Frees everything the instance holds; the row stays, removed, as CloudStack keeps it. */
  private expunge(vm: VmRecord): void {
    releaseVmStaticNat(this.state, vm.uuid);
    for (const nic of this.nicsOf(vm.uuid)) {
      const network = this.state.networks.find((n) => n.uuid === nic.networkUuid);
      for (const secondary of this.secondaryIpsOf(nic.uuid)) {
        if (network) releaseGuestIp(this.state, network, secondary.ipAddress);
      }
      if (network && nic.ipAddress !== undefined) releaseGuestIp(this.state, network, nic.ipAddress);
    }
    this.state.nicSecondaryIps = this.state.nicSecondaryIps.filter((s) => s.vmUuid !== vm.uuid);
    this.state.nics = this.state.nics.filter((n) => n.vmUuid !== vm.uuid);
    vm.state = "Expunging";
    vm.removed = now();
  }

  /** addIpToNic's create phase (NetworkServiceImpl.allocateSecondaryGuestIP): the IP is taken at once. */
  addSecondaryIp(caller: Caller, nic: NicRecord, requested?: string): NicSecondaryIpRecord {
    const vm = this.find(nic.vmUuid);
    if (!vm) throw paramError(`There is no VM with the NIC [${nic.uuid}]`);
    this.accounts.checkAccess(caller, vm.accountUuid, vm.uuid);
    const network = this.networks.find(nic.networkUuid);
    if (!network) throw paramError("Invalid network id is given");
    if (network.guestType === "L2") throw new ApiError(530, "Failed to assign secondary ip to nic", 9999);
    if (requested !== undefined && !isValidIp(requested)) throw paramError(`Invalid format for IP address parameter: ${requested}`);
    let address: string | undefined;
    try {
      address = allocateGuestIp(this.state, network, vm.accountUuid, requested);
    } catch (e) {
      if (e instanceof ApiError) throw paramError(`Allocating ip to guest nic ${nic.uuid} failed`);
      throw e;
    }
    if (address === undefined) throw new ApiError(530, "Failed to assign secondary ip to nic", 9999);
    const record: NicSecondaryIpRecord = {
      uuid: newUuid(),
      id: nextId(this.state, "nicSecondaryIp"),
      nicUuid: nic.uuid,
      vmUuid: vm.uuid,
      networkUuid: network.uuid,
      ipAddress: address,
      created: now(),
    };
    this.state.nicSecondaryIps.push(record);
    return record;
  }

  /** removeIpFromNic (NetworkServiceImpl.releaseSecondaryIpFromNic). */
  removeSecondaryIp(caller: Caller, secondary: NicSecondaryIpRecord): void {
    if (!this.state.nicSecondaryIps.includes(secondary)) throw paramError("Unable to find secondary ip address by id");
    const vm = this.find(secondary.vmUuid);
    if (!vm) throw paramError("There is no vm with the given secondary ip");
    this.accounts.checkAccess(caller, vm.accountUuid, vm.uuid);
    const network = this.state.networks.find((n) => n.uuid === secondary.networkUuid);
    if (!network) throw paramError("Invalid network id is given");
    const nat = this.state.publicIps.find(
      (ip) => ip.staticNat?.vmUuid === vm.uuid && ip.staticNat.networkUuid === network.uuid && ip.staticNat.vmGuestIp === secondary.ipAddress,
    );
    if (nat && network.guestType === "Isolated") {
      throw paramError(`Can' remove the ip ${secondary.ipAddress}is associate with static NAT rule public IP address id ${nat.uuid}`);
    }
    if (nat) delete nat.staticNat;
    releaseGuestIp(this.state, network, secondary.ipAddress);
    this.state.nicSecondaryIps = this.state.nicSecondaryIps.filter((s) => s !== secondary);
  }
}
