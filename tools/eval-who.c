/*
 * eval-who.c - how well Parallax tells who said what, against
 * hand-checked gold:
 *
 *   eval-who gold DIR GOLD.json   quotes, speakers, people, roles, amounts
 *                                 and terms against a gold file in the
 *                                 format of examples/gold.json
 *   eval-who polnear DIR          direct-quote F1 and speaker accuracy on
 *                                 PolNeAR (DIR holds text/ and
 *                                 attributions/)
 *
 * With --min NAME=X (quotes, speakers, people, roles, amounts: F1 or
 * accuracy) it exits 1 when a figure falls below X; --no-term-speech
 * fails on any quoted term reported as speech. Tests use these.
 *
 * Prints precision, recall and F1; never fits anything.
 */
#include <jansson.h>
#include <math.h>
#include <parallax/parallax.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "polnear.h"

typedef struct prf {
	double tp, fp, fn;
} prf;

static void prf_print(const char *name, const prf *p)
{
	double pr = p->tp + p->fp > 0 ? p->tp / (p->tp + p->fp) : 0;
	double rc = p->tp + p->fn > 0 ? p->tp / (p->tp + p->fn) : 0;
	double f = pr + rc > 0 ? 2 * pr * rc / (pr + rc) : 0;

	printf("  %-22s P %.3f  R %.3f  F1 %.3f   (tp %g, fp %g, fn %g)\n",
	       name, pr, rc, f, p->tp, p->fp, p->fn);
}


/* Copy (p, n) without surrounding punctuation, quote marks and spaces. */
static void norm_text(const char *p, size_t n, char *out, size_t cap)
{
	size_t s = 0, e = n, k = 0;

	for (;;) {
		if (s < e && strchr(" \t\n.,;:!?\"'", p[s]))
			s++;
		else if (e - s >= 3 && (unsigned char)p[s] == 0xE2 &&
		         (unsigned char)p[s + 1] == 0x80)
			s += 3;
		else
			break;
	}
	for (;;) {
		if (e > s && strchr(" \t\n.,;:!?\"'", p[e - 1]))
			e--;
		else if (e - s >= 3 && (unsigned char)p[e - 3] == 0xE2 &&
		         (unsigned char)p[e - 2] == 0x80)
			e -= 3;
		else
			break;
	}
	for (; s < e && k + 1 < cap; s++)
		out[k++] = p[s];
	out[k] = '\0';
}

/* The canonical name for a name as written, by the gold's variant lists;
 * else the name itself. */
static const char *canon(json_t *people, const char *name)
{
	const char *key;
	json_t *v, *x;
	size_t i;

	json_object_foreach(people, key, v) {
		if (!strcmp(key, name))
			return key;
		json_array_foreach(v, i, x)
			if (!strcmp(json_string_value(x), name))
				return key;
	}
	return name;
}

static int contains_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle), h = strlen(hay), i;

	for (i = 0; i + n <= h; i++)
		if (!strncasecmp(hay + i, needle, n))
			return 1;
	return 0;
}

typedef struct totals {
	prf quotes, people, amounts;
	double spk_ok, spk_n, role_ok, role_n, term_as_speech;
} totals;

