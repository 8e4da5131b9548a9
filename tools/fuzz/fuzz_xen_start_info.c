// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: the Xen PV start_info parser.  The input stands for
 * the bootstrap region Xen mapped at VIRT_BASE, copied into an exactly
 * sized heap buffer (a read past it is an AddressSanitizer report); bytes
 * 0-1 give start_info's offset in it.  What the parser accepts must obey
 * what it promised: the P2M list and the tables inside the region, the
 * command line terminated, the bootstrap region ending where the
 * initial page tables end, the module inside the domain's pages (by
 * frame) or the region (mapped), machine frames and event channels in
 * range.
 */
#include <linux/types.h>
#include <asm/xen/start_info.h>
#include <xen/interface/xen.h>
#include "fuzz_host.h"
#include "fuzz_mem.h"

#define VIRT_BASE 0xffffffff80000000ULL

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct xen_boot xb;
	struct fuzz_mem fm;
	struct boot_mem mem;
	u64 off;
	int err;

	if (size < 2)
		return 0;
	fuzz_mem_init(&fm, &mem, VIRT_BASE, data + 2, size - 2);
	off = data[0] | (data[1] << 8);

	err = xen_parse_start_info(&mem, VIRT_BASE + off, VIRT_BASE, &xb);
	FUZZ_CHECK(err == 0 || err == -EINVAL || err == -EFAULT);
	if (!err) {
		FUZZ_CHECK(xb.nr_pages > 0);
		FUZZ_CHECK(xb.pt_base >= VIRT_BASE && !(xb.pt_base & 0xfff));
		FUZZ_CHECK(xb.bootstrap_end == xb.pt_base + xb.nr_pt_frames * 4096);
		FUZZ_CHECK(xb.mfn_list >= VIRT_BASE &&
			   xb.mfn_list + xb.nr_pages * 8 <= xb.bootstrap_end);
		FUZZ_CHECK(VIRT_BASE + off + sizeof(struct start_info) <= xb.bootstrap_end);
		FUZZ_CHECK(memchr(xb.cmdline, 0, sizeof(xb.cmdline)) != NULL);
		/* The module: what gets reserved is inside what Xen gave us. */
		FUZZ_CHECK(xb.mod_pa + xb.mod_len >= xb.mod_pa);
		if (xb.mod_len && (xb.flags & SIF_MOD_START_PFN))
			FUZZ_CHECK(xb.mod_pa + xb.mod_len <= xb.nr_pages * 4096);
		else if (xb.mod_len)
			FUZZ_CHECK(VIRT_BASE + xb.mod_pa + xb.mod_len <= xb.bootstrap_end);
		FUZZ_CHECK(!(xb.shared_info_maddr & 0xfff) && xb.shared_info_maddr < (1ULL << 52));
		FUZZ_CHECK(xb.store_mfn < (1ULL << 40) && xb.store_evtchn < 4096);
		FUZZ_CHECK(xb.console_mfn < (1ULL << 40) && xb.console_evtchn < 4096);
	}
	fuzz_mem_free(&fm);
	return 0;
}
