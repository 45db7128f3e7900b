/** Every parser's error: it names the line, what was expected and what was found. */
export class ParseError extends Error {
  constructor(
    readonly line: number,
    readonly expected: string,
    found: string,
  ) {
    const shown = found.length > 60 ? `${found.slice(0, 57)}...` : found;
    super(`line ${line}: expected ${expected}, found ${JSON.stringify(shown)}`);
    this.name = "ParseError";
  }
}
