// rand() (libs/libc/stdlib/lib_rand.c, lib_srand.c): Marsaglia's xorshift32
// on one state for the whole flat build, seeded 1 at boot, modulo INT_MAX.
import type { Kernel } from "../../engine/kernel";
import type { Sys } from "../../engine/sys";

const INT_MAX = 0x7fffffff;
const states = new WeakMap<Kernel, number>();

export function rand(sys: Sys): number {
  let x = states.get(sys.kernel) ?? 1;
  x ^= x << 13;
  x ^= x >>> 17;
  x ^= x << 5;
  x >>>= 0;
  states.set(sys.kernel, x);
  return x % INT_MAX;
}