static void eval_article(const char *dir, const char *file, json_t *g,
                         json_t *people, totals *t, int verbose)
{
	char path[2048], buf[4096], gb[4096];
	size_t len, n, i, k, nq, ne, na;
	char *text;
	px_article *a = NULL;
	px_error err;
	const px_quote *qs;
	const px_entity *es;
	const px_amount *am;
	json_t *item;
	char *used;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	text = read_file(path, &len);
	if (!text || px_article_from_text(text, len, file, NULL, &a, &err)) {
		fprintf(stderr, "eval-who: cannot analyze %s\n", path);
		free(text);
		return;
	}
	qs = px_article_quotes(a, &nq);
	es = px_article_entities(a, &ne);
	am = px_article_amounts(a, &na);
	/* Direct quotes and their speakers. */
	used = calloc(nq + 1, 1);
	json_array_foreach(json_object_get(g, "quotes"), i, item) {
		const char *gt = json_string_value(json_object_get(item, "text"));
		json_t *gs = json_object_get(item, "speaker");
		int anon = json_is_true(json_object_get(item, "anonymous"));
		int hit = 0;

		if (!gt || json_object_get(item, "continuation"))
			continue;
		norm_text(gt, strlen(gt), gb, sizeof(gb));
		for (k = 0; k < nq && !hit; k++) {
			if (qs[k].kind != PX_QUOTE_DIRECT || used[k])
				continue;
			norm_text(text + qs[k].span.start,
			          qs[k].span.end - qs[k].span.start, buf,
			          sizeof(buf));
			if (strcmp(buf, gb) && !(strlen(buf) > 20 &&
			                         strstr(gb, buf)) &&
			    !(strlen(gb) > 20 && strstr(buf, gb)))
				continue;
			hit = 1;
			used[k] = 1;
			t->spk_n++;
			if (anon || json_is_null(gs) || !gs) {
				if (qs[k].speaker_kind == PX_SPEAKER_ANONYMOUS ||
				    (!anon && qs[k].speaker_kind ==
				              PX_SPEAKER_UNRESOLVED))
					t->spk_ok++;
				else if (verbose)
					printf("    speaker: %s: want anonymous\n", gb);
			} else if (qs[k].speaker != SIZE_MAX &&
			           !strcmp(canon(people, es[qs[k].speaker].name),
			                   json_string_value(gs))) {
				t->spk_ok++;
			} else if (verbose) {
				printf("    speaker: %.60s: %s, want %s\n", gb,
				       qs[k].speaker != SIZE_MAX
				       ? es[qs[k].speaker].name : "(none)",
				       json_string_value(gs));
			}
		}
		if (hit) {
			t->quotes.tp++;
		} else {
			t->quotes.fn++;
			if (verbose)
				printf("    missed quote: %.70s\n", gb);
		}
	}
	for (k = 0; k < nq; k++)
		if (qs[k].kind == PX_QUOTE_DIRECT && !used[k]) {
			int cont = 0;

			/* the second half of a quote over two paragraphs */
			json_array_foreach(json_object_get(g, "quotes"), i, item)
				if (json_object_get(item, "continuation"))
					cont = 1;
			norm_text(text + qs[k].span.start,
			          qs[k].span.end - qs[k].span.start, buf,
			          sizeof(buf));
			if (cont && strlen(buf) > 0) {
				json_array_foreach(json_object_get(g, "quotes"),
				                   i, item) {
					const char *gt = json_string_value(
						json_object_get(item, "text"));

					norm_text(gt, strlen(gt), gb, sizeof(gb));
					if (!strcmp(buf, gb))
						cont = 2;
				}
				if (cont == 2)
					continue;
			}
			t->quotes.fp++;
			json_array_foreach(json_object_get(g, "terms"), i, item) {
				const char *tt = json_string_value(item);

				if (tt && !strcasecmp(tt, buf))
					t->term_as_speech++;
			}
			if (verbose)
				printf("    extra quote: %.70s\n", buf);
		}
	free(used);
	/* People and roles. */
	used = calloc(ne + 1, 1);
	json_array_foreach(json_object_get(g, "people"), i, item) {
		const char *gn = json_string_value(json_object_get(item, "name"));
		const char *gr = json_string_value(json_object_get(item, "role"));
		int hit = 0;

		for (k = 0; k < ne && !hit; k++) {
			if (es[k].type != PX_ENT_PERSON ||
			    strcmp(canon(people, es[k].name), gn))
				continue;
			hit = 1;
			used[k] = 1;
			if (gr) {
				char first[256];

				/* the first role in the gold, before ";" */
				snprintf(first, sizeof(first), "%s", gr);
				if (strchr(first, ';'))
					*strchr(first, ';') = '\0';
				t->role_n++;
				if (es[k].role && (contains_ci(es[k].role, first) ||
				                   contains_ci(first, es[k].role)))
					t->role_ok++;
				else if (verbose)
					printf("    role of %s: %s, want %s\n", gn,
					       es[k].role ? es[k].role : "(none)",
					       first);
			}
		}
		if (hit) {
			t->people.tp++;
		} else {
			t->people.fn++;
			if (verbose)
				printf("    missed person: %s\n", gn);
		}
	}
	for (k = 0; k < ne; k++)
		if (es[k].type == PX_ENT_PERSON && !used[k]) {
			t->people.fp++;
			if (verbose)
				printf("    extra person: %s\n", es[k].name);
		}
	free(used);
	/* Amounts: the gold text and ours contain one another, same value */
	used = calloc(na + 1, 1);
	json_array_foreach(json_object_get(g, "amounts"), i, item) {
		const char *gt = json_string_value(json_object_get(item, "text"));
		json_t *gv = json_object_get(item, "value");
		int hit = 0;

		for (k = 0; k < na && !hit; k++) {
			size_t an = am[k].span.end - am[k].span.start;

			snprintf(buf, sizeof(buf), "%.*s", (int)an,
			         text + am[k].span.start);
			if (used[k] || !(contains_ci(buf, gt) ||
			                 contains_ci(gt, buf)))
				continue;
			/* the same value to the gold's written precision
			 * ("a third": 0.33) */
			if (json_is_number(gv) &&
			    fabs(json_number_value(gv) - am[k].value) > 0.005 &&
			    !(json_number_value(gv) * 1e6 == am[k].value ||
			      json_number_value(gv) * 1e9 == am[k].value))
				continue;
			hit = 1;
			used[k] = 1;
		}
		if (hit) {
			t->amounts.tp++;
		} else {
			t->amounts.fn++;
			if (verbose)
				printf("    missed amount: %s\n", gt);
		}
	}
	for (k = 0; k < na; k++)
		if (!used[k]) {
			t->amounts.fp++;
			if (verbose)
				printf("    extra amount: %.*s\n",
				       (int)(am[k].span.end - am[k].span.start),
				       text + am[k].span.start);
		}
	free(used);
	px_article_free(a);
	free(text);
	(void)n;
}

