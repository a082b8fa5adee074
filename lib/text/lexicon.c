/*
 * lexicon.c - the word lists the stages share, each sorted (byte order,
 * lower case) so that a lookup is a binary search. Written by the
 * project; tests/unit/test_lexicon.c checks every list stays sorted.
 */
#include <assert.h>
#include <string.h>

#include "lexicon.h"

/* Reporting verbs and nouns: say, said, warned, insistence ... */
const char *const pxi_lex_speech[] = {
	"according", "accuse", "accused", "acknowledge", "acknowledged",
	"acknowledges", "add", "added", "adding", "adds", "admit", "admits",
	"admitted", "affirm", "affirmed", "agree", "agreed", "alleged",
	"alleging", "announce", "announced", "announces", "announcing",
	"argue", "argued", "argues", "arguing", "ask", "asked", "asking",
	"asks", "assert", "asserted", "asserts", "boasted", "bragged",
	"call", "called", "calling", "calls", "cautioned", "characterised",
	"characterize", "characterized", "claim", "claimed", "claiming",
	"claims", "comment", "commented", "complain", "complained",
	"conceded", "concedes", "conclude", "concluded", "condemn",
	"condemned", "condemning", "condemns", "confirm", "confirmed",
	"contended", "contends", "continue", "continued", "countered",
	"declare", "declared", "declares", "declaring", "demanded",
	"demands", "denied", "denies", "deny", "describe", "described",
	"describes", "describing", "disagreed", "dismiss", "dismissed",
	"emphasise", "emphasised", "emphasize", "emphasized", "emphasizes",
	"emphasizing", "explain", "explained", "explaining", "explains",
	"highlight", "highlighted", "highlights", "insist", "insisted",
	"insistence", "insisting", "insists", "joked", "label", "labeled",
	"labeling", "labelled", "labelling", "lamented", "maintain",
	"maintained", "mock", "mocked", "note", "noted", "notes", "noting",
	"objected", "observed", "pledge", "pledged", "pointed", "posted",
	"praise", "praised", "predict", "predicted", "predicts", "promise",
	"promised", "protested", "questioning", "quip", "quipped",
	"quipping", "recall", "recalled", "recalls", "recounted",
	"reiterate", "reiterated", "reiterates", "reject", "rejected",
	"remark", "remarked", "remarking", "remarks", "replied", "replies",
	"reply", "report", "reported", "reports", "respond", "responded",
	"responds", "retorted", "said", "say", "saying", "says", "shout",
	"shouted", "slam", "slammed", "state", "stated", "statement",
	"states", "stating", "stress", "stressed", "stresses", "stressing",
	"suggest", "suggested", "suggests", "tell", "telling", "tells",
	"told", "tweet", "tweeted", "tweeting", "urge", "urged", "urges",
	"urging", "vow", "vowed", "warn", "warned", "warning", "warns",
	"whisper", "whispered", "words", "write", "writes", "writing",
	"wrote",
};
const size_t pxi_lex_speech_n = sizeof(pxi_lex_speech) / sizeof(pxi_lex_speech[0]);

/* Head nouns of anonymous sources: official, sources, diplomat ... */
const char *const pxi_lex_anon_noun[] = {
	"adviser", "advisers", "advisor", "advisors", "aide", "aides",
	"analyst", "analysts", "commander", "critic", "critics", "diplomat",
	"diplomats", "employee", "employees", "engineer", "engineers",
	"executive", "executives", "expert", "experts", "figure", "figures",
	"insider", "insiders", "lawmaker", "lawmakers", "member", "members",
	"minister", "ministers", "negotiator", "negotiators", "observer",
	"observers", "officer", "officers", "official", "officials",
	"operator", "people", "person", "politician", "politicians",
	"resident", "residents", "soldier", "soldiers", "source", "sources",
	"spokesman", "spokesperson", "spokeswoman", "staffer", "staffers",
	"witness", "witnesses", "worker", "workers",
};
const size_t pxi_lex_anon_noun_n = sizeof(pxi_lex_anon_noun) / sizeof(pxi_lex_anon_noun[0]);

