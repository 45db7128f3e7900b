// The sim board (arch/sim/src/sim, boards/sim/sim/sim/src): what its
// up_initialize and its board bring-up (sim_bringup) put on the heap.
import { config, enabled } from "../kernel/config";
import { kmalloc, krealloc, kzalloc } from "../kernel/kmm";
import { Owner } from "../kernel/labels";
import { InodeKind, reserveInode } from "../fs/inode";
import { mount } from "../fs/mount";
import { registerRamDisk } from "../drivers/ramdisk";
import { parkedKernelThread } from "../sched/kthread";
import { TaskState } from "../sched/tcb";

/** arch/sim/src/sim/sim_deviceimage.c: the first buffer, and how much each kmm_realloc adds. */
const IMAGE_BUFFER: u32 = 1024 * 1024;
const IMAGE_GROWTH: u32 = 128 * 1024;

/**
 * sim_deviceimage: inflate the FAT image into a kmm_malloc buffer; whenever
 * inflate() stops with the buffer full, grow it by kmm_realloc and go on; at
 * the end, kmm_realloc it down to what was written. inflate() stops as soon
 * as the output is full, before it reads the end of the stream, so an image
 * that fills the buffer exactly still grows it once (the sim trace shows it).
 */
function deviceImage(imageSize: u32): u32 {
  let bufsize = IMAGE_BUFFER;
  let buffer = kmalloc(bufsize, Owner.Driver, "sim_deviceimage");
  let written = imageSize < bufsize ? imageSize : bufsize;
  while (written == bufsize) {
    const grown = bufsize + IMAGE_GROWTH;
    buffer = krealloc(buffer, grown, Owner.Driver, "sim_deviceimage");
    bufsize = grown;
    written = imageSize < bufsize ? imageSize : bufsize;
  }
  return krealloc(buffer, written, Owner.Driver, "sim_deviceimage");
}

/**
 * up_irqinitialize (2026, sim_initialize.c): the "sim_loop_wq" work queue
 * that runs the host loop, one worker: kwork_wqueue_s with its kworker_s
 * (sched/wqueue/kwork_thread.c work_queue_create), then the worker's thread.
 */
export function simIrqInitialize(): void {
  kzalloc(u32(config("sizeof_loop_wqueue")), Owner.Driver, "work_queue_create");
  parkedKernelThread("sim_loop_wq", config("sched_hpworkpriority"), config("sched_hpworkstacksize"));
}

/**
 * sim's up_initialize (sim_initialize.c): the RTC (CONFIG_RTC_DRIVER:
 * rtc_initialize's upper half, /dev/rtc0), the console (sim_uart.c),
 * sim_registerblockdevice, the FAT image as /dev/ram0 (sim_blockdevice.c:
 * NSECTORS x LOGICAL_SECTOR_SIZE), then, in 2024, the loop task.
 */
export function simInitialize(): void {
  if (enabled("rtc_driver")) {
    kzalloc(u32(config("sizeof_rtc_upperhalf")), Owner.Driver, "rtc_initialize");
    reserveInode("/dev/rtc0", InodeKind.Driver, "register_driver");
  }
  reserveInode("/dev/console", InodeKind.Driver, "register_driver");
  const nsectors = u32(config("sim_ramdisk_nsectors"));
  const sectsize = u32(config("sim_ramdisk_sectsize"));
  const image = deviceImage(nsectors * sectsize);
  registerRamDisk(0, nsectors, sectsize, image);
  // sim_loop_task polls the host, then sleeps (usleep): a wait for a signal.
  if (enabled("sim_looptask")) parkedKernelThread("loop_task", config("sim_looptask_priority"), config("default_task_stacksize"), TaskState.WaitSig);
}

/** A GPIO pin of the sim's I/O expander (sim_ioexpander.c): gpio_lower_half's state, then /dev/gpio<minor>. */
function gpioPin(minor: i32): void {
  kzalloc(u32(config("sizeof_gpio_lowerhalf")), Owner.Driver, "gpio_lower_half");
  reserveInode("/dev/gpio" + minor.toString(), InodeKind.Driver, "gpio_pin_register");
}

/** oneshot_initialize (sim_oneshot.c; its lower half is static in 2026) and oneshot_register("/dev/oneshot") (drivers/timers/oneshot.c). */
function oneshot(): void {
  if (config("sizeof_timer_lowerhalf") > 0) kzalloc(u32(config("sizeof_timer_lowerhalf")), Owner.Driver, "oneshot_initialize");
  kzalloc(u32(config("sizeof_oneshot_dev")), Owner.Driver, "oneshot_register");
  reserveInode("/dev/oneshot", InodeKind.Driver, "register_driver");
}

/** sim_bringup (boards/sim/sim/sim/src/sim_bringup.c): binfs, procfs, the GPIO pins, the oneshot timer. */
export function simBringup(): void {
  mount("", "/bin", "binfs", "");
  mount("", "/proc", "procfs", "");
  for (let pin = 0; pin < config("sim_gpio_pins"); pin++) gpioPin(pin);
  oneshot();
}

/**
 * nx_romfsetc (sched/init/nx_bringup.c): the ROMFS image in .rodata as a RAM
 * disk of CONFIG_ETC_ROMFSSECTSIZE sectors, mounted read-only at /etc.
 */
export function romfsEtc(): void {
  // Its size (NSECTORS(romfs_img_len)) is geometry only: the image stays in .rodata.
  const sectsize = u32(config("etc_romfs_sectsize"));
  const disk = registerRamDisk(config("etc_romfs_devno"), (u32(config("etc_romfs_size")) + sectsize - 1) / sectsize, sectsize, 0);
  disk.etcImage = true;
  mount("/dev/ram" + config("etc_romfs_devno").toString(), "/etc", "romfs", "");
}
