/*
 * test_tone.c - tone on crafted text: the lexicon, negation, intensifiers
 * and dampeners, contrast, capitals, idioms, reversers, the author's voice
 * apart from direct quotes, reasons pointing at their words; framing
 * markers (claims with no attribution, evaluative words in the author's
 * voice); portrayal by role in the clause; and on ../shared/seeds, 000
 * and 003 the two most negative in
 * the author's voice with loaded language and labels, 002 with its
 * content-farm signs. The scorer's word index against its word lists:
 * every lexicon word, every word quoted in lib/tone/tone.c and every word
 * of the seeds, each with endings added and letters dropped.
 */
#include <dirent.h>
#include <stdlib.h>

#include "../test.h"
#include "tone/tone.h"

/* Compound of the first scored sentence of z. */
static double first_compound(const char *z)
{
	px_article *a = t_article(z);
	size_t n;
	const px_sentence_tone *st = px_article_sentence_tones(a, &n);
	double c = n ? st[0].compound : 0;

	px_article_free(a);
	return c;
}

/* The reason whose text is word in a, or NULL. */
static const px_tone_reason *reason_of(const px_article *a, const char *w)
{
	size_t n, i;
	const px_tone_reason *r = px_article_tone_reasons(a, &n);

	for (i = 0; i < n; i++)
		if (!strcmp(t_span(a, r[i].span), w))
			return r + i;
	return NULL;
}

static void rules(void)
{
	double good = first_compound("The plan is good.");
	double not_good = first_compound("The plan is not good.");
	double very = first_compound("The plan is very good.");
	double slight = first_compound("The plan is slightly good.");
	double caps = first_compound("The plan is GOOD for the town.");
	double bang = first_compound("The plan is good!!");
	px_article *a;
	const px_tone_reason *r;

	CHECK(good > 0.3, "good %f", good);
	CHECK(not_good < 0, "not good %f", not_good);
	CHECK(first_compound("The plan isn't good.") < 0, "n't");
	CHECK(first_compound("The plan was never good.") < 0, "never");
	CHECK(first_compound("The result was not unacceptable.") > 0,
	      "not unacceptable");
	CHECK(very > good, "very %f good %f", very, good);
	CHECK(slight < good && slight > 0, "slightly %f", slight);
	CHECK(caps > first_compound("The plan is good for the town."),
	      "caps %f", caps);
	CHECK(bang > good, "exclamation %f", bang);
	CHECK(first_compound("It was a hollow gesture.") < -0.3,
	      "hollow gesture");
	CHECK(first_compound("The vaccine will reduce deaths.") > 0,
	      "reduce deaths");
	CHECK(first_compound("The Security Council met.") == 0,
	      "names are not scored");

	/* Contrast: the clause after "but" weighs more. */
	a = t_article("The talks were good but the result was terrible.");
	r = reason_of(a, "terrible");
	CHECK(r && (r->rules & PX_TONE_CONTRAST) && r->valence < r->base,
	      "after but");
	r = reason_of(a, "good");
	CHECK(r && r->valence < r->base && r->valence > 0, "before but");
	px_article_free(a);

	/* Reasons carry their words and cues. */
	a = t_article("Officials said the deal was not very good.");
	r = reason_of(a, "good");
	CHECK(r != NULL, "reason for good");
	if (r) {
		CHECK(r->rules & PX_TONE_NEGATED, "negated %u", r->rules);
		CHECK(r->rules & PX_TONE_BOOSTED, "boosted %u", r->rules);
		CHECK(!strcmp(t_span(a, r->cue), "not"), "cue %s",
		      t_span(a, r->cue));
		CHECK(r->base > 1 && r->valence < 0, "base %f valence %f",
		      r->base, r->valence);
	}
	px_article_free(a);

	/* What is not a negation: "no wonder", "or not", "too" meaning
	 * "also"; and a negation's reach ends with its clause. */
	a = t_article("No wonder the residents cherish the park.");
	r = reason_of(a, "cherish");
	CHECK(r && !(r->rules & PX_TONE_NEGATED) && r->valence > 0 &&
	      !reason_of(a, "No"), "no wonder");
	px_article_free(a);
	a = t_article("Served warm or not, best of all with honey.");
	r = reason_of(a, "best");
	CHECK(r && !(r->rules & PX_TONE_NEGATED) && r->valence > 0 &&
	      !reason_of(a, "not"), "or not");
	px_article_free(a);
	a = t_article("The bank dropped the fee, and a good thing, too.");
	CHECK(!reason_of(a, "too"), "too at the end means also");
	px_article_free(a);
	CHECK(first_compound("The plan was too good to be true.") < 0,
	      "too before a word still turns it");
	a = t_article("In so little time, what marvels he had made.");
	r = reason_of(a, "marvels");
	CHECK(r && !(r->rules & PX_TONE_NEGATED) && r->valence > 0,
	      "a negation stops at the comma");
	px_article_free(a);
	CHECK(first_compound("The town did not only build a school.") >= 0,
	      "not only");

	/* Offsets are original bytes even where normalization moved them. */
	a = t_article("Cafe\xcc\x81 owners said the plan was terrible.");
	r = reason_of(a, "terrible");
	CHECK(r != NULL, "reason after NFC");
	px_article_free(a);
}

