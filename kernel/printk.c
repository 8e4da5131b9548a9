// SPDX-License-Identifier: GPL-2.0
/*
 * printk: format, stamp each line with the time since boot, keep it in a
 * ring buffer and hand it to every console whose level lets it through.
 *
 * logbuf_lock (interrupts off, then the spinlock) serializes the buffer,
 * the line state and the consoles between CPUs, so lines from two CPUs
 * never interleave within a line.  A printk from inside printk on the
 * same CPU (a fault in a console) is dropped rather than recursing: the
 * depth is per CPU and checked before the lock, which that CPU holds.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/init.h>
#include <linux/irqflags.h>
#include <linux/errno.h>
#include <linux/spinlock.h>
#include <asm/percpu.h>
#include <asm/tsc.h>

#define LOG_BUF_LEN	(1U << CONFIG_LOG_BUF_SHIFT)

static char log_buf[LOG_BUF_LEN];
static size_t log_head;		/* total bytes ever written */
static struct console *consoles;
static bool at_line_start = true;
static int cont_level = LOGLEVEL_DEFAULT;
static DEFINE_PER_CPU(int, printk_depth);
static DEFINE_SPINLOCK(logbuf_lock);

int console_loglevel = 7;	/* show KERN_INFO and more severe */

static void log_store(const char *s, size_t n)
{
	while (n--)
		log_buf[log_head++ % LOG_BUF_LEN] = *s++;
}

size_t log_buf_copy(char *dst, size_t size)
{
	size_t avail = log_head < LOG_BUF_LEN ? log_head : LOG_BUF_LEN;
	size_t start = log_head - avail, i;

	if (avail > size)
		start = log_head - size, avail = size;
	for (i = 0; i < avail; i++)
		dst[i] = log_buf[(start + i) % LOG_BUF_LEN];
	return avail;
}

static void emit(const char *s, size_t n, bool show)
{
	struct console *c;

	log_store(s, n);
	if (!show)
		return;
	for (c = consoles; c; c = c->next)
		c->write(c, s, n);
}

int vprintk(const char *fmt, va_list ap)
{
	char text[512], stamp[32];
	const char *p, *line;
	unsigned long flags;
	int level = LOGLEVEL_DEFAULT, n;
	bool cont = false, show;

	n = vsnprintf(text, sizeof(text), fmt, ap);
	p = text;
	if (p[0] == KERN_SOH[0] && p[1]) {
		if (p[1] == 'c')
			cont = true;
		else if (p[1] >= '0' && p[1] <= '7')
			level = p[1] - '0';
		p += 2;
	}

	local_irq_save(flags);
	if (this_cpu_read(printk_depth)) {
		local_irq_restore(flags);
		return 0;
	}
	this_cpu_inc(printk_depth);
	spin_lock(&logbuf_lock);
	if (cont && !at_line_start)
		level = cont_level;
	cont_level = level;
	show = level < console_loglevel;

	while (*p) {
		if (at_line_start) {
			u64 ns = sched_clock();
			int len = snprintf(stamp, sizeof(stamp), "[%5llu.%06llu] ",
					   (unsigned long long)(ns / 1000000000),
					   (unsigned long long)(ns % 1000000000) / 1000);
			emit(stamp, len, show);
			at_line_start = false;
		}
		line = p;
		while (*p && *p != '\n')
			p++;
		if (*p == '\n') {
			p++;
			at_line_start = true;
		}
		emit(line, p - line, show);
	}
	spin_unlock(&logbuf_lock);
	this_cpu_dec(printk_depth);
	local_irq_restore(flags);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

void register_console(struct console *con)
{
	unsigned long flags;

	spin_lock_irqsave(&logbuf_lock, flags);
	con->next = consoles;
	consoles = con;
	spin_unlock_irqrestore(&logbuf_lock, flags);
}

void unregister_console(struct console *con)
{
	struct console **pp;
	unsigned long flags;

	spin_lock_irqsave(&logbuf_lock, flags);
	for (pp = &consoles; *pp; pp = &(*pp)->next) {
		if (*pp == con) {
			*pp = con->next;
			break;
		}
	}
	spin_unlock_irqrestore(&logbuf_lock, flags);
}

static int __init loglevel_setup(const char *val)
{
	unsigned long long v;

	if (kstrtoull(val, 10, &v) || v > 8)
		return -EINVAL;
	console_loglevel = (int)v;
	return 0;
}
__setup("loglevel=", loglevel_setup);

static int __init quiet_setup(const char *val)
{
	console_loglevel = 4;
	return 0;
}
__setup("quiet", quiet_setup);
