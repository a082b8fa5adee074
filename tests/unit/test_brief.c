/*
 * test_brief.c - the story brief and an article's highlights and key
 * insights: on the seeds (checked against ../shared/seeds-gold.json), on
 * the sample corpus (against examples/gold.json), on invented text for
 * stance cues and titles, and on bad calls and hostile text.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "../test.h"

#define MAX_ARTS 32

typedef struct set {
	px_article *a[MAX_ARTS];
	const char *name[MAX_ARTS]; /* file name, no directory */
	size_t n;
} set;

static void set_free(set *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		px_article_free(s->a[i]);
	s->n = 0;
}

/* Read the named files of dir into s. */
static int set_read(set *s, const char *dir, const char *const *names,
                    size_t n)
{
	size_t i;

	s->n = 0;
	for (i = 0; i < n && i < MAX_ARTS; i++) {
		char path[1024];
		size_t len;
		char *txt;
		px_error err;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		txt = t_read_file(path, &len);
		if (!txt)
			return -1;
		if (px_article_from_text(txt, len, path, NULL, &s->a[s->n],
		                         &err)) {
			free(txt);
			return -1;
		}
		free(txt);
		s->name[s->n++] = names[i];
	}
	return 0;
}

static size_t find_name(const set *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->name[i], name))
			return i;
	return SIZE_MAX;
}

/* The text of r, NUL-terminated in a static buffer. */
static const char *ref_text(const set *s, px_ref r)
{
	return t_span(s->a[r.article], r.span);
}

/* Does the text of r, with surrounding punctuation and space set aside,
 * equal z the same way? */
static int same_text(const char *x, const char *z)
{
	size_t nx = strlen(x), nz = strlen(z);

	while (nx && strchr(" ,.;:\"'", x[nx - 1]))
		nx--;
	while (nz && strchr(" ,.;:\"'", z[nz - 1]))
		nz--;
	return nx == nz && !memcmp(x, z, nx);
}

/* Is some amount dispute of b made of claims that hold every claim of
 * the gold object claims ({file: text}), each from its file? */
static int dispute_found(const set *s, const px_brief *b, json_t *claims,
                         size_t *got_out)
{
	size_t nd, i, k, best = 0;
	const px_dispute *d = px_brief_disputes(b, &nd);

	for (i = 0; i < nd; i++) {
		const char *file;
		json_t *v;
		size_t got = 0;

		if (d[i].kind != PX_DISPUTE_AMOUNT)
			continue;
		json_object_foreach(claims, file, v) {
			size_t art = find_name(s, file);

			for (k = 0; k < d[i].nclaims && art != SIZE_MAX; k++)
				if (d[i].claims[k].article == art &&
				    strstr(json_string_value(v),
				           ref_text(s, d[i].claims[k]))) {
					got++;
					break;
				}
		}
		if (got > best)
			best = got;
	}
	*got_out = best;
	return best == json_object_size(claims);
}

/* Is name one of the actor's spellings? (The engine picks its own
 * canonical spelling; the gold's must be among those it merged.) */
static int has_variant(const px_brief_actor *a, const char *name)
{
	size_t i;

	for (i = 0; i < a->nvariants; i++)
		if (!strcmp(a->variants[i], name))
			return 1;
	return 0;
}

static px_brief *brief_of(set *s)
{
	px_brief *b = NULL;
	px_status rc = px_brief_build((const px_article *const *)s->a, s->n,
	                              NULL, 0, NULL, &b);

	CHECK(rc == PX_OK && b, "brief built: %s", px_strerror(rc));
	return b;
}

/* Checks every brief must pass: each point's sentence and supporters
 * are sentences of their articles, one per other source. */