static void voices(void)
{
	px_article *a = t_article(
		"The minister visited the port on Monday and met workers.\n\n"
		"\"This is a disgusting, horrible and shameful betrayal,\" "
		"said John Miller, a union leader.\n");
	const px_tone *t = px_article_tone(a);
	size_t n;
	const px_speaker_tone *sp = px_article_speaker_tones(a, &n);
	const px_tone_reason *r = reason_of(a, "betrayal");

	CHECK(t != NULL, "tone computed");
	if (t) {
		CHECK(t->author.compound > -0.1, "author %f",
		      t->author.compound);
		CHECK(t->quoted.compound < -0.5, "quoted %f",
		      t->quoted.compound);
		CHECK(t->quoted.negative > t->author.negative,
		      "negative words quoted");
	}
	CHECK(n == 1 && sp[0].speaker_kind == PX_SPEAKER_NAMED &&
	      sp[0].quotes == 1 && sp[0].parts.compound < -0.5,
	      "one speaker, negative (%zu)", n);
	CHECK(r && r->quote != SIZE_MAX, "quoted reason");
	px_article_free(a);

	/* Portrayal: the clause around each mention. */
	{
		size_t ne, i;
		const px_entity *es;
		const px_entity_tone *et;
		double anna = 0, tom = 0;

		a = t_article("Anna Berg bravely saved many lives, and her "
		              "work won praise. Tom Hale, a thief, had "
		              "stolen the funds.\n");
		es = px_article_entities(a, &ne);
		et = px_article_entity_tones(a, &n);
		CHECK(n == ne, "one portrayal per entity (%zu, %zu)", n, ne);
		for (i = 0; i < n && i < ne; i++) {
			if (strstr(es[et[i].entity].name, "Anna"))
				anna = et[i].compound;
			if (strstr(es[et[i].entity].name, "Tom"))
				tom = et[i].compound;
		}
		CHECK(anna > 0.2 && tom < -0.2, "Anna %f Tom %f", anna, tom);
		px_article_free(a);
	}

	/* Text-only analysis computes no tone. */
	{
		px_options o = {0};
		const char *z = "A terrible day.";

		o.flags = PX_OPT_TEXT_ONLY;
		a = NULL;
		CHECK(!px_article_from_text(z, strlen(z), "t", &o, &a, NULL),
		      "text only");
		CHECK(px_article_tone(a) == NULL, "no tone in text-only");
		px_article_free(a);
	}
}

/* Does a have a marker of kind k whose text is z (or any, z NULL)? */
static int has_marker(const px_article *a, px_marker_kind k, const char *z)
{
	size_t n, i;
	const px_marker *m = px_article_markers(a, &n);

	for (i = 0; i < n; i++)
		if (m[i].kind == k && m[i].rule &&
		    (!z || !strcmp(t_span(a, m[i].span), z)))
			return 1;
	return 0;
}

