// RAM disks (drivers/misc/ramdisk.c ramdisk_register, drivers/misc/mkrd.c):
// a struct rd_struct_s and a block-driver inode /dev/ram<minor> over a buffer
// the caller owns (the sim's FAT image, a ROMFS image in .rodata, or mkrd's
// kmm_malloc).
import { config } from "../kernel/config";
import { kmalloc, kzalloc } from "../kernel/kmm";
import { Owner } from "../kernel/labels";
import { InodeKind, reserveInode } from "../fs/inode";

export class RamDisk {
  /** It holds the board's ROMFS /etc image (CONFIG_ETC_ROMFS). */
  etcImage: bool = false;
  constructor(
    public nsectors: u32,
    public sectsize: u32,
    /** rd_buffer: a heap node, or 0 when the image lives outside the heap. */
    public buffer: u32,
    public node: u32,
  ) {}
}

const disks = new Map<i32, RamDisk>();

export function resetRamDisks(): void {
  disks.clear();
}

export function ramDiskAt(minor: i32): RamDisk | null {
  return disks.has(minor) ? disks.get(minor) : null;
}

/** ramdisk_register: the device state, then register_blockdriver("/dev/ram<minor>"). */
export function registerRamDisk(minor: i32, nsectors: u32, sectsize: u32, buffer: u32): RamDisk {
  const disk = new RamDisk(nsectors, sectsize, buffer, kzalloc(u32(config("sizeof_rd_struct")), Owner.Driver, "ramdisk_register"));
  const inode = reserveInode("/dev/ram" + minor.toString(), InodeKind.BlockDriver, "register_blockdriver");
  if (inode != null) inode.object = minor;
  disks.set(minor, disk);
  return disk;
}

/** boardctl(BOARDIOC_MKRD) -> mkrd: kmm_malloc(sectsize * nsectors), then ramdisk_register. */
export function makeRamDisk(minor: i32, nsectors: u32, sectsize: u32): i32 {
  const buffer = kmalloc(nsectors * sectsize, Owner.Driver, "mkrd");
  registerRamDisk(minor, nsectors, sectsize, buffer);
  return 0;
}
