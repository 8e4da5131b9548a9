// SPDX-License-Identifier: GPL-2.0
/*
 * privcmd_test - Linux's /dev/xen/privcmd: hypercalls passed through,
 * foreign pages mapped, and IOCTL_PRIVCMD_RESTRICT.
 *
 * xen_version through IOCTL_PRIVCMD_HYPERCALL must give what Linux's own
 * /sys/hypervisor/version says, and bad arguments must come back as
 * Xen's (or the driver's) errors.  With a domU running (the mode names
 * it in XEN_SELFTEST_DOMU, and its console log, as xenconsoled wrote it,
 * in XEN_SELFTEST_DOMU_CONSOLE), IOCTL_PRIVCMD_MMAPBATCH_V2 maps its
 * console ring (the frame xenstore names) next to a frame it does not
 * own: the first must map and hold the text the log has, the second be
 * reported in its own error slot.  In a domU those two skip (mapping
 * another domain's pages is dom0's privilege) and Xen must refuse the
 * domU a page of dom0's instead.  A restricted open refuses hypercalls
 * and other domains; another open is not restricted.
 *
 * Since XSA-482 (Linux 453b8fb68f36, in Debian's 6.1.192) Linux itself
 * restricts every open in a domU to the domain its xenstore "target" key
 * names (a device model's guest), DOMID_IDLE without one, unless
 * xen-privcmd was loaded with unrestricted=1 (XEN_SELFTEST_PRIVCMD_UNRESTRICTED
 * says which).  In such a domU the first case checks that restriction
 * and every other case skips; elsewhere that case skips and the rest run.
 */
#include "xen_abi.h"
#include <xen/version.h>
#include <xen/io/console.h>

#define NO_SUCH_DOMAIN	(DOMID_FIRST_RESERVED - 1)

static int sysfs_read(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	int ok;

	if (!f)
		return -1;
	ok = fgets(buf, len, f) != NULL;
	fclose(f);
	if (!ok)
		return -1;
	buf[strcspn(buf, "\n")] = 0;
	return 0;
}

static void test_version(int fd)
{
	char major[16], minor[16], extra[64];
	static xen_extraversion_t ev;
	long v, rc;

	v = xen_hypercall(fd, __HYPERVISOR_xen_version, XENVER_version, 0, 0);
	if (sysfs_read("/sys/hypervisor/version/major", major, sizeof(major)) ||
	    sysfs_read("/sys/hypervisor/version/minor", minor, sizeof(minor))) {
		ksft_test_result_skip("xen_version_matches_sysfs", "no /sys/hypervisor/version\n");
	} else {
		ksft_print_msg("xen_version: %#lx; /sys/hypervisor: %s.%s\n", v, major, minor);
		ksft_test_result(v > 0 && (v >> 16) == atol(major) && (v & 0xffff) == atol(minor),
				 "xen_version_matches_sysfs\n");
	}

	memset(ev, 0x5a, sizeof(ev));
	rc = xen_hypercall(fd, __HYPERVISOR_xen_version, XENVER_extraversion,
			   (unsigned long)ev, 0);
	if (sysfs_read("/sys/hypervisor/version/extra", extra, sizeof(extra))) {
		ksft_test_result_skip("xen_extraversion_into_user_buffer",
				      "no /sys/hypervisor/version/extra\n");
	} else {
		ksft_print_msg("extraversion: rc %ld \"%.16s\"; sysfs \"%s\"\n", rc, ev, extra);
		ksft_test_result(rc == 0 && memchr(ev, 0, sizeof(ev)) && !strcmp(ev, extra),
				 "xen_extraversion_into_user_buffer\n");
	}

	rc = xen_hypercall(fd, __HYPERVISOR_xen_version, 0xdead, 0, 0);
	ksft_print_msg("xen_version(0xdead): %ld\n", rc);
	ksft_test_result(rc == -ENOSYS, "xen_version_bad_command_enosys\n");
	/* A user address with nothing mapped: Xen's copy-out faults. */
	rc = xen_hypercall(fd, __HYPERVISOR_xen_version, XENVER_extraversion, 8, 0);
	ksft_print_msg("xen_version(extraversion, 0x8): %ld\n", rc);
	ksft_test_result(rc == -EFAULT, "xen_version_bad_pointer_efault\n");
	/*
	 * Past the hypercall page (128 entries of 32 bytes): older Linux
	 * indexed the page with it unchecked; Debian's 6.1.192 hands it to
	 * Xen, which says ENOSYS.  A kernel that checks it says EINVAL.
	 */
	rc = xen_hypercall(fd, 4096, 0, 0, 0);
	ksft_print_msg("hypercall 4096: %ld\n", rc);
	ksft_test_result(rc == -EINVAL || rc == -ENOSYS, "hypercall_number_past_page_refused\n");
	/* privcmd_hypercall.op is 64 bits: its upper half must not vanish. */
	rc = xen_hypercall(fd, (1UL << 32) | __HYPERVISOR_xen_version, XENVER_version, 0, 0);
	ksft_print_msg("hypercall (1 << 32) | xen_version: %#lx\n", rc);
	ksft_test_result(rc == -EINVAL || rc == -ENOSYS, "hypercall_number_upper_bits_refused\n");
	/* In the page but no hypercall of Xen's. */
	rc = xen_hypercall(fd, 63, 0, 0, 0);
	ksft_print_msg("hypercall 63: %ld\n", rc);
	ksft_test_result(rc == -ENOSYS, "hypercall_unimplemented_enosys\n");
}