static void well_formed(const set *s, const px_brief *b)
{
	size_t np, i, k, nq, ns;
	const px_brief_point *p = px_brief_points(b, &np);
	const px_brief_quote *q = px_brief_quotes(b, &nq);
	const px_brief_source *src = px_brief_sources(b, &ns);

	CHECK(np > 0, "highlights found");
	CHECK(ns == s->n, "a source row per article");
	for (i = 0; i < np; i++) {
		size_t nsent, j;
		const px_sentence *ss = px_article_sentences(
			s->a[p[i].sentence.article], &nsent);
		int is_sentence = 0;

		for (j = 0; j < nsent; j++)
			is_sentence |= ss[j].span.start == p[i].sentence.span.start
			               && ss[j].span.end ==
			                      p[i].sentence.span.end;
		CHECK(is_sentence, "point %zu is a sentence", i);
		CHECK(p[i].sources == p[i].nsupport + 1, "sources counted");
		for (k = 0; k < p[i].nsupport; k++)
			CHECK(src[p[i].support[k].article].unit !=
			      src[p[i].sentence.article].unit,
			      "a point's supporter is another source");
		if (i)
			CHECK(p[i].sources <= p[i - 1].sources,
			      "points by sources carrying them");
	}
	for (i = 0; i < nq; i++)
		CHECK(q[i].words.span.end > q[i].words.span.start,
		      "quote %zu has words", i);
}

static void seeds(const char *sh)
{
	static const char *const names[] = {
		"000_da3154dc2ebda340.txt", "001_0edf0412e018febb.txt",
		"002_1c1e29eec6f4ef02.txt", "003_385ba10f30cb3e0a.txt",
		"004_c8eb596b8968bef4.txt"
	};
	char dir[512], gpath[512];
	set s;
	px_brief *b;
	json_t *gold, *cross, *arts, *v;
	json_error_t je;
	size_t i, k, na, nq, ns, got;
	const px_brief_actor *ac;
	const px_brief_quote *q;
	const px_brief_source *src;
	const char *file;

	snprintf(dir, sizeof(dir), "%s/seeds", sh);
	snprintf(gpath, sizeof(gpath), "%s/seeds-gold.json", sh);
	gold = json_load_file(gpath, 0, &je);
	CHECK(gold != NULL, "seeds-gold.json: %s", je.text);
	if (!gold || set_read(&s, dir, names, 5)) {
		CHECK(0, "seeds read");
		json_decref(gold);
		return;
	}
	b = brief_of(&s);
	if (!b)
		goto out;
	well_formed(&s, b);
	cross = json_object_get(gold, "cross_source");
	/* the disputed coalition size: every claim, each from its file */
	json_array_foreach(json_object_get(cross, "disputed_amounts"), i, v) {
		CHECK(dispute_found(&s, b, json_object_get(v, "claims"), &got),
		      "seeds dispute '%s': %zu claims found",
		      json_string_value(json_object_get(v, "about")), got);
	}
	/* the spellings of one person merged into one actor */
	ac = px_brief_actors(b, &na);
	json_array_foreach(json_object_get(cross, "spelling_variants"), i, v) {
		size_t j, m, hits = 0;

		for (j = 0; j < na; j++) {
			size_t h = 0;

			for (m = 0; m < ac[j].nvariants; m++)
				for (k = 0; k < json_array_size(v); k++)
					h += !strcmp(ac[j].variants[m],
					             json_string_value(
					                 json_array_get(v, k)));
			if (h > hits)
				hits = h;
		}
		CHECK(hits == json_array_size(v), "spellings merged: %zu of %zu",
		      hits, json_array_size(v));
	}
	/* the quotes table: every gold quote with its speaker, or as
	 * anonymous */
	q = px_brief_quotes(b, &nq);
	src = px_brief_sources(b, &ns);
	arts = json_object_get(gold, "articles");
	json_object_foreach(arts, file, v) {
		size_t art = find_name(&s, file), j, anon = 0, found_anon = 0;
		json_t *gq;

		json_array_foreach(json_object_get(v, "quotes"), j, gq) {
			const char *txt = json_string_value(json_object_get(gq,
			                                                    "text"));
			json_t *sp = json_object_get(gq, "speaker");
			int ok = 0;

			anon += json_is_true(json_object_get(gq, "anonymous"));
			for (k = 0; k < nq && !ok; k++) {
				if (q[k].words.article != art ||
				    q[k].kind != PX_QUOTE_DIRECT ||
				    !same_text(ref_text(&s, q[k].words), txt))
					continue;
				if (json_is_string(sp))
					ok = q[k].actor < na &&
					     has_variant(&ac[q[k].actor],
					                 json_string_value(sp));
				else
					ok = q[k].speaker_kind ==
					     PX_SPEAKER_ANONYMOUS;
			}
			CHECK(ok, "%s: quote \"%.40s\" with speaker %s", file,
			      txt, json_is_string(sp) ? json_string_value(sp)
			                              : "anonymous");
		}
		for (k = 0; k < ns; k++)
			if (src[k].article == art)
				found_anon = src[k].anonymous;
		CHECK(found_anon == anon, "%s: %zu anonymous quotes counted, "
		      "gold %zu", file, found_anon, anon);
		/* content-farm signs: the residue gold names is reported */
		if (json_array_size(json_object_get(v, "residue")))
			for (k = 0; k < ns; k++)
				if (src[k].article == art)
					CHECK(src[k].nresidue > 0,
					      "%s: residue in the brief", file);
	}
out:
	px_brief_free(b);
	set_free(&s);
	json_decref(gold);
}

