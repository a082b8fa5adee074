/*
 * token.c - news-aware tokenizer: words (Kyiv's, Western-led, U.S.),
 * numbers (26, 3.5%, $150 billion, 2025/9/5), URLs, e-mail addresses,
 * hashtags, quote marks as a class of their own, punctuation and symbols.
 *
 * One pass over the bytes; ASCII goes through a byte-class table and only
 * non-ASCII code points are decoded.
 */
#include <string.h>
#include <strings.h>

#include "lexicon.h"
#include "text_int.h"

typedef struct cur {
	const unsigned char *u;
	size_t n; /* end of the range being tokenized */
} cur;

/* Class of the character at i (ASCII by table, else by code point). */
static int char_at(const cur *c, size_t i, size_t *k, int *ucls)
{
	int32_t cp;
	uint8_t b = pxi_byte_class[c->u[i]];

	*ucls = PXI_U_OTHER;
	if (b != PXI_C_HIGH && b != PXI_C_CONT) {
		*k = 1;
		return b;
	}
	*k = pxi_utf8_decode(c->u + i, c->n - i, &cp);
	*ucls = pxi_ucp_class(cp);
	return PXI_C_HIGH;
}

static int is_alnum_at(const cur *c, size_t i)
{
	size_t k;
	int uc, b;

	if (i >= c->n)
		return 0;
	b = char_at(c, i, &k, &uc);
	if (b == PXI_C_ALPHA || b == PXI_C_DIGIT)
		return 1;
	return b == PXI_C_HIGH && (uc == PXI_U_LETTER || uc == PXI_U_UPPER ||
	                           uc == PXI_U_DIGIT || uc == PXI_U_MARK);
}

static int is_letter_at(const cur *c, size_t i)
{
	size_t k;
	int uc, b;

	if (i >= c->n)
		return 0;
	b = char_at(c, i, &k, &uc);
	if (b == PXI_C_ALPHA)
		return 1;
	return b == PXI_C_HIGH && (uc == PXI_U_LETTER || uc == PXI_U_UPPER);
}

static int is_digit_at(const cur *c, size_t i)
{
	return i < c->n && pxi_byte_class[c->u[i]] == PXI_C_DIGIT;
}

/* Abbreviations that take a full stop and never end a sentence by it
 * alone, and those that often do. Lower case, without the stop. */

int pxi_is_abbr_word(const char *p, size_t n)
{
	if (n > 6)
		return 0;
	return PXI_LEX(abbr, p, n);
}

static const char *const scale_words[] = {
	"thousand", "million", "billion", "trillion", "bn", "mn", NULL
};

/* Length of a scale word starting at i and ending at a word edge. */
static size_t scale_at(const cur *c, size_t i)
{
	size_t j;

	if (i >= c->n || !strchr("tmbTMB", c->u[i]))
		return 0;
	for (j = 0; scale_words[j]; j++) {
		size_t m = strlen(scale_words[j]);

		if (i + m <= c->n &&
		    !strncasecmp((const char *)c->u + i, scale_words[j], m) &&
		    !is_alnum_at(c, i + m))
			return m;
	}
	return 0;
}

static size_t scan_url(const cur *c, size_t i)
{
	size_t e = i;

	while (e < c->n) {
		unsigned char b = c->u[e];

		if (pxi_byte_class[b] == PXI_C_SPACE ||
		    pxi_byte_class[b] == PXI_C_CTRL || b == '"' || b == '<' ||
		    b == '>' || b >= 0x80)
			break;
		e++;
	}
	while (e > i && strchr(".,;:!?)]}'", c->u[e - 1]))
		e--;
	return e;
}

