// mkfatfs (apps/fsutils/mkfatfs/mkfatfs.c): open the block device, take its
// geometry, allocate one sector as the working buffer (fat_buffer_alloc is a
// plain malloc with CONFIG_MKFATFS_BUFFER_ALIGNMENT 0), write the file
// system, close the device, then free the buffer.
import type { Call, Sys } from "../../engine/sys";

export function* mkfatfs(sys: Sys, path: string): Call {
  const fd = yield* sys.open(path);
  if (fd < 0) return fd;
  const sectsize = sys.sectorSize(fd);
  const buffer = sectsize > 0 ? yield* sys.malloc(sectsize, "user", "mkfatfs") : 0;
  yield* sys.close(fd);
  if (buffer) yield* sys.free(buffer);
  return sectsize > 0 ? 0 : sectsize;
}
