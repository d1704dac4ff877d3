/* evidence.c - see evidence.h.  Reads JUnit XML with libxml2's tree API. */
#include "plan/evidence.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "base/quote.h"
#include "base/strmap.h"
#include "plan/limits.h"
#include "plan/values.h"

/* One testcase's run, as read from the XML. */
typedef struct run {
  const char *scenario; /* NUL-terminated copies in the arena */
  const char *measure;
  const char *key; /* "SCENARIO/MEASURE" (measure_index) */
  char name[128];  /* 'SCENARIO/MEASURE' quoted for messages (bd_quote) */
  long date;
  char date_text[11];
  bd_result result;
  unsigned line;
} run;

/* Returns the attribute as a string owned by libxml2's allocator, or NULL. */
static xmlChar *attribute(xmlNode *node, const char *name) {
  return xmlGetProp(node, (const xmlChar *)name);
}

/* Writes text from the XML quoted for a message (escaped, shortened) into
 * buf; returns buf. */
static const char *quoted(const xmlChar *text, char *buf, size_t size) {
  const char *t = text ? (const char *)text : "";
  return bd_quote(t, strlen(t), buf, size);
}

static int is_element(const xmlNode *node, const char *name) {
  return node->type == XML_ELEMENT_NODE && strcmp((const char *)node->name, name) == 0;
}

/* Reads the leading YYYY-MM-DD of an ISO 8601 timestamp. */
static int timestamp_date(const xmlChar *ts, long *days, char text[11]) {
  const char *expected;
  if (ts == NULL || strlen((const char *)ts) < 10) return -1;
  if (bd_parse_date((const char *)ts, 10, days, &expected) != 0) return -1;
  memcpy(text, ts, 10);
  text[10] = '\0';
  return 0;
}

/* Finds the "badday.measure" property of a testcase, or NULL (caller frees). */
static xmlChar *measure_property(xmlNode *testcase) {
  for (xmlNode *c = testcase->children; c; c = c->next) {
    if (!is_element(c, "properties")) continue;
    for (xmlNode *p = c->children; p; p = p->next) {
      if (!is_element(p, "property")) continue;
      xmlChar *name = attribute(p, "name");
      int match = name && strcmp((const char *)name, "badday.measure") == 0;
      xmlFree(name);
      if (match) return attribute(p, "value");
    }
  }
  return NULL;
}

/* The measures of each plan by "SCENARIO/MEASURE", so that a testcase is
 * found in constant time whatever the sizes of the plans and the file. */
typedef struct measure_index {
  bd_strmap *maps;             /* one per plan of the target */
  bd_plan_measure ***measures; /* per plan: the measures the maps' values index */
  bd_arena arena;              /* the keys and arrays */
} measure_index;

/* Builds the index of target's plans.  Returns 0, or -1 when out of memory. */
static int index_measures(const bd_evidence_target *t, measure_index *ix) {
  memset(ix, 0, sizeof *ix);
  size_t n = t->plan_count ? t->plan_count : 1;
  ix->maps = bd_arena_array(&ix->arena, n, sizeof *ix->maps);
  ix->measures = bd_arena_array(&ix->arena, n, sizeof *ix->measures);
  if (ix->maps == NULL || ix->measures == NULL) return -1;
  for (size_t p = 0; p < t->plan_count; p++) {
    bd_plan *plan = t->plans[p];
    size_t total = 0;
    for (size_t si = 0; plan && si < plan->scenario_count; si++)
      total += plan->scenarios[si].measure_count;
    ix->measures[p] = bd_arena_array(&ix->arena, total ? total : 1, sizeof *ix->measures[p]);
    if (ix->measures[p] == NULL) return -1;
    size_t k = 0;
    for (size_t si = 0; plan && si < plan->scenario_count; si++) {
      bd_plan_scenario *sc = &plan->scenarios[si];
      for (size_t j = 0; j < sc->measure_count; j++) {
        if (sc->measures[j].id == NULL) continue;
        size_t len = strlen(sc->id) + 1 + strlen(sc->measures[j].id);
        char *key = bd_arena_alloc(&ix->arena, len + 1);
        if (key == NULL) return -1;
        snprintf(key, len + 1, "%s/%s", sc->id, sc->measures[j].id);
        int created;
        size_t *slot = bd_strmap_slot(&ix->maps[p], key, len, &created);
        if (slot == NULL) return -1;
        if (created) { /* plans are validated: ids are unique */
          ix->measures[p][k] = &sc->measures[j];
          *slot = k++;
        }
      }
    }
  }
  return 0;
}

