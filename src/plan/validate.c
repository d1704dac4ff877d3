/*
 * validate.c - checks the YAML node tree against the plan format
 * (plan-format.md) and builds the bd_plan; see validate.h.
 *
 * Every check reports at the position of the node it is about and carries
 * on, so that one run lists all the errors of a file.  Reading goes through
 * ynode.h, which counts the nodes visited against the alias expansion
 * budget.  Id lookups use hash tables, so the work is linear in the size of
 * the plan.
 */
#include "plan/validate.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/strmap.h"
#include "plan/limits.h"
#include "plan/values.h"

enum {
  SMALL_SCENARIO = 16, /* up to this many measures, ids are compared pairwise */
  LIST_MAX = 12        /* names listed in a message */
};

/* The four standard loss categories, always first and in this order. */
static const char *const standard_categories[] = {"revenue", "penalty", "brand", "productivity"};

/* An amount read from per_hour or per_incident, kept until the number of
 * categories is known. */
typedef struct loss_amount {
  size_t loss, category;
  int per_incident;
  double value;
  bd_plan_range range;
} loss_amount;

/* The state of one validation.  Hash tables and lists are malloc'ed and
 * freed by bd_validate_plan(); the plan and everything it points to live in
 * the arena. */
typedef struct vctx {
  bd_vctx v; /* errors, budget, arena */
  bd_plan *plan;
  bd_strmap categories; /* name -> index into cats */
  const char **cats;
  size_t cat_count, cat_cap;
  int too_many_categories; /* reported once */
  loss_amount *amounts;
  size_t amount_count, amount_cap;
  bd_strmap loss_ids, failure_ids, scenario_ids; /* id -> index */
  /* some loss (failure) has no valid id, so an unknown reference to one
   * may be a consequence of an error already reported: stay quiet */
  int losses_incomplete, failures_incomplete;
} vctx;

/* Writes "what 'id'" (or just what) to buf, for messages. */
static const char *label_of(char *buf, size_t size, const char *what, const char *id) {
  /* snprintf(buf, size, "%s '%s'", what, id) without parsing a format: it
   * runs for every scenario and measure (size >= 1) */
  const char *parts[] = {what, id ? " '" : NULL, id, "'"};
  size_t len = 0;
  for (size_t i = 0; i < 4 && parts[i]; i++) {
    size_t n = strlen(parts[i]);
    if (n > size - 1 - len) n = size - 1 - len;
    memcpy(buf + len, parts[i], n);
    len += n;
  }
  buf[len] = '\0';
  return buf;
}

/* Reports a duplicate id, or remembers it in map with its index and its
 * line in id_lines[index].  `where` is its value node.  Returns 0 when it is
 * new. */
static int unique_id(vctx *c, bd_strmap *map, const char *what, const char *id,
                     const bd_ynode *where, size_t index, unsigned *id_lines) {
  int created;
  size_t *slot = bd_strmap_slot(map, id, strlen(id), &created);
  if (slot == NULL) return bd_v_out_of_memory(&c->v);
  if (!created)
    return bd_v_error(&c->v, where->line, where->column, "duplicate %s id '%s' (first at line %u)",
                      what, id, id_lines[*slot]);
  *slot = index;
  id_lines[index] = where->line;
  return 0;
}

/* ---- values that may be ranges ------------------------------------------ */

/* The types of value a range may stand for (plan format, "Values"). */
typedef enum value_type { VALUE_AMOUNT, VALUE_DURATION, VALUE_FREQUENCY, VALUE_SHARE } value_type;

/* The plural of each value type, for messages about ranges. */
static const char *const value_plurals[] = {"amounts", "durations", "frequencies", "shares"};

/* Reads one point value of `type` at n into *out.  Returns 0 or -1. */
static int read_point(vctx *c, const bd_ynode *n, value_type type, double *out) {
  switch (type) {
  case VALUE_AMOUNT:
    return bd_v_amount(&c->v, n, out);
  case VALUE_DURATION:
    return bd_v_duration(&c->v, n, out);
  case VALUE_FREQUENCY:
    return bd_v_frequency(&c->v, n, out);
  default:
    return bd_v_share(&c->v, n, out);
  }
}

/* Reads a value of `type` at n: a point value, or a range [LOW, HIGH] of
 * two of them with LOW <= HIGH.  *out is the value, or the range's mean;
 * *range says how it was given.  Returns 0 or -1 (reported). */
static int read_value(vctx *c, const bd_ynode *n, value_type type, double *out,
                      bd_plan_range *range) {
  const bd_ynode *peek = n->kind == BD_YNODE_ALIAS ? n->u.target : n;
  *range = (bd_plan_range){0};
  if (peek->kind != BD_YNODE_SEQUENCE) return read_point(c, n, type, out);
  const bd_ynode *list = bd_v_list(&c->v, n, "a range");
  if (list == NULL) return -1;
  if (list->len != 2) {
    char items[32];
    snprintf(items, sizeof items, "%u items", (unsigned)list->len);
    return bd_v_error(&c->v, n->line, n->column, "expected a range [LOW, HIGH] of two %s, found %s",
                      value_plurals[type],
                      list->len == 0   ? "an empty list"
                      : list->len == 1 ? "one item"
                                       : items);
  }
  double low, high;
  int bad = read_point(c, list->u.items[0], type, &low) != 0;
  bad |= read_point(c, list->u.items[1], type, &high) != 0;
  if (bad) return -1;
  if (low > high) {
    const bd_ynode *a = bd_v_visit(&c->v, list->u.items[0]);
    const bd_ynode *b = bd_v_visit(&c->v, list->u.items[1]);
    char qa[128], qb[128];
    if (a == NULL || b == NULL) return -1;
    return bd_v_error(&c->v, n->line, n->column,
                      "invalid range: the low value %s is above the high value %s (expected "
                      "[LOW, HIGH] with LOW <= HIGH)",
                      bd_v_quote(a->u.text, a->len, qa, sizeof qa),
                      bd_v_quote(b->u.text, b->len, qb, sizeof qb));
  }
  *range = (bd_plan_range){1, low, high, n->line, n->column};
  *out = bd_range_mean(low, high, type == VALUE_SHARE);
  c->plan->has_ranges = 1;
  return 0;
}

