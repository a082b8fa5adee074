/*
 * warc.c - web archives (ISO 28500, WARC/1.0 and WARC/1.1), plain or
 * gzip-compressed per record (.warc.gz: gzip members one after another,
 * as Common Crawl writes them), read as a stream to items.
 *
 * Three layers, each over the one below:
 *   raw     - bytes from the caller's read() in 64 KiB chunks, with their
 *             file offsets;
 *   stream  - the WARC bytes: the raw bytes, or what zlib inflates from
 *             them member by member; a window holds the current record,
 *             and a map keeps, for each gzip member, where its bytes
 *             start in the stream and in the file;
 *   records - a header ("WARC/1.x", fields, blank line), a block of
 *             Content-Length bytes, two line ends. A `response` block is
 *             an HTTP message: status line, headers, body.
 *
 * Errors and their recovery: a corrupt gzip member is reported at the
 * byte where zlib stopped and the reader goes on at the next gzip magic
 * after the member's start; a truncated member ends the stream; a record
 * whose header is not WARC, lacks Content-Length or runs over the cap is
 * reported at the record's byte (its member's byte when compressed), and
 * the reader goes on at the next line starting "WARC/1." (or past the
 * block, when its length is known).
 */
#include <stdio.h>
#include <string.h>
#include <zlib.h>

#include "../html/html.h"
#include "feed_int.h"

#define RAW_CHUNK ((size_t)64 << 10)
#define HEADER_MAX ((size_t)64 << 10)

typedef struct member_at {
	size_t dec;  /* stream offset of the member's first byte */
	size_t file; /* file offset of the member */
} member_at;

typedef struct mem_src {
	const char *p;
	size_t n, at;
} mem_src;

struct px_warc {
	px_read_fn read;
	void *ctx;
	mem_src mem;
	const px_allocator *alc;
	char name[256];
	size_t max_block;
	/* raw */
	char *in;
	size_t in_len, in_pos, in_base; /* in[0] is file byte in_base */
	int raw_eof;
	int gz;                         /* -1 not known yet */
	z_stream zs;
	int z_ready, in_member;
	size_t member_off;
	/* stream window: d[0] is stream byte d_base */
	char *d;
	size_t d_len, d_pos, d_cap, d_max, d_base;
	size_t d_end;                   /* decoded; past d_len, of a gzip
	                                 * member not yet ended (checked) */
	member_at *map;
	size_t nmap, capmap;
	int end;                        /* nothing more will come */
	px_status zrc;                  /* an error from the gzip layer */
	px_error zerr;
	px_status fatal;
	/* the current item */
	pxi_arena ar;
	px_item item;
	size_t records, items;
};

static size_t mem_read(void *ctx, char *buf, size_t n)
{
	mem_src *m = ctx;
	size_t k = m->n - m->at < n ? m->n - m->at : n;

	if (!k)
		return 0;
	memcpy(buf, m->p + m->at, k);
	m->at += k;
	return k;
}

static voidpf z_alloc(voidpf ctx, uInt items, uInt size)
{
	if (size && items > (size_t)-1 / size)
		return Z_NULL;
	return pxi_alloc(ctx, (size_t)items * size);
}

static void z_free(voidpf ctx, voidpf p)
{
	pxi_free(ctx, p);
}

/* ---- Raw bytes ----------------------------------------------------------- */

/* At least want unread raw bytes (fewer at the end); 0, or -1 when
 * read() failed (w->fatal set). */
static int raw_need(px_warc *w, size_t want)
{
	while (w->in_len - w->in_pos < want && !w->raw_eof) {
		size_t got;

		if (w->in_pos) {
			memmove(w->in, w->in + w->in_pos,
			        w->in_len - w->in_pos);
			w->in_base += w->in_pos;
			w->in_len -= w->in_pos;
			w->in_pos = 0;
		}
		got = w->read(w->ctx, w->in + w->in_len, RAW_CHUNK - w->in_len);
		if (got == (size_t)-1) {
			w->fatal = PX_EIO;
			w->end = 1;
			pxi_error(&w->zerr, PX_EIO, w->name, w->in_base +
			          w->in_len, 0, "read error");
			w->zrc = PX_EIO;
			return -1;
		}
		if (got > RAW_CHUNK - w->in_len)
			got = RAW_CHUNK - w->in_len;
		if (!got)
			w->raw_eof = 1;
		w->in_len += got;
	}
	return 0;
}

