/*
 * test_lang.c - language identification, the stages each language gets,
 * and the page data in the JSON output.
 */
#include <stdlib.h>

#include "../test.h"

/* Short news paragraphs written for these tests. */
static const char en[] =
	"The city council voted on Tuesday to delay the new bus lanes until "
	"the spring, after shop owners on the main street said the works "
	"would keep customers away during the holiday season. The mayor told "
	"reporters that the plan had not been dropped.\n";
static const char de[] =
	"Der Stadtrat hat am Dienstag beschlossen, die neuen Busspuren erst "
	"im Frühjahr zu bauen. Die Ladenbesitzer in der Hauptstraße hatten "
	"gewarnt, dass die Bauarbeiten in der Weihnachtszeit die Kunden "
	"fernhalten würden. Der Bürgermeister sagte, der Plan sei nicht "
	"aufgegeben worden. Mehr als 40 Geschäfte hatten unterschrieben.\n";
static const char fr[] =
	"Le conseil municipal a décidé mardi de reporter les nouvelles voies "
	"de bus au printemps, après que les commerçants de la rue principale "
	"ont affirmé que les travaux éloigneraient les clients pendant les "
	"fêtes. Le maire a déclaré que le projet n'était pas abandonné.\n";
static const char es[] =
	"El ayuntamiento votó el martes aplazar los nuevos carriles de "
	"autobús hasta la primavera, después de que los comerciantes de la "
	"calle principal dijeran que las obras alejarían a los clientes "
	"durante las fiestas. El alcalde dijo que el plan no se ha "
	"abandonado.\n";
static const char ru[] =
	"Городской совет во вторник решил отложить строительство новых "
	"автобусных полос до весны. Владельцы магазинов на главной улице "
	"заявили, что работы отпугнут покупателей в праздничный сезон. Мэр "
	"сказал журналистам, что от плана не отказались.\n";

static const char el[] =
	"Το δημοτικό συμβούλιο αποφάσισε την Τρίτη να αναβάλει τις νέες "
	"λωρίδες λεωφορείων μέχρι την άνοιξη, αφού οι καταστηματάρχες είπαν "
	"ότι τα έργα θα διώξουν τους πελάτες.\n";

static void guess_is(const px_langid *li, const char *text, const char *want)
{
	px_lang l;

	CHECK(px_langid_guess(li, text, strlen(text), &l) == PX_OK,
	      "guess %s", want);
	CHECK(l.code && !strcmp(l.code, want) && l.firm,
	      "language %s (firm %d, margin %.3f, runner-up %s), want %s",
	      l.code ? l.code : "(none)", l.firm, l.margin,
	      l.runner_up ? l.runner_up : "(none)", want);
}

/* An article analyzed with language identification. */
static px_article *with_lang(const px_langid *li, const char *text)
{
	px_options o;
	px_article *a = NULL;
	px_error err;

	memset(&o, 0, sizeof(o));
	o.langid = li;
	CHECK(px_article_from_text(text, strlen(text), "lang.txt", &o, &a,
	                           &err) == PX_OK, "analyze: %s", err.msg);
	return a;
}

