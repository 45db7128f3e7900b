// Streams (libs/libc/stdio/lib_fopen.c, lib_setvbuf.c, lib_fclose.c): a
// heap FILE per fopen, and a heap buffer when setvbuf asks for one.
import type { Call, Sys } from "../../engine/sys";

export interface Stream {
  fd: number;
  node: number;
  buffer: number;
}

export const _IOFBF = 0;
export const _IOLBF = 1;
export const _IONBF = 2;

/** fopen: open, then fdopen's lib_zalloc(sizeof(FILE)). Null if the open fails. */
export function* fopen(sys: Sys, path: string): Call<Stream | null> {
  const fd = yield* sys.open(path);
  if (fd < 0) return null;
  const node = yield* sys.zalloc(sys.kernel.config.values.sizeof_file_struct, "stream", "fdopen");
  return { fd, node, buffer: 0 };
}

/** setvbuf: a buffer of `size` from the heap unless the caller gives one (or asks for none). */
export function* setvbuf(sys: Sys, stream: Stream, mode: number, size: number, callerBuffer: boolean): Call {
  if (mode !== _IONBF && size > 0 && !callerBuffer) {
    stream.buffer = yield* sys.malloc(size, "stream", "lib_setvbuf");
  }
  return 0;
}

/** fclose: close the descriptor, then free the buffer and the FILE. */
export function* fclose(sys: Sys, stream: Stream): Call {
  yield* sys.close(stream.fd);
  if (stream.buffer !== 0) yield* sys.free(stream.buffer);
  yield* sys.free(stream.node);
  return 0;
}
