// The environment of a task group (sched/environ/): one heap string per
// variable and one pointer array with SCHED_ENVIRON_RESERVED (4) spare slots.
import { Owner } from "../kernel/labels";
import { kfree, kmalloc, krealloc } from "../kernel/kmm";
import { config } from "../kernel/config";
import { EnvVar, Group } from "../sched/group";

const RESERVED: i32 = 4;

function pointer(): u32 {
  return u32(config("sizeof_pointer"));
}

function nameOf(text: string): string {
  const equal = text.indexOf("=");
  return equal < 0 ? text : text.substring(0, equal);
}

export function findVar(group: Group, name: string): i32 {
  for (let i = 0; i < group.env.length; i++) if (nameOf(group.env[i].text) == name) return i;
  return -1;
}

export function getEnv(group: Group, name: string): string | null {
  const at = findVar(group, name);
  return at < 0 ? null : group.env[at].text.substring(name.length + 1);
}

/** env_dup: the array first, then the strings from the last to the first. */
export function dupEnv(group: Group, from: EnvVar[]): void {
  const envc = from.length;
  group.envSlots = envc + RESERVED + 1;
  if (envc == 0) return;
  group.envArrayNode = kmalloc(pointer() * u32(group.envSlots), Owner.Env, "env_dup");
  const copies = new Array<EnvVar>(envc);
  for (let i = envc - 1; i >= 0; i--) {
    copies[i] = new EnvVar(from[i].text, kmalloc(u32(from[i].text.length + 1), Owner.Env, "env_dup"));
  }
  group.env = copies;
}

/** env_removevar: free the string, move the last variable into its slot, shrink the array. */
export function removeVar(group: Group, index: i32): void {
  kfree(group.env[index].node);
  const last = group.env.pop();
  if (index < group.env.length) group.env[index] = last;
  const envc = group.env.length;
  if (envc == 0) {
    kfree(group.envArrayNode);
    group.envArrayNode = 0;
    group.envSlots = 0;
  } else if (envc <= group.envSlots - RESERVED * 2) {
    group.envSlots = envc + RESERVED + 1;
    group.envArrayNode = krealloc(group.envArrayNode, pointer() * u32(group.envSlots), Owner.Env, "env_removevar");
  }
}

/** setenv (env_setenv.c): the string, then the array (new, or grown by realloc). */
export function setEnv(group: Group, name: string, value: string, overwrite: bool): void {
  if (value.length == 0) {
    if (overwrite) unsetEnv(group, name);
    return;
  }
  const existing = findVar(group, name);
  if (existing >= 0) {
    if (!overwrite) return;
    removeVar(group, existing);
  }
  const text = name + "=" + value;
  const node = kmalloc(u32(text.length + 1), Owner.Env, "setenv");
  const envc = group.env.length;
  if (group.envArrayNode == 0) {
    group.envSlots = RESERVED + 2;
    group.envArrayNode = kmalloc(pointer() * u32(group.envSlots), Owner.Env, "setenv");
  } else if (envc >= group.envSlots - 1) {
    group.envSlots = envc + RESERVED + 2;
    group.envArrayNode = krealloc(group.envArrayNode, pointer() * u32(group.envSlots), Owner.Env, "setenv");
  }
  group.env.push(new EnvVar(text, node));
}

export function unsetEnv(group: Group, name: string): void {
  const at = findVar(group, name);
  if (at >= 0) removeVar(group, at);
}

/** putenv: a temporary strdup of the whole string around setenv. */
export function putEnv(group: Group, text: string): void {
  const copy = kmalloc(u32(text.length + 1), Owner.Env, "putenv");
  const equal = text.indexOf("=");
  if (equal >= 0) setEnv(group, text.substring(0, equal), text.substring(equal + 1), true);
  kfree(copy);
}

/** env_release (also clearenv): the strings in order, then the array. */
export function releaseEnv(group: Group): void {
  for (let i = 0; i < group.env.length; i++) kfree(group.env[i].node);
  if (group.envArrayNode != 0) kfree(group.envArrayNode);
  group.env = [];
  group.envArrayNode = 0;
  group.envSlots = 0;
}
