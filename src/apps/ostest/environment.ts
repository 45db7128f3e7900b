// The environment checks of ostest_main.c: putenv/setenv in ostest_main,
// unsetenv and clearenv in user_main.
import type { Call, Sys } from "../../engine/sys";

const VARS: [string, string][] = [
  ["Variable1", "GoodValue1"],
  ["Variable2", "GoodValue2"],
  ["Variable3", "GoodValue3"],
];

export function showEnvironment(sys: Sys, valid: [boolean, boolean, boolean]): void {
  VARS.forEach(([name, value], i) => {
    const actual = sys.getenv(name);
    if (actual === null) sys.print(`show_variable: ${valid[i] ? "ERROR " : ""}Variable=${name} has no value\n`);
    else if (actual === value && valid[i]) sys.print(`show_variable: Variable=${name} has value=${value}\n`);
    else sys.print(`show_variable: ERROR Variable=${name} has the wrong value\n`);
  });
}

/** ostest_main's part: the variables user_main will check. */
export function* setUpEnvironment(sys: Sys): Call<void> {
  const steps: [string, string, boolean][] = [
    ["Variable1", "GoodValue1", true],
    ["Variable2", "BadValue1", false],
    ["Variable2", "GoodValue2", true],
    ["Variable3", "GoodValue3", false],
    ["Variable3", "BadValue2", false],
  ];
  sys.print("ostest_main: putenv(Variable1=BadValue3)\n");
  yield* sys.putenv("Variable1=BadValue3");
  for (const [name, value, overwrite] of steps) {
    sys.print(`ostest_main: setenv(${name}, ${value}, ${overwrite ? "TRUE" : "FALSE"})\n`);
    yield* sys.setenv(name, value, overwrite);
  }
  showEnvironment(sys, [true, true, true]);
}
