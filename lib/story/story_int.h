/*
 * story_int.h - private to lib/story/: the live articles and stories of
 * a px_stories set, and the indexes over them.
 */
#ifndef PX_STORY_INT_H
#define PX_STORY_INT_H

#include "../core/core.h"
#include "story.h"

#define PXI_WORD_MAX 64  /* longest word hashed, bytes */
#define PXI_STEM_MAX 6   /* terms: at most this prefix of the stem */
#define MH_K 64          /* one-permutation MinHash bins per article */
#define MH_ROWS 4        /* LSH: 16 bands of 4 rows, threshold ~0.5 */
#define MH_BANDS (MH_K / MH_ROWS)
#define SHINGLE 5        /* words per shingle */
#define VEC_CAP 192      /* most terms kept per article */
#define CENT_CAP 256     /* most terms kept per story centroid */
#define MEMBER_CAP 4     /* live members a story is compared through */
#define POST_CAP 32      /* stories kept per index term (newest) */
#define INDEX_TERMS 48   /* rarest terms of an article put in the index */
#define LOOKUP_TERMS 48  /* heaviest terms of an article looked up */
#define CAND_MAX 12      /* candidate stories scored in full */
#define CAND_TAB 256     /* candidate stories gathered, at most 3/4 */
#define MEMBER_CANDS 4   /* of those, compared through members */
#define MEMBER_WEIGHT 0.5  /* share of average link in their score
                            * (the rest: cosine to the centroid) */
#define DF_BITS 20       /* document-frequency counters: 2^20, flat */
#define DF_HALF_AT 50000 /* counts halved when this many documents */
#define COMPACT_EVERY 1024
#define TITLE_BOOST 2.0f /* weight of a title word */
#define KEY_BOOST 1.0f   /* weight of an entity key over a word */
#define FACT_BOOST 1.0f  /* weight of an amount or a date */
#define IDF_PRIOR 20.0  /* documents assumed seen before the first */
#define IDF_MIN 0.05
#define LOG_TAB 4096     /* log(df + 1) tabulated below this */
#define MERGE_FACTOR 1.6 /* a second story merges above thr * this */
#define BG_K 3           /* closest candidate stories an article's
                          * background is the mean cosine of */
#define BG_WEIGHT 1.0    /* how much of the pair's background above
                          * the running mean is taken off a score */
#define BG_MEAN_N 1000.0 /* articles the running mean follows */
#define REACH_FACTOR 5.0 /* windows past a story's span it can grow */
#define REACH_RISE 1.5   /* threshold multiplier at the reach */
#define PLAIN_SHARE 0.2  /* of the needed similarity, at least this
                          * share from words other than names */
#define EMB_WEIGHT 0.25  /* weight of the word-vector cosine (embed.h)
                          * beside the term cosine, for short texts */
#define EMB_CENTER 0.5   /* word-vector cosine of a usual pair of news
                          * texts: above it adds, below it takes away */
#define EMB_WORDS 100.0  /* longer than this, the share falls as 1/n */
#define LEN_FULL 300.0   /* words from which a text needs only the
                          * threshold (length_factor) */
#define LEN_SLOPE 1.07   /* online: (0.325 / 0.18 - 1) / (1 - 76 / 300),
                          * the threshold fitted on AllSides' even half
                          * over the default, at its median 76 words */
#define LEN_SLOPE_LATE 2.01 /* late binding: (0.30 / 0.12 - 1) / (1 -
                             * 76 / 300), the same for its cut */
#define LB_NB 3          /* late binding: candidate stories kept per
                          * article (its neighbourhood) */
#define LB_MAX 32        /* most articles clustered again at once (a
                          * bigger story is left as it is) */
#define LB_CACHE_BITS 16 /* pair cosines kept (direct-mapped): the same
                          * neighbourhood is clustered again and again */
#define LB_APART (-1.0)  /* score of a pair sharing no term, over what
                          * it needs: a roundup close to two events
                          * does not bring them together */

/* A term and its weight in a sparse vector, sorted by h. */
typedef struct pxi_tf {
	uint64_t h;
	float tf;
	uint8_t name; /* a name: an entity key, or a word written with a
	               * capital wherever it stands in the body */
} pxi_tf;

