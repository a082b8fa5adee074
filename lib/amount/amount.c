/*
 * amount.c - numeric claims and dates.
 *
 * An amount is a number (digits, "$150 billion", "3.5%", or a number
 * word: "three") with what it counts ("26 Western allies") and how it is
 * qualified ("over", "more than", "about"). A date is a month and day
 * ("September 5"), a month and year, a numeric date (2025/9/5), a year
 * after "since"/"in"/"by", or a weekday ("on Monday").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../text/lexicon.h"
#include "../text/text.h"
#include "../article/article.h"

static const char *const months[] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december", NULL
};

static const char *const month_abbr[] = {
	"jan.", "feb.", "mar.", "apr.", "may", "jun.", "jul.", "aug.",
	"sept.", "oct.", "nov.", "dec.", NULL
};

static const char *const weekdays[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday", NULL
};


static const struct {
	const char *z;
	double mul;
} scales[] = {
	{"thousand", 1e3}, {"million", 1e6}, {"billion", 1e9},
	{"trillion", 1e12}, {"bn", 1e9}, {"mn", 1e6}, {"m", 1e6},
	{"k", 1e3}, {NULL, 0}
};

/* Qualifiers, longest first; each a run of lower-case words. */
static const char *const qualifiers[] = {
	"more than", "less than", "fewer than", "at least", "at most",
	"up to", "as many as", "as much as", "as few as", "close to",
	"upwards of", "in excess of", "over", "under", "about", "around",
	"nearly", "almost", "roughly", "approximately", "some", "only",
	"just", "within", "by", "below", "above", "exactly", "barely",
	"an estimated", "estimated", NULL
};

/* Words that end what an amount counts. */

static int in_list(const char *const *list, const char *p, size_t n)
{
	size_t i;

	for (i = 0; list[i]; i++)
		if (pxi_ieq(p, n, list[i]))
			return (int)i + 1;
	return 0;
}

typedef struct actx {
	px_article *a;
	const px_token *tk;
	size_t nt;
	unsigned char *in_quote; /* token inside a direct quote */
	unsigned char *used;     /* token taken by a date */
} actx;

static const char *tok(const actx *c, size_t i, size_t *n)
{
	return pxi_tok_text(c->a, i, n);
}

static int is_word(const actx *c, size_t i, const char *z)
{
	size_t n;
	const char *p;

	if (i >= c->nt)
		return 0;
	p = tok(c, i, &n);
	return pxi_ieq(p, n, z);
}

/* A plain day or year number token: digits only. */
static long plain_int(const actx *c, size_t i)
{
	size_t n, k;
	const char *p;
	long v = 0;

	if (i >= c->nt || c->tk[i].kind != PX_TOK_NUMBER)
		return -1;
	p = tok(c, i, &n);
	if (n > 4)
		return -1;
	for (k = 0; k < n; k++) {
		if (p[k] < '0' || p[k] > '9')
			return -1;
		v = v * 10 + (p[k] - '0');
	}
	return v;
}

static px_status add_date(actx *c, size_t f, size_t l, const char *value,
                          const char *res)
{
	px_date *d = pxi_vec_push(&c->a->ar, &c->a->dates);
	size_t k;

	if (!d)
		return PX_ENOMEM;
	d->span.start = c->tk[f].start;
	d->span.end = c->tk[l].end;
	d->value = pxi_arena_strndup(&c->a->ar, value, strlen(value));
	d->resolution = res;
	for (k = f; k <= l; k++)
		c->used[k] = 1;
	return d->value ? PX_OK : PX_ENOMEM;
}

/* Month (name or abbreviation) index 1..12 at token i, or 0. */
static int month_at(const actx *c, size_t i)
{
	size_t n;
	const char *p;
	int m;

	if (i >= c->nt || c->tk[i].kind != PX_TOK_WORD ||
	    !(c->tk[i].flags & PX_TF_CAP))
		return 0;
	p = tok(c, i, &n);
	if (n < 3 || n > 9 || !strchr("JFMASOND", p[0]))
		return 0;
	m = in_list(months, p, n);
	if (!m)
		m = in_list(month_abbr, p, n);
	if (m == 5 && !plain_int(c, i + 1))
		return 0; /* "May" alone is a verb too often */
	return m;
}

