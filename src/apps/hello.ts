// apps/examples/hello/hello_main.c
import type { Program, ProgramMain } from "../engine/kernel";
import type { Sys } from "../engine/sys";

export const hello: ProgramMain = function* (sys: Sys): Program {
  sys.print("Hello, World!!\n");
  return 0;
};
