/*
 * ynode.c - reading the YAML node tree with checks: typed values, lists and
 * mappings with known keys, "did you mean" hints, x- extensions as compact
 * JSON, and the alias expansion budget.  See ynode.h.
 */
#include "plan/ynode.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/quote.h"
#include "plan/limits.h"
#include "plan/values.h"

enum {
  LIST_MAX = 12 /* names listed in a message */
};

/* ---- errors and node access ------------------------------------------- */

/* Appends an error at line:column and counts it.  Returns -1. */
int bd_v_error(bd_vctx *c, unsigned line, unsigned column, const char *fmt, ...) {
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  c->errors++;
  return bd_diag_add(c->diags, c->path, line, column, "%s", msg);
}

/* Reports running out of memory and stops.  Returns -1. */
int bd_v_out_of_memory(bd_vctx *c) {
  c->fatal = 1;
  return bd_v_error(c, 0, 0, "out of memory while reading the plan");
}

/* Whether error messages are still being kept (work done only to word a
 * message, such as a "did you mean" search, is skipped otherwise). */
int bd_v_keeping(const bd_vctx *c) {
  return !bd_diags_full(c->diags);
}

/* Counts n more visited nodes; past the budget reports it at `at` once and
 * stops the validation.  Returns 0 or -1. */
int bd_v_charge(bd_vctx *c, const bd_ynode *at, size_t n) {
  if (c->fatal) return -1;
  c->visits += n;
  if (c->visits <= c->budget && c->visits >= n) return 0;
  c->fatal = 1;
  if (c->ext_at) at = c->ext_at;
  return bd_v_error(c, at->line, at->column, "aliases expand to more than %d nodes",
                    BD_LOAD_MAX_EXPANSION);
}

/* Visits node n: counts it and returns the node it stands for (an alias's
 * target), or NULL when the validation must stop or n is already reported
 * (BD_YNODE_BAD). */
const bd_ynode *bd_v_visit(bd_vctx *c, const bd_ynode *n) {
  if (bd_v_charge(c, n, 1) != 0) return NULL;
  if (n->kind == BD_YNODE_ALIAS) n = n->u.target;
  return n->kind == BD_YNODE_BAD ? NULL : n;
}

/* Whether v is a YAML null: a plain empty scalar, ~, null, Null or NULL. */
int bd_v_is_null(const bd_ynode *v) {
  if (v->kind != BD_YNODE_SCALAR || !v->plain) return 0;
  const char *t = v->u.text;
  return v->len == 0 || strcmp(t, "~") == 0 || strcmp(t, "null") == 0 || strcmp(t, "Null") == 0 ||
         strcmp(t, "NULL") == 0;
}

/* Writes s[0..len) quoted for a message into buf (bd_quote: shortened,
 * controls, separators and bidi controls escaped), so that a plan's text can
 * never start a line of its own in the error output.  Returns buf. */
char *bd_v_quote(const char *s, size_t len, char *buf, size_t size) {
  return bd_quote(s, len, buf, size);
}

/* Describes what node v is, for "found ..." in messages. */
static const char *found(const bd_ynode *v, char *buf, size_t size) {
  if (v->kind == BD_YNODE_SEQUENCE) return "a list";
  if (v->kind == BD_YNODE_MAPPING) return "a mapping";
  if (bd_v_is_null(v)) return "null";
  if (v->len == 0) return "an empty string";
  return bd_v_quote(v->u.text, v->len, buf, size);
}

/* Reports that n (standing for v) is not what was expected. */
int bd_v_wrong_type(bd_vctx *c, const bd_ynode *n, const bd_ynode *v, const char *expected) {
  char buf[256];
  return bd_v_error(c, n->line, n->column, "expected %s, found %s", expected,
                    found(v, buf, sizeof buf));
}