/* ---- losses and categories -------------------------------------------- */

/* Returns the index of category name (adding it after the known ones), or
 * (size_t)-1 when out of memory. */
static size_t category_index(vctx *c, const char *name) {
  int created;
  size_t *slot = bd_strmap_slot(&c->categories, name, strlen(name), &created);
  if (slot == NULL) return (size_t)-1;
  if (created) {
    if (c->cat_count == c->cat_cap) {
      size_t cap = c->cat_cap ? c->cat_cap * 2 : 16;
      const char **grown = realloc(c->cats, cap * sizeof *grown);
      if (grown == NULL) return (size_t)-1;
      c->cats = grown;
      c->cat_cap = cap;
    }
    c->cats[c->cat_count] = name;
    *slot = c->cat_count++;
  }
  return *slot;
}

/* Reads a per_hour or per_incident mapping of loss `loss`: category names
 * (in order of first appearance) and amounts, kept in c->amounts. */
static void read_amounts(vctx *c, const bd_ynode *n, size_t loss, int per_incident) {
  const bd_ynode *m =
      bd_v_mapping(&c->v, n, "a mapping of category: amount, such as {revenue: 1000}");
  if (m == NULL) return;
  for (size_t i = 0; i < m->len && !c->v.fatal; i += 2) {
    const char *expected, *name = NULL;
    double value;
    bd_plan_range range;
    const bd_ynode *kn = m->u.items[i], *k = bd_v_visit(&c->v, kn);
    if (k == NULL || bd_v_comma_number(&c->v, m, i)) continue;
    if (k->kind != BD_YNODE_SCALAR || bd_v_is_null(k)) {
      bd_v_wrong_type(&c->v, kn, k, "a category name");
      continue;
    }
    if (bd_parse_identifier(k->u.text, k->len, &expected) != 0)
      bd_v_invalid(&c->v, kn, k, "category name", expected);
    else
      name = k->u.text;
    if (read_value(c, m->u.items[i + 1], VALUE_AMOUNT, &value, &range) != 0 || name == NULL)
      continue;
    if (c->cat_count >= BD_PLAN_MAX_CATEGORIES &&
        bd_strmap_get(&c->categories, name, strlen(name)) == NULL) {
      /* Every scenario keeps a figure per category: the count is bounded so
       * that a plan's analysis stays proportional to its size. */
      char q[128];
      if (!c->too_many_categories)
        bd_v_error(&c->v, kn->line, kn->column,
                   "too many loss categories: %s would be number %zu, and a plan has at most "
                   "%d (the 4 standard ones and %d of its own)",
                   bd_v_quote(name, strlen(name), q, sizeof q), c->cat_count + 1,
                   BD_PLAN_MAX_CATEGORIES, BD_PLAN_MAX_CATEGORIES - 4);
      c->too_many_categories = 1;
      continue;
    }
    size_t cat = category_index(c, name);
    if (cat == (size_t)-1 || (c->amount_count == c->amount_cap && c->amount_cap > SIZE_MAX / 64)) {
      bd_v_out_of_memory(&c->v);
      return;
    }
    if (c->amount_count == c->amount_cap) {
      size_t cap = c->amount_cap ? c->amount_cap * 2 : 64;
      loss_amount *grown = realloc(c->amounts, cap * sizeof *grown);
      if (grown == NULL) {
        bd_v_out_of_memory(&c->v);
        return;
      }
      c->amounts = grown;
      c->amount_cap = cap;
    }
    c->amounts[c->amount_count++] = (loss_amount){loss, cat, per_incident, value, range};
  }
}

static const char *const loss_keys[] = {"id", "title", "per_hour", "per_incident", NULL};
static const bd_v_schema loss_schema = {"loss", loss_keys, 1};
enum { L_ID, L_TITLE, L_PER_HOUR, L_PER_INCIDENT };

/* Reads loss number i from node n. */
static void read_loss(vctx *c, const bd_ynode *n, size_t i, unsigned *id_lines) {
  bd_plan_loss *l = &c->plan->losses[i];
  char label[96];
  bd_v_fields f;
  l->line = n->line;
  l->column = n->column;
  const bd_ynode *m = bd_v_mapping(&c->v, n, "a loss (a mapping with id and title)");
  if (m == NULL) {
    c->losses_incomplete = 1;
    return;
  }
  bd_v_collect(&c->v, m, &loss_schema, &f, &l->extensions);
  if (f.value[L_ID] && bd_v_id(&c->v, f.value[L_ID], &l->id) == 0)
    unique_id(c, &c->loss_ids, "loss", l->id, f.value[L_ID], i, id_lines);
  if (l->id == NULL) c->losses_incomplete = 1;
  bd_v_require(&c->v, n, &loss_schema, &f, label_of(label, sizeof label, "loss", l->id),
               (const int[]){L_ID, L_TITLE, -1});
  if (f.value[L_TITLE]) bd_v_text(&c->v, f.value[L_TITLE], &l->title);
  /* categories count in order of first appearance in the file */
  int incident_first = f.key[L_PER_INCIDENT] && f.key[L_PER_HOUR] &&
                       (f.key[L_PER_INCIDENT]->line < f.key[L_PER_HOUR]->line ||
                        (f.key[L_PER_INCIDENT]->line == f.key[L_PER_HOUR]->line &&
                         f.key[L_PER_INCIDENT]->column < f.key[L_PER_HOUR]->column));
  for (int pass = 0; pass < 2; pass++) {
    int incident = pass == 0 ? incident_first : !incident_first;
    const bd_ynode *v = f.value[incident ? L_PER_INCIDENT : L_PER_HOUR];
    if (v) read_amounts(c, v, i, incident);
  }
}

