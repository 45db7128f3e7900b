// File names for exports, from a pane's title (which may be a pasted file's
// name): letters, digits, dot, dash and underscore only, never a path.
const MAX = 80;

export function exportFileName(title: string, what: string, extension: string): string {
  const part = (text: string) =>
    text
      .normalize("NFKD")
      .replace(/[^A-Za-z0-9._-]+/g, "-")
      .replace(/^[-.]+|[-.]+$/g, "")
      .slice(0, MAX);
  const name = [part(title), part(what)].filter(Boolean).join("-") || "leakless";
  return `${name}.${part(extension) || "txt"}`;
}
