// Remote-access VPNs and VPN users (RemoteAccessVpnManagerImpl): a VPN only on the source NAT IP
// of a network or VPC that offers Vpn, one per IP and per network, its client range outside the
// guest CIDR, a generated pre-shared key; users belong to the account (not to one VPN), unique
// by name, at most remote.access.vpn.user.limit of them.
import { randomInt } from "crypto";
import { ApiError, paramError, uuidNotFound } from "../errors";
import type { Caller } from "../caller";
import type { Accounts } from "./accounts";
import { ipToNumber, isValidIp, numberToIp, parseCidr } from "./cidr";
import { configValue } from "./config";
import { applyDisplayUpdate, type DisplayUpdate } from "./display-update";
import { now } from "./dates";
import { newUuid, nextId } from "./ids";
import type { Networks } from "./networks";
import { offeringHasService } from "./offerings";
import { detectRulesConflict, nextRuleId, rulesOnIp, firewallFacts } from "./rule-conflicts";
import type { AccountRecord, FirewallRuleRecord, PublicIpRecord, SimulatorState } from "./records";
import type { RemoteAccessVpnRecord, VpnUserRecord } from "./vpn-records";
import type { Vpcs } from "./vpcs";

/** The UDP ports an L2TP/IPsec server listens on (IKE, L2TP, NAT traversal): NetUtils.VPN_PORT and friends. */
const VPN_PORTS = [500, 1701, 4500];
const PSK_LENGTH = 24;
const PSK_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const USERNAME = /^[a-zA-Z0-9][a-zA-Z0-9@._-]{2,63}$/;
const PASSWORD = /^[a-zA-Z0-9][a-zA-Z0-9@+=._-]{2,31}$/;

export interface CreateRemoteAccessVpnInput {
  publicipid: string;
  iprange?: string;
  account?: string;
  domainid?: string;
  openfirewall?: boolean;
  fordisplay?: boolean;
}

/** A client range "a.b.c.d-e.f.g.h" as numbers, or the reason it is refused (RemoteAccessVpnManagerImpl.validateIpRange). */
function parseRange(range: string): { start: number; end: number } {
  const parts = range.split("-");
  if (parts.length !== 2) throw paramError(`IP range [${range}] is an invalid IP range.`);
  if (!isValidIp(parts[0]) || !isValidIp(parts[1])) throw paramError(`One or both IPs sets in the range [${range}] are invalid IPs.`);
  const start = ipToNumber(parts[0]);
  const end = ipToNumber(parts[1]);
  if (start > end) throw paramError(`Range of IPs [${range}] is invalid.`);
  return { start, end };
}

/** What clients get: the configured range without its first address, which is the server's. */
export function clientRange(configured: string): string {
  const { start, end } = parseRange(configured);
  return `${numberToIp(start + 1)}-${numberToIp(end)}`;
}

export class RemoteAccessVpns {
  constructor(
    private readonly state: SimulatorState,
    private readonly accounts: Accounts,
    private readonly networks: Networks,
    private readonly vpcs: Vpcs,
  ) {}

  find(uuid: string): RemoteAccessVpnRecord | undefined {
    return this.state.remoteAccessVpns.find((v) => v.uuid === uuid);
  }

  onIp(ipUuid: string): RemoteAccessVpnRecord | undefined {
    return this.state.remoteAccessVpns.find((v) => v.ipUuid === ipUuid);
  }