static double f1_of(const prf *p)
{
	double pr = p->tp + p->fp > 0 ? p->tp / (p->tp + p->fp) : 0;
	double rc = p->tp + p->fn > 0 ? p->tp / (p->tp + p->fn) : 0;

	return pr + rc > 0 ? 2 * pr * rc / (pr + rc) : 0;
}

/* Minimums asked for on the command line. */
typedef struct mins {
	double quotes, speakers, people, roles, amounts;
	int no_term_speech;
} mins;

static int below(const char *what, double got, double want)
{
	if (got + 1e-9 >= want)
		return 0;
	printf("FAIL: %s %.3f is below %.3f\n", what, got, want);
	return 1;
}

static int eval_gold(const char *dir, const char *gold, int verbose,
                     const mins *mn)
{
	int bad = 0;

	json_error_t jerr;
	json_t *g = json_load_file(gold, 0, &jerr), *arts, *v, *people, *sv;
	const char *file;
	totals t;
	size_t i;

	if (!g) {
		fprintf(stderr, "eval-who: %s: %s\n", gold, jerr.text);
		return 1;
	}
	memset(&t, 0, sizeof(t));
	people = json_object_get(g, "canonical_people");
	arts = json_object_get(g, "articles");
	printf("%s (%zu articles)\n", gold, json_object_size(arts));
	json_object_foreach(arts, file, v) {
		if (verbose)
			printf("  %s\n", file);
		eval_article(dir, file, v, people, &t, verbose);
	}
	prf_print("direct quotes", &t.quotes);
	printf("  %-22s %.3f (%g of %g matched quotes)\n", "speaker accuracy",
	       t.spk_n ? t.spk_ok / t.spk_n : 0, t.spk_ok, t.spk_n);
	printf("  %-22s %g\n", "terms taken as speech", t.term_as_speech);
	prf_print("people", &t.people);
	printf("  %-22s %.3f (%g of %g found people)\n", "role accuracy",
	       t.role_n ? t.role_ok / t.role_n : 0, t.role_ok, t.role_n);
	prf_print("amounts", &t.amounts);
	/* Spelling variants the gold says are one person. */
	json_array_foreach(json_object_get(json_object_get(g, "cross_source"),
	                                   "spelling_variants"), i, sv) {
		char k1[256], k2[256];
		const char *a1 = json_string_value(json_array_get(sv, 0));
		const char *a2 = json_string_value(json_array_get(sv, 1));

		if (!a1 || !a2)
			continue;
		px_name_key(a1, strlen(a1), k1, sizeof(k1));
		px_name_key(a2, strlen(a2), k2, sizeof(k2));
		printf("  spelling variants      %s / %s: %s (key %s / %s)\n",
		       a1, a2, strcmp(k1, k2) ? "NOT merged" : "merged", k1, k2);
		if (strcmp(k1, k2) && mn->quotes > 0)
			bad++;
	}
	bad += below("direct quote F1", f1_of(&t.quotes), mn->quotes);
	bad += below("speaker accuracy", t.spk_n ? t.spk_ok / t.spk_n : 0,
	             mn->speakers);
	bad += below("people F1", f1_of(&t.people), mn->people);
	bad += below("role accuracy", t.role_n ? t.role_ok / t.role_n : 0,
	             mn->roles);
	bad += below("amount F1", f1_of(&t.amounts), mn->amounts);
	if (mn->no_term_speech && t.term_as_speech) {
		printf("FAIL: %g quoted terms reported as speech\n",
		       t.term_as_speech);
		bad++;
	}
	json_decref(g);
	return bad ? 1 : 0;
}

