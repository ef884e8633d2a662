// The rows of CloudStack's VPN tables as the simulator keeps them: remote-access VPNs and their
// users (RemoteAccessVpnVO, VpnUserVO), and site-to-site gateways, customer gateways and
// connections (Site2SiteVpnGatewayVO, Site2SiteCustomerGatewayVO, Site2SiteVpnConnectionVO).

/** A remote-access (L2TP/IPsec) VPN on one public IP. Hard-deleted. */
export interface RemoteAccessVpnRecord {
  uuid: string;
  id: number;
  ipUuid: string;
  /** The network of the IP, or undefined for a VPC's IP. */
  networkUuid?: string;
  vpcUuid?: string;
  accountUuid: string;
  domainUuid: string;
  /** The range as configured: its first address is the VPN server's own. */
  ipRange: string;
  presharedKey: string;
  state: "Added" | "Running" | "Removed";
  display: boolean;
  created: string;
}

/** A VPN user of an account (pushed to every VPN of the account). Hard-deleted once revoked. */
export interface VpnUserRecord {
  uuid: string;
  id: number;
  username: string;
  password: string;
  accountUuid: string;
  domainUuid: string;
  state: "Add" | "Active" | "Revoke";
}

/** The site-to-site VPN gateway of a VPC, on its source NAT IP. Soft-deleted. */
export interface VpnGatewayRecord {
  uuid: string;
  id: number;
  vpcUuid: string;
  ipUuid: string;
  accountUuid: string;
  domainUuid: string;
  display: boolean;
  created: string;
  removed?: string;
}

/** The far end of site-to-site VPN connections. Soft-deleted. */
export interface VpnCustomerGatewayRecord {
  uuid: string;
  id: number;
  name: string;
  gateway: string;
  /** Comma-separated, as CloudStack stores it. */
  cidrList: string;
  ipsecPsk: string;
  ikePolicy: string;
  espPolicy: string;
  ikeLifetime: number;
  espLifetime: number;
  dpd: boolean;
  forceEncap: boolean;
  splitConnections: boolean;
  ikeVersion: string;
  accountUuid: string;
  domainUuid: string;
  created: string;
  removed?: string;
}

export type VpnConnectionState = "Pending" | "Connecting" | "Connected" | "Disconnected" | "Error";

/** A connection between a VPC's VPN gateway and a customer gateway. Hard-deleted. */
export interface VpnConnectionRecord {
  uuid: string;
  id: number;
  vpnGatewayUuid: string;
  customerGatewayUuid: string;
  passive: boolean;
  state: VpnConnectionState;
  display: boolean;
  accountUuid: string;
  domainUuid: string;
  created: string;
}