/* Reads n as text (any non-null, non-empty scalar).  Returns 0 or -1. */
int bd_v_text(bd_vctx *c, const bd_ynode *n, const char **out) {
  const bd_ynode *v = bd_v_visit(c, n);
  if (v == NULL) return -1;
  if (v->kind != BD_YNODE_SCALAR || bd_v_is_null(v) || v->len == 0)
    return bd_v_wrong_type(c, n, v, "text");
  *out = v->u.text;
  return 0;
}

/* Reads n as a scalar to be parsed (not null).  Returns it, or NULL after
 * reporting what was expected. */
const bd_ynode *bd_v_scalar(bd_vctx *c, const bd_ynode *n, const char *expected) {
  const bd_ynode *v = bd_v_visit(c, n);
  if (v == NULL) return NULL;
  if (v->kind != BD_YNODE_SCALAR || bd_v_is_null(v)) {
    bd_v_wrong_type(c, n, v, expected);
    return NULL;
  }
  return v;
}

/* Reports a scalar that does not parse as a `what`. */
int bd_v_invalid(bd_vctx *c, const bd_ynode *n, const bd_ynode *v, const char *what,
                 const char *expected) {
  char buf[256];
  return bd_v_error(c, n->line, n->column, "invalid %s %s: expected %s", what,
                    bd_v_quote(v->u.text, v->len, buf, sizeof buf), expected);
}

/* Reads n with parse (a `what`, described generally as `generic`). */
int bd_v_number(bd_vctx *c, const bd_ynode *n, const char *what, const char *generic,
                bd_v_parser parse, double *out) {
  const char *expected;
  const bd_ynode *v = bd_v_scalar(c, n, generic);
  if (v == NULL) return -1;
  if (parse(v->u.text, v->len, out, &expected) != 0) return bd_v_invalid(c, n, v, what, expected);
  return 0;
}

/* Reads n as an amount, duration, frequency or share. */
int bd_v_amount(bd_vctx *c, const bd_ynode *n, double *out) {
  return bd_v_number(c, n, "amount", "an amount such as 1200000", bd_parse_amount, out);
}
int bd_v_duration(bd_vctx *c, const bd_ynode *n, double *out) {
  return bd_v_number(c, n, "duration", "a duration such as 30m, 1h30m or 3d", bd_parse_duration,
                     out);
}
int bd_v_frequency(bd_vctx *c, const bd_ynode *n, double *out) {
  return bd_v_number(c, n, "frequency", "a frequency such as 4/year or 0.05", bd_parse_frequency,
                     out);
}
int bd_v_share(bd_vctx *c, const bd_ynode *n, double *out) {
  return bd_v_number(c, n, "share", "a share such as 40% or 0.4", bd_parse_share, out);
}

/* Reads n as an identifier.  Returns 0 or -1. */
int bd_v_id(bd_vctx *c, const bd_ynode *n, const char **out) {
  const char *expected;
  const bd_ynode *v = bd_v_scalar(c, n, "an identifier");
  if (v == NULL) return -1;
  if (bd_parse_identifier(v->u.text, v->len, &expected) != 0)
    return bd_v_invalid(c, n, v, "identifier", expected);
  *out = v->u.text;
  return 0;
}

/* Reads n as a date.  Returns 0 or -1. */
int bd_v_date(bd_vctx *c, const bd_ynode *n, long *days, const char **text) {
  const char *expected;
  const bd_ynode *v = bd_v_scalar(c, n, "a date YYYY-MM-DD");
  if (v == NULL) return -1;
  if (bd_parse_date(v->u.text, v->len, days, &expected) != 0)
    return bd_v_invalid(c, n, v, "date", expected);
  if (text) *text = v->u.text;
  return 0;
}

/* Reads n as one of the words of names (n_names of them, listed in
 * `choices` for messages); *out is the word's index.  Returns 0 or -1. */
