/*
 * parallax.h - the one public header of the Parallax engine.
 *
 * Parallax reads news articles and reports, for each, its paragraphs,
 * sentences, tokens and site residue, every span as byte offsets into the
 * article's original bytes. The engine is a set of pure functions over
 * text: no global state, no I/O. Distinct articles may be analyzed on
 * distinct threads at once.
 *
 * Ownership, in one rule: everything an article reports lives in the
 * article's arena and stays valid until px_article_free() on it.
 *
 *   px_error err;
 *   px_article *a = NULL;
 *   px_status rc = px_article_from_text(bytes, n, "a.txt", NULL, &a, &err);
 *   if (rc != PX_OK)
 *       fprintf(stderr, "parallax: %s\n", err.msg);
 *   ...
 *   px_article_free(a);
 */
#ifndef PARALLAX_H
#define PARALLAX_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(PX_BUILDING) && defined(__GNUC__)
#define PX_API __attribute__((visibility("default")))
#else
#define PX_API
#endif

#define PX_VERSION "0.1.0"

/* ---- Status and errors ------------------------------------------------ */

typedef enum px_status {
	PX_OK = 0,
	PX_ENOMEM,  /* out of memory */
	PX_EINVAL,  /* bad argument (a programmer error) */
	PX_EUTF8,   /* invalid UTF-8 */
	PX_ENUL,    /* NUL byte in text */
	PX_EEMPTY,  /* empty input, or no text */
	PX_ETOOBIG, /* input over the size cap */
	PX_EPARSE,  /* malformed structured input (JSON) */
	PX_EIO,     /* reading or writing failed (CLI and store) */
	PX_ESTORE   /* the store failed */
} px_status;

/* Constant English text for a status; never NULL. */
PX_API const char *px_strerror(px_status rc);

/*
 * What went wrong and where. Readers fill it when given one: the input's
 * name, the byte offset (from the start of the input the reader was given),
 * the 1-based line and the message, which already names input and place.
 */
typedef struct px_error {
	px_status code;
	size_t offset; /* byte offset of the problem in the input */
	size_t line;   /* 1-based line of the problem, 0 if unknown */
	char source[256];
	char msg[640];
} px_error;

/* ---- Allocation -------------------------------------------------------- */

/*
 * A replaceable allocator. Any function may be NULL to use the C library's.
 * alloc/realloc return NULL on failure; Parallax then reports PX_ENOMEM and
 * leaves no partial object behind.
 */
typedef struct px_allocator {
	void *(*alloc)(void *ctx, size_t n);
	void *(*realloc)(void *ctx, void *p, size_t n);
	void (*free)(void *ctx, void *p);
	void *ctx;
} px_allocator;

/* ---- Options ----------------------------------------------------------- */

#define PX_DEFAULT_MAX_BYTES ((size_t)4 << 20)

/* Option flags (px_options.flags). */
#define PX_OPT_NO_TITLE 0x1u /* never take the first line as title */
#define PX_OPT_NO_FRONT 0x2u /* never read a front-matter block */

typedef struct px_options {
	const px_allocator *alc; /* NULL: the C library's */
	size_t max_bytes;        /* article size cap; 0: PX_DEFAULT_MAX_BYTES */
	unsigned flags;          /* PX_OPT_* */
} px_options;

/* ---- Spans and results -------------------------------------------------- */

/* A half-open byte range [start, end) into the article's original bytes. */
typedef struct px_span {
	size_t start;
	size_t end;
} px_span;

typedef enum px_token_kind {
	PX_TOK_WORD = 1,
	PX_TOK_NUMBER,
	PX_TOK_PUNCT,
	PX_TOK_QUOTE, /* quote marks: straight, curly, single, guillemets */
	PX_TOK_URL,
	PX_TOK_EMAIL,
	PX_TOK_HASHTAG,
	PX_TOK_SYMBOL
} px_token_kind;

/* Token flags. */
#define PX_TF_CAP 0x01u      /* first letter upper case */
#define PX_TF_UPPER 0x02u    /* all letters upper case (two or more) */
#define PX_TF_ABBR 0x04u     /* abbreviation or initial ending in '.' */
#define PX_TF_OPEN 0x08u     /* quote mark that opens */
#define PX_TF_CLOSE 0x10u    /* quote mark that closes */
#define PX_TF_RESIDUE 0x20u  /* inside a residue span */
#define PX_TF_NONASCII 0x40u /* holds non-ASCII characters */

typedef struct px_token {
	uint32_t start; /* byte offsets into the original text */
	uint32_t end;
	uint8_t kind;   /* px_token_kind */
	uint8_t flags;  /* PX_TF_* */
	uint16_t para;  /* paragraph index, saturating at 65535 */
} px_token;

typedef struct px_sentence {
	px_span span;
	size_t tok_first; /* index of the first token */
	size_t tok_count;
	size_t para;      /* paragraph index */
	int heading;      /* a heading or headline line, no final punctuation */
	int residue;      /* wholly inside a residue span */
} px_sentence;

typedef struct px_paragraph {
	px_span span;
	int heading; /* a single short line without final punctuation */
	int bullet;  /* a list item */
} px_paragraph;

