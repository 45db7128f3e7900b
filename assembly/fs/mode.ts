// st_mode's bits (include/sys/stat.h): the file type in bits 12-15, NuttX's
// own numbering, and the usual permission bits.
export const S_IFCHR: i32 = 2 << 12;
export const S_IFDIR: i32 = 4 << 12;
export const S_IFMQ: i32 = 5 << 12;
export const S_IFBLK: i32 = 6 << 12;
export const S_IFREG: i32 = 8 << 12;

/** S_IRUSR | S_IRGRP | S_IROTH, and the same for write and execute. */
export const READ_ALL: i32 = 0o444;
export const WRITE_ALL: i32 = 0o222;
export const EXEC_ALL: i32 = 0o111;
