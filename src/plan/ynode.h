/*
 * ynode.h - the YAML node tree and checked reading of it.
 *
 * ytree.c turns libyaml's events into a tree of bd_ynode; validate.c reads
 * the tree into a plan through the functions here, which report every
 * problem (file:line:column, what was found, what was expected) to a
 * bd_vctx and count the nodes visited, so that aliases cannot make a small
 * file expand without bound.  Nothing here knows libyaml.
 *
 * Names: the tree's types are bd_ynode*; the checked reading that ynode.c
 * exports is named bd_v_* ("value"), every function and type of it.
 */
#ifndef BD_YNODE_H
#define BD_YNODE_H

#include <stddef.h>
#include <stdint.h>

#include "base/arena.h"
#include "badday/report.h"
#include "base/diag.h"

/* What a node of the YAML tree is. */
typedef enum bd_ynode_kind {
  BD_YNODE_SCALAR = 0,
  BD_YNODE_SEQUENCE = 1,
  BD_YNODE_MAPPING = 2,
  BD_YNODE_ALIAS = 3, /* a use of an anchor: u.target is the anchored node */
  BD_YNODE_BAD = 4    /* an error was already reported here: skip silently */
} bd_ynode_kind;

/* One node of the YAML tree.  The nodes may be freed once the plan is
 * built, but a scalar's text must live as long as the plan, which points
 * into it.  A scalar's text is NUL-terminated and holds no NUL (control
 * characters are refused while the tree is built).  A mapping's items are
 * key, value, key, value, ... */
typedef struct bd_ynode bd_ynode;
struct bd_ynode {
  union {
    const char *text;       /* BD_YNODE_SCALAR */
    bd_ynode *const *items; /* BD_YNODE_SEQUENCE, BD_YNODE_MAPPING */
    const bd_ynode *target; /* BD_YNODE_ALIAS */
  } u;
  uint32_t len;          /* scalar: bytes of text; collection: number of items */
  uint32_t line, column; /* 1-based position of the node (or alias) in the file */
  uint8_t kind;          /* bd_ynode_kind */
  uint8_t plain;         /* scalar written without quotes (it may be a YAML null) */
  uint8_t building;      /* collection not complete yet (used to detect alias cycles) */
};

/* The state of one reading of a tree.  Zero-initialise it and set path,
 * diags, arena and budget.  json is malloc'ed: free it when done. */
typedef struct bd_vctx {
  const char *path;       /* the file, for messages */
  bd_diags *diags;        /* where errors go */
  bd_arena *arena;        /* where extension JSON is allocated */
  size_t errors;          /* errors reported (kept or not) */
  size_t visits, budget;  /* nodes visited, and how many may be */
  int fatal;              /* out of budget or memory: stop reading */
  const bd_ynode *ext_at; /* the x- value being converted, where budget errors go */
  char *json;             /* the extension value being written */
  size_t json_len, json_cap, json_total;
} bd_vctx;

