/*
 * error.c - status text and error reports that name input and place.
 */
#include <stdio.h>
#include <string.h>

#include "core.h"

const char *px_strerror(px_status rc)
{
	switch (rc) {
	case PX_OK: return "no error";
	case PX_ENOMEM: return "out of memory";
	case PX_EINVAL: return "invalid argument";
	case PX_EUTF8: return "invalid UTF-8";
	case PX_ENUL: return "NUL byte in text";
	case PX_EEMPTY: return "empty input";
	case PX_ETOOBIG: return "input too large";
	case PX_EPARSE: return "malformed input";
	case PX_EIO: return "input/output error";
	case PX_ESTORE: return "store error";
	}
	return "unknown error";
}

/*
 * The message reads "<what> at byte N (line L) in SOURCE", the problem
 * first, as the CLI prints it after "parallax: ".
 */
px_status pxi_error(px_error *err, px_status code, const char *source,
                    size_t offset, size_t line, const char *fmt, ...)
{
	char what[256];
	va_list ap;

	if (!err)
		return code;
	memset(err, 0, sizeof(*err));
	err->code = code;
	err->offset = offset;
	err->line = line;
	snprintf(err->source, sizeof(err->source), "%s",
	         source ? source : "<input>");
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (line)
		snprintf(err->msg, sizeof(err->msg),
		         "%s at byte %zu (line %zu) in %s", what, offset, line,
		         err->source);
	else
		snprintf(err->msg, sizeof(err->msg), "%s in %s", what,
		         err->source);
	return code;
}
