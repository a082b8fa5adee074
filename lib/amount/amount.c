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

/* The lists below are lower case and NULL-terminated; each is looked up
 * through a hash index (text/lexicon.h), ASCII capitals folded. */
#define LIST_IDX(list) PXI_LEXIDX_LIST0(list, 1)

/* 1 + the index of the word (p, n) in the list of x, without case; 0
 * when not there. */
static int in_list(pxi_lexidx *x, const char *p, size_t n)
{
	return n ? pxi_lexidx_find(x, p, n) + 1 : 0;
}

static pxi_lexidx months_idx = LIST_IDX(months);
static pxi_lexidx month_abbr_idx = LIST_IDX(month_abbr);
static pxi_lexidx weekdays_idx = LIST_IDX(weekdays);

typedef struct actx {
	px_article *a;
	const px_token *tk;
	size_t nt;
	unsigned char *in_quote; /* token inside a direct quote */
	unsigned char *used;     /* token taken by a date */
	int anchored;            /* the article's date is known */
	long anchor;             /* it, in days since 1970-01-01 */
} actx;

/* ---- Calendar --------------------------------------------------------
 * Days since 1970-01-01 of a proleptic Gregorian date and back (the
 * era-based method: 400-year cycles of 146097 days). */
static long days_of(long y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void date_of(long z, long *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* Monday 0 .. Sunday 6 (1970-01-01 was a Thursday). */
static int weekday_of(long z)
{
	return (int)(((z % 7) + 7 + 3) % 7);
}

static void iso_day(long z, char *out, size_t cap)
{
	long y;
	int m, d;

	date_of(z, &y, &m, &d);
	snprintf(out, cap, "%04ld-%02d-%02d", y, m, d);
}

/* ISO 8601 week of day z: 2025-W36. */
static void iso_week(long z, char *out, size_t cap)
{
	long thu = z - weekday_of(z) + 3, y;
	int m, d;

	date_of(thu, &y, &m, &d);
	snprintf(out, cap, "%04ld-W%02ld", y,
	         (thu - days_of(y, 1, 1)) / 7 + 1);
}

/* The article's date from meta.published (YYYY-MM-DD...). */
static void set_anchor(actx *c)
{
	const char *p = c->a->meta.published;
	int y, m, d;

	if (p && strlen(p) >= 10 && sscanf(p, "%4d-%2d-%2d", &y, &m, &d) == 3 &&
	    y >= 1000 && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
		c->anchored = 1;
		c->anchor = days_of(y, m, d);
	}
}

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

/* Add a date; resolved (may be NULL) is its ISO value against the
 * article's date, at resolution to ("day", "week", "month", "year"). */
static px_status add_date_r(actx *c, size_t f, size_t l, const char *value,
                            const char *res, const char *resolved,
                            const char *to)
{
	px_date *d = pxi_vec_push(&c->a->ar, &c->a->dates);
	size_t k;

	if (!d)
		return PX_ENOMEM;
	memset(d, 0, sizeof(*d));
	d->span.start = c->tk[f].start;
	d->span.end = c->tk[l].end;
	d->value = pxi_arena_strndup(&c->a->ar, value, strlen(value));
	d->resolution = res;
	d->resolved_to = "unknown";
	if (resolved) {
		d->resolved = pxi_arena_strndup(&c->a->ar, resolved,
		                                strlen(resolved));
		if (!d->resolved)
			return PX_ENOMEM;
		d->resolved_to = to;
	}
	for (k = f; k <= l; k++)
		c->used[k] = 1;
	return d->value ? PX_OK : PX_ENOMEM;
}

/* A date whose value is already absolute. */
static px_status add_date(actx *c, size_t f, size_t l, const char *value,
                          const char *res)
{
	return add_date_r(c, f, l, value, res, value, res);
}

/* The year, nearest the article's date, of month m day d. */
static long nearest_year(const actx *c, int m, int d)
{
	long y, best = 0, bd = -1;
	int am, ad;
	long k;

	date_of(c->anchor, &y, &am, &ad);
	for (k = y - 1; k <= y + 1; k++) {
		long dist = days_of(k, m, d) - c->anchor;

		if (dist < 0)
			dist = -dist;
		if (bd < 0 || dist < bd) {
			bd = dist;
			best = k;
		}
	}
	return best;
}

/* Is the sentence of token i, up to i, about the future ("will meet on
 * Monday", "is due Friday")? */
static int future_before(const actx *c, size_t i)
{
	static const char *const cues[] = {
		"will", "shall", "scheduled", "expected", "due", "plans",
		"planned", "upcoming", "ll", NULL
	};
	static pxi_lexidx cues_idx = LIST_IDX(cues);
	size_t k = i;

	while (k > 0 && i - k < 40) {
		size_t n;
		const char *p;

		k--;
		if (c->tk[k].kind == PX_TOK_PUNCT) {
			p = tok(c, k, &n);
			if (n == 1 && (p[0] == '.' || p[0] == '!' || p[0] == '?'))
				break;
			continue;
		}
		p = tok(c, k, &n);
		if (in_list(&cues_idx, p, n) ||
		    (n > 3 && (!memcmp(p + n - 3, "'ll", 3))) ||
		    (n > 5 && !memcmp(p + n - 5, "\xE2\x80\x99ll", 5)))
			return 1;
	}
	return 0;
}

/* "today", "yesterday", "last week", "next month", "three days ago",
 * "last Monday": relative expressions at token i. Returns the last token,
 * or SIZE_MAX. */
static size_t relative_at(actx *c, size_t i, px_status *rc)
{
	static const char *const units[] = {
		"day", "days", "week", "weeks", "month", "months", "year",
		"years", NULL
	};
	static const char *const dirs[] = {"last", "this", "next", "past",
	                                   NULL};
	static pxi_lexidx units_idx = LIST_IDX(units);
	static pxi_lexidx dirs_idx = LIST_IDX(dirs);
	size_t n, l = SIZE_MAX;
	const char *p = tok(c, i, &n);
	char v[64], r[32];
	const char *to = NULL;
	long y;
	int m, d, dir, u;

	*rc = PX_OK;
	r[0] = '\0';
	/* most words open no relative date: one look at the first letter
	 * (today, tonight, tomorrow, yesterday, last, next, past, this) or
	 * at an "ago" two words on */
	if (n == 0 || (!strchr("tTyYlLnNpP", p[0]) &&
	               !(i + 2 < c->nt && is_word(c, i + 2, "ago"))))
		return SIZE_MAX;
	if (c->tk[i].kind == PX_TOK_WORD && (pxi_ieq(p, n, "today") ||
	                                     pxi_ieq(p, n, "tonight") ||
	                                     pxi_ieq(p, n, "yesterday") ||
	                                     pxi_ieq(p, n, "tomorrow"))) {
		long z = c->anchor + (pxi_ieq(p, n, "yesterday") ? -1
		                      : pxi_ieq(p, n, "tomorrow") ? 1 : 0);

		snprintf(v, sizeof(v), "%.*s", (int)(n < 20 ? n : 20), p);
		for (m = 0; v[m]; m++)
			if (v[m] >= 'A' && v[m] <= 'Z')
				v[m] = (char)(v[m] + 32);
		if (c->anchored) {
			iso_day(z, r, sizeof(r));
			to = "day";
		}
		*rc = add_date_r(c, i, i, v, "relative", to ? r : NULL, to);
		return i;
	}
	/* last / this / next week|month|year */
	dir = in_list(&dirs_idx, p, n);
	u = 0;
	if (i + 1 < c->nt) {
		size_t un;
		const char *up = tok(c, i + 1, &un);

		u = in_list(&units_idx, up, un);
	}
	if (dir && u % 2 == 1 && u > 1) {
		long z;
		int step = dir == 1 || dir == 4 ? -1 : dir == 3 ? 1 : 0;

		l = i + 1;
		snprintf(v, sizeof(v), "%s %s", dirs[dir - 1], units[u - 1]);
		if (c->anchored) {
			date_of(c->anchor, &y, &m, &d);
			switch (u) {
			case 3:
				z = c->anchor + 7 * step;
				iso_week(z, r, sizeof(r));
				to = "week";
				break;
			case 5:
				m += step;
				if (m < 1) {
					m = 12;
					y--;
				} else if (m > 12) {
					m = 1;
					y++;
				}
				snprintf(r, sizeof(r), "%04ld-%02d", y, m);
				to = "month";
				break;
			default:
				snprintf(r, sizeof(r), "%04ld", y + step);
				to = "year";
			}
		}
		*rc = add_date_r(c, i, l, v, "relative", to ? r : NULL, to);
		return l;
	}
	/* three days ago, 2 weeks ago */
	if (i + 2 < c->nt && is_word(c, i + 2, "ago") && u) {
		double k = -1;
		int idx;

		p = tok(c, i, &n);
		if (c->tk[i].kind == PX_TOK_NUMBER) {
			long q = plain_int(c, i);

			k = q >= 0 ? (double)q : -1;
		} else if ((idx = pxi_lex_find(pxi_lex_number,
		                               pxi_lex_number_n, p, n)) >= 0) {
			k = pxi_lex_number_value[idx];
		} else if (pxi_ieq(p, n, "a") || pxi_ieq(p, n, "an")) {
			k = 1;
		}
		if (k < 0 || k > 1000)
			return SIZE_MAX;
		l = i + 2;
		snprintf(v, sizeof(v), "%g %s ago", k, units[u - 1]);
		if (c->anchored) {
			long kk = (long)k;

			date_of(c->anchor, &y, &m, &d);
			if (u <= 2) {
				iso_day(c->anchor - kk, r, sizeof(r));
				to = "day";
			} else if (u <= 4) {
				iso_week(c->anchor - 7 * kk, r, sizeof(r));
				to = "week";
			} else if (u <= 6) {
				long mm = y * 12 + (m - 1) - kk;

				snprintf(r, sizeof(r), "%04ld-%02ld", mm / 12,
				         mm % 12 + 1);
				to = "month";
			} else {
				snprintf(r, sizeof(r), "%04ld", y - kk);
				to = "year";
			}
		}
		*rc = add_date_r(c, i, l, v, "relative", to ? r : NULL, to);
		return l;
	}
	return SIZE_MAX;
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
	m = in_list(&months_idx, p, n);
	if (!m)
		m = in_list(&month_abbr_idx, p, n);
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
				if (y > 0) {
					rc = add_date(c, i, l, v, "day");
				} else if (c->anchored) {
					char r[32];

					snprintf(r, sizeof(r), "%04ld-%02d-%02ld",
					         nearest_year(c, m, (int)d), m, d);
					rc = add_date_r(c, i, l, v, "day", r, "day");
				} else {
					rc = add_date_r(c, i, l, v, "day", NULL, NULL);
				}
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
			} else if (i > 0 && (is_word(c, i - 1, "in") ||
			                     is_word(c, i - 1, "since") ||
			                     is_word(c, i - 1, "until") ||
			                     is_word(c, i - 1, "by") ||
			                     is_word(c, i - 1, "early") ||
			                     is_word(c, i - 1, "late") ||
			                     is_word(c, i - 1, "mid"))) {
				/* "in March": the month nearest the article */
				char r[32];

				snprintf(v, sizeof(v), "--%02d", m);
				if (c->anchored)
					snprintf(r, sizeof(r), "%04ld-%02d",
					         nearest_year(c, m, 15), m);
				rc = add_date_r(c, i, i, v, "month",
				                c->anchored ? r : NULL, "month");
				if (rc)
					return rc;
			}
			continue;
		}
		if (!c->used[i] && (c->tk[i].kind == PX_TOK_WORD ||
		                    c->tk[i].kind == PX_TOK_NUMBER)) {
			size_t l = relative_at(c, i, &rc);

			if (rc)
				return rc;
			if (l != SIZE_MAX) {
				i = l;
				continue;
			}
		}
		p = tok(c, i, &n);
		if (c->tk[i].kind == PX_TOK_WORD && (c->tk[i].flags & PX_TF_CAP) &&
		    n >= 6 && n <= 9 && strchr("MTWFS", p[0]) &&
		    in_list(&weekdays_idx, p, n)) {
			char w[16];

			snprintf(w, sizeof(w), "%.*s", (int)(n < 15 ? n : 15), p);
			if (c->anchored) {
				/* last Monday: before the article's day; next
				 * Monday or a future tense: after it; else the
				 * latest such day up to the article's */
				int wd = in_list(&weekdays_idx, p, n) - 1;
				int aw = weekday_of(c->anchor);
				long z;
				char r[32];

				if (i > 0 && is_word(c, i - 1, "next"))
					z = c->anchor + ((wd - aw + 6) % 7 + 1);
				else if (i > 0 && is_word(c, i - 1, "last"))
					z = c->anchor - ((aw - wd + 6) % 7 + 1);
				else if (future_before(c, i))
					z = c->anchor + (wd - aw + 7) % 7;
				else
					z = c->anchor - (aw - wd + 7) % 7;
				iso_day(z, r, sizeof(r));
				rc = add_date_r(c, i, i, w, "weekday", r, "day");
			} else {
				rc = add_date_r(c, i, i, w, "weekday", NULL, NULL);
			}
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

/* Plurals not ending in -s: "three people died" counts people. */
static int irregular_plural(const char *p, size_t n)
{
	static const char *const words[] = {
		"people", "children", "men", "women", "police", "personnel",
		"staff", "cattle", "feet", "teeth", "mice", "geese",
	};
	size_t k;

	for (k = 0; k < sizeof(words) / sizeof(words[0]); k++)
		if (pxi_ieq(p, n, words[k]))
			return 1;
	return 0;
}

/* Is the token after i a lower-case word? A capitalized number word
 * opens a sentence then ("Three people died"), not a name ("Five Star
 * Movement") or a title-case headline. */
static int lower_next(const actx *c, size_t i)
{
	return i + 1 < c->nt && c->tk[i + 1].kind == PX_TOK_WORD &&
	       !(c->tk[i + 1].flags & PX_TF_CAP) &&
	       c->tk[i + 1].para == c->tk[i].para;
}

/*
 * A number word joined by a hyphen: "twenty-five" (a number: returns 1
 * with *v = 25, *hn = 0), "nine-month" or "three-week" (a number and what
 * it counts: returns 1 with *v = 9 and *hn = the number part's bytes).
 * 0 for any other word ("one-third", "COVID-19", "well-known").
 */
static int hyphenated(const char *p, size_t n, double *v, size_t *hn)
{
	const char *h = memchr(p, '-', n);
	size_t tn;
	int w, tw;

	if (!h || h == p || (size_t)(h - p) + 1 >= n ||
	    !((h[1] >= 'a' && h[1] <= 'z') || (h[1] >= 'A' && h[1] <= 'Z')))
		return 0;
	w = pxi_lexidx_find(&pxi_lex_number_idx, p, (size_t)(h - p));
	if (w < 0)
		return 0;
	tn = n - (size_t)(h - p) - 1;
	tw = pxi_lexidx_find(&pxi_lex_number_idx, h + 1, tn);
	if (tw >= 0) {
		double a = pxi_lex_number_value[w], b = pxi_lex_number_value[tw];

		/* tens and units only: "twenty-five", not "five-six" */
		if (a < 20 || a > 90 || (long)a % 10 || b >= 10 ||
		    memchr(h + 1, '-', tn))
			return 0;
		*v = a + b;
		*hn = 0;
		return 1;
	}
	if (memchr(h + 1, '-', tn) && tn < 3)
		return 0;
	*v = pxi_lex_number_value[w];
	*hn = (size_t)(h - p);
	return 1;
}

/* Parts of a whole: "a fifth", "two thirds" (singular after one). The
 * nine singulars first, then their plurals in the same order:
 * fraction_at() reads the denominator at k % 9. */
static const char *const fractions[] = {
	"half", "third", "quarter", "fifth", "sixth", "seventh", "eighth",
	"ninth", "tenth", "halves", "thirds", "quarters", "fifths", "sixths",
	"sevenths", "eighths", "ninths", "tenths", NULL
};
static pxi_lexidx fractions_idx = LIST_IDX(fractions);

/* Words before "half" that make it a part of something ("the lower
 * half of the town"), not a share. */
static const char *const half_parts[] = {
	"the", "lower", "upper", "first", "second", "latter", "former",
	"other", "bottom", "top", "back", "front", "better", NULL
};
static pxi_lexidx half_parts_idx = LIST_IDX(half_parts);

/* Is token i "half" of "half of the staff", a share, not of "the lower
 * half of Serevo", a part? */
static int half_share(const actx *c, size_t i)
{
	size_t pn = 0;
	const char *pp;

	if (!is_word(c, i, "half") || !is_word(c, i + 1, "of"))
		return 0;
	if (i == 0 || c->tk[i - 1].kind != PX_TOK_WORD)
		return 1;
	pp = tok(c, i - 1, &pn);
	return !in_list(&half_parts_idx, pp, pn);
}

/*
 * A part of a whole at token i, as a fraction of one into *v: "a fifth",
 * "one third", "two thirds" (the fraction token i + 1; "half of" and
 * "half a century" are read by the caller). An ordinal
 * reads the same ("a third term", "a fifth straight win"): the fraction
 * counts only when no noun follows it - "of", a stop word, or no word -
 * and "a year and a half" is a mixed number, not a part.
 * Returns the fraction's token, or 0.
 */
static size_t fraction_at(const actx *c, size_t i, double *v)
{
	static const double den[] = {2, 3, 4, 5, 6, 7, 8, 9, 10};
	size_t n, fn, nx;
	const char *p = tok(c, i, &n), *fp;
	double num;
	int w, k;

	if (i + 1 >= c->nt || c->tk[i + 1].kind != PX_TOK_WORD)
		return 0;
	if (pxi_ieq(p, n, "half"))
		return 0; /* "half of": below, by the caller */
	if (pxi_ieq(p, n, "a") || pxi_ieq(p, n, "an")) {
		if (i > 0 && is_word(c, i - 1, "and"))
			return 0; /* "a year and a half": a mixed number */
		num = 1;
	} else {
		w = pxi_lexidx_find(&pxi_lex_number_idx, p, n);
		if (w < 0 || pxi_lex_number_value[w] > 10)
			return 0;
		num = pxi_lex_number_value[w];
	}
	fp = tok(c, i + 1, &fn);
	k = in_list(&fractions_idx, fp, fn) - 1;
	if (k < 0 || (num == 1) != (k < 9))
		return 0; /* "one thirds", "two third" */
	nx = i + 2;
	if (nx < c->nt && c->tk[nx].kind == PX_TOK_WORD &&
	    c->tk[nx].para == c->tk[i].para) {
		size_t xn;
		const char *xp = tok(c, nx, &xn);

		if (!PXI_LEX(stop, xp, xn))
			return 0;
	}
	*v = num / den[k % 9];
	return i + 1;
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
		size_t hn = 0;       /* "nine-month": bytes of the number part */
		size_t from;         /* first token the object loop reads */
		size_t olast = i;    /* last token of the object */
		uint32_t ostart = 0; /* where the object starts */
		px_amount *am;

		if ((t->flags & PX_TF_RESIDUE) || c->used[i])
			continue;
		if (t->kind == PX_TOK_NUMBER) {
			if (memchr(p, ':', n) || (memchr(p, '/', n) && n > 5))
				continue; /* times and dates */
			if (!parse_number(p, n, &v, &unit))
				continue;
		} else if (t->kind == PX_TOK_WORD &&
		           (!(t->flags & PX_TF_CAP) || lower_next(c, i))) {
			int w = pxi_lexidx_find(&pxi_lex_number_idx, p, n);
			/* only a number word or "a"/"an" opens a fraction */
			size_t fl = w >= 0 || (n <= 2 && (p[0] | 0x20) == 'a')
			            ? fraction_at(c, i, &v) : 0;

			if (fl) {
				unit = "fraction";
				l = fl;
			} else if (n == 4 && half_share(c, i)) {
				v = 0.5;
				unit = "fraction";
			} else if (w >= 0)
				v = pxi_lex_number_value[w];
			else if (!hyphenated(p, n, &v, &hn))
				continue;
		} else {
			continue;
		}
		/* scale word as its own token: "2 million" */
		if (!hn && i + 1 < c->nt && c->tk[i + 1].kind == PX_TOK_WORD) {
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
		/* "10-year plan": the object starts after the hyphen */
		from = l + 1;
		if (!unit && !hn && l == i && t->kind == PX_TOK_NUMBER &&
		    i + 2 < c->nt && c->tk[i + 1].start == t->end &&
		    c->tk[i + 1].end == t->end + 1 &&
		    c->a->norm.text[t->end] == '-' &&
		    c->tk[i + 2].kind == PX_TOK_WORD &&
		    c->tk[i + 2].start == t->end + 1)
			from = i + 2;
		ostart = from < c->nt ? c->tk[from].start : 0;
		if (hn) {
			/* "nine-month investigation": the token's tail is the
			 * object's first word */
			ostart = t->start + (uint32_t)hn + 1;
			words = 1;
			if (p[n - 1] == 's' || i + 1 >= c->nt ||
			    c->tk[i + 1].kind != PX_TOK_WORD)
				from = c->nt; /* "three-years", or no noun after */
		}
		/* what is counted: up to three words, not a stop word */
		if (!unit || !strcmp(unit, "USD") || !strcmp(unit, "EUR") ||
		    !strcmp(unit, "GBP")) {
			for (k = from; k < c->nt && words < (hn ? 2 : 3); k++) {
				size_t wn;
				const char *wp;

				if (c->tk[k].kind != PX_TOK_WORD ||
				    c->tk[k].para != t->para)
					break;
				wp = tok(c, k, &wn);
				if (PXI_LEX(stop, wp, wn))
					break;
				words++;
				olast = k;
				/* a noun ends it when the next is not a word */
				if (k + 1 >= c->nt ||
				    c->tk[k + 1].kind != PX_TOK_WORD)
					break;
				/* stop after a plural noun */
				if ((wn > 2 && wp[wn - 1] == 's') ||
				    irregular_plural(wp, wn))
					break;
			}
		}
		if (t->kind == PX_TOK_WORD && !words && !unit)
			continue; /* "three" alone is no claim ("a third" is) */
		am = pxi_vec_push(&c->a->ar, &c->a->amounts);
		if (!am)
			return PX_ENOMEM;
		memset(am, 0, sizeof(*am));
		am->span.start = c->tk[f].start;
		am->number.start = t->start;
		am->number.end = hn ? t->start + (uint32_t)hn : c->tk[l].end;
		if (qn) {
			am->qualifier.start = c->tk[q].start;
			am->qualifier.end = c->tk[i - 1].end;
		}
		if (words) {
			am->object.start = ostart;
			am->object.end = c->tk[olast].end;
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
		i = words ? olast : l;
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
	c.in_quote = pxi_arena_alloc(&a->scratch, c.nt + 1);
	c.used = pxi_arena_alloc(&a->scratch, c.nt + 1);
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
	set_anchor(&c);
	rc = find_dates(&c);
	if (rc)
		return rc;
	return find_amounts(&c);
}