  /** createRemoteAccessVpn's create step (RemoteAccessVpnManagerImpl.createRemoteAccessVpn): every check, then the VPN in state Added. */
  create(caller: Caller, input: CreateRemoteAccessVpnInput): RemoteAccessVpnRecord {
    const ip = this.state.publicIps.find((r) => r.uuid === input.publicipid);
    if (!ip) throw uuidNotFound("publicipid", input.publicipid);
    if (input.account !== undefined || input.domainid !== undefined) this.accounts.resolveOwner(caller, input);
    if (ip.state !== "Allocated" || ip.accountUuid === undefined) throw paramError(`The Ip address is not ready to be used yet: ${ip.address}`);
    this.accounts.checkAccess(caller, ip.accountUuid, ip.uuid);
    const network = ip.associatedNetworkUuid === undefined ? undefined : this.networks.find(ip.associatedNetworkUuid);
    const vpc = ip.vpcUuid === undefined ? undefined : this.vpcs.active(ip.vpcUuid);
    if (!network && !vpc) throw paramError(`Unable to create VPN for the public IP address ${ip.address} as ip is not associated with any network or VPC`);

    const existing = this.onIp(ip.uuid);
    if (existing) {
      // A retry while the first attempt is not applied yet gets that VPN back.
      if (existing.state === "Added") return existing;
      throw paramError(`A remote Access VPN already exists for the public IP address [${ip.address}].`);
    }
    const sameNetwork = this.state.remoteAccessVpns.find(
      (v) => v.accountUuid === ip.accountUuid && (network ? v.networkUuid === network.uuid : v.vpcUuid === vpc?.uuid),
    );
    if (sameNetwork) {
      throw paramError(`A remote access VPN already exists for the ${network ? `network ${network.uuid}` : `VPC ${vpc?.uuid}`}`);
    }

    const offersVpn = network ? offeringHasService(this.networks.offeringOf(network), "Vpn") : this.vpcs.offeringOf(vpc!).services.some((s) => s.name === "Vpn");
    if (!offersVpn) throw paramError(`Vpn service is not supported in network id=${network?.uuid ?? vpc?.uuid}`);
    // The virtual router serves VPN only on the source NAT IP (RemoteAccessVpnManagerImpl.validateRemoteAccessVpnConfiguration).
    if (!ip.isSourceNat) {
      throw paramError(network ? `Vpn service can only be configured on the Source NAT IP of network id=${network.uuid}` : `Vpn service can only be configured on the Source NAT IP of VPC id=${vpc!.uuid}`);
    }

    const owner = this.accounts.accountOrThrow(ip.accountUuid);
    const range = input.iprange ?? this.defaultRange(owner);
    const { start, end } = parseRange(range);
    const guestCidr = network ? (network.networkCidr ?? network.cidr) : vpc!.cidr;
    const guest = guestCidr === undefined ? undefined : parseCidr(guestCidr);
    if (guest) {
      const { first, last } = guest;
      if (start <= last && end >= first) {
        throw paramError(`Invalid ip range: ${range} overlaps with guest ip range ${numberToIp(first + 1)}-${numberToIp(last - 1)}`);
      }
    }

    // In a VPC the firewall is the ACL's business: CloudStack forces openfirewall off there.
    const openFirewall = vpc ? false : (input.openfirewall ?? true);
    const vpn: RemoteAccessVpnRecord = {
      uuid: newUuid(),
      id: nextId(this.state, "remoteAccessVpn"),
      ipUuid: ip.uuid,
      networkUuid: network?.uuid,
      vpcUuid: vpc?.uuid,
      accountUuid: owner.uuid,
      domainUuid: owner.domainUuid,
      ipRange: range,
      presharedKey: generatePsk(),
      state: "Added",
      display: input.fordisplay ?? true,
      created: now(),
    };
    if (openFirewall && network) this.openPorts(ip, network.uuid, owner, vpn.uuid);
    this.state.remoteAccessVpns.push(vpn);
    return vpn;
  }

  /** startRemoteAccessVpn: the router runs it, and the account's users are applied to it. */
  start(vpn: RemoteAccessVpnRecord): RemoteAccessVpnRecord {
    if (!this.find(vpn.uuid)) return vpn;
    vpn.state = "Running";
    for (const user of this.state.vpnUsers) if (user.accountUuid === vpn.accountUuid && user.state === "Add") user.state = "Active";
    return vpn;
  }

  /** updateRemoteAccessVpn (a job): the display flag and a custom id, nothing else. */
  update(caller: Caller, vpn: RemoteAccessVpnRecord, input: DisplayUpdate): RemoteAccessVpnRecord {
    return applyDisplayUpdate(this.accounts, caller, vpn, input);
  }

  /** destroyRemoteAccessVpnForIp: a VPN already gone counts as destroyed; its opened ports close with it. */
  delete(caller: Caller, ip: PublicIpRecord): void {
    const vpn = this.onIp(ip.uuid);
    if (!vpn) return;
    this.accounts.checkAccess(caller, vpn.accountUuid, vpn.uuid);
    this.removeVpn(vpn);
  }

  /** Part of releasing an IP, deleting its network or VPC. */
  removeVpn(vpn: RemoteAccessVpnRecord): void {
    this.state.firewallRules = this.state.firewallRules.filter((r) => r.relatedRuleUuid !== vpn.uuid);
    this.state.remoteAccessVpns = this.state.remoteAccessVpns.filter((v) => v !== vpn);
  }

  private defaultRange(owner: AccountRecord): string {
    return configValue(this.state, "remote.access.vpn.client.iprange", { scope: "Account", scopeUuid: owner.uuid }) ?? "10.1.2.1-10.1.2.8";
  }

