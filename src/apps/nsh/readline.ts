// What NSH's readline makes of a typed line (apps/system/readline/
// readline_common.c): backspace and DEL erase the last character, an escape
// sequence (ESC [ x) is swallowed, other control characters are dropped, and
// a line stops at buflen - 1 characters, the rest of the input waiting for the
// next read. The newline ends a line; a full buffer ends one without it.

const ESC = "\x1b";

export interface ReadChunk {
  /** The characters readline returns. */
  text: string;
  /** What is still to be read after them, or null if the newline ended the line. */
  rest: string | null;
}

export function readChunk(typed: string, buflen: number): ReadChunk {
  let text = "";
  for (let i = 0; i < typed.length; i++) {
    const ch = typed[i];
    if (ch === ESC) i += 2;
    else if (ch === "\b" || ch === "\x7f") text = text.slice(0, -1);
    else if (ch >= " ") text += ch;
    if (text.length + 1 >= buflen) return { text, rest: typed.slice(i + 1) };
  }
  return { text, rest: null };
}