static long mmapbatch(int fd, domid_t dom, void *addr, xen_pfn_t *arr, int *err, unsigned int n)
{
	struct privcmd_mmapbatch_v2 m = {
		.num = n, .dom = dom, .addr = (unsigned long)addr, .arr = arr, .err = err,
	};

	return ioctl(fd, IOCTL_PRIVCMD_MMAPBATCH_V2, &m) < 0 ? -errno : 0;
}

/* Does the tail of the console ring at PAGE appear in the log LOGPATH? */
static int ring_in_log(const struct xencons_interface *c, const char *logpath,
		       unsigned int *prod, size_t *tail)
{
	static char log[1 << 20];
	char want[64];
	size_t n, i, len;
	FILE *f;

	*prod = c->out_prod;
	n = *prod < sizeof(want) ? *prod : sizeof(want);
	for (i = 0; i < n; i++)
		want[i] = c->out[MASK_XENCONS_IDX(*prod - n + i, c->out)];
	*tail = n;
	f = fopen(logpath, "r");
	if (!f)
		return -1;
	len = fread(log, 1, sizeof(log), f);
	fclose(f);
	return n > 0 && memmem(log, len, want, n) ? 1 : 0;
}

/* In a domU: a frame of dom0's is refused, by Xen (EPERM), slot or call. */
static void test_domu_refused(int fd)
{
	xen_pfn_t arr[1] = { 1 };
	int err[1] = { 0 };
	long rc;
	void *p;

	p = mmap(NULL, XEN_PAGE_SIZE, PROT_READ, MAP_SHARED, fd, 0);
	rc = p == MAP_FAILED ? -errno : mmapbatch(fd, 0, p, arr, err, 1);
	ksft_print_msg("a domU's mmapbatch_v2 of dom0's frame 1: rc %ld err [%d]\n", rc, err[0]);
	ksft_test_result(p != MAP_FAILED && (rc == -EPERM || (rc == 0 && err[0] == -EPERM)),
			 "mmapbatch_v2_domU_refused_dom0_pages\n");
	if (p != MAP_FAILED)
		munmap(p, XEN_PAGE_SIZE);
}

