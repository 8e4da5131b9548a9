// SPDX-License-Identifier: GPL-2.0
/*
 * gntdev_test - Linux's /dev/xen/gntalloc and /dev/xen/gntdev, a page
 * shared between two processes of this domain through Xen's grant table.
 *
 * The parent grants a page (gntalloc, to its own domain id: dom0's or a
 * domU's, from xenstore) and writes a
 * pattern into it; a forked child, a process with no other tie to that
 * page, maps the grant reference through gntdev (Xen performs the map)
 * and must see the pattern; what the child writes back the parent must
 * see.  A child that exits holding its mapping releases it (close), so
 * once the parent revokes the grant no later process can map it; a grant
 * revoked before anyone mapped it cannot be mapped either.  gntalloc
 * refuses to grant past its module limit (read from sysfs) and counts
 * the grants of a closed open back.
 *
 * Children report by exit status only (ksft.h: no KTAP of theirs).
 */
#include "xen_abi.h"
#include <signal.h>
#include <xen/sys/gntalloc.h>
#include <xen/sys/gntdev.h>

#define PATTERN		"granted by pid %d, ref %u"
#define REPLY_OFF	2048
#define REPLY		"mapped and written back by the mapper"

enum child_rc { MAPPED = 0, MISMATCH = 10, NO_IOCTL = 11, NO_MMAP = 12, NO_DEV = 13 };

static int me;		/* this domain: granter and grantee both */

struct grant {
	int fd;
	uint64_t index;
	uint32_t ref;
	char *page;
};

static int grant_page(struct grant *g)
{
	struct ioctl_gntalloc_alloc_gref a = {
		.domid = me, .flags = GNTALLOC_FLAG_WRITABLE, .count = 1,
	};

	g->fd = open("/dev/xen/gntalloc", O_RDWR);
	if (g->fd < 0)
		return -errno;
	if (ioctl(g->fd, IOCTL_GNTALLOC_ALLOC_GREF, &a) < 0)
		return -errno;
	g->index = a.index;
	g->ref = a.gref_ids[0];
	g->page = mmap(NULL, XEN_PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, g->fd, a.index);
	if (g->page == MAP_FAILED)
		return -errno;
	snprintf(g->page, REPLY_OFF, PATTERN, getpid(), g->ref);
	return 0;
}

static int revoke_grant(struct grant *g)
{
	struct ioctl_gntalloc_dealloc_gref d = { .index = g->index, .count = 1 };
	int rc = ioctl(g->fd, IOCTL_GNTALLOC_DEALLOC_GREF, &d) < 0 ? -errno : 0;

	munmap(g->page, XEN_PAGE_SIZE);
	return rc;
}

/* In a child: map REF of this domain; compare with WANT, write REPLY; exit. */
static void __attribute__((noreturn)) mapper(uint32_t ref, const char *want, int release)
{
	struct ioctl_gntdev_map_grant_ref m = { .count = 1 };
	int fd = open("/dev/xen/gntdev", O_RDWR);
	char *p;

	if (fd < 0)
		_exit(NO_DEV);
	m.refs[0].domid = me;
	m.refs[0].ref = ref;
	if (ioctl(fd, IOCTL_GNTDEV_MAP_GRANT_REF, &m) < 0)
		_exit(NO_IOCTL);
	p = mmap(NULL, XEN_PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, m.index);
	if (p == MAP_FAILED)
		_exit(NO_MMAP);
	if (want && strcmp(p, want))
		_exit(MISMATCH);
	strcpy(p + REPLY_OFF, REPLY);
	if (release) {
		struct ioctl_gntdev_unmap_grant_ref u = { .index = m.index, .count = 1 };

		munmap(p, XEN_PAGE_SIZE);
		ioctl(fd, IOCTL_GNTDEV_UNMAP_GRANT_REF, &u);
		close(fd);
	}
	_exit(MAPPED);	/* else exit closes the device, mapping held */
}

/* Fork a mapper of REF; its exit status, or 100 + signal. */
static int run_mapper(uint32_t ref, const char *want, int release)
{
	int st;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0)
		mapper(ref, want, release);
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 100 + WTERMSIG(st);
}