int bd_v_word(bd_vctx *c, const bd_ynode *n, const char *what, const char *const *names,
              size_t n_names, const char *choices, int *out) {
  const bd_ynode *v = bd_v_visit(c, n);
  if (v == NULL) return -1;
  if (v->kind != BD_YNODE_SCALAR || bd_v_is_null(v)) { /* as bd_v_scalar, message made here */
    char generic[160];
    snprintf(generic, sizeof generic, "a %s (%s)", what, choices);
    bd_v_wrong_type(c, n, v, generic);
    return -1;
  }
  for (size_t i = 0; i < n_names; i++)
    if (strcmp(v->u.text, names[i]) == 0) {
      *out = (int)i;
      return 0;
    }
  return bd_v_invalid(c, n, v, what, choices);
}

/* Reads n as a list (a `what`, e.g. "a list of losses"): returns the
 * sequence with its items charged to the budget, or NULL. */
const bd_ynode *bd_v_list(bd_vctx *c, const bd_ynode *n, const char *what) {
  const bd_ynode *v = bd_v_visit(c, n);
  if (v == NULL) return NULL;
  if (v->kind != BD_YNODE_SEQUENCE) {
    bd_v_wrong_type(c, n, v, what);
    return NULL;
  }
  return bd_v_charge(c, n, v->len) == 0 ? v : NULL;
}

/* Reads n as a mapping (described as `what` in messages), or NULL. */
const bd_ynode *bd_v_mapping(bd_vctx *c, const bd_ynode *n, const char *what) {
  const bd_ynode *v = bd_v_visit(c, n);
  if (v == NULL) return NULL;
  if (v->kind != BD_YNODE_MAPPING) {
    bd_v_wrong_type(c, n, v, what);
    return NULL;
  }
  return bd_v_charge(c, n, v->len) == 0 ? v : NULL;
}

/* ---- "did you mean" ---------------------------------------------------- */

/* Keeps in *best the candidate closest to word (ties: the earlier one), if
 * close enough to suggest: an edit distance of at most 2, or 1 when either
 * is at most 3 bytes long. */
void bd_v_consider(const char *word, const char *candidate, const char **best,
                   size_t *best_distance) {
  size_t d = bd_edit_distance(word, candidate);
  size_t limit = strlen(word) <= 3 || strlen(candidate) <= 3 ? 1 : 2;
  if (d <= limit && (*best == NULL || d < *best_distance)) {
    *best = candidate;
    *best_distance = d;
  }
}

/* Writes the n names, comma-separated, to buf; after `max` of them, "...". */
void bd_v_join(char *buf, size_t size, const char *const *names, size_t n, size_t max) {
  size_t o = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < n && o < size; i++) {
    int w = i == max ? snprintf(buf + o, size - o, ", ...")
                     : snprintf(buf + o, size - o, "%s%s", i ? ", " : "", names[i]);
    if (w < 0 || i == max) break;
    o += (size_t)w;
  }
}

/* ---- extensions: x- values as compact JSON ------------------------------ */

/* Appends s[0..n) to the JSON buffer.  Returns 0, or -1 when the total is
 * over the cap or memory is exhausted (reported at `at`). */
static int jput(bd_vctx *c, const bd_ynode *at, const char *s, size_t n) {
  if (c->json_total + c->json_len + n > BD_LOAD_MAX_BYTES) {
    c->fatal = 1;
    if (c->ext_at) at = c->ext_at;
    return bd_v_error(c, at->line, at->column, "extension values expand to more than %zu MiB",
                      BD_LOAD_MAX_BYTES / (1024 * 1024));
  }
  if (c->json_len + n > c->json_cap) {
    size_t cap = c->json_cap ? c->json_cap : 256;
    while (cap < c->json_len + n) cap *= 2;
    char *grown = realloc(c->json, cap);
    if (grown == NULL) {
      return bd_v_out_of_memory(c);
    }
    c->json = grown;
    c->json_cap = cap;
  }
  memcpy(c->json + c->json_len, s, n);
  c->json_len += n;
  return 0;
}

