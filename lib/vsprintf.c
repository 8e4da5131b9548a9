// SPDX-License-Identifier: GPL-2.0
/*
 * vsnprintf and friends: the C99 conversions the kernel uses (d i u x X o
 * c s p %), flags - 0 + space #, width and precision (also *), length
 * modifiers hh h l ll z t j, and %pS / %ps for kernel text symbols.
 * Output is always NUL-terminated when size > 0; the return value is the
 * length the full output would have had, as C99 says.  '#' with hex or
 * octal prefixes zero as well ("0x0"), as Linux's vsprintf does.
 */
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/kallsyms.h>
#include <linux/errno.h>

struct out {
	char *buf;
	size_t size;
	size_t pos;
};

static void put(struct out *o, char c)
{
	if (o->pos + 1 < o->size)
		o->buf[o->pos] = c;
	o->pos++;
}

#define F_LEFT	1
#define F_ZERO	2
#define F_PLUS	4
#define F_SPACE	8
#define F_ALT	16
#define F_UPPER	32

struct spec {
	unsigned int flags;
	int width;
	int precision;		/* -1: none */
};

static void put_padded(struct out *o, const char *s, size_t len,
		       const struct spec *sp)
{
	int pad = sp->width > (int)len ? sp->width - (int)len : 0;

	if (!(sp->flags & F_LEFT))
		while (pad-- > 0)
			put(o, ' ');
	while (len--)
		put(o, *s++);
	while (pad-- > 0)
		put(o, ' ');
}

static void put_number(struct out *o, unsigned long long v, bool negative,
		       unsigned int base, const struct spec *sp)
{
	const char *digits = (sp->flags & F_UPPER) ? "0123456789ABCDEF"
						   : "0123456789abcdef";
	char tmp[24];
	int n = 0, prec = sp->precision, width = sp->width, zeros;
	char sign = 0;
	const char *prefix = "";

	if (negative)
		sign = '-';
	else if (sp->flags & F_PLUS)
		sign = '+';
	else if (sp->flags & F_SPACE)
		sign = ' ';
	/* As in Linux (unlike C99): '#' prefixes zero too, so columns align. */
	if (sp->flags & F_ALT) {
		if (base == 16)
			prefix = (sp->flags & F_UPPER) ? "0X" : "0x";
		else if (base == 8)
			prefix = "0";
	}

	/* C99: precision 0 with value 0 prints no digits. */
	if (!(v == 0 && prec == 0)) {
		do {
			tmp[n++] = digits[v % base];
			v /= base;
		} while (v);
	}
	zeros = prec > n ? prec - n : 0;
	width -= n + zeros + (sign ? 1 : 0) + (int)strlen(prefix);
	if ((sp->flags & F_ZERO) && !(sp->flags & F_LEFT) && prec < 0) {
		zeros += width > 0 ? width : 0;
		width = 0;
	}
	if (!(sp->flags & F_LEFT))
		while (width-- > 0)
			put(o, ' ');
	if (sign)
		put(o, sign);
	while (*prefix)
		put(o, *prefix++);
	while (zeros-- > 0)
		put(o, '0');
	while (n--)
		put(o, tmp[n]);
	while (width-- > 0)
		put(o, ' ');
}

static const char *put_pointer(struct out *o, const char *fmt, void *p,
			       struct spec *sp)
{
	char sym[KSYM_SYMBOL_LEN];

