/* archive_verify.c - `badday archive --verify DIR`: is the archive what
 * badday wrote?
 *
 * 1. Every file index.json names exists and has the SHA-256 written there
 *    (else "missing" or "changed"); every file in the archive's periods is
 *    named there (else "extra"; hidden lock files and the index itself,
 *    index.json, index.html and index.ja.html, excepted).
 * 2. Every report with kept inputs is analysed again from its kept plan
 *    and evidence, its JSON rendered afresh and compared with the
 *    archived JSON: the figures, scenarios and decisions (everything but
 *    the plan's path, the generator, a comparison and a history) must be
 *    the same.
 *
 * What it proves: the files are the ones index.json describes, and each
 * report follows from the inputs kept next to it by this badday's
 * analysis.  What it does not: index.json is no signature; whoever can
 * write the archive can rewrite a file and its hash together.  Keep a copy
 * of index.json (or its SHA-256) somewhere else, or sign it, to detect
 * that. */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analysis/analyse.h"
#include "base/sha256.h"
#include "plan/evidence.h"
#include "cli/archive_index.h"
#include "cli/archive_set.h"
#include "cli/archive_verify.h"
#include "cli/cli.h"
#include "cli/cli_common.h"

/* What one verification found. */
typedef struct verify_state {
  const char *dir;
  size_t files, reports, problems;
  char **known; /* paths index.json names, relative to dir */
  size_t known_count;
} verify_state;

__attribute__((format(printf, 2, 3))) static void problem(verify_state *v, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  fputs("badday archive: ", stderr);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
  v->problems++;
}

/* Checks one file of the index against its SHA-256. */
static void check_file(verify_state *v, const char *rel, const char *sha) {
  char *path = NULL, *data = NULL, hex[65];
  size_t len;
  if (asprintf(&path, "%s/%s", v->dir, rel) < 0) return;
  v->files++;
  if (bd_read_whole_file(path, &data, &len) != 0) {
    problem(v, "%s: missing (%s)", path, strerror(errno));
  } else {
    bd_sha256_hex(data, len, hex);
    if (strcmp(hex, sha) != 0) problem(v, "%s: changed (its SHA-256 is not index.json's)", path);
  }
  free(data);
  free(path);
}

/* Whether rel is a file index.json names. */
static int known(const verify_state *v, const char *rel) {
  for (size_t i = 0; i < v->known_count; i++)
    if (strcmp(v->known[i], rel) == 0) return 1;
  return 0;
}

/* Reports every file under DIR/rel (a period or an inputs directory) that
 * index.json does not name. */
