// The command line of cloudstack-export: its flags, the rules between them, and what it says
// when something is wrong (a usage error exits 2 with the usage, missing credentials exit 1).
import * as assert from "assert";
import { parseArguments, UsageError } from "../../export/arguments";
import { main } from "../../export/cli";

async function run(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) }, env);
  return { code, stdout, stderr };
}

describe("cloudstack-export: the command line", () => {
  it("takes the owner, zone and output folder, as separate words or with =", () => {
    assert.deepStrictEqual(parseArguments(["--account", "ops", "--domain-id", "d-1", "--zone=Sandbox-simulator", "--out", "adopted"]), {
      account: "ops",
      domainId: "d-1",
      zone: "Sandbox-simulator",
      out: "adopted",
      help: false,
    });
    assert.deepStrictEqual(parseArguments(["--project", "simproject"]), { project: "simproject", help: false });
  });

  it("refuses an unknown flag, a flag without a value, and owners that exclude each other, naming them", () => {
    assert.throws(() => parseArguments(["--acount", "ops"]), (err: Error) => err instanceof UsageError && /unknown argument "--acount": the flags are --account, --domain-id/.test(err.message));
    assert.throws(() => parseArguments(["--zone"]), /--zone needs a value/);
    assert.throws(() => parseArguments(["--zone", "--project", "p"]), /--zone needs a value/);
    assert.throws(() => parseArguments(["--account", "ops", "--project", "p"]), /--account "ops" and --project "p" exclude each other/);
    assert.throws(() => parseArguments(["--domain-id", "d-1"]), /--domain-id "d-1" needs --account/);
    assert.throws(() => parseArguments(["--zone", "a", "--zone", "b"]), /--zone is given twice \("a" and "b"\)/);
  });

  it("a bad flag exits 2 with the error and the usage on stderr, nothing on stdout", async () => {
    const { code, stdout, stderr } = await run(["--bogus"]);
    assert.strictEqual(code, 2);
    assert.strictEqual(stdout, "");
    assert.match(stderr, /^cloudstack-export: unknown argument "--bogus"/);
    assert.match(stderr, /Usage: cloudstack-export/);
  });

  it("--help prints the usage on stdout", async () => {
    const { code, stdout } = await run(["--help"]);
    assert.strictEqual(code, 0);
    assert.match(stdout, /^Usage: cloudstack-export \[--account NAME/);
  });

  it("without credentials exits 1 naming the environment variables", async () => {
    const { code, stdout, stderr } = await run([], {});
    assert.strictEqual(code, 1);
    assert.strictEqual(stdout, "");
    assert.match(stderr, /CloudStack credentials are missing: apiUrl \(CLOUDSTACK_API_URL\), apiKey \(CLOUDSTACK_API_KEY\), secretKey \(CLOUDSTACK_SECRET_KEY\)/);
  });
});
