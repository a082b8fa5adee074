/*
 * fuzz_record.c - px_article_from_record with the bytes as the text:
 *   1. defaults, a fixed title and every other field set;
 *   2. defaults, no title (so the text's first line may become one) and
 *      no other field;
 *   3. PX_OPT_NO_TITLE | PX_OPT_NO_FRONT with the fixed title;
 *   4. a small max_bytes.
 * The status must be what a reference check of the bytes predicts; a
 * success keeps the record's fields and the invariants of fuzz.h.
 */
#include "fuzz.h"

static const char title[] = "Fixed Fuzz Title";
static const char extra[] = "{\"lang\":\"en\",\"n\":[1,2]}";

static void run(const uint8_t *data, size_t size, const px_record *rec,
                const px_options *opts)
{
	px_article *a = fuzz_unset();
	const px_meta *m;
	const char *text;
	px_error err;
	px_status want, rc;
	size_t bad, tlen;

	want = fuzz_expect(data, size, opts ? opts->max_bytes : 0, &bad);
	fuzz_dirty(&err);
	rc = px_article_from_record(rec, opts, &a, &err);
	if (rc != want)
		fuzz_fail("px_article_from_record: %s, but the bytes call for "
		          "%s (bad byte %zu)", px_strerror(rc),
		          px_strerror(want), bad);
	if (rc != PX_OK) {
		fuzz_check_error("px_article_from_record", rc, a, &err);
		if ((rc == PX_EUTF8 || rc == PX_ENUL) && err.offset != bad)
			fuzz_fail("px_article_from_record: %s at byte %zu, the "
			          "reference says %zu", px_strerror(rc),
			          err.offset, bad);
		return;
	}
	if (!a)
		fuzz_fail("px_article_from_record: PX_OK without an article");
	text = px_article_text(a, &tlen);
	if (tlen != size || memcmp(text, data, size))
		fuzz_fail("px_article_text is not the record's text");
	m = px_article_meta(a);
	if (rec->title && (!m->title || strcmp(m->title, rec->title)))
		fuzz_fail("meta.title is not the record's title");
	if (rec->title && m->title_span.end != m->title_span.start)
		fuzz_fail("a record with a title got a title_span");
	if (rec->id && (!m->id || strcmp(m->id, rec->id)))
		fuzz_fail("meta.id is not the record's id");
	if (rec->source && (!m->source || strcmp(m->source, rec->source) ||
	                    !m->source_from ||
	                    strcmp(m->source_from, "record")))
		fuzz_fail("meta.source is not the record's source");
	if (rec->extra_json &&
	    (!m->extra_json || strcmp(m->extra_json, rec->extra_json)))
		fuzz_fail("meta.extra_json is not the record's");
	if (m->body.start != 0)
		fuzz_fail("a record's body starts at %zu, not 0",
		          m->body.start);
	fuzz_check_all(a);
	px_article_free(a);
}

FUZZ_ENTRY(record)
{
	px_record rec;
	px_options o;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	memset(&rec, 0, sizeof(rec));
	rec.id = "fuzz-1";
	rec.source = "Fuzz Wire";
	rec.url = "https://example.com/fuzz";
	rec.published = "2025-03-13";
	rec.title = title;
	rec.text = (const char *)data;
	rec.text_len = size;
	rec.extra_json = extra;
	rec.input = "fuzz/record:1";
	run(data, size, &rec, NULL);

	memset(&rec, 0, sizeof(rec));
	rec.text = (const char *)data;
	rec.text_len = size;
	run(data, size, &rec, NULL);

	memset(&o, 0, sizeof(o));
	o.flags = PX_OPT_NO_TITLE | PX_OPT_NO_FRONT;
	rec.title = title;
	run(data, size, &rec, &o);

	memset(&o, 0, sizeof(o));
	o.max_bytes = FUZZ_SMALL_MAX;
	run(data, size, &rec, &o);
	return 0;
}
