/*
 * charset.c - a page's bytes to UTF-8 with a map back to the input.
 *
 * The charset comes from, in order: a byte-order mark, the declared one
 * (an HTTP header), the page's <meta charset> or <meta http-equiv
 * content="...; charset=..."> found by the HTML standard's prescan of the
 * first 4 KiB, valid UTF-8, else windows-1252 (which also stands for
 * ISO-8859-1 and US-ASCII, as browsers read them). Conversion is iconv's,
 * one character at a time so that every output character knows its input
 * bytes; stretches that are not copied one to one are kept as pxi_seg.
 */
#include <errno.h>
#include <iconv.h>
#include <string.h>

#include "html.h"

#define PRESCAN ((size_t)4096)

/* ---- Prescan for a meta charset ---------------------------------------- */

static int lc(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int is_sp(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Case-insensitive: does (p, n) start with the lower-case z? */
static int starts_ci(const char *p, size_t n, const char *z)
{
	size_t i;

	for (i = 0; z[i]; i++)
		if (i >= n || lc((unsigned char)p[i]) != z[i])
			return 0;
	return 1;
}

/*
 * One attribute of a tag at p[*i] (HTML "get an attribute"): its name and
 * value as slices of p. Returns 0 at the tag's end.
 */
static int get_attr(const char *p, size_t n, size_t *i, const char **k,
                    size_t *kn, const char **v, size_t *vn)
{
	size_t j = *i;

	while (j < n && (is_sp(p[j]) || p[j] == '/'))
		j++;
	if (j >= n || p[j] == '>')
		return 0;
	*k = p + j;
	while (j < n && !is_sp(p[j]) && p[j] != '=' && p[j] != '>' &&
	       p[j] != '/')
		j++;
	*kn = (size_t)(p + j - *k);
	*v = p + j;
	*vn = 0;
	while (j < n && is_sp(p[j]))
		j++;
	if (j < n && p[j] == '=') {
		j++;
		while (j < n && is_sp(p[j]))
			j++;
		if (j < n && (p[j] == '"' || p[j] == '\'')) {
			char q = p[j++];

			*v = p + j;
			while (j < n && p[j] != q)
				j++;
			*vn = (size_t)(p + j - *v);
			if (j < n)
				j++;
		} else {
			*v = p + j;
			while (j < n && !is_sp(p[j]) && p[j] != '>')
				j++;
			*vn = (size_t)(p + j - *v);
		}
	}
	*i = j;
	return 1;
}

/* The charset named in a content attribute: "text/html; charset=X". */
static int charset_in(const char *v, size_t vn, const char **cs, size_t *cn)
{
	size_t i;

	for (i = 0; i + 7 <= vn; i++) {
		if (!starts_ci(v + i, vn - i, "charset"))
			continue;
		i += 7;
		while (i < vn && is_sp(v[i]))
			i++;
		if (i >= vn || v[i] != '=')
			continue;
		i++;
		while (i < vn && (is_sp(v[i]) || v[i] == '"' || v[i] == '\''))
			i++;
		*cs = v + i;
		while (i < vn && !is_sp(v[i]) && v[i] != ';' && v[i] != '"' &&
		       v[i] != '\'')
			i++;
		*cn = (size_t)(v + i - *cs);
		return *cn > 0;
	}
	return 0;
}

/* The HTML prescan: the first meta that names a charset. */
static int prescan(const char *p, size_t n, char *cs, size_t cssz)
{
	size_t i = 0;

	if (n > PRESCAN)
		n = PRESCAN;
	while (i < n) {
		const char *lt = memchr(p + i, '<', n - i);
		const char *k, *v, *found = NULL;
		size_t kn, vn, fn = 0;
		int http_ct = 0;

		if (!lt)
			return 0;
		i = (size_t)(lt - p);
		if (starts_ci(p + i, n - i, "<!--")) {
			size_t j = i + 4;

			while (j + 3 <= n && memcmp(p + j, "-->", 3))
				j++;
			i = j + 3;
			continue;
		}
		if (!starts_ci(p + i, n - i, "<meta") || i + 5 >= n ||
		    !(is_sp(p[i + 5]) || p[i + 5] == '/')) {
			i++;
			continue;
		}
		i += 5;
		while (get_attr(p, n, &i, &k, &kn, &v, &vn)) {
			if (kn == 7 && starts_ci(k, kn, "charset") && vn) {
				found = v;
				fn = vn;
			} else if (kn == 10 && starts_ci(k, kn, "http-equiv") &&
			           vn == 12 && starts_ci(v, vn,
			                                  "content-type")) {
				http_ct = 1;
			} else if (kn == 7 && starts_ci(k, kn, "content") &&
			           !found) {
				const char *c;
				size_t cn;

				if (charset_in(v, vn, &c, &cn)) {
					found = c;
					fn = cn;
					http_ct |= 2;
				}
			}
		}
		if (found && (!(http_ct & 2) || (http_ct & 1))) {
			size_t j;

			while (fn && is_sp(found[fn - 1]))
				fn--;
			while (fn && is_sp(found[0])) {
				found++;
				fn--;
			}
			if (!fn || fn >= cssz)
				return 0;
			for (j = 0; j < fn; j++)
				cs[j] = (char)lc((unsigned char)found[j]);
			cs[fn] = '\0';
			return 1;
		}
	}
	return 0;
}

/* ---- Output with a map ---------------------------------------------------- */

typedef struct dec {
	pxi_arena *ar;
	char *out;
	size_t len, cap;
	pxi_vec segs;
	int oom;
} dec;

static int grow(dec *d, size_t more)
{
	char *nb;
	size_t cap;

	if (d->len + more < d->cap)
		return 0;
	cap = d->cap ? d->cap * 2 : 4096;
	while (cap <= d->len + more)
		cap *= 2;
	nb = pxi_arena_alloc(d->ar, cap);
	if (!nb) {
		d->oom = 1;
		return -1;
	}
	if (d->len)
		memcpy(nb, d->out, d->len);
	d->out = nb;
	d->cap = cap;
	return 0;
}

/* Append bytes copied one to one from input offset orig. */
static void put_same(dec *d, const char *p, size_t n)
{
	if (grow(d, n))
		return;
	memcpy(d->out + d->len, p, n);
	d->len += n;
}

/* Append a rewritten stretch: olen input bytes from orig became (p, n). */
static void put_seg(dec *d, size_t orig, size_t olen, const char *p,
                    size_t n)
{
	pxi_seg *s;

	if (grow(d, n))
		return;
	s = pxi_vec_push(d->ar, &d->segs);
	if (!s) {
		d->oom = 1;
		return;
	}
	s->norm = d->len;
	s->orig = orig;
	s->nlen = n;
	s->olen = olen;
	memcpy(d->out + d->len, p, n);
	d->len += n;
}

static const char replacement[] = "\xEF\xBF\xBD";

/* UTF-8 with bad bytes replaced, one U+FFFD per bad byte. */
static void from_utf8(dec *d, const char *p, size_t n, size_t base,
                      pxi_decoded *out)
{
	size_t i = 0;

	while (i < n) {
		size_t bad = 0;
		px_status rc = pxi_utf8_check(p + i, n - i, &bad);

		if (rc == PX_OK) {
			put_same(d, p + i, n - i);
			return;
		}
		put_same(d, p + i, bad + (rc == PX_ENUL));
		i += bad;
		if (rc == PX_ENUL) {
			i++;
			continue;
		}
		if (!out->bad_bytes)
			out->first_bad = base + i;
		out->bad_bytes++;
		put_seg(d, base + i, 1, replacement, 3);
		i++;
	}
}

/* Can ASCII bytes be copied through for this charset? */
static int ascii_safe(const char *cs)
{
	return !(starts_ci(cs, strlen(cs), "utf-16") ||
	         starts_ci(cs, strlen(cs), "utf-32") ||
	         starts_ci(cs, strlen(cs), "utf16") ||
	         starts_ci(cs, strlen(cs), "ucs") ||
	         starts_ci(cs, strlen(cs), "iso-2022") ||
	         starts_ci(cs, strlen(cs), "utf-7") ||
	         starts_ci(cs, strlen(cs), "hz"));
}

/* Convert with iconv, character by character. */
static void from_iconv(dec *d, iconv_t cd, const char *cs, const char *p,
                       size_t n, size_t base, pxi_decoded *out)
{
	int fast = ascii_safe(cs);
	size_t i = 0;

	while (i < n && !d->oom) {
		char ob[32];
		size_t k, r = (size_t)-1;

		if (fast && (unsigned char)p[i] < 0x80) {
			size_t j = i;

			while (j < n && (unsigned char)p[j] < 0x80)
				j++;
			/* Contiguous with the stretch before: no segment. */
			put_same(d, p + i, j - i);
			i = j;
			continue;
		}
		for (k = 1; k <= 4 && i + k <= n; k++) {
			char *in = (char *)(uintptr_t)(p + i), *o = ob;
			size_t inl = k, ol = sizeof(ob);

			r = iconv(cd, &in, &inl, &o, &ol);
			if (r != (size_t)-1 || errno != EINVAL) {
				if (r != (size_t)-1)
					put_seg(d, base + i, k, ob,
					        sizeof(ob) - ol);
				break;
			}
		}
		if (r == (size_t)-1) {
			iconv(cd, NULL, NULL, NULL, NULL);
			if (!out->bad_bytes)
				out->first_bad = base + i;
			out->bad_bytes++;
			put_seg(d, base + i, 1, replacement, 3);
			k = 1;
		}
		i += k > 4 ? 4 : k;
	}
}

/* Map a charset label to the name iconv knows (WHATWG aliases). */
static const char *canon(const char *z)
{
	static const char *const latin[] = {
		"iso-8859-1", "iso8859-1", "latin1", "l1", "us-ascii",
		"ascii", "iso_8859-1", "cp1252", "windows-1252",
		"x-cp1252", "iso-ir-100", "ansi_x3.4-1968", NULL
	};
	size_t i;

	if (!strcmp(z, "utf-8") || !strcmp(z, "utf8") ||
	    !strcmp(z, "unicode-1-1-utf-8") || !strcmp(z, "utf-16") ||
	    !strcmp(z, "utf-16le") || !strcmp(z, "utf-16be"))
		return "UTF-8"; /* a meta naming UTF-16 means UTF-8 */
	for (i = 0; latin[i]; i++)
		if (!strcmp(z, latin[i]))
			return "WINDOWS-1252";
	if (!strcmp(z, "gb2312") || !strcmp(z, "gbk") ||
	    !strcmp(z, "x-gbk"))
		return "GB18030";
	if (!strcmp(z, "shift_jis") || !strcmp(z, "sjis") ||
	    !strcmp(z, "x-sjis"))
		return "CP932";
	if (!strcmp(z, "euc-kr") || !strcmp(z, "ks_c_5601-1987"))
		return "CP949";
	if (!strcmp(z, "iso-8859-9") || !strcmp(z, "latin5"))
		return "WINDOWS-1254";
	return z;
}

/* A charset label as the registry writes them: ASCII letters, digits
 * and . _ : + - only. Anything else (bytes of another encoding, glued
 * words) is no label: iconv would read some of them by ignoring the
 * rest, and the name, shown in the page data, must be text. */
static int label_ok(const char *z)
{
	if (!*z)
		return 0;
	for (; *z; z++)
		if (!((*z >= 'a' && *z <= 'z') || (*z >= 'A' && *z <= 'Z') ||
		      (*z >= '0' && *z <= '9') || *z == '.' || *z == '_' ||
		      *z == ':' || *z == '+' || *z == '-'))
			return 0;
	return 1;
}

px_status pxi_decode(pxi_arena *ar, const char *p, size_t n,
                     const char *declared, pxi_decoded *out)
{
	char label[64];
	const char *cs = NULL;
	size_t skip = 0, i;
	dec d;
	iconv_t cd;

	memset(out, 0, sizeof(*out));
	memset(&d, 0, sizeof(d));
	d.ar = ar;
	pxi_vec_init(&d.segs, sizeof(pxi_seg), (size_t)1 << 28);
	if (n >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3)) {
		cs = "UTF-8";
		skip = 3;
	} else if (n >= 2 && !memcmp(p, "\xFF\xFE", 2)) {
		cs = "UTF-16LE";
		skip = 2;
	} else if (n >= 2 && !memcmp(p, "\xFE\xFF", 2)) {
		cs = "UTF-16BE";
		skip = 2;
	}
	if (!cs && declared && declared[0]) {
		for (i = 0; declared[i] && i + 1 < sizeof(label); i++)
			label[i] = (char)lc((unsigned char)declared[i]);
		label[i] = '\0';
		if (label_ok(label))
			cs = canon(label);
	}
	if (!cs && prescan(p, n, label, sizeof(label)) && label_ok(label))
		cs = canon(label);
	if (!cs || !strcmp(cs, "UTF-8")) {
		size_t bad;

		if (!cs && pxi_utf8_check(p, n, &bad) == PX_EUTF8)
			cs = "WINDOWS-1252";
		else
			cs = "UTF-8";
	}
	/* a label canon() does not map is the local label itself: the
	 * caller keeps the name after this returns */
	if (cs == label) {
		cs = pxi_arena_strndup(ar, label, strlen(label));
		if (!cs)
			return PX_ENOMEM;
	}
	out->charset = cs;
	if (!strcmp(cs, "UTF-8")) {
		size_t bad;

		if (!skip && pxi_utf8_check(p, n, &bad) != PX_EUTF8) {
			out->text = p; /* as it is */
			out->len = n;
			return PX_OK;
		}
		if (skip) {
			pxi_seg *s = pxi_vec_push(ar, &d.segs);

			if (!s)
				return PX_ENOMEM;
			s->norm = 0;
			s->orig = skip;
			s->nlen = 0;
			s->olen = 0;
		}
		from_utf8(&d, p + skip, n - skip, skip, out);
	} else {
		cd = iconv_open("UTF-8", cs);
		if (cd == (iconv_t)-1) {
			/* Unknown to iconv: read it as windows-1252. */
			cs = "WINDOWS-1252";
			out->charset = cs;
			cd = iconv_open("UTF-8", cs);
			if (cd == (iconv_t)-1)
				return PX_ENOMEM;
		}
		from_iconv(&d, cd, cs, p + skip, n - skip, skip, out);
		iconv_close(cd);
	}
	if (grow(&d, 1) || d.oom)
		return PX_ENOMEM;
	d.out[d.len] = '\0';
	out->text = d.out;
	out->len = d.len;
	out->segs = d.segs.a;
	out->nsegs = d.segs.n;
	return PX_OK;
}

size_t pxi_decoded_to_orig(const pxi_decoded *d, size_t off, int is_end)
{
	pxi_norm nm;

	nm.text = d->text;
	nm.len = d->len;
	nm.segs = d->segs;
	nm.nsegs = d->nsegs;
	return pxi_norm_to_orig(&nm, off, is_end);
}
