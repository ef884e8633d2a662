// A scripted server and a CloudStackClient pointed at it, started together and closed together,
// for the client suites.
import { CloudStackClient, type ClientOptions } from "../../provider/client";
import { ScriptedServer, type Script } from "./scripted-server";

export interface ScriptedClient {
  server: ScriptedServer;
  client: CloudStackClient;
  close(): Promise<void>;
}

/** `options` are the client's, all but the URL (the server's). */
export async function startScriptedClient(script: Script, options: Omit<ClientOptions, "apiUrl">): Promise<ScriptedClient> {
  const server = await ScriptedServer.start(script);
  const client = new CloudStackClient({ apiUrl: server.url, ...options });
  return {
    server,
    client,
    async close() {
      await client.close();
      await server.close();
    },
  };
}