/* Frees what index_measures() allocated. */
static void free_index(const bd_evidence_target *t, measure_index *ix) {
  for (size_t p = 0; ix->maps && p < t->plan_count; p++) bd_strmap_free(&ix->maps[p]);
  bd_arena_free(&ix->arena);
}

/* The measure a run names in the plan of index p, or NULL. */
static bd_plan_measure *measure_of(const measure_index *ix, size_t p, const run *r) {
  size_t *k = bd_strmap_get(&ix->maps[p], r->key, strlen(r->key));
  return k ? ix->measures[p][*k] : NULL;
}

/* Applies one run to the measure m of plan: it counts when it is the latest. */
static void apply_to(const char *path, bd_plan *plan, bd_plan_measure *m, bd_arena *arena,
                     const run *r, bd_evidence_stats *stats, bd_diags *warnings) {
  if (m->kind != BD_KIND_TESTING) {
    bd_diag_add(warnings, path, r->line, 1, "testcase %s names a %s measure, not a test; ignored",
                r->name, bd_kind_name(m->kind));
    return;
  }
  stats->matched++;
  if (r->date > plan->as_of) {
    bd_diag_add(warnings, path, r->line, 1,
                "testcase %s ran on %s, after the plan's as_of %s; ignored", r->name, r->date_text,
                plan->as_of_text);
    return;
  }
  int later = !m->has_last_run || r->date > m->last_run ||
              (r->date == m->last_run && r->result == BD_RESULT_FAIL);
  if (!later) return;
  m->has_last_run = 1;
  m->last_run = r->date;
  m->last_run_text = bd_arena_strdup(arena, r->date_text);
  m->result = r->result;
  stats->applied++;
  if (m->status != BD_STATUS_IMPLEMENTED)
    bd_diag_add(warnings, path, r->line, 1,
                "testcase %s is a planned test in the plan: its run counts once the plan "
                "marks it implemented",
                r->name);
}

/* The edit distance of name to candidate when it is at most half the
 * longer one (osaka-drill for osaka-restore-drill), else SIZE_MAX. */
static size_t near_distance(const char *name, const char *candidate) {
  size_t a = strlen(name), b = strlen(candidate), longer = a > b ? a : b;
  size_t d = bd_edit_distance(name, candidate);
  return d > 0 && d * 2 <= longer ? d : SIZE_MAX;
}

/* Writes into buf "; did you mean 'SCENARIO/MEASURE'?" for the test of the
 * plans closest to what run r names (a test of the same scenario with a
 * near id, or a test of that id in a scenario with a near id), or "". */
static void closest_test(const bd_evidence_target *t, const run *r, char *buf, size_t size) {
  const char *best_s = NULL, *best_m = NULL;
  size_t best = SIZE_MAX;
  for (size_t i = 0; i < t->plan_count; i++) {
    const bd_plan *plan = t->plans[i];
    for (size_t si = 0; plan && si < plan->scenario_count; si++) {
      const bd_plan_scenario *sc = &plan->scenarios[si];
      int same_scenario = strcmp(sc->id, r->scenario) == 0;
      for (size_t j = 0; j < sc->measure_count; j++) {
        const bd_plan_measure *m = &sc->measures[j];
        if (m->id == NULL || m->kind != BD_KIND_TESTING) continue;
        size_t d = same_scenario                    ? near_distance(r->measure, m->id)
                   : strcmp(m->id, r->measure) == 0 ? near_distance(r->scenario, sc->id)
                                                    : SIZE_MAX;
        if (d < best) {
          best = d;
          best_s = sc->id;
          best_m = m->id;
        }
      }
    }
  }
  if (best_s)
    snprintf(buf, size, "; did you mean '%s/%s'?", best_s, best_m);
  else
    buf[0] = '\0';
}

