/*
 * test_entity.c - the entity tagger with its compiled-in model, on
 * sentences written for these tests: people after titles, places,
 * organizations, capitalized sentence openers that are not names, long
 * sentences over the decoding window, odd bytes, and bad arguments.
 */
#include <stdlib.h>

#include "../test.h"
#include "entity/tagger.h"

#define MAXT 512

/* Split z at spaces into t (pointing into z); returns the count. */
static size_t split(const char *z, pxi_ner_token *t, size_t cap)
{
	size_t n = 0;

	while (*z && n < cap) {
		size_t k;

		while (*z == ' ')
			z++;
		if (!*z)
			break;
		k = strcspn(z, " ");
		t[n].p = z;
		t[n].n = k;
		n++;
		z += k;
	}
	return n;
}

/* "word/TAG ..." for z tagged, into buf. */
static const char *tagged(const char *z, char *buf, size_t cap)
{
	static pxi_ner_work w;
	pxi_ner_token t[MAXT];
	uint8_t tags[MAXT];
	size_t n = split(z, t, MAXT), i, len = 0;

	buf[0] = '\0';
	if (pxi_ner_tag(&w, t, n, tags) != PX_OK)
		return buf;
	for (i = 0; i < n; i++) {
		int k = snprintf(buf + len, cap - len, "%s%.*s/%s", i ? " " : "",
		                 (int)t[i].n, t[i].p, pxi_ner_tag_name(tags[i]));

		if (k < 0 || (size_t)k >= cap - len)
			break;
		len += (size_t)k;
	}
	return buf;
}

/* Every "word/TAG" in want (space-separated) is in z's tagging. */
static void has(const char *z, const char *want)
{
	char buf[8192], one[256];
	const char *p = want;

	tagged(z, buf, sizeof(buf));
	while (*p) {
		size_t k = strcspn(p, " ");
		char pad[260];

		if (k >= sizeof(one))
			break;
		memcpy(one, p, k);
		one[k] = '\0';
		snprintf(pad, sizeof(pad), " %s ", one);
		{
			char padded[8200];

			snprintf(padded, sizeof(padded), " %s ", buf);
			CHECK(strstr(padded, pad) != NULL,
			      "in \"%s\": want %s, got \"%s\"", z, one, buf);
		}
		p += k;
		while (*p == ' ')
			p++;
	}
}

static void people_and_places(void)
{
	has("Deputy Prime Minister Dmitry Volkov met Chancellor Anna Berg "
	    "of Germany in Paris on Monday .",
	    "Deputy/O Prime/O Minister/O Dmitry/B-PER Volkov/I-PER "
	    "Chancellor/O Anna/B-PER Berg/I-PER Germany/B-LOC Paris/B-LOC "
	    "Monday/O ./O");
	has("Senator Maria Okafor told reporters in Chicago that the bill "
	    "would pass .",
	    "Maria/B-PER Okafor/I-PER Chicago/B-LOC reporters/O bill/O");
	has("Police in Lisbon said on Tuesday that Tomas Ferreira , 42 , "
	    "had been arrested .",
	    "Lisbon/B-LOC Tomas/B-PER Ferreira/I-PER Tuesday/O 42/O");
	has("Heavy rain flooded parts of northern Italy and southern "
	    "France overnight .",
	    "Italy/B-LOC France/B-LOC rain/O overnight/O");
}

static void organizations(void)
{
	has("Shares of Kestrel Mining Corp. fell 4 percent after the "
	    "company cut its forecast .",
	    "Kestrel/B-ORG Mining/I-ORG Corp./I-ORG fell/O company/O");
	has("The United Nations and the European Union called for a "
	    "ceasefire .",
	    "The/O United/B-ORG Nations/I-ORG European/B-ORG Union/I-ORG "
	    "ceasefire/O");
	has("A spokesman for the Ministry of Transport declined to "
	    "comment .",
	    "Ministry/B-ORG of/I-ORG Transport/I-ORG spokesman/O");
}

