// SPDX-License-Identifier: GPL-2.0
/*
 * Helpers shared by the boot-protocol parsers.  Pure code over a struct
 * boot_mem accessor: it builds in the kernel and on the host (fuzzing).
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/errno.h>
#include <asm/bootinfo.h>

/*
 * Copy a NUL-terminated string at @pa into @dst (@max bytes, terminator
 * included).  The string may end near the limit of readable memory, so
 * read it in pieces that never cross the accessor's limit.
 */
int boot_copy_string(const struct boot_mem *m, u64 pa, char *dst, size_t max)
{
	size_t done = 0;

	if (!max)
		return -EINVAL;
	while (done < max) {
		size_t chunk = min((size_t)64, max - done);
		const char *src;
		const char *nul;

		src = m->map(m, pa + done, chunk);
		if (!src) {
			/* Shorter reads up to the limit, one byte at a time. */
			src = m->map(m, pa + done, 1);
			if (!src)
				return -EFAULT;
			chunk = 1;
		}
		nul = memchr(src, '\0', chunk);
		if (nul) {
			memcpy(dst + done, src, nul - src + 1);
			return 0;
		}
		memcpy(dst + done, src, chunk);
		done += chunk;
	}
	dst[max - 1] = '\0';
	return -E2BIG;
}

/* Record a physical range the loader's data occupies. */
int boot_note_range(struct boot_info *bi, u64 start, u64 size)
{
	u64 end;

	if (!size)
		return 0;
	if (check_add_overflow(start, size, &end))
		return -EOVERFLOW;
	if (bi->nr_ranges >= BOOT_MAX_RANGES)
		return -E2BIG;
	bi->ranges[bi->nr_ranges].start = start;
	bi->ranges[bi->nr_ranges].end = end;
	bi->nr_ranges++;
	return 0;
}
