// What runs in the guest. Kept out of index.ts, whose exports are the stack outputs.

/** The guest-side commands for one address: idempotent, so a rerun of create changes nothing. */
export function guestCommands(address: string, prefix: string, device: string): { create: string; delete: string } {
  const cidrAddress = `${address}/${prefix}`;
  return {
    create: `ip -o addr show dev ${device} | grep -qw 'inet ${cidrAddress}' || sudo ip addr add ${cidrAddress} dev ${device}`,
    delete: `! ip -o addr show dev ${device} | grep -qw 'inet ${cidrAddress}' || sudo ip addr del ${cidrAddress} dev ${device}`,
  };
}
