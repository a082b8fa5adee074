/*
 * jsonl.c - one JSON Lines record (id, source, url, published, title,
 * text; any other field passed through) to an analyzed article. JSON is
 * parsed with jansson.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../article/article.h"

static const char *const known[] = {
	"id", "source", "url", "published", "title", "text", NULL
};

static int is_known(const char *k)
{
	size_t i;

	for (i = 0; known[i]; i++)
		if (!strcmp(k, known[i]))
			return 1;
	return 0;
}

/* A string field (or, when num is given, an integer, as ids often are);
 * NULL when absent or null. On a wrong type *bad names the field. */
static const char *str_field(json_t *o, const char *k, char *num,
                             size_t numsz, const char **bad)
{
	json_t *v = json_object_get(o, k);

	if (!v || json_is_null(v))
		return NULL;
	if (json_is_string(v))
		return json_string_value(v);
	if (num && json_is_integer(v)) {
		snprintf(num, numsz, "%" JSON_INTEGER_FORMAT,
		         json_integer_value(v));
		return num;
	}
	*bad = k;
	return NULL;
}

px_status px_article_from_json(const char *json, size_t len,
                               const char *name, size_t line,
                               const px_options *opts, px_article **out,
                               px_error *err)
{
	char input[300], idnum[32];
	json_error_t jerr;
	json_t *o, *extra = NULL, *v;
	const char *key, *bad = NULL;
	char *extra_z = NULL;
	px_record rec;
	px_status rc;

	if (!out)
		return PX_EINVAL;
	*out = NULL;
	if (!name)
		name = "<input>";
	snprintf(input, sizeof(input), "%s:%zu", name, line);
	o = json_loadb(json, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!o && strstr(jerr.text, "\\u0000"))
		return pxi_error(err, PX_EPARSE, name, (size_t)jerr.position,
		                 line, "NUL character (\\u0000) in a JSON string");
	if (!o)
		return pxi_error(err, PX_EPARSE, name, (size_t)jerr.position,
		                 line, "malformed JSON (%s)", jerr.text);
	if (!json_is_object(o)) {
		json_decref(o);
		return pxi_error(err, PX_EPARSE, name, 0, line,
		                 "record is not a JSON object");
	}
	memset(&rec, 0, sizeof(rec));
	rec.input = input;
	rec.id = str_field(o, "id", idnum, sizeof(idnum), &bad);
	rec.source = str_field(o, "source", NULL, 0, &bad);
	rec.url = str_field(o, "url", NULL, 0, &bad);
	rec.published = str_field(o, "published", NULL, 0, &bad);
	rec.title = str_field(o, "title", NULL, 0, &bad);
	v = json_object_get(o, "text");
	if (bad || !v || !json_is_string(v)) {
		json_decref(o);
		return pxi_error(err, PX_EPARSE, name, 0, line,
		                 bad ? "field \"%s\" is not a string"
		                     : "record has no \"text\" string",
		                 bad ? bad : "text");
	}
	rec.text = json_string_value(v);
	rec.text_len = json_string_length(v);
	json_object_foreach(o, key, v) {
		if (is_known(key))
			continue;
		if (!extra)
			extra = json_object();
		if (!extra || json_object_set(extra, key, v)) {
			json_decref(extra);
			json_decref(o);
			return pxi_error(err, PX_ENOMEM, name, 0, line,
			                 "out of memory");
		}
	}
	if (extra) {
		extra_z = json_dumps(extra, JSON_COMPACT);
		json_decref(extra);
		if (!extra_z) {
			json_decref(o);
			return pxi_error(err, PX_ENOMEM, name, 0, line,
			                 "out of memory");
		}
		rec.extra_json = extra_z;
	}
	rc = px_article_from_record(&rec, opts, out, err);
	free(extra_z);
	json_decref(o);
	if (rc && err && err->code != PX_ENOMEM && !err->line) {
		/* Name the line of the JSONL input, not of the text field. */
		err->line = line;
	}
	return rc;
}
