/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Section markers.  __init code and data are kept (not freed) for now, but
 * marked so a later step can free them and so the linker script groups them.
 */
#ifndef _LINUX_INIT_H
#define _LINUX_INIT_H

#include <linux/compiler.h>

#define __init		__section(".init.text") __cold
#define __initdata	__section(".init.data")
#define __initconst	__section(".init.rodata")
/* Written during set-up only: read-only from mark_ro_after_init() on. */
#define __ro_after_init	__section(".data..ro_after_init")

#ifndef __ASSEMBLY__
/* Boot parameters: __setup("name=", handler) registers a handler. */
struct kernel_param {
	const char *name;
	int (*setup)(const char *val);
};

#define __setup(str, fn)						\
	static const struct kernel_param __setup_##fn			\
	__used __section(".init.setup") __aligned(8) = { str, fn }

/*
 * The command line: built-in CONFIG_CMDLINE, then the loader's.  Words are
 * separated by spaces; "name=value" or "name".  A later word wins.
 */
#define COMMAND_LINE_SIZE 2048
extern char boot_command_line[COMMAND_LINE_SIZE];
void cmdline_init(const char *from_loader);
/* Run every __setup() handler whose name matches a word. */
void parse_early_params(void);
/* Copy the value of the last "name=value" into @buf; false if absent. */
bool cmdline_get_value(const char *name, char *buf, size_t size);
/* True if the word @name (alone or as "name=...") is present. */
bool cmdline_has(const char *name);
/* What follows a lone "--" (not the kernel's words), or NULL without one. */
const char *cmdline_after_dashes(void);

void __noreturn start_kernel(void);
#endif

#endif