/* Appends s[0..n) as a JSON string. */
static int jstring(bd_vctx *c, const bd_ynode *at, const char *s, size_t n) {
  if (jput(c, at, "\"", 1) != 0) return -1;
  size_t run = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)s[i];
    if (ch >= 0x20 && ch != '"' && ch != '\\') continue;
    char esc[8];
    if (ch == '"' || ch == '\\')
      snprintf(esc, sizeof esc, "\\%c", ch);
    else if (ch == '\n')
      strcpy(esc, "\\n");
    else if (ch == '\r')
      strcpy(esc, "\\r");
    else if (ch == '\t')
      strcpy(esc, "\\t");
    else
      snprintf(esc, sizeof esc, "\\u%04x", ch);
    if (jput(c, at, s + run, i - run) != 0 || jput(c, at, esc, strlen(esc)) != 0) return -1;
    run = i + 1;
  }
  if (jput(c, at, s + run, n - run) != 0) return -1;
  return jput(c, at, "\"", 1);
}

/* Whether s[i..) starts with at least one character of digits; advances *i. */
static size_t span(const char *s, size_t *i, const char *chars) {
  size_t start = *i;
  while (s[*i] && strchr(chars, s[*i])) (*i)++;
  return *i - start;
}

/* Appends a plain scalar that is a YAML 1.2 core-bd_v_schema integer or float
 * (other than .inf and .nan) as a JSON number.  Returns 1 when it was one,
 * 0 when it is not a number, -1 on error. */
static int jnumber(bd_vctx *c, const bd_ynode *at, const char *t) {
  static const char digits[] = "0123456789";
  char out[64];
  size_t i = 0, o = 0;
  if (t[0] == '0' && (t[1] == 'o' || t[1] == 'x') && t[2]) { /* 0o17, 0xFF */
    unsigned long long v = 0;
    unsigned base = t[1] == 'o' ? 8 : 16;
    for (i = 2; t[i]; i++) {
      const char *p = strchr("0123456789abcdef", t[i] >= 'A' && t[i] <= 'F' ? t[i] + 32 : t[i]);
      if (p == NULL || t[i] == '\0' || (unsigned)(p - "0123456789abcdef") >= base) return 0;
      if (v > (~0ULL - (unsigned)(p - "0123456789abcdef")) / base) return 0; /* too big: text */
      v = v * base + (unsigned)(p - "0123456789abcdef");
    }
    int w = snprintf(out, sizeof out, "%llu", v);
    return jput(c, at, out, (size_t)w) == 0 ? 1 : -1;
  }
  if (t[i] == '+' || t[i] == '-') {
    if (t[i] == '-') out[o++] = '-';
    i++;
  }
  size_t int_start = i, int_len = span(t, &i, digits), frac_len = 0, frac_start = 0;
  if (t[i] == '.') {
    i++;
    frac_start = i;
    frac_len = span(t, &i, digits);
  }
  if (int_len == 0 && frac_len == 0) return 0;
  size_t exp_start = i;
  if (t[i] == 'e' || t[i] == 'E') {
    i++;
    if (t[i] == '+' || t[i] == '-') i++;
    if (span(t, &i, digits) == 0) return 0;
  }
  if (t[i] != '\0') return 0;
  size_t exp_len = i - exp_start;
  while (int_len > 1 && t[int_start] == '0') int_start++, int_len--; /* JSON: no leading zeros */
  if (o + int_len + frac_len + exp_len + 4 > sizeof out) return 0;   /* keep long ones as text */
  if (int_len == 0) out[o++] = '0';
  memcpy(out + o, t + int_start, int_len);
  o += int_len;
  if (frac_len) {
    out[o++] = '.';
    memcpy(out + o, t + frac_start, frac_len);
    o += frac_len;
  }
  memcpy(out + o, t + exp_start, exp_len);
  o += exp_len;
  return jput(c, at, out, o) == 0 ? 1 : -1;
}

