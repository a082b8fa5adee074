/*
 * feed_int.h - private to lib/feed: dates of feeds and archives, and the
 * helpers the feed and WARC readers share.
 *
 * lib/feed reads inputs that hold many articles: news feeds (feed.c,
 * libxml2's XML parser through SAX2) and web archives (warc.c, zlib for
 * the gzip members). Both yield px_item; item.c turns one into an
 * article through lib/html's extraction and the record pipeline.
 */
#ifndef PX_FEED_INT_H
#define PX_FEED_INT_H

#include "../core/core.h"

/* Most bytes kept of a metadata field (title, link, author, date, id). */
#define FX_FIELD_MAX ((size_t)16 << 10)

/*
 * A date of RFC 822 (RSS: "Tue, 10 Jun 2003 04:00:00 -0400", two-digit
 * years, named zones) or RFC 3339 (Atom, WARC: "2003-06-10T04:00:00Z",
 * fractions dropped) as ISO 8601 into out (cap >= 32):
 * "2003-06-10T04:00:00-04:00", or "2003-06-10" for a bare date. The
 * zone is kept as written, not converted. Returns 1 when it parsed, 0
 * (out untouched) when not.
 */
int fx_date_iso(const char *p, size_t n, char *out, size_t cap);

/* Case-insensitive ASCII compare of (p, n) with z, whole. */
int fx_eq(const char *p, size_t n, const char *z);

/* (p, n) with white space trimmed at both ends: *start moved, n returned. */
size_t fx_trim(const char **p, size_t n);

#endif /* PX_FEED_INT_H */