static px_status find_dates(actx *c)
{
	size_t i;
	char v[64];
	px_status rc;

	for (i = 0; i < c->nt; i++) {
		int m = month_at(c, i);
		long d, y;
		size_t n;
		const char *p;

		if (c->tk[i].flags & PX_TF_RESIDUE)
			continue;
		if (m) {
			d = plain_int(c, i + 1);
			if (d >= 1 && d <= 31) {
				size_t l = i + 1;

				y = -1;
				if (is_word(c, i + 2, ",") &&
				    (y = plain_int(c, i + 3)) >= 1000)
					l = i + 3;
				else if ((y = plain_int(c, i + 2)) >= 1000)
					l = i + 2;
				else
					y = -1;
				if (y > 0)
					snprintf(v, sizeof(v), "%04ld-%02d-%02ld", y % 10000,
					         m, d);
				else
					snprintf(v, sizeof(v), "--%02d-%02ld", m % 100, d % 100);
				rc = add_date(c, i, l, v, "day");
				if (rc)
					return rc;
				i = l;
				continue;
			}
			y = plain_int(c, i + 1);
			if (y >= 1000) {
				snprintf(v, sizeof(v), "%04ld-%02d", y, m);
				rc = add_date(c, i, i + 1, v, "month");
				if (rc)
					return rc;
				i++;
			}
			continue;
		}
		p = tok(c, i, &n);
		if (c->tk[i].kind == PX_TOK_WORD && (c->tk[i].flags & PX_TF_CAP) &&
		    n >= 6 && n <= 9 && strchr("MTWFS", p[0]) &&
		    in_list(weekdays, p, n)) {
			char w[16];

			snprintf(w, sizeof(w), "%.*s", (int)(n < 15 ? n : 15), p);
			rc = add_date(c, i, i, w, "weekday");
			if (rc)
				return rc;
			continue;
		}
		/* 2025/9/5 or 2025-09-05 */
		if (c->tk[i].kind == PX_TOK_NUMBER && n >= 8 && n <= 10 &&
		    (memchr(p, '/', n) || memchr(p, '-', n))) {
			int yy, mm, dd;
			char tmp[16];

			snprintf(tmp, sizeof(tmp), "%.*s", (int)n, p);
			if ((sscanf(tmp, "%d/%d/%d", &yy, &mm, &dd) == 3 ||
			     sscanf(tmp, "%d-%d-%d", &yy, &mm, &dd) == 3) &&
			    yy >= 1000 && mm >= 1 && mm <= 12 && dd >= 1 &&
			    dd <= 31) {
				snprintf(v, sizeof(v), "%04d-%02d-%02d", yy, mm, dd);
				rc = add_date(c, i, i, v, "day");
				if (rc)
					return rc;
			}
			continue;
		}
		/* since 2022, in 2026, by 2027 */
		y = plain_int(c, i);
		if (y >= 1900 && y <= 2100 && i > 0 &&
		    (is_word(c, i - 1, "since") || is_word(c, i - 1, "in") ||
		     is_word(c, i - 1, "by") || is_word(c, i - 1, "until") ||
		     is_word(c, i - 1, "before") || is_word(c, i - 1, "after") ||
		     is_word(c, i - 1, "of") || is_word(c, i - 1, "from"))) {
			snprintf(v, sizeof(v), "%04ld", y);
			rc = add_date(c, i - 1, i, v, "year");
			if (rc)
				return rc;
			/* "by 2027" is a deadline claim too: an amount */
			if (is_word(c, i - 1, "by")) {
				c->used[i - 1] = 0;
				c->used[i] = 0;
			}
		}
	}
	return PX_OK;
}

/* Parse the digits of a number token into *v; *unit for $ € £ %. */
static int parse_number(const char *p, size_t n, double *v,
                        const char **unit)
{
	char buf[64];
	size_t i = 0, k = 0;
	double mul = 1;
	char *end;

	*unit = NULL;
	if (n >= 1 && p[0] == '$') {
		*unit = "USD";
		i = 1;
	} else if (n >= 3 && !memcmp(p, "\xE2\x82\xAC", 3)) {
		*unit = "EUR";
		i = 3;
	} else if (n >= 2 && !memcmp(p, "\xC2\xA3", 2)) {
		*unit = "GBP";
		i = 2;
	}
	for (; i < n && k + 1 < sizeof(buf); i++) {
		if (p[i] == ',')
			continue;
		if ((p[i] >= '0' && p[i] <= '9') || p[i] == '.') {
			buf[k++] = p[i];
			continue;
		}
		break;
	}
	buf[k] = '\0';
	if (!k)
		return 0;
	*v = strtod(buf, &end);
	if (end == buf)
		return 0;
	if (i < n && p[i] == '%') {
		*unit = "percent";
		return 1;
	}
	while (i < n && p[i] == ' ')
		i++;
	if (i < n) {
		size_t j;

		for (j = 0; scales[j].z; j++)
			if (pxi_ieq(p + i, n - i, scales[j].z))
				mul = scales[j].mul;
		if (mul == 1 && i < n && (p[i] < '0' || p[i] > '9') &&
		    !(p[i] >= 'a' && p[i] <= 'z'))
			return 0;
		if (mul == 1 && (p[i] >= 'a' && p[i] <= 'z'))
			return 0; /* 1st, 10am, 5G: not amounts */
	}
	*v *= mul;
	return 1;
}

