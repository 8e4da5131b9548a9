/* SPDX-License-Identifier: GPL-2.0 */
/* Fixed-width and kernel-wide basic types. */
#ifndef _LINUX_TYPES_H
#define _LINUX_TYPES_H

#ifndef __ASSEMBLY__
#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>

typedef int8_t s8;
typedef uint8_t u8;
typedef int16_t s16;
typedef uint16_t u16;
typedef int32_t s32;
typedef uint32_t u32;
typedef long long s64;
typedef unsigned long long u64;

typedef long ssize_t;
typedef u64 phys_addr_t;
typedef u64 dma_addr_t;

struct list_head {
	struct list_head *next, *prev;
};
#endif

#endif
