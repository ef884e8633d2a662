// The plugin's entry: `pulumi-resource-cloudstack <engine address>`, or the plugin folder run by
// @pulumi/pulumi's cmd/run-plugin. Prints the port it serves on, the handshake the CLI reads.
import { servePlugin } from "./server";

export async function main(args: readonly string[]): Promise<void> {
  const engine = args.find((arg) => !arg.startsWith("-"));
  if (!engine) {
    console.error("usage: pulumi-resource-cloudstack <engine address>");
    process.exit(1);
  }
  const plugin = await servePlugin(engine);
  // A string, so that Node does not colour it when stdout is a terminal.
  process.stdout.write(`${String(plugin.port)}\n`);
}
