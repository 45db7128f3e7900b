// Array helpers that AssemblyScript's standard library lacks.

/** Insert `item` at index `at` (AssemblyScript's splice cannot insert). */
export function insertAt<T>(list: T[], at: i32, item: T): void {
  list.push(item);
  for (let i = list.length - 1; i > at; i--) list[i] = list[i - 1];
  list[at] = item;
}