/* Gives every loss its per_hour and per_incident arrays, one amount per
 * category, and the plan its category list.  Returns 0 or -1. */
static int finish_categories(vctx *c) {
  bd_plan *p = c->plan;
  p->category_count = c->cat_count;
  p->categories = bd_arena_array(c->v.arena, c->cat_count, sizeof *p->categories);
  if (p->categories == NULL) return -1;
  memcpy(p->categories, c->cats, c->cat_count * sizeof *c->cats);
  for (size_t i = 0; i < p->loss_count; i++) {
    p->losses[i].per_hour = bd_arena_array(c->v.arena, c->cat_count, sizeof(double));
    p->losses[i].per_incident = bd_arena_array(c->v.arena, c->cat_count, sizeof(double));
    if (p->losses[i].per_hour == NULL || p->losses[i].per_incident == NULL) return -1;
  }
  for (size_t i = 0; i < c->amount_count; i++) {
    const loss_amount *a = &c->amounts[i];
    bd_plan_loss *l = &p->losses[a->loss];
    (a->per_incident ? l->per_incident : l->per_hour)[a->category] = a->value;
    if (!a->range.is_range) continue;
    if (l->per_hour_range == NULL) {
      l->per_hour_range = bd_arena_array(c->v.arena, c->cat_count, sizeof *l->per_hour_range);
      l->per_incident_range =
          bd_arena_array(c->v.arena, c->cat_count, sizeof *l->per_incident_range);
      if (l->per_hour_range == NULL || l->per_incident_range == NULL) return -1;
    }
    (a->per_incident ? l->per_incident_range : l->per_hour_range)[a->category] = a->range;
  }
  return 0;
}

/* ---- failures ----------------------------------------------------------- */

static const char *const failure_keys[] = {"id", "title", "loss", NULL};
static const bd_v_schema failure_schema = {"failure", failure_keys, 1};
enum { F_ID, F_TITLE, F_LOSS };

/* Reads failure number i from node n and resolves its loss. */
static void read_failure(vctx *c, const bd_ynode *n, size_t i, unsigned *id_lines) {
  bd_plan *p = c->plan;
  bd_plan_failure *fl = &p->failures[i];
  const char *loss;
  char label[96];
  bd_v_fields f;
  fl->line = n->line;
  fl->column = n->column;
  const bd_ynode *m = bd_v_mapping(&c->v, n, "a failure (a mapping with id, title and loss)");
  if (m == NULL) {
    c->failures_incomplete = 1;
    return;
  }
  bd_v_collect(&c->v, m, &failure_schema, &f, &fl->extensions);
  if (f.value[F_ID] && bd_v_id(&c->v, f.value[F_ID], &fl->id) == 0)
    unique_id(c, &c->failure_ids, "failure", fl->id, f.value[F_ID], i, id_lines);
  if (fl->id == NULL) c->failures_incomplete = 1;
  bd_v_require(&c->v, n, &failure_schema, &f, label_of(label, sizeof label, "failure", fl->id),
               (const int[]){F_ID, F_TITLE, F_LOSS, -1});
  if (f.value[F_TITLE]) bd_v_text(&c->v, f.value[F_TITLE], &fl->title);
  if (f.value[F_LOSS] && bd_v_id(&c->v, f.value[F_LOSS], &loss) == 0) {
    size_t *index = bd_strmap_get(&c->loss_ids, loss, strlen(loss));
    if (index)
      fl->loss = *index;
    else if (!c->losses_incomplete)
      bd_v_unknown_ref(&c->v, f.value[F_LOSS], "loss", "losses", loss, p->losses, p->loss_count,
                       sizeof *p->losses, offsetof(bd_plan_loss, id));
  }
}

/* ---- measures ----------------------------------------------------------- */

static const char *const measure_keys[] = {"id",   "title",    "kind",     "status", "effect",
                                           "cost", "verifies", "last_run", "result", NULL};
static const bd_v_schema measure_schema = {"measure", measure_keys, 1};
enum { M_ID, M_TITLE, M_KIND, M_STATUS, M_EFFECT, M_COST, M_VERIFIES, M_LAST_RUN, M_RESULT };

static const char *const effect_keys[] = {"frequency", "impact", "detect", "recover", NULL};
static const bd_v_schema effect_schema = {"effect", effect_keys, 0};

static const char *const cost_keys[] = {"once", "yearly", NULL};
static const bd_v_schema cost_schema = {"cost", cost_keys, 0};

/* What read_measure() leaves for the checks that need every measure of the
 * scenario (malloc'ed per scenario). */
typedef struct measure_info {
  const bd_ynode *verifies; /* the verifies value, or NULL */
  int kind_known;           /* the kind was read without error */
  unsigned id_line;         /* line of the id, for duplicates */
  size_t seen;              /* last verifies list (1-based) that named this measure */
} measure_info;

/* The measures of one scenario being read, for lookups by id. */
typedef struct measure_set {
  bd_plan_measure *items;
  measure_info *info;
  size_t count;  /* read so far */
  bd_strmap ids; /* id -> index; used above SMALL_SCENARIO measures */
  int hashed;
  int incomplete; /* some measure's id could not be read: unknown names may be its */
} measure_set;

/* Finds the measure with id in set; returns its index or (size_t)-1. */
static size_t find_measure(const measure_set *set, const char *id) {
  if (set->hashed) {
    size_t *slot = bd_strmap_get(&set->ids, id, strlen(id));
    return slot ? *slot : (size_t)-1;
  }
  for (size_t i = 0; i < set->count; i++)
    if (set->items[i].id && strcmp(set->items[i].id, id) == 0) return i;
  return (size_t)-1;
}