static void stages(const px_langid *li)
{
	px_article *a;
	const px_lang *l;
	unsigned st;
	size_t n;
	char *json = NULL;
	size_t len;

	/* English: every stage. */
	a = with_lang(li, en);
	l = px_article_lang(a);
	st = px_article_stages(a);
	CHECK(l && l->code && !strcmp(l->code, "en"), "English article");
	CHECK((st & (PX_STAGE_ENTITIES | PX_STAGE_QUOTES | PX_STAGE_TONE |
	             PX_STAGE_HIGHLIGHTS | PX_STAGE_LANG)) ==
	      (PX_STAGE_ENTITIES | PX_STAGE_QUOTES | PX_STAGE_TONE |
	       PX_STAGE_HIGHLIGHTS | PX_STAGE_LANG), "stages %#x", st);
	CHECK(px_article_tone(a) != NULL, "English gets tone");
	CHECK(l && l->method && !strcmp(l->method, "function words") &&
	      l->function_share > 0.3 && !l->runner_up,
	      "English told by its function words: %s %.2f",
	      l && l->method ? l->method : "(none)",
	      l ? l->function_share : 0);
	px_article_free(a);

	/* German: the text stages and amounts, none that read English. */
	a = with_lang(li, de);
	l = px_article_lang(a);
	st = px_article_stages(a);
	CHECK(l && l->code && !strcmp(l->code, "de") && l->firm,
	      "German article: %s", l && l->code ? l->code : "(none)");
	CHECK(l && l->method && !strcmp(l->method, "n-grams") &&
	      l->function_share < 0.15, "German by its n-grams (share %.2f)",
	      l ? l->function_share : 0);
	CHECK((st & (PX_STAGE_TEXT | PX_STAGE_RESIDUE | PX_STAGE_AMOUNTS)) ==
	      (PX_STAGE_TEXT | PX_STAGE_RESIDUE | PX_STAGE_AMOUNTS),
	      "text stages run: %#x", st);
	CHECK(!(st & (PX_STAGE_ENTITIES | PX_STAGE_QUOTES | PX_STAGE_TONE |
	              PX_STAGE_HIGHLIGHTS)), "English stages skipped: %#x",
	      st);
	px_article_entities(a, &n);
	CHECK(n == 0, "no entities from German text: %zu", n);
	px_article_highlights(a, &n);
	CHECK(n == 0, "no highlights from German text: %zu", n);
	px_article_amounts(a, &n);
	CHECK(n >= 1, "the number is still an amount: %zu", n);
	CHECK(px_article_sentences(a, &n) && n >= 4, "sentences: %zu", n);
	CHECK(px_article_to_json(a, 0, &json, &len) == PX_OK &&
	      strstr(json, "\"stages\":[\"text\",\"residue\","
	                   "\"language\",\"amounts\"]") &&
	      strstr(json, "\"code\":\"de\""), "JSON says so: %.300s",
	      json ? json : "");
	free(json);
	json = NULL;
	CHECK(px_article_to_text(a, 0, &json, &len) == PX_OK &&
	      strstr(json, "German") && strstr(json, "not run"),
	      "text view says which stages did not run: %s",
	      json ? json : "");
	free(json);
	px_article_free(a);

	/* Too little text to tell: every stage runs, no verdict. */
	a = with_lang(li, "Talks resume.\n");
	l = px_article_lang(a);
	CHECK(l && !l->code, "short text has no verdict: %s",
	      l && l->code ? l->code : "(none)");
	CHECK(px_article_stages(a) & PX_STAGE_ENTITIES,
	      "unsure means every stage runs");
	px_article_free(a);

	/* One sentence is too little for a firm verdict: whatever it scores
	 * closest to, every stage runs. */
	a = with_lang(li, "Wrapping foil does not rot, and the dumps fill.\n");
	l = px_article_lang(a);
	CHECK(l && !l->firm, "one sentence is never firm");
	CHECK(px_article_stages(a) & PX_STAGE_TONE,
	      "and gets every stage: %#x", px_article_stages(a));
	px_article_free(a);

	/* Not asked: no language, every stage. */
	a = t_article(de);
	CHECK(!px_article_lang(a), "no identification without a langid");
	CHECK((px_article_stages(a) & PX_STAGE_ENTITIES) &&
	      !(px_article_stages(a) & PX_STAGE_LANG), "stages %#x",
	      px_article_stages(a));
	CHECK(px_article_to_json(a, 0, &json, &len) == PX_OK &&
	      strstr(json, "\"language\":null"), "JSON language null");
	free(json);
	px_article_free(a);
}

/* The page block: charset, declared language, and each block's bytes in
 * the page. */
static void page_json(const px_langid *li)
{
	static const char page[] =
		"<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset="
		"\"windows-1252\"><title>Bus lanes delayed</title></head>"
		"<body><nav><a href=\"/\">Home</a></nav><article>"
		"<h1>Bus lanes delayed</h1>"
		"<p>The city council voted on Tuesday to delay the new bus "
		"lanes until the spring, after shop owners said the works "
		"would keep customers away.</p><p>The mayor said the plan "
		"had not been dropped and that work would start in "
		"March.</p></article></body></html>";
	px_options o;
	px_article *a = NULL;
	px_error err;
	char *json = NULL;
	size_t len, n, i;
	const px_html_span *hs;
	const char *text;
	int ok = 1;

	memset(&o, 0, sizeof(o));
	o.langid = li;
	CHECK(px_article_from_html(page, sizeof(page) - 1, "bus.html", &o, &a,
	                           &err) == PX_OK, "page: %s", err.msg);
	if (!a)
		return;
	hs = px_article_html_spans(a, &n);
	text = px_article_text(a, &len);
	for (i = 0; i < n; i++)
		ok &= hs[i].html.end <= sizeof(page) - 1 &&
		      hs[i].text.end - hs[i].text.start ==
		      hs[i].html.end - hs[i].html.start &&
		      !memcmp(text + hs[i].text.start, page + hs[i].html.start,
		              hs[i].text.end - hs[i].text.start);
	CHECK(n >= 2 && ok, "blocks map to the page's bytes (%zu)", n);
	CHECK(px_article_to_json(a, 0, &json, &len) == PX_OK && json, "json");
	CHECK(json && strstr(json, "\"declared_language\":\"en-GB\"") &&
	      strstr(json, "\"charset\":\"WINDOWS-1252\"") &&
	      strstr(json, "\"html_start\":") &&
	      strstr(json, "\"code\":\"en\""),
	      "page block in JSON: %s", json ? json : "");
	free(json);
	px_article_free(a);

	a = t_article(en);
	CHECK(px_article_to_json(a, 0, &json, &len) == PX_OK &&
	      strstr(json, "\"page\":null"), "no page for plain text");
	free(json);
	px_article_free(a);
}