static void markers(void)
{
	px_article *a = t_article(
		"How will the port reopen?\n\n"
		"We must stop this reckless campaign, which reportedly "
		"failed. The so-called \"reform\" was a hollow gesture.\n\n"
		"\"They lied to us,\" said one official.\n");
	size_t n, i;
	const px_marker *m = px_article_markers(a, &n);
	int sorted = 1;

	CHECK(has_marker(a, PX_MARK_QUESTION_HEADING, NULL),
	      "question heading");
	CHECK(has_marker(a, PX_MARK_OPINION, "We"), "first person");
	CHECK(has_marker(a, PX_MARK_OPINION, "must"), "must");
	CHECK(has_marker(a, PX_MARK_LOADED, "reckless"), "labelling word");
	CHECK(has_marker(a, PX_MARK_LOADED, "hollow gesture"), "idiom");
	CHECK(has_marker(a, PX_MARK_HEDGE, "reportedly"), "hedge");
	CHECK(has_marker(a, PX_MARK_LABEL, "reform"), "so-called");
	CHECK(has_marker(a, PX_MARK_ANONYMOUS, NULL), "anonymous source");
	CHECK(!has_marker(a, PX_MARK_OPINION, "us"), "us is quoted");
	px_article_free(a);
	a = t_article("The staggering plan was a dubious answer to a looming "
	              "nightmare for the patriotic homeland, merely a step.");
	CHECK(has_marker(a, PX_MARK_EXAGGERATION, "staggering"),
	      "exaggeration");
	CHECK(has_marker(a, PX_MARK_EXAGGERATION, "merely"), "minimisation");
	CHECK(has_marker(a, PX_MARK_DOUBT, "dubious"), "doubt");
	CHECK(has_marker(a, PX_MARK_FEAR, "nightmare"), "fear");
	CHECK(has_marker(a, PX_MARK_FLAG_WAVING, "homeland"), "flag-waving");
	m = px_article_markers(a, &n);
	for (i = 1; i < n; i++)
		sorted &= m[i - 1].span.start <= m[i].span.start;
	CHECK(sorted, "markers by start");
	px_article_free(a);
}

/* The author's-voice tone of every seed, by file name order. */
/* The seeds' markers: 000 and 003 loaded language and labels, 002 the
 * content-farm signs. */
static void seed_markers(const px_article *a, const char *nm)
{
	if (!strncmp(nm, "000", 3) || !strncmp(nm, "003", 3)) {
		CHECK(has_marker(a, PX_MARK_LOADED, NULL), "%s loaded", nm);
		CHECK(has_marker(a, PX_MARK_LABEL, NULL), "%s so-called", nm);
	}
	if (!strncmp(nm, "002", 3)) {
		CHECK(has_marker(a, PX_MARK_QUESTION_HEADING, NULL),
		      "%s question headings", nm);
		CHECK(has_marker(a, PX_MARK_INJECTED_LINK, NULL),
		      "%s injected links", nm);
	}
}

static void seeds(const char *sh)
{
	char dir[1024], path[2048];
	struct dirent **ents = NULL;
	double tone[16];
	char names[16][8];
	int n, i, k = 0;

	snprintf(dir, sizeof(dir), "%s/seeds", sh);
	n = scandir(dir, &ents, NULL, alphasort);
	for (i = 0; i < n; i++) {
		size_t len;
		char *txt;
		px_article *a = NULL;
		const char *nm = ents[i]->d_name;

		if (k < 16 && strlen(nm) > 4 &&
		    !strcmp(nm + strlen(nm) - 4, ".txt")) {
			snprintf(path, sizeof(path), "%s/%s", dir, nm);
			txt = t_read_file(path, &len);
			if (txt && !px_article_from_text(txt, len, path, NULL,
			                                 &a, NULL)) {
				tone[k] = px_article_tone(a)->author.tone;
				seed_markers(a, nm);
				snprintf(names[k], sizeof(names[k]), "%.3s", nm);
				k++;
			}
			px_article_free(a);
			free(txt);
		}
		free(ents[i]);
	}
	free(ents);
	CHECK(k == 5, "five seeds read (%d)", k);
	if (k == 5) {
		/* 000 and 003 are below every other seed. */
		int ok = 1;

		for (i = 0; i < k; i++)
			if (strcmp(names[i], "000") && strcmp(names[i], "003"))
				ok &= tone[i] > tone[0] && tone[i] > tone[3];
		CHECK(ok, "000 (%.2f) and 003 (%.2f) most negative; 001 %.2f "
		      "002 %.2f 004 %.2f", tone[0], tone[3], tone[1], tone[2],
		      tone[4]);
	}
}


