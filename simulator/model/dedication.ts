// Guest VLAN ranges dedicated to accounts (NetworkServiceImpl.dedicateGuestVlanRange /
// releaseDedicatedGuestVlanRange) and the account-aware VLAN allocation that uses them: an
// account's new isolated networks take VLANs from its dedicated ranges first, then from the
// rest of the vnet range while use.system.guest.vlans allows (DataCenterVnetDaoImpl / allocateVnet).
import { ApiError, paramError, uuidNotFound } from "../errors";
import type { Accounts } from "./accounts";
import { configValue } from "./config";
import { newUuid, nextId } from "./ids";
import type { AccountRecord, DedicatedGuestVlanRangeRecord, PhysicalNetworkRecord, SimulatorState } from "./records";

/** InsufficientVirtualNetworkCapacityException surfaces as 533 (InsufficientCapacityException). */
const noVnet = (networkUuid: string): ApiError =>
  new ApiError(533, `Unable to allocate vnet as a part of network ${networkUuid} implement `, 4325);

/** The account holding a VLAN of the physical network (the owner of the network using it). */
function vlanHolder(state: SimulatorState, pnet: PhysicalNetworkRecord, tag: number): string | undefined {
  const networkUuid = pnet.allocatedVnets[String(tag)];
  if (networkUuid === undefined) return undefined;
  return state.networks.find((n) => n.uuid === networkUuid)?.accountUuid;
}

const dedicatedTo = (state: SimulatorState, pnetUuid: string, tag: number): DedicatedGuestVlanRangeRecord | undefined =>
  state.dedicatedGuestVlanRanges.find((d) => d.physicalNetworkUuid === pnetUuid && tag >= d.start && tag <= d.end);

/**
 * Takes a guest VLAN for the owner's network: the lowest free tag of the owner's dedicated
 * ranges, else (when the owner has none, or use.system.guest.vlans is true for it) the lowest
 * free tag dedicated to nobody. 533 when none is left.
 */
export function allocateGuestVlan(state: SimulatorState, pnet: PhysicalNetworkRecord, networkUuid: string, ownerAccountUuid: string): string {
  const own = state.dedicatedGuestVlanRanges
    .filter((d) => d.physicalNetworkUuid === pnet.uuid && d.accountUuid === ownerAccountUuid)
    .sort((a, b) => a.start - b.start);
  const take = (tag: number): string => {
    pnet.allocatedVnets[String(tag)] = networkUuid;
    return String(tag);
  };
  for (const d of own) {
    for (let tag = d.start; tag <= d.end; tag += 1) if (pnet.allocatedVnets[String(tag)] === undefined) return take(tag);
  }
  const useSystem = own.length === 0 || configValue(state, "use.system.guest.vlans", { scope: "Account", scopeUuid: ownerAccountUuid }) !== "false";
  if (useSystem) {
    for (const [start, end] of pnet.vnetRanges) {
      for (let tag = start; tag <= end; tag += 1) {
        if (pnet.allocatedVnets[String(tag)] === undefined && !dedicatedTo(state, pnet.uuid, tag)) return take(tag);
      }
    }
  }
  throw noVnet(networkUuid);
}

export interface DedicateGuestVlanInput {
  vlanrange: string;
  physicalnetworkid: string;
  account?: string;
  domainid?: string;
  projectid?: string;
}

export class GuestVlanDedications {
  constructor(
    private readonly state: SimulatorState,
    private readonly accounts: Accounts,
  ) {}

  /** Hard-deleted on release (releaseDedicatedGuestVlanRange removes the account_guest_vlan_map row): an unknown id fails UUID resolution. */
  resolve(param: string, uuid: string): DedicatedGuestVlanRangeRecord {
    const d = this.state.dedicatedGuestVlanRanges.find((r) => r.uuid === uuid);
    if (!d) throw uuidNotFound(param, uuid);
    return d;
  }

