// Shared command-line handling: node:util parseArgs, with errors that say
// what was wrong and exit with status 2.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { BOARDS, TREES, isBoard, isTree, type Board, type Tree } from "../heap/profiles";

export class UsageError extends Error {}

export function parse<T extends ParseArgsConfig["options"]>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function boardOption(value: string | undefined, fallback?: Board): Board {
  if (value === undefined && fallback) return fallback;
  if (value === undefined || !isBoard(value)) throw new UsageError(`unknown board ${JSON.stringify(value ?? "")}: use one of ${BOARDS.join(", ")}`);
  return value;
}

export function treeOption(value: string | undefined, fallback?: Tree): Tree {
  if (value === undefined && fallback) return fallback;
  if (value === undefined || !isTree(value)) throw new UsageError(`unknown tree ${JSON.stringify(value ?? "")}: use one of ${TREES.join(", ")}`);
  return value;
}

export function integerOption(name: string, value: string | undefined): number {
  if (value === undefined || !/^\d+$/.test(value)) throw new UsageError(`--${name} needs a whole number, got ${JSON.stringify(value ?? "")}`);
  return Number(value);
}

export function integerList(name: string, value: string | undefined): number[] {
  if (value === undefined) return [];
  return value.split(",").map((part) => integerOption(name, part.trim()));
}

/** Run a CLI body; usage errors and parse errors end with a message and status 2. */
export async function runCli(usage: string, body: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await body();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${message}\n`);
    if (error instanceof UsageError) process.stderr.write(`usage: ${usage}\n`);
    process.exitCode = 2;
  }
}