/* The sample corpus: per gold story, its articles briefed together;
 * every disputed amount of the gold found with all its claims. */
static void examples(void)
{
	json_error_t je;
	json_t *gold = json_load_file("examples/gold.json", 0, &je);
	json_t *stories, *disputes, *files, *v;
	const char *title;
	size_t i, total = 0, found = 0;

	CHECK(gold != NULL, "examples/gold.json: %s", je.text);
	if (!gold)
		return;
	stories = json_object_get(json_object_get(gold, "cross_source"),
	                          "stories");
	disputes = json_object_get(json_object_get(gold, "cross_source"),
	                           "disputed_amounts");
	json_object_foreach(stories, title, files) {
		const char *names[MAX_ARTS];
		set s;
		px_brief *b;
		size_t k, n = 0;

		json_array_foreach(files, k, v)
			if (n < MAX_ARTS)
				names[n++] = json_string_value(v);
		if (set_read(&s, "examples", names, n)) {
			CHECK(0, "examples of '%s' read", title);
			continue;
		}
		b = brief_of(&s);
		if (b) {
			well_formed(&s, b);
			json_array_foreach(disputes, i, v) {
				size_t got;

				if (strcmp(json_string_value(json_object_get(
				               v, "story")), title))
					continue;
				total++;
				found += dispute_found(&s, b,
				                       json_object_get(v, "claims"),
				                       &got) ||
				         got >= 2;
			}
		}
		px_brief_free(b);
		set_free(&s);
	}
	/* a dispute counts when two or more of its claims are found
	 * together; at least half of the gold's must be */
	CHECK(total > 0 && found * 2 >= total,
	      "examples: %zu of %zu disputed amounts found", found, total);
	json_decref(gold);
}

/* Invented articles: stance cues, a title dispute, near-copies, HTML
 * escaping. */
static const char *const norland[] = {
	"Source: Harbor Ledger\nPublished: 2031-04-02\n\n"
	"Norland rejects Velmar plan for river checkpoints\n\n"
	"Norland rejected a plan by Velmar to build checkpoints along the "
	"Ossa river on March 3, officials in the capital said. Foreign "
	"Minister Ada Kressel said the checkpoints were \"a provocation we "
	"cannot accept.\" Ostria backed the plan and pledged engineers. "
	"Officials said Lund will not send engineers. "
	"Former Minister Piet Varga said the plan would cost 40 million "
	"euros.\n",
	"Source: Valley Courier\nPublished: 2031-04-03\n\n"
	"Velmar presses river checkpoint plan despite Norland objection\n\n"
	"Velmar pressed on with its plan for checkpoints on the Ossa river "
	"after Norland rejected it on Tuesday. Minister Piet Varga said the "
	"checkpoints would cost 55 million euros. <script>alert(1)</script> "
	"Norland rejected a plan by Velmar to build checkpoints along the "
	"Ossa river on March 4, officials in the capital said. "
	"Officials in Norland called the plan a provocation.\n",
};

/* Stances are read toward the story's question: a cue about something
 * else (a football bid) does not outweigh one about the question (the
 * checkpoint plan). */
