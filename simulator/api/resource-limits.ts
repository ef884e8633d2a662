// Resource limit fields of accounts, domains and projects. The simulator enforces no limits:
// every limit is "Unlimited", totals count what the model holds.
export interface ResourceTotals {
  network?: number;
  ip?: number;
}

const KINDS = ["vm", "ip", "volume", "snapshot", "template", "project", "network", "vpc", "cpu", "memory", "primarystorage", "secondarystorage"];

export function limitFields(totals: ResourceTotals): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const kind of KINDS) {
    const total = kind === "network" ? (totals.network ?? 0) : kind === "ip" ? (totals.ip ?? 0) : 0;
    out[`${kind}limit`] = "Unlimited";
    out[`${kind}total`] = total;
    out[`${kind}available`] = "Unlimited";
  }
  return out;
}
