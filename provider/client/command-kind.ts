// Which commands only read: they travel as GET and may be retried safely.

const READ_PREFIX = /^(list|query|get)[A-Z]/;

/** list*, query*, get*: read commands (GET, retryable). Everything else changes state (POST, never retried). */
export function isReadCommand(command: string): boolean {
  return READ_PREFIX.test(command);
}
