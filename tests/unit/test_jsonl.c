/*
 * test_jsonl.c - JSON Lines records: fields, default ids, pass-through,
 * and malformed records reported with line and position.
 */
#include <stdlib.h>

#include "../test.h"

static px_status rec(const char *line, size_t lineno, px_article **a,
                     px_error *err)
{
	*a = NULL;
	return px_article_from_json(line, strlen(line), "in.jsonl", lineno,
	                            NULL, a, err);
}

int test_jsonl(void)
{
	px_article *a;
	px_error err;
	const px_meta *m;
	char *js = NULL;
	size_t n;

	CHECK(rec("{\"id\":\"a1\",\"source\":\"Wire\",\"url\":\"https://x.org\","
	          "\"published\":\"2025-01-02\",\"title\":\"Talks Resume\","
	          "\"text\":\"Talks resumed. “We are hopeful,” she said.\","
	          "\"lean\":\"left\",\"n\":3}", 1, &a, &err) == PX_OK,
	      "%s", err.msg);
	m = px_article_meta(a);
	CHECK(!strcmp(m->id, "a1") && !strcmp(m->source, "Wire") &&
	      !strcmp(m->title, "Talks Resume") &&
	      !strcmp(m->published, "2025-01-02"), "fields");
	CHECK(m->title_span.end == 0, "record title is not in the text");
	CHECK(m->extra_json && strstr(m->extra_json, "\"lean\":\"left\"") &&
	      strstr(m->extra_json, "\"n\":3"), "extra: %s", m->extra_json);
	px_article_sentences(a, &n);
	CHECK(n == 2, "two sentences, got %zu", n);
	CHECK(px_article_to_json(a, 0, &js, NULL) == PX_OK &&
	      strstr(js, "\"extra\":{\"lean\":\"left\",\"n\":3}"),
	      "extra passed through: %s", js);
	free(js);
	px_article_free(a);

	/* No id: name:line. Numbers are accepted as ids. */
	CHECK(rec("{\"text\":\"Body text here.\"}", 7, &a, &err) == PX_OK &&
	      !strcmp(px_article_meta(a)->id, "in.jsonl:7"), "default id");
	px_article_free(a);
	CHECK(rec("{\"id\":42,\"text\":\"Body text here.\"}", 1, &a, &err) ==
	      PX_OK && !strcmp(px_article_meta(a)->id, "42"), "numeric id");
	px_article_free(a);

	/* Malformed and truncated records. */
	CHECK(rec("{\"id\":\"x\",\"text\":\"cut here", 3, &a, &err) ==
	      PX_EPARSE && !a, "truncated record");
	CHECK(err.line == 3 && strstr(err.msg, "in.jsonl") &&
	      strstr(err.msg, "line 3"), "error names input and line: %s",
	      err.msg);
	CHECK(rec("{\"text\": tru}", 2, &a, &err) == PX_EPARSE &&
	      err.offset > 0 && err.offset <= 12, "position %zu: %s",
	      err.offset, err.msg);
	CHECK(rec("[1,2]", 1, &a, &err) == PX_EPARSE &&
	      strstr(err.msg, "not a JSON object"), "%s", err.msg);
	CHECK(rec("{\"id\":\"x\"}", 1, &a, &err) == PX_EPARSE &&
	      strstr(err.msg, "no \"text\""), "%s", err.msg);
	CHECK(rec("{\"title\":[1],\"text\":\"x y\"}", 1, &a, &err) ==
	      PX_EPARSE && strstr(err.msg, "title"), "%s", err.msg);
	CHECK(rec("{\"source\":1,\"text\":\"x y\"}", 1, &a, &err) ==
	      PX_EPARSE && strstr(err.msg, "\"source\" is not a string"),
	      "%s", err.msg);
	CHECK(rec("{\"text\":\"a\\u0000b\"}", 1, &a, &err) == PX_EPARSE,
	      "NUL escape refused: %s", err.msg);
	CHECK(rec("{\"text\":\"   \"}", 4, &a, &err) == PX_EEMPTY &&
	      strstr(err.msg, "in.jsonl:4"), "empty text: %s", err.msg);
	CHECK(rec("{\"text\":\"ok\xC3\"}", 1, &a, &err) == PX_EPARSE,
	      "invalid UTF-8 in JSON: %s", err.msg);
	return 0;
}