/* Move the raw position to the next gzip magic at or after file byte
 * from; at the end of the input when there is none. */
static int raw_seek_magic(px_warc *w, size_t from)
{
	for (;;) {
		size_t i;

		if (w->in_base + w->in_pos < from) {
			size_t skip = from - (w->in_base + w->in_pos);

			if (skip > w->in_len - w->in_pos)
				skip = w->in_len - w->in_pos;
			w->in_pos += skip;
		}
		for (i = w->in_pos; i + 2 < w->in_len; i++)
			if (pxi_is_gzip(w->in + i, 3) &&
			    w->in_base + i >= from) {
				w->in_pos = i;
				return 0;
			}
		if (w->raw_eof) {
			w->in_pos = w->in_len;
			return 0;
		}
		/* Keep the last two bytes: a magic may straddle chunks. */
		if (w->in_len - w->in_pos > 2)
			w->in_pos = w->in_len - 2;
		if (raw_need(w, RAW_CHUNK))
			return -1;
	}
}

/* ---- The stream ---------------------------------------------------------- */

/* Room for at least one more decoded byte: 0; 1 when the window is at
 * its largest and full; -1 out of memory (w->zrc set). */
static int d_grow(px_warc *w)
{
	size_t cap;
	char *nd;

	if (w->d_end < w->d_cap)
		return 0;
	if (w->d_cap >= w->d_max)
		return 1;
	cap = w->d_cap ? w->d_cap * 2 : (size_t)64 << 10;
	if (cap > w->d_max)
		cap = w->d_max;
	nd = pxi_realloc(w->alc, w->d, cap);
	if (!nd) {
		w->fatal = PX_ENOMEM;
		w->zrc = PX_ENOMEM;
		w->end = 1;
		pxi_error(&w->zerr, PX_ENOMEM, w->name, 0, 0, "out of memory");
		return -1;
	}
	w->d = nd;
	w->d_cap = cap;
	return 0;
}

/* The same, a full window an error (w->zrc set): 0 or -1. */
static int d_room(px_warc *w)
{
	int r = d_grow(w);

	if (r > 0) {
		w->zrc = PX_ETOOBIG;
		pxi_error(&w->zerr, PX_ETOOBIG, w->name, w->d_base, 0,
		          "WARC record over %zu bytes", w->d_max);
		return -1;
	}
	return r;
}

/* Drop the window's bytes before d_pos, and the map's members that end
 * before them. */
static void d_compact(px_warc *w)
{
	size_t keep = 0, i;

	if (w->d_pos) {
		memmove(w->d, w->d + w->d_pos, w->d_end - w->d_pos);
		w->d_base += w->d_pos;
		w->d_len -= w->d_pos;
		w->d_end -= w->d_pos;
		w->d_pos = 0;
	}
	while (keep + 1 < w->nmap && w->map[keep + 1].dec <= w->d_base)
		keep++;
	if (keep) {
		for (i = keep; i < w->nmap; i++)
			w->map[i - keep] = w->map[i];
		w->nmap -= keep;
	}
}

/* The file offset of stream byte dec: its member's, when compressed. */
static size_t file_of(const px_warc *w, size_t dec)
{
	size_t i, file = dec;

	if (w->gz != 1)
		return dec;
	for (i = 0; i < w->nmap && w->map[i].dec <= dec; i++)
		file = w->map[i].file;
	return file;
}

static int map_add(px_warc *w, size_t dec, size_t file)
{
	if (w->nmap && w->map[w->nmap - 1].dec == dec) {
		w->map[w->nmap - 1].file = file; /* an empty member before */
		return 0;
	}
	if (w->nmap == w->capmap) {
		size_t cap = w->capmap ? w->capmap * 2 : 16;
		member_at *nm = pxi_realloc(w->alc, w->map, cap * sizeof(*nm));

		if (!nm)
			return -1;
		w->map = nm;
		w->capmap = cap;
	}
	w->map[w->nmap].dec = dec;
	w->map[w->nmap].file = file;
	w->nmap++;
	return 0;
}