/* Applies one run to every plan that has the measure it names (plans of
 * several services may share scenario ids); warns when none has it. */
static void apply_run(const char *path, const bd_evidence_target *t, const measure_index *ix,
                      const run *r, bd_evidence_stats *stats, bd_diags *warnings) {
  int found = 0;
  for (size_t i = 0; i < t->plan_count; i++) {
    if (t->plans[i] == NULL) continue; /* a plan that did not load */
    bd_plan_measure *m = measure_of(ix, i, r);
    if (m == NULL) continue;
    found = 1;
    apply_to(path, t->plans[i], m, t->arena, r, stats, warnings);
  }
  if (!found && bd_diags_full(warnings)) {
    warnings->dropped++; /* not shown: no need to look for a hint */
  } else if (!found) {
    char hint[160];
    closest_test(t, r, hint, sizeof hint);
    bd_diag_add(warnings, path, r->line, 1, "testcase %s matches no measure of the %s%s", r->name,
                t->plan_count > 1 ? "plans" : "plan", hint);
  }
}

/* Reads one <testcase>; returns 0 and fills r, or -1 (warned) to skip it. */
static int read_testcase(const char *path, xmlNode *tc, const xmlChar *suite_ts, bd_arena *arena,
                         run *r, bd_evidence_stats *stats, bd_diags *warnings) {
  memset(r, 0, sizeof *r);
  r->line = (unsigned)xmlGetLineNo(tc);
  r->result = BD_RESULT_PASS;
  for (xmlNode *c = tc->children; c; c = c->next) {
    if (is_element(c, "failure") || is_element(c, "error")) r->result = BD_RESULT_FAIL;
    if (is_element(c, "skipped")) {
      stats->skipped++;
      return -1;
    }
  }
  xmlChar *target = measure_property(tc);
  if (target == NULL) {
    xmlChar *name = attribute(tc, "name");
    xmlChar *cls = attribute(tc, "classname");
    if (name && strchr((const char *)name, '/') == NULL && cls) {
      size_t len = strlen((const char *)cls) + strlen((const char *)name) + 2;
      target = xmlMalloc(len);
      if (target) snprintf((char *)target, len, "%s/%s", (const char *)cls, (const char *)name);
      xmlFree(name);
    } else {
      target = name;
    }
    xmlFree(cls);
  }
  const char *slash = target ? strchr((const char *)target, '/') : NULL;
  quoted(target, r->name, sizeof r->name);
  if (slash == NULL) {
    bd_diag_add(warnings, path, r->line, 1,
                "testcase %s names no measure (expected SCENARIO/MEASURE or a badday.measure "
                "property)",
                r->name);
    xmlFree(target);
    return -1;
  }
  r->scenario =
      bd_arena_strndup(arena, (const char *)target, (size_t)(slash - (const char *)target));
  r->measure = bd_arena_strdup(arena, slash + 1);
  r->key = bd_arena_strdup(arena, (const char *)target);
  xmlChar *ts = attribute(tc, "timestamp");
  int bad_date = timestamp_date(ts ? ts : suite_ts, &r->date, r->date_text) != 0;
  xmlFree(ts);
  if (r->scenario == NULL || r->measure == NULL || r->key == NULL) {
    xmlFree(target);
    return -1;
  }
  if (bad_date) {
    bd_diag_add(warnings, path, r->line, 1,
                "testcase %s has no timestamp (on it or its testsuite) starting YYYY-MM-DD",
                r->name);
    xmlFree(target);
    return -1;
  }
  xmlFree(target);
  return 0;
}