/* ---- PolNeAR -------------------------------------------------------- */

/*
 * PolNeAR's brat files give spans in code points, possibly in fragments
 * ("a b;c d"); T ids are not always consecutive, so E lines are read
 * through a table by id. A content span holding a quote mark is a direct
 * quote. A predicted direct quote is a true positive when at least half
 * of it lies inside one gold content; every gold content no prediction
 * lands in is a false negative. The speaker of a matched quote is right
 * when its span as written overlaps the gold source span ("span" figure),
 * or, for a named speaker, when one of that entity's mentions in the
 * article overlaps it: the same person named at another place, as for a
 * quote that continues the words of a speaker named before ("entity"
 * figure, the headline one). Where the gold's Source is a lone reporting
 * verb ("said") and its Cue a name, the two labels were swapped by the
 * annotator: the speaker is scored against the Cue, and the count of such
 * quotes is printed. Where the gold's Source is a relative pronoun ("Jane
 * Doe, who said ...": "who"), a speaker ending right before it (", ") is
 * its antecedent and counts as the same source; counted and printed too.
 */







/* Byte offset of every code point offset of (p, n), and of its end. */

/* Read the T and E lines of one .ann file. Returns the T table (by id,
 * size *nt) and the attributions whose content holds a quote mark. */

/* Print (p, n) on one line, newlines as spaces, at most max bytes. */
static void print_flat(const char *p, size_t n, size_t max)
{
	size_t i;

	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)p[n] & 0xC0) == 0x80)
			n--;
	}
	for (i = 0; i < n; i++)
		putchar(p[i] == '\n' ? ' ' : p[i]);
}

static const char *kind_name(px_speaker_kind k)
{
	return k == PX_SPEAKER_NAMED ? "named"
	       : k == PX_SPEAKER_ANONYMOUS ? "anonymous" : "unresolved";
}

/* One error of a matched quote: what we said, what the gold says, and
 * the text around the quote. */