/* A gzip error: report it, drop the window, find the next member. */
static int gz_fail(px_warc *w, px_status rc, size_t at, const char *what,
                   const char *zmsg)
{
	if (zmsg)
		pxi_error(&w->zerr, rc, w->name, at, 0, "%s at byte %zu "
		          "(member from byte %zu: %s)", what, at, w->member_off,
		          zmsg);
	else
		pxi_error(&w->zerr, rc, w->name, at, 0, "%s at byte %zu "
		          "(member from byte %zu)", what, at, w->member_off);
	w->zrc = rc;
	w->in_member = 0;
	w->d_end = w->d_len;
	w->d_pos = w->d_len;
	if (w->raw_eof && w->in_pos >= w->in_len)
		w->end = 1;
	else if (raw_seek_magic(w, w->member_off + 1) == 0 &&
	         w->in_pos >= w->in_len && w->raw_eof)
		w->end = 1;
	return -1;
}

/* More stream bytes into the window: 1 when some came, 0 at the end, -1
 * on an error (w->zrc and w->zerr set). */
static int more(px_warc *w)
{
	size_t before = w->d_len;

	if (w->end)
		return 0;
	if (w->gz != 1 && d_room(w))
		return -1;
	if (raw_need(w, 3))
		return -1;
	if (w->gz < 0)
		w->gz = pxi_is_gzip(w->in + w->in_pos, w->in_len - w->in_pos);
	if (!w->gz) {
		size_t k = w->in_len - w->in_pos;

		if (!k) {
			w->end = 1;
			return 0;
		}
		if (k > w->d_cap - w->d_len)
			k = w->d_cap - w->d_len;
		memcpy(w->d + w->d_len, w->in + w->in_pos, k);
		w->d_len += k;
		w->d_end = w->d_len;
		w->in_pos += k;
		return 1;
	}
	while (w->d_len == before) {
		int zr;

		if (!w->in_member) {
			if (raw_need(w, 3))
				return -1;
			if (w->in_pos >= w->in_len) {
				w->end = 1;
				return 0;
			}
			w->member_off = w->in_base + w->in_pos;
			if (!pxi_is_gzip(w->in + w->in_pos,
			                 w->in_len - w->in_pos))
				return gz_fail(w, PX_EPARSE, w->member_off,
				               "not a gzip member", NULL);
			if (inflateReset(&w->zs) != Z_OK)
				return gz_fail(w, PX_EPARSE, w->member_off,
				               "corrupt gzip data", NULL);
			if (map_add(w, w->d_base + w->d_end, w->member_off)) {
				w->fatal = w->zrc = PX_ENOMEM;
				w->end = 1;
				pxi_error(&w->zerr, PX_ENOMEM, w->name, 0, 0,
				          "out of memory");
				return -1;
			}
			w->in_member = 1;
		}
		if (w->in_pos >= w->in_len) {
			if (raw_need(w, 1))
				return -1;
			if (w->in_pos >= w->in_len)
				return gz_fail(w, PX_EPARSE, w->in_base +
				               w->in_pos, "truncated gzip data",
				               NULL);
		}
		w->zs.next_in = (Bytef *)(w->in + w->in_pos);
		w->zs.avail_in = (uInt)(w->in_len - w->in_pos);
		if (w->d_end == w->d_cap) {
			int g = w->d_len < w->d_end ? d_grow(w) : d_room(w);

			if (g < 0)
				return -1;
			if (g > 0) {
				/* A member larger than the window: shown
				 * unchecked, so that it can be passed over. */
				w->d_len = w->d_end;
				continue;
			}
		}
		w->zs.next_out = (Bytef *)(w->d + w->d_end);
		w->zs.avail_out = (uInt)(w->d_cap - w->d_end);
		zr = inflate(&w->zs, Z_NO_FLUSH);
		w->in_pos = (size_t)((char *)w->zs.next_in - w->in);
		w->d_end = (size_t)((char *)w->zs.next_out - w->d);
		if (zr == Z_STREAM_END) {
			/* Checked (CRC and length): its bytes may be read. */
			w->in_member = 0;
			w->d_len = w->d_end;
			continue;
		}
		if (zr == Z_OK || (zr == Z_BUF_ERROR && !w->zs.avail_in))
			continue;
		if (zr == Z_MEM_ERROR) {
			w->fatal = w->zrc = PX_ENOMEM;
			w->end = 1;
			pxi_error(&w->zerr, PX_ENOMEM, w->name, 0, 0,
			          "out of memory");
			return -1;
		}
		return gz_fail(w, PX_EPARSE, w->in_base + w->in_pos,
		               "corrupt gzip data", w->zs.msg ? w->zs.msg
		                                              : "bad data");
	}
	return 1;
}

/* At least k bytes in the window from d_pos: 1, or 0 at the end, -1 on
 * an error. */
