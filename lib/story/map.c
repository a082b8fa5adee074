/*
 * map.c - an open-addressing hash map from 64-bit keys to short lists
 * of 32-bit numbers, for the story index and the LSH bands. No deletion:
 * the owner rebuilds it from what is live.
 */
#include <string.h>

#include "story_int.h"

void pxi_map_free(const px_allocator *alc, pxi_map *m)
{
	size_t i;

	for (i = 0; i < m->cap; i++)
		pxi_free(alc, m->slot[i].a);
	pxi_free(alc, m->slot);
	memset(m, 0, sizeof(*m));
}

/* The slot for key: its own or the empty one where it would go. */
static pxi_plist *find(const pxi_map *m, uint64_t key)
{
	size_t i = (size_t)(key ^ (key >> 29)) & (m->cap - 1);

	while (m->slot[i].key && m->slot[i].key != key)
		i = (i + 1) & (m->cap - 1);
	return &m->slot[i];
}

/* Double the table (or make the first one). */
static px_status grow(const px_allocator *alc, pxi_map *m)
{
	size_t ncap = m->cap ? m->cap * 2 : 1024, i;
	pxi_map nm;

	nm.slot = pxi_alloc(alc, ncap * sizeof(*nm.slot));
	if (!nm.slot)
		return PX_ENOMEM;
	memset(nm.slot, 0, ncap * sizeof(*nm.slot));
	nm.cap = ncap;
	nm.used = m->used;
	for (i = 0; i < m->cap; i++)
		if (m->slot[i].key)
			*find(&nm, m->slot[i].key) = m->slot[i];
	pxi_free(alc, m->slot);
	*m = nm;
	return PX_OK;
}

px_status pxi_map_add(const px_allocator *alc, pxi_map *m, uint64_t key,
                      uint32_t v, uint32_t cap)
{
	pxi_plist *p;

	key |= 1; /* 0 marks an empty slot */
	if ((m->used + 1) * 4 > m->cap * 3) {
		px_status rc = grow(alc, m);

		if (rc)
			return rc;
	}
	p = find(m, key);
	if (p->n && p->a[p->n - 1] == v)
		return PX_OK;
	if (cap && p->n == cap) {
		memmove(p->a, p->a + 1, (p->n - 1) * sizeof(*p->a));
		p->n--;
	}
	if (p->n == p->cap) {
		uint32_t ncap = p->cap ? p->cap * 2 : 2;
		uint32_t *na = pxi_realloc(alc, p->a, ncap * sizeof(*na));

		if (!na)
			return PX_ENOMEM;
		p->a = na;
		p->cap = ncap;
	}
	if (!p->key) {
		p->key = key;
		m->used++;
	}
	p->a[p->n++] = v;
	return PX_OK;
}

const pxi_plist *pxi_map_get(const pxi_map *m, uint64_t key)
{
	const pxi_plist *p;

	if (!m->cap)
		return NULL;
	p = find(m, key | 1);
	return p->key ? p : NULL;
}