static void sentence_openers(void)
{
	has("Meanwhile , prices rose sharply in the capital .",
	    "Meanwhile/O ,/O prices/O capital/O");
	has("The talks will resume next week .",
	    "The/O talks/O week/O");
	has("However , officials said the plan was sound .",
	    "However/O officials/O");
	has("Analysts expect the central bank to hold rates .",
	    "Analysts/O bank/O rates/O");
}

static void lower_case_text(void)
{
	has("the committee met on thursday and agreed to meet again soon .",
	    "the/O committee/O met/O thursday/O agreed/O soon/O");
}

/* A sentence over the window is tagged whole, in valid BIO. */
static void long_sentence(void)
{
	static pxi_ner_work w;
	static char z[8192];
	pxi_ner_token t[MAXT];
	uint8_t tags[MAXT];
	size_t n, i, len = 0;
	int ok = 1;

	for (i = 0; i < 60; i++) {
		int k = snprintf(z + len, sizeof(z) - len,
		                 "%sJohn Smith visited Berlin and", i ? " " : "");

		len += (size_t)k;
	}
	n = split(z, t, MAXT);
	CHECK(n == 300 && n > PXI_NER_WINDOW, "n = %zu", n);
	memset(tags, 0xFF, sizeof(tags));
	CHECK(pxi_ner_tag(&w, t, n, tags) == PX_OK, "long sentence");
	for (i = 0; i < n; i++) {
		int prev = i ? tags[i - 1] : 0, cur = tags[i];

		if (cur >= PXI_NER_NTAGS)
			ok = 0;
		else if (cur && !(cur & 1) && prev != cur && prev != cur - 1)
			ok = 0;
	}
	CHECK(ok, "every tag valid BIO over %zu tokens", n);
	CHECK(tags[299] == PXI_NER_O, "last 'and' is %s",
	      pxi_ner_tag_name(tags[299]));
	CHECK(tags[2] == PXI_NER_O, "'visited' is %s",
	      pxi_ner_tag_name(tags[2]));
}

/* Odd tokens: empty, non-ASCII, lone continuation bytes, long ones. */
static void odd_tokens(void)
{
	static pxi_ner_work w;
	static char big[5000];
	pxi_ner_token t[6];
	uint8_t tags[6];
	int i;

	memset(big, 'A', sizeof(big));
	t[0].p = "";
	t[0].n = 0;
	t[1].p = "\xc3\x89mile";        /* Émile */
	t[1].n = 6;
	t[2].p = "\x80\xbf";            /* not UTF-8 */
	t[2].n = 2;
	t[3].p = big;
	t[3].n = sizeof(big);
	t[4].p = "M\xc3\xbcller";       /* Müller */
	t[4].n = 7;
	t[5].p = "\xe5\x8c\x97\xe4\xba\xac"; /* 北京 */
	t[5].n = 6;
	CHECK(pxi_ner_tag(&w, t, 6, tags) == PX_OK, "odd tokens");
	for (i = 0; i < 6; i++)
		CHECK(tags[i] < PXI_NER_NTAGS, "tag %d = %d", i, tags[i]);
}

static void arguments(void)
{
	static pxi_ner_work w;
	pxi_ner_token t[1] = {{"Paris", 5}};
	uint8_t tags[1] = {77};

	CHECK(pxi_ner_tag(&w, t, 0, NULL) == PX_OK, "n = 0");
	CHECK(pxi_ner_tag(NULL, t, 1, tags) == PX_EINVAL, "no work area");
	CHECK(pxi_ner_tag(&w, NULL, 1, tags) == PX_EINVAL, "no tokens");
	CHECK(pxi_ner_tag(&w, t, 1, NULL) == PX_EINVAL, "no tags");
	CHECK(tags[0] == 77, "tags unchanged on error");
	CHECK(!strcmp(pxi_ner_tag_name(PXI_NER_B_LOC), "B-LOC") &&
	      !strcmp(pxi_ner_tag_name(99), "?") &&
	      !strcmp(pxi_ner_type_name(PXI_NER_ORG), "ORG") &&
	      !strcmp(pxi_ner_type_name(0), ""), "names");
}

int test_entity(void)
{
	people_and_places();
	organizations();
	sentence_openers();
	lower_case_text();
	long_sentence();
	odd_tokens();
	arguments();
	return 0;
}