/* Walks testsuites/testsuite/testcase elements at any depth. */
static void walk(const char *path, xmlNode *node, const xmlChar *suite_ts,
                 const bd_evidence_target *t, const measure_index *ix, bd_evidence_stats *stats,
                 bd_diags *warnings, int depth) {
  if (depth > 64) return;
  for (xmlNode *n = node; n; n = n->next) {
    if (is_element(n, "testsuite") || is_element(n, "testsuites")) {
      xmlChar *ts = attribute(n, "timestamp");
      walk(path, n->children, ts ? ts : suite_ts, t, ix, stats, warnings, depth + 1);
      xmlFree(ts);
    } else if (is_element(n, "testcase")) {
      run r;
      if (read_testcase(path, n, suite_ts, t->arena, &r, stats, warnings) == 0)
        apply_run(path, t, ix, &r, stats, warnings);
    }
  }
}

/* The first error libxml2 reports while parsing (later ones follow from it),
 * and whether the document declared a DTD (refused before it is read). */
typedef struct first_error {
  int seen;
  unsigned line, column;
  char message[256];
  int dtd;
  unsigned dtd_line;
} first_error;

/* libxml2's structured error callback: keeps the first error. */
static void keep_first_error(void *data, xmlErrorPtr e) {
  first_error *first = data;
  if (first->seen || e == NULL || e->level < XML_ERR_ERROR) return;
  first->seen = 1;
  first->line = e->line > 0 ? (unsigned)e->line : 1;
  first->column = e->int2 > 0 ? (unsigned)e->int2 : 1;
  snprintf(first->message, sizeof first->message, "%.*s",
           e->message ? (int)strcspn(e->message, "\n") : 0, e->message ? e->message : "");
}

/* The SAX handler of <!DOCTYPE ...>: a JUnit report never needs a DTD, and
 * its entities are how XML bombs are built (a 50 KB entity used 10,000
 * times), so the parser stops at the first declaration. */
static void refuse_dtd(void *ctx, const xmlChar *name, const xmlChar *external_id,
                       const xmlChar *system_id) {
  (void)name, (void)external_id, (void)system_id;
  xmlParserCtxtPtr ctxt = ctx;
  first_error *first = ctxt->_private;
  if (!first->dtd) {
    first->dtd = 1;
    first->dtd_line = ctxt->input && ctxt->input->line > 0 ? (unsigned)ctxt->input->line : 1;
  }
  xmlStopParser(ctxt);
}

/* Reads the parsed document doc: root element checks, then every testcase. */
static int read_document(const char *path, xmlDocPtr doc, const bd_evidence_target *target,
                         bd_evidence_stats *stats, bd_diags *warnings, bd_diags *errors) {
  xmlNode *root = xmlDocGetRootElement(doc);
  if (root == NULL || !(is_element(root, "testsuites") || is_element(root, "testsuite"))) {
    const char *name = root ? (const char *)root->name : "nothing";
    char *shown = bd_escape_dup(name, strlen(name), BD_QUOTE_MAX_POINTS);
    bd_diag_add(errors, path, root ? (unsigned)xmlGetLineNo(root) : 1, 1,
                "expected JUnit XML (a <testsuites> or <testsuite> root), found <%s>",
                shown ? shown : "?");
    free(shown);
    return -1;
  }
  measure_index ix;
  int rc = index_measures(target, &ix);
  if (rc == 0)
    walk(path, root, NULL, target, &ix, stats, warnings, 0);
  else
    bd_diag_add(errors, path, 0, 0, "out of memory while reading the evidence file");
  free_index(target, &ix);
  return rc;
}

