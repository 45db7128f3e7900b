// CSV for files a NuttX developer may open in a spreadsheet. d3-dsv quotes
// what needs quoting; on top of that, a text cell that a spreadsheet would
// read as a formula (=, +, -, @, tab, CR) gets a leading apostrophe, as OWASP
// advises against CSV injection. A leading apostrophe is itself escaped the
// same way, so the rule can be undone: strip one leading apostrophe.
import { csvFormat } from "d3-dsv";

const NEEDS_GUARD = /^[=+\-@\t\r']/;

export function spreadsheetText(value: string): string {
  return NEEDS_GUARD.test(value) ? `'${value}` : value;
}

export function toCsv<T extends object>(rows: readonly T[], columns: readonly (keyof T & string)[]): string {
  const guarded = rows.map((row) => Object.fromEntries(columns.map((c) => [c, typeof row[c] === "string" ? spreadsheetText(row[c] as string) : row[c]])));
  return `${csvFormat(guarded, [...columns])}\n`;
}