static const char *const question[] = {
	"Source: Harbor Ledger\nPublished: 2031-04-02\n\n"
	"Norland rejects Velmar plan for river checkpoints\n\n"
	"Norland rejected a plan by Velmar to build checkpoints along the "
	"Ossa river, officials in the capital said. Ostria backed the "
	"checkpoint plan for the river. Ostria rejected a bid by Velmar to "
	"host the football cup.\n",
	"Source: Valley Courier\nPublished: 2031-04-02\n\n"
	"Norland rejects river checkpoint plan\n\n"
	"Norland rejected the plan by Velmar for checkpoints on the Ossa "
	"river, officials said on Tuesday. The plan would put four "
	"checkpoints on the river.\n",
};

static void stance_question(void)
{
	set s;
	px_brief *b;
	size_t i, na, k, onq = 0, off = 0;
	const px_brief_actor *ac;
	int ostria = 0;
	const px_ref *q;

	s.n = 0;
	for (i = 0; i < 2; i++) {
		s.a[s.n] = t_article(question[i]);
		s.name[s.n++] = i ? "b.txt" : "a.txt";
	}
	b = brief_of(&s);
	if (!b)
		goto out;
	q = &px_brief_info_of(b)->question;
	CHECK(q->span.end > q->span.start &&
	      strstr(t_span(s.a[q->article], q->span), "checkpoint"),
	      "the question is the story's title: %s",
	      t_span(s.a[q->article], q->span));
	ac = px_brief_actors(b, &na);
	for (i = 0; i < na; i++) {
		if (strcmp(ac[i].name, "Ostria"))
			continue;
		ostria = 1;
		for (k = 0; k < ac[i].ncues; k++) {
			onq += ac[i].cues[k].on_question &&
			       ac[i].cues[k].stance == PX_STANCE_SUPPORTS;
			off += !ac[i].cues[k].on_question &&
			       ac[i].cues[k].stance == PX_STANCE_OPPOSES;
		}
		CHECK(ac[i].stance == PX_STANCE_SUPPORTS,
		      "Ostria supports the plan, whatever it says of "
		      "football: %s", px_stance_name(ac[i].stance));
	}
	CHECK(ostria && onq == 1 && off == 1,
	      "one cue on the question, one aside (%zu, %zu)", onq, off);
	px_brief_free(b);
out:
	for (i = 0; i < s.n; i++)
		px_article_free(s.a[i]);
}

