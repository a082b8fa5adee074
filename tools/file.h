/*
 * file.h - reading a whole file, for the tools and benchmarks.
 */
#ifndef PX_TOOLS_FILE_H
#define PX_TOOLS_FILE_H

#include <stddef.h>

/* The whole file at path in a malloc'd buffer with a NUL after its
 * bytes; its length in *len. NULL when it cannot be opened or read (or
 * memory runs out). Reads in chunks: pipes and growing files too. */
char *read_file(const char *path, size_t *len);

#endif /* PX_TOOLS_FILE_H */
