/* SPDX-License-Identifier: GPL-2.0 */
/* Planted: a raw wrmsr in assembly must be reported. */
	.text
planted:
	mov	$0xc0000080, %ecx	/* a comment mentioning cli is fine */
	wrmsr
	ret