/* An article kept for matching while it is live. */
typedef struct pxi_art {
	size_t num;
	int32_t day;
	uint32_t mh[MH_K];
	uint64_t *sh;    /* hashes of its nsh shingles, and after them in
	                  * the same block their byte spans: per shingle
	                  * its start less the one before, then its length,
	                  * as LEB128 varints (2 bytes for most, not 8) */
	size_t nsh;
	pxi_tf *v;       /* weights: tf * IDF when added */
	size_t nv;
	double norm;
	double bg;       /* background: mean centroid cosine of its BG_K
	                  * closest candidate stories when added */
	uint32_t nb[LB_NB]; /* late binding: its closest candidate stories
	                     * when added (ids, merges to follow) */
	uint8_t nnb;
	uint8_t bg_full; /* its background is over BG_K stories */
	uint8_t has_emb; /* emb holds its words' vector */
	uint32_t nw;     /* its words (the vectors' share, emb_weight) */
	int8_t emb[PXI_EMB_DIM];
	int used;
} pxi_art;

/* First and last publication day of a story (PXI_NO_DAY: none). */
typedef struct pxi_span_days {
	int32_t lo, hi;
} pxi_span_days;

/* A live story. */
typedef struct pxi_story {
	uint32_t id;
	int32_t first_day, last_day; /* PXI_NO_DAY when none known */
	size_t last_num;             /* newest article added */
	size_t size;                 /* articles, all time */
	pxi_tf *c;                   /* centroid: summed weights, sorted */
	size_t nc;
	double norm;
	double bg;                   /* mean background of its articles */
	size_t mem[MEMBER_CAP];      /* newest members (article numbers) */
	size_t nmem;
	uint32_t *all;               /* late binding: its members added
	                              * while live (some may have left) */
	size_t nall, capall;
	uint8_t undated;             /* late binding: has an undated
	                              * article (a candidate at any date) */
	float emb[PXI_EMB_DIM];      /* sum of its articles' word vectors */
	float enorm;                 /* its length; 0: none */
} pxi_story;

/* The cosine of articles a < b and its name-free part (a = b: empty). */
typedef struct pxi_pair {
	uint32_t a, b;
	float c, p;
} pxi_pair;

/* Open-addressing map from a 64-bit key to a short list of numbers. */
typedef struct pxi_plist {
	uint64_t key; /* 0: empty slot */
	uint32_t *a;
	uint32_t n, cap;
} pxi_plist;

typedef struct pxi_map {
	pxi_plist *slot;
	size_t cap; /* power of two */
	size_t used;
} pxi_map;

struct px_stories {
	px_allocator alcv;
	const px_allocator *alc;
	double window;        /* days; < 0: none */
	double thr, copy_thr;
	double join;          /* an arriving article joins at this (thr
	                       * without late binding) */
	int late;             /* late binding on */
	size_t rebind_every, since_rebind;
	uint32_t *lb_r;       /* late binding work: articles, */
	double *lb_s, *lb_p;  /* their pair scores and name-free parts, */
	size_t *lb_c;         /* cluster of each (all LB_MAX, allocated
	                       * on first use) */
	struct pxi_pair *lb_cache; /* cosines of pairs met lately */
	size_t max_live;

	uint32_t *art_story;  /* per article: story id when added */
	size_t nart, capart;
	uint32_t *fwd;        /* per story id: merged into, or itself */
	pxi_story **st;       /* per story id: live story, or NULL */
	pxi_span_days *span;  /* per story id: its days, kept dense for
	                       * candidate lookups (no story to touch) */
	size_t nstory, capstory, capst, capspan;
	size_t nalive;        /* stories not merged away */
	uint32_t *live_ids;   /* ids of live stories (may hold stale ones) */
	size_t nlive_ids, caplive_ids;

	pxi_art *ring;        /* live articles, slot num % max_live */
	size_t lo;            /* oldest live article number */
	int32_t max_day;

	pxi_map index;        /* term -> story ids */
	pxi_map bands;        /* LSH band -> article numbers */
	uint32_t *df;         /* 2^DF_BITS counters */
	size_t ndocs;
	double log_n;         /* log(ndocs + IDF_PRIOR) */
	double bg_mean;       /* running mean of articles' backgrounds */
	double logtab[LOG_TAB];
	size_t since_compact;

	px_near_copy *copies;
	size_t ncopies, capcopies;
	px_story_merge *merges;
	size_t nmerges, capmerges;
	px_story_split *splits;
	size_t nsplits, capsplits;
	px_story_move *moves;
	size_t nmoves, capmoves;
};

/* map.c */
void pxi_map_free(const px_allocator *alc, pxi_map *m);
/* Append v to key's list (kept to at most cap newest; 0: no cap). */
px_status pxi_map_add(const px_allocator *alc, pxi_map *m, uint64_t key,
                      uint32_t v, uint32_t cap);
/* key's list, or NULL. */
const pxi_plist *pxi_map_get(const pxi_map *m, uint64_t key);

#endif /* PX_STORY_INT_H */
