/*
 * date.c - the dates of feeds and archives to ISO 8601: RFC 822 (RSS
 * pubDate, with RFC 2822's four-digit years) and RFC 3339 (Atom, Dublin
 * Core dc:date, WARC-Date). Pure, no locale, no time zone database: the
 * zone is written as given, never converted.
 */
#include <stdio.h>
#include <string.h>

#include "feed_int.h"

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int lower(char c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

int fx_eq(const char *p, size_t n, const char *z)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!z[i] || lower(p[i]) != lower(z[i]))
			return 0;
	return z[n] == '\0';
}

size_t fx_trim(const char **p, size_t n)
{
	while (n && is_space(**p)) {
		(*p)++;
		n--;
	}
	while (n && is_space((*p)[n - 1]))
		n--;
	return n;
}

/* A cursor over the date's bytes. */
typedef struct cur {
	const char *p;
	size_t n, i;
} cur;

static void skip_space(cur *c)
{
	while (c->i < c->n && (is_space(c->p[c->i]) || c->p[c->i] == ','))
		c->i++;
}

/* Up to max digits into *v; returns how many were read. */
static int digits(cur *c, int max, int *v)
{
	int k = 0;

	*v = 0;
	while (k < max && c->i < c->n && is_digit(c->p[c->i])) {
		*v = *v * 10 + (c->p[c->i] - '0');
		c->i++;
		k++;
	}
	return k;
}

static int eat(cur *c, char ch)
{
	if (c->i < c->n && c->p[c->i] == ch) {
		c->i++;
		return 1;
	}
	return 0;
}

static int days_in(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	                        31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : d[m - 1];
}

static int valid(int y, int mo, int d, int h, int mi, int s)
{
	return y >= 1 && y <= 9999 && mo >= 1 && mo <= 12 && d >= 1 &&
	       d <= days_in(y, mo) && h >= 0 && h <= 23 && mi >= 0 &&
	       mi <= 59 && s >= 0 && s <= 60;
}

/* A month name (three letters at least, a prefix of the full name). */
static int month_of(cur *c)
{
	static const char *const names[] = {
		"january", "february", "march", "april", "may", "june",
		"july", "august", "september", "october", "november",
		"december"
	};
	size_t s = c->i, len, k;
	int m;

	while (c->i < c->n && lower(c->p[c->i]) >= 'a' &&
	       lower(c->p[c->i]) <= 'z')
		c->i++;
	len = c->i - s;
	if (len < 3)
		return 0;
	eat(c, '.');
	for (m = 0; m < 12; m++) {
		if (len > strlen(names[m]))
			continue;
		for (k = 0; k < len; k++)
			if (lower(c->p[s + k]) != names[m][k])
				break;
		if (k == len)
			return m + 1;
	}
	return 0;
}

/*
 * A zone: Z, UT, GMT, UTC, the North American names, +hhmm, +hh:mm.
 * Writes "Z" or "+hh:mm" into z (8 bytes), "" when there is none or it
 * is not known. Returns 0 on bytes that are not a zone.
 */
static int zone(cur *c, char *z)
{
	static const struct {
		const char *name;
		int hours;
	} named[] = {
		{"est", -5}, {"edt", -4}, {"cst", -6}, {"cdt", -5},
		{"mst", -7}, {"mdt", -6}, {"pst", -8}, {"pdt", -7},
		{NULL, 0}
	};
	size_t s;
	int k, h, m = 0;

	z[0] = '\0';
	skip_space(c);
	if (c->i >= c->n)
		return 1;
	if (c->p[c->i] == '+' || c->p[c->i] == '-') {
		char sign = c->p[c->i++];

		if (digits(c, 2, &h) != 2)
			return 0;
		eat(c, ':');
		if (c->i < c->n && is_digit(c->p[c->i]) &&
		    digits(c, 2, &m) != 2)
			return 0;
		if (h > 23 || m > 59 || h < 0 || m < 0)
			return 0;
		if (!h && !m)
			snprintf(z, 8, "Z");
		else
			snprintf(z, 8, "%c%02u:%02u", sign, (unsigned)h % 24u,
			         (unsigned)m % 60u);
		return 1;
	}
	s = c->i;
	while (c->i < c->n && lower(c->p[c->i]) >= 'a' &&
	       lower(c->p[c->i]) <= 'z')
		c->i++;
	if (c->i == s)
		return 0;
	if (fx_eq(c->p + s, c->i - s, "z") || fx_eq(c->p + s, c->i - s, "ut") ||
	    fx_eq(c->p + s, c->i - s, "gmt") ||
	    fx_eq(c->p + s, c->i - s, "utc")) {
		snprintf(z, 8, "Z");
		return 1;
	}
	for (k = 0; named[k].name; k++)
		if (fx_eq(c->p + s, c->i - s, named[k].name)) {
			snprintf(z, 8, "-%02u:00",
			         (unsigned)-named[k].hours % 24u);
			return 1;
		}
	return 1; /* a zone we do not know (military letters): none */
}

