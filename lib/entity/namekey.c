/*
 * namekey.c - a spelling-insensitive key for names, so that spellings and
 * transliterations of one name meet: Zelenskiy / Zelensky / Zelenskyy,
 * Volodymyr / Vladimir, Kiev / Kyiv, Oleksandr / Aleksandr, Cyrillic
 * forms. Each word becomes the consonants of its folded Latin form; a word
 * that opens with a vowel opens with '_'.
 */
#include <string.h>
#include <utf8proc.h>

#include "../text/text.h"
#include "entity.h"

/* Latin for a Cyrillic letter (lower case), or NULL. */
static const char *cyrillic(int32_t c)
{
	static const char *const ru[32] = {
		"a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l",
		"m", "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch",
		"sh", "shch", "", "y", "", "e", "yu", "ya"
	};

	if (c >= 0x430 && c <= 0x44F)
		return ru[c - 0x430];
	switch (c) {
	case 0x451: return "e";  /* yo */
	case 0x454: return "ye"; /* Ukrainian ye */
	case 0x456: return "i";  /* Ukrainian i */
	case 0x457: return "yi"; /* yi */
	case 0x491: return "g";  /* ghe with upturn */
	default: return NULL;
	}
}

/* Fold (p, n) to lower-case ASCII letters and spaces in buf. */
static size_t fold(const char *p, size_t n, char *buf, size_t cap)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t i = 0, len = 0;

	while (i < n && len + 5 < cap) {
		int32_t c;
		size_t k;
		const char *lat;

		if (u[i] < 0x80) { /* most bytes: no call to decode them */
			c = u[i];
			k = 1;
		} else {
			k = pxi_utf8_decode(u + i, n - i, &c);
		}
		i += k;
		if (c < 0x80) {
			if (c >= 'A' && c <= 'Z')
				c += 32;
			if (c >= 'a' && c <= 'z')
				buf[len++] = (char)c;
			else if ((c == ' ' || c == '-') && len && buf[len - 1] != ' ')
				buf[len++] = ' ';
			continue;
		}
		c = utf8proc_tolower(c);
		lat = cyrillic(c);
		if (lat) {
			size_t m = strlen(lat);

			memcpy(buf + len, lat, m);
			len += m;
			continue;
		}
		/* Latin with accents: the base letter. */
		{
			utf8proc_int32_t d[4];
			utf8proc_ssize_t m = utf8proc_decompose_char(
				c, d, 4, UTF8PROC_DECOMPOSE, NULL);

			if (m > 0 && d[0] >= 'a' && d[0] <= 'z')
				buf[len++] = (char)d[0];
			else if (m > 0 && d[0] >= 'A' && d[0] <= 'Z')
				buf[len++] = (char)(d[0] + 32);
		}
	}
	while (len && buf[len - 1] == ' ')
		len--;
	buf[len] = '\0';
	return len;
}

static int vowel(char c)
{
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' ||
	       c == 'y';
}

/* Spellings of one sound that transliterations swap. */
static const struct {
	const char *from, *to;
} digraphs[] = {
	{"shch", "s"}, {"dzh", "j"}, {"tch", "c"}, {"zh", "j"}, {"kh", "g"},
	{"ch", "c"}, {"sh", "s"}, {"ts", "c"}, {"tz", "c"}, {"ck", "k"},
	{"ph", "f"}, {"w", "v"}, {"x", "ks"}, {"q", "k"}, {"h", "g"},
	{NULL, NULL}
};

size_t px_name_key(const char *p, size_t n, char *out, size_t cap)
{
	char buf[512], sub[1024];
	size_t len, i, d, sl = 0, ol = 0;
	uint32_t openers = 0;

	if (!p || !out || cap == 0)
		return 0;
	len = fold(p, n, buf, sizeof(buf));
	/* The letters a digraph opens with: most letters open none and
	 * skip the table below. */
	for (d = 0; digraphs[d].from; d++)
		openers |= 1u << (digraphs[d].from[0] - 'a');
	/* Digraphs first, then consonant skeletons per word. */
	for (i = 0; i < len && sl + 3 < sizeof(sub);) {
		unsigned k = (unsigned)(unsigned char)buf[i] - 'a';

		if (k >= 26u || !(openers >> k & 1u)) {
			sub[sl++] = buf[i++];
			continue;
		}
		for (d = 0; digraphs[d].from; d++) {
			size_t m;

			if (digraphs[d].from[0] != buf[i])
				continue; /* most letters stop here, cheaply */
			m = strlen(digraphs[d].from);
			if (i + m <= len && !memcmp(buf + i, digraphs[d].from, m))
				break;
		}
		if (digraphs[d].from) {
			size_t m = strlen(digraphs[d].to);

			memcpy(sub + sl, digraphs[d].to, m);
			sl += m;
			i += strlen(digraphs[d].from);
		} else {
			sub[sl++] = buf[i++];
		}
	}
	for (i = 0; i < sl && ol + 2 < cap; i++) {
		int word_start = i == 0 || sub[i - 1] == ' ';

		if (sub[i] == ' ') {
			if (ol && out[ol - 1] != ' ')
				out[ol++] = ' ';
			continue;
		}
		if (vowel(sub[i])) {
			if (word_start)
				out[ol++] = '_';
			continue;
		}
		if (ol && out[ol - 1] == sub[i])
			continue; /* double letters */
		out[ol++] = sub[i];
	}
	while (ol && out[ol - 1] == ' ')
		ol--;
	out[ol] = '\0';
	return ol;
}
