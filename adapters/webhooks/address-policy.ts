import { BlockList, isIP } from 'node:net';

/*
 * Where a webhook may go. Loopback is allowed (plain http included) for development and tests;
 * private, link-local, shared (CGNAT), multicast and reserved ranges are refused unless the
 * operator sets WEBHOOK_ALLOW_PRIVATE=1, so an admin cannot point the bot at the internal network.
 */

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

const INTERNAL = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  INTERNAL.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const) {
  INTERNAL.addSubnet(net, prefix, 'ipv6');
}

/** `::ffff:10.0.0.1` is 10.0.0.1: an IPv4-mapped address is judged as the IPv4 address. */
function normalize(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1] !== undefined) return { address: mapped[1], family: 'ipv4' };
  return { address, family: isIP(address) === 6 ? 'ipv6' : 'ipv4' };
}

export function isLoopback(address: string): boolean {
  const { address: a, family } = normalize(address);
  return LOOPBACK.check(a, family);
}

export function isInternal(address: string): boolean {
  const { address: a, family } = normalize(address);
  return INTERNAL.check(a, family);
}

export type AddressVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Every resolved address must pass; one bad address refuses the host (DNS may rotate to it). */
export function judgeAddresses(
  protocol: string,
  addresses: readonly string[],
  allowPrivate: boolean,
): AddressVerdict {
  if (addresses.length === 0) return { ok: false, reason: 'the host did not resolve' };
  if (protocol === 'http:') {
    return addresses.every(isLoopback)
      ? { ok: true }
      : { ok: false, reason: 'plain http is allowed only to loopback; use https' };
  }
  if (protocol !== 'https:') return { ok: false, reason: 'only https webhooks are sent' };
  if (!allowPrivate && addresses.some(isInternal)) {
    return { ok: false, reason: 'the host resolves to a private or link-local address' };
  }
  return { ok: true };
}