  /** openfirewall: one ingress UDP rule per VPN port from anywhere, refused (537) where a rule already covers it. */
  private openPorts(ip: PublicIpRecord, networkUuid: string, owner: AccountRecord, vpnUuid: string): void {
    const rules: FirewallRuleRecord[] = VPN_PORTS.map((port) => ({
      uuid: newUuid(),
      id: nextRuleId(this.state),
      trafficType: "Ingress",
      ipUuid: ip.uuid,
      networkUuid,
      accountUuid: owner.uuid,
      domainUuid: owner.domainUuid,
      protocol: "udp",
      startPort: port,
      endPort: port,
      sourceCidrs: ["0.0.0.0/0"],
      destCidrs: [],
      relatedRuleUuid: vpnUuid,
      state: "Active",
      display: true,
      created: now(),
    }));
    const existing = rulesOnIp(this.state, ip.uuid);
    for (const rule of rules) detectRulesConflict(firewallFacts(this.state, rule), existing);
    this.state.firewallRules.push(...rules);
  }
}

function generatePsk(): string {
  let key = "";
  for (let i = 0; i < PSK_LENGTH; i++) key += PSK_ALPHABET[randomInt(PSK_ALPHABET.length)];
  return key;
}

export class VpnUsers {
  constructor(
    private readonly state: SimulatorState,
    private readonly accounts: Accounts,
  ) {}

  find(uuid: string): VpnUserRecord | undefined {
    return this.state.vpnUsers.find((u) => u.uuid === uuid);
  }

  /** addVpnUser's create step (RemoteAccessVpnManagerImpl.addVpnUser): the name and password rules, uniqueness and the limit. */
  add(caller: Caller, input: { username: string; password: string; account?: string; domainid?: string; projectid?: string }): VpnUserRecord {
    const owner =
      input.account !== undefined || input.domainid !== undefined || input.projectid !== undefined
        ? this.accounts.resolveOwner(caller, input)
        : this.accounts.callerAccount(caller);
    if (!USERNAME.test(input.username)) {
      throw paramError(
        `Username [${input.username}] is invalid. Username has to begin with an alphabet have 3-64 characters including alphabets, numbers and the set '@.-_'.`,
      );
    }
    if (!PASSWORD.test(input.password)) throw paramError("Password has to be 3-32 characters including alphabets, numbers and the set '@+=.-_'");
    const ofAccount = this.state.vpnUsers.filter((u) => u.accountUuid === owner.uuid);
    // A user being removed (Revoke) still holds its name.
    if (ofAccount.some((u) => u.username === input.username)) {
      throw paramError(`VPN User with name ${input.username} is already added for account ${owner.name}`);
    }
    const limit = Number(configValue(this.state, "remote.access.vpn.user.limit", { scope: "Account", scopeUuid: owner.uuid }) ?? "8");
    if (ofAccount.filter((u) => u.state !== "Revoke").length >= limit) {
      // AccountLimitException, which the command answers with 532.
      throw new ApiError(532, `Cannot add more than [${limit}] remote access VPN users to ${owner.name}`, 4370);
    }
    const user: VpnUserRecord = {
      uuid: newUuid(),
      id: nextId(this.state, "vpnUser"),
      username: input.username,
      password: input.password,
      accountUuid: owner.uuid,
      domainUuid: owner.domainUuid,
      state: "Add",
    };
    this.state.vpnUsers.push(user);
    return user;
  }

  /** applyVpnUsers: pushed to the account's running VPNs; without one the user waits in Add. */
  apply(user: VpnUserRecord): VpnUserRecord {
    if (this.state.remoteAccessVpns.some((v) => v.accountUuid === user.accountUuid && v.state === "Running")) user.state = "Active";
    return user;
  }

  /** removeVpnUser: by name within the owner account; the row goes once the revocation is applied. */
  remove(caller: Caller, input: { username: string; account?: string; domainid?: string; projectid?: string }): void {
    const owner =
      input.account !== undefined || input.domainid !== undefined || input.projectid !== undefined
        ? this.accounts.resolveOwner(caller, input)
        : this.accounts.callerAccount(caller);
    const user = this.state.vpnUsers.find((u) => u.accountUuid === owner.uuid && u.username === input.username);
    if (!user) throw paramError(`Could not find vpn user ${input.username}`);
    this.state.vpnUsers = this.state.vpnUsers.filter((u) => u !== user);
  }
}
