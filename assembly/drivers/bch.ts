// Opening a block device as a file (fs/driver/fs_blockproxy.c block_proxy):
// a temporary character device "/dev/tmpc%06lx" (unique_chardev's strdup) is
// registered over the block driver by bchdev_register (drivers/bch/), opened,
// and unlinked at once, so that the last close tears it down.
import { config, enabled } from "../kernel/config";
import { kfree, kmalloc, kzalloc } from "../kernel/kmm";
import { Owner } from "../kernel/labels";
import { freeInode, Inode, InodeKind, removeInode, reserveInode } from "../fs/inode";
import { RamDisk } from "./ramdisk";

class BchDev {
  constructor(
    public node: u32,
    public buffer: u32,
    public sectsize: u32,
  ) {}
}

const devices = new Map<i32, BchDev>();
/** g_devno: the last temporary device number handed out. */
let devno: i32 = 0;

export function resetBch(): void {
  devices.clear();
  devno = 0;
}

function hex6(value: i32): string {
  let text = (value & 0xffffff).toString(16);
  while (text.length < 6) text = "0" + text;
  return text;
}

/** block_proxy: the character device inode the file now refers to. */
export function openBlockProxy(disk: RamDisk): Inode {
  devno++;
  const name = "/dev/tmpc" + hex6(devno);
  // 2026 builds the name in a stack buffer.
  const nameNode = enabled("bch_name_strdup") ? kmalloc(u32(name.length + 1), Owner.Driver, "unique_chardev") : 0;
  // bchlib_setup: the driver state, then one sector's buffer (2026: only when a sector is first read); then register_driver.
  const bch = kzalloc(u32(config("sizeof_bchlib")), Owner.Driver, "bchlib_setup");
  const buffer = enabled("bch_buffer_at_setup") ? kmalloc(disk.sectsize, Owner.Driver, "bchlib_setup") : 0;
  const inode = reserveInode(name, InodeKind.Driver, "register_driver")!;
  inode.object = devno;
  devices.set(devno, new BchDev(bch, buffer, disk.sectsize));
  inode.crefs++; // file_open
  removeInode(inode); // nx_unlink: gone from /dev, freed at the last close
  if (nameNode != 0) kfree(nameNode);
  return inode;
}

/** The last close: bch_close -> bchlib_teardown (the buffer, then the state), then inode_release frees the inode. */
export function closeBlockProxy(inode: Inode): void {
  const dev = devices.get(inode.object);
  devices.delete(inode.object);
  if (dev.buffer != 0) kfree(dev.buffer);
  kfree(dev.node);
  inode.crefs--;
  freeInode(inode);
}

/** BIOC_GEOMETRY through the proxy: the block device's sector size. */
export function proxySectorSize(inode: Inode): u32 {
  return devices.get(inode.object).sectsize;
}
