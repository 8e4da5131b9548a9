// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel command line: assembled once at boot from CONFIG_CMDLINE and
 * what the loader passed, then read by __setup() handlers and by code that
 * asks for a parameter.  Words longer than the line are cut, never overrun.
 */
#include <linux/kernel.h>
#include <linux/init.h>
#include <linux/string.h>

char boot_command_line[COMMAND_LINE_SIZE];

extern const struct kernel_param __setup_start[], __setup_end[];

void __init cmdline_init(const char *from_loader)
{
	size_t n;

	strscpy(boot_command_line, CONFIG_CMDLINE, sizeof(boot_command_line));
	n = strlen(boot_command_line);
	if (n && from_loader && *from_loader && n + 1 < sizeof(boot_command_line))
		boot_command_line[n++] = ' ';
	if (from_loader)
		strscpy(boot_command_line + n, from_loader,
			sizeof(boot_command_line) - n);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/*
 * Next word of @p: sets *len, returns its start or NULL at the end.  A
 * lone "--" ends the kernel's words, as in Linux: what follows is for
 * someone else (the slim dom0's guests, cmdline_after_dashes()).
 */
static const char *next_word(const char *p, size_t *len)
{
	while (is_space(*p))
		p++;
	if (!*p)
		return NULL;
	*len = 0;
	while (p[*len] && !is_space(p[*len]))
		(*len)++;
	if (*len == 2 && p[0] == '-' && p[1] == '-')
		return NULL;
	return p;
}

const char *cmdline_after_dashes(void)
{
	const char *p = boot_command_line;

	for (;;) {
		while (is_space(*p))
			p++;
		if (!*p)
			return NULL;
		if (p[0] == '-' && p[1] == '-' && (!p[2] || is_space(p[2])))
			break;
		while (*p && !is_space(*p))
			p++;
	}
	p += 2;
	while (is_space(*p))
		p++;
	return p;
}

void __init parse_early_params(void)
{
	const char *w = boot_command_line;
	const struct kernel_param *kp;
	char val[256];
	size_t len, nlen;

	while ((w = next_word(w, &len))) {
		for (kp = __setup_start; kp < __setup_end; kp++) {
			nlen = strlen(kp->name);
			if (kp->name[nlen - 1] == '=') {
				if (len < nlen || strncmp(w, kp->name, nlen))
					continue;
				strscpy(val, w + nlen, min(len - nlen + 1, sizeof(val)));
			} else {
				if (len != nlen || strncmp(w, kp->name, nlen))
					continue;
				val[0] = '\0';
			}
			if (kp->setup(val))
				pr_warn("params: bad value in '%.*s'\n", (int)len, w);
		}
		w += len;
	}
}

bool cmdline_get_value(const char *name, char *buf, size_t size)
{
	const char *w = boot_command_line, *found = NULL;
	size_t len, nlen = strlen(name), flen = 0;

	while ((w = next_word(w, &len))) {
		if (len > nlen && w[nlen] == '=' && !strncmp(w, name, nlen)) {
			found = w + nlen + 1;
			flen = len - nlen - 1;
		}
		w += len;
	}
	if (!found)
		return false;
	if (size)
		strscpy(buf, found, min(flen + 1, size));
	return true;
}

bool cmdline_has(const char *name)
{
	const char *w = boot_command_line;
	size_t len, nlen = strlen(name);

	while ((w = next_word(w, &len))) {
		if (len >= nlen && !strncmp(w, name, nlen) &&
		    (len == nlen || w[nlen] == '='))
			return true;
		w += len;
	}
	return false;
}
