/* evidence.c - see evidence.h.  Reads JUnit XML with libxml2's tree API. */
#include "plan/evidence.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "plan/values.h"

/* One testcase's run, as read from the XML. */
typedef struct run {
  const char *scenario; /* NUL-terminated copies in the arena */
  const char *measure;
  long date;
  char date_text[11];
  bd_result result;
  unsigned line;
} run;

/* Returns the attribute as a string owned by libxml2's allocator, or NULL. */
static xmlChar *attribute(xmlNode *node, const char *name) {
  return xmlGetProp(node, (const xmlChar *)name);
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

/* Finds a scenario's index by id, or -1.  Plans are validated, so ids are
 * unique; a linear search per testcase is fine for evidence files. */
static long find_scenario(const bd_plan *plan, const char *id) {
  for (size_t i = 0; i < plan->scenario_count; i++)
    if (strcmp(plan->scenarios[i].id, id) == 0) return (long)i;
  return -1;
}

static bd_plan_measure *find_measure(bd_plan_scenario *s, const char *id) {
  for (size_t j = 0; j < s->measure_count; j++)
    if (s->measures[j].id && strcmp(s->measures[j].id, id) == 0) return &s->measures[j];
  return NULL;
}

/* The measure a run names in plan, or NULL. */
static bd_plan_measure *measure_of(bd_plan *plan, const run *r) {
  long si = find_scenario(plan, r->scenario);
  return si >= 0 ? find_measure(&plan->scenarios[si], r->measure) : NULL;
}

/* Applies one run to the measure m of plan: it counts when it is the latest. */
static void apply_to(const char *path, bd_plan *plan, bd_plan_measure *m, bd_arena *arena,
                     const run *r, bd_evidence_stats *stats, bd_diags *warnings) {
  if (m->kind != BD_KIND_TESTING) {
    bd_diag_add(warnings, path, r->line, 1,
                "testcase '%s/%s' names a %s measure, not a test; ignored", r->scenario, r->measure,
                bd_kind_name(m->kind));
    return;
  }
  stats->matched++;
  if (r->date > plan->as_of) {
    bd_diag_add(warnings, path, r->line, 1,
                "testcase '%s/%s' ran on %s, after the plan's as_of %s; ignored", r->scenario,
                r->measure, r->date_text, plan->as_of_text);
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
                "testcase '%s/%s' is a planned test in the plan: its run counts once the plan "
                "marks it implemented",
                r->scenario, r->measure);
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
static void apply_run(const char *path, const bd_evidence_target *t, const run *r,
                      bd_evidence_stats *stats, bd_diags *warnings) {
  int found = 0;
  for (size_t i = 0; i < t->plan_count; i++) {
    if (t->plans[i] == NULL) continue; /* a plan that did not load */
    bd_plan_measure *m = measure_of(t->plans[i], r);
    if (m == NULL) continue;
    found = 1;
    apply_to(path, t->plans[i], m, t->arena, r, stats, warnings);
  }
  if (!found) {
    char hint[160];
    closest_test(t, r, hint, sizeof hint);
    bd_diag_add(warnings, path, r->line, 1, "testcase '%s/%s' matches no measure of the %s%s",
                r->scenario, r->measure, t->plan_count > 1 ? "plans" : "plan", hint);
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
  if (slash == NULL) {
    bd_diag_add(warnings, path, r->line, 1,
                "testcase '%s' names no measure (expected SCENARIO/MEASURE or a badday.measure "
                "property)",
                target ? (const char *)target : "");
    xmlFree(target);
    return -1;
  }
  r->scenario =
      bd_arena_strndup(arena, (const char *)target, (size_t)(slash - (const char *)target));
  r->measure = bd_arena_strdup(arena, slash + 1);
  xmlChar *ts = attribute(tc, "timestamp");
  int bad_date = timestamp_date(ts ? ts : suite_ts, &r->date, r->date_text) != 0;
  xmlFree(ts);
  if (r->scenario == NULL || r->measure == NULL) {
    xmlFree(target);
    return -1;
  }
  if (bad_date) {
    bd_diag_add(warnings, path, r->line, 1,
                "testcase '%s' has no timestamp (on it or its testsuite) starting YYYY-MM-DD",
                (const char *)target);
    xmlFree(target);
    return -1;
  }
  xmlFree(target);
  return 0;
}

/* Walks testsuites/testsuite/testcase elements at any depth. */
static void walk(const char *path, xmlNode *node, const xmlChar *suite_ts,
                 const bd_evidence_target *t, bd_evidence_stats *stats, bd_diags *warnings,
                 int depth) {
  if (depth > 64) return;
  for (xmlNode *n = node; n; n = n->next) {
    if (is_element(n, "testsuite") || is_element(n, "testsuites")) {
      xmlChar *ts = attribute(n, "timestamp");
      walk(path, n->children, ts ? ts : suite_ts, t, stats, warnings, depth + 1);
      xmlFree(ts);
    } else if (is_element(n, "testcase")) {
      run r;
      if (read_testcase(path, n, suite_ts, t->arena, &r, stats, warnings) == 0)
        apply_run(path, t, &r, stats, warnings);
    }
  }
}

/* The first error libxml2 reports while parsing (later ones follow from it). */
typedef struct first_error {
  int seen;
  unsigned line, column;
  char message[256];
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

int bd_evidence_apply(const char *path, const bd_evidence_target *target, bd_evidence_stats *stats,
                      bd_diags *warnings, bd_diags *errors) {
  memset(stats, 0, sizeof *stats);
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (ctxt == NULL) return bd_diag_add(errors, path, 0, 0, "out of memory");
  /* No network, no external entities, no DTD loading: a report from CI is
   * data, not a reason to fetch anything. */
  first_error first = {0, 0, 0, ""};
  /* libxml2 2.9 has no per-context structured handler; the CLI is single-threaded. */
  xmlSetStructuredErrorFunc(&first, keep_first_error);
  xmlDocPtr doc = xmlCtxtReadFile(ctxt, path, NULL, XML_PARSE_NONET | XML_PARSE_NOWARNING);
  xmlSetStructuredErrorFunc(NULL, NULL);
  int rc = 0;
  if (doc == NULL || !ctxt->wellFormed) {
    xmlErrorPtr e = xmlCtxtGetLastError(ctxt);
    if (e && e->domain == XML_FROM_IO)
      rc = bd_diag_add(errors, path, 0, 0, "cannot read the evidence file: %s", strerror(errno));
    else if (first.seen)
      rc = bd_diag_add(errors, path, first.line, first.column, "not well-formed XML: %s",
                       first.message);
    else
      rc = bd_diag_add(errors, path, 0, 0, "cannot read the evidence file");
    xmlFreeDoc(doc);
  } else {
    xmlNode *root = xmlDocGetRootElement(doc);
    if (root == NULL || !(is_element(root, "testsuites") || is_element(root, "testsuite")))
      rc = bd_diag_add(errors, path, root ? (unsigned)xmlGetLineNo(root) : 1, 1,
                       "expected JUnit XML (a <testsuites> or <testsuite> root), found <%s>",
                       root ? (const char *)root->name : "nothing");
    else
      walk(path, root, NULL, target, stats, warnings, 0);
    xmlFreeDoc(doc);
  }
  xmlFreeParserCtxt(ctxt);
  return rc;
}
