// apps/testing/getprime/getprime_main.c: N threads count the primes below
// 10000, ten times each, at CONFIG_TESTING_GETPRIME_THREAD_PRIORITY under
// SCHED_RR; main joins them and prints how long it took.
import type { Program, ProgramMain } from "../engine/kernel";
import { SCHED_RR, type Sys } from "../engine/sys";

const PRIME_RANGE = 10000;
const PRIME_RUNS = 10;
const MAX_THREADS = 8;

/** get_primes(): trial division up to num / 2; returns the count, the last prime and the divisions made. */
export function countPrimes(range: number): { count: number; last: number; divisions: number } {
  let count = 0;
  let last = 0;
  let divisions = 0;
  for (let num = 1; num < range; num++) {
    let prime = true;
    for (let div = 2; div <= num / 2; div++) {
      divisions++;
      if (num % div === 0) {
        prime = false;
        break;
      }
    }
    if (prime) {
      count++;
      last = num;
    }
  }
  return { count, last, divisions };
}

/** CPU time of `runs` passes of get_primes at the board's speed. */
export function primeWorkMs(sys: Sys, range: number, runs: number): number {
  return (countPrimes(range).divisions * runs * sys.kernel.config.values.cpu_ns_per_division) / 1e6;
}

function worker(no: number): ProgramMain {
  return function* (sys: Sys): Program {
    sys.print(`thread #${no} started, looking for primes < ${PRIME_RANGE}, doing ${PRIME_RUNS} run(s)\n`);
    yield* sys.burn(primeWorkMs(sys, PRIME_RANGE, PRIME_RUNS));
    const { count, last } = countPrimes(PRIME_RANGE);
    sys.print(`thread #${no} finished, found ${count} primes, last one was ${last}\n`);
    return 0;
  };
}

export const getprime: ProgramMain = function* (sys: Sys, argv: string[]): Program {
  const n = argv.length === 2 ? Number.parseInt(argv[1], 10) : 1;
  if (argv.length > 2 || !Number.isInteger(n) || n < 0 || n > MAX_THREADS) {
    sys.print(`\nUsage: getprime [<num_threads>]\n\nWhere:\n  <num_threads> is integer from 0 to ${MAX_THREADS} (default 1).\n`);
    return yield* sys.exit(0);
  }
  const start = sys.ticks();
  const priority = sys.kernel.config.values.getprime_thread_priority;
  sys.print(`Set thread priority to ${priority}\nSet thread policy to SCHED_RR\n`);
  if (n === 0) yield* worker(0)(sys, []);
  const threads: number[] = [];
  for (let i = 0; i < n; i++) {
    sys.print(`Start thread #${i}\n`);
    threads.push(yield* sys.pthreadCreate(`getprime#${i}`, priority, SCHED_RR, 0, worker(i)));
  }
  for (const tid of threads) yield* sys.pthreadJoin(tid);
  sys.print("Done\n");
  const ms = ((sys.ticks() - start) * sys.kernel.config.values.usec_per_tick) / 1000;
  sys.print(`${argv[0]} took ${Math.round(ms)} msec\n`);
  return 0;
};