/* Capitalized words that never start a name. */
const char *const pxi_lex_not_name[] = {
	"a", "also", "an", "and", "april", "as", "asked", "at", "august",
	"but", "december", "february", "for", "friday", "he", "her", "his",
	"however", "i", "if", "in", "it", "its", "january", "july", "june",
	"march", "meanwhile", "monday", "mr", "mrs", "ms", "november",
	"october", "on", "our", "saturday", "september", "she", "so",
	"still", "sunday", "that", "the", "their", "then", "there", "these",
	"they", "this", "those", "thursday", "today", "tonight", "tuesday",
	"we", "wednesday", "when", "while", "yesterday", "yet", "you",
};
const size_t pxi_lex_not_name_n = sizeof(pxi_lex_not_name) / sizeof(pxi_lex_not_name[0]);

/* Role and title words: minister, spokesman, chancellor ... */
const char *const pxi_lex_role[] = {
	"activist", "adm.", "admiral", "adviser", "advisor", "affairs",
	"agency", "aide", "ambassador", "analyst", "archbishop", "army",
	"attorney", "bishop", "board", "boss", "cabinet", "captain",
	"chair", "chairman", "chairwoman", "chancellor", "chief",
	"chief-of-staff", "col.", "colonel", "columnist", "commander",
	"commissioner", "congressman", "congresswoman", "coordinator",
	"correspondent", "council", "counsel", "defence", "defense",
	"delegate", "deputy", "director", "dr.", "economist", "economy",
	"editor", "energy", "engineer", "envoy", "executive", "expert",
	"finance", "fire", "foreign", "founder", "gen.", "general",
	"general-secretary", "gov.", "government", "governor", "head",
	"health", "historian", "imam", "inspector", "intelligence",
	"interior", "judge", "justice", "king", "lawmaker", "lawyer",
	"leader", "lt.", "major", "manager", "mayor", "military", "minister",
	"ministers", "ministry", "mp", "national", "negotiator", "officer",
	"official", "opposition", "organizer", "party", "police",
	"political", "politician", "pope", "port", "premier", "president",
	"president-elect", "prime", "prince", "princess", "prof.",
	"professor", "prosecutor", "queen", "rabbi", "rep.",
	"representative", "researcher", "resident", "scientist", "secretary",
	"secretary-general", "security", "sen.", "senator", "senior",
	"sergeant", "speaker", "spokesman", "spokesperson", "spokeswoman",
	"state", "trade", "transport", "union", "vice",
};
const size_t pxi_lex_role_n = sizeof(pxi_lex_role) / sizeof(pxi_lex_role[0]);

/* Words that end what an amount counts. */
const char *const pxi_lex_stop[] = {
	"a", "a.m.", "after", "ago", "an", "and", "are", "as", "at", "be",
	"before", "but", "by", "for", "from", "had", "has", "have", "if",
	"in", "is", "last", "next", "not", "of", "on", "or", "p.m.", "per",
	"since", "than", "that", "the", "this", "to", "was", "were", "which",
	"while", "who", "will", "with", "would",
};
const size_t pxi_lex_stop_n = sizeof(pxi_lex_stop) / sizeof(pxi_lex_stop[0]);

/* Words that open sentences far more often than they follow a name. */
const char *const pxi_lex_opener[] = {
	"a", "according", "after", "all", "although", "an", "and", "as",
	"at", "before", "both", "but", "despite", "earlier", "for", "he",
	"her", "his", "how", "however", "i", "if", "in", "it", "its", "last",
	"later", "many", "meanwhile", "most", "no", "not", "officials", "on",
	"one", "other", "our", "she", "since", "so", "some", "still", "such",
	"that", "the", "their", "then", "there", "these", "they", "this",
	"those", "we", "what", "when", "where", "while", "who", "why", "yet",
	"you",
};
const size_t pxi_lex_opener_n = sizeof(pxi_lex_opener) / sizeof(pxi_lex_opener[0]);

/* Abbreviations that never end a sentence by their full stop. */
const char *const pxi_lex_title[] = {
	"adm", "approx", "apr", "atty", "aug", "capt", "cmdr", "col", "cpl",
	"dec", "det", "dr", "e.g", "feb", "fig", "ft", "gen", "gov", "hon",
	"i.e", "insp", "jan", "jul", "jun", "lt", "maj", "mar", "mr", "mrs",
	"ms", "mt", "no", "nos", "nov", "oct", "p", "pp", "pres", "prof",
	"rep", "rev", "sen", "sep", "sept", "sgt", "st", "supt", "vol", "vs",
};
const size_t pxi_lex_title_n = sizeof(pxi_lex_title) / sizeof(pxi_lex_title[0]);

