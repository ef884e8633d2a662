// One JSON line per request: {"command":...,"params":{...},"status":N}. Credentials (apiKey,
// signature) never reach the file.
import { createWriteStream, WriteStream } from "fs";

const SECRET_PARAMS: ReadonlySet<string> = new Set(["apikey", "signature"]);

export interface RequestLogLine {
  command: string | null;
  params: Record<string, string>;
  status: number;
}

export class RequestLog {
  private readonly stream: WriteStream | undefined;
  private failure: Error | undefined;

  constructor(path: string | undefined) {
    if (!path) return;
    this.stream = createWriteStream(path, { flags: "a" });
    // A log that cannot be written must not take the simulator down; close() reports it.
    this.stream.on("error", (err) => {
      this.failure = err;
    });
  }

  record(params: Readonly<Record<string, string>>, status: number): void {
    if (!this.stream || this.failure) return;
    const kept: Record<string, string> = {};
    for (const [name, value] of Object.entries(params)) {
      if (!SECRET_PARAMS.has(name.toLowerCase())) kept[name] = value;
    }
    const line: RequestLogLine = { command: params.command ?? null, params: kept, status };
    this.stream.write(JSON.stringify(line) + "\n");
  }

  /** Flushes buffered lines and closes the file. */
  close(): Promise<void> {
    const stream = this.stream;
    if (!stream || stream.closed) return Promise.resolve();
    return new Promise((resolve, reject) => {
      stream.end(() => (this.failure ? reject(this.failure) : resolve()));
    });
  }
}
