/*
 * mention.c - the entity stage: names found by the tagger in each
 * sentence of the report (residue left out), typed, given the role the
 * text gives them ("Deputy Transport Minister Ana Petrova", "Lukas
 * Brenner, a spokesman for the dockworkers' union", "Chancellor Anna Berg
 * of Austria"), and grouped into entities: a later "Petrova" is the same
 * person as an earlier "Ana Petrova".
 */
#include <stdlib.h>
#include <string.h>

#include "../text/lexicon.h"
#include "../text/text.h"
#include "entity.h"
#include "entity_int.h"
#include "tagger.h"

#define MAX_SENT_TOKENS 4096

/* Role and title words, lower case. */

/* Words that may stand before role words: "former US President". */
static const char *const role_mods[] = {
	"former", "then", "acting", "interim", "incoming", "outgoing",
	"current", "new", "top", "junior", "assistant", "first", "longtime",
	"ex", "veteran", "retired", "and", NULL
};
static pxi_lexidx role_mods_idx = PXI_LEXIDX_LIST0(role_mods, 1);

/* Is (p, n), capitals folded, a word of the list x indexes (its words
 * in lower case)? One hash probe: stages ask per token and mention. */
static int in_list(pxi_lexidx *x, const char *p, size_t n)
{
	return pxi_lexidx_find(x, p, n) >= 0;
}

int pxi_is_role_word(const char *p, size_t n)
{
	return PXI_LEX(role, p, n);
}

/* Length of (p, n) without a possessive 's (’s). */
static size_t strip_possessive(const char *p, size_t n)
{
	if (n > 2 && p[n - 2] == '\'' && (p[n - 1] == 's' || p[n - 1] == 'S'))
		return n - 2;
	if (n > 4 && !memcmp(p + n - 4, "\xE2\x80\x99", 3) &&
	    (p[n - 1] == 's' || p[n - 1] == 'S'))
		return n - 4;
	if (n > 1 && p[n - 1] == '\'')
		return n - 1;
	if (n > 3 && !memcmp(p + n - 3, "\xE2\x80\x99", 3))
		return n - 3;
	return n;
}

static const char *const demonym_ends[] = {
	"an", "ian", "ese", "ish", "i", "ic", "ch", NULL
};

static px_entity_type type_of(int ner_type, const char *p, size_t n)
{
	size_t i;

	switch (ner_type) {
	case PXI_NER_PER: return PX_ENT_PERSON;
	case PXI_NER_ORG: return PX_ENT_ORG;
	case PXI_NER_LOC: return PX_ENT_PLACE;
	default: break;
	}
	/* One word ending as nationality words do: a group. */
	if (!memchr(p, ' ', n))
		for (i = 0; demonym_ends[i]; i++) {
			size_t m = strlen(demonym_ends[i]);

			if (n > m + 2 && !memcmp(p + n - m, demonym_ends[i], m))
				return PX_ENT_GROUP;
		}
	return PX_ENT_OTHER;
}

const char *px_entity_type_name(px_entity_type t)
{
	switch (t) {
	case PX_ENT_PERSON: return "person";
	case PX_ENT_ORG: return "organization";
	case PX_ENT_PLACE: return "place";
	case PX_ENT_GROUP: return "group";
	case PX_ENT_OTHER: return "other";
	}
	return "unknown";
}

typedef struct stage {
	px_article *a;
	pxi_ner_work *work;
	pxi_ner_token *nt;
	uint8_t *tags;
	size_t *mention_of; /* token -> mention index + 1, 0 for none */
} stage;

static int tok_is(const px_article *a, size_t i, const char *z)
{
	size_t n;
	const char *p = pxi_tok_text(a, i, &n);

	return pxi_ieq(p, n, z);
}

static int tok_punct(const px_article *a, size_t i, char c)
{
	size_t n;
	const char *p = pxi_tok_text(a, i, &n);

	return n == 1 && p[0] == c;
}

static int tok_role(const px_article *a, size_t i)
{
	const px_token *t = (const px_token *)a->toks.a + i;
	size_t n;
	const char *p = pxi_tok_text(a, i, &n);

	return t->kind == PX_TOK_WORD &&
	       pxi_is_role_word(p, strip_possessive(p, n));
}

static int tok_mod(const px_article *a, size_t i)
{
	size_t n;
	const char *p = pxi_tok_text(a, i, &n);

	return in_list(&role_mods_idx, p, n);
}