/* Reads an effect mapping into measure me. */
static void read_effect(vctx *c, const bd_ynode *n, bd_plan_measure *me) {
  bd_v_fields f;
  const bd_ynode *m = bd_v_mapping(&c->v, n, "a mapping such as {detect: 5m, recover: 20m}");
  if (m == NULL) return;
  bd_v_collect(&c->v, m, &effect_schema, &f, NULL);
  static const value_type types[4] = {VALUE_FREQUENCY, VALUE_SHARE, VALUE_DURATION, VALUE_DURATION};
  double *values[4] = {&me->effect_frequency, &me->effect_impact, &me->effect_detect_h,
                       &me->effect_recover_h};
  for (int k = 0; k < 4; k++)
    if (f.value[k] && read_value(c, f.value[k], types[k], values[k], &me->effect_range[k]) == 0)
      me->effect_set |= 1u << k;
  for (int k = 0; k < 4; k++)
    if (f.key[k]) me->effect_at[k] = (bd_plan_pos){f.key[k]->line, f.key[k]->column};
}

/* Reads a cost mapping into measure me. */
static void read_cost(vctx *c, const bd_ynode *n, bd_plan_measure *me) {
  bd_v_fields f;
  const bd_ynode *m = bd_v_mapping(&c->v, n, "a mapping such as {once: 200000, yearly: 60000}");
  if (m == NULL) return;
  bd_v_collect(&c->v, m, &cost_schema, &f, NULL);
  if (f.value[0]) read_value(c, f.value[0], VALUE_AMOUNT, &me->cost_once, &me->cost_once_range);
  if (f.value[1]) read_value(c, f.value[1], VALUE_AMOUNT, &me->cost_yearly, &me->cost_yearly_range);
  me->has_cost = f.value[0] != NULL || f.value[1] != NULL;
}

/* Reads measure number set->count from node n. */
static void read_measure(vctx *c, const bd_ynode *n, measure_set *set) {
  static const char *const kinds[] = {"detective", "preventive", "recovery", "testing"};
  static const char *const statuses[] = {"planned", "implemented"};
  static const char *const results[] = {"pass", "fail"};
  size_t index = set->count++;
  bd_plan_measure *me = &set->items[index];
  measure_info *info = &set->info[index];
  char label[96];
  bd_v_fields f;
  int word;
  me->line = n->line;
  me->column = n->column;
  const bd_ynode *m = bd_v_mapping(&c->v, n, "a measure (a mapping with title and kind)");
  if (m == NULL) {
    set->incomplete = 1;
    return;
  }
  bd_v_collect(&c->v, m, &measure_schema, &f, &me->extensions);
  if (f.value[M_ID] && bd_v_id(&c->v, f.value[M_ID], &me->id) != 0) set->incomplete = 1;
  if (me->id) {
    size_t first = find_measure(set, me->id);
    if (first != (size_t)-1 && first != index) {
      bd_v_error(&c->v, f.value[M_ID]->line, f.value[M_ID]->column,
                 "duplicate measure id '%s' in this scenario (first at line %u)", me->id,
                 set->info[first].id_line);
      me->id = NULL;
    } else {
      info->id_line = f.value[M_ID]->line;
      int created;
      size_t *slot =
          set->hashed ? bd_strmap_slot(&set->ids, me->id, strlen(me->id), &created) : NULL;
      if (set->hashed && slot == NULL) {
        bd_v_out_of_memory(&c->v);
        return;
      }
      if (slot) *slot = index;
    }
  }
  bd_v_require(&c->v, n, &measure_schema, &f, label_of(label, sizeof label, "measure", me->id),
               (const int[]){M_TITLE, M_KIND, -1});
  if (f.value[M_TITLE]) bd_v_text(&c->v, f.value[M_TITLE], &me->title);
  if (f.value[M_KIND] && bd_v_word(&c->v, f.value[M_KIND], "kind", kinds, 4,
                                   "detective, preventive, recovery or testing", &word) == 0) {
    me->kind = (bd_kind)word;
    info->kind_known = 1;
  }
  if (f.value[M_STATUS] && bd_v_word(&c->v, f.value[M_STATUS], "status", statuses, 2,
                                     "planned or implemented", &word) == 0)
    me->status = (bd_status)word;
  if (f.value[M_EFFECT]) read_effect(c, f.value[M_EFFECT], me);
  if (f.value[M_COST]) read_cost(c, f.value[M_COST], me);
  if (info->kind_known && me->kind != BD_KIND_TESTING) {
    for (int k = M_VERIFIES; k <= M_RESULT; k++)
      if (f.key[k])
        bd_v_error(
            &c->v, f.key[k]->line, f.key[k]->column,
            "'%s' is only allowed on a test (a measure of kind testing), not on a %s measure",
            measure_keys[k], kinds[me->kind]);
    return;
  }
  if (f.value[M_RESULT] &&
      bd_v_word(&c->v, f.value[M_RESULT], "result", results, 2, "pass or fail", &word) == 0)
    me->result = (bd_result)word;
  if (f.value[M_LAST_RUN] &&
      bd_v_date(&c->v, f.value[M_LAST_RUN], &me->last_run, &me->last_run_text) == 0) {
    me->has_last_run = 1;
    if (me->last_run > c->plan->as_of)
      bd_v_error(&c->v, f.value[M_LAST_RUN]->line, f.value[M_LAST_RUN]->column,
                 "last_run %s is after as_of %s", me->last_run_text, c->plan->as_of_text);
  }
  info->verifies = f.value[M_VERIFIES];
  if (f.key[M_VERIFIES])
    me->verifies_at = (bd_plan_pos){f.key[M_VERIFIES]->line, f.key[M_VERIFIES]->column};
  if (f.key[M_LAST_RUN])
    me->last_run_at = (bd_plan_pos){f.key[M_LAST_RUN]->line, f.key[M_LAST_RUN]->column};
}