static void find_extra(verify_state *v, const char *rel, int depth) {
  char *path = NULL;
  if (asprintf(&path, "%s/%s", v->dir, rel) < 0) return;
  DIR *d = opendir(path);
  struct dirent *e;
  while (d != NULL && (e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.') continue; /* locks; "." and ".." */
    char *child = NULL, *full = NULL;
    struct stat st;
    if (asprintf(&child, "%s/%s", rel, e->d_name) < 0) break;
    if (asprintf(&full, "%s/%s", v->dir, child) >= 0 && lstat(full, &st) == 0 &&
        S_ISDIR(st.st_mode) && depth < 1)
      find_extra(v, child, depth + 1);
    else if (!known(v, child))
      problem(v, "%s: extra (not in index.json)", full ? full : child);
    free(child);
    free(full);
  }
  if (d) closedir(d);
  free(path);
}

/* Compares two JSON trees; writes the first differing path into where. */
static int same_tree(const bd_ynode *a, const bd_ynode *b, char *where, size_t size) {
  if (a == NULL || b == NULL || a->kind != b->kind || a->len != b->len) return 0;
  if (a->kind == BD_YNODE_SCALAR) return strcmp(a->u.text, b->u.text) == 0;
  for (uint32_t i = 0; i < a->len; i++) {
    if (!same_tree(a->u.items[i], b->u.items[i], where, size)) {
      char step[160], inner[200];
      if (a->kind == BD_YNODE_MAPPING && i % 2 == 1)
        snprintf(step, sizeof step, "%s", a->u.items[i - 1]->u.text);
      else
        snprintf(step, sizeof step, "[%u]", (unsigned)i);
      snprintf(inner, sizeof inner, "%s", where);
      snprintf(where, size, "%.40s%s%.150s", step, inner[0] ? " > " : "", inner);
      return 0;
    }
  }
  return 1;
}

/* Applies the kept evidence to the plan as the archive run did; its
 * warnings (testcases of the other services of that run) are not shown
 * again, its errors are.  Returns an exit code. */
static int apply_evidence_quietly(const bd_evidence_list *list, bd_plan **plans, bd_arena *arena) {
  bd_evidence_target target = {plans, 1, arena};
  for (size_t i = 0; i < list->count; i++) {
    bd_diags warnings = {0}, errors = {0};
    bd_evidence_stats stats;
    int rc = bd_evidence_apply(list->paths[i], &target, &stats, &warnings, &errors);
    bd_cli_print_diags(&errors, list->paths[i], "error");
    bd_diags_free(&warnings);
    bd_diags_free(&errors);
    if (rc != 0) return BD_EXIT_INVALID_PLAN;
  }
  return BD_EXIT_OK;
}

/* Analyses the kept plan with its evidence again, renders its JSON into
 * fresh and compares it with the archived report. */
static void reanalyse(verify_state *v, const bd_ynode *entry, const bd_plugin_set *set,
                      const char *fresh) {
  const bd_ynode *files = bd_json_get(entry, "files");
  char *plan = NULL, *report_json = NULL;
  bd_evidence_list evidence = {{0}, 0};
  char *evidence_paths[64];
  size_t n_evidence = 0;
  for (uint32_t i = 0; files && i < files->len; i++) {
    const bd_ynode *p = bd_json_get(files->u.items[i], "path"),
                   *r = bd_json_get(files->u.items[i], "role");
    if (!p || !r || p->kind || r->kind) continue;
    char *full = NULL;
    if (asprintf(&full, "%s/%s", v->dir, p->u.text) < 0) continue;
    size_t n = strlen(full);
    if (strcmp(r->u.text, "plan") == 0 && plan == NULL)
      plan = full, full = NULL;
    else if (strcmp(r->u.text, "evidence") == 0 && n_evidence < 64)
      evidence_paths[n_evidence++] = full, full = NULL;
    else if (strcmp(r->u.text, "report") == 0 && n > 5 && strcmp(full + n - 5, ".json") == 0 &&
             report_json == NULL)
      report_json = full, full = NULL;
    free(full);
  }
  for (size_t i = 0; i < n_evidence; i++) evidence.paths[evidence.count++] = evidence_paths[i];
  if (plan == NULL || report_json == NULL) goto done; /* no kept inputs: nothing to re-run */
  v->reports++;
  bd_arena arena = {0};
  bd_plan **plans = NULL;
  bd_report *report = NULL;
  char *const paths[1] = {plan};
  int rc = bd_cli_load_plans(paths, 1, &arena, &plans);
  if (plans != NULL && plans[0] != NULL && rc == BD_EXIT_OK)
    rc = apply_evidence_quietly(&evidence, plans, &arena);
  if (rc == BD_EXIT_OK && bd_analyse(plans[0], &arena, &report) != 0) rc = BD_EXIT_INTERNAL;
  int64_t generated_at = 0;
  if (rc == BD_EXIT_OK && bd_cli_generated_at(plans[0]->as_of, &generated_at) != 0)
    rc = BD_EXIT_USAGE;
  if (rc == BD_EXIT_OK) {
    unlink(fresh);
    bd_cli_render r = {.command = "archive",
                       .plan = plan,
                       .format = "json",
                       .layout = "report",
                       .lang = "en",
                       .output = fresh,
                       .generated_at = generated_at};
    rc = bd_cli_render_report(&r, set, report, NULL);
  }
  if (rc != BD_EXIT_OK) {
    problem(v, "%s: its kept plan %s could not be analysed again", report_json, plan);
  } else {
    bd_arena ta = {0}, tb = {0};
    bd_ytree a, b;
    char *da = NULL, *db = NULL;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    const bd_ynode *old = bd_json_parse_file(report_json, &ta, &a, &da);
    const bd_ynode *now = bd_json_parse_file(fresh, &tb, &b, &db);
    /* What follows from the inputs; not the path, the version, a comparison. */
    static const char *const keys[] = {"service", "period",    "as_of",        "currency",
                                       "slo",     "losses",    "failures",     "scenarios",
                                       "totals",  "decisions", "source_sha256"};
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
      char where[200] = "";
      const bd_ynode *x = bd_json_get(old, keys[k]), *y = bd_json_get(now, keys[k]);
      if (x == NULL && y == NULL) continue;
      if (!same_tree(x, y, where, sizeof where)) {
        problem(v, "%s: differs from a new analysis of its kept inputs at %s%s%s", report_json,
                keys[k], where[0] ? " > " : "", where);
        break;
      }
    }
    bd_arena_free(&a.scratch);
    bd_arena_free(&b.scratch);
    bd_arena_free(&ta);
    bd_arena_free(&tb);
    free(da);
    free(db);
  }
  bd_arena_free(&arena);
done:
  free(plan);
  free(report_json);
  for (size_t i = 0; i < n_evidence; i++) free(evidence_paths[i]);
}

