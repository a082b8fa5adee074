/*
 * test_jw.c - the JSON writer (lib/emit/jw.c) writes what jansson writes:
 * the same reals, escapes and separators, and fails where jansson fails.
 */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>

#include "../test.h"
#include "emit/emit_int.h"

/* jansson's compact text of v (taken), as the old emitter wrote it. */
static char *jansson_text(json_t *v)
{
	char *z = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER |
	                            JSON_ENCODE_ANY | JSON_REAL_PRECISION(12));

	json_decref(v);
	return z;
}

static void real_is_janssons(double v)
{
	pxi_jw w;
	char *mine, *theirs = jansson_text(json_real(v));
	size_t n;

	pxi_jw_init(&w);
	pxi_jw_real(&w, v);
	mine = pxi_jw_finish(&w, &n);
	CHECK(mine && theirs && !strcmp(mine, theirs) && n == strlen(mine),
	      "real %.17g: mine %s, jansson %s", v, mine ? mine : "(null)",
	      theirs ? theirs : "(null)");
	free(mine);
	free(theirs);
}

static void string_is_janssons(const char *p, size_t len)
{
	pxi_jw w;
	char *mine, *theirs = jansson_text(json_stringn(p, len));

	pxi_jw_init(&w);
	pxi_jw_strn(&w, p, len);
	mine = pxi_jw_finish(&w, NULL);
	CHECK(mine && theirs && !strcmp(mine, theirs),
	      "string: mine %s, jansson %s", mine ? mine : "(null)",
	      theirs ? theirs : "(null)");
	free(mine);
	free(theirs);
}

int test_jw(void)
{
	static const double reals[] = {
		0.0, -0.0, 1.0, -1.0, 1.5, 0.1, 0.123, -0.456, 1.0 / 3.0,
		123456.789, 1e12, 1e15, 1e20, 1.5e-7, 1e-5, 2.5e-300, 1e300,
		150e9, 999999999999.0, 1234567890123.0, 26.0, -2.39,
	};
	char all[41];
	pxi_jw w;
	char *z;
	size_t i, n;
	json_t *o, *arr;

	for (i = 0; i < sizeof(reals) / sizeof(reals[0]); i++)
		real_is_janssons(reals[i]);

	/* Every control character, the two escaped marks, DEL, UTF-8. */
	for (i = 0; i < 32; i++)
		all[i] = (char)(i ? i : ' ');
	memcpy(all + 32, "\"\\/\x7f\xc3\xa9\xe2\x80\xa8", 9);
	string_is_janssons(all, 41);
	string_is_janssons("", 0);
	string_is_janssons("plain text", 10);

	/* Nesting, separators and keys as jansson writes them. */
	pxi_jw_init(&w);
	pxi_jw_obj(&w);
	pxi_jw_key(&w, "a");
	pxi_jw_arr(&w);
	pxi_jw_int(&w, 1);
	pxi_jw_int(&w, -20);
	pxi_jw_obj(&w);
	pxi_jw_obj_end(&w);
	pxi_jw_arr(&w);
	pxi_jw_arr_end(&w);
	pxi_jw_null(&w);
	pxi_jw_arr_end(&w);
	pxi_jw_key(&w, "b");
	pxi_jw_bool(&w, 1);
	pxi_jw_key(&w, "c\"");
	pxi_jw_str(&w, NULL);
	pxi_jw_key(&w, "d");
	pxi_jw_raw(&w, "{\"x\":2.5}", 9);
	pxi_jw_obj_end(&w);
	z = pxi_jw_finish(&w, &n);
	o = json_object();
	arr = json_array();
	json_array_append_new(arr, json_integer(1));
	json_array_append_new(arr, json_integer(-20));
	json_array_append_new(arr, json_object());
	json_array_append_new(arr, json_array());
	json_array_append_new(arr, json_null());
	json_object_set_new(o, "a", arr);
	json_object_set_new(o, "b", json_true());
	json_object_set_new(o, "c\"", json_null());
	json_object_set_new(o, "d", json_pack("{s:f}", "x", 2.5));
	{
		char *theirs = jansson_text(o);

		CHECK(z && theirs && !strcmp(z, theirs) && n == strlen(z),
		      "structure: mine %s, jansson %s", z ? z : "(null)",
		      theirs ? theirs : "(null)");
		free(theirs);
	}
	free(z);

	/* What jansson refuses, the writer refuses. */
	pxi_jw_init(&w);
	pxi_jw_strn(&w, "bad \xc3 byte", 10);
	CHECK(!pxi_jw_finish(&w, NULL), "invalid UTF-8 fails");
	pxi_jw_init(&w);
	pxi_jw_real(&w, NAN);
	CHECK(!pxi_jw_finish(&w, NULL), "NaN fails");
	pxi_jw_init(&w);
	pxi_jw_obj(&w);
	CHECK(!pxi_jw_finish(&w, NULL), "an open object fails");
	pxi_jw_init(&w);
	for (i = 0; i < 70; i++)
		pxi_jw_arr(&w);
	for (i = 0; i < 70; i++)
		pxi_jw_arr_end(&w);
	CHECK(!pxi_jw_finish(&w, NULL), "nesting past 63 fails");
	return 0;
}