/* Resolves the verifies list of test number t of the scenario's measures:
 * every name must be the id of a measure of the scenario that is not a
 * test, named once. */
static void resolve_verifies(vctx *c, measure_set *set, size_t t) {
  bd_plan_measure *me = &set->items[t];
  const bd_ynode *list = bd_v_list(&c->v, set->info[t].verifies, "a list of measure ids");
  if (list == NULL) return;
  size_t *indices = bd_arena_array(c->v.arena, list->len, sizeof *indices), count = 0;
  if (indices == NULL) {
    bd_v_out_of_memory(&c->v);
    return;
  }
  for (size_t i = 0; i < list->len && !c->v.fatal; i++) {
    const bd_ynode *item = list->u.items[i];
    const char *name;
    if (bd_v_id(&c->v, item, &name) != 0) continue;
    size_t k = find_measure(set, name);
    if (k == (size_t)-1 && set->incomplete) {
      continue; /* perhaps the measure whose id is in error */
    } else if (k == (size_t)-1) {
      const char *best = NULL, *listed[LIST_MAX + 1];
      size_t best_distance = 0, n_listed = 0;
      char q[256], names[1024];
      if (!bd_v_keeping(&c->v)) {
        bd_v_error(&c->v, item->line, item->column, "unknown measure");
        continue;
      }
      for (size_t j = 0; j < set->count; j++) {
        const bd_plan_measure *o = &set->items[j];
        if (o->id == NULL || (set->info[j].kind_known && o->kind == BD_KIND_TESTING)) continue;
        bd_v_consider(name, o->id, &best, &best_distance);
        if (n_listed <= LIST_MAX) listed[n_listed++] = o->id;
      }
      bd_v_quote(name, strlen(name), q, sizeof q);
      bd_v_join(names, sizeof names, listed, n_listed, LIST_MAX);
      if (best)
        bd_v_error(&c->v, item->line, item->column,
                   "unknown measure %s in verifies; did you mean '%s'?", q, best);
      else if (n_listed)
        bd_v_error(&c->v, item->line, item->column,
                   "unknown measure %s in verifies (measures of this scenario: %s)", q, names);
      else
        bd_v_error(&c->v, item->line, item->column,
                   "unknown measure %s in verifies (no other measure of this scenario has an id)",
                   q);
    } else if (set->info[k].kind_known && set->items[k].kind == BD_KIND_TESTING) {
      bd_v_error(&c->v, item->line, item->column,
                 "'%s' in verifies is a test: a test verifies measures that are not tests", name);
    } else if (set->info[k].seen == t + 1) {
      bd_v_error(&c->v, item->line, item->column, "'%s' is named twice in verifies", name);
    } else {
      set->info[k].seen = t + 1;
      indices[count++] = k;
    }
  }
  me->has_verifies = 1;
  me->verifies = indices;
  me->verifies_count = count;
}

/* Reads the measures list n of scenario s. */
static void read_measures(vctx *c, const bd_ynode *n, bd_plan_scenario *s) {
  const bd_ynode *list = bd_v_list(&c->v, n, "a list of measures");
  if (list == NULL) return;
  measure_set set = {0};
  set.items = bd_arena_array(c->v.arena, list->len, sizeof *set.items);
  set.info = calloc(list->len ? list->len : 1, sizeof *set.info);
  set.hashed = list->len > SMALL_SCENARIO;
  if (set.items == NULL || set.info == NULL) {
    free(set.info);
    bd_v_out_of_memory(&c->v);
    return;
  }
  for (size_t i = 0; i < list->len && !c->v.fatal; i++) read_measure(c, list->u.items[i], &set);
  for (size_t t = 0; t < set.count && !c->v.fatal; t++)
    if (set.info[t].verifies) resolve_verifies(c, &set, t);
  s->measures = set.items;
  s->measure_count = set.count;
  bd_strmap_free(&set.ids);
  free(set.info);
}

/* ---- waivers ------------------------------------------------------------ */

const char *const bd_waivable_rules[BD_WAIVABLE_RULE_COUNT] = {"over-cap", "stale", "failing",
                                                               "uncovered"};

static const char *const waiver_keys[] = {"rule", "reason", "until", NULL};
static const bd_v_schema waiver_schema = {"waiver", waiver_keys, 0};
enum { W_RULE, W_REASON, W_UNTIL };

/* Reads the rule of a waiver at node n; returns its index in
 * bd_waivable_rules, or -1 (reported, with a "did you mean"). */
static int read_waived_rule(vctx *c, const bd_ynode *n) {
  const bd_ynode *v = bd_v_scalar(&c->v, n, "a rule: over-cap, stale, failing or uncovered");
  if (v == NULL) return -1;
  const char *best = NULL;
  size_t best_distance = 0;
  char q[256];
  for (int i = 0; i < BD_WAIVABLE_RULE_COUNT; i++) {
    if (strcmp(v->u.text, bd_waivable_rules[i]) == 0) return i;
    bd_v_consider(v->u.text, bd_waivable_rules[i], &best, &best_distance);
  }
  bd_v_quote(v->u.text, v->len, q, sizeof q);
  if (strcmp(v->u.text, "budget") == 0)
    bd_v_error(&c->v, n->line, n->column,
               "the rule 'budget' cannot be waived for a scenario: it is about the whole plan");
  else if (best)
    bd_v_error(&c->v, n->line, n->column, "unknown rule %s in waive; did you mean '%s'?", q, best);
  else
    bd_v_error(&c->v, n->line, n->column,
               "unknown rule %s in waive: expected over-cap, stale, failing or uncovered", q);
  return -1;
}

/* Reads the waive list n of scenario s: every entry a mapping with rule,
 * reason and until, each rule at most once. */
