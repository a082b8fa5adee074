/*
 * token.c - news-aware tokenizer: words (Kyiv's, Western-led, U.S.),
 * numbers (26, 3.5%, $150 billion, 2025/9/5), URLs, e-mail addresses,
 * hashtags, quote marks as a class of their own, punctuation and symbols.
 *
 * One pass over the bytes; ASCII goes through a byte-class table and only
 * non-ASCII code points are decoded. Plain words, the bulk of a text, are
 * read eight bytes at a time, and spaces, plain words and punctuation take
 * a short way through the loop; everything else goes to scan_token(). The
 * tokenizer also notes the tokens that may end a sentence, so that the
 * sentence splitter looks at those alone.
 */
#include <string.h>
#include <strings.h>

#include "lexicon.h"
#include "text_int.h"

typedef struct cur {
	const unsigned char *u;
	size_t n;   /* end of the range being tokenized */
	size_t lim; /* end of the text: bytes before it may be read ahead */
} cur;

/*
 * The top bit of each byte of low7 (a word of bytes with their top bits
 * cleared) set where the byte lies in [lo, hi]. The additions cannot
 * carry from one byte into the next.
 */
#define IN_RANGE(low7, lo, hi)                            \
	(((low7) + PXI_ONES8 * (0x80 - (lo))) &           \
	 ~((low7) + PXI_ONES8 * (0x7F - (hi))))

static int is_ascii_alnum(unsigned char b)
{
	return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') ||
	       (b >= '0' && b <= '9');
}

/*
 * How many bytes from i on, at most eight, are ASCII letters or digits;
 * sets *lower when a lower-case letter is among them. Eight bytes are
 * read at once where they can be: most words of a news text take one
 * step, with no branch per byte.
 */
__attribute__((always_inline))
static inline size_t alnum_run(const cur *c, size_t i, int *lower)
{
	size_t m = 0, left = c->n - i;

	if (i + 8 <= c->lim) {
		uint64_t v, low7, lo, word, stop;

		memcpy(&v, c->u + i, sizeof(v));
		low7 = v & ~PXI_HIGHS8;
		lo = IN_RANGE(low7, 'a', 'z') & ~v & PXI_HIGHS8;
		word = (lo | IN_RANGE(low7, 'A', 'Z') |
		        IN_RANGE(low7, '0', '9')) & ~v & PXI_HIGHS8;
		stop = ~word & PXI_HIGHS8;
		m = stop ? pxi_first_top_byte(stop) : 8;
		if (m > left)
			m = left;
		if (m < 8)
			lo &= ((uint64_t)1 << (8 * m)) - 1;
		if (lo)
			*lower = 1;
		return m;
	}
	while (m < 8 && m < left && is_ascii_alnum(c->u[i + m])) {
		if (c->u[i + m] >= 'a')
			*lower = 1;
		m++;
	}
	return m;
}

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

	if (i >= c->n || ((c->u[i] | 0x20) != 't' && (c->u[i] | 0x20) != 'm' &&
	                  (c->u[i] | 0x20) != 'b'))
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

/*
 * The rest of a word that scan_word() read from i through ASCII letters
 * and digits to e: non-ASCII letters, joiners (Kyiv’s, Western-led, U.S.)
 * and the closing stop of an abbreviation. lower: a lower-case letter
 * came before e. *flags holds PX_TF_CAP as scan_word() found it.
 * Kept out of line, so that the short way through scan_word() stays short.
 */