static int need(px_warc *w, size_t k)
{
	while (w->d_len - w->d_pos < k) {
		int r;

		if (w->d_end == w->d_cap && w->d_pos)
			d_compact(w);
		r = more(w);
		if (r <= 0)
			return r;
	}
	return 1;
}

/* Pass over n stream bytes without keeping them; 1, 0 at the end, -1. */
static int skip(px_warc *w, size_t n)
{
	while (n) {
		size_t k = w->d_len - w->d_pos;
		int r;

		if (k > n)
			k = n;
		w->d_pos += k;
		n -= k;
		if (!n)
			break;
		d_compact(w);
		r = more(w);
		if (r <= 0)
			return r;
	}
	return 1;
}

/* Go on at the next line that starts "WARC/1."; 1 found, 0 end, -1. */
static int resync(px_warc *w)
{
	for (;;) {
		size_t i;
		int r;

		for (i = w->d_pos + 1; i + 7 <= w->d_len; i++)
			if (w->d[i - 1] == '\n' &&
			    !memcmp(w->d + i, "WARC/1.", 7)) {
				w->d_pos = i;
				return 1;
			}
		/* Keep the last 7 bytes: a match may straddle. */
		if (w->d_len - w->d_pos > 7)
			w->d_pos = w->d_len - 7;
		d_compact(w);
		r = more(w);
		if (r <= 0) {
			w->d_pos = w->d_len; /* nothing more to look at */
			return r;
		}
	}
}

/* ---- Headers ------------------------------------------------------------- */

/* The end of a header block in (p, n) from 0: the byte after its blank
 * line, or 0 when not there yet. */
static size_t header_end(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n; i++) {
		if (p[i] != '\n')
			continue;
		if (p[i + 1] == '\n')
			return i + 2;
		if (p[i + 1] == '\r' && i + 2 < n && p[i + 2] == '\n')
			return i + 3;
	}
	return 0;
}

/* A header value into the arena as valid UTF-8: when it is not, every
 * byte outside printable ASCII becomes '?'. */
static const char *clean(px_warc *w, const char *p, size_t n)
{
	char *z = pxi_arena_strndup(&w->ar, p, n);
	size_t i, bad;

	if (!z || pxi_utf8_check(z, strlen(z), &bad) == PX_OK)
		return z;
	for (i = 0; z[i]; i++)
		if ((unsigned char)z[i] < 0x20 || (unsigned char)z[i] > 0x7e)
			z[i] = '?';
	return z;
}

/* The value of field name in a header block, trimmed, into the arena
 * (continuation lines joined); NULL when absent. */
static const char *field(px_warc *w, const char *p, size_t n,
                         const char *name)
{
	size_t i = 0, k = strlen(name);

	while (i < n) {
		size_t e = i;

		while (e < n && p[e] != '\n')
			e++;
		if (e - i > k && p[i + k] == ':' && fx_eq(p + i, k, name)) {
			const char *v = p + i + k + 1;
			size_t vn = e - (i + k + 1);

			vn = fx_trim(&v, vn);
			if (vn >= 2 && v[0] == '<' && v[vn - 1] == '>') {
				v++;
				vn -= 2;
			}
			return clean(w, v, vn);
		}
		i = e + 1;
	}
	return NULL;
}

/* The charset parameter of a Content-Type, or NULL. */
static const char *charset_of(px_warc *w, const char *ct)
{
	const char *p = ct;
	size_t n;

	while (p && *p) {
		p = strchr(p, ';');
		if (!p)
			return NULL;
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (fx_eq(p, 7, "charset") && p[7] == '=') {
			p += 8;
			if (*p == '"')
				p++;
			for (n = 0; p[n] && p[n] != '"' && p[n] != ';' &&
			            p[n] != ' '; n++)
				;
			return n ? pxi_arena_strndup(&w->ar, p, n) : NULL;
		}
	}
	return NULL;
}

/* Is a Content-Type HTML? */
static int is_html_type(const char *ct)
{
	size_t n = 0;

	if (!ct)
		return 0;
	while (ct[n] && ct[n] != ';' && ct[n] != ' ')
		n++;
	return fx_eq(ct, n, "text/html") ||
	       fx_eq(ct, n, "application/xhtml+xml");
}

