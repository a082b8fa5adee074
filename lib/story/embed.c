/*
 * embed.c - an article's vector from its words' vectors (see embed.h).
 */
#include <math.h>
#include <string.h>

#include "embed.h"

void pxi_emb_add(pxi_emb_acc *acc, uint64_t h, float boost)
{
	size_t s = h & (PXI_EMB_SLOTS - 1), k;
	uint64_t want = h ? h : 1;
	const int8_t *restrict v;
	float *restrict out = acc->v;
	float w;

	while (pxi_emb_key[s] != want) {
		if (!pxi_emb_key[s])
			return;
		s = (s + 1) & (PXI_EMB_SLOTS - 1);
	}
	v = (const int8_t *)pxi_emb_vec + (size_t)pxi_emb_at[s] * PXI_EMB_DIM;
	w = pxi_emb_weight[pxi_emb_at[s]] * boost;
	/* restrict: the int8 table may not alias the sums, so the loop
	 * is vectorized */
	for (k = 0; k < PXI_EMB_DIM; k++)
		out[k] += w * (float)v[k];
	acc->words++;
}

int pxi_emb_finish(const pxi_emb_acc *acc, int8_t out[PXI_EMB_DIM])
{
	double n = 0, pr = 0, x[PXI_EMB_DIM];
	size_t k;

	memset(out, 0, PXI_EMB_DIM);
	if (!acc->words)
		return 0;
	for (k = 0; k < PXI_EMB_DIM; k++)
		n += (double)acc->v[k] * acc->v[k];
	if (n <= 0)
		return 0;
	n = sqrt(n);
	/* the unit vector less its part along the common direction (what
	 * every English text shares), made unit again */
	for (k = 0; k < PXI_EMB_DIM; k++)
		pr += acc->v[k] / n * pxi_emb_dir[k];
	for (k = 0; k < PXI_EMB_DIM; k++)
		x[k] = acc->v[k] / n - pr * pxi_emb_dir[k];
	n = 0;
	for (k = 0; k < PXI_EMB_DIM; k++)
		n += x[k] * x[k];
	if (n <= 1e-12)
		return 0;
	n = sqrt(n);
	for (k = 0; k < PXI_EMB_DIM; k++)
		out[k] = (int8_t)lrint(x[k] / n * 127);
	return 1;
}