static void invented(void)
{
	set s;
	px_brief *b = NULL;
	size_t i, na, nd, k;
	const px_brief_actor *ac;
	const px_dispute *d;
	int norland_opposes = 0, ostria_supports = 0, lund_abstains = 0;
	int title_dispute = 0, date_dispute = 0;
	char *out = NULL;
	size_t len = 0;
	px_status rc;

	s.n = 0;
	for (i = 0; i < 2; i++) {
		s.a[s.n] = t_article(norland[i]);
		s.name[s.n++] = i ? "b.txt" : "a.txt";
	}
	b = brief_of(&s);
	if (!b)
		goto out;
	ac = px_brief_actors(b, &na);
	for (i = 0; i < na; i++) {
		if (!strcmp(ac[i].name, "Norland"))
			norland_opposes = ac[i].stance == PX_STANCE_OPPOSES;
		if (!strcmp(ac[i].name, "Ostria"))
			ostria_supports = ac[i].stance == PX_STANCE_SUPPORTS;
		if (!strcmp(ac[i].name, "Lund"))
			lund_abstains = ac[i].stance == PX_STANCE_ABSTAINS;
		for (k = 0; k < ac[i].ncues; k++)
			CHECK(ac[i].cues[k].cue.span.end >
			      ac[i].cues[k].cue.span.start, "cue has a span");
	}
	CHECK(norland_opposes, "'Norland rejected' reads as opposes");
	CHECK(ostria_supports, "'Ostria backed' reads as supports");
	CHECK(lund_abstains, "'Lund will not send' reads as will not take "
	      "part");
	d = px_brief_disputes(b, &nd);
	for (i = 0; i < nd; i++)
		title_dispute |= d[i].kind == PX_DISPUTE_TITLE &&
		                 strstr(d[i].about, "Varga") != NULL;
	CHECK(title_dispute, "'Former Minister' and 'Minister' of one person "
	      "disagree");
	for (i = 0; i < nd; i++)
		date_dispute |= d[i].kind == PX_DISPUTE_DATE &&
		                d[i].nclaims == 2;
	CHECK(date_dispute, "March 3 and March 4 of one rejection disagree");
	/* HTML: one page, article text escaped */
	rc = px_brief_format_to(b, (const px_article *const *)s.a,
	                        PX_BRIEF_HTML, &out, &len);
	CHECK(rc == PX_OK && out, "html brief");
	if (out) {
		CHECK(!strstr(out, "<script"), "no raw script tag in html");
		CHECK(strstr(out, "&lt;script&gt;") != NULL,
		      "article text escaped in html");
		CHECK(strstr(out, "<details>") != NULL,
		      "citations open their passage");
		CHECK(strlen(out) == len, "length reported");
	}
	free(out);
	out = NULL;
	/* JSON: parses, evidence offsets point at their text */
	rc = px_brief_format_to(b, (const px_article *const *)s.a,
	                        PX_BRIEF_JSON, &out, &len);
	CHECK(rc == PX_OK && out, "json brief");
	if (out) {
		json_error_t je;
		json_t *j = json_loads(out, 0, &je), *hl, *h0;

		CHECK(j != NULL, "brief json parses: %s", je.text);
		hl = json_object_get(j, "highlights");
		h0 = json_array_get(hl, 0);
		CHECK(json_array_size(hl) > 0, "json highlights");
		if (h0) {
			json_t *sent = json_object_get(h0, "sentence");
			size_t art = (size_t)json_integer_value(
				json_object_get(sent, "article"));
			px_span sp;

			sp.start = (size_t)json_integer_value(
				json_object_get(sent, "start"));
			sp.end = (size_t)json_integer_value(
				json_object_get(sent, "end"));
			CHECK(art < s.n && !strcmp(t_span(s.a[art], sp),
			                           json_string_value(
			                               json_object_get(sent,
			                                               "text"))),
			      "json evidence offsets give its text");
		}
		json_decref(j);
	}
	free(out);
out:
	px_brief_free(b);
	set_free(&s);
}

static void bad_calls(void)
{
	px_brief *b = (px_brief *)1;
	px_article *a;
	px_options o;
	px_error err;
	const char *z = "A short report. It says little.\n";
	char *out = (char *)1;

	CHECK(px_brief_build(NULL, 0, NULL, 0, NULL, &b) == PX_EINVAL &&
	      b == NULL, "no articles");
	memset(&o, 0, sizeof(o));
	o.flags = PX_OPT_TEXT_ONLY;
	if (px_article_from_text(z, strlen(z), "t", &o, &a, &err) == PX_OK) {
		const px_article *const one[] = {a};

		CHECK(px_brief_build(one, 1, NULL, 0, NULL, &b) == PX_EINVAL,
		      "a text-only article cannot be briefed");
		CHECK(px_article_highlights(a, NULL) == NULL,
		      "no highlights with text only");
		px_article_free(a);
	}
	CHECK(px_brief_format_to(NULL, NULL, PX_BRIEF_TEXT, &out, NULL) ==
	      PX_EINVAL && out == NULL, "no brief to format");
	px_brief_free(NULL);
}

/* Out of memory at every allocation in turn: a clean PX_ENOMEM, nothing
 * left allocated, then success. */