/* Words that take a full stop as abbreviations. */
const char *const pxi_lex_abbr[] = {
	"a.m", "adm", "approx", "apr", "assn", "atty", "aug", "ave", "blvd",
	"bros", "capt", "cmdr", "co", "col", "corp", "cpl", "dec", "dept",
	"det", "dr", "e.g", "est", "etc", "feb", "fig", "ft", "gen", "gov",
	"hon", "i.e", "inc", "insp", "jan", "jr", "jul", "jun", "lt", "ltd",
	"maj", "mar", "mr", "mrs", "ms", "mt", "nov", "oct", "p.m", "pp",
	"pres", "prof", "rd", "rep", "rev", "sen", "sep", "sept", "sgt",
	"sr", "st", "supt", "univ", "vol", "vs",
};
const size_t pxi_lex_abbr_n = sizeof(pxi_lex_abbr) / sizeof(pxi_lex_abbr[0]);

/* Number words and their values, in the same order. */
const char *const pxi_lex_number[] = {
	"dozen", "dozens", "eight", "eighteen", "eighty", "eleven",
	"fifteen", "fifty", "five", "forty", "four", "fourteen",
	"hundred", "hundreds", "millions", "nine", "nineteen", "ninety",
	"seven", "seventeen", "seventy", "six", "sixteen", "sixty",
	"ten", "thirteen", "thirty", "thousands", "three", "twelve",
	"twenty", "two"
};
const size_t pxi_lex_number_n = sizeof(pxi_lex_number) /
                                 sizeof(pxi_lex_number[0]);
const double pxi_lex_number_value[] = {
	12, 24, 8, 18, 80, 11, 15, 50, 5, 40, 4, 14, 100, 200, 2e6, 9,
	19, 90, 7, 17, 70, 6, 16, 60, 10, 13, 30, 2000, 3, 12, 20, 2
};

/* Is (p, n) in the sorted list (case-insensitive for ASCII)? */
int pxi_lex_has(const char *const *list, size_t count, const char *p,
                size_t n)
{
	return pxi_lex_find(list, count, p, n) >= 0;
}

/*
 * Compare the list word z with (p, n) lower-cased (ASCII), in the order
 * strcmp() gives: negative when z sorts first, 0 when equal.
 */
static int cmp_lower(const char *z, const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char a = (unsigned char)z[i];
		unsigned char b = (unsigned char)p[i];

		if (b >= 'A' && b <= 'Z')
			b = (unsigned char)(b + 32);
		if (a != b)
			return (int)a - (int)b; /* also when z ends first */
		if (!a)
			return 0; /* a NUL in p ends the word there */
	}
	return z[n] != '\0';
}

/* ---- hash indexes ------------------------------------------------------ */

/* Byte b, an ASCII capital lower-cased when fold is set (no branch:
 * fold is 0 or 1, and the 0x20 bit makes a capital small). */
static inline unsigned fold_byte(char b, int fold)
{
	unsigned u = (unsigned char)b;

	return u | (unsigned)(fold && u - 'A' < 26u) << 5;
}

/* Hash of (p, n), n > 0, ASCII capitals folded when fold is set: its
 * length and its first two and last two bytes, mixed. Words of a list
 * differ there; reading no more keeps every lookup a few instructions. */
static inline uint32_t idx_hash(const char *p, size_t n, int fold)
{
	uint32_t h = fold_byte(p[0], fold) |
	             fold_byte(p[n > 1 ? 1 : 0], fold) << 8 |
	             fold_byte(p[n > 2 ? n - 2 : 0], fold) << 16 |
	             fold_byte(p[n - 1], fold) << 24;

	h ^= (uint32_t)n * 0x9E3779B9u;
	h *= 0x85EBCA6Bu;
	return h ^ (h >> 15);
}

/* The word of entry i of x's table. */
static const char *idx_word(const pxi_lexidx *x, size_t i)
{
	return *(const char *const *)(const void *)
	       ((const char *)x->z0 + i * x->stride);
}

