/*
 * segment.c - paragraphs, then tokens and sentences within each.
 *
 * A blank line always ends a paragraph. A single line break ends one too,
 * unless the text is hard-wrapped: the line before runs on without final
 * punctuation and the next line starts in lower case. A list item or a
 * heading (a short line with no final punctuation) is a paragraph alone.
 * The body's lines are kept in a->lines: residue/ reads them again.
 */
#include <string.h>

#include "text_int.h"

#define MAX_ITEMS ((size_t)1 << 26)

/* Last character of [s, e) as a code point (ASCII fast). */
static int32_t last_cp(const char *p, size_t s, size_t e)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t b = e - 1;
	int32_t cp;

	if (u[b] < 0x80)
		return u[b];
	while (b > s && (u[b] & 0xC0) == 0x80)
		b--;
	pxi_utf8_decode(u + b, e - b, &cp);
	return cp;
}

static int ends_sentence(int32_t cp)
{
	return cp == '.' || cp == '!' || cp == '?' || cp == ':' ||
	       cp == ';' || cp == ',' || cp == '"' || cp == '\'' ||
	       cp == 0x201D || cp == 0x2019 || cp == 0x2026 || cp == 0xBB;
}

static int starts_lower(const char *p, size_t s, size_t e)
{
	const unsigned char *u = (const unsigned char *)p;
	int32_t cp;

	if (s >= e)
		return 0;
	if (u[s] < 0x80)
		return u[s] >= 'a' && u[s] <= 'z';
	pxi_utf8_decode(u + s, e - s, &cp);
	return pxi_ucp_class(cp) == PXI_U_LETTER;
}

/*
 * A heading line: one short line with no final punctuation (a question
 * mark is allowed: news sites head sections with questions).
 */
int pxi_is_heading(const char *p, size_t s, size_t e)
{
	int32_t cp;

	if (s >= e)
		return 0;
	cp = last_cp(p, s, e);
	if (cp != '?' && ends_sentence(cp))
		return 0;
	return e - s <= 200 && pxi_word_count_max(p + s, e - s, 20) <= 20;
}

static px_status add_para(px_article *a, size_t s, size_t e, int nlines,
                          int bullet)
{
	px_paragraph *pg = pxi_vec_push(&a->ar, &a->paras);

	if (!pg)
		return PX_ENOMEM;
	pg->span.start = s;
	pg->span.end = e;
	pg->bullet = bullet;
	pg->heading = !bullet && nlines == 1 && pxi_is_heading(a->norm.text, s, e);
	return PX_OK;
}

/* The body's non-blank lines, trimmed, into a->lines. */
static px_status find_lines(px_article *a)
{
	const char *p = a->norm.text;
	size_t n = a->norm.len, i = a->body;
	int blank = 1;

	pxi_vec_init(&a->lines, sizeof(pxi_line), MAX_ITEMS);
	while (i < n) {
		const char *nl = memchr(p + i, '\n', n - i);
		size_t le = nl ? (size_t)(nl - p) : n, s = i, e = le, skip = 0;
		pxi_line *l;

		i = nl ? le + 1 : n;
		pxi_trim(p, &s, &e);
		if (s == e) {
			blank = 1;
			continue;
		}
		l = pxi_vec_push(&a->scratch, &a->lines);
		if (!l)
			return PX_ENOMEM;
		l->s = s;
		l->e = e;
		l->bullet = pxi_is_bullet(p + s, e - s, &skip);
		l->skip = skip;
		l->blank_before = blank;
		blank = 0;
	}
	return PX_OK;
}

static px_status find_paragraphs(px_article *a)
{
	const char *p = a->norm.text;
	const pxi_line *ln;
	size_t ps = 0, pe = 0; /* current paragraph, empty when ps == pe */
	int open = 0, nlines = 0, pbullet = 0;
	size_t li;
	px_status rc;

	rc = find_lines(a);
	if (rc)
		return rc;
	ln = a->lines.a;
	for (li = 0; li < a->lines.n; li++) {
		size_t s = ln[li].s, e = ln[li].e, skip = ln[li].skip;
		int bullet = ln[li].bullet, blank = ln[li].blank_before, cont;

		if (bullet && s + skip >= e)
			bullet = 0; /* a lone marker */
		cont = open && !blank && !bullet && !pbullet &&
		       !ends_sentence(last_cp(p, ps, pe)) &&
		       starts_lower(p, s, e) &&
		       !(a->meta.title_span.end > a->meta.title_span.start &&
		         ps == a->meta.title_span.start);
		if (cont) {
			pe = e;
			nlines++;
		} else {
			if (open) {
				rc = add_para(a, ps, pe, nlines, pbullet);
				if (rc)
					return rc;
			}
			/* A list item's text starts after its marker. */
			ps = bullet ? s + skip : s;
			pe = e;
			nlines = 1;
			pbullet = bullet;
			open = 1;
		}
	}
	if (open)
		return add_para(a, ps, pe, nlines, pbullet);
	return PX_OK;
}

px_status pxi_text_segment(px_article *a)
{
	size_t i, npara;
	pxi_vec breaks; /* uint32_t: tokens that may end a sentence */
	px_status rc;

	pxi_vec_init(&breaks, sizeof(uint32_t), MAX_ITEMS);
	if (pxi_vec_reserve(&a->ar, &a->toks, a->norm.len / 5 + 16) ||
	    pxi_vec_reserve(&a->ar, &a->sents, a->norm.len / 100 + 8) ||
	    pxi_vec_reserve(&a->scratch, &breaks, 64))
		return PX_ENOMEM;
	rc = find_paragraphs(a);
	if (rc)
		return rc;
	npara = a->paras.n;
	for (i = 0; i < npara; i++) {
		px_paragraph *pg = (px_paragraph *)a->paras.a + i;
		size_t first = a->toks.n;
		uint16_t pi = i < 65535 ? (uint16_t)i : 65535;

		breaks.n = 0;
		rc = pxi_tokenize(a, pg->span.start, pg->span.end, pi,
		                  &breaks);
		if (rc)
			return rc;
		rc = pxi_sentences(a, first, a->toks.n - first, i,
		                   pg->heading, breaks.a, breaks.n);
		if (rc)
			return rc;
	}
	return PX_OK;
}
