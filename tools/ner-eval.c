/*
 * ner-eval.c - score the compiled-in entity model (lib/entity/
 * ner_model.c) on a CoNLL-2003 file and time the tagger.
 *
 * Build (from the repository root):
 *
 *   cc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -Wall -Wextra -Werror \
 *     -Iinclude -Ilib -o build/ner-eval tools/ner-eval.c \
 *     tools/ner-data.c lib/entity/ner.c lib/entity/tagger.c \
 *     lib/entity/ner_model.c -lutf8proc
 *
 * Run:
 *
 *   build/ner-eval [FILE]    default ../shared/data/ner-conll2003/eng.testa
 *
 * Tags each sentence with pxi_ner_tag() (the library's entry point,
 * compiled-in weights), converts the file's IOB1 gold to spans the way
 * conlleval does, and prints exact-match precision, recall and F1 per
 * type, over PER/ORG/LOC and over all four; then tokens and bytes tagged
 * per second on one core (the file tagged over and over for a second).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "entity/tagger.h"
#include "ner-data.h"

/* Seconds on a monotonic clock. */
static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Tag every sentence of d into pred (d->ntok tags). */
static int tag_all(const ner_data *d, pxi_ner_work *w, uint8_t *pred)
{
	size_t s;

	for (s = 0; s < d->nsent; s++) {
		const ner_sent *st = &d->sent[s];

		if (pxi_ner_tag(w, d->tok + st->first, st->n,
		                pred + st->first) != PX_OK)
			return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1]
	                   : "../shared/data/ner-conll2003/eng.testa";
	static pxi_ner_work w;
	ner_data d;
	ner_score sc;
	uint8_t *pred;
	double t0, dt;
	size_t s, rounds = 0;

	if (argc > 2 || (argc == 2 && argv[1][0] == '-')) {
		fprintf(stderr, "usage: ner-eval [CONLL_FILE]\n");
		return 2;
	}
	if (ner_read(path, &d))
		return 1;
	pred = malloc(d.ntok + 1);
	if (!pred || tag_all(&d, &w, pred)) {
		fprintf(stderr, "ner-eval: tagging failed\n");
		return 1;
	}
	memset(&sc, 0, sizeof(sc));
	for (s = 0; s < d.nsent; s++)
		ner_score_add(&sc, d.gold + d.sent[s].first,
		              pred + d.sent[s].first, d.sent[s].n);
	printf("%s: %zu sentences, %zu tokens; exact-match entities\n",
	       path, d.nsent, d.ntok);
	ner_score_print(stdout, &sc);
	t0 = now();
	do {
		tag_all(&d, &w, pred);
		rounds++;
		dt = now() - t0;
	} while (dt < 1.0);
	printf("speed: %.0f tokens/s, %.1f MB/s of token text (with one "
	       "separator each), one core\n",
	       (double)(rounds * d.ntok) / dt,
	       (double)(rounds * d.len) / dt / 1e6);
	free(pred);
	ner_free(&d);
	return 0;
}