/* Appends scalar v: a plain null, boolean or number as such, else a string. */
static int jscalar(bd_vctx *c, const bd_ynode *at, const bd_ynode *v) {
  const char *t = v->u.text;
  if (v->plain) {
    if (bd_v_is_null(v)) return jput(c, at, "null", 4);
    if (!strcmp(t, "true") || !strcmp(t, "True") || !strcmp(t, "TRUE"))
      return jput(c, at, "true", 4);
    if (!strcmp(t, "false") || !strcmp(t, "False") || !strcmp(t, "FALSE"))
      return jput(c, at, "false", 5);
    int r = jnumber(c, at, t);
    if (r != 0) return r > 0 ? 0 : -1;
  }
  return jstring(c, at, t, v->len);
}

/* Appends node n (aliases expanded, counted against the budget) as JSON;
 * depth counts the collections around it.  Returns 0 or -1. */
static int jvalue(bd_vctx *c, const bd_ynode *n, unsigned depth) {
  const bd_ynode *v = bd_v_visit(c, n);
  if (v == NULL) return c->fatal ? -1 : jput(c, n, "null", 4);
  if (v->kind == BD_YNODE_SCALAR) return jscalar(c, n, v);
  if (depth >= BD_LOAD_MAX_DEPTH) { /* only aliases can nest this deep: report at the x- value */
    const bd_ynode *at = c->ext_at ? c->ext_at : n;
    return bd_v_error(c, at->line, at->column, "nesting deeper than %d levels", BD_LOAD_MAX_DEPTH);
  }
  int map = v->kind == BD_YNODE_MAPPING;
  if (jput(c, n, map ? "{" : "[", 1) != 0) return -1;
  for (size_t i = 0; i < v->len; i += map ? 2 : 1) {
    if (i > 0 && jput(c, n, ",", 1) != 0) return -1;
    if (map) {
      const bd_ynode *k = bd_v_visit(c, v->u.items[i]);
      if (k == NULL) {
        if (c->fatal || jput(c, n, "\"\"", 2) != 0) return -1;
      } else if (k->kind != BD_YNODE_SCALAR) {
        char buf[64];
        return bd_v_error(c, v->u.items[i]->line, v->u.items[i]->column,
                          "expected text as a key, found %s", found(k, buf, sizeof buf));
      } else if (jstring(c, v->u.items[i], k->u.text, k->len) != 0) {
        return -1;
      }
      if (jput(c, n, ":", 1) != 0) return -1;
    }
    if (jvalue(c, v->u.items[i + (size_t)map], depth + 1) != 0) return -1;
  }
  return jput(c, n, map ? "}" : "]", 1);
}

/* ---- numbers YAML split at a comma -------------------------------------- */

/* Whether node n (no alias) is a plain scalar of digits (an empty one too
 * when allow_empty: a key without a value). */
static int plain_digits(const bd_ynode *n, int allow_empty) {
  if (n->kind != BD_YNODE_SCALAR || !n->plain || (n->len == 0 && !allow_empty)) return 0;
  for (uint32_t i = 0; i < n->len; i++)
    if (!((n->u.text[i] >= '0' && n->u.text[i] <= '9') || n->u.text[i] == '_' ||
          n->u.text[i] == '.'))
      return 0;
  return 1;
}

/* Whether pair i of mapping m is the key YAML made of the digits after a
 * comma: a three-digit key without a value, on the line of the pair
 * before it, whose value is digits too (or the same again). */
static int comma_tail(const bd_ynode *m, size_t i) {
  if (i < 2) return 0;
  const bd_ynode *k = m->u.items[i], *v = m->u.items[i + 1], *prev = m->u.items[i - 1];
  return k->kind == BD_YNODE_SCALAR && k->len == 3 && plain_digits(k, 0) && plain_digits(v, 1) &&
         v->len == 0 && prev->line == k->line && prev->kind == BD_YNODE_SCALAR &&
         (plain_digits(prev, 0) || (prev->len == 0 && comma_tail(m, i - 2)));
}