static int url_start(const cur *c, size_t i)
{
	const char *p = (const char *)c->u + i;
	size_t n = c->n - i;

	if ((p[0] | 0x20) == 'h') {
		if (n < 7 || (p[1] | 0x20) != 't' || (p[2] | 0x20) != 't' ||
		    (p[3] | 0x20) != 'p')
			return 0;
	} else if ((p[0] | 0x20) == 'w') {
		if (n < 5 || (p[1] | 0x20) != 'w' || (p[2] | 0x20) != 'w' ||
		    p[3] != '.')
			return 0;
	} else {
		return 0;
	}
	return pxi_istarts(p, n, "http://") || pxi_istarts(p, n, "https://") ||
	       (pxi_istarts(p, n, "www.") && n > 4 && is_alnum_at(c, i + 4));
}

/* An e-mail address starting at i, or 0. */
static size_t scan_email(const cur *c, size_t i)
{
	size_t e = i, at = 0, dot = 0;

	while (e < c->n) {
		unsigned char b = c->u[e];

		if (b == '@') {
			if (at || e == i)
				return 0;
			at = e;
		} else if (b == '.' && at) {
			dot = e;
		} else if (!(pxi_byte_class[b] == PXI_C_ALPHA ||
		             pxi_byte_class[b] == PXI_C_DIGIT || b == '.' ||
		             b == '_' || b == '-' || b == '+' || b == '%')) {
			break;
		}
		e++;
	}
	while (e > i && (c->u[e - 1] == '.' || c->u[e - 1] == '-'))
		e--;
	if (!at || dot <= at + 1 || dot >= e - 1 || at + 1 >= e)
		return 0;
	return e;
}

/* Scan a word from i. Sets *flags for case and abbreviation. */
static size_t scan_word(const cur *c, size_t i, unsigned *flags)
{
	size_t e = i, seg = 0, k, letters = 0, uppers = 0;
	int uc, b, dots = 0, first = 1;

	*flags = 0;
	/* ASCII letters and digits, the common case, by table alone. */
	while (e < c->n) {
		unsigned char ch = c->u[e];
		uint8_t cl = pxi_byte_class[ch];

		if (cl == PXI_C_ALPHA) {
			letters++;
			if (ch <= 'Z') {
				uppers++;
				if (first)
					*flags |= PX_TF_CAP;
			}
		} else if (cl != PXI_C_DIGIT) {
			break;
		}
		first = 0;
		seg++;
		e++;
	}
	/* Most words end at a space or plain punctuation: no joiner, so
	 * no need for the careful loop. */
	while (e < c->n && (c->u[e] >= 0x80 || c->u[e] == '\'' ||
	                    c->u[e] == '-' || c->u[e] == '.' ||
	                    pxi_byte_class[c->u[e]] == PXI_C_ALPHA ||
	                    pxi_byte_class[c->u[e]] == PXI_C_DIGIT)) {
		b = char_at(c, e, &k, &uc);
		if (b == PXI_C_ALPHA || b == PXI_C_DIGIT ||
		    (b == PXI_C_HIGH &&
		     (uc == PXI_U_LETTER || uc == PXI_U_UPPER ||
		      uc == PXI_U_MARK || uc == PXI_U_DIGIT))) {
			int up = (b == PXI_C_ALPHA && c->u[e] <= 'Z') ||
			         uc == PXI_U_UPPER;

			if (b == PXI_C_ALPHA || uc == PXI_U_LETTER ||
			    uc == PXI_U_UPPER) {
				letters++;
				if (up)
					uppers++;
				if (first && up)
					*flags |= PX_TF_CAP;
			}
			if (b == PXI_C_HIGH)
				*flags |= PX_TF_NONASCII;
			first = 0;
			seg++;
			e += k;
			continue;
		}
		/* Joiners: apostrophe, hyphen or stop between letters. */
		if ((c->u[e] == '\'' || (b == PXI_C_HIGH && uc == PXI_U_APOS)) &&
		    is_letter_at(c, e + k)) {
			if (b == PXI_C_HIGH)
				*flags |= PX_TF_NONASCII;
			e += k;
			seg = 0;
			continue;
		}
		if (c->u[e] == '-' && is_alnum_at(c, e + 1)) {
			e++;
			seg = 0;
			continue;
		}
		if (c->u[e] == '.' && seg <= 2 && is_letter_at(c, e + 1) &&
		    (e + 2 >= c->n || !is_alnum_at(c, e + 2) ||
		     c->u[e + 2] == '.' || seg == 1 || dots)) {
			e++;
			seg = 0;
			dots++;
			continue;
		}
		break;
	}
	if (letters >= 2 && uppers == letters)
		*flags |= PX_TF_UPPER;
	/* The closing stop of an abbreviation or an initial. */
	if (e < c->n && c->u[e] == '.') {
		size_t len = e - i;

		/* "No. 5" and "Nos. 3": a number follows. */
		int num = (pxi_ieq((const char *)c->u + i, len, "no") ||
		           pxi_ieq((const char *)c->u + i, len, "nos")) &&
		          (is_digit_at(c, e + 1) ||
		           (e + 2 < c->n && c->u[e + 1] == ' ' &&
		            is_digit_at(c, e + 2)));

		/* A party and state: "D-Wis.", "R-Tenn." before ")" or ",". */
		int party = len >= 4 && c->u[i + 1] == '-' &&
		            c->u[i] >= 'A' && c->u[i] <= 'Z' && e + 1 < c->n &&
		            (c->u[e + 1] == ')' || c->u[e + 1] == ',');

		if (dots || num || party || (len == 1 && (*flags & PX_TF_CAP)) ||
		    pxi_is_abbr_word((const char *)c->u + i, len)) {
			*flags |= PX_TF_ABBR;
			e++;
		}
	}
	return e;
}