	if (*fmt == 'S' || *fmt == 's') {
		sprint_symbol(sym, sizeof(sym), (unsigned long)p, *fmt == 'S');
		put_padded(o, sym, strlen(sym), sp);
		return fmt + 1;
	}
	sp->flags |= F_ALT | F_ZERO;
	if (sp->width < 0 || sp->width == 0)
		sp->width = 18;
	put_number(o, (unsigned long)p, false, 16, sp);
	return fmt;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };

	while (*fmt) {
		struct spec sp = { 0, 0, -1 };
		unsigned long long uv;
		long long sv;
		int len = 0;		/* 0 int, 1 long, 2 long long, -1 short, -2 char */
		unsigned int base = 10;
		bool is_signed = false;

		if (*fmt != '%') {
			put(&o, *fmt++);
			continue;
		}
		fmt++;
		for (;; fmt++) {
			if (*fmt == '-')
				sp.flags |= F_LEFT;
			else if (*fmt == '0')
				sp.flags |= F_ZERO;
			else if (*fmt == '+')
				sp.flags |= F_PLUS;
			else if (*fmt == ' ')
				sp.flags |= F_SPACE;
			else if (*fmt == '#')
				sp.flags |= F_ALT;
			else
				break;
		}
		if (*fmt == '*') {
			sp.width = va_arg(ap, int);
			if (sp.width < 0) {
				sp.flags |= F_LEFT;
				sp.width = -sp.width;
			}
			fmt++;
		} else {
			while (*fmt >= '0' && *fmt <= '9')
				sp.width = sp.width * 10 + (*fmt++ - '0');
		}
		if (*fmt == '.') {
			fmt++;
			sp.precision = 0;
			if (*fmt == '*') {
				sp.precision = va_arg(ap, int);
				if (sp.precision < 0)
					sp.precision = -1;
				fmt++;
			} else {
				while (*fmt >= '0' && *fmt <= '9')
					sp.precision = sp.precision * 10 + (*fmt++ - '0');
			}
		}
		switch (*fmt) {
		case 'h':
			len = -1;
			if (*++fmt == 'h') {
				len = -2;
				fmt++;
			}
			break;
		case 'l':
			len = 1;
			if (*++fmt == 'l') {
				len = 2;
				fmt++;
			}
			break;
		case 'z': case 't': case 'j':
			len = (*fmt == 'j') ? 2 : 1;
			fmt++;
			break;
		}

		switch (*fmt) {
		case 'd':
		case 'i':
			is_signed = true;
			break;
		case 'u':
			break;
		case 'X':
			sp.flags |= F_UPPER;
			fallthrough;
		case 'x':
			base = 16;
			break;
		case 'o':
			base = 8;
			break;
		case 'c': {
			char c = (char)va_arg(ap, int);

			put_padded(&o, &c, 1, &sp);
			fmt++;
			continue;
		}
		case 's': {
			const char *s = va_arg(ap, const char *);
			size_t n;

			if (!s)
				s = "(null)";
			n = sp.precision >= 0 ? strnlen(s, sp.precision) : strlen(s);
			put_padded(&o, s, n, &sp);
			fmt++;
			continue;
		}
		case 'p':
			fmt = put_pointer(&o, fmt + 1, va_arg(ap, void *), &sp);
			continue;
		case '%':
			put(&o, '%');
			fmt++;
			continue;
		case '\0':
			continue;
		default:
			/* Unknown conversion: print it as written. */
			put(&o, '%');
			put(&o, *fmt++);
			continue;
		}
		fmt++;

		if (is_signed) {
			if (len == 2)
				sv = va_arg(ap, long long);
			else if (len == 1)
				sv = va_arg(ap, long);
			else
				sv = va_arg(ap, int);
			if (len == -1)
				sv = (short)sv;
			else if (len == -2)
				sv = (signed char)sv;
			uv = sv < 0 ? -(unsigned long long)sv : (unsigned long long)sv;
			put_number(&o, uv, sv < 0, base, &sp);
		} else {
			if (len == 2)
				uv = va_arg(ap, unsigned long long);
			else if (len == 1)
				uv = va_arg(ap, unsigned long);
			else
				uv = va_arg(ap, unsigned int);
			if (len == -1)
				uv = (unsigned short)uv;
			else if (len == -2)
				uv = (unsigned char)uv;
			put_number(&o, uv, false, base, &sp);
		}
	}
	if (size)
		buf[o.pos < size ? o.pos : size - 1] = '\0';
	return (int)o.pos;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

int sprintf(char *buf, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, (size_t)INT32_MAX, fmt, ap);
	va_end(ap);
	return n;
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/* Parse an unsigned number; base 0 accepts 0x (hex) and 0 (octal) prefixes. */
unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base)
{
	unsigned long v = 0;

	if (!base) {
		base = 10;
		if (cp[0] == '0') {
			base = 8;
			if ((cp[1] == 'x' || cp[1] == 'X') && digit_value(cp[2]) < 16) {
				base = 16;
				cp += 2;
			}
		}
	} else if (base == 16 && cp[0] == '0' && (cp[1] == 'x' || cp[1] == 'X')) {
		cp += 2;
	}
	while (digit_value(*cp) < (int)base)
		v = v * base + digit_value(*cp++);
	if (endp)
		*endp = (char *)cp;
	return v;
}

/* Strict: the whole string (an optional trailing newline aside) must parse. */
int kstrtoull(const char *s, unsigned int base, unsigned long long *res)
{
	unsigned long long v = 0, next;
	const char *p = s;

	if (!base) {
		base = 10;
		if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
			base = 16;
			p += 2;
		} else if (p[0] == '0' && p[1]) {
			base = 8;
		}
	}
	if (digit_value(*p) >= (int)base)
		return -EINVAL;
	for (; digit_value(*p) < (int)base; p++) {
		next = v * base + digit_value(*p);
		if (next / base != v && v)
			return -ERANGE;
		if (v > (U64_MAX - digit_value(*p)) / base)
			return -ERANGE;
		v = next;
	}
	if (*p == '\n')
		p++;
	if (*p)
		return -EINVAL;
	*res = v;
	return 0;
}
