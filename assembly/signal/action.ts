// Signal actions (sched/signal/sig_action.c): a sigactq_t per installed
// handler, on the task group's tg_sigactionq, taken from the free list
// g_sigfreeaction. When the list is empty:
//   - before PR 12406, a block of NUM_SIGNAL_ACTIONS (4) is allocated and
//     all four go on the list; entries are never given back to the heap;
//   - with PR 12406, the CONFIG_SIG_PREALLOC_ACTIONS static entries go on the
//     list the first time, then CONFIG_SIG_ALLOC_ACTIONS more are allocated;
//     a released heap entry is freed unless the allocation unit is > 1;
//   - since 817e4ee35419 (2026), nxsig_initialize puts the static entries on
//     the list at boot (sched/signal/sig_initialize.c), so the first
//     allocation happens when they are all in use.
import { config, enabled } from "../kernel/config";
import { kfree, kmalloc } from "../kernel/kmm";
import { Owner } from "../kernel/labels";
import { Group } from "../sched/group";

export class ActionEntry {
  /** The heap node of a one-entry allocation (0 for statics and block members). */
  constructor(
    public isStatic: bool,
    public node: u32,
  ) {}
}

export class SigAction {
  handler: i32 = 0;
  flags: i32 = 0;
  mask: u64 = 0;
  constructor(
    public signo: i32,
    public entry: ActionEntry,
  ) {}
}

const freeList: ActionEntry[] = [];
let staticsAdded = false;
const actions = new Map<i32, SigAction[]>();

export function resetActions(): void {
  freeList.length = 0;
  staticsAdded = false;
  actions.clear();
  if (enabled("sig_statics_at_boot")) addStatics();
}

function addStatics(): void {
  for (let i = 0; i < config("sig_prealloc_actions"); i++) freeList.push(new ActionEntry(true, 0));
  staticsAdded = true;
}

export function actionsOf(group: Group): SigAction[] {
  if (!actions.has(group.id)) actions.set(group.id, []);
  return actions.get(group.id);
}

export function findAction(group: Group, signo: i32): SigAction | null {
  const list = actionsOf(group);
  for (let i = 0; i < list.length; i++) if (list[i].signo == signo) return list[i];
  return null;
}

/** nxsig_alloc_actionblock. */
function allocBlock(): void {
  if (config("sig_prealloc_actions") > 0 && !staticsAdded) addStatics();
  const count = config("sig_alloc_actions");
  const node = kmalloc(u32(config("sizeof_sigactq") * count), Owner.Sigaction, "nxsig_alloc_actionblock");
  for (let i = 0; i < count; i++) freeList.push(new ActionEntry(false, count == 1 ? node : 0));
}

function allocEntry(): ActionEntry {
  if (freeList.length == 0) allocBlock();
  return freeList.shift();
}

/** nxsig_release_action. */
function releaseEntry(entry: ActionEntry): void {
  if (config("sig_alloc_actions") > 1 || entry.isStatic) freeList.push(entry);
  else kfree(entry.node);
}

/** sigaction(): handler 0 is SIG_DFL / SIG_IGN, which (without CONFIG_SIG_DEFAULT) releases the action. */
export function setAction(group: Group, signo: i32, handler: i32, flags: i32, mask: u64): void {
  const list = actionsOf(group);
  let action = findAction(group, signo);
  if (handler == 0) {
    if (action != null) {
      list.splice(list.indexOf(action), 1);
      releaseEntry(action.entry);
    }
    return;
  }
  if (action == null) {
    action = new SigAction(signo, allocEntry());
    list.push(action);
  }
  action.handler = handler;
  action.flags = flags;
  action.mask = mask;
}

/** nxsig_release, from group_release: every action, in queue order. */
export function releaseActions(group: Group): void {
  const list = actionsOf(group);
  for (let i = 0; i < list.length; i++) releaseEntry(list[i].entry);
  actions.delete(group.id);
}
