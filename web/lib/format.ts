// Numbers as the views print them. One shared Intl formatter: toLocaleString
// builds a new one on every call, which shows when a step prints hundreds.
const grouped = new Intl.NumberFormat("en-US");

/** 33367320 -> "33,367,320". */
export const num = (value: number): string => grouped.format(value);
