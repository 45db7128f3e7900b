// NSH's login check (apps/fsutils/passwd: passwd_verify.c, passwd_find.c,
// passwd_encrypt.c): find the user's line in /etc/passwd through a heap I/O
// buffer and a FILE, then compare the stored password with the typed one run
// through the same TEA-and-base64 encoding.
import type { Call, Sys } from "../../engine/sys";
import { fclose, fopen } from "../libc/stdio";

/** CONFIG_FSUTILS_PASSWD_PATH and CONFIG_FSUTILS_PASSWD_KEY1..4 (the Kconfig defaults sim:nsh keeps). */
const PASSWD_PATH = "/etc/passwd";
const TEA_KEY = [0x12345678, 0x9abcdef0, 0x12345678, 0x9abcdef0];
/** TEA_KEY_SCHEDULE_CONSTANT (include/nuttx/crypto/tea.h). */
const TEA_DELTA = 0x9e3779b9;

/** tea_encrypt (libs/libc/misc/lib_tea_encrypt.c): 32 cycles on two 32-bit words. */
function teaEncrypt(value: Uint32Array, key: number[]): void {
  let [v0, v1] = [value[0], value[1]];
  let sum = 0;
  for (let i = 0; i < 32; i++) {
    sum = (sum + TEA_DELTA) >>> 0;
    v0 = (v0 + ((((v1 << 4) + key[0]) ^ (v1 + sum) ^ ((v1 >>> 5) + key[1])) >>> 0)) >>> 0;
    v1 = (v1 + ((((v0 << 4) + key[2]) ^ (v0 + sum) ^ ((v0 >>> 5) + key[3])) >>> 0)) >>> 0;
  }
  value[0] = v0;
  value[1] = v1;
}

/** passwd_base64: 6 bits as A-Z, a-z, 0-9, '+', '/'. */
function base64(bits: number): string {
  return "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[bits & 63];
}

/** passwd_encrypt: 8-byte blocks, space padded, TEA'd, their 16-bit halves (little endian) streamed out 6 bits at a time. */
export function passwdEncrypt(password: string): string {
  const bytes = new TextEncoder().encode(password);
  let out = "";
  let tmp = 0;
  let nbits = 0;
  for (let at = 0; at < bytes.length; at += 8) {
    const block = new Uint8Array(8).fill(0x20);
    block.set(bytes.subarray(at, at + 8));
    const words = new Uint32Array(block.buffer);
    teaEncrypt(words, TEA_KEY);
    const halves = new Uint16Array(words.buffer);
    for (const half of halves) {
      tmp = (tmp | (half << nbits)) >>> 0;
      nbits += 16;
      for (; nbits >= 6; nbits -= 6) {
        out += base64(tmp);
        tmp >>>= 6;
      }
    }
    tmp &= 0xff; // remainder = (uint8_t)tmp
  }
  return nbits > 0 ? out + base64(tmp) : out;
}

/** passwd_find: the I/O buffer, /etc/passwd as a stream, each line's "user:encrypted:..." fields. */
function* passwdFind(sys: Sys, username: string): Call<string | null> {
  const iobuffer = yield* sys.malloc(sys.kernel.config.values.fsutils_passwd_iobuffer_size, "user", "passwd_find");
  const stream = yield* fopen(sys, PASSWD_PATH);
  let encrypted: string | null = null;
  if (stream) {
    const lines = (sys.kernel.config.etc?.["passwd"] ?? "").split("\n");
    encrypted = lines.map((line) => line.split(":")).find((fields) => fields.length > 1 && fields[0] === username)?.[1] ?? null;
    yield* fclose(sys, stream);
  }
  yield* sys.free(iobuffer);
  return encrypted;
}

/** passwd_verify: true if the user exists and the password encrypts to the stored one. */
export function* passwdVerify(sys: Sys, username: string, password: string): Call<boolean> {
  const stored = yield* passwdFind(sys, username);
  return stored !== null && stored === passwdEncrypt(password);
}
