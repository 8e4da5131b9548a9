// SPDX-License-Identifier: GPL-2.0
/*
 * marker CODE: execute the instruction-count plugin's marker (icount.c)
 * from user space, so a shell script can open and close a window:
 * `marker 40` starts window 40, `marker 0x8028` stops it.
 *
 * The marker is `nopl 0x4b4dCCCC(%rax)`: a NOP that reads no memory, so
 * running it without the plugin does nothing.  Its code is an immediate,
 * so the instruction is written into an executable page at run time
 * (7 bytes and a ret) and called.  Static (make bench copies it into a
 * dom0 initramfs that has no C library of its own to rely on).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

int main(int argc, char **argv)
{
	unsigned char *p;
	unsigned long code;
	char *end;

	if (argc != 2) {
		fprintf(stderr, "usage: marker CODE (0-0xffff; bit 15 set stops)\n");
		return 2;
	}
	code = strtoul(argv[1], &end, 0);
	if (!*argv[1] || *end || code > 0xffff) {
		fprintf(stderr, "marker: bad code '%s' (0-0xffff)\n", argv[1]);
		return 2;
	}
	p = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		perror("marker: mmap");
		return 1;
	}
	/* 0f 1f 80 disp32 (little-endian 0x4b4dCCCC), then ret. */
	memcpy(p, "\x0f\x1f\x80\0\0\x4d\x4b\xc3", 8);
	p[3] = code & 0xff;
	p[4] = code >> 8;
	((void (*)(void))p)();
	return 0;
}