static size_t scan_number(const cur *c, size_t i)
{
	size_t e = i, k;

	while (e < c->n) {
		unsigned char b = c->u[e];

		if (pxi_byte_class[b] == PXI_C_DIGIT) {
			e++;
			continue;
		}
		if ((b == '.' || b == ',' || b == ':' || b == '/') &&
		    is_digit_at(c, e + 1)) {
			e++;
			continue;
		}
		if (pxi_byte_class[b] == PXI_C_ALPHA) {
			/* 1st, 10am, 5G, 3.5bn: whole characters only */
			int uc;

			while (e < c->n && is_alnum_at(c, e)) {
				char_at(c, e, &k, &uc);
				e += k;
			}
			break;
		}
		break;
	}
	if (e < c->n && c->u[e] == '%')
		e++;
	/* "150 billion" reads as one amount. */
	if (e + 1 < c->n && c->u[e] == ' ') {
		k = scale_at(c, e + 1);
		if (k)
			e += 1 + k;
	}
	return e;
}

static int quote_opens(const cur *c, size_t i, size_t k, size_t start)
{
	size_t kk;
	int uc, prev;

	if (i == start)
		return 1;
	prev = char_at(c, i - 1, &kk, &uc); /* a byte look is enough here */
	if (prev == PXI_C_SPACE || c->u[i - 1] == '(' || c->u[i - 1] == '[' ||
	    c->u[i - 1] == '-' || (c->u[i - 1] & 0xC0) == 0x80)
		return i + k < c->n && !(pxi_byte_class[c->u[i + k]] == PXI_C_SPACE);
	return 0;
}

