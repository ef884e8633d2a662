// The command line of cloudstack-export: flags, their values, and the rules between them.

export interface ExportArguments {
  readonly account?: string;
  readonly domainId?: string;
  readonly project?: string;
  readonly zone?: string;
  /** A folder to write index.ts, Pulumi.yaml and package.json into, instead of stdout. */
  readonly out?: string;
  readonly help: boolean;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export const USAGE = `Usage: cloudstack-export [--account NAME [--domain-id ID] | --project NAME_OR_ID] [--zone NAME_OR_ID] [--out DIR]

Writes a Pulumi program (TypeScript) that declares every networking object of the owner with
importId, so that its first \`pulumi up\` adopts them all and changes nothing.

  --account NAME    the objects of this account (as a domain or root admin)
  --domain-id ID    the account's domain (needed when the name is in several domains)
  --project P       the objects of this project (its name or id)
  --zone Z          only the objects of this zone (its name or id) and what hangs on them,
                    besides those of no zone (security groups, VPN users and customer gateways)
  --out DIR         write DIR/index.ts, DIR/Pulumi.yaml and DIR/package.json instead of stdout
  --help            this text

Without --account or --project: the caller's own objects. Credentials come from
CLOUDSTACK_API_URL, CLOUDSTACK_API_KEY and CLOUDSTACK_SECRET_KEY. Progress and warnings go to
stderr.`;

const VALUED = new Map<string, keyof ExportArguments>([
  ["--account", "account"],
  ["--domain-id", "domainId"],
  ["--project", "project"],
  ["--zone", "zone"],
  ["--out", "out"],
]);

export function parseArguments(argv: readonly string[]): ExportArguments {
  const values: Record<string, string> = {};
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") {
      help = true;
      continue;
    }
    const eq = arg.indexOf("=");
    const flag = arg.startsWith("--") && eq > 0 ? arg.slice(0, eq) : arg;
    const key = VALUED.get(flag);
    if (!key) throw new UsageError(`unknown argument ${JSON.stringify(arg)}: the flags are ${[...VALUED.keys(), "--help"].join(", ")}`);
    const value = eq > 0 && flag !== arg ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value.trim() === "" || (flag === arg && value.startsWith("--"))) {
      throw new UsageError(`${flag} needs a value (e.g. ${flag} ${key === "domainId" ? "<domain id>" : "<name>"})`);
    }
    if (values[key] !== undefined) throw new UsageError(`${flag} is given twice (${JSON.stringify(values[key])} and ${JSON.stringify(value)}): give it once`);
    values[key] = value.trim();
  }
  if (values.account !== undefined && values.project !== undefined) {
    throw new UsageError(`--account ${JSON.stringify(values.account)} and --project ${JSON.stringify(values.project)} exclude each other: an object's owner is one or the other`);
  }
  if (values.domainId !== undefined && values.account === undefined) {
    throw new UsageError(`--domain-id ${JSON.stringify(values.domainId)} needs --account: it names the account's domain`);
  }
  return { ...values, help };
}