  all(): DedicatedGuestVlanRangeRecord[] {
    return [...this.state.dedicatedGuestVlanRanges].sort((a, b) => a.id - b.id);
  }

  dedicate(input: DedicateGuestVlanInput): DedicatedGuestVlanRangeRecord {
    let owner: AccountRecord | undefined;
    if (input.projectid !== undefined) {
      if (input.account !== undefined) throw paramError("accountName and projectId are mutually exclusive");
      const project = this.accounts.project(input.projectid);
      if (!project) throw uuidNotFound("projectid", input.projectid);
      owner = this.accounts.accountOrThrow(project.accountUuid);
    }
    if (input.domainid !== undefined && !this.accounts.domain(input.domainid)) throw uuidNotFound("domainid", input.domainid);
    if (input.account !== undefined && input.domainid !== undefined) {
      owner = this.state.accounts.find((a) => a.name === input.account && a.domainUuid === input.domainid && a.type !== 5 && a.state === "enabled");
    }
    if (!owner) throw paramError(`Unable to find account by name ${input.account ?? "null"}`);

    const pnet = this.state.physicalNetworks.find((p) => p.uuid === input.physicalnetworkid);
    if (!pnet) throw uuidNotFound("physicalnetworkid", input.physicalnetworkid);
    const methods = pnet.isolationMethods.toUpperCase();
    if (methods !== "" && !methods.includes("VLAN") && !methods.includes("VXLAN")) {
      throw paramError(`Cannot dedicate guest VLAN range. Physical isolation type of Network ${pnet.uuid} is not VLAN nor VXLAN`);
    }
    const parts = input.vlanrange.split("-");
    if (parts.length !== 2) {
      throw paramError(`Invalid format for parameter value vlan ${input.vlanrange} .VLAN should be specified as 'startvlan-endvlan'`);
    }
    if (!parts.every((p) => /^-?\d+$/.test(p.trim()))) throw paramError("Please provide valid guest vlan range");
    const start = Number(parts[0]);
    const end = Number(parts[1]);
    if (pnet.vnetRanges.length > 0 && !pnet.vnetRanges.some(([s, e]) => start <= end && start >= s && end <= e)) {
      throw paramError(`Unable to find guest vlan by range ${input.vlanrange}`);
    }
    for (let tag = start; tag <= end; tag += 1) {
      if (!pnet.vnetRanges.some(([s, e]) => tag >= s && tag <= e)) {
        throw paramError(`Guest VLAN ${tag} from this range ${start}-${end} is not present in the system for physical network ID: ${pnet.uuid}`);
      }
      const holder = vlanHolder(this.state, pnet, tag);
      if (holder !== undefined && holder !== owner.uuid) {
        throw paramError(
          `Guest VLAN from this range ${tag} is allocated to a different Account. Can only dedicate a range which has no allocated VLANs or has VLANs allocated to the same Account `,
        );
      }
    }
    for (const d of this.state.dedicatedGuestVlanRanges.filter((r) => r.physicalNetworkUuid === pnet.uuid)) {
      if ((start < d.start && end >= d.start) || (start >= d.start && start <= d.end)) {
        throw paramError(`Vlan range is already dedicated. Cannot dedicate guest vlan range ${input.vlanrange}`);
      }
    }
    const record: DedicatedGuestVlanRangeRecord = {
      uuid: newUuid(),
      id: nextId(this.state, "accountGuestVlanMap"),
      physicalNetworkUuid: pnet.uuid,
      start,
      end,
      accountUuid: owner.uuid,
    };
    this.state.dedicatedGuestVlanRanges.push(record);
    return record;
  }

  release(record: DedicatedGuestVlanRangeRecord): void {
    if (!this.state.dedicatedGuestVlanRanges.includes(record)) {
      throw paramError("Dedicated guest vlan with specified id doesn't exist in the system");
    }
    this.state.dedicatedGuestVlanRanges = this.state.dedicatedGuestVlanRanges.filter((r) => r !== record);
  }
}