static long sysfs_long(const char *path)
{
	FILE *f = fopen(path, "r");
	long v = -1;

	if (f) {
		if (fscanf(f, "%ld", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

/* Grant until gntalloc's limit; one more must be refused. */
static void test_exhaustion(void)
{
	long limit = sysfs_long("/sys/module/xen_gntalloc/parameters/limit");
	struct ioctl_gntalloc_alloc_gref *a;
	long got = 0, chunk, rc = 0, rc_over, rc_after;
	int fd, fd2;

	if (limit <= 0 || limit > 65536) {
		ksft_test_result_skip("gntalloc_exhaustion_refused", "limit %ld from sysfs\n", limit);
		ksft_test_result_skip("gntalloc_limit_freed_on_close", "limit unknown\n");
		return;
	}
	a = calloc(1, sizeof(*a) + 256 * sizeof(a->gref_ids[0]));
	fd = open("/dev/xen/gntalloc", O_RDWR);
	while (a && fd >= 0 && got < limit) {
		chunk = limit - got < 256 ? limit - got : 256;
		memset(a, 0, sizeof(*a));
		a->domid = me;
		a->count = chunk;
		if (ioctl(fd, IOCTL_GNTALLOC_ALLOC_GREF, a) < 0) {
			rc = -errno;
			break;
		}
		got += chunk;
	}
	if (a) {
		a->count = 1;
		rc_over = ioctl(fd, IOCTL_GNTALLOC_ALLOC_GREF, a) < 0 ? -errno : 0;
	} else {
		rc_over = -ENOMEM;
	}
	close(fd);
	fd2 = open("/dev/xen/gntalloc", O_RDWR);
	rc_after = a && fd2 >= 0 && ioctl(fd2, IOCTL_GNTALLOC_ALLOC_GREF, a) == 0 ? 0 : -errno;
	close(fd2);
	ksft_print_msg("gntalloc limit %ld: granted %ld (stopped with %ld), one more %ld; after close %ld\n",
		       limit, got, rc, rc_over, rc_after);
	ksft_test_result(got == limit && rc_over == -ENOSPC, "gntalloc_exhaustion_refused\n");
	ksft_test_result(rc_after == 0, "gntalloc_limit_freed_on_close\n");
	free(a);
}

int main(void)
{
	char want[REPLY_OFF];
	struct grant g;
	int rc, c;

	ksft_print_header("xen_gntdev");
	xen_require_xen();
	close(xen_open_or_skip("gntalloc", O_RDWR));
	close(xen_open_or_skip("gntdev", O_RDWR));
	me = xen_self_domid();
	if (me < 0)
		ksft_exit_skip("no domid in this domain's xenstore home (/dev/xen/xenbus)\n");
	ksft_print_msg("this is dom%d (%s)\n", me, xen_is_dom0() ? "dom0" : "a domU");
	ksft_set_plan(7);

	/* One page between two processes, both ways. */
	rc = grant_page(&g);
	if (rc)
		ksft_exit_skip("gntalloc cannot grant a page: %s\n", strerror(-rc));
	strcpy(want, g.page);
	c = run_mapper(g.ref, want, 1);
	ksft_print_msg("ref %u: mapper status %d; granter reads back \"%s\"\n", g.ref, c,
		       g.page + REPLY_OFF);
	ksft_test_result(c == MAPPED, "mapper_sees_granters_page\n");
	ksft_test_result(!strcmp(g.page + REPLY_OFF, REPLY), "granter_sees_mappers_write\n");

	/* A mapper that exits holding the map: its close must unmap. */
	memset(g.page + REPLY_OFF, 0, sizeof(REPLY));
	c = run_mapper(g.ref, want, 0);
	rc = revoke_grant(&g);
	close(g.fd);
	ksft_print_msg("mapper exiting with the map held: %d; revoke %d\n", c, rc);
	ksft_test_result(c == MAPPED && rc == 0, "mapper_exit_holding_map\n");
	c = run_mapper(g.ref, NULL, 1);
	ksft_print_msg("ref %u mapped after revoke: status %d (%d = mapped)\n", g.ref, c, MAPPED);
	ksft_test_result(c == NO_MMAP || c == NO_IOCTL || c >= 100,
			 "closed_map_released_then_revoked_grant_refused\n");

	/* Revoked before anyone mapped it. */
	rc = grant_page(&g);
	rc = rc ? rc : revoke_grant(&g);
	close(g.fd);
	c = rc ? -1 : run_mapper(g.ref, NULL, 1);
	ksft_print_msg("grant %u revoked unmapped (%d), then mapped: status %d\n", g.ref, rc, c);
	ksft_test_result(rc == 0 && (c == NO_MMAP || c == NO_IOCTL || c >= 100),
			 "revoked_grant_not_mapped\n");

	test_exhaustion();
	ksft_finished();
}
