// Warnings from a provider operation that succeeds anyway. A dynamic provider has no engine
// connection for pulumi.log (the SDK's dynamic-provider host does not set one up), so the
// warning goes to the host's stderr, which the Pulumi engine shows as a diagnostic message of
// the run (not attached to the resource).
export function warn(message: string): void {
  console.warn(`warning: ${message}`);
}