static int write_iso(char *out, size_t cap, int y, int mo, int d, int h,
                     int mi, int s, int timed, const char *z)
{
	int k;

	if (!valid(y, mo, d, h, mi, s))
		return 0;
	if (timed)
		k = snprintf(out, cap, "%04d-%02d-%02dT%02d:%02d:%02d%s", y, mo,
		             d, h, mi, s, z);
	else
		k = snprintf(out, cap, "%04d-%02d-%02d", y, mo, d);
	return k > 0 && (size_t)k < cap;
}

/* hh:mm[:ss] */
static int clock_of(cur *c, int *h, int *mi, int *s)
{
	*s = 0;
	if (!digits(c, 2, h) || !eat(c, ':') || digits(c, 2, mi) != 2)
		return 0;
	if (eat(c, ':') && digits(c, 2, s) != 2)
		return 0;
	return 1;
}

/* RFC 3339, and its relatives: a space for T, no seconds, hhmm zones. */
static int rfc3339(cur *c, char *out, size_t cap)
{
	int y, mo, d, h = 0, mi = 0, s = 0, timed = 0;
	char z[8] = "";

	if (digits(c, 4, &y) != 4 || !eat(c, '-') || digits(c, 2, &mo) != 2 ||
	    !eat(c, '-') || digits(c, 2, &d) != 2)
		return 0;
	if (c->i < c->n && (c->p[c->i] == 'T' || c->p[c->i] == 't' ||
	                    c->p[c->i] == ' ')) {
		c->i++;
		if (!clock_of(c, &h, &mi, &s))
			return 0;
		if (eat(c, '.') || eat(c, ','))
			while (c->i < c->n && is_digit(c->p[c->i]))
				c->i++;
		timed = 1;
		if (!zone(c, z))
			return 0;
	}
	skip_space(c);
	if (c->i != c->n)
		return 0;
	return write_iso(out, cap, y, mo, d, h, mi, s, timed, z);
}

/* RFC 822 / 2822: [Day,] DD Mon YYYY hh:mm[:ss] [zone]. */
static int rfc822(cur *c, char *out, size_t cap)
{
	int y, mo, d, h, mi, s, nd;
	size_t save;
	char z[8] = "";

	skip_space(c);
	save = c->i;
	if (c->i < c->n && !is_digit(c->p[c->i])) {
		if (!month_of(c))
			c->i = save; /* a weekday: skip its letters */
		while (c->i < c->n && !is_digit(c->p[c->i]) &&
		       !is_space(c->p[c->i]) && c->p[c->i] != ',')
			c->i++;
	}
	skip_space(c);
	if (!digits(c, 2, &d))
		return 0;
	skip_space(c);
	mo = month_of(c);
	if (!mo)
		return 0;
	skip_space(c);
	nd = digits(c, 4, &y);
	if (nd == 2)
		y += y < 50 ? 2000 : 1900;
	else if (nd == 3)
		y += 1900;
	else if (nd != 4)
		return 0;
	skip_space(c);
	if (!clock_of(c, &h, &mi, &s))
		return 0;
	if (!zone(c, z))
		return 0;
	skip_space(c);
	if (c->i < c->n && c->p[c->i] == '(') /* a comment: "(EST)" */
		c->i = c->n;
	if (c->i != c->n)
		return 0;
	return write_iso(out, cap, y, mo, d, h, mi, s, 1, z);
}

int fx_date_iso(const char *p, size_t n, char *out, size_t cap)
{
	char buf[40];
	cur c;

	n = fx_trim(&p, n);
	if (!n || n > 64 || cap < 32)
		return 0;
	c.p = p;
	c.n = n;
	c.i = 0;
	if (rfc3339(&c, buf, sizeof(buf))) {
		snprintf(out, cap, "%s", buf);
		return 1;
	}
	c.i = 0;
	if (rfc822(&c, buf, sizeof(buf))) {
		snprintf(out, cap, "%s", buf);
		return 1;
	}
	return 0;
}