/* A story told in English and in German: the German source counts, its
 * tone is not read, and the brief says so. */
static void brief_mixed(const px_langid *li)
{
	px_article *arts[2];
	px_brief *b = NULL;
	const px_brief_source *src;
	size_t n = 0;
	char *out = NULL;
	size_t len;

	arts[0] = with_lang(li, en);
	arts[1] = with_lang(li, de);
	CHECK(px_brief_build((const px_article *const *)arts, 2, NULL, 0, NULL,
	                     &b) == PX_OK, "brief of two languages");
	src = b ? px_brief_sources(b, &n) : NULL;
	CHECK(n == 2 && src[0].read && !src[1].read && src[1].lang &&
	      !strcmp(src[1].lang->code, "de"),
	      "sources: English read, German not (%zu)", n);
	CHECK(b && px_brief_format_to(b, (const px_article *const *)arts,
	                              PX_BRIEF_TEXT, &out, &len) == PX_OK &&
	      strstr(out, "in German: tone, quotes and framing not read"),
	      "the text brief says so: %s", out ? out : "");
	free(out);
	out = NULL;
	CHECK(b && px_brief_format_to(b, (const px_article *const *)arts,
	                              PX_BRIEF_JSON, &out, &len) == PX_OK &&
	      strstr(out, "\"language\":\"de\"") &&
	      strstr(out, "\"author_tone\":null"),
	      "the JSON brief too: %.400s", out ? out : "");
	free(out);
	px_brief_free(b);
	px_article_free(arts[0]);
	px_article_free(arts[1]);
}

int test_lang(void)
{
	px_langid *li = NULL;
	px_error err;
	px_lang l;
	char seed[512];
	size_t i;

	memset(&err, 0, sizeof(err));
	CHECK(px_langid_open("/nonexistent/fingerprints", &li, &err) ==
	      PX_EIO && !li && strstr(err.msg, "/nonexistent/fingerprints/") &&
	      strstr(err.msg, "libexttextcat-data"),
	      "a missing directory names the file: %s", err.msg);
	CHECK(px_langid_open(NULL, &li, &err) == PX_OK && li,
	      "open the packaged fingerprints: %s", err.msg);
	if (!li)
		return 0;
	guess_is(li, en, "en");
	guess_is(li, de, "de");
	guess_is(li, fr, "fr");
	guess_is(li, es, "es");
	guess_is(li, ru, "ru");
	/* Greek script: only Greek is compared, so no runner-up. */
	guess_is(li, el, "el");
	CHECK(px_langid_guess(li, el, strlen(el), &l) == PX_OK &&
	      !l.runner_up, "one language of its script");
	CHECK(px_langid_guess(li, "Hi.", 3, &l) == PX_OK && !l.code,
	      "three bytes give no verdict");
	CHECK(px_langid_guess(li, NULL, 0, &l) == PX_OK && !l.code,
	      "nothing gives no verdict");
	CHECK(px_langid_guess(NULL, en, 10, &l) == PX_EINVAL, "no langid");

	/* The seeds are English, residue and all. */
	if (t_shared()) {
		static const char *seeds[] = {
			"000_da3154dc2ebda340.txt", "001_0edf0412e018febb.txt",
			"002_1c1e29eec6f4ef02.txt", "003_385ba10f30cb3e0a.txt",
			"004_c8eb596b8968bef4.txt"};

		for (i = 0; i < sizeof(seeds) / sizeof(seeds[0]); i++) {
			size_t n;
			char *z;
			px_article *a;

			snprintf(seed, sizeof(seed), "%s/seeds/%s", t_shared(),
			         seeds[i]);
			z = t_read_file(seed, &n);
			if (!z) {
				CHECK(0, "read %s", seed);
				continue;
			}
			a = with_lang(li, z);
			CHECK(a && px_article_lang(a) &&
			      px_article_lang(a)->code &&
			      !strcmp(px_article_lang(a)->code, "en"),
			      "%s is English", seeds[i]);
			px_article_free(a);
			free(z);
		}
	} else {
		printf("skip: seeds (no ../shared)\n");
	}
	stages(li);
	page_json(li);
	brief_mixed(li);
	px_langid_close(li);
	return 0;
}
