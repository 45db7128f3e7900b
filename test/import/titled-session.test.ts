// readTitledSession: a trace recording replays one session of its transcript,
// and reads only that one. It must give the very session that reading the
// whole transcript gives, with the transcript's line numbers.
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { textLines } from "../../src/import/text";
import { readTitledSession, readTranscript } from "../../src/import/transcript";
import { FIXTURES, fixtureText } from "../support/fixtures";

const TRANSCRIPTS = ["groundtruth", "measured"].flatMap((dir) =>
  readdirSync(new URL(`${dir}/`, FIXTURES))
    .filter((file) => file.endsWith(".txt"))
    .map((file) => `${dir}/${file}`),
);

describe("a session read alone is the one the whole transcript gives", () => {
  const titled = TRANSCRIPTS.flatMap((path) => {
    const lines = textLines(fixtureText(path));
    return readTranscript(lines).transcript.sessions.flatMap((session) => (session.title ? [{ path, lines, session }] : []));
  });

  it("the real transcripts have titled sessions", () => {
    expect(new Set(titled.map((t) => t.path)).size).toBeGreaterThanOrEqual(2);
    expect(titled.map((t) => t.session.title)).toEqual(expect.arrayContaining([expect.stringContaining("TRACE-BUILD SESSION")]));
  });

  it("each titled session of each real transcript, by its whole title and by its first word", () => {
    for (const { path, lines, session } of titled) {
      expect(readTitledSession(lines, session.title!), `${path}: ${session.title}`).toEqual(session);
      const first = readTranscript(lines).transcript.sessions.find((s) => s.title?.includes(session.title!.split(" ")[0]));
      expect(readTitledSession(lines, session.title!.split(" ")[0]), path).toEqual(first);
    }
  });
});

describe("what is not there", () => {
  const lines = ["# notes", "=".repeat(20), "# EMPTY SESSION", "=".repeat(20), "", "=".repeat(20), "# EMPTY SESSION, again", "=".repeat(20), "nsh> free", "free's output"];

  it("a title no header has", () => {
    expect(readTitledSession(lines, "TRACE-BUILD")).toBeUndefined();
    expect(readTitledSession([], "TRACE-BUILD")).toBeUndefined();
  });

  it("a session without commands is passed over, as the whole reader drops it", () => {
    const session = readTitledSession(lines, "EMPTY SESSION");
    expect(session?.title).toBe("EMPTY SESSION, again");
    expect(session?.commands).toEqual([{ line: 9, text: "free", output: ["free's output"] }]);
    expect(session).toEqual(readTranscript(lines).transcript.sessions[0]);
  });
});