/* A decimal length; -1 when it is not one. */
static int length_of(const char *z, size_t *out)
{
	size_t v = 0;

	if (!z || !*z)
		return -1;
	for (; *z; z++) {
		if (*z < '0' || *z > '9' || v > ((size_t)-1 - 9) / 10)
			return -1;
		v = v * 10 + (size_t)(*z - '0');
	}
	*out = v;
	return 0;
}

/* Undo chunked transfer coding into the arena; -1 when malformed. */
static int dechunk(px_warc *w, const char *p, size_t n, const char **out,
                   size_t *out_len)
{
	char *o = pxi_arena_alloc(&w->ar, n + 1);
	size_t i = 0, len = 0;

	if (!o)
		return -1;
	for (;;) {
		size_t size = 0, digits = 0;

		while (i < n) {
			char c = p[i];
			int v = c >= '0' && c <= '9' ? c - '0'
			      : (c | 0x20) >= 'a' && (c | 0x20) <= 'f'
			            ? (c | 0x20) - 'a' + 10 : -1;

			if (v < 0)
				break;
			if (size > ((size_t)-1 >> 4))
				return -1;
			size = size * 16 + (size_t)v;
			digits++;
			i++;
		}
		if (!digits)
			return -1;
		while (i < n && p[i] != '\n') /* chunk extensions */
			i++;
		if (i >= n)
			return -1;
		i++;
		if (!size)
			break;
		if (size > n - i)
			return -1;
		memcpy(o + len, p + i, size);
		len += size;
		i += size;
		if (i < n && p[i] == '\r')
			i++;
		if (i < n && p[i] == '\n')
			i++;
	}
	o[len] = '\0';
	*out = o;
	*out_len = len;
	return 0;
}

/* ---- Records ------------------------------------------------------------- */

/* The HTTP message of a response: keep it when 200 and HTML. Returns 1
 * kept, 0 passed over, -1 malformed (err filled). */
static int http(px_warc *w, const char *blk, size_t n, size_t rec_off,
                px_error *err)
{
	size_t he = header_end(blk, n < HEADER_MAX ? n : HEADER_MAX), i = 0;
	const char *ct, *te;
	int status = 0;

	if (n < 12 || memcmp(blk, "HTTP/", 5) || !he) {
		pxi_error(err, PX_EPARSE, w->name, rec_off, 0, "WARC response "
		          "record at byte %zu has no HTTP header", rec_off);
		return -1;
	}
	while (i < he && blk[i] != ' ')
		i++;
	while (i < he && blk[i] == ' ')
		i++;
	for (; i < he && blk[i] >= '0' && blk[i] <= '9' && status < 1000; i++)
		status = status * 10 + (blk[i] - '0');
	if (status != 200)
		return 0;
	ct = field(w, blk, he, "Content-Type");
	if (!is_html_type(ct))
		return 0;
	w->item.charset = charset_of(w, ct);
	w->item.content = blk + he;
	w->item.content_len = n - he;
	w->item.content_offset = he;
	te = field(w, blk, he, "Transfer-Encoding");
	if (te && fx_eq(te, strlen(te), "chunked") &&
	    dechunk(w, blk + he, n - he, &w->item.content,
	            &w->item.content_len)) {
		pxi_error(err, PX_EPARSE, w->name, rec_off, 0, "bad chunked "
		          "HTTP body in the WARC record at byte %zu", rec_off);
		return -1;
	}
	return w->ar.oom ? -2 : 1;
}

/* The record's item: fields in the arena. */
static void fill_item(px_warc *w, const char *h, size_t hn, size_t rec_off,
                      size_t body_at)
{
	char iso[40], input[300];
	const char *date = field(w, h, hn, "WARC-Date");

	snprintf(input, sizeof(input), "%s@%zu", w->name, rec_off);
	w->item.kind = "warc";
	w->item.container = w->name;
	w->item.input = pxi_arena_strndup(&w->ar, input, strlen(input));
	w->item.offset = rec_off;
	w->item.url = field(w, h, hn, "WARC-Target-URI");
	w->item.id = field(w, h, hn, "WARC-Record-ID");
	if (date && fx_date_iso(date, strlen(date), iso, sizeof(iso)))
		w->item.published = pxi_arena_strndup(&w->ar, iso,
		                                      strlen(iso));
	else
		w->item.published = date;
	w->item.content_offset = body_at;
	w->item.flags = PX_ITEM_HTML | PX_ITEM_PAGE;
}

/* Read one record. 1: an item is ready; 0: passed over; 2: the end; or
 * an error status (negative of px_status) with err filled. */
