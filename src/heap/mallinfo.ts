/** struct mallinfo, named as NSH `free` names its columns. */
export interface Mallinfo {
  total: number;
  used: number;
  free: number;
  maxused: number;
  maxfree: number;
  nused: number;
  nfree: number;
}

export const MALLINFO_FIELDS = ["total", "used", "free", "maxused", "maxfree", "nused", "nfree"] as const;

export function sameMallinfo(a: Mallinfo, b: Mallinfo): boolean {
  return MALLINFO_FIELDS.every((field) => a[field] === b[field]);
}
