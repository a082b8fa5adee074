/*
 * file.c - reading a whole file, for the tools and benchmarks (file.h).
 */
#include <stdio.h>
#include <stdlib.h>

#include "file.h"

char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *p = NULL, *np;
	size_t n = 0, cap = 0, k;
	int bad;

	if (!f)
		return NULL;
	for (;;) {
		if (n + 65536 > cap) {
			cap = cap ? cap * 2 : (size_t)1 << 20;
			np = realloc(p, cap + 1);
			if (!np) {
				free(p);
				fclose(f);
				return NULL;
			}
			p = np;
		}
		k = fread(p + n, 1, cap - n, f);
		n += k;
		if (!k)
			break;
	}
	bad = ferror(f);
	fclose(f);
	if (bad) {
		free(p);
		return NULL;
	}
	p[n] = '\0';
	*len = n;
	return p;
}
