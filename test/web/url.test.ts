import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_SOURCES, formatUrlState, parseUrlState, type UrlState } from "../../web/state/url";

describe("the page's state in its URL", () => {
  it("round-trips sources, step, position, session and map mode", () => {
    const state: UrlState = {
      sources: [{ kind: "recording", id: "rv-virt-backport" }, { kind: "model", board: "sim", tree: "patched", fixes: ["12402", "12427"] }],
      granularity: "event",
      at: "12.3",
      session: ["free", "ostest", "free"],
      compact: true,
    };
    expect(parseUrlState(formatUrlState(state), true)).toEqual({ state, errors: [] });
  });

  it("reads fixes typed with + (a space in a query) or commas", () => {
    const { state } = parseUrlState("?right=model:rv-virt:backport:12402+12406,12427", true);
    expect(state.sources[1]).toEqual({ kind: "model", board: "rv-virt", tree: "backport", fixes: ["12402", "12406", "12427"] });
  });

  it("names every bad part and keeps the rest", () => {
    const { state, errors } = parseUrlState("?left=rec:nope&right=model:pc:unpatched:-&step=up&session=%3B%3B&map=round&at=3.0", true);
    expect(errors).toEqual([
      'left="rec:nope": there is no bundled recording "nope" (there are rv-virt-unpatched and rv-virt-backport).',
      'right="model:pc:unpatched:-": unknown board "pc" (expected rv-virt or sim).',
      'step="up": expected command, phase, event.',
      'session: expected 1 to 200 commands separated by ";", found 0.',
      'map="round": expected compact or address.',
    ]);
    expect(state.sources).toEqual(DEFAULT_SOURCES);
    expect(state.at).toBe("3.0");
  });

  it("says that a link cannot carry imported text, and keeps the rest", () => {
    const state: UrlState = { sources: [{ kind: "import", name: "my board.txt", session: 0 }, DEFAULT_SOURCES[1]], granularity: "phase", at: "3.0", session: null, compact: false };
    const link = formatUrlState(state);
    expect(link).toContain("left=imported%3Amy+board.txt");
    const { state: read, errors } = parseUrlState(link, true);
    expect(errors).toEqual(['left="imported:my board.txt": "my board.txt" was imported into that pane, and a link cannot carry imported text: paste or drop it again.']);
    expect(read.sources).toEqual(DEFAULT_SOURCES);
    expect(read.at).toBe("3.0");
  });

  it("says when a link asks for the model and there is none", () => {
    expect(parseUrlState("?left=model:rv-virt:unpatched:-", false).errors).toEqual([
      'left="model:rv-virt:unpatched:-": the model is not available in this build; only the bundled recordings can be shown.',
    ]);
  });

  it("never throws and never renders more than a short quote of hostile input", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.string({ maxLength: 400 }), (key, value) => {
        const search = `?${new URLSearchParams([[key, value], ["left", value], ["step", value]]).toString()}`;
        const { errors } = parseUrlState(search, true);
        for (const error of errors) expect(error.length).toBeLessThan(200);
      }),
      { numRuns: 300 },
    );
  });
});
