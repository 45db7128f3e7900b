// Splitting an NSH command line (apps/nshlib/nsh_parse.c): words (quotes
// keep spaces in them; single quotes also stop expansion), `>`/`>>`
// redirection, and `$NAME`, `${NAME}`, `$?` expansion. An argument without
// a `$` is used in place; one with a `$` is built on the heap by nsh_strcat
// (realloc to strlen(s1) + strlen(s2) + 1 each time) and freed after the command.
import type { Call, Sys } from "../../engine/sys";

export interface Redirect {
  path: string;
  append: boolean;
}

export interface CommandLine {
  argv: string[];
  redirect: Redirect | null;
  /** Heap blocks the expansion made (the memlist), freed after the command runs. */
  allocations: number[];
  /** What NSH says when it cannot split the line (an unterminated quote). */
  error?: string;
}

interface Word {
  text: string;
  /** Inside single quotes: no expansion. */
  literal: boolean;
}

/**
 * nsh_argument's split: spaces and tabs end a word outside quotes; single and
 * double quotes are removed (nsh_rmquotes), back quotes stay. A quote without
 * its terminator is an error.
 */
function splitWords(line: string): Word[] | string {
  const words: Word[] = [];
  let at = 0;
  while (at < line.length) {
    if (line[at] === " " || line[at] === "\t") {
      at++;
      continue;
    }
    const word: Word = { text: "", literal: false };
    for (; at < line.length && line[at] !== " " && line[at] !== "\t"; at++) {
      const quote = line[at];
      if (!"'\"`".includes(quote)) {
        word.text += quote;
        continue;
      }
      const end = line.indexOf(quote, at + 1);
      if (end < 0) return `nsh: ${quote}: no matching ${quote}\n`;
      word.text += quote === "`" ? line.slice(at, end + 1) : line.slice(at + 1, end);
      word.literal ||= quote === "'";
      at = end;
    }
    words.push(word);
  }
  return words;
}

/**
 * A word as nsh_argexpand walks it: literal, variable, literal, ..., literal
 * (the literals may be empty). `${NAME}` ends at the brace; a bare `$NAME`
 * takes the rest of the word as its name.
 */
function pieces(word: string): { literals: string[]; variables: string[] } {
  const literals: string[] = [];
  const variables: string[] = [];
  let rest = word;
  for (let dollar = rest.indexOf("$"); dollar >= 0; dollar = rest.indexOf("$")) {
    literals.push(rest.slice(0, dollar));
    const braced = /^\$\{([^}]*)\}/.exec(rest.slice(dollar));
    variables.push(braced ? braced[1] : rest.slice(dollar + 1));
    rest = braced ? rest.slice(dollar + braced[0].length) : "";
  }
  literals.push(rest);
  return { literals, variables };
}

/** nsh_argexpand for one word: [its value, its heap block or 0]. */
function* expand(sys: Sys, word: string, lastStatus: number): Call<[string, number]> {
  if (!word.includes("$")) return [word, 0];
  const { literals, variables } = pieces(word);
  let value = "";
  let block = 0;
  for (let i = 0; i < literals.length; i++) {
    const next = [literals[i]];
    if (i < variables.length) next.push(variables[i] === "?" ? (lastStatus === 0 ? "0" : "1") : (sys.getenv(variables[i]) ?? ""));
    for (const text of next) {
      // nsh_strcat: realloc to strlen(s1) + strlen(s2) + 1
      block = yield* sys.realloc(block, value.length + text.length + 1, "user", "nsh_strcat");
      value += text;
    }
  }
  return [value, block];
}

/** nsh_parse_command: at most `maxArgv` words (the command included) are taken; the rest of the line is not read. */
export function* parseLine(sys: Sys, line: string, lastStatus: number, maxArgv: number): Call<CommandLine> {
  const result: CommandLine = { argv: [], redirect: null, allocations: [] };
  const split = splitWords(line);
  if (typeof split === "string") return { ...result, error: split };
  const words = split.map((word) => word.text);
  for (let i = 0; i < words.length && result.argv.length < maxArgv; i++) {
    if (words[i] === ">" || words[i] === ">>") {
      if (i + 1 < words.length) result.redirect = { path: words[++i], append: words[i - 1] === ">>" };
      continue;
    }
    const redirect = /^(>>?)(.+)$/.exec(words[i]);
    if (redirect) {
      result.redirect = { path: redirect[2], append: redirect[1] === ">>" };
      continue;
    }
    const [value, block] = split[i].literal ? [words[i], 0] : yield* expand(sys, words[i], lastStatus);
    result.argv.push(value);
    if (block !== 0) result.allocations.push(block);
  }
  return result;
}
