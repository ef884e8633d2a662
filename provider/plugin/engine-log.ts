// Progress messages to the engine (pulumirpc.Engine.Log), whose address the CLI passes as the
// plugin's first argument. Sent without waiting: a message that cannot be delivered never fails
// the operation it describes.
import * as grpc from "@grpc/grpc-js";
import * as engineproto from "@pulumi/pulumi/proto/engine_pb";
import * as enginerpc from "@pulumi/pulumi/proto/engine_grpc_pb";

export class EngineLog {
  private readonly client: enginerpc.EngineClient | undefined;

  constructor(address: string | undefined) {
    this.client = address ? new enginerpc.EngineClient(address, grpc.credentials.createInsecure()) : undefined;
  }

  /** A status line for `urn` (ephemeral: the CLI shows it while the step runs). */
  status(urn: string, message: string): void {
    this.send(engineproto.LogSeverity.INFO, urn, message, true);
  }

  private send(severity: engineproto.LogSeverity, urn: string, message: string, ephemeral: boolean): void {
    if (!this.client) return;
    const req = new engineproto.LogRequest();
    req.setSeverity(severity);
    req.setUrn(urn);
    req.setMessage(message);
    req.setEphemeral(ephemeral);
    this.client.log(req, () => undefined);
  }

  close(): void {
    this.client?.close();
  }
}
