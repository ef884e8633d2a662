// Lost acknowledged writes: 10 kill -9s of the simulator CLI with --state under createNetwork
// load (bench/kill-nine.ts), each followed by a restart on the same file and a look-up of every
// acknowledged network. Target: 0 lost.
import { mkdtempSync, rmSync } from "fs";
import { cpus, tmpdir } from "os";
import { join } from "path";
import { killUnderLoad } from "./kill-nine";
import { runAsScript } from "./results-file";

const KILLS = 10;
const CLIENTS = 16;

export async function simulatorDurabilitySection(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "cloudstack-sim-kill-"));
  try {
    const report = await killUnderLoad({ statePath: join(dir, "state.json"), kills: KILLS, clients: CLIENTS, minMs: 100, maxMs: 1500 });
    const acknowledged = report.rounds.reduce((n, r) => n + r.acknowledged, 0);
    const lost = report.rounds.reduce((n, r) => n + r.lost, 0);
    const rows = report.rounds.map((r, i) => `| ${i + 1} | ${r.killedAfterMs} | ${r.acknowledged} | ${r.lost} |`);
    return [
      `Measured ${new Date().toISOString().slice(0, 10)} with \`node dist/bench/simulator-durability.js\`, Node ${process.version}, ${cpus().length} cores.`,
      `\`node dist/simulator/cli.js --state F --job-ms 0\` takes createNetwork from ${CLIENTS} concurrent keep-alive clients; it is`,
      "killed with SIGKILL at a random moment, restarted on the same F, and every create answered 200 before the kill is looked",
      "up with listNetworks; the state grows across the rounds.",
      "",
      "| kill | killed after (ms) | acknowledged creates | lost after restart |",
      "|---|---|---|---|",
      ...rows,
      "",
      `Lost acknowledged writes: ${lost} of ${acknowledged} over ${KILLS} kills (target 0: ${lost === 0 ? "met" : "missed"}).`,
      `Files left next to the state file after the last restart: ${report.strayFiles.length === 0 ? "none" : report.strayFiles.join(", ")};`,
      `its mode: ${report.mode.toString(8).padStart(4, "0")}.`,
    ].join("\n");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const SIMULATOR_DURABILITY_HEADING = "## Simulator durability (kill -9 under load)";

if (require.main === module) {
  runAsScript(SIMULATOR_DURABILITY_HEADING, simulatorDurabilitySection);
}