static void read_waivers(vctx *c, const bd_ynode *n, bd_plan_scenario *s, const char *label) {
  const bd_ynode *list = bd_v_list(&c->v, n, "a list of waivers {rule, reason, until}");
  if (list == NULL) return;
  s->waivers = bd_arena_array(c->v.arena, list->len, sizeof *s->waivers);
  if (s->waivers == NULL && list->len > 0) {
    bd_v_out_of_memory(&c->v);
    return;
  }
  unsigned first_line[BD_WAIVABLE_RULE_COUNT] = {0};
  for (size_t i = 0; i < list->len && !c->v.fatal; i++) {
    const bd_ynode *item = list->u.items[i];
    bd_plan_waiver w = {NULL, NULL, 0, NULL, item->line, item->column};
    bd_v_fields f;
    char what[128];
    const bd_ynode *m =
        bd_v_mapping(&c->v, item, "a waiver (a mapping with rule, reason and until)");
    if (m == NULL) continue;
    bd_v_collect(&c->v, m, &waiver_schema, &f, NULL);
    snprintf(what, sizeof what, "a waiver of %s", label);
    bd_v_require(&c->v, item, &waiver_schema, &f, what,
                 (const int[]){W_RULE, W_REASON, W_UNTIL, -1});
    int rule = f.value[W_RULE] ? read_waived_rule(c, f.value[W_RULE]) : -1;
    int ok = rule >= 0;
    if (f.value[W_REASON] && bd_v_text(&c->v, f.value[W_REASON], &w.reason) != 0) ok = 0;
    if (f.value[W_UNTIL] && bd_v_date(&c->v, f.value[W_UNTIL], &w.until, &w.until_text) != 0)
      ok = 0;
    if (rule >= 0 && first_line[rule]) {
      bd_v_error(&c->v, f.value[W_RULE]->line, f.value[W_RULE]->column,
                 "the rule '%s' is waived twice for this scenario (first at line %u)",
                 bd_waivable_rules[rule], first_line[rule]);
      continue;
    }
    if (rule >= 0) first_line[rule] = f.value[W_RULE]->line;
    if (!ok || w.reason == NULL || w.until_text == NULL) continue;
    w.rule = bd_waivable_rules[rule];
    s->waivers[s->waiver_count++] = w;
  }
}

/* ---- scenarios ---------------------------------------------------------- */

static const char *const scenario_keys[] = {"id",       "title",  "failure", "frequency",
                                            "impact",   "detect", "recover", "accept",
                                            "measures", "waive",  NULL};
static const bd_v_schema scenario_schema = {"scenario", scenario_keys, 1};
enum {
  S_ID,
  S_TITLE,
  S_FAILURE,
  S_FREQUENCY,
  S_IMPACT,
  S_DETECT,
  S_RECOVER,
  S_ACCEPT,
  S_MEASURES,
  S_WAIVE
};

/* Reads scenario number i from node n and resolves its failure type. */
static void read_scenario(vctx *c, const bd_ynode *n, size_t i, unsigned *id_lines) {
  bd_plan *p = c->plan;
  bd_plan_scenario *s = &p->scenarios[i];
  const char *failure;
  char label[96];
  bd_v_fields f;
  s->line = n->line;
  s->column = n->column;
  s->impact = 1;
  const bd_ynode *m = bd_v_mapping(&c->v, n, "a scenario (a mapping with id, title, failure, ...)");
  if (m == NULL) return;
  bd_v_collect(&c->v, m, &scenario_schema, &f, &s->extensions);
  if (f.value[S_ID] && bd_v_id(&c->v, f.value[S_ID], &s->id) == 0)
    unique_id(c, &c->scenario_ids, "scenario", s->id, f.value[S_ID], i, id_lines);
  bd_v_require(&c->v, n, &scenario_schema, &f, label_of(label, sizeof label, "scenario", s->id),
               (const int[]){S_ID, S_TITLE, S_FAILURE, S_FREQUENCY, S_RECOVER, -1});
  if (f.value[S_TITLE]) bd_v_text(&c->v, f.value[S_TITLE], &s->title);
  if (f.value[S_FAILURE] && bd_v_id(&c->v, f.value[S_FAILURE], &failure) == 0) {
    size_t *index = bd_strmap_get(&c->failure_ids, failure, strlen(failure));
    if (index)
      s->failure = *index;
    else if (!c->failures_incomplete)
      bd_v_unknown_ref(&c->v, f.value[S_FAILURE], "failure", "failures", failure, p->failures,
                       p->failure_count, sizeof *p->failures, offsetof(bd_plan_failure, id));
  }
  if (f.value[S_FREQUENCY])
    read_value(c, f.value[S_FREQUENCY], VALUE_FREQUENCY, &s->frequency, &s->range[0]);
  if (f.value[S_IMPACT]) read_value(c, f.value[S_IMPACT], VALUE_SHARE, &s->impact, &s->range[1]);
  if (f.value[S_DETECT])
    read_value(c, f.value[S_DETECT], VALUE_DURATION, &s->detect_h, &s->range[2]);
  if (f.value[S_RECOVER])
    read_value(c, f.value[S_RECOVER], VALUE_DURATION, &s->recover_h, &s->range[3]);
  if (f.value[S_ACCEPT]) bd_v_text(&c->v, f.value[S_ACCEPT], &s->accept);
  if (f.value[S_MEASURES]) read_measures(c, f.value[S_MEASURES], s);
  if (f.value[S_WAIVE]) read_waivers(c, f.value[S_WAIVE], s, label);
}

/* ---- the plan ----------------------------------------------------------- */

static const char *const plan_keys[] = {"badday",      "service",  "owner",  "period",
                                        "as_of",       "currency", "slo",    "amortize_years",
                                        "stale_after", "risk_cap", "losses", "failures",
                                        "scenarios",   "simulate", NULL};
