// The exec attempt an NSH builtin makes first (CONFIG_LIBC_EXECFUNCS):
// posix_spawn -> exec_spawn -> exec_internal (binfmt/binfmt_exec.c) holds a
// struct binary_s while load_module (binfmt_loadmodule.c) walks PATH with
// envpath_init/envpath_next (libs/libc/misc/lib_envpath.c). Nothing is
// mounted at /system/bin, so every candidate fails and all is freed again.
import { config } from "../kernel/config";
import { ENOENT } from "../kernel/errno";
import { kfree, kmalloc, kzalloc } from "../kernel/kmm";
import { Owner } from "../kernel/labels";
import { findInode } from "../fs/inode";

export function execAttempt(name: string, path: string | null): i32 {
  const binary = kzalloc(u32(config("sizeof_binary")), Owner.User, "exec_internal");
  if (path != null) {
    // SIZEOF_ENVPATH_S(n): the struct ends in path[1], n = strlen(PATH) + 1.
    const handle = kmalloc(u32(config("sizeof_envpath") + path.length), Owner.User, "envpath_init");
    const dirs = path.split(":");
    for (let i = 0; i < dirs.length; i++) {
      if (dirs[i].length == 0) continue;
      const candidate = dirs[i] + "/" + name;
      const node = kmalloc(u32(candidate.length + 1), Owner.User, "envpath_next");
      const found = findInode(candidate) != null;
      kfree(node);
      if (found) break;
    }
    kfree(handle);
  }
  kfree(binary);
  return -ENOENT;
}
