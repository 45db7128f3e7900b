// Splitting an NSH command line (apps/nshlib/nsh_parse.c): words, `>`/`>>`
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

export function* parseLine(sys: Sys, line: string, lastStatus: number): Call<CommandLine> {
  const words = line.trim().split(/[ \t]+/).filter((w) => w.length > 0);
  const result: CommandLine = { argv: [], redirect: null, allocations: [] };
  for (let i = 0; i < words.length; i++) {
    if (words[i] === ">" || words[i] === ">>") {
      if (i + 1 < words.length) result.redirect = { path: words[++i], append: words[i - 1] === ">>" };
      continue;
    }
    const redirect = /^(>>?)(.+)$/.exec(words[i]);
    if (redirect) {
      result.redirect = { path: redirect[2], append: redirect[1] === ">>" };
      continue;
    }
    const [value, block] = yield* expand(sys, words[i], lastStatus);
    result.argv.push(value);
    if (block !== 0) result.allocations.push(block);
  }
  return result;
}