static void out_of_memory(void)
{
	set s;
	t_failing f;
	px_allocator alc = t_failing_allocator(&f);
	px_brief_opts o;
	long nth;
	int ok_seen = 0, bad = 0, leaked = 0;
	size_t i;

	s.n = 0;
	for (i = 0; i < 2; i++) {
		s.a[s.n] = t_article(norland[i]);
		s.name[s.n++] = i ? "b.txt" : "a.txt";
	}
	memset(&o, 0, sizeof(o));
	o.alc = &alc;
	for (nth = 0; nth < 2000 && !ok_seen; nth++) {
		px_brief *b = NULL;
		px_status rc;

		f.left = nth;
		f.live = 0;
		rc = px_brief_build((const px_article *const *)s.a, s.n, NULL, 0,
		                    &o, &b);
		if (rc == PX_OK)
			ok_seen = 1;
		else if (rc != PX_ENOMEM || b)
			bad++;
		px_brief_free(b);
		leaked += f.live != 0;
	}
	CHECK(ok_seen && nth > 1, "brief built once allocations succeed");
	CHECK(!bad, "%d failures were not a clean PX_ENOMEM", bad);
	CHECK(!leaked, "%d runs left memory allocated", leaked);
	set_free(&s);
}

/* An article's highlights and key insights. */
static void per_article(void)
{
	px_article *a = t_article(norland[0]);
	size_t nh, ni, ns, i;
	const px_highlight *h = px_article_highlights(a, &nh);
	const px_insight *in = px_article_insights(a, &ni);
	const px_sentence *ss = px_article_sentences(a, &ns);
	int numbers = 0, quote = 0;

	CHECK(nh >= 2, "highlights of a short article: %zu", nh);
	for (i = 0; i < nh; i++) {
		CHECK(h[i].sentence < ns && !ss[h[i].sentence].heading,
		      "highlight %zu is a body sentence", i);
		CHECK(h[i].score > 0 && h[i].score <= 1, "score in 0..1");
	}
	CHECK(nh && strstr(t_span(a, ss[h[0].sentence].span),
	                   "Norland rejected") != NULL,
	      "the lead is the first highlight");
	for (i = 0; i < ni; i++) {
		const char *txt = t_span(a, ss[in[i].sentence].span);

		if (!strcmp(in[i].aspect, "numbers"))
			numbers = strstr(txt, "40 million") != NULL;
		if (!strcmp(in[i].aspect, "key quote"))
			quote = strstr(txt, "provocation") != NULL;
		CHECK(in[i].rule && *in[i].rule, "insight has its rule");
	}
	CHECK(numbers, "numbers insight reads the sentence with the amount");
	CHECK(quote, "key quote insight reads the quoted sentence");
	px_article_free(a);
}

/* Highlights of each story, from `parallax brief --format json` output:
 * one array per line. */
static json_t *highlights_of(const char *out)
{
	json_t *all = json_array();
	const char *line = out;

	while (line && *line) {
		const char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);
		json_t *j = json_loadb(line, n, 0, NULL);

		json_array_append(all, json_object_get(j, "highlights"));
		json_decref(j);
		line = nl ? nl + 1 : NULL;
	}
	return all;
}

/* A file read twice (two passes) and standard input read once (articles
 * kept) give the same briefs. */
static void two_passes(const char *bin)
{
	static const char *const recs[] = {
		"{\"id\":\"a\",\"source\":\"Harbor Ledger\",\"published\":"
		"\"2031-04-02\",\"title\":\"Norland rejects river plan\","
		"\"text\":\"Norland rejected a plan by Velmar to build "
		"checkpoints along the Ossa river on Tuesday. Minister Ada "
		"Kressel called the checkpoints a provocation.\"}",
		"{\"id\":\"b\",\"source\":\"Valley Courier\",\"published\":"
		"\"2031-04-03\",\"title\":\"Velmar presses river plan\","
		"\"text\":\"Velmar pressed on with its plan for checkpoints "
		"along the Ossa river after Norland rejected the plan on "
		"Tuesday.\"}",
		"{\"id\":\"c\",\"source\":\"Dune Review\",\"published\":"
		"\"2031-04-02\",\"title\":\"Orchard growers expect record "
		"harvest\",\"text\":\"Apple growers in the southern valleys "
		"expect a record harvest this autumn after a mild spring and "
		"steady rain across the orchards.\"}",
	};
	const char *path = "build/tmp-brief-in.jsonl";
	FILE *f = fopen(path, "w");
	char cmd[1024], *a = NULL, *b = NULL;
	size_t i;
	json_t *ha, *hb;
	int sa, sb;

	CHECK(f != NULL, "write %s", path);
	if (!f)
		return;
	for (i = 0; i < sizeof(recs) / sizeof(*recs); i++)
		fprintf(f, "%s\n", recs[i]);
	fclose(f);
	snprintf(cmd, sizeof(cmd), "%s brief --format json %s", bin, path);
	sa = t_run(cmd, &a, NULL);
	snprintf(cmd, sizeof(cmd), "%s brief --format json - < %s", bin, path);
	sb = t_run(cmd, &b, NULL);
	CHECK(sa == 0 && sb == 0, "brief of a file and of stdin: %d %d", sa,
	      sb);
	ha = highlights_of(a);
	hb = highlights_of(b);
	CHECK(json_array_size(ha) == 2, "two stories: %zu",
	      json_array_size(ha));
	CHECK(json_equal(ha, hb), "a file read twice and stdin read once "
	      "give the same highlights");
	json_decref(ha);
	json_decref(hb);
	free(a);
	free(b);
	remove(path);
}