/* Is (p, n) (folded when x->fold is set) the key of table word z? */
static int idx_same(const pxi_lexidx *x, const char *z, const char *p,
                    size_t n)
{
	int fold = x->fold;
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char a = (unsigned char)z[i];
		unsigned char b = (unsigned char)p[i];

		if (a != fold_byte((char)b, fold))
			return 0;
	}
	return z[n] == '\0' || (x->sep && z[n] == x->sep);
}

/* Fill x->slot once: open addressing, linear probing. */
static void idx_build(pxi_lexidx *x)
{
	size_t i;

	pthread_mutex_lock(&x->lock);
	if (!atomic_load_explicit(&x->ready, memory_order_relaxed)) {
		assert(x->count <= PXI_LEXIDX_SLOTS / 2);
		for (i = 0; i < x->count; i++) {
			const char *z = idx_word(x, i);
			uint32_t s;

			size_t zn = x->sep ? strcspn(z, (char[]){x->sep, 0})
			                   : strlen(z);

			assert(zn); /* no empty key */
			s = idx_hash(z, zn, 0);
			x->first[(unsigned char)z[0] & 31] |= 1u << (zn & 31);
			x->last[(unsigned char)z[zn - 1] & 31] |=
				1u << (zn & 31);

			while (x->slot[s & (PXI_LEXIDX_SLOTS - 1)])
				s++;
			x->slot[s & (PXI_LEXIDX_SLOTS - 1)] = (uint16_t)(i + 1);
		}
		atomic_store_explicit(&x->ready, 1, memory_order_release);
	}
	pthread_mutex_unlock(&x->lock);
}

int pxi_lexidx_probe(pxi_lexidx *x, const char *p, size_t n)
{
	uint32_t s;
	uint16_t e;

	if (n == 0)
		return -1;
	if (!atomic_load_explicit(&x->ready, memory_order_acquire))
		idx_build(x);
	if (!(x->first[(unsigned char)p[0] & 31] &
	      x->last[(unsigned char)p[n - 1] & 31] & (1u << (n & 31))))
		return -1;
	/* Table words never hold a NUL: a word with one is in no table
	 * (input text never holds one either: it is refused). */
	s = idx_hash(p, n, x->fold);
	while ((e = x->slot[s & (PXI_LEXIDX_SLOTS - 1)]) != 0) {
		if (idx_same(x, idx_word(x, e - 1U), p, n))
			return (int)e - 1;
		s++;
	}
	return -1;
}

/* The stem of entry k of x's table. */
static const char *pfx2_stem(const pxi_pfx2idx *x, size_t k)
{
	return *(const char *const *)(const void *)
	       ((const char *)x->z0 + k * x->stride);
}

/* Fill x->from and x->to once. */
static void pfx2_build(pxi_pfx2idx *x)
{
	size_t k;

	pthread_mutex_lock(&x->lock);
	if (!atomic_load_explicit(&x->ready, memory_order_relaxed)) {
		for (k = 0; k < x->count; k++) {
			const char *z = pfx2_stem(x, k);
			unsigned c;

			assert(z[0] >= 'a' && z[0] <= 'z' && z[1] >= 'a' &&
			       z[1] <= 'z');
			c = (unsigned)(z[0] - 'a') * 26u +
			    (unsigned)(z[1] - 'a');
			/* the stems of two letters are together */
			assert(!x->to[c] || x->to[c] == k);
			if (!x->to[c])
				x->from[c] = (uint16_t)k;
			x->to[c] = (uint16_t)(k + 1);
		}
		atomic_store_explicit(&x->ready, 1, memory_order_release);
	}
	pthread_mutex_unlock(&x->lock);
}

int pxi_pfx2_range(pxi_pfx2idx *x, const char *p, size_t n, size_t *from,
                   size_t *to)
{
	unsigned c;

	if (n < 2 || (unsigned)(unsigned char)p[0] - 'a' >= 26u ||
	    (unsigned)(unsigned char)p[1] - 'a' >= 26u)
		return 0;
	if (!atomic_load_explicit(&x->ready, memory_order_acquire))
		pfx2_build(x);
	c = (unsigned)((unsigned char)p[0] - 'a') * 26u +
	    (unsigned)((unsigned char)p[1] - 'a');
	*from = x->from[c];
	*to = x->to[c];
	return *to > *from;
}

/* The shared lists' indexes (defined after the lists, below). */
static pxi_lexidx *shared_index(const char *const *list, size_t count);

