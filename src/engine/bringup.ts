// The AppBringUp kernel thread of CONFIG_BOARD_LATE_INITIALIZE builds
// (sched/init/nx_bringup.c nx_start_task -> nx_start_application): /etc from
// the ROMFS image (CONFIG_ETC_ROMFS), board_late_initialize, which on rv-virt
// mounts procfs at /proc (boards/risc-v/qemu-rv/rv-virt/src/
// qemu_rv_boardinit.c) and on the sim runs sim_bringup, then task_spawn of
// the init task; then it returns.
import type { Program, ProgramMain } from "./kernel";
import type { Sys } from "./sys";

export function appBringUp(init: ProgramMain): ProgramMain {
  return function* (sys: Sys): Program {
    const values = sys.kernel.config.values;
    if (values.etc_romfs) yield* sys.mountEtc();
    yield* sys.boardInit();
    yield* sys.taskCreate("nsh_main", values.init_priority, values.init_stacksize, init);
    return 0;
  };
}
