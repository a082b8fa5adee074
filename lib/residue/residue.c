/*
 * residue.c - site furniture that is not part of the news report.
 *
 * Repeated headlines, machine-made panels (summary, sentiment, tables)
 * with their contents, panel headings, injected link sentences, page
 * metadata lines, tag lines, bylines and the short footer lines around
 * them. Each is a span with a reason; later stages leave them out, and
 * what they carry (an edit date, a site name, an author) becomes article
 * metadata. The rules are patterns of site furniture in general: word
 * lists of panel headings and link phrases, and the shape of lines.
 */
#include <string.h>
#include <strings.h>

#include "../article/article.h"
#include "../text/text.h"

enum panel { P_NONE, P_SUMMARY, P_SENTIMENT, P_TABLE, P_MARKER };

typedef struct line {
	size_t s, e;     /* trimmed, norm offsets */
	int blank_before;
	int bullet;
	int kind;        /* px_residue_kind, 0 when report text */
	int panel;       /* index of the panel heading line it belongs to */
	int candidate;   /* short footer candidate */
	int pkind;       /* enum panel of a panel heading line */
} line;

typedef struct ctx {
	px_article *a;
	const char *p;
	line *ln;
	size_t n;
} ctx;

static const struct {
	const char *z;
	enum panel kind;
} headings[] = {
	{"highlights", P_SUMMARY}, {"key highlights", P_SUMMARY},
	{"story highlights", P_SUMMARY}, {"key takeaways", P_SUMMARY},
	{"takeaways", P_SUMMARY}, {"key points", P_SUMMARY},
	{"main points", P_SUMMARY}, {"summary", P_SUMMARY},
	{"article summary", P_SUMMARY}, {"ai summary", P_SUMMARY},
	{"quick summary", P_SUMMARY}, {"in brief", P_SUMMARY},
	{"at a glance", P_SUMMARY}, {"tl;dr", P_SUMMARY},
	{"the gist", P_SUMMARY}, {"what to know", P_SUMMARY},
	{"sentiment analysis", P_SENTIMENT}, {"sentiment", P_SENTIMENT},
	{"sentiment score", P_SENTIMENT}, {"article sentiment", P_SENTIMENT},
	{"overall sentiment", P_SENTIMENT}, {"tone analysis", P_SENTIMENT},
	{"sentiment meter", P_SENTIMENT}, {"tone meter", P_SENTIMENT},
	{"mood meter", P_SENTIMENT},
	{"key insights table", P_TABLE}, {"key insights", P_TABLE},
	{"insights table", P_TABLE}, {"key facts", P_TABLE},
	{"key facts table", P_TABLE}, {"fact sheet", P_TABLE},
	{"quick facts", P_TABLE}, {"facts at a glance", P_TABLE},
	{"data table", P_TABLE}, {"summary table", P_TABLE},
	{"key data", P_TABLE}, {"by the numbers", P_TABLE},
	{"article text", P_MARKER}, {"article body", P_MARKER},
	{"full article", P_MARKER}, {"full text", P_MARKER},
	{"full story", P_MARKER}, {"advertisement", P_MARKER},
	{"sponsored content", P_MARKER}, {"continue reading", P_MARKER},
	{"continue reading below", P_MARKER},
	{"story continues below", P_MARKER},
	{"skip to content", P_MARKER}, {"skip advertisement", P_MARKER},
	{"share this article", P_MARKER}, {"share this story", P_MARKER},
	{"related articles", P_MARKER}, {"related stories", P_MARKER},
	{"recommended for you", P_MARKER}, {"you may also like", P_MARKER},
	{"most read", P_MARKER}, {"most popular", P_MARKER},
	{"trending now", P_MARKER}, {"leave a comment", P_MARKER},
	{"sign up for our newsletter", P_MARKER},
	{NULL, P_NONE}
};

/* Openings of sentences that advertise the site's other pages. */
static const char *const link_openers[] = {
	"here is the link to", "here's the link to", "here is a link to",
	"here’s the link to", "read also:", "read also ", "also read:",
	"also read ", "read more:", "see also:", "related:",
	"related article:", "related story:", "related news:",
	"related reading:", "recommended:", "recommended reading:",
	"don't miss:", "don’t miss:", "must read:", "suggested reading:",
	"click here to read", "click here for", "check out our article",
	"read our article", "read our full", "more on this story:",
	"you may also like:", "also see:", NULL
};