/* The portrayal of the mention whose text is z (the first), or NULL. */
static const px_portrayal *portrayal_of(const px_article *a, const char *z,
                                        size_t nth)
{
	size_t n, i;
	const px_portrayal *p = px_article_portrayals(a, &n);

	for (i = 0; i < n; i++)
		if (!strcmp(t_span(a, p[i].target), z) && nth-- == 0)
			return p + i;
	return NULL;
}

/* Lexicon words, the negation as a cue, "as well". */
static void lexicon(void)
{
	px_article *a;
	const px_tone_reason *r;

	/* AFINN fills in words VADER lacks */
	a = t_article("The bankruptcy shook the valley.\n");
	r = reason_of(a, "bankruptcy");
	CHECK(r && r->base < 0, "bankruptcy from AFINN (%f)",
	      r ? r->base : 0);
	px_article_free(a);
	a = t_article("The plant did not open on Monday.\n");
	r = reason_of(a, "not");
	CHECK(r && (r->rules & PX_TONE_DENIAL) && r->valence < 0,
	      "a bare negation reads mildly negative");
	px_article_free(a);
	a = t_article("The plant opened without notice.\n");
	CHECK(!reason_of(a, "without"), "without is a preposition");
	px_article_free(a);
	a = t_article("She sang well at the hall.\n");
	r = reason_of(a, "well");
	CHECK(r && r->valence > 0, "well, the adverb");
	px_article_free(a);
	a = t_article("The band played there as well.\n");
	CHECK(!reason_of(a, "well"), "as well: no tone");
	px_article_free(a);
	/* the project's news words fill gaps of both, with endings */
	a = t_article("The markets plunged after the massacre, but the "
	              "council made a laudable effort.\n");
	r = reason_of(a, "plunged");
	CHECK(r && r->base < 0, "plunged from the news words (%f)",
	      r ? r->base : 0);
	r = reason_of(a, "massacre");
	CHECK(r && r->base < 0, "massacre from the news words");
	r = reason_of(a, "laudable");
	CHECK(r && r->base > 0, "laudable from the news words");
	px_article_free(a);
	/* topic words: health care, safety rules, "likely" (not "like") */
	a = t_article("The health care bill is likely to change safety "
	              "rules.\n");
	CHECK(!reason_of(a, "care") && !reason_of(a, "likely") &&
	      !reason_of(a, "safety"), "care, likely, safety: no tone");
	px_article_free(a);
	CHECK(first_compound("The plan failed, however the town "
	                     "celebrated a wonderful harvest.") > 0,
	      "however weighs the clause after it");
}

