// What owns each heap node: an owner kind and a call site, stored out of band
// with the node (assembly/mm/tags.ts). The names are the views' legend.

export const enum Owner {
  Unknown = 0,
  Tcb,
  Stack,
  PidHash,
  Sigaction,
  SigPool,
  MqueueMsg,
  MqueueInode,
  MqPool,
  Inode,
  File,
  Stream,
  Env,
  Join,
  Timer,
  Procfs,
  Driver,
  Console,
  User,
}

export const OWNER_NAMES: string[] = [
  "unknown",
  "tcb",
  "stack",
  "pidhash",
  "sigaction",
  "sigpool",
  "mqueue-msg",
  "mqueue-inode",
  "mq-pool",
  "inode",
  "file",
  "stream",
  "env",
  "join",
  "timer",
  "procfs",
  "driver",
  "console",
  "user",
];

/** Call sites, interned: the index is what a node's tag stores. */
const sites: string[] = ["unknown"];

export function site(name: string): u32 {
  const at = sites.indexOf(name);
  if (at >= 0) return u32(at);
  sites.push(name);
  return u32(sites.length - 1);
}

export function siteName(index: u32): string {
  return index < u32(sites.length) ? sites[index] : "unknown";
}

export function siteCount(): u32 {
  return u32(sites.length);
}

export function ownerName(index: u32): string {
  return index < u32(OWNER_NAMES.length) ? OWNER_NAMES[index] : "unknown";
}
