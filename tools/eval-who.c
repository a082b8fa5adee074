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
#include <dirent.h>
#include <jansson.h>
#include <parallax/parallax.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

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

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *p;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	p = malloc((size_t)n + 1);
	if (p && fread(p, 1, (size_t)n, f) != (size_t)n) {
		free(p);
		p = NULL;
	}
	fclose(f);
	if (p) {
		p[n] = '\0';
		*len = (size_t)n;
	}
	return p;
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
			if (json_is_number(gv) &&
			    json_number_value(gv) != am[k].value &&
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

typedef struct span {
	size_t s, e;
} span;

/* Byte offset of code point offset cp in (p, n). */
static size_t cp_to_byte(const char *p, size_t n, size_t cp)
{
	size_t i = 0, c = 0;

	while (i < n && c < cp) {
		i++;
		while (i < n && ((unsigned char)p[i] & 0xC0) == 0x80)
			i++;
		c++;
	}
	return i;
}

static int has_quote_mark(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] == '"')
			return 1;
		if (i + 2 < n && (unsigned char)p[i] == 0xE2 &&
		    (unsigned char)p[i + 1] == 0x80 &&
		    ((unsigned char)p[i + 2] == 0x9C ||
		     (unsigned char)p[i + 2] == 0x9D))
			return 1;
	}
	return 0;
}

static size_t overlap(span a, span b)
{
	size_t s = a.s > b.s ? a.s : b.s, e = a.e < b.e ? a.e : b.e;

	return e > s ? e - s : 0;
}