/* Portrayal by the entity's role in its clause. */
static void portrayal(void)
{
	px_article *a;
	const px_portrayal *p;
	px_portrayal q;
	const char *z = "Mayor Ellen Varga praised the harbour workers on "
	                "Monday. Critics accused Ellen Varga of wasting "
	                "money.\n\nTom Hale, a local thief, had stolen the "
	                "funds.\n";
	size_t n, ne, i;
	const px_entity_tone *et;
	const px_entity *es;
	px_status rc;

	a = t_article(z);
	p = portrayal_of(a, "Ellen Varga", 0);
	CHECK(p && p->role == PX_ROLE_SUBJECT && p->verb_kind &&
	      !strcmp(p->verb_kind, "praise") && p->label == 1,
	      "subject of praise (%s, %s, %d)",
	      p ? px_role_name(p->role) : "-",
	      p && p->verb_kind ? p->verb_kind : "-", p ? p->label : 9);
	CHECK(p && !strcmp(t_span(a, p->verb), "praised"), "verb span");
	p = portrayal_of(a, "Ellen Varga", 1);
	CHECK(p && p->role == PX_ROLE_OBJECT && p->label == -1 &&
	      p->compound < -0.2, "object of accusation (%s, %d, %f)",
	      p ? px_role_name(p->role) : "-", p ? p->label : 9,
	      p ? p->compound : 0);
	CHECK(p && p->reason_count > 0 &&
	      !strcmp(t_span(a, px_article_tone_reasons(a, &n)[
	                              p->reason_first].span), "Critics"),
	      "the clause's reasons");
	p = portrayal_of(a, "Tom Hale", 0);
	CHECK(p && p->role == PX_ROLE_SUBJECT &&
	      !strcmp(t_span(a, p->verb), "had") && p->label == -1,
	      "subject past an apposition (%s, %d)",
	      p ? px_role_name(p->role) : "-", p ? p->label : 9);
	es = px_article_entities(a, &ne);
	et = px_article_entity_tones(a, &n);
	for (i = 0; i < n && i < ne; i++)
		if (!strcmp(es[et[i].entity].name, "Ellen Varga"))
			CHECK(et[i].as_subject == 1 && et[i].as_object == 1 &&
			      et[i].subject_compound > 0 &&
			      et[i].object_compound < 0,
			      "Varga as subject %zu (%f), object %zu (%f)",
			      et[i].as_subject, et[i].subject_compound,
			      et[i].as_object, et[i].object_compound);
	/* any span: "Critics" */
	rc = px_article_tone_toward(a, (size_t)(strstr(z, "Critics") - z),
	                            (size_t)(strstr(z, "Critics") - z) + 7,
	                            &q);
	CHECK(rc == PX_OK && q.mention == SIZE_MAX &&
	      q.role == PX_ROLE_SUBJECT && q.verb_kind &&
	      !strcmp(q.verb_kind, "conflict"), "tone toward a span");
	CHECK(px_article_tone_toward(a, strlen(z) + 10, strlen(z) + 12, &q) ==
	      PX_EPARSE, "a span outside every sentence");
	px_article_free(a);
}

/* Sourcing markers on invented sentences. */
static void sourcing(void)
{
	px_article *a;

	a = t_article("The new bridge will cost $40 million and carry 12,000 "
	              "cars a day.\n\nAccording to the budget office, the "
	              "tunnel cost $12 million.\n\nThe ferry may cost $3 "
	              "million.\n\nThe old bridge took 4 years to build, "
	              "officials said.\n");
	CHECK(has_marker(a, PX_MARK_UNATTRIBUTED, "The new bridge will cost "
	                 "$40 million and carry 12,000 cars a day."),
	      "a figure with no source");
	CHECK(!has_marker(a, PX_MARK_UNATTRIBUTED, "According to the budget "
	                  "office, the tunnel cost $12 million."),
	      "according to");
	CHECK(!has_marker(a, PX_MARK_UNATTRIBUTED, "The ferry may cost $3 "
	                  "million."), "hedged");
	CHECK(!has_marker(a, PX_MARK_UNATTRIBUTED, "The old bridge took 4 "
	                  "years to build, officials said."), "said");
	px_article_free(a);
	a = t_article("The council's harbour plan is reckless. Officials "
	              "said the ferry plan was foolish. The driver was killed "
	              "and the road is very dangerous.\n");
	CHECK(has_marker(a, PX_MARK_OPINION, "reckless"),
	      "evaluative word after a copula");
	CHECK(!has_marker(a, PX_MARK_OPINION, "foolish"),
	      "reported judgement is theirs");
	CHECK(!has_marker(a, PX_MARK_OPINION, "killed"), "an event");
	CHECK(has_marker(a, PX_MARK_OPINION, "dangerous"),
	      "after a degree word");
	px_article_free(a);
}