/* Metadata line openings, and whether the date is an edit date. */
static const struct {
	const char *z;
	int edited;
} meta_openers[] = {
	{"last edited", 1}, {"last updated", 1}, {"last modified", 1},
	{"updated", 1}, {"edited", 1}, {"modified", 1},
	{"first published", 0}, {"originally published", 0},
	{"published", 0}, {"posted", 0}, {NULL, 0}
};

static const char *const writer_roles[] = {
	"columnist", "contributor", "correspondent", "reporter", "writer",
	"editor", "staff", "desk", "bureau", "newsroom", NULL
};

/* Last words of panel headings that vary from site to site ("Story
 * Mood Meter", "Strike Snapshot Table"); such a heading counts only when
 * what follows has the panel's shape. */
static const struct {
	const char *z;
	enum panel kind;
} heading_ends[] = {
	{" table", P_TABLE}, {" snapshot", P_TABLE}, {" insights", P_TABLE},
	{" facts", P_TABLE}, {" meter", P_SENTIMENT}, {" gauge", P_SENTIMENT},
	{" sentiment", P_SENTIMENT}, {" score", P_SENTIMENT},
	{" takeaways", P_SUMMARY}, {" highlights", P_SUMMARY},
	{" summary", P_SUMMARY}, {NULL, P_NONE}
};

/* Every word starts with a capital or a digit ("Story Mood Meter"). */
static int title_case(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i && p[i - 1] != ' ')
			continue;
		if (p[i] >= 'a' && p[i] <= 'z')
			return 0;
	}
	return 1;
}

/* The panel a heading line opens; *exact is 0 for a heading known only
 * by its last word. */
static enum panel panel_kind(const char *p, size_t n, int *exact)
{
	size_t i;

	while (n && (p[n - 1] == ':' || p[n - 1] == ' '))
		n--;
	*exact = 1;
	if (n > 40 || n < 3)
		return P_NONE;
	for (i = 0; headings[i].z; i++)
		if ((p[0] | 0x20) == headings[i].z[0] &&
		    pxi_ieq(p, n, headings[i].z))
			return headings[i].kind;
	*exact = 0;
	if (pxi_word_count_max(p, n, 4) > 4 || !pxi_is_heading(p, 0, n) ||
	    !title_case(p, n))
		return P_NONE;
	for (i = 0; heading_ends[i].z; i++) {
		size_t m = strlen(heading_ends[i].z);

		if (n > m && pxi_ieq(p + n - m, m, heading_ends[i].z))
			return heading_ends[i].kind;
	}
	return P_NONE;
}