/* Append (p, n) to the role being built in buf, with a space between. */
static void role_add(char *buf, size_t cap, size_t *len, const char *p,
                     size_t n)
{
	if (*len && *len + 1 < cap)
		buf[(*len)++] = ' ';
	if (n > cap - 1 - *len) {
		/* cut on a character boundary */
		n = cap - 1 - *len;
		while (n > 0 && ((unsigned char)p[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(buf + *len, p, n);
	*len += n;
	buf[*len] = '\0';
}

/* Is the description [s, e) after ", a" no role: a clause ("a source
 * said"), or one vague word ("a woman", "a person", "a group")? */
static int vague_description(const px_article *a, size_t s, size_t e)
{
	static const char *const vague[] = {
		"person", "man", "woman", "group", "source", "people", "thing",
		"lot", "bit", "day", "week", "year", "time", "moderate",
		"friend", NULL
	};
	static pxi_lexidx vague_idx = PXI_LEXIDX_LIST0(vague, 1);
	size_t i, n;
	const char *p;

	for (i = s; i < e; i++) {
		p = pxi_tok_text(a, i, &n);
		if (PXI_LEX(speech, p, n))
			return 1;
	}
	p = pxi_tok_text(a, s, &n);
	return e == s + 1 && in_list(&vague_idx, p, n);
}

/* Are the tokens [from, to) honorifics and their stops only (Dr., Mr.,
 * Prof.)? */
static int honorific_only(const px_article *a, size_t from, size_t to)
{
	static const char *const hon[] = {
		"dr", "mr", "mrs", "ms", "prof", "professor", "doctor", ".",
		NULL /* "." : the stop of "Dr ." written apart */
	};
	static pxi_lexidx hon_idx = PXI_LEXIDX_LIST0(hon, 1);
	size_t i;

	for (i = from; i < to; i++) {
		size_t n;
		const char *p = pxi_tok_text(a, i, &n);

		if (n > 1 && p[n - 1] == '.')
			n--; /* "Dr." */
		if (!in_list(&hon_idx, p, n))
			return 0;
	}
	return from < to;
}

/*
 * The role of the person mention m spanning tokens [f, l] of the sentence
 * [sf, se): title words before it, an apposition after it, and an "of"
 * phrase after it.
 */
static px_status find_role(stage *st, px_mention *m, size_t f, size_t l,
                           size_t sf, size_t se)
{
	px_article *a = st->a;
	const px_token *tk = a->toks.a;
	const char *tx = a->norm.text;
	char buf[256];
	size_t len = 0, j, left = f, roles = 0;

	buf[0] = '\0';
	/* Left: title words, their modifiers, and the names they govern
	 * ("Ukrainian President", "NATO Secretary-General"), also through
	 * "of" ("Minister of Transport", "Director of the Port Authority"). */
	j = f;
	if (f > sf + 2 && st->mention_of[f - 1] &&
	    ((px_mention *)a->mentions.a)[st->mention_of[f - 1] - 1].type ==
	        PX_ENT_ORG) {
		size_t k = f - 1;

		while (k > sf && st->mention_of[k - 1] == st->mention_of[f - 1])
			k--;
		if (k > sf + 1 && tok_is(a, k - 1, "the"))
			k--;
		if (k > sf + 1 && tok_is(a, k - 1, "of") && tok_role(a, k - 2))
			j = k - 1;
	}
	while (j > sf) {
		size_t k = j - 1;

		if (tok_role(a, k)) {
			roles++;
			j = k;
		} else if (tok_mod(a, k) && roles) {
			j = k;
		} else if (roles && st->mention_of[k] &&
		           ((px_mention *)a->mentions.a)[st->mention_of[k] -
		                                         1].type != PX_ENT_PERSON) {
			const px_mention *o = (px_mention *)a->mentions.a +
			                      st->mention_of[k] - 1;

			while (j > sf && st->mention_of[j - 1] ==
			                 (size_t)(o - (px_mention *)a->mentions.a) + 1)
				j--;
		} else {
			break;
		}
	}
	/* Drop leading connectors and modifiers with nothing before. */
	while (j < f && tok_is(a, j, "and"))
		j++;
	if (roles && j < f) {
		left = j;
		m->role_span.start = tk[left].start;
		m->role_span.end = tk[f - 1].end;
		role_add(buf, sizeof(buf), &len, tx + tk[left].start,
		         tk[f - 1].end - tk[left].start);
	}
	/* Left, set off by commas: "The director of Daravia Steel Works,
	 * Lyubomir Hristakiev, thanked ...", "Ukraine's foreign minister,
	 * Dmytro Kuleba, said". */
	if (!len && f >= sf + 2 && tok_punct(a, f - 1, ',') && l + 1 < se &&
	    tok_punct(a, l + 1, ',')) {
		size_t e = f - 1, k = e, r = SIZE_MAX;

		/* an organization's name after "of": capitalized words */
		while (k > sf && k + 10 > e && (tk[k - 1].flags & PX_TF_CAP) &&
		       !tok_role(a, k - 1))
			k--;
		if (k < e && k > sf + 1 && tok_is(a, k - 1, "of"))
			k--;
		else
			k = e;
		/* the role words before it */
		while (k > sf && (tok_role(a, k - 1) || (r != SIZE_MAX &&
		                                         tok_mod(a, k - 1)))) {
			k--;
			if (tok_role(a, k))
				r = k;
		}
		if (r != SIZE_MAX && (k == sf || tok_is(a, k - 1, "the") ||
		                      tok_is(a, k - 1, "a") ||
		                      tok_is(a, k - 1, "an") ||
		                      (tk[k - 1].kind == PX_TOK_WORD &&
		                       strip_possessive(tx + tk[k - 1].start,
		                                        tk[k - 1].end -
		                                        tk[k - 1].start) <
		                       tk[k - 1].end - tk[k - 1].start))) {
			m->role_span.start = tk[k].start;
			m->role_span.end = tk[e - 1].end;
			role_add(buf, sizeof(buf), &len, tx + tk[k].start,
			         tk[e - 1].end - tk[k].start);
		}
	}
	/* Right: ", a spokesman for the Kremlin," */
	j = l + 1;
	if (j + 1 < se && tok_punct(a, j, ',')) {
		size_t s = j + 1, e, k;
		int has_role = 0, indef;

		/* ", a hydrologist at Velsk Technical University": after an
		 * indefinite article a lower-case description is a role
		 * without a listed role word */
		indef = (tok_is(a, s, "a") || tok_is(a, s, "an")) &&
		        s + 1 < se && tk[s + 1].kind == PX_TOK_WORD &&
		        !(tk[s + 1].flags & PX_TF_CAP);
		if (tok_is(a, s, "a") || tok_is(a, s, "an") ||
		    tok_is(a, s, "the"))
			s++;
		for (e = s; e < se && e < s + 12; e++) {
			if (tok_punct(a, e, ',') || tok_punct(a, e, '.') ||
			    tok_punct(a, e, ';') || tk[e].kind == PX_TOK_QUOTE ||
			    tok_punct(a, e, ')'))
				break;
			if (tok_role(a, e))
				has_role = 1;
		}
		/* cut short by the cap mid-clause ("who has studied the Roda
		 * basin for"): end before the relative clause instead */
		if (e == s + 12 && e < se && !tok_punct(a, e, ',') &&
		    !tok_punct(a, e, '.'))
			for (k = s + 1; k < e; k++)
				if (tok_is(a, k, "who") ||
				    tok_is(a, k, "whose") ||
				    tok_is(a, k, "which") ||
				    tok_is(a, k, "that")) {
					e = k;
					break;
				}
		if (indef && s < e && e < se && !vague_description(a, s, e)) {
			has_role = 1;
			/* an honorific alone before the name gives way to the
			 * description ("Dr. Emil Rashev, a hydrologist ...") */
			if (len && honorific_only(a, left, f)) {
				len = 0;
				buf[0] = '\0';
				m->role_span.start = m->role_span.end = 0;
			}
		}
		if (s < e && e < se && has_role &&
		    (indef || tok_role(a, s) || tok_mod(a, s) ||
		     (tk[s].flags & PX_TF_CAP)) &&
		    !tok_is(a, s, "who") && !tok_is(a, s, "which") &&
		    !tok_is(a, s, "whose") && !tok_is(a, s, "said")) {
			if (!m->role_span.end) {
				m->role_span.start = tk[s].start;
				m->role_span.end = tk[e - 1].end;
			}
			if (len)
				role_add(buf, sizeof(buf), &len, ",", 1);
			role_add(buf, sizeof(buf), &len, tx + tk[s].start,
			         tk[e - 1].end - tk[s].start);
		}
	}
	/* "of the Higher School of Economics (HSE)", "of Germany" */
	if (j + 1 < se && tok_is(a, j, "of")) {
		size_t s = j, e = j + 1;

		if (tok_is(a, e, "the"))
			e++;
		if (e < se && (tk[e].flags & PX_TF_CAP)) {
			while (e < se && ((tk[e].flags & PX_TF_CAP) ||
			                  ((tok_is(a, e, "of") ||
			                    tok_is(a, e, "for") ||
			                    tok_is(a, e, "and")) && e + 1 < se &&
			                   (tk[e + 1].flags & PX_TF_CAP))))
				e++;
			if (e + 2 < se && tok_punct(a, e, '(') &&
			    (tk[e + 1].flags & PX_TF_UPPER) &&
			    tok_punct(a, e + 2, ')'))
				e += 3;
			role_add(buf, sizeof(buf), &len, tx + tk[s].start,
			         tk[e - 1].end - tk[s].start);
			if (!m->role_span.end) {
				m->role_span.start = tk[s].start;
				m->role_span.end = tk[e - 1].end;
			}
		}
	}
	if (len) {
		m->role = pxi_arena_strndup(&a->ar, buf, len);
		if (!m->role)
			return PX_ENOMEM;
	}
	return PX_OK;
}

/* Gazetteer classes of a country, region or city. */
#define GAZ_PLACE (PXI_NER_G_COUNTRY | PXI_NER_G_REGION | PXI_NER_G_CITY)

/* The gazetteer classes (PXI_NER_G_*) of the one word (p, n). */
static unsigned gaz_word(const char *p, size_t n)
{
	return pxi_ner_gaz_find(&pxi_ner_builtin.gaz, pxi_ner_hash_word(p, n));
}

/* Is token i a capitalized word that can be part of a person's name: no
 * organization or place word of the gazetteer, no role word? */
static int name_word(const px_article *a, size_t i)
{
	const px_token *t = (const px_token *)a->toks.a + i;
	size_t n;
	const char *p = pxi_tok_text(a, i, &n);

	return t->kind == PX_TOK_WORD && (t->flags & PX_TF_CAP) &&
	       !(t->flags & PX_TF_UPPER) && strip_possessive(p, n) == n &&
	       !pxi_is_role_word(p, n) &&
	       !(gaz_word(p, n) &
	         (PXI_NER_G_ORGSUF | PXI_NER_G_LOCWORD | GAZ_PLACE));
}

/* Does the word of token l stand elsewhere in the article without the
 * word of token g before it ("Minister Zhekov", "Coats said" beside
 * "Dan Coats")? What a surname does and the last word of an
 * organization's name ("Black Caucus", "Economic Advisers") seldom. */
static int surname_alone(const px_article *a, size_t g, size_t l)
{
	const px_token *tk = a->toks.a;
	size_t n, gn, i;
	const char *p = pxi_tok_text(a, l, &n);
	const char *gp = pxi_tok_text(a, g, &gn);

	for (i = 0; i < a->toks.n; i++) {
		size_t wn, pn;
		const char *w, *pp;

		if (i == l || tk[i].kind != PX_TOK_WORD ||
		    tk[i].end - tk[i].start < n)
			continue;
		w = pxi_tok_text(a, i, &wn);
		wn = strip_possessive(w, wn);
		if (wn != n || memcmp(w, p, n))
			continue;
		if (i == 0)
			return 1;
		pp = pxi_tok_text(a, i - 1, &pn);
		if (pn != gn || memcmp(pp, gp, gn))
			return 1;
	}
	return 0;
}

/*
 * "Minister of Transport Radoslav Zhekov", "Director of the Port
 * Authority Anton Brezhan": the tagger reads the office's organization
 * and the holder's name as one organization. An organization of three
 * words or more right after a role word and "of" (or "of the") whose
 * last two words are name words (name_word), the last one standing
 * alone elsewhere in the article (surname_alone), is split: those two
 * are a person. tags[] are the n tags of the sentence's tokens from first.
 */
static void split_office_name(stage *st, size_t first, size_t n)
{
	const px_article *a = st->a;
	uint8_t *tags = st->tags;
	size_t i, e, of;

	for (i = 0; i < n; i = e) {
		e = i + 1;
		if (tags[i] != PXI_NER_B_ORG)
			continue;
		while (e < n && tags[e] == PXI_NER_B_ORG + 1)
			e++;
		if (e - i < 3 || i < 2)
			continue;
		of = i - 1;
		if (tok_is(a, first + of, "the") && of > 1)
			of--;
		if (!tok_is(a, first + of, "of") ||
		    !tok_role(a, first + of - 1) ||
		    !name_word(a, first + e - 2) ||
		    !name_word(a, first + e - 1) ||
		    !surname_alone(a, first + e - 2, first + e - 1))
			continue;
		tags[e - 2] = PXI_NER_B_PER;
		tags[e - 1] = PXI_NER_B_PER + 1;
	}
}

/* Tag one sentence and add its mentions. */
static px_status tag_sentence(stage *st, const px_sentence *s, size_t si)
{
	px_article *a = st->a;
	const px_token *tk = a->toks.a;
	size_t i, n = s->tok_count, first = s->tok_first;
	size_t before = a->mentions.n;
	px_status rc;

	if (n > MAX_SENT_TOKENS)
		n = MAX_SENT_TOKENS;
	for (i = 0; i < n; i++) {
		size_t len;
		const char *p = pxi_tok_text(a, first + i, &len);

		st->nt[i].p = p;
		st->nt[i].n = tk[first + i].kind == PX_TOK_WORD
		              ? strip_possessive(p, len) : len;
	}
	rc = pxi_ner_tag(st->work, st->nt, n, st->tags);
	if (rc)
		return rc;
	split_office_name(st, first, n);
	for (i = 0; i < n;) {
		int tag = st->tags[i], type;
		size_t e = i + 1, mi;
		px_mention *m;

		if (tag == PXI_NER_O || (tag & 1) == 0) {
			i++; /* O, or an I- without its B- */
			continue;
		}
		type = (tag + 1) / 2;
		while (e < n && st->tags[e] == tag + 1)
			e++;
		m = pxi_vec_push(&a->ar, &a->mentions);
		if (!m)
			return PX_ENOMEM;
		memset(m, 0, sizeof(*m));
		m->span.start = tk[first + i].start;
		m->span.end = tk[first + e - 1].start + st->nt[e - 1].n;
		m->type = type_of(type, a->norm.text + m->span.start,
		                  m->span.end - m->span.start);
		m->sentence = si;
		m->entity = SIZE_MAX;
		mi = a->mentions.n;
		for (; i < e; i++)
			st->mention_of[first + i] = mi;
	}
	/* Roles once every mention of the sentence is known. */
	for (i = before; i < a->mentions.n; i++) {
		px_mention *m = (px_mention *)a->mentions.a + i;
		size_t f, l;

		if (m->sentence != si || m->type != PX_ENT_PERSON)
			continue;
		for (f = first; f < first + n && st->mention_of[f] != i + 1; f++)
			;
		for (l = f; l + 1 < first + n && st->mention_of[l + 1] == i + 1;
		     l++)
			;
		rc = find_role(st, m, f, l, first, first + n);
		if (rc)
			return rc;
	}
	return PX_OK;
}

/* Last word of (p, n). */
static void last_word(const char *p, size_t n, const char **w, size_t *wn)
{
	size_t i = n;

	while (i > 0 && p[i - 1] != ' ')
		i--;
	*w = p + i;
	*wn = n - i;
}

static int same_name(const char *a, size_t an, const char *b, size_t bn)
{
	return an == bn && !memcmp(a, b, an);
}

/*
 * Group mentions into entities. A person's short mention ("Petrova")
 * joins the person whose full name ends with it; other names join by
 * their exact text.
 */
static px_status group(px_article *a)
{
	px_mention *ms = a->mentions.a;
	size_t i, j;

	/* Pass 1: full names and all non-person names open entities. */
	for (i = 0; i < a->mentions.n; i++) {
		const char *p = a->norm.text + ms[i].span.start;
		size_t n = ms[i].span.end - ms[i].span.start;
		int single = ms[i].type == PX_ENT_PERSON && !memchr(p, ' ', n);
		px_entity *e;

		if (single)
			continue;
		for (j = 0; j < a->entities.n; j++) {
			px_entity *o = (px_entity *)a->entities.a + j;

			if (o->type == ms[i].type && strlen(o->name) == n &&
			    !memcmp(o->name, p, n))
				break;
		}
		if (j == a->entities.n) {
			char key[256];
			size_t kn = px_name_key(p, n, key, sizeof(key));

			e = pxi_vec_push(&a->ar, &a->entities);
			if (!e)
				return PX_ENOMEM;
			memset(e, 0, sizeof(*e));
			e->name = pxi_arena_strndup(&a->ar, p, n);
			e->key = pxi_arena_strndup(&a->ar, key, kn);
			e->type = ms[i].type;
			e->first = i;
			if (!e->name || !e->key)
				return PX_ENOMEM;
		}
		ms[i].entity = j;
	}
	/* Pass 2: single-word person mentions. */
	for (i = 0; i < a->mentions.n; i++) {
		const char *p = a->norm.text + ms[i].span.start;
		size_t n = ms[i].span.end - ms[i].span.start, best = SIZE_MAX;
		px_entity *e;

		if (ms[i].entity != SIZE_MAX)
			continue;
		for (j = 0; j < a->entities.n; j++) {
			px_entity *o = (px_entity *)a->entities.a + j;
			const char *w;
			size_t wn;

			if (o->type != PX_ENT_PERSON)
				continue;
			last_word(o->name, strlen(o->name), &w, &wn);
			if (same_name(w, wn, p, n) ||
			    (strlen(o->name) == n && !memcmp(o->name, p, n)))
				best = j;
		}
		if (best == SIZE_MAX) {
			char key[256];
			size_t kn = px_name_key(p, n, key, sizeof(key));

			e = pxi_vec_push(&a->ar, &a->entities);
			if (!e)
				return PX_ENOMEM;
			memset(e, 0, sizeof(*e));
			e->name = pxi_arena_strndup(&a->ar, p, n);
			e->key = pxi_arena_strndup(&a->ar, key, kn);
			e->type = PX_ENT_PERSON;
			e->first = i;
			if (!e->name || !e->key)
				return PX_ENOMEM;
			best = a->entities.n - 1;
		}
		ms[i].entity = best;
	}
	/* Counts, first mention and first role. */
	for (i = 0; i < a->mentions.n; i++) {
		px_entity *e = (px_entity *)a->entities.a + ms[i].entity;

		if (!e->count || i < e->first)
			e->first = i;
		e->count++;
		if (!e->role && ms[i].role)
			e->role = ms[i].role;
	}
	return PX_OK;
}

static void reorder(px_article *a);

static int by_mention_start(const void *x, const void *y)
{
	const px_mention *a = x, *b = y;

	return a->span.start < b->span.start ? -1
	       : a->span.start > b->span.start;
}

/*
 * Capitalized words the tagger passed over that are the last name of a
 * person already found ("Varga stated", "Petrova's office") become
 * mentions of that person.
 */
static px_status match_names(stage *st)
{
	px_article *a = st->a;
	const px_token *tk = a->toks.a;
	size_t i, k, added = 0, nent = a->entities.n, nlast = 0;
	/* the last names of the people with full names, in entity order */
	struct last {
		const char *w;
		size_t wn, entity;
	} *last = pxi_arena_alloc(&a->scratch, (nent + 1) * sizeof(*last));

	if (!last)
		return PX_ENOMEM;
	for (k = 0; k < nent; k++) {
		const px_entity *e = (px_entity *)a->entities.a + k;

		if (e->type != PX_ENT_PERSON || !strchr(e->name, ' '))
			continue;
		last_word(e->name, strlen(e->name), &last[nlast].w,
		          &last[nlast].wn);
		last[nlast++].entity = k;
	}
	if (!nlast)
		return PX_OK;
	for (i = 0; i < a->toks.n; i++) {
		size_t n;
		const char *p;

		if (st->mention_of[i] || tk[i].kind != PX_TOK_WORD ||
		    !(tk[i].flags & PX_TF_CAP) || (tk[i].flags & PX_TF_RESIDUE))
			continue;
		p = pxi_tok_text(a, i, &n);
		n = strip_possessive(p, n);
		for (k = 0; k < nlast; k++) {
			size_t j = last[k].entity;
			px_mention *m;

			if (!same_name(last[k].w, last[k].wn, p, n))
				continue;
			m = pxi_vec_push(&a->ar, &a->mentions);
			if (!m)
				return PX_ENOMEM;
			memset(m, 0, sizeof(*m));
			m->span.start = tk[i].start;
			m->span.end = tk[i].start + n;
			m->type = PX_ENT_PERSON;
			m->entity = j;
			m->sentence = SIZE_MAX;
			((px_entity *)a->entities.a)[j].count++;
			added++;
			break;
		}
	}
	if (!added)
		return PX_OK;
	reorder(a);
	return PX_OK;
}

/* Mentions back in text order after an addition, with firsts and
 * sentence indexes made right again. */
static void reorder(px_article *a)
{
	const px_sentence *ss = a->sents.a;
	px_mention *ms = a->mentions.a;
	size_t i, j, si = 0;

	qsort(a->mentions.a, a->mentions.n, sizeof(px_mention),
	      by_mention_start);
	for (j = 0; j < a->entities.n; j++)
		((px_entity *)a->entities.a)[j].first = SIZE_MAX;
	for (i = 0; i < a->mentions.n; i++) {
		px_entity *e = (px_entity *)a->entities.a + ms[i].entity;

		while (si + 1 < a->sents.n && ss[si].span.end <= ms[i].span.start)
			si++;
		ms[i].sentence = si;
		if (e->first == SIZE_MAX)
			e->first = i;
	}
}

size_t pxi_entity_add(px_article *a, size_t f, size_t l)
{
	const px_token *tk = a->toks.a;
	size_t start = tk[f].start, n, j;
	const char *p = pxi_tok_text(a, l, &n);
	size_t end = tk[l].start + strip_possessive(p, n);
	px_mention *m;
	px_entity *e;
	char key[256];
	size_t kn;

	for (j = 0; j < a->entities.n; j++) {
		e = (px_entity *)a->entities.a + j;
		if (e->type == PX_ENT_PERSON && strlen(e->name) == end - start &&
		    !memcmp(e->name, a->norm.text + start, end - start))
			break;
	}
	if (j == a->entities.n) {
		e = pxi_vec_push(&a->ar, &a->entities);
		if (!e)
			return SIZE_MAX;
		memset(e, 0, sizeof(*e));
		e->name = pxi_arena_strndup(&a->ar, a->norm.text + start,
		                            end - start);
		kn = px_name_key(a->norm.text + start, end - start, key,
		                 sizeof(key));
		e->key = pxi_arena_strndup(&a->ar, key, kn);
		e->type = PX_ENT_PERSON;
		if (!e->name || !e->key)
			return SIZE_MAX;
	}
	m = pxi_vec_push(&a->ar, &a->mentions);
	if (!m)
		return SIZE_MAX;
	memset(m, 0, sizeof(*m));
	m->span.start = start;
	m->span.end = end;
	m->type = PX_ENT_PERSON;
	m->entity = j;
	((px_entity *)a->entities.a)[j].count++;
	reorder(a);
	return j;
}

size_t pxi_mentions_before(const px_article *a, size_t off)
{
	const px_mention *ms = a->mentions.a;
	size_t lo = 0, hi = a->mentions.n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ms[mid].span.start < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t pxi_mention_at(const px_article *a, size_t start, size_t end)
{
	const px_mention *ms = a->mentions.a;
	size_t lo = 0, hi = a->mentions.n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (ms[mid].span.end <= start)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < a->mentions.n && ms[lo].span.start < end &&
	    ms[lo].span.end > start)
		return lo;
	return SIZE_MAX;
}

/* ---- Types from context ------------------------------------------------
 *
 * The tagger calls some unseen one-word place names persons ("strikers at
 * Dolgovets", "shops in Velsk") and takes capitalized sentence openers
 * for names ("Sadly, ..."). Evidence is gathered per name over the whole
 * article, then one-word person names are retyped:
 * - place: after a locative preposition or a compass adjective ("in X",
 *   "off X", "eastern X"), after "port/city/republic ... of", or as "the
 *   capital, X" - and never with person evidence (a role or title, a
 *   full name ending in it, a reporting verb right after it);
 * - group: a demonym of a name of the article ("Daravian" next to
 *   "Daravia");
 * - organization: a name continuing an organization's ("Union of Port
 *   and Dock Workers");
 * - nothing: a word found only at sentence starts, with no person
 *   evidence.
 */

#define EV_PLACE 1u
#define EV_PERSON 2u
#define EV_INNER 4u  /* seen away from a sentence start */
#define EV_NAME 8u   /* the text of a mention */
#define EV_SURNAME 16u /* the last word of a person's full name */

static const char *const loc_preps[] = {
	"in", "at", "from", "near", "off", "around", "across", "throughout",
	"outside", "inside", "into", "via", "through", "towards", "toward",
	"within", "beyond", "eastern", "western", "northern",
	"southern", "central", "northeastern", "northwestern", "southeastern",
	"southwestern", NULL
};
static pxi_lexidx loc_preps_idx = PXI_LEXIDX_LIST0(loc_preps, 1);

static const char *const place_nouns[] = {
	"port", "city", "town", "village", "region", "province", "republic",
	"capital", "county", "district", "island", "outskirts", "state",
	"kingdom", "municipality", "suburb", NULL
};
static pxi_lexidx place_nouns_idx = PXI_LEXIDX_LIST0(place_nouns, 1);

/* Last words of a place's name that no person's name ends in ("Bay",
 * "Lake" and "West" do: Michael Bay, Ricki Lake, Cornel West). */
static const char *const place_ends[] = {
	"street", "avenue", "road", "square", "bridge", "airport", "canal",
	"province", "county", "district", "prefecture", "strait", "peninsula",
	"boulevard", NULL
};
static pxi_lexidx place_ends_idx = PXI_LEXIDX_LIST0(place_ends, 1);

/* Members of parties and movements: the last word of a group's name the
 * tagger may take for a person's ("House Democrats"). */
static const char *const group_nouns[] = {
	"democrat", "democrats", "republican", "republicans", "conservative",
	"conservatives", "liberal", "liberals", "electors", "brotherhood",
	"tories", "remainers", "brexiteers", "socialists", "greens", NULL
};
static pxi_lexidx group_nouns_idx = PXI_LEXIDX_LIST0(group_nouns, 1);

typedef struct evtab {
	uint32_t *key;
	unsigned char *ev;
	size_t mask;
} evtab;

static uint32_t name_hash(const char *p, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * 16777619u;
	return h ? h : 1;
}

/* The slot of hash h (added when absent and add is set); SIZE_MAX. */
static size_t ev_slot(evtab *t, uint32_t h, int add)
{
	size_t i = h & t->mask;

	while (t->key[i] && t->key[i] != h)
		i = (i + 1) & t->mask;
	if (!t->key[i]) {
		if (!add)
			return SIZE_MAX;
		t->key[i] = h;
	}
	return i;
}

static int tok_word_in(const px_article *a, size_t i, pxi_lexidx *list)
{
	size_t n;
	const char *p;

	if (i >= a->toks.n ||
	    ((const px_token *)a->toks.a)[i].kind != PX_TOK_WORD)
		return 0;
	p = pxi_tok_text(a, i, &n);
	return in_list(list, p, n);
}

/* Does the gazetteer list the one-word name (p, n) as a country, region
 * or city? */
static int gaz_place(const char *p, size_t n)
{
	return !memchr(p, ' ', n) && (gaz_word(p, n) & GAZ_PLACE);
}

/* Short names of countries: places whatever the tagger says (one_sense). */
static const char *const country_short[] = {
	"us", "u.s.", "usa", "u.s.a.", "uk", "u.k.", "uae", "u.a.e.", "drc",
	"prc", "rok", "dprk", "ksa", NULL
};
static pxi_lexidx country_short_idx = PXI_LEXIDX_LIST0(country_short, 1);

/* The evidence slot of mention i when it is a place or an organization,
 * else SIZE_MAX. */
static size_t place_org_slot(const px_article *a, evtab *t, size_t i)
{
	const px_mention *m = (const px_mention *)a->mentions.a + i;

	if (m->type != PX_ENT_PLACE && m->type != PX_ENT_ORG)
		return SIZE_MAX;
	return ev_slot(t, name_hash(a->norm.text + m->span.start,
	                            m->span.end - m->span.start), 1);
}

/*
 * One name, one type: a name written the same way twice in an article
 * names the same thing there, but the tagger reads each sentence alone
 * and may call "US" a place in one ("help from the US") and an
 * organization in the next ("the US and other NATO countries"), which
 * then stand as two entities. Mentions typed place or organization take
 * the type most of that name's place and organization mentions have (on
 * a tie, the first one's); the short names of countries below are
 * places whatever the votes, and so is a one-word name the gazetteer
 * lists as a country, region or city once a mention of it is a place
 * ("the Michigan primary" next to "voters in Michigan"), or that the
 * article puts where places go ("in Sinjar", "the city of X"; the
 * evidence retype() gathers). Persons and groups are left alone: "Jordan"
 * the player and Jordan the country are told apart by their context.
 */
static px_status one_sense(stage *st, evtab *t)
{
	px_article *a = st->a;
	px_mention *ms = a->mentions.a;
	size_t nm = a->mentions.n, i, k, cap = t->mask + 1;
	int32_t *vote; /* places less organizations, per name */
	unsigned char *first; /* the type of the name's first such mention */
	unsigned char *places; /* some mention of the name is a place */

	vote = pxi_arena_alloc(&a->scratch, cap * sizeof(*vote));
	first = pxi_arena_alloc(&a->scratch, cap);
	places = pxi_arena_alloc(&a->scratch, cap);
	if (!vote || !first || !places)
		return PX_ENOMEM;
	memset(vote, 0, cap * sizeof(*vote));
	memset(first, 0, cap);
	memset(places, 0, cap);
	for (i = 0; i < nm; i++) {
		if ((k = place_org_slot(a, t, i)) == SIZE_MAX)
			continue;
		vote[k] += ms[i].type == PX_ENT_PLACE ? 1 : -1;
		if (ms[i].type == PX_ENT_PLACE)
			places[k] = 1;
		if (!first[k])
			first[k] = (unsigned char)ms[i].type;
	}
	for (i = 0; i < nm; i++) {
		const char *p = a->norm.text + ms[i].span.start;
		size_t n = ms[i].span.end - ms[i].span.start;

		if ((k = place_org_slot(a, t, i)) == SIZE_MAX)
			continue;
		if (in_list(&country_short_idx, p, n) ||
		    (places[k] && gaz_place(p, n)) ||
		    (places[k] && (t->ev[k] & EV_PLACE) &&
		     !(t->ev[k] & EV_PERSON)))
			ms[i].type = PX_ENT_PLACE;
		else
			ms[i].type = vote[k] > 0   ? PX_ENT_PLACE
			             : vote[k] < 0 ? PX_ENT_ORG
			                           : (px_entity_type)first[k];
	}
	return PX_OK;
}

static px_status retype(stage *st)
{
	px_article *a = st->a;
	px_mention *ms = a->mentions.a;
	const px_sentence *ss = a->sents.a;
	size_t nm = a->mentions.n, i, cap = 16, *first;
	evtab t;

	if (!nm)
		return PX_OK;
	while (cap < 4 * nm)
		cap *= 2;
	t.key = pxi_arena_alloc(&a->scratch, cap * sizeof(*t.key));
	t.ev = pxi_arena_alloc(&a->scratch, cap);
	first = pxi_arena_alloc(&a->scratch, nm * sizeof(*first));
	if (!t.key || !t.ev || !first)
		return PX_ENOMEM;
	memset(t.key, 0, cap * sizeof(*t.key));
	memset(t.ev, 0, cap);
	t.mask = cap - 1;
	for (i = 0; i < nm; i++)
		first[i] = SIZE_MAX;
	for (i = 0; i < a->toks.n; i++)
		if (st->mention_of[i] && first[st->mention_of[i] - 1] == SIZE_MAX)
			first[st->mention_of[i] - 1] = i;
	/* Evidence per name. */
	for (i = 0; i < nm; i++) {
		const char *p = a->norm.text + ms[i].span.start;
		size_t n = ms[i].span.end - ms[i].span.start, f = first[i], l;
		unsigned ev = EV_NAME;
		const char *w;
		size_t wn = 0;

		if (f == SIZE_MAX)
			continue;
		for (l = f; l + 1 < a->toks.n && st->mention_of[l + 1] ==
		                                 st->mention_of[f]; l++)
			;
		if (memchr(p, ' ', n)) {
			/* a full name: its last word names a person */
			if (ms[i].type == PX_ENT_PERSON) {
				unsigned surname = EV_SURNAME;

				last_word(p, n, &w, &wn);
				/* "Virginia Democrats", "Muslim Brotherhood":
				 * groups the tagger took for people */
				if (in_list(&group_nouns_idx, w, wn) ||
				    gaz_place(p, (size_t)((const char *)
				                          memchr(p, ' ', n) - p)))
					surname = 0;
				t.ev[ev_slot(&t, name_hash(w, wn), 1)] |=
					EV_PERSON | surname;
			}
		}
		if (ms[i].role)
			ev |= EV_PERSON;
		if (l + 1 < a->toks.n && PXI_LEX(speech, pxi_tok_text(a, l + 1,
		                                                     &wn), wn))
			ev |= EV_PERSON;
		if (f > 0 && tok_word_in(a, f - 1, &loc_preps_idx))
			ev |= EV_PLACE;
		if (f > 1 && tok_is(a, f - 1, "of") &&
		    tok_word_in(a, f - 2, &place_nouns_idx))
			ev |= EV_PLACE;
		if (f > 1 && tok_punct(a, f - 1, ',') &&
		    tok_word_in(a, f - 2, &place_nouns_idx))
			ev |= EV_PLACE;
		/* "Immingham and Teesside": next to a place */
		if (f > 1 && (tok_is(a, f - 1, "and") || tok_is(a, f - 1, "or")) &&
		    st->mention_of[f - 2] &&
		    ms[st->mention_of[f - 2] - 1].type == PX_ENT_PLACE)
			ev |= EV_PLACE;
		if (ms[i].sentence < a->sents.n &&
		    ss[ms[i].sentence].tok_first != f)
			ev |= EV_INNER;
		t.ev[ev_slot(&t, name_hash(p, n), 1)] |= (unsigned char)ev;
	}
	/* A demonym in the text ("the Daravian army") makes its country a
	 * place: "Daravia". */
	for (i = 0; i < a->toks.n; i++) {
		size_t n;
		const char *p = pxi_tok_text(a, i, &n);
		size_t k;

		if (((const px_token *)a->toks.a)[i].kind != PX_TOK_WORD ||
		    n < 6 || p[n - 1] != 'n' || p[n - 2] != 'a' ||
		    p[n - 3] != 'i' || !(p[0] >= 'A' && p[0] <= 'Z'))
			continue;
		k = ev_slot(&t, name_hash(p, n - 1), 0);
		if (k != SIZE_MAX)
			t.ev[k] |= EV_PLACE;
	}
	/* Retype person mentions. */
	for (i = 0; i < nm; i++) {
		const char *p = a->norm.text + ms[i].span.start;
		size_t n = ms[i].span.end - ms[i].span.start, f = first[i], k;
		unsigned ev;

		if (ms[i].type != PX_ENT_PERSON || f == SIZE_MAX)
			continue;
		/* "Union of Port and Dock Workers" */
		if (f > 1 && (tok_is(a, f - 1, "and") || tok_is(a, f - 1, "of")) &&
		    st->mention_of[f - 2] && !ms[i].role &&
		    ms[st->mention_of[f - 2] - 1].type == PX_ENT_ORG) {
			ms[i].type = PX_ENT_ORG;
			continue;
		}
		if (memchr(p, ' ', n)) {
			const char *w;
			size_t wn;

			/* "Downing Street said": a person's name does not
			 * end in a street or place noun */
			last_word(p, n, &w, &wn);
			if (!ms[i].role && in_list(&place_ends_idx, w, wn))
				ms[i].type = PX_ENT_PLACE;
			continue;
		}
		ev = t.ev[ev_slot(&t, name_hash(p, n), 1)];
		if (ev & EV_PERSON)
			continue;
		if (ev & EV_PLACE) {
			ms[i].type = PX_ENT_PLACE;
			continue;
		}
		/* "Daravian" where "Daravia" is a name of the article */
		if (n > 4 && p[n - 1] == 'n' &&
		    (k = ev_slot(&t, name_hash(p, n - 1), 0)) != SIZE_MAX &&
		    (t.ev[k] & EV_NAME)) {
			ms[i].type = PX_ENT_GROUP;
			continue;
		}
		if (!(ev & EV_INNER))
			ms[i].type = PX_ENT_OTHER;
	}
	/* "Sanders" called a place or an organization, or "Trump" in "the
	 * Trump campaign" left untyped, where "Bernie Sanders" or "Donald
	 * Trump" makes it a person (a reporting verb alone does not:
	 * "Hamas said"): unless the gazetteer knows the word as a country,
	 * region or city (Washington, Jordan) or the article puts it after
	 * "in". */
	for (i = 0; i < nm; i++) {
		const char *p = a->norm.text + ms[i].span.start;
		size_t n = ms[i].span.end - ms[i].span.start;
		unsigned ev;

		if ((ms[i].type != PX_ENT_PLACE && ms[i].type != PX_ENT_ORG &&
		     ms[i].type != PX_ENT_OTHER) ||
		    first[i] == SIZE_MAX || memchr(p, ' ', n))
			continue;
		ev = t.ev[ev_slot(&t, name_hash(p, n), 1)];
		if ((ev & EV_SURNAME) && !(ev & EV_PLACE) && !gaz_place(p, n))
			ms[i].type = PX_ENT_PERSON;
	}
	return one_sense(st, &t);
}

px_status pxi_entity_find(px_article *a)
{
	const px_sentence *ss = a->sents.a;
	stage st;
	size_t i;
	px_status rc;

	memset(&st, 0, sizeof(st));
	st.a = a;
	st.work = pxi_arena_alloc(&a->scratch, sizeof(*st.work));
	st.nt = pxi_arena_alloc(&a->scratch, MAX_SENT_TOKENS * sizeof(*st.nt));
	st.tags = pxi_arena_alloc(&a->scratch, MAX_SENT_TOKENS);
	st.mention_of = pxi_arena_alloc(&a->scratch, (a->toks.n + 1) *
	                                            sizeof(size_t));
	if (!st.work || !st.nt || !st.tags || !st.mention_of)
		return PX_ENOMEM;
	memset(st.mention_of, 0, (a->toks.n + 1) * sizeof(size_t));
	/* Title-case headings mislead the tagger: names there are found by
	 * matching the names of the body below. */
	for (i = 0; i < a->sents.n; i++) {
		if (ss[i].residue || ss[i].heading)
			continue;
		rc = tag_sentence(&st, &ss[i], i);
		if (rc)
			return rc;
	}
	rc = retype(&st);
	if (rc)
		return rc;
	rc = group(a);
	if (rc)
		return rc;
	return match_names(&st);
}
