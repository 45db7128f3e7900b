// Imported text as numbered lines, and the size limit every import obeys.

/** Inputs of this many bytes or more are refused before any parsing. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export class InputTooLarge extends Error {
  constructor(readonly bytes: number) {
    super(`the input is ${(bytes / 1024 / 1024).toFixed(1)} MB; imports must be smaller than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
    this.name = "InputTooLarge";
  }
}

/** UTF-8 length without encoding the whole string. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit < 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

export function refuseTooLarge(bytes: number): void {
  if (bytes >= MAX_IMPORT_BYTES) throw new InputTooLarge(bytes);
}

/** A string's size as a file: every UTF-16 unit is at least one byte, at most three. */
export function refuseTooLargeText(text: string): void {
  if (text.length >= MAX_IMPORT_BYTES) throw new InputTooLarge(text.length);
  if (text.length * 3 >= MAX_IMPORT_BYTES) refuseTooLarge(utf8Length(text));
}

// Terminal control sequences (NSH's readline sends ESC[K after the prompt).
const CSI = /\x1b\[[0-?]*[ -/]*[@-~]/g;

/**
 * The text's lines; line n is at index n - 1. \r\n, \r and \n all end a
 * line, as in an editor, and terminal control sequences are dropped.
 */
export function textLines(text: string): string[] {
  return text.replace(CSI, "").split(/\r\n|\r|\n/);
}

/** A line with its ends trimmed, or "" for a line past the end. */
export function trimmedAt(lines: string[], index: number): string {
  return (lines[index] ?? "").trim();
}

/** What a parse error shows for a line: the line, or "the end of the text". */
export function foundAt(lines: string[], index: number): string {
  return index < lines.length ? lines[index] : "the end of the text";
}
