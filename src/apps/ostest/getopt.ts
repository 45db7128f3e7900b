// getopt.c: getopt(), getopt_long() and getopt_long_only() on argument
// vectors of its own. Each case prints its title; a case prints more only
// when libc's getopt gets it wrong, which NuttX's does not (the real
// transcripts print the titles alone). The vectors are on the stack and
// getopt's state is in the task's TLS info (libs/libc/unistd/lib_getoptvars.c),
// so the test makes no heap event.
import type { Sys } from "../../engine/sys";

/** getopt_test's cases, in order, by the title each prints. */
const CASES = [
  "getopt():  Simple test",
  "getopt():  Invalid argument",
  "getopt():  Missing optional argument",
  "getopt_long():  Simple test",
  "getopt_long():  No short options",
  "getopt_long():  Argument for --option=argument",
  "getopt_long():  Invalid long option",
  "getopt_long():  Mixed long and short options",
  "getopt_long():  Invalid short option",
  "getopt_long():  Missing optional arguments",
  "getopt_long_only():  Mixed long and short options",
  "getopt_long_only():  Single hyphen long options",
];

export function getoptTest(sys: Sys): void {
  for (const title of CASES) sys.print(`${title}\n`);
}
