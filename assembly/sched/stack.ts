// up_create_stack: the sim adds CONFIG_SIM_STACKSIZE_ADJUSTMENT to every
// stack it allocates (arch/sim/src/sim/sim_createstack.c); rv-virt adds 0.
import { config } from "../kernel/config";

export function adjustedStackSize(size: u32): u32 {
  return size + u32(config("stacksize_adjustment"));
}