static int record(px_warc *w, px_error *err)
{
	size_t he = 0, hn, len, rec_dec, rec_off;
	const char *h, *type, *cl;
	int r;

	/* Line ends between records. */
	d_compact(w);
	for (;;) {
		r = need(w, 1);
		if (r <= 0)
			break;
		if (w->d[w->d_pos] != '\r' && w->d[w->d_pos] != '\n')
			break;
		w->d_pos++;
		if (w->d_pos == w->d_len)
			d_compact(w);
	}
	if (r < 0)
		return -(int)w->zrc;
	if (r == 0)
		return 2;
	d_compact(w);
	rec_dec = w->d_base;
	rec_off = file_of(w, rec_dec);
	r = need(w, 8);
	if (r < 0)
		return -(int)w->zrc;
	h = w->d + w->d_pos;
	if (w->d_len - w->d_pos < 8 || (memcmp(h, "WARC/1.0", 8) &&
	                                 memcmp(h, "WARC/1.1", 8))) {
		pxi_error(err, PX_EPARSE, w->name, rec_off, 0, "not a WARC "
		          "record (no WARC/1.0 or WARC/1.1 line) at byte %zu",
		          rec_off);
		goto resync;
	}
	/* The header, up to its blank line. */
	for (;;) {
		size_t have = w->d_len - w->d_pos;

		he = header_end(w->d + w->d_pos,
		                have < HEADER_MAX ? have : HEADER_MAX);
		if (he || have >= HEADER_MAX)
			break;
		r = need(w, have + 1);
		if (r < 0)
			return -(int)w->zrc;
		if (r == 0)
			break;
	}
	h = w->d + w->d_pos;
	if (!he) {
		if (w->d_len - w->d_pos >= HEADER_MAX)
			pxi_error(err, PX_EPARSE, w->name, rec_off, 0, "WARC "
			          "header over %zu bytes at byte %zu",
			          HEADER_MAX, rec_off);
		else
			pxi_error(err, PX_EPARSE, w->name, rec_off, 0,
			          "truncated WARC header at byte %zu", rec_off);
		goto resync;
	}
	hn = he;
	w->records++;
	type = field(w, h, hn, "WARC-Type");
	cl = field(w, h, hn, "Content-Length");
	if (w->ar.oom)
		return -(int)PX_ENOMEM;
	if (!cl || length_of(cl, &len)) {
		pxi_error(err, PX_EPARSE, w->name, rec_off, 0, "WARC record "
		          "at byte %zu has %s Content-Length", rec_off,
		          cl ? "a bad" : "no");
		w->d_pos += hn - 1; /* its last line end: a record may follow */
		goto resync;
	}
	if (!type || (strcmp(type, "response") && strcmp(type, "resource"))) {
		/* warcinfo, request, metadata, revisit ...: passed over. */
		w->d_pos += hn;
		r = skip(w, len);
		return r < 0 ? -(int)w->zrc : 0;
	}
	if (len > w->max_block) {
		pxi_error(err, PX_ETOOBIG, w->name, rec_off, 0, "WARC record "
		          "at byte %zu: block of %zu bytes is over the cap of "
		          "%zu bytes", rec_off, len, w->max_block);
		w->d_pos += hn;
		if (skip(w, len) < 0 && w->zrc == PX_EIO)
			return -(int)PX_EIO;
		return -(int)PX_ETOOBIG;
	}
	r = need(w, hn + len);
	if (r < 0)
		return -(int)w->zrc;
	if (r == 0) {
		pxi_error(err, PX_EPARSE, w->name, rec_off, 0, "truncated WARC "
		          "record at byte %zu: %zu of %zu bytes", rec_off,
		          w->d_len - w->d_pos - hn, len);
		w->d_pos = w->d_len;
		return -(int)PX_EPARSE;
	}
	h = w->d + w->d_pos;
	w->d_pos += hn + len;
	memset(&w->item, 0, sizeof(w->item));
	if (!strcmp(type, "response")) {
		const char *wct = field(w, h, hn, "Content-Type");

		if (wct && !fx_eq(wct, 16, "application/http"))
			return 0; /* dns: and other non-HTTP responses */
		r = http(w, h + hn, len, rec_off, err);
		if (r == -2)
			return -(int)PX_ENOMEM;
		if (r < 0)
			return -(int)PX_EPARSE;
		if (r == 0)
			return 0;
		fill_item(w, h, hn, rec_off, hn + w->item.content_offset);
	} else {
		const char *ct = field(w, h, hn, "Content-Type");

		if (!is_html_type(ct))
			return 0;
		w->item.charset = charset_of(w, ct);
		w->item.content = h + hn;
		w->item.content_len = len;
		fill_item(w, h, hn, rec_off, hn);
	}
	return w->ar.oom ? -(int)PX_ENOMEM : 1;
resync:
	r = resync(w);
	if (r < 0 && w->zrc != PX_EPARSE)
		return -(int)w->zrc;
	return -(int)PX_EPARSE;
}