int bd_archive_verify(const char *dir, const bd_plugin_set *set) {
  verify_state v = {.dir = dir};
  char *index_path = NULL, *data = NULL;
  if (asprintf(&index_path, "%s/index.json", dir) < 0) return BD_EXIT_INTERNAL;
  bd_arena arena = {0};
  bd_ytree tree;
  memset(&tree, 0, sizeof tree);
  const bd_ynode *root = bd_json_parse_file(index_path, &arena, &tree, &data);
  const bd_ynode *periods = bd_json_get(root, "periods");
  if (periods == NULL || periods->kind != BD_YNODE_SEQUENCE) {
    fprintf(stderr, "badday archive: %s: missing or not an archive index\n", index_path);
    free(index_path);
    free(data);
    bd_arena_free(&tree.scratch);
    bd_arena_free(&arena);
    return BD_EXIT_VERIFY;
  }
  char tmpl[] = "/tmp/badday-verify-XXXXXX", *fresh = NULL;
  const char *tmpdir = getenv("TMPDIR");
  char *work = NULL;
  if (asprintf(&work, "%s/badday-verify-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp") < 0 ||
      mkdtemp(work) == NULL || asprintf(&fresh, "%s/report.json", work) < 0) {
    fprintf(stderr, "badday archive: cannot make a temporary directory (%s): %s\n", tmpl,
            strerror(errno));
    free(work);
    free(index_path);
    free(data);
    bd_arena_free(&tree.scratch);
    bd_arena_free(&arena);
    return BD_EXIT_INTERNAL;
  }
  /* Pass 1: the files and their hashes. */
  for (uint32_t i = 0; i < periods->len; i++) {
    const bd_ynode *services = bd_json_get(periods->u.items[i], "services");
    for (uint32_t j = 0; services && j < services->len; j++) {
      const bd_ynode *files = bd_json_get(services->u.items[j], "files");
      for (uint32_t k = 0; files && k < files->len; k++) {
        const bd_ynode *p = bd_json_get(files->u.items[k], "path"),
                       *s = bd_json_get(files->u.items[k], "sha256");
        if (!p || !s || p->kind || s->kind) continue;
        check_file(&v, p->u.text, s->u.text);
        char **bigger = realloc(v.known, (v.known_count + 1) * sizeof *bigger);
        if (bigger == NULL) break;
        v.known = bigger;
        v.known[v.known_count++] = (char *)p->u.text;
      }
    }
  }
  /* Pass 2: files nobody listed. */
  DIR *d = opendir(dir);
  struct dirent *e;
  while (d != NULL && (e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.' || strcmp(e->d_name, "index.json") == 0 ||
        strcmp(e->d_name, "index.html") == 0 || strcmp(e->d_name, "index.ja.html") == 0)
      continue;
    char *full = NULL;
    struct stat st;
    if (asprintf(&full, "%s/%s", dir, e->d_name) < 0) break;
    if (lstat(full, &st) == 0 && S_ISDIR(st.st_mode))
      find_extra(&v, e->d_name, 0);
    else
      problem(&v, "%s: extra (not in index.json)", full);
    free(full);
  }
  if (d) closedir(d);
  /* Pass 3: each report against a new analysis of its kept inputs. */
  for (uint32_t i = 0; i < periods->len; i++) {
    const bd_ynode *services = bd_json_get(periods->u.items[i], "services");
    for (uint32_t j = 0; services && j < services->len; j++)
      reanalyse(&v, services->u.items[j], set, fresh);
  }
  printf("%s: %zu files checked, %zu reports analysed again: %zu problem%s\n", dir, v.files,
         v.reports, v.problems, v.problems == 1 ? "" : "s");
  bd_remove_tree(work);
  free(work);
  free(fresh);
  free(v.known);
  free(index_path);
  free(data);
  bd_arena_free(&tree.scratch);
  bd_arena_free(&arena);
  return v.problems ? BD_EXIT_VERIFY : BD_EXIT_OK;
}
