/*
 * fuzz_json.c - px_article_from_json on the bytes as one JSON Lines
 * record, under the defaults, PX_OPT_NO_TITLE | PX_OPT_NO_FRONT with a
 * long input name and the largest line number, and a small max_bytes.
 *
 * Besides the invariants of fuzz.h: JSON that jansson rejects, or a record
 * without a "text" string, must be PX_EPARSE; a success must hold exactly
 * the "text" string as its text, and the string fields of the record as
 * its metadata.
 */
#include "fuzz.h"

/* What jansson makes of the line, for the checks (NULL: not an object
 * with a "text" string). */
static json_t *reference(const uint8_t *data, size_t size)
{
	json_error_t jerr;
	json_t *o = json_loadb((const char *)data, size,
	                       JSON_REJECT_DUPLICATES, &jerr);

	if (o && (!json_is_object(o) ||
	          !json_is_string(json_object_get(o, "text")))) {
		json_decref(o);
		o = NULL;
	}
	return o;
}

/* A string field of the record must come through as it is. */
static void same_field(json_t *o, const char *k, const char *got)
{
	json_t *v = json_object_get(o, k);

	if (!json_is_string(v))
		return;
	if (!got || strcmp(got, json_string_value(v)))
		fuzz_fail("record field \"%s\" is \"%s\", meta has \"%s\"", k,
		          json_string_value(v), got ? got : "(null)");
}

static void run(const uint8_t *data, size_t size, json_t *ref,
                const char *name, size_t line, const px_options *opts)
{
	px_article *a = fuzz_unset();
	const px_meta *m;
	const char *text;
	px_error err;
	px_status rc;
	size_t tlen;
	json_t *t;

	fuzz_dirty(&err);
	rc = px_article_from_json((const char *)data, size, name, line, opts,
	                          &a, &err);
	if (rc != PX_OK) {
		fuzz_check_error("px_article_from_json", rc, a, &err);
		if (!ref && rc != PX_EPARSE)
			fuzz_fail("px_article_from_json: %s for a line that is "
			          "not a record with text", px_strerror(rc));
		if (rc == PX_ENOMEM)
			fuzz_fail("px_article_from_json: PX_ENOMEM");
		return;
	}
	if (!a)
		fuzz_fail("px_article_from_json: PX_OK without an article");
	if (!ref)
		fuzz_fail("px_article_from_json: PX_OK for a line that is not "
		          "a record with text");
	t = json_object_get(ref, "text");
	text = px_article_text(a, &tlen);
	if (tlen != json_string_length(t) ||
	    memcmp(text, json_string_value(t), tlen))
		fuzz_fail("px_article_text is not the record's \"text\"");
	m = px_article_meta(a);
	same_field(ref, "id", m->id);
	same_field(ref, "source", m->source);
	same_field(ref, "url", m->url);
	same_field(ref, "published", m->published);
	same_field(ref, "title", m->title);
	if (!m->id)
		fuzz_fail("px_article_from_json: no id");
	fuzz_check_all(a);
	px_article_free(a);
}

FUZZ_ENTRY(json)
{
	char longname[400];
	px_options o;
	json_t *ref;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	ref = reference(data, size);
	run(data, size, ref, "fuzz/record.jsonl", 1, NULL);

	memset(&o, 0, sizeof(o));
	o.flags = PX_OPT_NO_TITLE | PX_OPT_NO_FRONT;
	memset(longname, 'n', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	run(data, size, ref, longname, SIZE_MAX, &o);

	memset(&o, 0, sizeof(o));
	o.max_bytes = FUZZ_SMALL_MAX;
	run(data, size, ref, "fuzz/record.jsonl", 7, &o);
	json_decref(ref);
	return 0;
}