static const bd_v_schema plan_schema = {"the plan", plan_keys, 1};
enum {
  P_BADDAY,
  P_SERVICE,
  P_OWNER,
  P_PERIOD,
  P_AS_OF,
  P_CURRENCY,
  P_SLO,
  P_AMORTIZE,
  P_STALE,
  P_RISK_CAP,
  P_LOSSES,
  P_FAILURES,
  P_SCENARIOS,
  P_SIMULATE
};

static const char *const simulate_keys[] = {"trials", "seed", NULL};
static const bd_v_schema simulate_schema = {"simulate", simulate_keys, 0};

/* Reads a whole number from min to max at n (described as `expected`).
 * Returns 0 or -1 (reported). */
static int read_count(vctx *c, const bd_ynode *n, const char *what, unsigned long long min,
                      unsigned long long max, const char *expected, unsigned long long *out) {
  const bd_ynode *v = bd_v_scalar(&c->v, n, expected);
  if (v == NULL) return -1;
  /* digits, '_' between digits (as in amounts), at most 20 of them */
  unsigned long long x = 0;
  size_t digits = 0;
  int ok = v->len > 0;
  for (size_t i = 0; ok && i < v->len; i++) {
    char ch = v->u.text[i];
    if (ch >= '0' && ch <= '9') {
      unsigned d = (unsigned)(ch - '0');
      if (x > (max - d) / 10) ok = 0; /* above max (and never wraps) */
      x = x * 10 + d;
      digits++;
    } else {
      ok = ch == '_' && i > 0 && i + 1 < v->len && v->u.text[i - 1] != '_';
    }
  }
  if (!ok || digits == 0 || x < min) return bd_v_invalid(&c->v, n, v, what, expected);
  *out = x;
  return 0;
}

/* Reads the simulate mapping at n into the plan (defaults already set). */
static void read_simulate(vctx *c, const bd_ynode *n) {
  bd_v_fields f;
  unsigned long long x;
  const bd_ynode *m = bd_v_mapping(&c->v, n, "a mapping such as {trials: 10000, seed: 1}");
  if (m == NULL) return;
  bd_v_collect(&c->v, m, &simulate_schema, &f, NULL);
  if (f.value[0] &&
      read_count(c, f.value[0], "trials", BD_PLAN_MIN_TRIALS, BD_PLAN_MAX_TRIALS,
                 "a whole number of trials from 1000 to 1000000, such as 10000", &x) == 0)
    c->plan->simulate_trials = (size_t)x;
  if (f.value[1] && read_count(c, f.value[1], "seed", 0, UINT64_MAX,
                               "a whole number from 0 to 18446744073709551615, such as 1", &x) == 0)
    c->plan->simulate_seed = x;
}

/* Checks the format version in node n.  Returns 0 when this build reads it. */
static int check_format(vctx *c, const bd_ynode *n) {
  const bd_ynode *v = bd_v_scalar(&c->v, n, "the plan format version 1");
  if (v == NULL) return -1;
  if (strcmp(v->u.text, "1") == 0) return 0;
  char q[256];
  int bare = v->len <= 12 && strspn(v->u.text, "0123456789.") == v->len;
  return bd_v_error(&c->v, n->line, n->column,
                    "unsupported plan format %s: this build reads format 1",
                    bare ? v->u.text : bd_v_quote(v->u.text, v->len, q, sizeof q));
}

/* Reads the optional settings at the top level (defaults already set). */
static void read_settings(vctx *c, const bd_v_fields *f) {
  bd_plan *p = c->plan;
  const char *expected;
  const bd_ynode *v;
  double x;
  if (f->value[P_SERVICE]) bd_v_text(&c->v, f->value[P_SERVICE], &p->service);
  if (f->value[P_OWNER]) bd_v_text(&c->v, f->value[P_OWNER], &p->owner);
  if (f->value[P_PERIOD]) bd_v_text(&c->v, f->value[P_PERIOD], &p->period);
  if (f->value[P_AS_OF] && bd_v_date(&c->v, f->value[P_AS_OF], &p->as_of, NULL) == 0)
    bd_format_date(p->as_of, p->as_of_text);
  if (f->value[P_CURRENCY] &&
      (v = bd_v_scalar(&c->v, f->value[P_CURRENCY], "a currency code such as USD")) != NULL) {
    if (bd_parse_currency(v->u.text, v->len, &expected) != 0)
      bd_v_invalid(&c->v, f->value[P_CURRENCY], v, "currency", expected);
    else
      memcpy(p->currency, v->u.text, 4);
  }
  if (f->value[P_SLO] && (v = bd_v_scalar(&c->v, f->value[P_SLO], "a percentage such as 99.9"))) {
    if (bd_parse_number(v->u.text, v->len, &x, &expected) != 0 || !(x > 0 && x < 100))
      bd_v_invalid(&c->v, f->value[P_SLO], v, "slo",
                   "a percentage above 0 and below 100, such as 99.9 (without '%')");
    else
      p->has_slo = 1, p->slo = x;
  }
  if (f->value[P_AMORTIZE] &&
      (v = bd_v_scalar(&c->v, f->value[P_AMORTIZE], "a number of years such as 3"))) {
    /* at least 0.001: a smaller one makes the annual cost of a one-time
     * cost below 1e15 infinite (1e15 / 1e-300) */
    if (bd_parse_number(v->u.text, v->len, &x, &expected) != 0 || !(x >= 0.001 && x < 1e15))
      bd_v_invalid(&c->v, f->value[P_AMORTIZE], v, "amortize_years",
                   "a number of years of at least 0.001, such as 3");
    else
      p->amortize_years = x;
  }
  if (f->value[P_STALE]) bd_v_duration(&c->v, f->value[P_STALE], &p->stale_after_h);
  if (f->value[P_RISK_CAP]) bd_v_share(&c->v, f->value[P_RISK_CAP], &p->risk_cap);
}