int bd_evidence_apply_buffer(const char *path, const char *data, size_t len,
                             const bd_evidence_target *target, bd_evidence_stats *stats,
                             bd_diags *warnings, bd_diags *errors) {
  memset(stats, 0, sizeof *stats);
  if (len > BD_EVIDENCE_MAX_BYTES)
    return bd_diag_add(errors, path, 0, 0, "the evidence file is larger than %zu MiB",
                       (size_t)BD_EVIDENCE_MAX_BYTES >> 20);
  if (len > INT_MAX) return bd_diag_add(errors, path, 0, 0, "the evidence file is too large");
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (ctxt == NULL) return bd_diag_add(errors, path, 0, 0, "out of memory");
  first_error first = {0, 0, 0, "", 0, 0};
  ctxt->_private = &first;
  ctxt->sax->internalSubset = refuse_dtd;
  /* libxml2 2.9 has no per-context structured handler; the CLI is single-threaded. */
  xmlSetStructuredErrorFunc(&first, keep_first_error);
  /* No network, no entities, no DTD (refused above): a report from CI is
   * data, not a reason to fetch or expand anything. */
  xmlDocPtr doc = xmlCtxtReadMemory(ctxt, data, (int)len, path, NULL,
                                    XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
  xmlSetStructuredErrorFunc(NULL, NULL);
  int rc = 0;
  if (first.dtd)
    rc = bd_diag_add(errors, path, first.dtd_line, 1,
                     "the evidence file declares a DTD (<!DOCTYPE ...>); JUnit XML needs none, "
                     "and DTDs and entities are refused");
  else if (doc == NULL || !ctxt->wellFormed)
    rc = first.seen ? bd_diag_add(errors, path, first.line, first.column, "not well-formed XML: %s",
                                  first.message)
                    : bd_diag_add(errors, path, 0, 0, "cannot read the evidence file");
  else
    rc = read_document(path, doc, target, stats, warnings, errors);
  xmlFreeDoc(doc);
  xmlFreeParserCtxt(ctxt);
  return rc;
}

int bd_evidence_apply(const char *path, const bd_evidence_target *target, bd_evidence_stats *stats,
                      bd_diags *warnings, bd_diags *errors) {
  memset(stats, 0, sizeof *stats);
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return bd_diag_add(errors, path, 0, 0, "cannot read the evidence file: %s", strerror(errno));
  struct stat st;
  if (fstat(fd, &st) != 0) st.st_mode = 0;
  if (S_ISDIR(st.st_mode)) {
    close(fd);
    return bd_diag_add(errors, path, 0, 0, "cannot read the evidence file: is a directory");
  }
  if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > BD_EVIDENCE_MAX_BYTES) {
    close(fd);
    return bd_diag_add(errors, path, 0, 0, "the evidence file is larger than %zu MiB",
                       (size_t)BD_EVIDENCE_MAX_BYTES >> 20);
  }
  /* Read to the end (a pipe has no size), one byte past the limit at most. */
  size_t cap = 65536, len = 0;
  char *data = malloc(cap);
  int err = 0, oom = data == NULL;
  while (!oom && len <= BD_EVIDENCE_MAX_BYTES) {
    if (len == cap) {
      char *bigger = realloc(data, cap * 2);
      oom = bigger == NULL;
      if (oom) break;
      data = bigger;
      cap *= 2;
    }
    ssize_t n = read(fd, data + len, cap - len);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) err = errno;
    if (n <= 0) break;
    len += (size_t)n;
  }
  close(fd);
  int rc;
  if (oom)
    rc = bd_diag_add(errors, path, 0, 0, "out of memory while reading the evidence file");
  else if (err)
    rc = bd_diag_add(errors, path, 0, 0, "cannot read the evidence file: %s", strerror(err));
  else
    rc = bd_evidence_apply_buffer(path, data, len, target, stats, warnings, errors);
  free(data);
  return rc;
}