static void print_speaker_error(const char *text, size_t tlen,
                                const px_quote *q, const px_entity *es,
                                const tspan *src)
{
	size_t s = q->span.start > 160 ? q->span.start - 160 : 0;
	size_t e = q->span.end + 120 < tlen ? q->span.end + 120 : tlen;

	printf("  speaker: ours %s \"", kind_name(q->speaker_kind));
	print_flat(text + q->speaker_span.start,
	           q->speaker_span.end - q->speaker_span.start, 80);
	printf("\"%s%s%s gold \"", q->speaker != SIZE_MAX ? " = " : "",
	       q->speaker != SIZE_MAX ? es[q->speaker].name : "",
	       q->speaker != SIZE_MAX ? "," : "");
	if (src)
		print_flat(text + src->f[0].s, src->f[0].e - src->f[0].s, 80);
	printf("\"");
	if (src) {
		size_t gs = src->f[0].s, ge = src->f[src->nf - 1].e, x, nl = 0;
		size_t lo = gs < q->span.start ? ge : q->span.end;
		size_t hi = gs < q->span.start ? q->span.start : gs;

		for (x = lo; x < hi && x < tlen; x++)
			nl += text[x] == '\n';
		printf(" [gold %s, %zu bytes, %s paragraph]",
		       gs < q->span.start ? "before" : "after",
		       hi > lo ? hi - lo : 0, nl ? "other" : "same");
	}
	printf("\n    | ");
	while (s > 0 && ((unsigned char)text[s] & 0xC0) == 0x80)
		s--;
	print_flat(text + s, q->span.start - s, 400);
	printf(" [[");
	print_flat(text + q->span.start, q->span.end - q->span.start, 120);
	printf("]] ");
	print_flat(text + q->span.end, e - q->span.end, 400);
	putchar('\n');
}