/* ---- The reader ---------------------------------------------------------- */

px_status px_warc_open(px_read_fn read, void *ctx, const char *name,
                       const px_options *opts, px_warc **out, px_error *err)
{
	const px_allocator *alc = opts ? opts->alc : NULL;
	size_t max = opts && opts->max_bytes ? opts->max_bytes
	                                     : PX_DEFAULT_MAX_BYTES;
	px_warc *w;

	if (!out)
		return PX_EINVAL;
	*out = NULL;
	if (!name)
		name = "<warc>";
	if (!read)
		return pxi_error(err, PX_EINVAL, name, 0, 0,
		                 "no read function");
	if (max > (size_t)1 << 30)
		max = (size_t)1 << 30;
	w = pxi_alloc(alc, sizeof(*w));
	if (!w)
		return pxi_error(err, PX_ENOMEM, name, 0, 0, "out of memory");
	memset(w, 0, sizeof(*w));
	w->read = read;
	w->ctx = ctx;
	w->alc = alc;
	w->gz = -1;
	snprintf(w->name, sizeof(w->name), "%s", name);
	w->max_block = max + HEADER_MAX;
	w->d_max = w->max_block + HEADER_MAX + 16;
	pxi_arena_init(&w->ar, alc);
	w->in = pxi_alloc(alc, RAW_CHUNK);
	w->zs.zalloc = z_alloc;
	w->zs.zfree = z_free;
	w->zs.opaque = (voidpf)alc;
	if (!w->in || inflateInit2(&w->zs, 16 + MAX_WBITS) != Z_OK) {
		px_warc_free(w);
		return pxi_error(err, PX_ENOMEM, name, 0, 0, "out of memory");
	}
	w->z_ready = 1;
	*out = w;
	return PX_OK;
}

px_status px_warc_open_mem(const char *p, size_t n, const char *name,
                           const px_options *opts, px_warc **out,
                           px_error *err)
{
	px_status rc;

	if (!p && n)
		return pxi_error(err, PX_EINVAL, name ? name : "<warc>", 0, 0,
		                 "no data pointer");
	rc = px_warc_open(mem_read, NULL, name, opts, out, err);
	if (rc)
		return rc;
	(*out)->mem.p = p;
	(*out)->mem.n = n;
	(*out)->ctx = &(*out)->mem;
	return PX_OK;
}

px_status px_warc_next(px_warc *w, const px_item **item, px_error *err)
{
	if (!item)
		return PX_EINVAL;
	*item = NULL;
	if (!w)
		return PX_EINVAL;
	if (w->fatal)
		return PX_OK; /* reported once, then the end */
	for (;;) {
		int r;

		pxi_arena_free(&w->ar);
		pxi_arena_init(&w->ar, w->alc);
		w->zrc = PX_OK;
		r = record(w, err);
		if (r == 1) {
			w->items++;
			*item = &w->item;
			return PX_OK;
		}
		if (r == 2)
			return PX_OK;
		if (r < 0) {
			px_status rc = (px_status)-r;

			if (w->zrc && rc == w->zrc && err)
				*err = w->zerr;
			if (rc == PX_ENOMEM)
				w->fatal = rc;
			return rc;
		}
	}
}

void px_warc_counts(const px_warc *w, size_t *records, size_t *items)
{
	if (records)
		*records = w ? w->records : 0;
	if (items)
		*items = w ? w->items : 0;
}

void px_warc_free(px_warc *w)
{
	const px_allocator *alc;

	if (!w)
		return;
	alc = w->alc;
	if (w->z_ready)
		inflateEnd(&w->zs);
	pxi_arena_free(&w->ar);
	pxi_free(alc, w->in);
	pxi_free(alc, w->d);
	pxi_free(alc, w->map);
	pxi_free(alc, w);
}