static px_status find_amounts(actx *c)
{
	size_t i;
	px_status rc = PX_OK;

	for (i = 0; i < c->nt; i++) {
		const px_token *t = &c->tk[i];
		size_t n, f = i, l = i, k, q = i;
		const char *p = tok(c, i, &n);
		const char *unit = NULL;
		double v = 0;
		int isyear, words = 0, qn;
		px_amount *am;

		if ((t->flags & PX_TF_RESIDUE) || c->used[i])
			continue;
		if (t->kind == PX_TOK_NUMBER) {
			if (memchr(p, ':', n) || (memchr(p, '/', n) && n > 5))
				continue; /* times and dates */
			if (!parse_number(p, n, &v, &unit))
				continue;
		} else if (t->kind == PX_TOK_WORD && !(t->flags & PX_TF_CAP)) {
			int w = pxi_lex_find(pxi_lex_number, pxi_lex_number_n, p,
			                     n);

			if (w < 0)
				continue;
			v = pxi_lex_number_value[w];
		} else {
			continue;
		}
		/* scale word as its own token: "2 million" */
		if (i + 1 < c->nt && c->tk[i + 1].kind == PX_TOK_WORD) {
			size_t sn;
			const char *sp = tok(c, i + 1, &sn);

			for (k = 0; k < 4 && scales[k].z; k++)
				if (pxi_ieq(sp, sn, scales[k].z)) {
					v *= scales[k].mul;
					l = i + 1;
				}
		}
		/* "percent" after the number */
		if (l + 1 < c->nt && (is_word(c, l + 1, "percent") ||
		                      is_word(c, l + 1, "per cent"))) {
			unit = "percent";
			l++;
		}
		isyear = t->kind == PX_TOK_NUMBER && !unit && v >= 1900 &&
		         v <= 2100 && n == 4;
		/* qualifier before: longest match ending at i - 1 */
		qn = 0;
		for (k = 0; qualifiers[k]; k++) {
			const char *z = qualifiers[k];
			size_t w = 1, j;
			const char *s;

			for (s = z; *s; s++)
				w += *s == ' ';
			if (w > i)
				continue;
			for (j = 0, s = z; j < w; j++) {
				const char *sp2 = strchr(s, ' ');
				size_t len = sp2 ? (size_t)(sp2 - s) : strlen(s);
				size_t tn;
				const char *tp = tok(c, i - w + j, &tn);

				if (!(tn == len && !strncasecmp(tp, s, len)))
					break;
				s = sp2 ? sp2 + 1 : s + len;
			}
			if (j == w) {
				f = i - w;
				q = i - w;
				qn = (int)w;
				break;
			}
		}
		if (isyear && !(qn && (is_word(c, f, "by") ||
		                       is_word(c, f, "within"))))
			continue; /* a year: a date, not a count */
		/* what is counted: up to three words, not a stop word */
		if (!unit || !strcmp(unit, "USD") || !strcmp(unit, "EUR") ||
		    !strcmp(unit, "GBP")) {
			for (k = l + 1; k < c->nt && words < 3; k++) {
				size_t wn;
				const char *wp;

				if (c->tk[k].kind != PX_TOK_WORD ||
				    c->tk[k].para != t->para)
					break;
				wp = tok(c, k, &wn);
				if (PXI_LEX(stop, wp, wn))
					break;
				words++;
				/* a noun ends it when the next is not a word */
				if (k + 1 >= c->nt ||
				    c->tk[k + 1].kind != PX_TOK_WORD)
					break;
				/* stop after a plural noun */
				if (wn > 2 && wp[wn - 1] == 's')
					break;
			}
		}
		if (t->kind == PX_TOK_WORD && !words)
			continue; /* "three" alone is no claim */
		am = pxi_vec_push(&c->a->ar, &c->a->amounts);
		if (!am)
			return PX_ENOMEM;
		memset(am, 0, sizeof(*am));
		am->span.start = c->tk[f].start;
		am->number.start = t->start;
		am->number.end = c->tk[l].end;
		if (qn) {
			am->qualifier.start = c->tk[q].start;
			am->qualifier.end = c->tk[i - 1].end;
		}
		if (words) {
			am->object.start = c->tk[l + 1].start;
			am->object.end = c->tk[l + words].end;
			am->span.end = am->object.end;
		} else {
			am->span.end = c->tk[l].end;
		}
		if (isyear) {
			am->object = am->number;
		}
		am->value = v;
		am->unit = unit;
		am->in_quote = c->in_quote[i];
		i = l + (size_t)words;
	}
	return rc;
}

px_status pxi_amount_find(px_article *a)
{
	actx c;
	const px_quote *qs = a->quotes.a;
	size_t i, k = 0;
	px_status rc;

	memset(&c, 0, sizeof(c));
	c.a = a;
	c.tk = a->toks.a;
	c.nt = a->toks.n;
	c.in_quote = pxi_arena_alloc(&a->ar, c.nt + 1);
	c.used = pxi_arena_alloc(&a->ar, c.nt + 1);
	if (!c.in_quote || !c.used)
		return PX_ENOMEM;
	memset(c.in_quote, 0, c.nt + 1);
	memset(c.used, 0, c.nt + 1);
	for (i = 0; i < c.nt; i++) {
		while (k < a->quotes.n && (qs[k].kind != PX_QUOTE_DIRECT ||
		                           qs[k].span.end <= c.tk[i].start))
			k++;
		if (k < a->quotes.n && qs[k].span.start <= c.tk[i].start)
			c.in_quote[i] = 1;
	}
	rc = find_dates(&c);
	if (rc)
		return rc;
	return find_amounts(&c);
}
