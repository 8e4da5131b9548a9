// SPDX-License-Identifier: GPL-2.0
/* Look-alikes that are not privileged: the checker must stay silent. */
static inline unsigned long planted_ok(unsigned long x)
{
	/* "cli" in a comment, and a client_count variable */
	unsigned long client_count = x;

	asm volatile("add $1, %0 # not a cli" : "+r"(client_count));
	asm volatile("mov %%rax, %0" : "=r"(x) : : "rax");
	return client_count + x;
}