/* The command: seeds as one story, formats, a missing story. */
static void command(const char *sh)
{
	char cmd[1024], *out = NULL, *err = NULL;
	const char *bin = getenv("PX_BIN");
	int st;

	if (!bin)
		bin = "build/parallax";
	if (sh) {
		snprintf(cmd, sizeof(cmd), "%s brief %s/seeds", bin, sh);
		st = t_run(cmd, &out, &err);
		CHECK(st == 0, "brief seeds: exit %d: %s", st, err ? err : "");
		CHECK(out && strstr(out, "5 articles, 1 story") != NULL,
		      "seeds are one story");
		CHECK(out && strstr(out, "WHERE THE SOURCES DISAGREE"),
		      "disagreements section");
		free(out);
		free(err);
	}
	snprintf(cmd, sizeof(cmd), "%s brief --format md examples/", bin);
	st = t_run(cmd, &out, &err);
	CHECK(st == 0, "brief md examples: exit %d", st);
	CHECK(out && strstr(out, "## STORY 3") != NULL,
	      "examples give three stories");
	free(out);
	free(err);
	two_passes(bin);
	/* the store's stories */
	snprintf(cmd, sizeof(cmd), "rm -f build/tmp-brief.db* && %s ingest "
	         "--db build/tmp-brief.db examples/ && %s brief --db "
	         "build/tmp-brief.db --format md", bin, bin);
	st = t_run(cmd, &out, &err);
	CHECK(st == 0 && out && strstr(out, "## STORY 3") &&
	      strstr(out, "WHERE THE SOURCES DISAGREE"),
	      "brief --db of the ingested examples: exit %d: %s", st,
	      err ? err : "");
	free(out);
	free(err);
	snprintf(cmd, sizeof(cmd), "%s brief --db build/tmp-brief.db --story "
	         "999", bin);
	st = t_run(cmd, &out, &err);
	CHECK(st == 1 && err && strstr(err, "no story 999"),
	      "brief --db of a story not stored: exit %d", st);
	free(out);
	free(err);
	snprintf(cmd, sizeof(cmd), "%s brief --db build/tmp-brief.db "
	         "examples/", bin);
	st = t_run(cmd, &out, &err);
	CHECK(st == 2 && err && strstr(err, "--db"), "--db with inputs");
	free(out);
	free(err);
	remove("build/tmp-brief.db");
	snprintf(cmd, sizeof(cmd), "%s brief --story 9 examples/", bin);
	st = t_run(cmd, &out, &err);
	CHECK(st == 2 && err && strstr(err, "no story 9"),
	      "a story that is not there: exit %d", st);
	free(out);
	free(err);
	snprintf(cmd, sizeof(cmd), "%s brief --format pdf examples/", bin);
	st = t_run(cmd, &out, &err);
	CHECK(st == 2 && err && strstr(err, "--format"), "bad format");
	free(out);
	free(err);
}

int test_brief(void)
{
	const char *sh = t_shared();

	invented();
	stance_question();
	bad_calls();
	out_of_memory();
	per_article();
	examples();
	if (sh)
		seeds(sh);
	else
		printf("skip: ../shared not found; seeds brief not checked\n");
	command(sh);
	return 0;
}