static int eval_polnear(const char *dir, int verbose, const mins *mn)
{
	char last[1024] = "";
	char **files = NULL;
	size_t nf = 0, fi;
	prf q = {0, 0, 0};
	double spk_ok = 0, spk_span = 0, spk_n = 0, arts = 0, nswap = 0;
	double nrel = 0;
	int bad = 0;

	files = ann_files(dir, &nf);
	if (!files) {
		fprintf(stderr, "eval-who: cannot open %s/attributions\n", dir);
		return 1;
	}
	for (fi = 0; fi < nf; fi++) {
		char base[1024], *text;
		size_t tlen, ng, nt, i, k, nq, ne;
		tspan *ts;
		gattr *ga;
		px_article *a = NULL;
		px_error err;
		const px_quote *qs;
		const px_entity *es;
		const px_mention *ms;
		size_t nm;
		char *hitg;

		/* the first annotator's file of each text */
		snprintf(base, sizeof(base), "%s", files[fi]);
		if (strrchr(base, '_'))
			*strrchr(base, '_') = '\0';
		if (!strcmp(base, last))
			continue;
		snprintf(last, sizeof(last), "%s", base);
		if (read_doc(dir, base, files[fi], &text, &tlen, &ts, &nt, &ga,
		             &ng))
			continue;
		arts++;
		if (px_article_from_text(text, tlen, base, NULL, &a, &err)) {
			fprintf(stderr, "eval-who: cannot analyze %s\n", base);
			free(text);
			free(ts);
			free(ga);
			continue;
		}
		if (verbose)
			printf("%s\n", base);
		qs = px_article_quotes(a, &nq);
		es = px_article_entities(a, &ne);
		ms = px_article_mentions(a, &nm);
		hitg = calloc(ng + 1, 1);
		for (k = 0; k < nq; k++) {
			span ps = {qs[k].span.start, qs[k].span.end};
			size_t best = SIZE_MAX, bo = 0;

			if (qs[k].kind != PX_QUOTE_DIRECT)
				continue;
			for (i = 0; i < ng; i++) {
				size_t o = overlap_t(ps, &ts[ga[i].c]);

				if (o > bo) {
					bo = o;
					best = i;
				}
			}
			if (best == SIZE_MAX || 2 * bo < ps.e - ps.s) {
				q.fp++;
				if (verbose) {
					printf("  extra quote: \"");
					print_flat(text + ps.s, ps.e - ps.s, 100);
					printf("\"\n");
				}
				continue;
			}
			q.tp++;
			hitg[best] = 1;
			if (ga[best].s) {
				const tspan *src = &ts[ga[best].s];

				if (swapped(text, src, ga[best].cue
				                       ? &ts[ga[best].cue] : NULL)) {
					src = &ts[ga[best].cue];
					nswap++;
				}
				span sp = {qs[k].speaker_span.start,
				           qs[k].speaker_span.end};
				int ok = overlap_t(sp, src) > 0;

				/* a relative pronoun as the gold source ("Jane
				 * Doe, who said"): its antecedent, the name
				 * right before it, is the same speaker */
				if (!ok && src->nf == 1 && sp.e <= src->f[0].s &&
				    src->f[0].s - sp.e <= 2 && sp.e > sp.s &&
				    rel_pronoun(text + src->f[0].s,
				                src->f[0].e - src->f[0].s)) {
					ok = 1;
					nrel++;
				}
				spk_n++;
				spk_span += ok;
				for (i = 0; !ok && qs[k].speaker != SIZE_MAX &&
				            i < nm; i++)
					if (ms[i].entity == qs[k].speaker &&
					    overlap_t((span){ms[i].span.start,
					                     ms[i].span.end}, src))
						ok = 1;
				spk_ok += ok;
				if (!ok && verbose)
					print_speaker_error(text, tlen, &qs[k], es,
					                    src);
			}
		}
		for (i = 0; i < ng; i++)
			if (!hitg[i]) {
				const tspan *c = &ts[ga[i].c];

				q.fn++;
				if (verbose) {
					printf("  missed quote: \"");
					print_flat(text + c->f[0].s,
					           c->f[0].e - c->f[0].s, 100);
					printf("\"\n");
				}
			}
		free(hitg);
		free(ts);
		free(ga);
		px_article_free(a);
		free(text);
	}
	printf("%s: %g articles (first annotator each)\n", dir, arts);
	prf_print("direct quotes", &q);
	printf("  %-22s %.3f (%g of %g matched quotes with a source)\n",
	       "speaker accuracy", spk_n ? spk_ok / spk_n : 0, spk_ok, spk_n);
	printf("  %-22s %.3f (the speaker's span as written overlaps the "
	       "gold source)\n", "  by span alone", spk_n ? spk_span / spk_n : 0);
	if (nrel)
		printf("  (%g of them with a relative pronoun as the gold "
		       "source and our speaker its antecedent right before "
		       "it)\n", nrel);
	if (nswap)
		printf("  (%g matched quotes whose gold Source is a lone reporting "
		       "verb and Cue a name: labels swapped, scored against "
		       "the Cue)\n", nswap);
	bad += below("direct quote F1", f1_of(&q), mn->quotes);
	bad += below("speaker accuracy", spk_n ? spk_ok / spk_n : 0,
	             mn->speakers);
	for (fi = 0; fi < nf; fi++)
		free(files[fi]);
	free(files);
	return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
	int verbose = 0, i;
	mins mn;

	memset(&mn, 0, sizeof(mn));
	for (i = 1; i < argc; i++) {
		char name[32];
		double v;

		if (!strcmp(argv[i], "-v") || !strcmp(argv[i], "--errors"))
			verbose = 1;
		else if (!strcmp(argv[i], "--no-term-speech"))
			mn.no_term_speech = 1;
		else if (!strcmp(argv[i], "--min") && i + 1 < argc &&
		         sscanf(argv[i + 1], "%31[a-z]=%lf", name, &v) == 2) {
			i++;
			if (!strcmp(name, "quotes"))
				mn.quotes = v;
			else if (!strcmp(name, "speakers"))
				mn.speakers = v;
			else if (!strcmp(name, "people"))
				mn.people = v;
			else if (!strcmp(name, "roles"))
				mn.roles = v;
			else if (!strcmp(name, "amounts"))
				mn.amounts = v;
		}
	}
	if (getenv("PX_EVAL_VERBOSE"))
		verbose = 1;
	if (argc >= 4 && !strcmp(argv[1], "gold"))
		return eval_gold(argv[2], argv[3], verbose, &mn);
	if (argc >= 3 && !strcmp(argv[1], "polnear"))
		return eval_polnear(argv[2], verbose, &mn);
	fprintf(stderr, "usage: eval-who gold DIR GOLD.json [-v|--errors] "
	                "[--min NAME=X]... [--no-term-speech]\n"
	                "       eval-who polnear DIR [-v|--errors] "
	                "[--min quotes=X] [--min speakers=X]\n");
	return 2;
}