/* Words the index and the lists disagree on, and the first of them. */
static size_t index_bad, index_seen;
static char index_first_bad[64];

/* Check the word (p, n) and its variants against the word index: up to
 * two letters dropped, then an ending added (more forms than the index
 * derives, so that a form it misses shows). */
static void check_variants(const char *p, size_t n)
{
	static const char *const ends[] = {
		"", "s", "es", "ed", "d", "ing", "ly", "ily", "ied", "ies",
		"ness", "y", "e", "'s", "n't",
	};
	char w[64];
	size_t chop, k;

	for (chop = 0; chop <= 2 && chop < n; chop++) {
		for (k = 0; k < sizeof(ends) / sizeof(ends[0]); k++) {
			size_t m = n - chop, e = strlen(ends[k]);

			if (m + e >= sizeof(w))
				continue;
			memcpy(w, p, m);
			memcpy(w + m, ends[k], e);
			index_seen++;
			if (pxi_tone_word_check(w, m + e))
				continue;
			if (!index_bad++)
				snprintf(index_first_bad,
				         sizeof(index_first_bad), "%.*s",
				         (int)(m + e), w);
		}
	}
}

/* check_variants() on each word of (z, len), lower-cased: runs of
 * letters, apostrophes and hyphens. */
static void check_words_of(const char *z, size_t len)
{
	char w[64];
	size_t i, n = 0;

	for (i = 0; i <= len; i++) {
		unsigned char ch = i < len ? (unsigned char)z[i] : ' ';

		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    ch == '\'' || ch == '-') {
			if (n < sizeof(w))
				w[n] = (char)(ch | (ch >= 'A' && ch <= 'Z'
				                    ? 0x20 : 0));
			n++;
			continue;
		}
		if (n && n < sizeof(w))
			check_variants(w, n);
		n = 0;
	}
}

/* The scorer's word index answers as its lists do (the markers'
 * flags among them). */
static void word_index(const char *sh)
{
	static const char ap[] = "isn't can't won't";
	struct dirent **ents = NULL;
	char path[2048];
	size_t i, len;
	char *txt;
	int k, n;

	for (i = 0; i < pxi_tone_lex_n; i++) {
		uint32_t off = pxi_tone_lex_off[i];

		check_variants(pxi_tone_lex_words + off,
		               pxi_tone_lex_off[i + 1] - off - 1);
	}
	/* the listed words, stems, idioms and news words; the markers'
	 * lists */
	txt = t_read_file("lib/tone/tone.c", &len);
	CHECK(txt != NULL, "lib/tone/tone.c read");
	if (txt)
		check_words_of(txt, len);
	free(txt);
	txt = t_read_file("lib/tone/markers.c", &len);
	CHECK(txt != NULL, "lib/tone/markers.c read");
	if (txt)
		check_words_of(txt, len);
	free(txt);
	snprintf(path, sizeof(path), "%s/seeds", sh ? sh : ".");
	n = sh ? scandir(path, &ents, NULL, alphasort) : 0;
	for (k = 0; k < n; k++) {
		snprintf(path, sizeof(path), "%s/seeds/%s", sh,
		         ents[k]->d_name);
		txt = t_read_file(path, &len);
		if (txt)
			check_words_of(txt, len);
		free(txt);
		free(ents[k]);
	}
	free(ents);
	check_words_of(ap, sizeof(ap) - 1);
	CHECK(index_bad == 0 && index_seen > 100000,
	      "word index: %zu of %zu words differ (first: %s)", index_bad,
	      index_seen, index_first_bad);
}

int test_tone(void)
{
	const char *sh = t_shared();

	rules();
	voices();
	markers();
	lexicon();
	portrayal();
	sourcing();
	word_index(sh);
	if (sh)
		seeds(sh);
	else
		printf("skip: ../shared not found; seeds tone not checked\n");
	return 0;
}
