// SPDX-License-Identifier: GPL-2.0
/* Planted: raw privileged instructions in C asm; each must be reported. */
static inline void planted_cli(void)
{
	asm volatile("cli" : : : "memory");
}

static inline void planted_cr3(unsigned long v)
{
	__asm__ __volatile__("movq %0, %%cr3\n\t" : : "r"(v) : "memory");
}
