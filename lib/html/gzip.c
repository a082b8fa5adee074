/*
 * gzip.c - one gzip member to bytes, with zlib. Pure over memory: the
 * CLI reads files, this decodes what it read.
 */
#include <string.h>
#include <zlib.h>

#include "html.h"

int pxi_is_gzip(const char *p, size_t n)
{
	return n >= 3 && (unsigned char)p[0] == 0x1f &&
	       (unsigned char)p[1] == 0x8b && (unsigned char)p[2] == 8;
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

/*
 * Inflate with a growing output buffer capped at max. The error offset is
 * where zlib stopped reading: for a truncated member, the end of the data.
 */
px_status pxi_gunzip(const px_allocator *alc, const char *p, size_t n,
                     size_t base, size_t max, const char *name, char **out,
                     size_t *out_len, size_t *used, px_error *err)
{
	z_stream zs;
	char *buf = NULL, *nb;
	size_t cap = 0, len = 0;
	px_status rc = PX_OK;
	int zr = Z_OK;

	*out = NULL;
	*out_len = 0;
	if (used)
		*used = 0;
	memset(&zs, 0, sizeof(zs));
	zs.zalloc = z_alloc;
	zs.zfree = z_free;
	zs.opaque = (voidpf)alc;
	if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK)
		return pxi_error(err, PX_ENOMEM, name, base, 0,
		                 "out of memory");
	zs.next_in = (Bytef *)(uintptr_t)p;
	while (zr != Z_STREAM_END) {
		size_t chunk = n - (size_t)((const char *)zs.next_in - p);

		zs.avail_in = chunk > 1u << 30 ? 1u << 30 : (uInt)chunk;
		if (len + 1 >= cap) {
			size_t ncap = cap ? cap * 2 : (n * 4 < 65536 ? 65536
			                                             : n * 4);

			if (ncap > max + 2)
				ncap = max + 2;
			if (ncap <= len + 1) {
				rc = pxi_error(err, PX_ETOOBIG, name, base, 0,
				               "gzip data over the cap of %zu "
				               "bytes", max);
				goto out;
			}
			nb = pxi_realloc(alc, buf, ncap);
			if (!nb) {
				rc = pxi_error(err, PX_ENOMEM, name, base, 0,
				               "out of memory");
				goto out;
			}
			buf = nb;
			cap = ncap;
		}
		zs.next_out = (Bytef *)buf + len;
		zs.avail_out = (uInt)(cap - 1 - len);
		zr = inflate(&zs, Z_NO_FLUSH);
		len = (size_t)((char *)zs.next_out - buf);
		if (zr == Z_STREAM_END)
			break;
		if (zr == Z_BUF_ERROR && zs.avail_out == 0)
			continue;
		if (zr == Z_OK)
			continue;
		{
			size_t at = base + (size_t)((const char *)zs.next_in -
			                            p);

			if (zr == Z_MEM_ERROR)
				rc = pxi_error(err, PX_ENOMEM, name, at, 0,
				               "out of memory");
			else if (zr == Z_BUF_ERROR)
				rc = pxi_error(err, PX_EPARSE, name, at, 0,
				               "truncated gzip data at byte %zu "
				               "(member from byte %zu)", at, base);
			else
				rc = pxi_error(err, PX_EPARSE, name, at, 0,
				               "corrupt gzip data at byte %zu "
				               "(member from byte %zu: %s)", at,
				               base, zs.msg ? zs.msg : "bad data");
			goto out;
		}
	}
	if (len > max) {
		rc = pxi_error(err, PX_ETOOBIG, name, base, 0,
		               "gzip data over the cap of %zu bytes", max);
		goto out;
	}
	buf[len] = '\0';
	*out = buf;
	*out_len = len;
	if (used)
		*used = (size_t)((const char *)zs.next_in - p);
	buf = NULL;
out:
	inflateEnd(&zs);
	pxi_free(alc, buf);
	return rc;
}
