/*
 * ner-data.c - read CoNLL-2003 files, convert IOB1 to BIO, and score
 * entities by exact match, as conlleval does.
 */
#include <stdlib.h>
#include <string.h>

#include "ner-data.h"
#include "file.h"

/* The tag named (p, n): "O", "I-PER", "B-LOC", ...; -1 if unknown. */
static int tag_of(const char *p, size_t n, int *begin)
{
	static const char *const types[] = {"PER", "ORG", "LOC", "MISC"};
	size_t k;

	*begin = 0;
	if (n == 1 && p[0] == 'O')
		return 0;
	if (n < 3 || p[1] != '-' || (p[0] != 'I' && p[0] != 'B'))
		return -1;
	*begin = p[0] == 'B';
	for (k = 0; k < 4; k++)
		if (strlen(types[k]) == n - 2 && !memcmp(p + 2, types[k], n - 2))
			return (int)k + 1;
	return -1;
}

/* Close the sentence that runs to token d->ntok, if it has tokens. */
static void end_sentence(ner_data *d, size_t *first)
{
	if (d->ntok > *first) {
		d->sent[d->nsent].first = *first;
		d->sent[d->nsent].n = d->ntok - *first;
		d->nsent++;
	}
	*first = d->ntok;
}

/* Read a CoNLL file; see ner-data.h. */
int ner_read(const char *path, ner_data *d)
{
	size_t len = 0, lines = 1, i, first = 0;
	char *p, *end;
	int prev_type = 0;

	memset(d, 0, sizeof(*d));
	d->buf = read_file(path, &len);
	if (!d->buf) {
		fprintf(stderr, "ner: cannot read %s\n", path);
		return -1;
	}
	for (i = 0; i < len; i++)
		lines += d->buf[i] == '\n';
	d->tok = malloc(lines * sizeof(*d->tok));
	d->gold = malloc(lines);
	d->sent = malloc(lines * sizeof(*d->sent));
	if (!d->tok || !d->gold || !d->sent) {
		fprintf(stderr, "ner: out of memory\n");
		ner_free(d);
		return -1;
	}
	for (p = d->buf; p < d->buf + len; p = end + 1) {
		char *sp, *last;
		int type, begin;

		end = memchr(p, '\n', (size_t)(d->buf + len - p));
		if (!end)
			end = d->buf + len;
		sp = memchr(p, ' ', (size_t)(end - p));
		if (end == p || !sp || !strncmp(p, "-DOCSTART-", 10)) {
			end_sentence(d, &first);
			prev_type = 0;
			continue;
		}
		last = end;
		while (last > p && last[-1] != ' ')
			last--;
		type = tag_of(last, (size_t)(end - last), &begin);
		if (type < 0) {
			fprintf(stderr, "ner: %s: bad tag at byte %zu\n", path,
			        (size_t)(last - d->buf));
			ner_free(d);
			return -1;
		}
		d->tok[d->ntok].p = p;
		d->tok[d->ntok].n = (size_t)(sp - p);
		d->len += (size_t)(sp - p) + 1;
		/* IOB1: I- continues an entity of its type, else opens one. */
		if (type == 0)
			d->gold[d->ntok] = PXI_NER_O;
		else if (begin || prev_type != type)
			d->gold[d->ntok] = (uint8_t)(2 * type - 1);
		else
			d->gold[d->ntok] = (uint8_t)(2 * type);
		prev_type = type;
		d->ntok++;
	}
	end_sentence(d, &first);
	return 0;
}

/* Free what ner_read allocated; d is left empty. */
void ner_free(ner_data *d)
{
	free(d->buf);
	free(d->tok);
	free(d->gold);
	free(d->sent);
	memset(d, 0, sizeof(*d));
}

typedef struct span {
	size_t s, e;
	int type;
} span;

/* Spans of BIO tags t[0..n) into out; returns how many. */
static size_t spans(const uint8_t *t, size_t n, span *out)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		int type = (t[i] + 1) / 2;

		if (!type)
			continue;
		if ((t[i] & 1) || i == 0 || (t[i - 1] + 1) / 2 != type ||
		    k == 0 || out[k - 1].e != i) {
			out[k].s = i;
			out[k].type = type;
			k++;
		}
		out[k - 1].e = i + 1;
	}
	return k;
}

/* Count exact matches of the spans of gold and pred. */
void ner_score_add(ner_score *s, const uint8_t *gold, const uint8_t *pred,
                   size_t n)
{
	span gs[512], ps[512];
	size_t ng, np, i, j = 0;

	if (n > 512)
		n = 512;
	ng = spans(gold, n, gs);
	np = spans(pred, n, ps);
	for (i = 0; i < np; i++) {
		while (j < ng && gs[j].s < ps[i].s)
			j++;
		if (j < ng && gs[j].s == ps[i].s && gs[j].e == ps[i].e &&
		    gs[j].type == ps[i].type)
			s->tp[ps[i].type]++;
		else
			s->fp[ps[i].type]++;
	}
	for (i = 0; i < ng; i++)
		s->gold[gs[i].type]++;
}

/* P, R and F1 over the types in the bit set types. */
void ner_prf(const ner_score *s, unsigned types, double *p, double *r,
             double *f)
{
	size_t tp = 0, fp = 0, gold = 0;
	int t;

	for (t = 1; t < 5; t++)
		if (types & (1u << t)) {
			tp += s->tp[t];
			fp += s->fp[t];
			gold += s->gold[t];
		}
	*p = tp + fp ? (double)tp / (double)(tp + fp) : 0;
	*r = gold ? (double)tp / (double)gold : 0;
	*f = *p + *r > 0 ? 2 * *p * *r / (*p + *r) : 0;
}

/* Print the P/R/F1 table of s to f. */
void ner_score_print(FILE *f, const ner_score *s)
{
	static const char *const names[] = {"", "PER", "ORG", "LOC", "MISC"};
	double p, r, f1;
	int t;

	fprintf(f, "%-12s %9s %9s %9s %7s\n", "type", "precision", "recall",
	        "F1", "gold");
	for (t = 1; t < 5; t++) {
		ner_prf(s, 1u << t, &p, &r, &f1);
		fprintf(f, "%-12s %9.4f %9.4f %9.4f %7zu\n", names[t], p, r,
		        f1, s->gold[t]);
	}
	ner_prf(s, NER_POL, &p, &r, &f1);
	fprintf(f, "%-12s %9.4f %9.4f %9.4f %7zu\n", "PER/ORG/LOC", p, r, f1,
	        s->gold[1] + s->gold[2] + s->gold[3]);
	ner_prf(s, NER_ALL, &p, &r, &f1);
	fprintf(f, "%-12s %9.4f %9.4f %9.4f %7zu\n", "all four", p, r, f1,
	        s->gold[1] + s->gold[2] + s->gold[3] + s->gold[4]);
}