/* Is c a letter, in either case, among the lower-case letters of set? */
static int letter_in(char c, const char *set)
{
	c = (char)(c | 0x20);
	for (; *set; set++)
		if (*set == c)
			return 1;
	return 0;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static const char *const months[] = {
	"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep",
	"oct", "nov", "dec", NULL
};

static int month_at(const char *p, size_t n)
{
	int m;

	if (n < 3)
		return 0;
	for (m = 0; months[m]; m++)
		if (!strncasecmp(p, months[m], 3))
			return m + 1;
	return 0;
}

/* Read a number of at most 4 digits at p[*i]; -1 if none. */
static int num_at(const char *p, size_t n, size_t *i)
{
	int v = 0, k = 0;

	while (*i < n && is_digit(p[*i]) && k < 5) {
		v = v * 10 + (p[*i] - '0');
		(*i)++;
		k++;
	}
	return k && k < 5 ? v : -1;
}

/*
 * Find a date in (p, n): 2025/9/5, 2025-09-05, September 5, 2025,
 * 5 September 2025 or 9/5/2025. Writes YYYY-MM-DD into out[11].
 */
static int find_date(const char *p, size_t n, char out[11])
{
	size_t i;
	int y = -1, mo = -1, d = -1;

	for (i = 0; i < n; i++) {
		size_t j = i;
		int a, b, c;

		if (!is_digit(p[i]) || (i && is_digit(p[i - 1])))
			continue;
		a = num_at(p, n, &j);
		if (j < n && (p[j] == '/' || p[j] == '-' || p[j] == '.')) {
			char sep = p[j++];

			b = num_at(p, n, &j);
			if (b < 0 || j >= n || p[j] != sep)
				continue;
			j++;
			c = num_at(p, n, &j);
			if (c < 0)
				continue;
			if (a >= 1900) {
				y = a, mo = b, d = c;
			} else if (c >= 1900) {
				y = c, mo = a, d = b;
			} else {
				continue;
			}
			break;
		}
	}
	if (y < 0) {
		/* Month names: "September 5, 2025" or "5 September 2025". */
		for (i = 0; i < n && y < 0; i++) {
			size_t j;
			int m;

			if (i && ((p[i - 1] | 0x20) >= 'a' && (p[i - 1] | 0x20) <= 'z'))
				continue;
			m = month_at(p + i, n - i);
			if (!m)
				continue;
			j = i;
			while (j < n && ((p[j] | 0x20) >= 'a' && (p[j] | 0x20) <= 'z'))
				j++;
			while (j < n && (p[j] == ' ' || p[j] == '.'))
				j++;
			d = num_at(p, n, &j);
			while (j < n && (p[j] == ',' || p[j] == ' '))
				j++;
			y = num_at(p, n, &j);
			if (d > 0 && y >= 1900) {
				mo = m;
				break;
			}
			/* "5 September 2025": the day stands before. */
			j = i;
			while (j > 0 && p[j - 1] == ' ')
				j--;
			{
				size_t k = j;

				while (k > 0 && is_digit(p[k - 1]))
					k--;
				d = k < j ? num_at(p, n, &k) : -1;
			}
			j = i;
			while (j < n && ((p[j] | 0x20) >= 'a' && (p[j] | 0x20) <= 'z'))
				j++;
			while (j < n && (p[j] == ' ' || p[j] == ','))
				j++;
			y = num_at(p, n, &j);
			if (d > 0 && y >= 1900) {
				mo = m;
				break;
			}
			y = -1;
		}
	}
	if (y < 1900 || y > 2999 || mo < 1 || mo > 12 || d < 1 || d > 31)
		return 0;
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + mo / 10);
	out[6] = (char)('0' + mo % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
	return 1;
}

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* A page metadata line ("Last edited at:2025/9/5"); *edited says which. */
static int meta_line(const char *p, size_t n, char date[11], int *edited)
{
	size_t i;

	if (n > 160 || n < 8 || !letter_in(p[0], "luemfop") ||
	    pxi_word_count_max(p, n, 14) > 14)
		return 0;
	for (i = 0; meta_openers[i].z; i++) {
		size_t m = strlen(meta_openers[i].z);

		if (pxi_istarts(p, n, meta_openers[i].z) &&
		    (m == n || !is_alpha(p[m])) && find_date(p + m, n - m, date)) {
			*edited = meta_openers[i].edited;
			return 1;
		}
	}
	return 0;
}

/* A tag line: hashtags only ("#Ukraine #NATO"), or one short tag
 * ("#Donald J. Trump"); not a sentence that opens with a hashtag. */
static int tag_line(const char *p, size_t n)
{
	size_t i;
	int all = 1;

	if (n < 2 || p[0] != '#' || !(is_alpha(p[1]) ||
	                              (unsigned char)p[1] >= 0x80) ||
	    p[n - 1] == '.' || p[n - 1] == ':')
		return 0;
	for (i = 1; i < n; i++)
		if (p[i - 1] == ' ' && p[i] != '#')
			all = 0;
	return all || pxi_word_count_max(p, n, 4) <= 4;
}

static int cap_word(const char *p, size_t n)
{
	return n && ((p[0] >= 'A' && p[0] <= 'Z') ||
	             (unsigned char)p[0] >= 0x80);
}

/* Split (p, n) at spaces into at most max words; returns the count. */
static size_t words(const char *p, size_t n, size_t ws[][2], size_t max)
{
	size_t i = 0, k = 0;

	while (i < n && k < max) {
		size_t s;

		while (i < n && p[i] == ' ')
			i++;
		s = i;
		while (i < n && p[i] != ' ')
			i++;
		if (i > s) {
			ws[k][0] = s;
			ws[k][1] = i;
			k++;
		}
	}
	while (i < n && p[i] == ' ')
		i++;
	return i < n ? max + 1 : k;
}

/*
 * A byline: "By Name Name", "Reporting by ...", or "<Name or Site>
 * <writer role>" ("HarborNews Columnist", "Jane Roe, Staff Writer"). *name_n
 * gets the length of the name part (from p), *site whether it names a
 * site (one word) rather than a person.
 */
static int byline(const char *p, size_t n, size_t *name_s, size_t *name_e,
                  int *site)
{
	size_t ws[8][2], k, i;
	int32_t last;

	if (!n || n > 80)
		return 0;
	last = (unsigned char)p[n - 1];
	if (last == '.' || last == '?' || last == '!' || last == ',')
		return 0;
	k = words(p, n, ws, 7);
	if (k < 2 || k > 7)
		return 0;
	*site = 0;
	if (pxi_ieq(p + ws[0][0], ws[0][1] - ws[0][0], "by")) {
		for (i = 1; i < k; i++)
			if (!cap_word(p + ws[i][0], ws[i][1] - ws[i][0]) &&
			    !pxi_ieq(p + ws[i][0], ws[i][1] - ws[i][0], "and"))
				return 0;
		*name_s = ws[1][0];
		*name_e = n;
		return 1;
	}
	if (pxi_istarts(p, n, "reporting by ") ||
	    pxi_istarts(p, n, "additional reporting by ") ||
	    pxi_istarts(p, n, "editing by ") || pxi_istarts(p, n, "written by ")) {
		*name_s = *name_e = 0;
		return 1;
	}
	/* Name words, then a writer role as the last word. */
	for (i = 0; writer_roles[i]; i++)
		if (pxi_ieq(p + ws[k - 1][0], ws[k - 1][1] - ws[k - 1][0],
		            writer_roles[i]))
			break;
	if (!writer_roles[i] || k > 5)
		return 0;
	for (i = 0; i + 1 < k; i++)
		if (!cap_word(p + ws[i][0], ws[i][1] - ws[i][0]))
			return 0;
	*name_s = ws[0][0];
	*name_e = ws[k - 2][1];
	if (k >= 3 && pxi_ieq(p + ws[k - 2][0], ws[k - 2][1] - ws[k - 2][0],
	                      "staff"))
		*name_e = ws[k - 3][1];
	if (k >= 3 && (pxi_ieq(p + ws[k - 2][0], ws[k - 2][1] - ws[k - 2][0],
	                       "senior") ||
	               pxi_ieq(p + ws[k - 2][0], ws[k - 2][1] - ws[k - 2][0],
	                       "contributing") ||
	               pxi_ieq(p + ws[k - 2][0], ws[k - 2][1] - ws[k - 2][0],
	                       "news")))
		*name_e = ws[k - 3][1];
	while (*name_e > *name_s && (p[*name_e - 1] == ',' ||
	                             p[*name_e - 1] == ' '))
		(*name_e)--;
	if (*name_e <= *name_s)
		return 0;
	*site = memchr(p + *name_s, ' ', *name_e - *name_s) == NULL;
	return 1;
}

static px_status set_meta(px_article *a, const char **slot, const char *p,
                          size_t n)
{
	char *z;

	if (*slot || !n)
		return PX_OK;
	z = pxi_arena_strndup(&a->ar, p, n);
	if (!z)
		return PX_ENOMEM;
	*slot = z;
	return PX_OK;
}

/* A line with a bare score: "30%", "Score: 7/10", "Negative 30%". */
static int score_line(const char *p, size_t n)
{
	size_t i;
	int digit = 0, mark = 0;

	if (pxi_word_count_max(p, n, 4) > 4)
		return 0;
	for (i = 0; i < n; i++) {
		if (is_digit(p[i]))
			digit = 1;
		if (p[i] == '%' || p[i] == '/')
			mark = 1;
	}
	if (digit && (mark || pxi_word_count_max(p, n, 4) == 1))
		return 1;
	return pxi_ieq(p, n, "positive") || pxi_ieq(p, n, "negative") ||
	       pxi_ieq(p, n, "neutral") || pxi_ieq(p, n, "mixed");
}

static int ends_punct(const char *p, size_t n)
{
	unsigned char c;

	if (!n)
		return 0;
	c = (unsigned char)p[n - 1];
	if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';' ||
	    c == ',' || c == '"')
		return 1;
	/* ” and ’ end in 0x9D and 0x99 after E2 80 */
	return n >= 3 && (unsigned char)p[n - 3] == 0xE2 &&
	       (unsigned char)p[n - 2] == 0x80 &&
	       ((unsigned char)p[n - 1] == 0x9D || c == 0x99);
}