__attribute__((noinline))
static size_t scan_word_rest(const cur *c, size_t i, size_t e, int lower,
                             unsigned *flags)
{
	size_t seg = e - i, k, letters = 0, uppers = 0;
	int uc, b, dots = 0, first = e == i;

	/* With no lower-case letter so far, every letter so far is a
	 * capital: count them for PX_TF_UPPER. */
	if (!lower) {
		size_t j;

		for (j = i; j < e; j++)
			if (c->u[j] >= 'A' && c->u[j] <= 'Z')
				letters++;
		uppers = letters;
	}
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
	if (!lower && letters >= 2 && uppers == letters)
		*flags |= PX_TF_UPPER;
	/* The closing stop of an abbreviation or an initial. */
	if (e < c->n && c->u[e] == '.') {
		size_t len = e - i;

		/* "No. 5" and "Nos. 3": a number follows. */
		int num = (len == 2 || len == 3) &&
		          (pxi_ieq((const char *)c->u + i, len, "no") ||
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

/* Does the ASCII word [i, e) hold two or more letters, all capitals? It
 * is known to hold no lower-case letter. */
static int all_caps(const cur *c, size_t i, size_t e)
{
	size_t letters = 0;

	for (; i < e; i++)
		if (c->u[i] >= 'A' && c->u[i] <= 'Z')
			letters++;
	return letters >= 2;
}

/*
 * Scan a word from i. Sets *flags for case and abbreviation. The common
 * case, ASCII letters and digits up to a space or plain punctuation, is
 * read here, eight bytes at a time. A word that goes on past them (a
 * non-ASCII letter, an apostrophe, a hyphen, a stop) is finished by
 * scan_word_rest(). Inlined into the tokenizer's loop, which keeps its
 * state in registers.
 */
__attribute__((always_inline))
static inline size_t scan_word(const cur *c, size_t i, unsigned *flags)
{
	size_t e = i;
	int lower = 0;

	*flags = c->u[i] >= 'A' && c->u[i] <= 'Z' ? PX_TF_CAP : 0;
	for (;;) {
		size_t m = alnum_run(c, e, &lower);

		e += m;
		if (m < 8)
			break;
	}
	if (e < c->n && (c->u[e] >= 0x80 || c->u[e] == '\'' ||
	                 c->u[e] == '-' || c->u[e] == '.'))
		return scan_word_rest(c, i, e, lower, flags);
	if (!lower && all_caps(c, i, e))
		*flags |= PX_TF_UPPER;
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

/* ASCII punctuation at i: one mark, or a run of stops ("...") or of
 * hyphens ("--"). */
static inline size_t scan_punct(const cur *c, size_t i)
{
	size_t e = i + 1;

	if (c->u[i] == '.' || c->u[i] == '-')
		while (e < c->n && c->u[e] == c->u[i])
			e++;
	return e;
}

/*
 * Scan the token at i that is not a plain word: URLs, e-mail addresses,
 * words in paragraphs that hold an '@', numbers, quote marks, punctuation,
 * symbols and everything non-ASCII. Sets *kind and *flags and returns the
 * token's end; *kind 0 means white space, to be skipped to the end.
 * Kept out of line, away from the tokenizer's short way.
 */
__attribute__((noinline))
static size_t scan_token(const cur *c, size_t i, size_t start, int has_at,
                         unsigned *kind, unsigned *flags)
{
	size_t k, e;
	int uc, b;

	*kind = 0;
	*flags = 0;
	b = char_at(c, i, &k, &uc);
	switch (b) {
	case PXI_C_SPACE:
	case PXI_C_CTRL:
		return i + k;
	case PXI_C_ALPHA:
		if (url_start(c, i)) {
			*kind = PX_TOK_URL;
			return scan_url(c, i);
		}
		e = has_at ? scan_email(c, i) : 0;
		if (e) {
			*kind = PX_TOK_EMAIL;
			return e;
		}
		*kind = PX_TOK_WORD;
		return scan_word(c, i, flags);
	case PXI_C_DIGIT:
		e = has_at ? scan_email(c, i) : 0;
		if (e) {
			*kind = PX_TOK_EMAIL;
			return e;
		}
		*kind = PX_TOK_NUMBER;
		return scan_number(c, i);
	case PXI_C_QUOTE:
		*kind = PX_TOK_QUOTE;
		*flags = quote_opens(c, i, 1, start) ? PX_TF_OPEN : PX_TF_CLOSE;
		return i + 1;
	case PXI_C_PUNCT:
		*kind = PX_TOK_PUNCT;
		return scan_punct(c, i);
	case PXI_C_SYM:
		e = i + 1;
		*kind = PX_TOK_SYMBOL;
		if (c->u[i] == '#' && is_letter_at(c, i + 1)) {
			e = scan_word(c, i + 1, flags);
			if (*flags & PX_TF_ABBR)
				e--;
			*flags &= PX_TF_CAP | PX_TF_NONASCII;
			*kind = PX_TOK_HASHTAG;
		} else if (c->u[i] == '$' && is_digit_at(c, i + 1)) {
			e = scan_number(c, i + 1);
			*kind = PX_TOK_NUMBER;
		}
		return e;
	default: /* non-ASCII */
		break;
	}
	*flags = PX_TF_NONASCII;
	e = i + k;
	switch (uc) {
	case PXI_U_LETTER:
	case PXI_U_UPPER:
	case PXI_U_MARK:
		*kind = PX_TOK_WORD;
		return scan_word(c, i, flags);
	case PXI_U_DIGIT:
		*kind = PX_TOK_NUMBER;
		return scan_word(c, i, flags);
	case PXI_U_SPACE:
		*flags = 0;
		return e;
	case PXI_U_QUOTE_OPEN:
		*kind = PX_TOK_QUOTE;
		*flags |= PX_TF_OPEN;
		return e;
	case PXI_U_QUOTE_CLOSE:
	case PXI_U_APOS:
		*kind = PX_TOK_QUOTE;
		*flags |= quote_opens(c, i, k, start) && uc == PXI_U_APOS
		          ? PX_TF_OPEN : PX_TF_CLOSE;
		return e;
	case PXI_U_CURRENCY:
		*kind = PX_TOK_SYMBOL;
		if (is_digit_at(c, e)) {
			*kind = PX_TOK_NUMBER;
			return scan_number(c, e);
		}
		return e;
	case PXI_U_DASH:
	case PXI_U_ELLIPSIS:
	case PXI_U_BULLET:
	case PXI_U_PUNCT:
		*kind = PX_TOK_PUNCT;
		return e;
	default:
		*kind = PX_TOK_SYMBOL;
		return e;
	}
}

/* May the token [i, e) of this kind end a sentence? A stop, '!', '?' or
 * an ellipsis; an abbreviation with its stop (pxi_sentences() decides). */
static int may_end_sentence(const cur *c, size_t i, size_t e, unsigned kind,
                            unsigned flags)
{
	if (kind == PX_TOK_WORD)
		return (flags & PX_TF_ABBR) != 0;
	if (kind != PX_TOK_PUNCT)
		return 0;
	return c->u[i] == '.' || c->u[i] == '!' || c->u[i] == '?' ||
	       (e - i == 3 && !memcmp(c->u + i, "\xE2\x80\xA6", 3));
}

/* Room for more tokens: double the array, as pxi_vec_push() would. n is
 * the count the tokenizer holds; 0 or -1 when out of memory. */
static int grow_tokens(px_article *a, size_t n)
{
	size_t cap = a->toks.cap ? a->toks.cap * 2 : 16;

	if (cap > a->toks.max)
		cap = a->toks.max;
	a->toks.n = n;
	return cap <= n || pxi_vec_reserve(&a->ar, &a->toks, cap) ? -1 : 0;
}

px_status pxi_tokenize(px_article *a, size_t start, size_t end,
                       uint16_t para, pxi_vec *breaks)
{
	const cur c = {(const unsigned char *)a->norm.text, end, a->norm.len};
	size_t i = start;
	int has_at;
	/* The token array in locals while the loop runs, so that they stay
	 * in registers; a->toks.n is set when it ends. */
	px_token *tk = a->toks.a;
	size_t n = a->toks.n, cap = a->toks.cap;

	/* Few paragraphs hold an e-mail address; look only where one can. */
	has_at = memchr(c.u + start, '@', end - start) != NULL;
	while (i < end) {
		unsigned char ch = c.u[i];
		unsigned kind, flags;
		size_t e;
		uint8_t cl;
		int brk;

		/* Spaces, plain words and ASCII punctuation, the bulk of
		 * text, take the short way. */
		if (ch == ' ') {
			i++;
			continue;
		}
		cl = pxi_byte_class[ch];
		if (cl == PXI_C_ALPHA && !has_at &&
		    !((ch | 0x20) == 'h' || (ch | 0x20) == 'w' ?
		      url_start(&c, i) : 0)) {
			e = scan_word(&c, i, &flags);
			kind = PX_TOK_WORD;
			brk = (flags & PX_TF_ABBR) != 0;
		} else if (cl == PXI_C_PUNCT) {
			e = scan_punct(&c, i);
			kind = PX_TOK_PUNCT;
			flags = 0;
			brk = ch == '.' || ch == '!' || ch == '?';
		} else {
			e = scan_token(&c, i, start, has_at, &kind, &flags);
			if (!kind) {
				i = e;
				continue;
			}
			brk = may_end_sentence(&c, i, e, kind, flags);
		}
		if (n == cap) {
			if (grow_tokens(a, n))
				return PX_ENOMEM;
			tk = a->toks.a;
			cap = a->toks.cap;
		}
		tk[n].start = (uint32_t)i;
		tk[n].end = (uint32_t)e;
		tk[n].kind = (uint8_t)kind;
		tk[n].flags = (uint8_t)flags;
		tk[n].para = para;
		n++;
		if (brk) {
			uint32_t *b = pxi_vec_push(&a->scratch, breaks);

			if (!b) {
				a->toks.n = n;
				return PX_ENOMEM;
			}
			*b = (uint32_t)(n - 1);
		}
		i = e;
	}
	a->toks.n = n;
	return PX_OK;
}
