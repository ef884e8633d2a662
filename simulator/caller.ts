// The caller of an API command: resolved by the wire layer from the apiKey, handed to handlers,
// and checked by the model's ownership and permission rules.

/** Who is calling, resolved from the apiKey after the signature check. */
export interface Caller {
  userId: string;
  accountId: string;
  accountName: string;
  domainId: string;
  /** CloudStack account type: 0 user, 1 root admin, 2 domain admin. */
  accountType: 0 | 1 | 2;
  isRootAdmin: boolean;
}