/*
 * Index of (p, n) in the sorted list, or -1. The shared lists of this
 * file go through their hash indexes; other lists are binary searched,
 * halving the range without a branch on the comparison (the step is a
 * conditional move), so the loop runs log2(count) times whatever the
 * word.
 */
int pxi_lex_find(const char *const *list, size_t count, const char *p,
                 size_t n)
{
	size_t base = 0, len = count;
	pxi_lexidx *x;

	if (n == 0 || n >= 40 || count == 0)
		return -1;
	x = shared_index(list, count);
	if (x)
		return pxi_lexidx_find(x, p, n);
	while (len > 1) {
		size_t half = len / 2;

		base = cmp_lower(list[base + half], p, n) <= 0 ? base + half
		                                               : base;
		len -= half;
	}
	return cmp_lower(list[base], p, n) == 0 ? (int)base : -1;
}

/* Function words: what sentences and articles share whatever they say
 * (story and highlight similarity leave them out). */
const char *const pxi_lex_function[] = {
	"a", "about", "after", "again", "against", "all", "also", "am", "an",
	"and", "any", "are", "as", "at", "be", "because", "been", "before",
	"being", "between", "both", "but", "by", "can", "could", "did", "do",
	"does", "doing", "down", "during", "each", "few", "for", "from",
	"further", "had", "has", "have", "having", "he", "her", "here",
	"hers", "herself", "him", "himself", "his", "how", "i", "if", "in",
	"into", "is", "it", "its", "itself", "just", "last", "may", "me",
	"might", "more", "most", "mr", "mrs", "ms", "much", "must", "my",
	"myself", "new", "no", "nor", "not", "now", "of", "off", "on", "once",
	"one", "only", "or", "other", "our", "ours", "out", "over", "own",
	"said", "same", "says", "she", "should", "so", "some", "such", "than",
	"that", "the", "their", "theirs", "them", "then", "there", "these",
	"they", "this", "those", "through", "to", "too", "under", "until",
	"up", "us", "very", "was", "we", "were", "what", "when", "where",
	"which", "while", "who", "whom", "why", "will", "with", "would",
	"year", "years", "you", "your",
};
const size_t pxi_lex_function_n = sizeof(pxi_lex_function) / sizeof(pxi_lex_function[0]);

/* ---- the shared lists' indexes ------------------------------------------ */

pxi_lexidx pxi_lex_speech_idx = PXI_LEXIDX_LIST(pxi_lex_speech, 1);
pxi_lexidx pxi_lex_anon_noun_idx = PXI_LEXIDX_LIST(pxi_lex_anon_noun, 1);
pxi_lexidx pxi_lex_not_name_idx = PXI_LEXIDX_LIST(pxi_lex_not_name, 1);
pxi_lexidx pxi_lex_role_idx = PXI_LEXIDX_LIST(pxi_lex_role, 1);
pxi_lexidx pxi_lex_function_idx = PXI_LEXIDX_LIST(pxi_lex_function, 1);
pxi_lexidx pxi_lex_stop_idx = PXI_LEXIDX_LIST(pxi_lex_stop, 1);
pxi_lexidx pxi_lex_opener_idx = PXI_LEXIDX_LIST(pxi_lex_opener, 1);
pxi_lexidx pxi_lex_title_idx = PXI_LEXIDX_LIST(pxi_lex_title, 1);
pxi_lexidx pxi_lex_abbr_idx = PXI_LEXIDX_LIST(pxi_lex_abbr, 1);
pxi_lexidx pxi_lex_number_idx = PXI_LEXIDX_LIST(pxi_lex_number, 1);

/* The index of a shared list looked up whole, or NULL (another list, or
 * a prefix of one: binary searched). */
static pxi_lexidx *shared_index(const char *const *list, size_t count)
{
	static pxi_lexidx *const all[] = {
		&pxi_lex_speech_idx, &pxi_lex_anon_noun_idx,
		&pxi_lex_not_name_idx, &pxi_lex_role_idx,
		&pxi_lex_function_idx, &pxi_lex_stop_idx, &pxi_lex_opener_idx,
		&pxi_lex_title_idx, &pxi_lex_abbr_idx, &pxi_lex_number_idx,
	};
	size_t i;

	for (i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		if (all[i]->z0 == (const void *)list)
			return all[i]->count == count ? all[i] : NULL;
	return NULL;
}