int bd_v_comma_number(bd_vctx *c, const bd_ynode *m, size_t i) {
  if (!comma_tail(m, i)) return 0;
  if (comma_tail(m, i - 2)) return 1; /* reported at the first comma */
  const bd_ynode *head = m->u.items[i - 1];
  char written[128];
  int n = snprintf(written, sizeof written, "%.*s", (int)head->len, head->u.text);
  for (size_t j = i; j < m->len && comma_tail(m, j) && n < 100; j += 2)
    n += snprintf(written + n, sizeof written - (size_t)n, ",%.*s", (int)m->u.items[j]->len,
                  m->u.items[j]->u.text);
  char plain[128], under[128];
  size_t p = 0, u = 0;
  for (const char *s = written; *s && p + 2 < sizeof plain; s++) {
    if (*s != ',') plain[p++] = *s;
    under[u++] = *s == ',' ? '_' : *s;
  }
  plain[p] = under[u] = '\0';
  bd_v_error(c, head->line, head->column,
             "the amount '%s' has commas, which YAML reads as separators; write %s or %s", written,
             plain, under);
  return 1;
}

/* ---- mappings with known keys ------------------------------------------ */

/* Reports an unknown key k (node kn) of a `s->what` mapping; a key it is
 * taken for a typo of is marked in f->suggested. */
static void unknown_key(bd_vctx *c, const bd_v_schema *s, bd_v_fields *f, const bd_ynode *kn,
                        const bd_ynode *k) {
  char q[256], list[512];
  const char *best = NULL;
  size_t best_distance = 0, n = 0;
  if (!bd_v_keeping(c)) {
    bd_v_error(c, kn->line, kn->column, "unknown key");
    return;
  }
  bd_v_quote(k->u.text, k->len, q, sizeof q);
  if (strcmp(k->u.text, "<<") == 0) {
    bd_v_error(c, kn->line, kn->column, "merge keys ('<<') are not supported: write the keys out");
    return;
  }
  for (; s->keys[n]; n++) bd_v_consider(k->u.text, s->keys[n], &best, &best_distance);
  if (best) {
    for (size_t j = 0; j < n; j++)
      if (s->keys[j] == best) f->suggested |= 1u << j;
    bd_v_error(c, kn->line, kn->column, "unknown key %s in %s; did you mean '%s'?", q, s->what,
               best);
    return;
  }
  bd_v_join(list, sizeof list, s->keys, n, BD_V_MAX_KEYS);
  if (!s->extensions && strncmp(k->u.text, "x-", 2) == 0) {
    bd_v_error(c, kn->line, kn->column,
               "unknown key %s in %s: extensions are not allowed here "
               "(expected one of: %s)",
               q, s->what, list);
    return;
  }
  bd_v_error(c, kn->line, kn->column, "unknown key %s in %s (expected one of: %s%s)", q, s->what,
             list, s->extensions ? ", or x-... for an extension" : "");
}

/* Reads the pairs of mapping m: known keys into f, x- keys (when allowed)
 * into *ext as JSON, anything else reported. */
