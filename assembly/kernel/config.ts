// The facts of one board and tree that the kernel model needs: struct sizes
// read from the images' debug info and Kconfig values. The host sets them
// from src/boards before boot; reading a missing one is a model bug and says so.

const values = new Map<string, i32>();
/** Text values: Kconfig strings (CONFIG_PATH_INITIAL) and lists of names. */
const texts = new Map<string, string>();
let missing: string = "";

export function setConfig(key: string, value: i32): void {
  values.set(key, value);
}

export function setConfigText(key: string, value: string): void {
  texts.set(key, value);
}

export function clearConfig(): void {
  values.clear();
  texts.clear();
  missing = "";
}

export function config(key: string): i32 {
  if (values.has(key)) return values.get(key);
  missing = key;
  return 0;
}

export function configText(key: string): string {
  if (texts.has(key)) return texts.get(key);
  missing = key;
  return "";
}

/** A text value that lists names, one per line. */
export function configList(key: string): string[] {
  const text = configText(key);
  return text.length == 0 ? [] : text.split("\n");
}

export function enabled(key: string): bool {
  return config(key) != 0;
}

/** The first key read without a value, or "": checked by the host after boot and every step. */
export function missingConfig(): string {
  return missing;
}