static int by_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static int eval_polnear(const char *dir)
{
	char path[4096];
	DIR *d;
	struct dirent *de;
	char **files = NULL;
	size_t nf = 0, cap = 0, fi;
	prf q = {0, 0, 0};
	double spk_ok = 0, spk_n = 0, arts = 0;
	const char *prev = "";

	snprintf(path, sizeof(path), "%s/attributions", dir);
	d = opendir(path);
	if (!d) {
		fprintf(stderr, "eval-who: cannot open %s\n", path);
		return 1;
	}
	while ((de = readdir(d)) != NULL) {
		if (!strstr(de->d_name, ".ann"))
			continue;
		if (nf == cap) {
			cap = cap ? cap * 2 : 256;
			files = realloc(files, cap * sizeof(*files));
		}
		files[nf++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(files, nf, sizeof(*files), by_str);
	for (fi = 0; fi < nf; fi++) {
		char base[1024], *ann, *text, *line, *save;
		size_t alen, tlen, ng = 0, i, k, nq;
		span gc[1024], gsrc[1024];
		int gsrc_ok[1024];
		char tid[1024][8];
		span tsp[4096];
		char tkind[4096];
		size_t nt = 0;
		px_article *a = NULL;
		px_error err;
		const px_quote *qs;
		char *hitg;

		/* the first annotator's file of each text */
		snprintf(base, sizeof(base), "%s", files[fi]);
		if (strrchr(base, '_'))
			*strrchr(base, '_') = '\0';
		if (!strcmp(base, prev))
			continue;
		prev = files[fi];
		{
			static char last[1024];

			snprintf(last, sizeof(last), "%s", base);
			prev = last;
		}
		snprintf(path, sizeof(path), "%s/text/%s.txt", dir, base);
		text = read_file(path, &tlen);
		snprintf(path, sizeof(path), "%s/attributions/%s", dir, files[fi]);
		ann = read_file(path, &alen);
		if (!text || !ann) {
			free(text);
			free(ann);
			continue;
		}
		arts++;
		/* T lines: id, kind, spans (first fragment to last). */
		for (line = strtok_r(ann, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save)) {
			char kind[32];
			unsigned long s, e;
			char *semi;

			if (line[0] != 'T' || nt >= 4096)
				continue;
			if (sscanf(line, "T%*d\t%31s %lu %lu", kind, &s, &e) != 3)
				continue;
			semi = strchr(line, '\t');
			semi = semi ? strchr(semi + 1, '\t') : NULL;
			if (semi) {
				/* discontinuous: "a b;c d": take the last end */
				char *p = line;
				char *tab2 = semi;

				for (p = strchr(line, ';'); p && p < tab2;
				     p = strchr(p + 1, ';'))
					{ unsigned long s2; if (sscanf(p + 1, "%lu %lu", &s2, &e) != 2) break; }
			}
			sscanf(line, "T%7[0-9]", tid[nt % 1024]);
			tsp[nt].s = cp_to_byte(text, tlen, s);
			tsp[nt].e = cp_to_byte(text, tlen, e);
			tkind[nt] = !strcmp(kind, "Content") ? 'C'
			            : !strcmp(kind, "Source") ? 'S' : 'x';
			nt++;
		}
		/* E lines link a content with its source. */
		free(ann);
		snprintf(path, sizeof(path), "%s/attributions/%s", dir, files[fi]);
		ann = read_file(path, &alen);
		for (line = strtok_r(ann, "\n", &save); line;
		     line = strtok_r(NULL, "\n", &save)) {
			char *c, *s;
			long ci = -1, si = -1;

			if (line[0] != 'E' || ng >= 1024)
				continue;
			c = strstr(line, "Content:T");
			s = strstr(line, "Source:T");
			if (c)
				ci = strtol(c + 9, NULL, 10) - 1;
			if (s)
				si = strtol(s + 8, NULL, 10) - 1;
			/* T ids are 1-based and in order in these files */
			if (ci < 0 || (size_t)ci >= nt || tkind[ci] != 'C')
				continue;
			if (!has_quote_mark(text + tsp[ci].s,
			                    tsp[ci].e - tsp[ci].s))
				continue;
			gc[ng] = tsp[ci];
			gsrc_ok[ng] = si >= 0 && (size_t)si < nt && tkind[si] == 'S';
			if (gsrc_ok[ng])
				gsrc[ng] = tsp[si];
			ng++;
		}
		free(ann);
		if (px_article_from_text(text, tlen, base, NULL, &a, &err)) {
			free(text);
			continue;
		}
		qs = px_article_quotes(a, &nq);
		hitg = calloc(ng + 1, 1);
		for (k = 0; k < nq; k++) {
			span ps = {qs[k].span.start, qs[k].span.end};
			size_t best = SIZE_MAX, bo = 0;

			if (qs[k].kind != PX_QUOTE_DIRECT)
				continue;
			for (i = 0; i < ng; i++) {
				size_t o = overlap(ps, gc[i]);

				if (o > bo) {
					bo = o;
					best = i;
				}
			}
			if (best == SIZE_MAX || 2 * bo < ps.e - ps.s) {
				q.fp++;
				continue;
			}
			q.tp++;
			hitg[best] = 1;
			if (gsrc_ok[best]) {
				span sp = {qs[k].speaker_span.start,
				           qs[k].speaker_span.end};

				spk_n++;
				if (overlap(sp, gsrc[best]))
					spk_ok++;
				else if (getenv("PX_EVAL_VERBOSE"))
					printf("    speaker: ours \"%.*s\" gold \"%.*s\" "
					       "quote \"%.50s\"\n",
					       (int)(sp.e - sp.s), text + sp.s,
					       (int)(gsrc[best].e - gsrc[best].s),
					       text + gsrc[best].s, text + ps.s);
			}
		}
		for (i = 0; i < ng; i++)
			if (!hitg[i])
				q.fn++;
		/* several quotes may fall in one gold content: count the gold
		 * once for recall */
		q.tp -= 0;
		free(hitg);
		px_article_free(a);
		free(text);
	}
	printf("%s: %g articles (first annotator each)\n", dir, arts);
	prf_print("direct quotes", &q);
	printf("  %-22s %.3f (%g of %g matched quotes with a source)\n",
	       "speaker accuracy", spk_n ? spk_ok / spk_n : 0, spk_ok, spk_n);
	for (fi = 0; fi < nf; fi++)
		free(files[fi]);
	free(files);
	return 0;
}

int main(int argc, char **argv)
{
	int verbose = 0, i;
	mins mn;

	memset(&mn, 0, sizeof(mn));
	for (i = 1; i < argc; i++) {
		char name[32];
		double v;

		if (!strcmp(argv[i], "-v"))
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
	if (argc >= 4 && !strcmp(argv[1], "gold"))
		return eval_gold(argv[2], argv[3], verbose, &mn);
	if (argc >= 3 && !strcmp(argv[1], "polnear"))
		return eval_polnear(argv[2]);
	fprintf(stderr, "usage: eval-who gold DIR GOLD.json [-v]\n"
	                "       eval-who polnear DIR\n");
	return 2;
}