/* Reports an error at line:column (0 for none) and counts it; returns -1. */
int bd_v_error(bd_vctx *c, unsigned line, unsigned column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Reports running out of memory and stops the reading; returns -1. */
int bd_v_out_of_memory(bd_vctx *c);

/* Whether error messages are still kept (work done only to word a message,
 * such as a "did you mean" search, may be skipped otherwise). */
int bd_v_keeping(const bd_vctx *c);

/* Counts n more visited nodes; past the budget reports it at `at` and sets
 * c->fatal.  Returns 0 or -1. */
int bd_v_charge(bd_vctx *c, const bd_ynode *at, size_t n);

/* Counts node n and returns what it stands for (an alias's target), or
 * NULL when reading must stop or n was already reported (BD_YNODE_BAD). */
const bd_ynode *bd_v_visit(bd_vctx *c, const bd_ynode *n);

/* Whether v is a YAML null: a plain empty scalar, ~, null, Null or NULL. */
int bd_v_is_null(const bd_ynode *v);

/* Writes s[0..len) quoted for a message into buf (shortened, line breaks
 * escaped); returns buf. */
char *bd_v_quote(const char *s, size_t len, char *buf, size_t size);

/* Reports "expected <expected>, found <what v is>" at n; returns -1. */
int bd_v_wrong_type(bd_vctx *c, const bd_ynode *n, const bd_ynode *v, const char *expected);

/* Reports "invalid <what> '<v's text>': expected <expected>" at n. */
int bd_v_invalid(bd_vctx *c, const bd_ynode *n, const bd_ynode *v, const char *what,
                 const char *expected);

/* Reads node n as text: a scalar, not null, not empty.  *out points into
 * the tree.  Returns 0 or -1 (reported). */
int bd_v_text(bd_vctx *c, const bd_ynode *n, const char **out);

/* Returns the scalar n stands for, or NULL after reporting that
 * `expected` was expected (also for a null). */
const bd_ynode *bd_v_scalar(bd_vctx *c, const bd_ynode *n, const char *expected);

/* A parser of values.h that yields a double. */
typedef int (*bd_v_parser)(const char *, size_t, double *, const char **);

/* Reads n with parse, as a `what` ("duration"), described as `generic` when
 * it is not a scalar.  Returns 0 or -1 (reported). */
int bd_v_number(bd_vctx *c, const bd_ynode *n, const char *what, const char *generic,
                bd_v_parser parse, double *out);

/* Read n as an amount, duration (hours), frequency (per year) or share. */
int bd_v_amount(bd_vctx *c, const bd_ynode *n, double *out);
int bd_v_duration(bd_vctx *c, const bd_ynode *n, double *out);
int bd_v_frequency(bd_vctx *c, const bd_ynode *n, double *out);
int bd_v_share(bd_vctx *c, const bd_ynode *n, double *out);

/* Reads n as an identifier (*out points into the tree). */
int bd_v_id(bd_vctx *c, const bd_ynode *n, const char **out);

/* Reads n as a date: days since 1970-01-01 and, when text is not NULL, the
 * text (in the tree). */
int bd_v_date(bd_vctx *c, const bd_ynode *n, long *days, const char **text);

/* Reads n as one of the n_names words of names (listed as `choices` in
 * messages); *out is its index. */
int bd_v_word(bd_vctx *c, const bd_ynode *n, const char *what, const char *const *names,
              size_t n_names, const char *choices, int *out);

/* Returns the sequence (mapping) n stands for, its items charged to the
 * budget, or NULL after reporting that `what` was expected. */
const bd_ynode *bd_v_list(bd_vctx *c, const bd_ynode *n, const char *what);
const bd_ynode *bd_v_mapping(bd_vctx *c, const bd_ynode *n, const char *what);

/* Keeps in *best the candidate closest to word if it is close enough to
 * suggest (edit distance <= 2, or <= 1 when either is at most 3 bytes). */
void bd_v_consider(const char *word, const char *candidate, const char **best,
                   size_t *best_distance);

/* Writes the n names comma-separated into buf; after `max`, "...". */
void bd_v_join(char *buf, size_t size, const char *const *names, size_t n, size_t max);

/* Reports an unknown reference to a `what` (plural `plural`) named name at
 * node at, with a "did you mean" or a list of the ids: the `const char *`
 * members at byte offset `offset` of the count structs of `stride` bytes
 * at array (NULL ids skipped). */
void bd_v_unknown_ref(bd_vctx *c, const bd_ynode *at, const char *what, const char *plural,
                      const char *name, const void *array, size_t count, size_t stride,
                      size_t offset);

enum { BD_V_MAX_KEYS = 16 };

/* The known keys of one kind of mapping. */
typedef struct bd_v_schema {
  const char *what;        /* "scenario", for messages */
  const char *const *keys; /* known keys, NULL-terminated, at most BD_V_MAX_KEYS */
  int extensions;          /* whether x- keys are allowed */
} bd_v_schema;

/* What bd_v_collect() found in a mapping: each known key's key and value
 * node, NULL when absent. */
typedef struct bd_v_fields {
  const bd_ynode *key[BD_V_MAX_KEYS];
  const bd_ynode *value[BD_V_MAX_KEYS];
  unsigned suggested; /* bit i: an unknown key was reported as a typo of key i */
} bd_v_fields;

/* Reads the pairs of mapping m: known keys into f, x- keys (when the schema
 * allows them) into *ext as compact JSON in the arena, anything else
 * reported as unknown. */
/* When pair i of mapping m is what YAML made of an amount written with
 * commas ({yearly: 240,000} reads as yearly: 240 and a key '000'), reports
 * the amount once, as the author wrote it, with the ways to write it, and
 * returns 1; otherwise returns 0. */
int bd_v_comma_number(bd_vctx *c, const bd_ynode *m, size_t i);

void bd_v_collect(bd_vctx *c, const bd_ynode *m, const bd_v_schema *s, bd_v_fields *f,
                  bd_extensions *ext);

/* Reports each required key (indices into s->keys, ending with -1) missing
 * from f at node m of `label` ("scenario 'x'"), except keys an unknown key
 * was taken to be a typo of. */
void bd_v_require(bd_vctx *c, const bd_ynode *m, const bd_v_schema *s, const bd_v_fields *f,
                  const char *label, const int *required);

#endif
