/*
 * test_jw.c - the JSON writer (lib/emit/jw.c) writes what jansson writes:
 * the same reals, escapes and separators, and fails where jansson fails.
 */
#include <jansson.h>
#include <stdint.h>
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

/* 1 when the writer writes v as jansson does; else 0, with both texts
 * in why. */
static int same_real(double v, char *why, size_t cap)
{
	pxi_jw w;
	char *mine, *theirs = jansson_text(json_real(v));
	size_t n;
	int ok;

	pxi_jw_init(&w);
	pxi_jw_real(&w, v);
	mine = pxi_jw_finish(&w, &n);
	ok = mine && theirs && !strcmp(mine, theirs) && n == strlen(mine);
	if (!ok)
		snprintf(why, cap, "real %.17g: mine %s, jansson %s", v,
		         mine ? mine : "(null)", theirs ? theirs : "(null)");
	free(mine);
	free(theirs);
	return ok;
}

static void real_is_janssons(double v)
{
	char why[160] = "";

	CHECK(same_real(v, why, sizeof(why)), "%s", why);
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
	/* The fast way for reals near k / 1000 (jw.c, real_fast) against
	 * jansson: the scores an analysis writes (k / 1000 and sums of
	 * them), their neighbours a few units off in the last place, values
	 * with a fourth decimal, and the edges of the range it takes. */
	{
		static const double edge[] = {
			0.001, 0.0015, 0.0009999, 99999999.999, 1e8, 99999999.9995,
			0.30000000000000004, 0.1 + 0.7, 1234.5, 0.0005, -0.0005,
			5.53, 26.316, -26.316, 651.0, 0.1924999999,
			0.19250000001, 12345678.0001,
		};
		uint64_t x = 0x9e3779b97f4a7c15ull;
		size_t k, bad = 0, tried = 0;
		char why[160] = "";

		for (k = 0; k < sizeof(edge) / sizeof(edge[0]); k++)
			real_is_janssons(edge[k]);
		for (k = 0; k < 20000; k++) {
			double v, t[5];
			int j;

			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			v = (double)(long long)(x % 20000001) / 1000.0 - 10000.0;
			t[0] = v;
			t[1] = v * 0.1 + 0.2;
			t[2] = nextafter(v, 1e9);
			t[3] = nextafter(nextafter(v, -1e9), -1e9);
			t[4] = v / 7.0;
			for (j = 0; j < 5; j++, tried++)
				bad += !same_real(t[j], why, sizeof(why));
		}
		CHECK(!bad, "%zu of %zu reals written otherwise, e.g. %s", bad,
		      tried, why);
	}

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

	/* Strings made of random pieces (plain ASCII, quotes, backslashes,
	 * control characters, UTF-8 of every length, stray and cut bytes,
	 * NUL), so that escapes and bad bytes fall at every place of the
	 * writer's eight-byte steps: the same text as jansson, and failure
	 * where jansson fails or (NUL) where pxi_utf8_check does. */
	{
		static const char *const piece[] = {
			"a", "Kyiv ", "\"", "\\", "\n", "\t", "\x01", "\x1f",
			"\x7f", "\xc3\xa9", "\xe2\x80\x9c", "\xf0\x9f\x98\x80",
			"\xc3", "\xe2\x80", "\x80", "\xff", "\xed\xa0\x80",
			"\xc0\xaf", "0123456789", "/",
		};
		uint64_t x = 88172645463325252ull;
		size_t k, bad = 0, tried = 0;
		char why[300] = "";

		for (k = 0; k < 20000; k++, tried++) {
			char buf[160];
			size_t len = 0, m = (size_t)(x % 12), j;
			int nul = 0;
			char *mine, *theirs;

			for (j = 0; j < m; j++) {
				const char *pc;
				size_t pl;

				x ^= x << 13;
				x ^= x >> 7;
				x ^= x << 17;
				if (x % 97 == 0) { /* a NUL now and then */
					buf[len++] = '\0';
					nul = 1;
					continue;
				}
				pc = piece[x % (sizeof(piece) / sizeof(piece[0]))];
				pl = strlen(pc);
				memcpy(buf + len, pc, pl);
				len += pl;
			}
			x ^= x << 13;
			x ^= x >> 7;
			x ^= x << 17;
			pxi_jw_init(&w);
			pxi_jw_strn(&w, buf, len);
			mine = pxi_jw_finish(&w, NULL);
			theirs = nul ? NULL : jansson_text(json_stringn(buf, len));
			if (!((!mine && !theirs) ||
			      (mine && theirs && !strcmp(mine, theirs)))) {
				bad++;
				snprintf(why, sizeof(why), "mine %s, jansson %s",
				         mine ? mine : "(fails)",
				         theirs ? theirs : "(fails)");
			}
			free(mine);
			free(theirs);
		}
		CHECK(!bad, "%zu of %zu strings written otherwise: %s", bad,
		      tried, why);
	}

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