/* The body's lines, as text/ found them for paragraphs. */
static px_status find_lines(ctx *c)
{
	px_article *a = c->a;
	const pxi_line *tl = a->lines.a;
	size_t i;

	c->ln = pxi_arena_alloc(&a->scratch, (a->lines.n ? a->lines.n : 1) *
	                                    sizeof(line));
	if (!c->ln)
		return PX_ENOMEM;
	for (i = 0; i < a->lines.n; i++) {
		line *l = &c->ln[c->n++];

		memset(l, 0, sizeof(*l));
		l->s = tl[i].s;
		l->e = tl[i].e;
		l->blank_before = tl[i].blank_before;
		l->bullet = tl[i].bullet;
		l->panel = -1;
	}
	return PX_OK;
}

static int same_text(const ctx *c, size_t i, size_t s, size_t e)
{
	return c->ln[i].e - c->ln[i].s == e - s &&
	       !memcmp(c->p + c->ln[i].s, c->p + s, e - s);
}

/* Cells run together: "DateMarch", "Offer6.5%". */
static int run_together(const char *p, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++) {
		char a = p[i - 1], b = p[i];

		if (((a >= 'a' && a <= 'z') || a == '%' || a == ')') &&
		    ((b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')))
			return 1;
	}
	return 0;
}

/* Does what follows line i have the shape of a panel of this kind? */
static int panel_shape(const ctx *c, size_t i, enum panel kind)
{
	size_t j, hits = 0;

	for (j = i + 1; j < c->n && j <= i + 6; j++) {
		const line *l = &c->ln[j];
		const char *p = c->p + l->s;
		size_t n = l->e - l->s;

		switch (kind) {
		case P_TABLE:
			if (j > i + 1 && l->blank_before)
				return hits >= 2;
			hits += (size_t)run_together(p, n);
			break;
		case P_SENTIMENT:
			if (score_line(p, n))
				return 1;
			break;
		case P_SUMMARY:
			return l->bullet;
		default:
			return 0;
		}
	}
	return kind == P_TABLE && hits >= 2;
}

/*
 * The lines of report text met so far, to find a line printed twice
 * without comparing every pair of lines: an open-addressing table of line
 * indexes, hashed by the line's length and first and last bytes. Lines
 * that hash alike are compared in full.
 */
typedef struct seen {
	uint32_t *slot; /* line index + 1; 0 when empty */
	size_t mask;    /* slots - 1, a power of two less one */
} seen;

static size_t line_hash(const ctx *c, size_t i)
{
	const char *p = c->p + c->ln[i].s;
	size_t n = c->ln[i].e - c->ln[i].s, k;
	uint64_t head = 0, tail = 0, h;

	if (n >= 8) {
		memcpy(&head, p, 8);
		memcpy(&tail, p + n - 8, 8);
	} else {
		for (k = 0; k < n; k++)
			head = head << 8 | (unsigned char)p[k];
	}
	h = (head ^ (uint64_t)n) * 0x9E3779B97F4A7C15ull;
	h = (h ^ tail) * 0xC2B2AE3D27D4EB4Full;
	return (size_t)(h ^ (h >> 29));
}

static px_status seen_init(ctx *c, seen *t)
{
	size_t slots = 16;

	while (slots < 2 * c->n)
		slots *= 2;
	t->slot = pxi_arena_alloc(&c->a->scratch, slots * sizeof(*t->slot));
	if (!t->slot)
		return PX_ENOMEM;
	memset(t->slot, 0, slots * sizeof(*t->slot));
	t->mask = slots - 1;
	return PX_OK;
}

/* Has a line met so far the text of line i? hash: line_hash(c, i). */
static int seen_has(const ctx *c, const seen *t, size_t i, size_t hash)
{
	size_t h;

	for (h = hash & t->mask; t->slot[h]; h = (h + 1) & t->mask) {
		const line *o = &c->ln[t->slot[h] - 1];

		if (same_text(c, i, o->s, o->e))
			return 1;
	}
	return 0;
}

static void seen_add(seen *t, size_t i, size_t hash)
{
	size_t h = hash & t->mask;

	while (t->slot[h])
		h = (h + 1) & t->mask;
	t->slot[h] = (uint32_t)(i + 1);
}

/* The rules for line i alone, and against the report lines before it
 * (in t); hash is line_hash(c, i). */
static px_status rule_line(ctx *c, size_t i, const seen *t, size_t hash)
{
	px_article *a = c->a;
	const px_span *ts = &a->meta.title_span;
	line *l = &c->ln[i];
	const char *p = c->p + l->s;
	size_t n = l->e - l->s, ns, ne;
	char date[11];
	int edited, site, exact;
	enum panel pk;

	if (ts->end > ts->start && l->s == ts->start)
		return PX_OK; /* the title itself */
	pk = panel_kind(p, n, &exact);
	if (pk != P_NONE && (exact || panel_shape(c, i, pk))) {
		l->kind = pk == P_MARKER ? PX_RES_PANEL_HEADING
		                         : PX_RES_SUMMARY_PANEL;
		l->pkind = pk;
		l->panel = (int)i;
		return PX_OK;
	}
	if (meta_line(p, n, date, &edited)) {
		l->kind = PX_RES_PAGE_METADATA;
		return set_meta(a, edited ? &a->meta.edited
		                          : &a->meta.published, date, 10);
	}
	if (tag_line(p, n)) {
		l->kind = PX_RES_TAG;
		return PX_OK;
	}
	if (byline(p, n, &ns, &ne, &site)) {
		l->kind = PX_RES_BYLINE;
		return set_meta(a, site ? &a->meta.site : &a->meta.author,
		                p + ns, ne - ns);
	}
	/* A line printed again: the headline, or a whole paragraph. */
	if (ts->end > ts->start && ts->start < l->s &&
	    same_text(c, i, ts->start, ts->end)) {
		l->kind = PX_RES_REPEATED_HEADLINE;
		return PX_OK;
	}
	if (seen_has(c, t, i, hash)) {
		if (pxi_is_heading(c->p, l->s, l->e) &&
		    pxi_word_count_max(p, n, 3) >= 3)
			l->kind = PX_RES_REPEATED_HEADLINE;
		else if (pxi_word_count_max(p, n, 8) >= 8)
			l->kind = PX_RES_REPEATED_PARAGRAPH;
	}
	return PX_OK;
}

/* Line rules: each line judged alone (and against earlier lines). */
static px_status rule_lines(ctx *c)
{
	seen t;
	size_t i;
	px_status rc;

	rc = seen_init(c, &t);
	if (rc)
		return rc;
	for (i = 0; i < c->n; i++) {
		size_t hash = line_hash(c, i);

		rc = rule_line(c, i, &t, hash);
		if (rc)
			return rc;
		/* Lines found to be residue are not report text. */
		if (!c->ln[i].kind)
			seen_add(&t, i, hash);
	}
	return PX_OK;
}

/* Panel contents: what follows each panel heading, by kind. */
static void take_panels(ctx *c)
{
	size_t i, j;

	for (i = 0; i < c->n; i++) {
		line *h = &c->ln[i];
		enum panel kind;
		int res, took = 0;

		if (h->panel != (int)i || h->kind == PX_RES_PANEL_HEADING)
			continue;
		kind = (enum panel)h->pkind;
		res = kind == P_SENTIMENT ? PX_RES_SENTIMENT_PANEL
		      : kind == P_TABLE   ? PX_RES_TABLE_PANEL
		                          : PX_RES_SUMMARY_PANEL;
		h->kind = res;
		for (j = i + 1; j < c->n; j++) {
			line *l = &c->ln[j];
			const char *p = c->p + l->s;
			size_t n = l->e - l->s;
			int take = 0;

			if (l->kind)
				break;
			switch (kind) {
			case P_SUMMARY:
				/* A list of bullets, or one paragraph. */
				take = !took || (l->bullet && c->ln[j - 1].bullet);
				break;
			case P_SENTIMENT:
				take = l->bullet || score_line(p, n) ||
				       (!took && !pxi_is_heading(c->p, l->s, l->e));
				break;
			case P_TABLE:
				take = !took || !l->blank_before;
				break;
			default:
				break;
			}
			if (!take)
				break;
			l->kind = res;
			l->panel = (int)i;
			took = 1;
		}
	}
}

/*
 * Short lines after the report, among other furniture, are footer lines
 * ("Deal Makers" between a tag line and a byline). Only a run of one or
 * two such lines next to furniture counts: a longer run of short lines
 * (a list of names, a results table) is report.
 */
static void take_footer(ctx *c)
{
	size_t i = c->n, k;

	while (i > 0) {
		line *l = &c->ln[i - 1];
		const char *p = c->p + l->s;
		size_t n = l->e - l->s;

		if (!l->kind) {
			if (pxi_word_count_max(p, n, 6) > 6 || ends_punct(p, n) ||
			    l->bullet || n > 60)
				break;
			l->candidate = 1;
		}
		i--;
	}
	for (k = i; k < c->n; k++) {
		size_t run = k, j;

		if (!c->ln[k].candidate)
			continue;
		while (run < c->n && c->ln[run].candidate)
			run++;
		/* [k, run) is a run of candidates */
		if (run - k <= 2 && ((k > i && c->ln[k - 1].kind) ||
		                     (run < c->n && c->ln[run].kind)))
			for (j = k; j < run; j++)
				c->ln[j].kind = PX_RES_SITE_FOOTER;
		k = run;
	}
}

static const char *reason_of(int kind)
{
	switch (kind) {
	case PX_RES_REPEATED_HEADLINE: return "headline printed twice";
	case PX_RES_SUMMARY_PANEL: return "machine-made summary panel";
	case PX_RES_SENTIMENT_PANEL: return "machine-made sentiment panel";
	case PX_RES_TABLE_PANEL: return "machine-made table";
	case PX_RES_PANEL_HEADING: return "panel heading";
	case PX_RES_INJECTED_LINK: return "injected internal link";
	case PX_RES_PAGE_METADATA: return "page metadata";
	case PX_RES_TAG: return "tag";
	case PX_RES_BYLINE: return "byline footer";
	case PX_RES_SITE_FOOTER: return "site footer";
	case PX_RES_REPEATED_PARAGRAPH: return "paragraph printed twice";
	}
	return "residue";
}

const char *px_residue_kind_name(px_residue_kind k)
{
	switch (k) {
	case PX_RES_REPEATED_HEADLINE: return "repeated_headline";
	case PX_RES_SUMMARY_PANEL: return "summary_panel";
	case PX_RES_SENTIMENT_PANEL: return "sentiment_panel";
	case PX_RES_TABLE_PANEL: return "table_panel";
	case PX_RES_PANEL_HEADING: return "panel_heading";
	case PX_RES_INJECTED_LINK: return "injected_link";
	case PX_RES_PAGE_METADATA: return "page_metadata";
	case PX_RES_TAG: return "tag";
	case PX_RES_BYLINE: return "byline";
	case PX_RES_SITE_FOOTER: return "site_footer";
	case PX_RES_REPEATED_PARAGRAPH: return "repeated_paragraph";
	}
	return "residue";
}

static px_status add_residue(px_article *a, size_t s, size_t e, int kind)
{
	px_residue *r = pxi_vec_push(&a->ar, &a->residue);

	if (!r)
		return PX_ENOMEM;
	r->span.start = s;
	r->span.end = e;
	r->kind = (px_residue_kind)kind;
	r->reason = reason_of(kind);
	return PX_OK;
}

static int link_sentence(const char *p, size_t n)
{
	size_t i;

	if (n < 4)
		return 0;
	/* the first two letters of some opener */
	{
		char a = (char)(p[0] | 0x20), b = (char)(p[1] | 0x20);

		if (!((a == 'h' && b == 'e') || (a == 'r' && b == 'e') ||
		      (a == 'a' && b == 'l') || (a == 's' && b == 'e') ||
		      (a == 'd' && b == 'o') || (a == 'm' && b == 'u') ||
		      (a == 's' && b == 'u') || (a == 'c' && (b == 'l' ||
		                                              b == 'h')) ||
		      (a == 'y' && b == 'o') || (a == 'r' && b == 'e') ||
		      (a == 'm' && b == 'o')))
			return 0;
	}
	for (i = 0; link_openers[i]; i++)
		if ((p[0] | 0x20) == link_openers[i][0] &&
		    pxi_istarts(p, n, link_openers[i]))
			return 1;
	return 0;
}

/* Emit residue spans in text order: line spans (a panel as one span),
 * then link sentences inside report lines. */
static px_status emit(ctx *c)
{
	px_article *a = c->a;
	const px_sentence *ss = a->sents.a;
	size_t i = 0, si = 0;
	px_status rc;

	while (i < c->n) {
		line *l = &c->ln[i];
		size_t j = i;

		if (!l->kind) {
			/* Injected link sentences within this line. */
			while (si < a->sents.n && ss[si].span.start < l->s)
				si++;
			for (; si < a->sents.n && ss[si].span.start < l->e; si++) {
				const px_sentence *s = &ss[si];

				if (!link_sentence(c->p + s->span.start,
				                   s->span.end - s->span.start))
					continue;
				rc = add_residue(a, s->span.start, s->span.end,
				                 PX_RES_INJECTED_LINK);
				if (rc)
					return rc;
			}
			i++;
			continue;
		}
		if (l->panel >= 0 && l->kind != PX_RES_PANEL_HEADING)
			while (j + 1 < c->n && c->ln[j + 1].panel == l->panel)
				j++;
		rc = add_residue(a, l->s, c->ln[j].e, l->kind);
		if (rc)
			return rc;
		i = j + 1;
	}
	return PX_OK;
}

/*
 * Flag the tokens and sentences that residue covers. Most articles have
 * no residue and nothing to flag; otherwise each span's tokens are found
 * by binary search (tokens are in text order and do not overlap), and
 * only sentences that reach into a span are looked at.
 */
static void mark(px_article *a)
{
	const px_residue *r = a->residue.a;
	px_token *t = a->toks.a;
	px_sentence *s = a->sents.a;
	size_t i, ri;

	if (!a->residue.n)
		return;
	for (ri = 0; ri < a->residue.n; ri++) {
		size_t lo = 0, hi = a->toks.n;

		/* The first token that does not end before the span ends:
		 * the first one the span can cover. */
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;

			if (t[mid].end <= r[ri].span.start)
				lo = mid + 1;
			else
				hi = mid;
		}
		for (i = lo; i < a->toks.n && t[i].start < r[ri].span.end; i++)
			if (r[ri].span.start <= t[i].start)
				t[i].flags |= PX_TF_RESIDUE;
	}
	for (i = 0; i < a->sents.n; i++) {
		size_t k, all = s[i].tok_count > 0;

		for (k = 0; k < s[i].tok_count && all; k++)
			if (!(t[s[i].tok_first + k].flags & PX_TF_RESIDUE))
				all = 0;
		s[i].residue = (int)all;
	}
}

px_status pxi_residue_find(px_article *a)
{
	ctx c;
	px_status rc;

	memset(&c, 0, sizeof(c));
	c.a = a;
	c.p = a->norm.text;
	rc = find_lines(&c);
	if (rc)
		return rc;
	rc = rule_lines(&c);
	if (rc)
		return rc;
	take_panels(&c);
	take_footer(&c);
	rc = emit(&c);
	if (rc)
		return rc;
	mark(a);
	return PX_OK;
}
