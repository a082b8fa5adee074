/*
 * polnear.c - reading PolNeAR for the tools (polnear.h).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "polnear.h"

int by_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

size_t *cp_table(const char *p, size_t n, size_t *ncp)
{
	size_t *t = malloc((n + 2) * sizeof(*t)), i, c = 0;

	if (!t)
		return NULL;
	for (i = 0; i < n; i++)
		if (((unsigned char)p[i] & 0xC0) != 0x80)
			t[c++] = i;
	t[c] = n;
	*ncp = c;
	return t;
}

int has_quote_mark(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] == '"')
			return 1;
		if (i + 2 < n && (unsigned char)p[i] == 0xE2 &&
		    (unsigned char)p[i + 1] == 0x80 &&
		    ((unsigned char)p[i + 2] == 0x9C ||
		     (unsigned char)p[i + 2] == 0x9D))
			return 1;
	}
	return 0;
}

tspan *read_ann(char *ann, const char *text, const size_t *cpt,
                       size_t ncp, size_t *nt, gattr **ga, size_t *ng)
{
	tspan *ts = NULL;
	size_t cap = 0, gcap = 0;
	char *line, *save;

	*nt = 0;
	*ga = NULL;
	*ng = 0;
	for (line = strtok_r(ann, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char kind[32], *p;
		long id;
		tspan t;

		if (line[0] == 'E') {
			char *c = strstr(line, "Content:T");
			char *s = strstr(line, "Source:T");
			char *cu = strstr(line, "Cue:T");
			gattr g;
			int i, q = 0;

			if (!c)
				continue;
			g.c = (size_t)strtol(c + 9, NULL, 10);
			g.s = s ? (size_t)strtol(s + 8, NULL, 10) : 0;
			g.cue = cu ? (size_t)strtol(cu + 5, NULL, 10) : 0;
			if (g.cue >= *nt || ts[g.cue].kind != 'U')
				g.cue = 0;
			if (g.c >= *nt || ts[g.c].kind != 'C')
				continue;
			if (g.s >= *nt || ts[g.s].kind != 'S')
				g.s = 0;
			for (i = 0; i < ts[g.c].nf; i++)
				q |= has_quote_mark(text + ts[g.c].f[i].s,
				                    ts[g.c].f[i].e - ts[g.c].f[i].s);
			if (!q)
				continue;
			if (*ng == gcap) {
				gcap = gcap ? gcap * 2 : 64;
				*ga = realloc(*ga, gcap * sizeof(**ga));
			}
			(*ga)[(*ng)++] = g;
			continue;
		}
		if (line[0] != 'T')
			continue;
		id = strtol(line + 1, &p, 10);
		if (id <= 0 || *p != '\t' || sscanf(p + 1, "%31s", kind) != 1)
			continue;
		memset(&t, 0, sizeof(t));
		t.kind = !strcmp(kind, "Content") ? 'C'
		         : !strcmp(kind, "Source") ? 'S'
		         : !strcmp(kind, "Cue") ? 'U' : 'x';
		p = strchr(p + 1, ' ');
		while (p && t.nf < MAXFRAG) {
			unsigned long s, e;
			char *q;

			s = strtoul(p + 1, &q, 10);
			if (q == p + 1 || *q != ' ')
				break;
			e = strtoul(q + 1, &p, 10);
			if (s > ncp)
				s = ncp;
			if (e > ncp)
				e = ncp;
			t.f[t.nf].s = cpt[s];
			t.f[t.nf].e = cpt[e];
			t.nf++;
			if (*p != ';')
				break;
		}
		if ((size_t)id >= cap) {
			size_t nc = cap ? cap : 256;

			while (nc <= (size_t)id)
				nc *= 2;
			ts = realloc(ts, nc * sizeof(*ts));
			memset(ts + cap, 0, (nc - cap) * sizeof(*ts));
			cap = nc;
		}
		ts[id] = t;
		if ((size_t)id + 1 > *nt)
			*nt = (size_t)id + 1;
	}
	return ts;
}

size_t overlap(span a, span b)
{
	size_t s = a.s > b.s ? a.s : b.s, e = a.e < b.e ? a.e : b.e;

	return e > s ? e - s : 0;
}

size_t overlap_t(span a, const tspan *t)
{
	size_t o = 0;
	int i;

	for (i = 0; i < t->nf; i++)
		o += overlap(a, t->f[i]);
	return o;
}

int swapped(const char *text, const tspan *src, const tspan *cue)
{
	static const char *const verbs[] = {
		"said", "says", "say", "told", "tells", "added", "wrote",
		"asked", "according", NULL
	};
	size_t n = src->f[0].e - src->f[0].s, i;

	if (src->nf != 1 || !cue || cue->nf < 1 ||
	    !(text[cue->f[0].s] >= 'A' && text[cue->f[0].s] <= 'Z'))
		return 0;
	for (i = 0; verbs[i]; i++)
		if (strlen(verbs[i]) == n &&
		    !strncmp(text + src->f[0].s, verbs[i], n))
			return 1;
	return 0;
}

int rel_pronoun(const char *p, size_t n)
{
	return (n == 3 && (!strncmp(p, "who", 3) || !strncmp(p, "Who", 3))) ||
	       (n == 5 && !strncmp(p, "which", 5)) ||
	       (n == 4 && !strncmp(p, "that", 4));
}

char **ann_files(const char *dir, size_t *n)
{
	char path[4096];
	char **files = NULL, **grown;
	size_t cap = 0;
	DIR *d;
	struct dirent *de;

	*n = 0;
	snprintf(path, sizeof(path), "%s/attributions", dir);
	d = opendir(path);
	if (!d)
		return NULL;
	while ((de = readdir(d)) != NULL) {
		if (!strstr(de->d_name, ".ann"))
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 256;
			grown = realloc(files, cap * sizeof(*files));
			if (!grown)
				break;
			files = grown;
		}
		files[(*n)++] = strdup(de->d_name);
	}
	closedir(d);
	if (!files)
		files = calloc(1, sizeof(*files));
	qsort(files, *n, sizeof(*files), by_str);
	return files;
}

int read_doc(const char *dir, const char *base, const char *ann_name,
             char **text, size_t *tlen, tspan **ts, size_t *nt,
             gattr **ga, size_t *ng)
{
	char path[4096], *ann;
	size_t alen, ncp;
	size_t *cpt;

	snprintf(path, sizeof(path), "%s/text/%s.txt", dir, base);
	*text = read_file(path, tlen);
	snprintf(path, sizeof(path), "%s/attributions/%s", dir, ann_name);
	ann = read_file(path, &alen);
	cpt = *text ? cp_table(*text, *tlen, &ncp) : NULL;
	if (!*text || !ann || !cpt) {
		free(*text);
		*text = NULL;
		free(ann);
		free(cpt);
		return -1;
	}
	*ts = read_ann(ann, *text, cpt, ncp, nt, ga, ng);
	free(ann);
	free(cpt);
	return 0;
}
