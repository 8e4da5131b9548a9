/* SPDX-License-Identifier: GPL-2.0 */
/* Local APIC (x2APIC MSRs or xAPIC MMIO) and the legacy PIC/PIT fallbacks. */
#ifndef _ASM_X86_APIC_H
#define _ASM_X86_APIC_H

#include <linux/types.h>

#define APIC_ID		0x020
#define APIC_LVR	0x030
#define APIC_TASKPRI	0x080
#define APIC_EOI	0x0b0
#define APIC_LDR	0x0d0
#define APIC_DFR	0x0e0
#define APIC_SPIV	0x0f0
#define APIC_SPIV_ENABLE (1 << 8)
#define APIC_ESR	0x280
#define APIC_ICR	0x300
#define APIC_ICR2	0x310
#define APIC_ICR_BUSY	(1 << 12)	/* xAPIC delivery status */
/* ICR low word: delivery mode, level, trigger, destination shorthand. */
#define APIC_DM_FIXED	0x00000
#define APIC_DM_INIT	0x00500
#define APIC_DM_STARTUP	0x00600
#define APIC_INT_ASSERT	0x04000
#define APIC_INT_LEVELTRIG 0x08000
#define APIC_DEST_SELF	0x40000
#define APIC_DEST_ALLBUT 0xc0000
#define APIC_LVTT	0x320
#define APIC_LVTTHMR	0x330
#define APIC_LVTPC	0x340
#define APIC_LVT0	0x350
#define APIC_LVT1	0x360
#define APIC_LVTERR	0x370
#define APIC_TMICT	0x380
#define APIC_TMCCT	0x390
#define APIC_TDCR	0x3e0
#define APIC_LVT_MASKED	(1 << 16)
#define APIC_LVT_TIMER_PERIODIC (1 << 17)
#define APIC_TDR_DIV_16	0x3

/* Set up the periodic tick (local APIC, else PIT through the 8259). */
void timer_init(void);
/* Stop the tick (benchmarks want no interrupt in their windows). */
void timer_stop(void);
extern volatile unsigned long jiffies;
extern const char *timer_source;
/* The vector the tick's interrupts arrive on (tests count them there). */
extern unsigned int timer_vector;
void apic_eoi(void);

/* The local APIC, in whichever mode apic_setup() chose (apic.c). */
extern bool x2apic_mode;
bool apic_present(void);
u32 apic_read(u32 reg);
void apic_write(u32 reg, u32 v);
/* This CPU's APIC ID (8 bits in xAPIC mode, 32 in x2APIC mode). */
u32 apic_id(void);
/* Send one IPI: ICR low word @low to APIC ID @dest. */
void apic_icr_write(u32 low, u32 dest);
/* A secondary CPU: its APIC on, in the boot CPU's mode, and its tick. */
void apic_setup_secondary(void);
/* The boot CPU's APIC for IPIs alone, no APIC timer (Xen HVM); false: none. */
bool apic_setup_ipi_only(void);
#ifndef __ASSEMBLY__
#include <asm/percpu.h>
/* Local APIC timer interrupts taken by each CPU. */
DECLARE_PER_CPU(unsigned long, apic_ticks);
#endif

/* 8259 PIC */
void pic_init(void);
void pic_mask_all(void);
void pic_unmask(unsigned int irq);
void pic_eoi(unsigned int irq);

/* PIT */
#define PIT_TICK_RATE	1193182UL
void pit_start_periodic(unsigned int hz);
void pit_stop(void);
/* Busy-wait ~ms with PIT channel 2; returns TSC cycles elapsed (0 if no PIT). */
u64 pit_calibrate_tsc_ms(unsigned int ms);

#endif
