// ostest's static variables that a test counts up and never clears. In the
// flat build they are in .data/.bss, set once at boot: a second ostest run
// goes on from where the first left them (posixtimer.c g_nsigreceived,
// cond.c's counters).
import type { Kernel } from "../../engine/kernel";
import type { Sys } from "../../engine/sys";

/** cond.c's statics. */
export interface CondStatics {
  dataAvailable: boolean;
  waiterLoops: number;
  waiterWaits: number;
  waiterErrors: number;
  signalerLoops: number;
  signalerAlready: number;
  signalerState: number;
  signalerErrors: number;
}

export interface OstestStatics {
  /** posixtimer.c g_nsigreceived. */
  nsigreceived: number;
  cond: CondStatics;
}

const images = new WeakMap<Kernel, OstestStatics>();

function atBoot(): OstestStatics {
  const cond = { dataAvailable: false, waiterLoops: 0, waiterWaits: 0, waiterErrors: 0, signalerLoops: 0, signalerAlready: 0, signalerState: 0, signalerErrors: 0 };
  return { nsigreceived: 0, cond };
}

/** The statics of the ostest image this kernel runs. */
export function staticsOf(sys: Sys): OstestStatics {
  let statics = images.get(sys.kernel);
  if (!statics) images.set(sys.kernel, (statics = atBoot()));
  return statics;
}