typedef enum px_residue_kind {
	PX_RES_REPEATED_HEADLINE = 1,
	PX_RES_SUMMARY_PANEL,
	PX_RES_SENTIMENT_PANEL,
	PX_RES_TABLE_PANEL,
	PX_RES_PANEL_HEADING,
	PX_RES_INJECTED_LINK,
	PX_RES_PAGE_METADATA,
	PX_RES_TAG,
	PX_RES_BYLINE,
	PX_RES_SITE_FOOTER,
	PX_RES_REPEATED_PARAGRAPH
} px_residue_kind;

typedef struct px_residue {
	px_span span;
	px_residue_kind kind;
	const char *reason; /* constant text, e.g. "injected internal link" */
} px_residue;

/* Constant text naming a residue kind, e.g. "repeated_headline". */
PX_API const char *px_residue_kind_name(px_residue_kind k);

/* Article metadata. Strings are NUL-terminated, NULL when unknown. */
typedef struct px_meta {
	const char *id;
	const char *source;    /* outlet name */
	const char *url;
	const char *published; /* as given */
	const char *edited;    /* YYYY-MM-DD, from page residue */
	const char *site;      /* site name, from page residue */
	const char *author;    /* from a byline */
	const char *input;     /* input name: file name or name:line */
	const char *extra_json; /* other JSON fields of the record, or NULL */
	const char *title;     /* the title, from the text or the record */
	px_span title_span;    /* its bytes in the text; empty if not there */
	px_span body;          /* the text after front matter */
	const char *source_from; /* "front-matter", "flag", "record", "file" */
} px_meta;

/* ---- Articles ------------------------------------------------------------ */

typedef struct px_article px_article;

/*
 * A plain-text article: an optional front-matter block (lines "Key: value"
 * such as Source, Published, URL, Title, Id, then a blank line), an
 * optional title line, then the body. Validates the bytes (UTF-8, no NUL,
 * not empty, not over opts->max_bytes), normalizes to NFC, and runs the
 * text pipeline. name is the input's name for errors and metadata.
 * On success *out owns a copy of the bytes; on failure *out is NULL and
 * err (if not NULL) says what and where.
 */
PX_API px_status px_article_from_text(const char *text, size_t len,
                                      const char *name,
                                      const px_options *opts,
                                      px_article **out, px_error *err);

/*
 * A record given field by field (from JSON Lines or a caller). text is the
 * body, with no front matter; title may be NULL. The strings are copied.
 * extra_json, if not NULL, is a JSON object text of fields to pass through.
 */
typedef struct px_record {
	const char *id, *source, *url, *published, *title;
	const char *text;
	size_t text_len;
	const char *extra_json;
	const char *input; /* name:line for errors */
} px_record;

PX_API px_status px_article_from_record(const px_record *rec,
                                        const px_options *opts,
                                        px_article **out, px_error *err);

/*
 * Parse one JSON Lines record (a JSON object with fields id, source, url,
 * published, title, text; others passed through) and analyze it. line is
 * the 1-based line number, used for the default id (name:line) and errors;
 * error offsets count from the start of this line.
 */
PX_API px_status px_article_from_json(const char *json, size_t len,
                                      const char *name, size_t line,
                                      const px_options *opts,
                                      px_article **out, px_error *err);

/* Free an article and everything it reports. NULL is a no-op. */
PX_API void px_article_free(px_article *a);

/* Set a metadata field after analysis (e.g. --source for a whole run).
 * field is "source" or "published"; the value is copied. */
PX_API px_status px_article_set_meta(px_article *a, const char *field,
                                     const char *value);

/* The original bytes (not NUL-terminated) and their length. */
PX_API const char *px_article_text(const px_article *a, size_t *len);
PX_API const px_meta *px_article_meta(const px_article *a);

/* Result arrays, in text order; *n receives the count. NULL a: n = 0. */
PX_API const px_paragraph *px_article_paragraphs(const px_article *a,
                                                 size_t *n);
PX_API const px_sentence *px_article_sentences(const px_article *a,
                                               size_t *n);
PX_API const px_token *px_article_tokens(const px_article *a, size_t *n);
PX_API const px_residue *px_article_residue(const px_article *a, size_t *n);

/* Text of a token kind, e.g. "word". */
PX_API const char *px_token_kind_name(px_token_kind k);

/* ---- Output -------------------------------------------------------------- */

/* Output flags. */
#define PX_OUT_TOKENS 0x1u /* include every token */
#define PX_OUT_PRETTY 0x2u /* indent JSON */

/*
 * The article as one JSON object (see docs/schema/article.schema.json), or
 * as the readable text view. *out is allocated with malloc; the caller
 * frees it. Returns PX_ENOMEM on failure, *out then NULL.
 */
PX_API px_status px_article_to_json(const px_article *a, unsigned flags,
                                    char **out, size_t *len);
PX_API px_status px_article_to_text(const px_article *a, unsigned flags,
                                    char **out, size_t *len);

#ifdef __cplusplus
}
#endif
#endif /* PARALLAX_H */
