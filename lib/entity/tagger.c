/*
 * tagger.c - the tagger other stages call: the compiled-in model
 * (ner_model.c) run by ner.c, and the names of tags and types.
 */
#include "entity_int.h"

#define NT PXI_NER_NTAGS

static const char *const tag_names[NT] = {
	"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC",
	"I-MISC"
};

static const char *const type_names[] = {"", "PER", "ORG", "LOC", "MISC"};

/* "O", "B-PER", ... for a tag; "?" when out of range. */
const char *pxi_ner_tag_name(int tag)
{
	return tag >= 0 && tag < NT ? tag_names[tag] : "?";
}

/* "PER", "ORG", "LOC", "MISC" for a type; "" otherwise. */
const char *pxi_ner_type_name(int type)
{
	return type > 0 && type <= PXI_NER_MISC ? type_names[type] : "";
}

/* Tag t[0..n) with the compiled-in model, in windows of at most
 * PXI_NER_WINDOW tokens. */
px_status pxi_ner_tag(pxi_ner_work *w, const pxi_ner_token *t, size_t n,
                      uint8_t *tags)
{
	if (n == 0)
		return PX_OK;
	if (!w || !t || !tags)
		return PX_EINVAL;
	pxi_ner_tag_model(&pxi_ner_builtin, w, t, n, tags);
	return PX_OK;
}
