/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xen_abi.h - what the user-space Xen tests share: finding Xen and a
 * device (or skipping with the reason), a hypercall through privcmd (how
 * a test asks Xen itself, the independent side, what a device did), and
 * the xenstore command-line client (Debian's xenstore-utils, its own
 * connection to xenstored through the unix socket, not /dev/xen/xenbus),
 * and which domain this is: dom0 (the control domain) or a domU, whose
 * tests that need dom0's privileges skip, saying so.
 *
 * The ABI comes from Debian's libxen-dev headers: xen/xen.h for the
 * hypercall numbers, xen/sys/ for Linux's ioctls.
 */
#ifndef XEN_ABI_H
#define XEN_ABI_H

#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <poll.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xen/xen.h>
#include <xen/sys/privcmd.h>
#include "ksft.h"
#include "xs_dev.h"

#define XEN_PAGE_SIZE 4096

/* Skip the whole test unless Linux says it runs on Xen. */
static inline void xen_require_xen(void)
{
	char type[16] = "";
	FILE *f = fopen("/sys/hypervisor/type", "r");

	if (f) {
		if (!fgets(type, sizeof(type), f))
			type[0] = 0;
		fclose(f);
	}
	if (strncmp(type, "xen", 3) && access("/proc/xen", F_OK))
		ksft_exit_skip("not running on Xen (no /sys/hypervisor/type = xen, no /proc/xen)\n");
}

/* Does Xen say this is the control domain?  (xenfs, /proc/xen/capabilities) */
static inline int xen_is_dom0(void)
{
	char caps[64] = "";
	FILE *f = fopen("/proc/xen/capabilities", "r");

	if (f) {
		if (!fgets(caps, sizeof(caps), f))
			caps[0] = 0;
		fclose(f);
	}
	return strstr(caps, "control_d") != NULL;
}

/*
 * This domain's id, as the toolstack wrote it into its xenstore home
 * (the relative key "domid"; xen-init-dom0 writes dom0's), or -1.
 */
static inline int xen_self_domid(void)
{
	char id[16];

	if (xsd_read("domid", id, sizeof(id)) == 0 && id[0] >= '0' && id[0] <= '9')
		return atoi(id);
	return xen_is_dom0() ? 0 : -1;
}

/* Open /dev/xen/NAME or skip the whole test, naming the module. */
static inline int xen_open_or_skip(const char *name, int flags)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/dev/xen/%s", name);
	fd = open(path, flags);
	if (fd < 0)
		ksft_exit_skip("%s: %s (is the xen-%s module loaded?)\n", path, strerror(errno), name);
	return fd;
}

/* A hypercall through /dev/xen/privcmd: Xen's return value or -errno. */
static inline long xen_hypercall(int privcmd, unsigned long op, unsigned long a0,
				 unsigned long a1, unsigned long a2)
{
	struct privcmd_hypercall call = { .op = op, .arg = { a0, a1, a2 } };
	long rc = ioctl(privcmd, IOCTL_PRIVCMD_HYPERCALL, &call);

	return rc < 0 ? -errno : rc;
}

/* Run the xenstore client as "xenstore CMD ARGS"; its first line in OUT. */
/*
 * The client died of a signal (the shell says 128 + its number): under
 * this TCG set-up Debian's user space now and then aborts on a corrupted
 * heap ("malloc(): invalid size"), as xl does.  Every use here is a read,
 * write or rm, so the command runs again, at most three times.
 */
static inline int xs_tool(char *out, size_t len, const char *fmt, ...)
{
	char cmd[512];
	va_list ap;
	FILE *p;
	int st, try;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	for (try = 1; ; try++) {
		fflush(stdout);
		p = popen(cmd, "r");
		if (!p)
			return -1;
		if (!out || !fgets(out, len, p)) {
			if (out && len)
				out[0] = 0;
		}
		if (out)
			out[strcspn(out, "\n")] = 0;
		while (fgetc(p) != EOF)
			;
		st = pclose(p);
		st = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
		if (st <= 128 || try == 3)
			return st > 128 ? -1 : st;
		printf("# the xenstore client died (status %d), run again: %s\n", st, cmd);
	}
}

static inline int xs_tool_present(void)
{
	return xs_tool(NULL, 0, "xenstore ls / > /dev/null 2>&1") == 0;
}

/* Milliseconds to wait for FD to be readable; 1 readable, 0 not. */
static inline int wait_readable(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, ms) > 0 && (p.revents & POLLIN);
}

#endif /* XEN_ABI_H */
