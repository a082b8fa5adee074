/*
 * arena.c - allocator hooks, the per-article arena and arena-backed arrays.
 */
#include <stdlib.h>
#include <string.h>

#include "core.h"

void *pxi_alloc(const px_allocator *alc, size_t n)
{
	if (alc && alc->alloc)
		return alc->alloc(alc->ctx, n);
	return malloc(n);
}

void *pxi_realloc(const px_allocator *alc, void *p, size_t n)
{
	if (alc && alc->realloc)
		return alc->realloc(alc->ctx, p, n);
	return realloc(p, n);
}

void pxi_free(const px_allocator *alc, void *p)
{
	if (!p)
		return;
	if (alc && alc->free)
		alc->free(alc->ctx, p);
	else
		free(p);
}

struct pxi_arena_block {
	pxi_arena_block *next;
	size_t cap;
	max_align_t data[]; /* cap bytes */
};

#define ARENA_MIN_BLOCK ((size_t)16 << 10)
#define ARENA_ALIGN (sizeof(max_align_t))

void pxi_arena_init(pxi_arena *ar, const px_allocator *alc)
{
	memset(ar, 0, sizeof(*ar));
	ar->alc = alc;
}

void pxi_arena_free(pxi_arena *ar)
{
	pxi_arena_block *b = ar->head;

	while (b) {
		pxi_arena_block *next = b->next;
		pxi_free(ar->alc, b);
		b = next;
	}
	ar->head = NULL;
	ar->used = 0;
	ar->total = 0;
}

void pxi_arena_expect(pxi_arena *ar, size_t n)
{
	ar->first = n;
}

/*
 * Blocks grow with what the arena already holds, so an article of any size
 * takes a logarithmic number of blocks; the first is as large as the
 * arena expects to hold.
 */
void *pxi_arena_alloc(pxi_arena *ar, size_t n)
{
	pxi_arena_block *b;
	size_t need, cap;
	char *p;

	if (ar->oom)
		return NULL;
	need = (n + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
	if (need < n)
		goto fail;
	if (ar->head && ar->head->cap - ar->used >= need) {
		p = (char *)ar->head->data + ar->used;
		ar->used += need;
		return p;
	}
	cap = ar->total ? ar->total / 2 : ar->first;
	if (cap < ARENA_MIN_BLOCK)
		cap = ARENA_MIN_BLOCK;
	if (cap < need)
		cap = need;
	if (cap > SIZE_MAX - sizeof(*b))
		goto fail;
	b = pxi_alloc(ar->alc, sizeof(*b) + cap);
	if (!b)
		goto fail;
	b->cap = cap;
	/* Keep the fuller block at the head only if the new one is spent. */
	if (ar->head && need == cap) {
		b->next = ar->head->next;
		ar->head->next = b;
		ar->total += cap;
		return b->data;
	}
	b->next = ar->head;
	ar->head = b;
	ar->used = need;
	ar->total += cap;
	return b->data;
fail:
	ar->oom = 1;
	return NULL;
}

char *pxi_arena_strndup(pxi_arena *ar, const char *p, size_t n)
{
	char *z;

	if (n == SIZE_MAX)
		return NULL;
	z = pxi_arena_alloc(ar, n + 1);
	if (!z)
		return NULL;
	if (n)
		memcpy(z, p, n);
	z[n] = '\0';
	return z;
}

void pxi_vec_init(pxi_vec *v, size_t size, size_t max)
{
	memset(v, 0, sizeof(*v));
	v->size = size;
	v->max = max;
}

/*
 * Grow the last allocation of the arena's head block, (p, n) bytes, to
 * want bytes where it stands; 1 when done, 0 when p is not the last
 * allocation or the block has no room. A vector pushed alone (tokens
 * while text/ tokenizes, say) grows with no copy and leaves no old array
 * behind.
 */
static int arena_grow_last(pxi_arena *ar, void *p, size_t n, size_t want)
{
	char *top;
	size_t extra;

	if (!ar->head || !p)
		return 0;
	n = (n + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
	top = (char *)ar->head->data + ar->used;
	if ((char *)p + n != top || want <= n)
		return 0;
	extra = ((want - n) + ARENA_ALIGN - 1) & ~(ARENA_ALIGN - 1);
	if (extra < want - n || ar->head->cap - ar->used < extra)
		return 0;
	ar->used += extra;
	return 1;
}

int pxi_vec_reserve(pxi_arena *ar, pxi_vec *v, size_t cap)
{
	void *a;

	if (cap <= v->cap)
		return 0;
	if (cap > v->max || cap > SIZE_MAX / v->size)
		return -1;
	if (!ar->oom && arena_grow_last(ar, v->a, v->cap * v->size,
	                                cap * v->size)) {
		v->cap = cap;
		return 0;
	}
	a = pxi_arena_alloc(ar, cap * v->size);
	if (!a)
		return -1;
	if (v->n)
		memcpy(a, v->a, v->n * v->size);
	v->a = a;
	v->cap = cap;
	return 0;
}

void *pxi_vec_grow_push(pxi_arena *ar, pxi_vec *v)
{
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 16;

		if (cap > v->max)
			cap = v->max;
		if (cap <= v->n || pxi_vec_reserve(ar, v, cap))
			return NULL;
	}
	return (char *)v->a + v->size * v->n++;
}