static void test_foreign(int fd)
{
	const char *domu = getenv("XEN_SELFTEST_DOMU");
	const char *logpath = getenv("XEN_SELFTEST_DOMU_CONSOLE");
	xen_pfn_t arr[2];
	int err[2] = { 1, 1 }, in;
	char ref[32];
	unsigned int prod;
	size_t tail;
	long rc;
	void *p;

	if (!xen_is_dom0()) {
		ksft_test_result_skip("mmapbatch_v2_foreign_console_ring",
				      "a domU: mapping another domain's pages needs dom0's privileges\n");
		ksft_test_result_skip("mmapbatch_v2_bad_frame_own_error",
				      "a domU: mapping another domain's pages needs dom0's privileges\n");
		test_domu_refused(fd);
		return;
	}
	ksft_test_result_skip("mmapbatch_v2_domU_refused_dom0_pages",
			      "this is dom0, which may map other domains' pages\n");
	if (!domu || !logpath) {
		ksft_test_result_skip("mmapbatch_v2_foreign_console_ring",
				      "no domU running (XEN_SELFTEST_DOMU, XEN_SELFTEST_DOMU_CONSOLE unset)\n");
		ksft_test_result_skip("mmapbatch_v2_bad_frame_own_error",
				      "no domU running\n");
		return;
	}
	if (xs_tool(ref, sizeof(ref), "xenstore read /local/domain/%s/console/ring-ref", domu) ||
	    !ref[0]) {
		ksft_test_result_fail("mmapbatch_v2_foreign_console_ring # no console/ring-ref for dom%s\n",
				      domu);
		ksft_test_result_skip("mmapbatch_v2_bad_frame_own_error", "no frame to map\n");
		return;
	}
	p = mmap(NULL, 2 * XEN_PAGE_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	arr[0] = strtoull(ref, NULL, 0);	/* a PV guest's frame: its MFN */
	arr[1] = ~(xen_pfn_t)0 >> 12;		/* no frame a domU owns */
	rc = p == MAP_FAILED ? -errno : mmapbatch(fd, atoi(domu), p, arr, err, 2);
	ksft_print_msg("mmapbatch_v2 dom%s [%#lx, %#lx]: rc %ld err [%d, %d]\n",
		       domu, (unsigned long)arr[0], (unsigned long)arr[1], rc, err[0], err[1]);
	in = rc == 0 && err[0] == 0 ? ring_in_log(p, logpath, &prod, &tail) : -1;
	if (in >= 0)
		ksft_print_msg("console ring out_prod %u: its last %zu bytes %s in %s\n",
			       prod, tail, in ? "are" : "are NOT", logpath);
	ksft_test_result(in == 1, "mmapbatch_v2_foreign_console_ring\n");
	ksft_test_result(rc == 0 && err[1] < 0, "mmapbatch_v2_bad_frame_own_error\n");
	if (p != MAP_FAILED)
		munmap(p, 2 * XEN_PAGE_SIZE);
}

static void test_no_such_domain(int fd)
{
	xen_pfn_t arr[1] = { 1 };
	int err[1] = { 0 };
	long rc;
	void *p;

	p = mmap(NULL, XEN_PAGE_SIZE, PROT_READ, MAP_SHARED, fd, 0);
	rc = p == MAP_FAILED ? -errno : mmapbatch(fd, NO_SUCH_DOMAIN, p, arr, err, 1);
	ksft_print_msg("mmapbatch_v2 dom%u: rc %ld err [%d]\n", NO_SUCH_DOMAIN, rc, err[0]);
	ksft_test_result(p != MAP_FAILED && (rc < 0 || err[0] < 0),
			 "mmapbatch_v2_no_such_domain_refused\n");
	if (p != MAP_FAILED)
		munmap(p, XEN_PAGE_SIZE);
}

static void test_restrict(void)
{
	int fd = xen_open_or_skip("privcmd", O_RDWR), other;
	domid_t dom = NO_SUCH_DOMAIN, dom2 = NO_SUCH_DOMAIN - 1;
	xen_pfn_t arr[1] = { 1 };
	int err[1];
	long r1, rh, r2, r3, rm, ro;
	void *p;

	r1 = ioctl(fd, IOCTL_PRIVCMD_RESTRICT, &dom) < 0 ? -errno : 0;
	rh = xen_hypercall(fd, __HYPERVISOR_xen_version, XENVER_version, 0, 0);
	r2 = ioctl(fd, IOCTL_PRIVCMD_RESTRICT, &dom2) < 0 ? -errno : 0;
	r3 = ioctl(fd, IOCTL_PRIVCMD_RESTRICT, &dom) < 0 ? -errno : 0;
	p = mmap(NULL, XEN_PAGE_SIZE, PROT_READ, MAP_SHARED, fd, 0);
	rm = p == MAP_FAILED ? -errno : mmapbatch(fd, 0, p, arr, err, 1);
	other = xen_open_or_skip("privcmd", O_RDWR);
	ro = xen_hypercall(other, __HYPERVISOR_xen_version, XENVER_version, 0, 0);
	ksft_print_msg("restrict to %u: %ld; then hypercall %ld, restrict to %u %ld, to %u again %ld, mmapbatch dom0 %ld; another open's hypercall %#lx\n",
		       dom, r1, rh, dom2, r2, dom, r3, rm, ro);
	ksft_test_result(r1 == 0 && rh == -EPERM, "restrict_refuses_hypercalls\n");
	ksft_test_result(r2 == -EINVAL && r3 == 0, "restrict_sticks_to_its_domain\n");
	ksft_test_result(rm == -EPERM, "restrict_refuses_other_domains_pages\n");
	ksft_test_result(ro > 0, "restrict_is_per_open\n");
	if (p != MAP_FAILED)
		munmap(p, XEN_PAGE_SIZE);
	close(other);
	close(fd);
}

/*
 * How xen-privcmd was loaded (unrestricted=, a parameter sysfs does not
 * show): the domU's /init says so in XEN_SELFTEST_PRIVCMD_UNRESTRICTED,
 * 1 or 0; -1 unsaid.
 */
static int said_unrestricted(void)
{
	const char *v = getenv("XEN_SELFTEST_PRIVCMD_UNRESTRICTED");

	return v && *v ? atoi(v) != 0 : -1;
}

/* Is this open restricted from the start?  If so, check how. */
static int test_boot_restriction(int fd)
{
	const char *name = "domU_open_restricted_to_its_target";
	int unres = said_unrestricted(), has_target;
	domid_t want, other;
	char target[16];
	long rh, ro, rw;

	if (xen_is_dom0()) {
		ksft_test_result_skip(name, "dom0: Linux restricts no open of dom0's privcmd\n");
		return 0;
	}
	if (unres > 0) {
		ksft_test_result_skip(name, "xen-privcmd loaded with unrestricted=1\n");
		return 0;
	}
	/* Unsaid: a Linux before XSA-482 lets the hypercall through. */
	if (unres < 0 &&
	    xen_hypercall(fd, __HYPERVISOR_xen_version, XENVER_version, 0, 0) != -EPERM) {
		ksft_test_result_skip(name, "xen_version not refused: a Linux before XSA-482, or unrestricted=1\n");
		return 0;
	}
	has_target = xsd_read("target", target, sizeof(target)) == 0;
	want = has_target ? (domid_t)atoi(target) : DOMID_IDLE;
	other = want == NO_SUCH_DOMAIN ? NO_SUCH_DOMAIN - 1 : NO_SUCH_DOMAIN;
	rh = xen_hypercall(fd, __HYPERVISOR_xen_version, XENVER_version, 0, 0);
	ro = ioctl(fd, IOCTL_PRIVCMD_RESTRICT, &other) < 0 ? -errno : 0;
	rw = ioctl(fd, IOCTL_PRIVCMD_RESTRICT, &want) < 0 ? -errno : 0;
	ksft_print_msg("a domU, xenstore target %s, so restricted to %#x: hypercall %ld, restrict to %u %ld, to %#x %ld\n",
		       has_target ? target : "(none)", want, rh, other, ro, want, rw);
	ksft_test_result(rh == -EPERM && ro == -EINVAL && rw == 0, "%s\n", name);
	return 1;
}

int main(void)
{
	static const char *const rest[] = {
		"xen_version_matches_sysfs", "xen_extraversion_into_user_buffer",
		"xen_version_bad_command_enosys", "xen_version_bad_pointer_efault",
		"hypercall_number_past_page_refused", "hypercall_number_upper_bits_refused",
		"hypercall_unimplemented_enosys", "mmapbatch_v2_domU_refused_dom0_pages",
		"mmapbatch_v2_foreign_console_ring", "mmapbatch_v2_bad_frame_own_error",
		"mmapbatch_v2_no_such_domain_refused", "restrict_refuses_hypercalls",
		"restrict_sticks_to_its_domain", "restrict_refuses_other_domains_pages",
		"restrict_is_per_open",
	};
	unsigned int i;
	int fd;

	ksft_print_header("xen_privcmd");
	xen_require_xen();
	fd = xen_open_or_skip("privcmd", O_RDWR);
	ksft_set_plan(16);
	if (test_boot_restriction(fd)) {
		for (i = 0; i < sizeof(rest) / sizeof(rest[0]); i++)
			ksft_test_result_skip(rest[i], "this domU's privcmd is restricted (XSA-482)\n");
		close(fd);
		ksft_finished();
	}
	test_version(fd);
	test_foreign(fd);
	test_no_such_domain(fd);
	test_restrict();
	close(fd);
	ksft_finished();
}