void bd_v_collect(bd_vctx *c, const bd_ynode *m, const bd_v_schema *s, bd_v_fields *f,
                  bd_extensions *ext) {
  size_t n_ext = 0, used = 0;
  memset(f, 0, sizeof *f);
  if (s->extensions) {
    for (size_t i = 0; i < m->len; i += 2) {
      const bd_ynode *k = m->u.items[i];
      if (k->kind == BD_YNODE_ALIAS) k = k->u.target;
      if (k->kind == BD_YNODE_SCALAR && strncmp(k->u.text, "x-", 2) == 0) n_ext++;
    }
  }
  bd_extension *items = n_ext ? bd_arena_array(c->arena, n_ext, sizeof *items) : NULL;
  if (n_ext && items == NULL) {
    bd_v_out_of_memory(c);
    return;
  }
  for (size_t i = 0; i < m->len && !c->fatal; i += 2) {
    const bd_ynode *kn = m->u.items[i], *k = bd_v_visit(c, kn);
    if (k == NULL) continue;
    if (k->kind != BD_YNODE_SCALAR) {
      bd_v_wrong_type(c, kn, k, "text as a key");
      continue;
    }
    size_t j = 0;
    while (s->keys[j] && strcmp(s->keys[j], k->u.text) != 0) j++;
    if (s->keys[j]) {
      f->key[j] = kn;
      f->value[j] = m->u.items[i + 1];
    } else if (s->extensions && strncmp(k->u.text, "x-", 2) == 0 && used < n_ext) {
      c->json_len = 0;
      c->ext_at = m->u.items[i + 1];
      int failed = jvalue(c, m->u.items[i + 1], 0) != 0;
      c->ext_at = NULL;
      if (failed) continue;
      c->json_total += c->json_len;
      items[used].struct_size = sizeof(bd_extension);
      items[used].key = k->u.text;
      items[used].json = bd_arena_strndup(c->arena, c->json, c->json_len);
      if (items[used].json == NULL) {
        bd_v_out_of_memory(c);
        return;
      }
      used++;
    } else if (!bd_v_comma_number(c, m, i)) {
      unknown_key(c, s, f, kn, k);
    }
  }
  if (ext == NULL) return;
  /* the report model reaches every struct through a pointer (report.h) */
  const bd_extension **pointers = used ? bd_arena_array(c->arena, used, sizeof *pointers) : NULL;
  if (used && pointers == NULL) {
    bd_v_out_of_memory(c);
    return;
  }
  for (size_t i = 0; i < used; i++) pointers[i] = &items[i];
  ext->items = pointers;
  ext->count = used;
}

/* Reports each of the required keys (indices, ending with -1) missing from
 * f, at mapping node m of `label` (e.g. "scenario 'x'"); not those already
 * reported as misspelt, nor any once the validation has stopped. */
void bd_v_require(bd_vctx *c, const bd_ynode *m, const bd_v_schema *s, const bd_v_fields *f,
                  const char *label, const int *required) {
  if (c->fatal) return;
  for (; *required >= 0; required++)
    if (f->value[*required] == NULL && !(f->suggested & (1u << *required)))
      bd_v_error(c, m->line, m->column, "missing required key '%s' in %s%s", s->keys[*required],
                 label, strcmp(s->keys[*required], "badday") == 0 ? " (add 'badday: 1')" : "");
}

/* Reports a reference to an unknown `what` (e.g. "loss") named name at
 * node at, suggesting the closest id or listing some.  The ids are the
 * `const char *` members at byte offset `offset` of the count structs of
 * `stride` bytes in array (NULL ids are skipped). */
void bd_v_unknown_ref(bd_vctx *c, const bd_ynode *at, const char *what, const char *plural,
                      const char *name, const void *array, size_t count, size_t stride,
                      size_t offset) {
  const char *best = NULL, *listed[LIST_MAX + 1];
  size_t best_distance = 0, n_listed = 0;
  char q[256], list[1024];
  bd_v_quote(name, strlen(name), q, sizeof q);
  if (!bd_v_keeping(c)) {
    bd_v_error(c, at->line, at->column, "unknown %s", what);
    return;
  }
  for (size_t i = 0; i < count; i++) {
    const char *id = *(const char *const *)((const char *)array + i * stride + offset);
    if (id == NULL) continue;
    bd_v_consider(name, id, &best, &best_distance);
    if (n_listed <= LIST_MAX) listed[n_listed++] = id;
  }
  if (best) {
    bd_v_error(c, at->line, at->column, "unknown %s %s; did you mean '%s'?", what, q, best);
  } else if (n_listed == 0) {
    bd_v_error(c, at->line, at->column, "unknown %s %s (the plan has no %s)", what, q, plural);
  } else {
    bd_v_join(list, sizeof list, listed, n_listed, LIST_MAX);
    bd_v_error(c, at->line, at->column, "unknown %s %s (expected one of: %s)", what, q, list);
  }
}
