/*
 * hash.c - the 64-bit hashes stories match on (words, stems, entity
 * keys, facts). Apart from doc.c so that tools/mkembed, which keys the
 * word-vector table by the same hash of a word, can build on it alone.
 */
#include "story.h"

uint64_t pxi_mix(uint64_t h, uint64_t k)
{
	h ^= k + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ull;
	h ^= h >> 33;
	return h;
}

uint64_t pxi_hash(const char *p, size_t n, uint64_t seed)
{
	uint64_t h = 0xcbf29ce484222325ull ^ seed;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)p[i];
		h *= 0x100000001b3ull;
	}
	return pxi_mix(h, seed);
}