px_status pxi_tokenize(px_article *a, size_t start, size_t end,
                       uint16_t para)
{
	cur c;
	size_t i = start;
	int has_at;

	c.u = (const unsigned char *)a->norm.text;
	c.n = end;
	/* Few paragraphs hold an e-mail address; look only where one can. */
	has_at = memchr(c.u + start, '@', end - start) != NULL;
	while (i < end) {
		size_t k, e;
		int uc;
		int b;
		unsigned kind = 0, flags = 0;
		px_token *t;

		/* Spaces and plain lower-case words, the bulk of text, go
		 * straight to the word scanner. */
		if (c.u[i] == ' ') {
			i++;
			continue;
		}
		b = char_at(&c, i, &k, &uc);
		switch (b) {
		case PXI_C_SPACE:
		case PXI_C_CTRL:
			i += k;
			continue;
		case PXI_C_ALPHA:
			if (url_start(&c, i)) {
				e = scan_url(&c, i);
				kind = PX_TOK_URL;
				break;
			}
			e = has_at ? scan_email(&c, i) : 0;
			if (e) {
				kind = PX_TOK_EMAIL;
				break;
			}
			e = scan_word(&c, i, &flags);
			kind = PX_TOK_WORD;
			break;
		case PXI_C_DIGIT:
			e = has_at ? scan_email(&c, i) : 0;
			if (e) {
				kind = PX_TOK_EMAIL;
				break;
			}
			e = scan_number(&c, i);
			kind = PX_TOK_NUMBER;
			break;
		case PXI_C_QUOTE:
			e = i + 1;
			kind = PX_TOK_QUOTE;
			flags = quote_opens(&c, i, 1, start) ? PX_TF_OPEN
			                                     : PX_TF_CLOSE;
			break;
		case PXI_C_PUNCT:
			e = i + 1;
			kind = PX_TOK_PUNCT;
			if (c.u[i] == '.' || c.u[i] == '-')
				while (e < end && c.u[e] == c.u[i])
					e++;
			break;
		case PXI_C_SYM:
			e = i + 1;
			kind = PX_TOK_SYMBOL;
			if (c.u[i] == '#' && is_letter_at(&c, i + 1)) {
				e = scan_word(&c, i + 1, &flags);
				if (flags & PX_TF_ABBR)
					e--;
				flags &= PX_TF_CAP | PX_TF_NONASCII;
				kind = PX_TOK_HASHTAG;
			} else if (c.u[i] == '$' && is_digit_at(&c, i + 1)) {
				e = scan_number(&c, i + 1);
				kind = PX_TOK_NUMBER;
			}
			break;
		default: /* non-ASCII */
			flags = PX_TF_NONASCII;
			e = i + k;
			switch (uc) {
			case PXI_U_LETTER:
			case PXI_U_UPPER:
			case PXI_U_MARK:
				e = scan_word(&c, i, &flags);
				kind = PX_TOK_WORD;
				break;
			case PXI_U_DIGIT:
				e = scan_word(&c, i, &flags);
				kind = PX_TOK_NUMBER;
				break;
			case PXI_U_SPACE:
				i += k;
				continue;
			case PXI_U_QUOTE_OPEN:
				kind = PX_TOK_QUOTE;
				flags |= PX_TF_OPEN;
				break;
			case PXI_U_QUOTE_CLOSE:
			case PXI_U_APOS:
				kind = PX_TOK_QUOTE;
				flags |= quote_opens(&c, i, k, start) &&
				                 uc == PXI_U_APOS
				         ? PX_TF_OPEN : PX_TF_CLOSE;
				break;
			case PXI_U_CURRENCY:
				kind = PX_TOK_SYMBOL;
				if (is_digit_at(&c, e)) {
					e = scan_number(&c, e);
					kind = PX_TOK_NUMBER;
				}
				break;
			case PXI_U_DASH:
			case PXI_U_ELLIPSIS:
			case PXI_U_BULLET:
			case PXI_U_PUNCT:
				kind = PX_TOK_PUNCT;
				break;
			default:
				kind = PX_TOK_SYMBOL;
				break;
			}
			break;
		}
		t = pxi_vec_push(&a->ar, &a->toks);
		if (!t)
			return PX_ENOMEM;
		t->start = (uint32_t)i;
		t->end = (uint32_t)e;
		t->kind = (uint8_t)kind;
		t->flags = (uint8_t)flags;
		t->para = para;
		i = e;
	}
	return PX_OK;
}
