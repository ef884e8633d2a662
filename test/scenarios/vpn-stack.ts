// The VPN scenarios' programs (test/scenarios/fixtures/vpn-<name>) as stacks of the engine
// stand-in, and the check that no secret reaches the state file, the plans or the logs in clear.
import * as assert from "assert";
import * as fs from "fs";
import type { RunResult } from "../../engine-standin";
import { RunningSimulator } from "../../simulator";
import type { ExampleStack } from "../support/example-stack";
import { fixtureStack } from "./scenario-stack";

export function vpnScenario(name: string, sim: RunningSimulator): ExampleStack {
  return fixtureStack(`vpn-${name}`, sim);
}

/** Asserts that none of `secrets` appears in clear in the stack's state file or the runs' plans and logs. */
export function assertNoClearSecrets(stack: ExampleStack["stack"], runs: RunResult[], secrets: string[]): void {
  const texts: Array<[string, string]> = [
    ["state", fs.readFileSync(stack.statePath, "utf8")],
    ["config", fs.readFileSync(stack.files.configPath, "utf8")],
    ["plans", runs.map((r) => r.plan).join("\n")],
    ["logs", runs.flatMap((r) => r.logs.map((l) => l.message)).join("\n")],
    ["errors", runs.flatMap((r) => r.errors).join("\n")],
  ];
  for (const [where, text] of texts) {
    for (const secret of secrets) assert.ok(!text.includes(secret), `a secret found in clear in the ${where}`);
  }
}