/* Reads list node n of `what` items with read(); the plan's array for them
 * is allocated here (*items, *count).  id_lines is scratch for duplicates.
 * Returns 0, or -1 when n is not a list. */
static int read_list(vctx *c, const bd_ynode *n, const char *what, size_t item_size, void **items,
                     size_t *count, void (*read)(vctx *, const bd_ynode *, size_t, unsigned *)) {
  char expected[64];
  snprintf(expected, sizeof expected, "a list of %s", what);
  const bd_ynode *list = bd_v_list(&c->v, n, expected);
  if (list == NULL) return -1;
  *items = bd_arena_array(c->v.arena, list->len, item_size);
  unsigned *id_lines = calloc(list->len ? list->len : 1, sizeof *id_lines);
  if (*items == NULL || id_lines == NULL) {
    free(id_lines);
    bd_v_out_of_memory(&c->v);
    return -1;
  }
  *count = list->len;
  for (size_t i = 0; i < list->len && !c->v.fatal; i++) read(c, list->u.items[i], i, id_lines);
  free(id_lines);
  if (list->len == 0 && strcmp(what, "losses") == 0)
    bd_v_error(&c->v, n->line, n->column, "expected at least one loss, found an empty list");
  return 0;
}

/* Reads the whole plan from the root node. */
static void read_plan(vctx *c, const bd_ynode *root, const bd_load_options *opt) {
  bd_plan *p = c->plan;
  bd_v_fields f;
  const bd_ynode *m =
      bd_v_mapping(&c->v, root, "a mapping with the plan's keys (badday, service, ...)");
  if (m == NULL) return;
  /* an unsupported format, or a report given for a plan, is the only error
   * worth reporting */
  for (size_t i = 0; i < m->len; i += 2) {
    const bd_ynode *k = m->u.items[i];
    if (k->kind == BD_YNODE_ALIAS) k = k->u.target;
    if (k->kind == BD_YNODE_SCALAR &&
        (strcmp(k->u.text, "totals") == 0 || strcmp(k->u.text, "services") == 0)) {
      bd_v_error(&c->v, root->line, root->column,
                 "this is the JSON of a badday report, not a plan (it has '%s'): to compare "
                 "with it, give it to --compare; to render it again, give the plan it was made "
                 "from",
                 k->u.text);
      return;
    }
  }
  for (size_t i = 0; i < m->len; i += 2) {
    const bd_ynode *k = m->u.items[i];
    if (k->kind == BD_YNODE_ALIAS) k = k->u.target;
    if (k->kind == BD_YNODE_SCALAR && strcmp(k->u.text, "badday") == 0) {
      if (check_format(c, m->u.items[i + 1]) != 0) return;
      break;
    }
  }
  bd_v_collect(&c->v, m, &plan_schema, &f, &p->extensions);
  bd_v_require(&c->v, root, &plan_schema, &f, "the plan",
               (const int[]){P_BADDAY, P_SERVICE, P_LOSSES, P_FAILURES, P_SCENARIOS, -1});
  p->format = 1;
  p->as_of = opt ? opt->today : (long)(time(NULL) / 86400);
  p->today = p->as_of;
  bd_format_date(p->as_of, p->as_of_text);
  memcpy(p->currency, "USD", 4);
  p->amortize_years = 3;
  p->stale_after_h = 100 * 24; /* a quarter and a week: a quarterly drill stays verified */
  p->risk_cap = 0.25;
  p->simulate_trials = BD_PLAN_DEFAULT_TRIALS;
  p->simulate_seed = 1;
  read_settings(c, &f);
  if (f.value[P_SIMULATE]) read_simulate(c, f.value[P_SIMULATE]);
  for (size_t i = 0; i < 4; i++) category_index(c, standard_categories[i]);
  if (f.value[P_LOSSES] == NULL || read_list(c, f.value[P_LOSSES], "losses", sizeof *p->losses,
                                             (void **)&p->losses, &p->loss_count, read_loss) != 0)
    c->losses_incomplete = 1;
  if (f.value[P_FAILURES] == NULL ||
      read_list(c, f.value[P_FAILURES], "failures", sizeof *p->failures, (void **)&p->failures,
                &p->failure_count, read_failure) != 0)
    c->failures_incomplete = 1;
  if (f.value[P_SCENARIOS])
    read_list(c, f.value[P_SCENARIOS], "scenarios", sizeof *p->scenarios, (void **)&p->scenarios,
              &p->scenario_count, read_scenario);
  if (!c->v.fatal && finish_categories(c) != 0) {
    bd_v_out_of_memory(&c->v);
  }
}

int bd_validate_plan(const char *path, const bd_ynode *root, size_t node_count,
                     const bd_load_options *opt, bd_arena *arena, bd_plan **out, bd_diags *diags) {
  vctx c = {0};
  c.v.path = path;
  c.v.diags = diags;
  c.v.arena = arena;
  /* A walk of a plan without aliases charges each node at most twice (with
   * its parent collection's items, then when visited): only what aliases
   * add beyond that counts against BD_LOAD_MAX_EXPANSION. */
  c.v.budget = 2 * node_count + BD_LOAD_MAX_EXPANSION;
  *out = NULL;
  c.plan = bd_arena_alloc(arena, sizeof *c.plan);
  if (c.plan == NULL || (c.plan->path = bd_arena_strdup(arena, path)) == NULL) {
    bd_v_out_of_memory(&c.v);
  } else {
    read_plan(&c, root, opt);
  }
  free(c.v.json);
  free(c.cats);
  free(c.amounts);
  bd_strmap_free(&c.categories);
  bd_strmap_free(&c.loss_ids);
  bd_strmap_free(&c.failure_ids);
  bd_strmap_free(&c.scenario_ids);
  if (c.v.errors > 0) return -1;
  *out = c.plan;
  return 0;
}
