/*
 * html.c - a page to extracted text and metadata: decode, check, parse,
 * read the metadata, extract.
 */
#include <string.h>

#include "html_int.h"

/* Control bytes (other than white space) in the first 4 KiB of the
 * decoded text: binary data, not a page. Returns the first one's offset
 * in *at when there are too many. */
static int binary(const char *p, size_t n, size_t *at)
{
	size_t i, ctl = 0, first = 0, lim = n < 4096 ? n : 4096;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];

		if (c == 0) {
			*at = i;
			return 1;
		}
		if (i < lim && c < 0x20 && c != '\t' && c != '\n' &&
		    c != '\r' && c != '\f') {
			if (!ctl)
				first = i;
			ctl++;
		}
	}
	if (ctl * 20 > lim) {
		*at = first;
		return 1;
	}
	return 0;
}

px_status pxi_html_extract(pxi_arena *ar, const char *html, size_t len,
                           const char *charset, const char *name,
                           unsigned mode, pxi_html_doc *out, px_error *err)
{
	pxi_decoded dec;
	hx_parse hp;
	size_t at;
	px_status rc;

	memset(out, 0, sizeof(*out));
	memset(&hp, 0, sizeof(hp));
	if (!name)
		name = "<input>";
	rc = pxi_decode(ar, html, len, charset, &dec);
	if (rc)
		return pxi_error(err, rc, name, 0, 0, "out of memory");
	out->charset = dec.charset;
	out->bad_bytes = dec.bad_bytes;
	out->first_bad = dec.first_bad;
	if (binary(dec.text, dec.len, &at)) {
		at = pxi_decoded_to_orig(&dec, at, 0);
		return pxi_error(err, PX_EPARSE, name, at,
		                 pxi_line_of(html, len, at),
		                 "binary data, not a web page");
	}
	rc = hx_parse_html(&hp, ar, dec.text, dec.len);
	if (rc == PX_OK)
		rc = hx_meta(ar, hp.doc, out);
	if (rc == PX_OK)
		rc = hx_extract(ar, &hp, &dec, mode, out);
	hx_parse_free(&hp);
	if (rc == PX_OK && !out->len)
		rc = PX_EEMPTY;
	if (rc == PX_EEMPTY)
		return pxi_error(err, rc, name, 0, 0, "no text in the page");
	if (rc == PX_ETOOBIG)
		return pxi_error(err, rc, name, 0, 0, "page too large");
	if (rc)
		return pxi_error(err, rc, name, 0, 0, "%s", px_strerror(rc));
	return PX_OK;
}
