/* archive_index.c - see archive_index.h. */
#include "cli/archive_index.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "badday/plugin.h"
#include "base/arena.h"
#include "base/diag.h"
#include "base/numfmt.h"
#include "base/quote.h"
#include "base/sha256.h"
#include "cli/archive_set.h"
#include "cli/cli.h"
#include "deck/deck_trend.h"
#include "output/catalogue.h"
#include "output/output.h"
#include "plan/ytree.h"

/* --- reading a JSON file badday wrote ------------------------------------ */

const bd_ynode *bd_json_get(const bd_ynode *m, const char *key) {
  if (m == NULL || m->kind != BD_YNODE_MAPPING) return NULL;
  for (uint32_t i = 0; i + 1 < m->len; i += 2)
    if (m->u.items[i]->kind == BD_YNODE_SCALAR && strcmp(m->u.items[i]->u.text, key) == 0)
      return m->u.items[i + 1];
  return NULL;
}

/* A scalar's text in a new string, or fallback (NULL: "null"). */
static char *text_of(const bd_ynode *n, const char *fallback) {
  if (n != NULL && n->kind == BD_YNODE_SCALAR) return strdup(n->u.text);
  return fallback ? strdup(fallback) : NULL;
}

const bd_ynode *bd_json_parse_file(const char *path, bd_arena *arena, bd_ytree *tree, char **data) {
  size_t len;
  if (bd_read_whole_file(path, data, &len) != 0) return NULL;
  bd_diags diags = {0}; /* the messages are not shown: the file is skipped */
  bd_ytree_init(tree, path, *data, len, arena, &diags);
  const bd_ynode *root = NULL;
  if (bd_ytree_check_encoding(tree) == 0) {
    bd_ytree_parse(tree, NULL);
    if (tree->errors == 0 && tree->complete) root = tree->root;
  }
  bd_diags_free(&diags);
  return root;
}

/* --- scanning ------------------------------------------------------------ */

static int add_file(bd_index_entry *e, const char *path, const char *sha, const char *role) {
  bd_index_file *bigger = realloc(e->files, (e->file_count + 1) * sizeof *bigger);
  if (bigger == NULL) return -1;
  e->files = bigger;
  bd_index_file *f = &e->files[e->file_count];
  f->path = strdup(path);
  f->sha256 = strdup(sha);
  f->role = strdup(role);
  if (!f->path || !f->sha256 || !f->role) return -1;
  e->file_count++;
  return 0;
}

/* Hashes DIR/rel into hex; returns 0 or -1. */
static int hash_at(const char *dir, const char *rel, char hex[65]) {
  char *path = NULL, *data = NULL;
  size_t len;
  if (asprintf(&path, "%s/%s", dir, rel) < 0) return -1;
  int rc = bd_read_whole_file(path, &data, &len);
  free(path);
  if (rc != 0) return -1;
  bd_sha256_hex(data, len, hex);
  free(data);
  return 0;
}

/* Lists the files of entry e: its manifest's, else the reports SERVICE.*
 * found next to its JSON, hashed now. */
static int read_files(const char *dir, bd_index_entry *e) {
  char *mpath = NULL, *data = NULL, rel[1200], hex[65];
  if (asprintf(&mpath, "%s/%s/%s.manifest.json", dir, e->period_dir, e->stem) < 0) return -1;
  bd_arena arena = {0};
  bd_ytree tree;
  memset(&tree, 0, sizeof tree);
  const bd_ynode *root =
      access(mpath, F_OK) == 0 ? bd_json_parse_file(mpath, &arena, &tree, &data) : NULL;
  const bd_ynode *files = bd_json_get(root, "files");
  int rc = 0;
  if (files && files->kind == BD_YNODE_SEQUENCE) {
    e->has_manifest = 1;
    for (uint32_t i = 0; rc == 0 && i < files->len; i++) {
      const bd_ynode *p = bd_json_get(files->u.items[i], "path"),
                     *s = bd_json_get(files->u.items[i], "sha256"),
                     *r = bd_json_get(files->u.items[i], "role");
      if (!p || !s || !r || p->kind || s->kind || r->kind) continue;
      snprintf(rel, sizeof rel, "%s/%s", e->period_dir, p->u.text);
      rc = add_file(e, rel, s->u.text, r->u.text);
    }
    snprintf(rel, sizeof rel, "%s/%s.manifest.json", e->period_dir, e->stem);
    if (rc == 0 && hash_at(dir, rel, hex) == 0) rc = add_file(e, rel, hex, "manifest");
  } else {
    static const char *const exts[] = {"pdf", "html", "json"};
    for (size_t i = 0; rc == 0 && i < 3; i++) {
      snprintf(rel, sizeof rel, "%s/%s.%s", e->period_dir, e->stem, exts[i]);
      if (hash_at(dir, rel, hex) == 0) rc = add_file(e, rel, hex, "report");
    }
  }
  bd_arena_free(&tree.scratch);
  bd_arena_free(&arena);
  free(data);
  free(mpath);
  return rc;
}

/* Sets e->has_japanese when DIR holds the set's Japanese PDF or HTML
 * (PERIOD/STEM.ja.pdf, .ja.html).  Returns 0 or -1 (memory). */
static int find_japanese(const char *dir, bd_index_entry *e) {
  static const char *const exts[] = {"pdf", "html"};
  for (size_t i = 0; i < 2 && !e->has_japanese; i++) {
    char *path = NULL;
    if (asprintf(&path, "%s/%s/%s.ja.%s", dir, e->period_dir, e->stem, exts[i]) < 0) return -1;
    e->has_japanese = access(path, F_OK) == 0;
    free(path);
  }
  return 0;
}

/* Reads DIR/PERIOD/NAME as a report into a new entry of index; a file
 * that is no report of badday is skipped.  Returns 0 or -1 (memory). */
static int read_report(const char *dir, const char *period_dir, const char *name, bd_index *index) {
  char *path = NULL, *data = NULL;
  if (asprintf(&path, "%s/%s/%s", dir, period_dir, name) < 0) return -1;
  bd_arena arena = {0};
  bd_ytree tree;
  memset(&tree, 0, sizeof tree);
  const bd_ynode *root = bd_json_parse_file(path, &arena, &tree, &data);
  const bd_ynode *totals = bd_json_get(root, "totals"), *service = bd_json_get(root, "service");
  int rc = 0;
  if (totals != NULL && service != NULL && service->kind == BD_YNODE_SCALAR) {
    bd_index_entry *bigger = realloc(index->entries, (index->count + 1) * sizeof *bigger);
    if (bigger == NULL) {
      rc = -1;
    } else {
      index->entries = bigger;
      bd_index_entry *e = &index->entries[index->count++];
      memset(e, 0, sizeof *e);
      e->period_dir = strdup(period_dir);
      e->stem = strndup(name, strlen(name) - strlen(".json"));
      e->service = text_of(service, "");
      e->period = text_of(bd_json_get(root, "period"), NULL);
      e->as_of = text_of(bd_json_get(root, "as_of"), "");
      e->currency = text_of(bd_json_get(root, "currency"), "");
      e->eal_now = text_of(bd_json_get(bd_json_get(totals, "current"), "eal"), "null");
      e->eal_planned = text_of(bd_json_get(bd_json_get(totals, "planned"), "eal"), "null");
      e->budget_used = text_of(bd_json_get(bd_json_get(totals, "current"), "budget_used"), "null");
      e->coverage = text_of(bd_json_get(totals, "coverage"), "null");
      e->verified_coverage = text_of(bd_json_get(totals, "verified_coverage"), "null");
      const bd_ynode *sc = bd_json_get(root, "scenarios");
      e->scenarios = sc && sc->kind == BD_YNODE_SEQUENCE ? sc->len : 0;
      const bd_ynode *d = bd_json_get(root, "decisions");
      e->decisions = d && d->kind == BD_YNODE_SEQUENCE ? d->len : 0;
      if (!e->period_dir || !e->stem || !e->service || !e->as_of || !e->currency || !e->eal_now ||
          !e->eal_planned || !e->budget_used || !e->coverage || !e->verified_coverage ||
          read_files(dir, e) != 0 || find_japanese(dir, e) != 0)
        rc = -1;
    }
  }
  bd_arena_free(&tree.scratch);
  bd_arena_free(&arena);
  free(data);
  free(path);
  return rc;
}

/* Whether name is a report's JSON: SERVICE.json, not a manifest, not a
 * hidden or temporary file. */
static int is_report_name(const char *name) {
  size_t n = strlen(name);
  return name[0] != '.' && n > 5 && strcmp(name + n - 5, ".json") == 0 &&
         !(n > 14 && strcmp(name + n - 14, ".manifest.json") == 0);
}

/* The sort key of a period: "YYYY-QN" by its quarter's first month, any
 * other by the earliest as-of date of its reports. */
static void period_key(const bd_index *index, const char *period_dir, char key[32]) {
  int y, q;
  char rest;
  if (sscanf(period_dir, "%4d-Q%1d%c", &y, &q, &rest) == 2 && q >= 1 && q <= 4 &&
      strlen(period_dir) == 7) {
    snprintf(key, 32, "%04d-%02d-00", y, (q - 1) * 3 + 1);
    return;
  }
  key[0] = '\0';
  for (size_t i = 0; i < index->count; i++)
    if (strcmp(index->entries[i].period_dir, period_dir) == 0 &&
        (key[0] == '\0' || strcmp(index->entries[i].as_of, key) < 0))
      snprintf(key, 32, "%s", index->entries[i].as_of);
}

/* The sort key of a report not (yet) in the index: its period when it is
 * "YYYY-QN", else its as-of date. */
static void report_key(const char *period, const char *as_of, char key[32]) {
  int y, q;
  char rest;
  if (period != NULL && strlen(period) == 7 && sscanf(period, "%4d-Q%1d%c", &y, &q, &rest) == 2 &&
      q >= 1 && q <= 4)
    snprintf(key, 32, "%04d-%02d-00", y, (q - 1) * 3 + 1);
  else
    snprintf(key, 32, "%s", as_of ? as_of : "");
}

static int attach_history(const char *dir, const bd_index *index, size_t earlier, const char *now,
                          bd_report *r, bd_arena *arena);

int bd_index_add_history(const char *dir, bd_report *const *reports, size_t count,
                         bd_compare_list *list, bd_arena *arena, int verbose) {
  bd_index index;
  char err[1200];
  if (bd_index_scan(dir, &index, err, sizeof err) != 0) {
    fprintf(stderr, "badday: --history %s\n", err);
    return BD_EXIT_USAGE;
  }
  int rc = BD_EXIT_OK;
  for (size_t r = 0; rc == BD_EXIT_OK && r < count; r++) {
    if (reports[r] == NULL) continue;
    char now[32], key[32];
    report_key(reports[r]->period, reports[r]->as_of, now);
    const bd_index_entry *previous = NULL;
    size_t earlier = 0;
    for (size_t i = 0; i < index.count; i++) {
      const bd_index_entry *e = &index.entries[i];
      period_key(&index, e->period_dir, key);
      if (strcmp(e->service, reports[r]->service) == 0 && strcmp(key, now) < 0) {
        previous = e;
        earlier++;
      }
    }
    if (attach_history(dir, &index, earlier, now, reports[r], arena) != 0) {
      rc = BD_EXIT_INTERNAL;
      break;
    }
    if (previous != NULL && strcmp(previous->currency, reports[r]->currency) != 0) {
      /* money in two currencies cannot be compared: the trend leaves
       * that period's money out, What changed is left out */
      char period[128], currency[128];
      fprintf(stderr,
              "badday: %s: warning: the previous period %s in %s counts in %s, this plan in "
              "%s: no \"What changed\"\n",
              reports[r]->source,
              bd_quote(previous->period_dir, strlen(previous->period_dir), period, sizeof period),
              dir,
              bd_quote(previous->currency, strlen(previous->currency), currency, sizeof currency),
              reports[r]->currency);
      continue;
    }
    if (previous == NULL) {
      if (verbose) {
        char service[128];
        fprintf(stderr, "badday: %s: no earlier period of %s in %s\n", reports[r]->source,
                bd_quote(reports[r]->service, strlen(reports[r]->service), service, sizeof service),
                dir);
      }
      continue;
    }
    char *path = NULL;
    if (asprintf(&path, "%s/%s/%s.json", dir, previous->period_dir, previous->stem) < 0) {
      rc = BD_EXIT_INTERNAL;
      break;
    }
    const char *kept = bd_arena_strdup(arena, path);
    free(path);
    if (kept == NULL) {
      rc = BD_EXIT_INTERNAL;
    } else if (list->count == sizeof list->paths / sizeof list->paths[0]) {
      fprintf(stderr, "badday: --history: more than %zu earlier reports\n", list->count);
      rc = BD_EXIT_USAGE;
    } else {
      list->paths[list->count++] = kept;
      if (verbose) fprintf(stderr, "badday: %s: comparing with %s\n", reports[r]->source, kept);
    }
  }
  bd_index_free(&index);
  return rc;
}

static const bd_index *sorting; /* qsort has no context argument */

static int compare_entries(const void *pa, const void *pb) {
  const bd_index_entry *a = pa, *b = pb;
  char ka[32], kb[32];
  period_key(sorting, a->period_dir, ka);
  period_key(sorting, b->period_dir, kb);
  int c = strcmp(ka, kb);
  if (c == 0) c = strcmp(a->period_dir, b->period_dir);
  return c ? c : strcmp(a->stem, b->stem);
}

int bd_index_scan(const char *dir, bd_index *index, char *err, size_t errsize) {
  memset(index, 0, sizeof *index);
  DIR *top = opendir(dir);
  if (top == NULL) {
    snprintf(err, errsize, "%s: %s", dir, strerror(errno));
    return -1;
  }
  int rc = 0;
  struct dirent *p;
  while (rc == 0 && (p = readdir(top)) != NULL) {
    if (p->d_name[0] == '.') continue;
    char *sub = NULL;
    struct stat st;
    if (asprintf(&sub, "%s/%s", dir, p->d_name) < 0) {
      rc = -1;
      break;
    }
    DIR *d = lstat(sub, &st) == 0 && S_ISDIR(st.st_mode) ? opendir(sub) : NULL;
    struct dirent *f;
    while (rc == 0 && d != NULL && (f = readdir(d)) != NULL)
      if (is_report_name(f->d_name)) rc = read_report(dir, p->d_name, f->d_name, index);
    if (d) closedir(d);
    free(sub);
  }
  closedir(top);
  if (rc != 0) {
    snprintf(err, errsize, "%s: out of memory while reading the archive", dir);
    bd_index_free(index);
    return -1;
  }
  sorting = index;
  if (index->count > 1)
    qsort(index->entries, index->count, sizeof *index->entries, compare_entries);
  return 0;
}

void bd_index_free(bd_index *index) {
  for (size_t i = 0; i < index->count; i++) {
    bd_index_entry *e = &index->entries[i];
    char *strings[] = {e->period_dir,  e->stem,     e->service,          e->period,
                       e->as_of,       e->currency, e->eal_now,          e->eal_planned,
                       e->budget_used, e->coverage, e->verified_coverage};
    for (size_t j = 0; j < sizeof strings / sizeof strings[0]; j++) free(strings[j]);
    for (size_t j = 0; j < e->file_count; j++) {
      free(e->files[j].path);
      free(e->files[j].sha256);
      free(e->files[j].role);
    }
    free(e->files);
  }
  free(index->entries);
  memset(index, 0, sizeof *index);
}

/* --- writing ------------------------------------------------------------- */

/* Writes a number text from a report JSON as it is, or null when it is
 * not a number (a text the report never writes). */
static void json_number(FILE *f, const char *s) {
  char *end;
  if (strcmp(s, "null") != 0 && *s && (bd_strtod_c(s, &end), *end == '\0'))
    fputs(s, f);
  else
    fputs("null", f);
}

/* --- figures over time ---------------------------------------------------- */

/* The figures a trend shows, in the order of the index's columns. */
enum { M_NOW, M_PLANNED, M_BUDGET, M_COVERAGE, M_VERIFIED, M_DECISIONS, M_COUNT };
/* Their labels: the message keys of the reports' key-figure cards. */
static const char *const metric_labels[M_COUNT] = {
    "figure.yearly_loss_now", "figure.yearly_loss_planned", "figure.error_budget_used",
    "figure.coverage",        "figure.verified_coverage",   "figure.decisions"};
static const char *const metric_keys[M_COUNT] = {"yearly_loss_now",   "yearly_loss_planned",
                                                 "budget_used",       "coverage",
                                                 "verified_coverage", "decisions_needed"};

/* One index page: its language and the words of that language. */
typedef struct index_page {
  const bd_catalogue *cat;
  const char *lang;       /* "en" or "ja" */
  const char *other;      /* the other language's page, or NULL: none */
  const char *other_lang; /* its language */
} index_page;

/* The text of message key on page pg (the catalogue's string). */
static const char *page_text(const index_page *pg, const char *key) {
  return bd_catalogue_get(pg->cat, pg->lang, key);
}

/* One service's or one period's portfolio figures. */
typedef struct figures {
  double v[M_COUNT];
  int has[M_COUNT];
  const char *currency; /* NULL: the services of a period use several */
} figures;

/* Reads a number text of a report; 0 when it is null or not a number. */
static int number(const char *text, double *v) {
  char *end;
  if (strcmp(text, "null") == 0 || *text == '\0') return 0;
  *v = bd_strtod_c(text, &end);
  return *end == '\0' && isfinite(*v); /* an edited "1e999" is no figure */
}

/* Shortens the text in buf, which snprintf may have cut, to its last
 * whole UTF-8 character. */
static void utf8_whole(char *buf) {
  size_t n = strlen(buf), start = n;
  while (start > 0 && ((unsigned char)buf[start - 1] & 0xC0) == 0x80) start--;
  if (start == 0) return;
  unsigned char lead = (unsigned char)buf[start - 1];
  size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  if (n - (start - 1) < want) buf[start - 1] = '\0';
}

/* The figures of one archived report, as its JSON wrote them. */
static figures entry_figures(const bd_index_entry *e) {
  figures f;
  memset(&f, 0, sizeof f);
  const char *texts[M_DECISIONS] = {e->eal_now, e->eal_planned, e->budget_used, e->coverage,
                                    e->verified_coverage};
  for (int m = 0; m < M_DECISIONS; m++) f.has[m] = number(texts[m], &f.v[m]);
  f.v[M_DECISIONS] = (double)e->decisions;
  f.has[M_DECISIONS] = 1;
  f.currency = e->currency;
  return f;
}

/* The portfolio of the reports [first, end) of one period: yearly losses
 * summed when every service uses one currency, coverage shares weighed by
 * each service's scenarios (the share of all coverage cells, as a
 * portfolio report computes it), decisions summed.  The error budget is
 * per service (each has its own SLO): the portfolio has none. */
static figures portfolio_figures(const bd_index *index, size_t first, size_t end) {
  figures f;
  memset(&f, 0, sizeof f);
  f.currency = index->entries[first].currency;
  double weight = 0;
  int sums_ok = 1;
  for (size_t i = first; i < end; i++) {
    figures e = entry_figures(&index->entries[i]);
    if (f.currency != NULL && strcmp(e.currency, f.currency) != 0) f.currency = NULL;
    sums_ok = sums_ok && e.has[M_NOW] && e.has[M_PLANNED];
    f.v[M_NOW] += e.v[M_NOW];
    f.v[M_PLANNED] += e.v[M_PLANNED];
    double n = (double)index->entries[i].scenarios;
    f.v[M_COVERAGE] += e.v[M_COVERAGE] * n;
    f.v[M_VERIFIED] += e.v[M_VERIFIED] * n;
    weight += n;
    f.v[M_DECISIONS] += e.v[M_DECISIONS];
  }
  f.has[M_NOW] = f.has[M_PLANNED] = sums_ok && f.currency != NULL;
  f.has[M_COVERAGE] = f.has[M_VERIFIED] = weight > 0;
  if (weight > 0) {
    f.v[M_COVERAGE] /= weight;
    f.v[M_VERIFIED] /= weight;
  }
  f.has[M_DECISIONS] = 1;
  return f;
}

/* The end of the period that starts at entry i. */
static size_t period_end(const bd_index *index, size_t i) {
  size_t end = i;
  while (end < index->count &&
         strcmp(index->entries[end].period_dir, index->entries[i].period_dir) == 0)
    end++;
  return end;
}

/* The point of this report r: its own figures from the model. */
static void report_point(const bd_report *r, bd_history_point *p) {
  const bd_totals *now = r->totals[BD_STATE_CURRENT];
  p->period = r->period;
  p->as_of = r->as_of;
  p->this_report = 1;
  p->has_money = 1;
  p->eal_now = now->eal;
  p->eal_planned = r->totals[BD_STATE_PLANNED]->eal;
  p->has_budget = r->has_error_budget;
  p->budget_used = r->has_error_budget ? now->budget_used : 0;
  p->coverage = r->coverage;
  p->verified_coverage = r->verified_coverage;
  p->decisions = r->decision_count;
}

/* The figures of an archived report e of r's service (its JSON at path);
 * the caller copies its period and as_of. */
static void entry_point(const bd_index_entry *e, const bd_report *r, const char *path,
                        bd_history_point *p) {
  figures f = entry_figures(e);
  p->source = path;
  p->has_money = f.has[M_NOW] && f.has[M_PLANNED] && strcmp(e->currency, r->currency) == 0;
  p->eal_now = p->has_money ? f.v[M_NOW] : 0;
  p->eal_planned = p->has_money ? f.v[M_PLANNED] : 0;
  p->has_budget = f.has[M_BUDGET];
  p->budget_used = f.has[M_BUDGET] ? f.v[M_BUDGET] : 0;
  p->coverage = f.has[M_COVERAGE] ? f.v[M_COVERAGE] : 0;
  p->verified_coverage = f.has[M_VERIFIED] ? f.v[M_VERIFIED] : 0;
  p->decisions = e->decisions;
}

/* Gives r its history: the `earlier` entries of index of its service
 * whose period sorts before now (the key of r's own period), one point a
 * period (the last entry of a period when it holds two reports of the
 * service), then r itself.  Everything lives in arena.  Returns 0 or -1
 * (memory). */
static int attach_history(const char *dir, const bd_index *index, size_t earlier, const char *now,
                          bd_report *r, bd_arena *arena) {
  bd_history *h = bd_arena_alloc(arena, sizeof *h);
  bd_history_point *points = bd_arena_array(arena, earlier + 1, sizeof *points);
  const bd_history_point **list = bd_arena_array(arena, earlier + 1, sizeof *list);
  if (h == NULL || points == NULL || list == NULL) return -1;
  memset(h, 0, sizeof *h);
  memset(points, 0, (earlier + 1) * sizeof *points);
  size_t n = 0;
  const char *last_period = NULL;
  char key[32];
  for (size_t i = 0; i < index->count; i++) {
    const bd_index_entry *e = &index->entries[i];
    period_key(index, e->period_dir, key);
    if (strcmp(e->service, r->service) != 0 || strcmp(key, now) >= 0) continue;
    char *path = NULL;
    if (asprintf(&path, "%s/%s/%s.json", dir, e->period_dir, e->stem) < 0) return -1;
    const char *kept = bd_arena_strdup(arena, path);
    free(path);
    if (kept == NULL) return -1;
    /* a period with two reports of the service: the later one stands */
    if (last_period != NULL && strcmp(last_period, e->period_dir) == 0) n--;
    last_period = e->period_dir;
    points[n].struct_size = sizeof points[n];
    entry_point(e, r, kept, &points[n]);
    /* the index's texts are freed with it */
    points[n].period = e->period ? bd_arena_strdup(arena, e->period) : NULL;
    points[n].as_of = bd_arena_strdup(arena, e->as_of);
    if ((e->period && points[n].period == NULL) || points[n].as_of == NULL) return -1;
    n++;
  }
  points[n].struct_size = sizeof points[n];
  report_point(r, &points[n]);
  n++;
  for (size_t i = 0; i < n; i++) list[i] = &points[i];
  h->struct_size = sizeof *h;
  h->dir = bd_arena_strdup(arena, dir);
  if (h->dir == NULL) return -1;
  h->points = list;
  h->point_count = n;
  r->history = h;
  return 0;
}

/* Writes a figure for JSON: shortest round trip, or null. */
static void json_figure(FILE *f, const figures *fig, int m) {
  char buf[64];
  if (!fig->has[m]) {
    fputs("null", f);
    return;
  }
  bd_format_number(fig->v[m], buf, sizeof buf);
  fputs(buf, f);
}

/* Formats a figure by the display rules of lang: money compact, shares,
 * counts. */
static void display_figure(const figures *fig, int m, const char *lang, char *buf, size_t size) {
  if (!fig->has[m])
    snprintf(buf, size, "-");
  else if (m == M_NOW || m == M_PLANNED)
    bd_format_money(fig->v[m], fig->currency, BD_MONEY_COMPACT, lang, buf, size);
  else if (m == M_DECISIONS)
    snprintf(buf, size, "%.0f", fig->v[m]);
  else
    bd_format_share(fig->v[m], buf, size);
}

static void write_index_json(FILE *f, const bd_index *index) {
  fputs("{\n  \"badday_archive_index\": 1,\n  \"periods\": [", f);
  for (size_t i = 0; i < index->count;) {
    const char *period = index->entries[i].period_dir;
    fputs(i ? ",\n    {\"dir\": " : "\n    {\"dir\": ", f);
    bd_archive_json_string(f, period);
    fputs(", \"services\": [", f);
    for (size_t first = i; i < index->count && strcmp(index->entries[i].period_dir, period) == 0;
         i++) {
      const bd_index_entry *e = &index->entries[i];
      fputs(i > first ? ",\n      {" : "\n      {", f);
      fputs("\"service\": ", f);
      bd_archive_json_string(f, e->service);
      fputs(", \"file\": ", f);
      bd_archive_json_string(f, e->stem);
      fputs(", \"period\": ", f);
      if (e->period)
        bd_archive_json_string(f, e->period);
      else
        fputs("null", f);
      fputs(", \"as_of\": ", f);
      bd_archive_json_string(f, e->as_of);
      fputs(", \"currency\": ", f);
      bd_archive_json_string(f, e->currency);
      fputs(",\n       \"yearly_loss_now\": ", f);
      json_number(f, e->eal_now);
      fputs(", \"yearly_loss_planned\": ", f);
      json_number(f, e->eal_planned);
      fputs(", \"budget_used\": ", f);
      json_number(f, e->budget_used);
      fputs(", \"coverage\": ", f);
      json_number(f, e->coverage);
      fputs(", \"verified_coverage\": ", f);
      json_number(f, e->verified_coverage);
      fprintf(f, ", \"decisions_needed\": %zu, \"manifest\": %s,\n       \"files\": [",
              e->decisions, e->has_manifest ? "true" : "false");
      for (size_t j = 0; j < e->file_count; j++) {
        fputs(j ? ",\n         {\"path\": " : "\n         {\"path\": ", f);
        bd_archive_json_string(f, e->files[j].path);
        fputs(", \"role\": ", f);
        bd_archive_json_string(f, e->files[j].role);
        fprintf(f, ", \"sha256\": \"%s\"}", e->files[j].sha256);
      }
      fputs("]}", f);
    }
    size_t first = i;
    while (first > 0 && strcmp(index->entries[first - 1].period_dir, period) == 0) first--;
    figures pf = portfolio_figures(index, first, i);
    fputs("],\n     \"portfolio\": {\"currency\": ", f);
    if (pf.currency)
      bd_archive_json_string(f, pf.currency);
    else
      fputs("null", f);
    for (int m = 0; m < M_COUNT; m++) {
      if (m == M_BUDGET) continue;
      fprintf(f, ", \"%s\": ", metric_keys[m]);
      json_figure(f, &pf, m);
    }
    fputs("}}", f);
  }
  fputs("\n  ]\n}\n", f);
}

/* Writes s escaped for HTML text and attribute values. */
static void html_text(FILE *f, const char *s) {
  for (; *s; s++) {
    switch (*s) {
    case '&':
      fputs("&amp;", f);
      break;
    case '<':
      fputs("&lt;", f);
      break;
    case '>':
      fputs("&gt;", f);
      break;
    case '"':
      fputs("&quot;", f);
      break;
    default:
      fputc(*s, f);
    }
  }
}

/* Writes a link's href: the path with every byte outside a safe ASCII
 * set percent-encoded (so the link resolves to exactly that file). */
static void href(FILE *f, const char *path) {
  for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
    if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
        strchr("-_./", *p))
      fputc(*p, f);
    else
      fprintf(f, "%%%02X", *p);
  }
}

/* Writes a figure cell: the report's number formatted by the display rules
 * of lang. */
static void figure_cell(FILE *f, const char *text, const char *currency, int share,
                        const char *lang) {
  char buf[96];
  char *end;
  double v = bd_strtod_c(text, &end);
  if (strcmp(text, "null") == 0 || *end != '\0')
    snprintf(buf, sizeof buf, "-");
  else if (share)
    bd_format_share(v, buf, sizeof buf);
  else
    bd_format_money(v, currency, BD_MONEY_COMPACT, lang, buf, sizeof buf);
  fputs("<td class=\"num\">", f);
  html_text(f, buf);
  fputs("</td>", f);
}

/* The Trend panel whose scale a column of the index uses. */
static deck_trend_panel metric_panel(int m) {
  return m == M_NOW || m == M_PLANNED ? DECK_TREND_PANEL_LOSS
         : m == M_BUDGET              ? DECK_TREND_PANEL_BUDGET
         : m == M_DECISIONS           ? DECK_TREND_PANEL_DECISIONS
                                      : DECK_TREND_PANEL_COVERAGE;
}

/* Writes one small multiple of figure m: values over the periods (has[i]
 * 0: no point), on the axis the Trend view gives the largest value top
 * (deck_trend.h: shares 0..100%, money and counts to a round step), the
 * periods placed as the Trend view places them, with a title listing
 * every value. */
static void sparkline(FILE *f, int m, const char *label, const double *values, const int *has,
                      const char *const *texts, const char *const *periods, size_t n, double top) {
  enum { W = 150, H = 54, PAD = 5 };
  double step, end = deck_trend_scale(metric_panel(m), top, &step);
  fprintf(f, "<svg viewBox=\"0 0 %d %d\" role=\"img\"><title>", W, H);
  html_text(f, label);
  for (size_t i = 0; i < n; i++) {
    fputs(i ? "; " : ": ", f);
    html_text(f, periods[i]);
    fputc(' ', f);
    html_text(f, has[i] ? texts[i] : "-");
  }
  fprintf(f, "</title><line class=\"trend-axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", PAD,
          H - PAD, W - PAD, H - PAD);
  /* pass 0: the line (broken where a figure is missing); pass 1: the points */
  for (int pass = 0; pass < 2; pass++) {
    int open = 0;
    for (size_t i = 0; i <= n; i++) {
      if (i == n || !has[i]) {
        if (open) fputs("\"/>", f);
        open = 0;
        continue;
      }
      double x = PAD + deck_trend_x(i, n) * (W - 2 * PAD);
      double y = H - PAD - deck_trend_y(values[i], end) * (H - 2 * PAD);
      if (pass == 0) {
        fprintf(f, "%s%.1f,%.1f", open ? " " : "<polyline class=\"trend-line\" points=\"", x, y);
        open = 1;
      } else {
        fprintf(f, "<circle class=\"trend-point\" cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\"/>", x, y);
      }
    }
  }
  fputs("</svg>", f);
}

/* Opens a table of the index and its head up to the figures' columns:
 * the service, then each figure's label in a cell opened by th_open. */
static void table_head(FILE *f, const index_page *pg, const char *th_open) {
  fputs("<table class=\"data\">\n<thead><tr><th>", f);
  html_text(f, page_text(pg, "column.service"));
  fputs("</th>", f);
  for (int m = 0; m < M_COUNT; m++) {
    fputs(th_open, f);
    html_text(f, page_text(pg, metric_labels[m]));
    fputs("</th>", f);
  }
}

/* Writes the trends: for each service (by file name) and the portfolio,
 * every figure over all periods as small multiples; a column shares its
 * scale among the services, the portfolio row has its own. */
static void write_trends(FILE *f, const bd_index *index, const index_page *pg) {
  size_t n_periods = 0;
  for (size_t i = 0; i < index->count; i = period_end(index, i)) n_periods++;
  if (n_periods == 0) return;
  size_t *starts = calloc(n_periods, sizeof *starts);
  const char **stems = calloc(index->count, sizeof *stems);
  const char **names = calloc(index->count, sizeof *names);
  const char **periods = calloc(n_periods, sizeof *periods);
  double *values = calloc(n_periods, sizeof *values);
  int *has = calloc(n_periods, sizeof *has);
  char(*texts)[64] = calloc(n_periods, sizeof *texts);
  const char **text_ptrs = calloc(n_periods, sizeof *text_ptrs);
  if (!starts || !stems || !names || !periods || !values || !has || !texts || !text_ptrs) goto done;
  size_t p = 0, n_services = 0;
  for (size_t i = 0; i < index->count; i = period_end(index, i)) {
    starts[p] = i;
    periods[p++] = index->entries[i].period_dir;
  }
  for (size_t i = 0; i < index->count; i++) {
    size_t k = 0;
    while (k < n_services && strcmp(stems[k], index->entries[i].stem) != 0) k++;
    if (k == n_services) {
      stems[n_services] = index->entries[i].stem;
      names[n_services++] = index->entries[i].service;
    }
  }
  for (size_t k = 0; k < n_periods; k++) text_ptrs[k] = texts[k];
  double max[M_COUNT] = {0};
  for (size_t i = 0; i < index->count; i++) {
    figures fig = entry_figures(&index->entries[i]);
    for (int m = 0; m < M_COUNT; m++)
      if (fig.has[m] && fig.v[m] > max[m]) max[m] = fig.v[m];
  }
  const char *portfolio_name = page_text(pg, "index.portfolio");
  fputs("<section class=\"trends\">\n<h2>", f);
  html_text(f, page_text(pg, "index.trends"));
  fputs("</h2>\n", f);
  table_head(f, pg, "<th>");
  fputs("</tr></thead>\n<tbody>\n", f);
  for (size_t k = 0; k <= n_services; k++) {
    int portfolio = k == n_services;
    fputs("<tr><th>", f);
    html_text(f, portfolio ? portfolio_name : names[k]);
    fputs("</th>", f);
    figures per_period[1];
    double pmax[M_COUNT] = {0};
    for (int m = 0; m < M_COUNT; m++) {
      const char *last = "-";
      for (size_t q = 0; q < n_periods; q++) {
        size_t end = period_end(index, starts[q]);
        has[q] = 0;
        if (portfolio) {
          per_period[0] = portfolio_figures(index, starts[q], end);
        } else {
          size_t i = starts[q];
          while (i < end && strcmp(index->entries[i].stem, stems[k]) != 0) i++;
          if (i == end) continue;
          per_period[0] = entry_figures(&index->entries[i]);
        }
        if (!per_period[0].has[m] || (portfolio && m == M_BUDGET)) continue;
        has[q] = 1;
        values[q] = per_period[0].v[m];
        display_figure(&per_period[0], m, pg->lang, texts[q], sizeof texts[q]);
        last = texts[q];
        if (values[q] > pmax[m]) pmax[m] = values[q];
      }
      char label[300];
      snprintf(label, sizeof label, "%s: %s", portfolio ? portfolio_name : names[k],
               page_text(pg, metric_labels[m]));
      utf8_whole(label); /* a long service name cut */
      fputs("<td>", f);
      sparkline(f, m, label, values, has, text_ptrs, periods, n_periods,
                portfolio ? pmax[m] : max[m]);
      fputs("<span class=\"trend-last\">", f);
      html_text(f, last);
      fputs("</span></td>", f);
    }
    fputs("</tr>\n", f);
  }
  fputs("</tbody>\n</table>\n<p class=\"lead\">", f);
  html_text(f, page_text(pg, "index.trends_intro"));
  fputs("</p>\n</section>\n", f);
done:
  free(starts);
  free(stems);
  free(names);
  free(periods);
  free(values);
  free(has);
  free(texts);
  free(text_ptrs);
}

/* Whether path is one of e's Japanese files: PERIOD/STEM.ja.EXT. */
static int is_japanese_file(const bd_index_entry *e, const char *path) {
  const char *slash = strrchr(path, '/');
  const char *name = slash ? slash + 1 : path;
  size_t n = strlen(e->stem);
  return strncmp(name, e->stem, n) == 0 && strncmp(name + n, ".ja.", 4) == 0;
}

/* Writes the message text escaped, with {json} as the link to index.json
 * and {verify} as the command that checks the archive. */
static void html_message(FILE *f, const char *text) {
  static const struct {
    const char *token, *html;
  } parts[] = {{"{json}", "<a href=\"index.json\">index.json</a>"},
               {"{verify}", "<code>badday archive --verify</code>"}};
  char one[2] = {0};
  while (*text) {
    size_t i = 0;
    while (i < 2 && strncmp(text, parts[i].token, strlen(parts[i].token)) != 0) i++;
    if (i < 2) {
      fputs(parts[i].html, f);
      text += strlen(parts[i].token);
    } else {
      one[0] = *text++;
      html_text(f, one);
    }
  }
}

/* Writes the links of set e's files with the start of their SHA-256; on
 * a Japanese page its Japanese files first. */
static void write_files(FILE *f, const bd_index_entry *e, const index_page *pg) {
  int japanese_first = strcmp(pg->lang, "ja") == 0, written = 0;
  for (int pass = japanese_first ? 0 : 1; pass < 2; pass++) {
    for (size_t j = 0; j < e->file_count; j++) {
      if (japanese_first && is_japanese_file(e, e->files[j].path) != (pass == 0)) continue;
      const char *slash = strrchr(e->files[j].path, '/');
      fputs(written++ ? "<br><a href=\"" : "<a href=\"", f);
      href(f, e->files[j].path);
      fputs("\">", f);
      html_text(f, slash ? slash + 1 : e->files[j].path);
      fputs("</a> <code title=\"SHA-256\">", f);
      fprintf(f, "%.12s</code>", e->files[j].sha256);
    }
  }
}

/* Writes the index page pg of index with the style sheet css inline. */
static void write_index_html(FILE *f, const bd_index *index, const char *css,
                             const index_page *pg) {
  char hash[65];
  unsigned char digest[32];
  bd_sha256(css, strlen(css), digest);
  static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  size_t o = 0;
  for (size_t i = 0; i < 32; i += 3) {
    unsigned v = (unsigned)digest[i] << 16 | (i + 1 < 32 ? digest[i + 1] : 0) << 8 |
                 (i + 2 < 32 ? digest[i + 2] : 0);
    hash[o++] = b64[v >> 18 & 63];
    hash[o++] = b64[v >> 12 & 63];
    hash[o++] = i + 1 < 32 ? b64[v >> 6 & 63] : '=';
    hash[o++] = i + 2 < 32 ? b64[v & 63] : '=';
  }
  hash[o] = '\0';
  fprintf(f,
          "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
          "style-src 'sha256-%s'; script-src 'none'; img-src data:; base-uri 'none'; "
          "form-action 'none'\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"referrer\" content=\"no-referrer\">\n"
          "<title>",
          pg->lang, hash);
  html_text(f, page_text(pg, "index.title"));
  fputs("</title>\n<style>", f);
  fputs(css, f);
  fputs("</style>\n</head>\n<body class=\"layout-report\">\n<main id=\"content\">\n<h1>", f);
  html_text(f, page_text(pg, "index.heading"));
  fputs("</h1>\n", f);
  if (pg->other != NULL) {
    /* the switch names the other language in that language */
    fprintf(f, "<p class=\"archive-lang\"><a href=\"%s\" hreflang=\"%s\" lang=\"%s\">", pg->other,
            pg->other_lang, pg->other_lang);
    html_text(f, bd_catalogue_get(pg->cat, pg->other_lang, "index.language"));
    fputs("</a></p>\n", f);
  }
  write_trends(f, index, pg);
  for (size_t i = 0; i < index->count;) {
    const char *period = index->entries[i].period_dir;
    fputs("<section class=\"archive-period\">\n<h2>", f);
    html_text(f, period);
    fputs("</h2>\n", f);
    table_head(f, pg, "<th class=\"num\">");
    fputs("<th>", f);
    html_text(f, page_text(pg, "index.files"));
    fputs("</th></tr></thead>\n<tbody>\n", f);
    for (; i < index->count && strcmp(index->entries[i].period_dir, period) == 0; i++) {
      const bd_index_entry *e = &index->entries[i];
      fputs("<tr><td>", f);
      html_text(f, e->service);
      fputs("</td>", f);
      figure_cell(f, e->eal_now, e->currency, 0, pg->lang);
      figure_cell(f, e->eal_planned, e->currency, 0, pg->lang);
      figure_cell(f, e->budget_used, e->currency, 1, pg->lang);
      figure_cell(f, e->coverage, e->currency, 1, pg->lang);
      figure_cell(f, e->verified_coverage, e->currency, 1, pg->lang);
      fprintf(f, "<td class=\"num\">%zu</td><td class=\"archive-files\">", e->decisions);
      write_files(f, e, pg);
      fputs("</td></tr>\n", f);
    }
    fputs("</tbody>\n</table>\n</section>\n", f);
  }
  fputs("<p>", f);
  html_message(f, page_text(pg, "index.footer"));
  fputs("</p>\n</main>\n</body>\n</html>\n", f);
}

/* Reads css_dir/base.css, report.css and index.css (and, for lang "ja",
 * index.ja.css) into a new string, or NULL. */
static char *read_css(const char *css_dir, const char *lang) {
  static const char *const names[] = {"base.css", "report.css", "index.css", "index.ja.css"};
  char *css = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&css, &len);
  if (f == NULL) return NULL;
  size_t count = strcmp(lang, "ja") == 0 ? 4 : 3;
  for (size_t i = 0; i < count; i++) {
    char *path = NULL, *data = NULL;
    size_t n;
    if (asprintf(&path, "%s/%s", css_dir, names[i]) < 0 || bd_read_whole_file(path, &data, &n)) {
      free(path);
      fclose(f);
      free(css);
      return NULL;
    }
    fwrite(data, 1, n, f);
    fputc('\n', f);
    free(data);
    free(path);
  }
  /* The colours the plugins take from the shared palette (plugin.h). */
  fprintf(f, "\n/* generated from the shared badday palette */\n:root {");
  const struct {
    const char *name;
    unsigned rgb;
  } vars[] = {{"text", BD_COLOR_TEXT}, {"muted", BD_COLOR_MUTED}, {"accent", BD_COLOR_ACCENT}};
  for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++)
    fprintf(f, " --%s: #%06X;", vars[i].name, vars[i].rgb & 0xFFFFFFu);
  fputs(" }\n", f);
  fclose(f);
  return css;
}

/* Writes text atomically to DIR/name. */
static int write_atomically(const char *dir, const char *name, const char *text, size_t len,
                            char *err, size_t errsize) {
  char *path = NULL;
  if (asprintf(&path, "%s/%s", dir, name) < 0) {
    snprintf(err, errsize, "%s: out of memory", dir);
    return -1;
  }
  bd_output_file *out;
  int rc = bd_output_open(path, &out, err, errsize);
  if (rc == 0) {
    bd_output_write(out, text, len);
    rc = bd_output_commit(out, err, errsize);
  }
  free(path);
  return rc;
}

/* Renders page pg of index and writes it atomically to DIR/name. */
static int write_page(const char *dir, const char *name, const bd_index *index, const char *css,
                      const index_page *pg, char *err, size_t errsize) {
  char *html = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&html, &len);
  int rc = -1;
  if (f != NULL) write_index_html(f, index, css, pg);
  if (f == NULL || fclose(f) != 0)
    snprintf(err, errsize, "%s: out of memory", dir);
  else
    rc = write_atomically(dir, name, html, len, err, errsize);
  free(html);
  return rc;
}

/* Removes DIR/name if it is there.  Returns 0, or -1 with the reason. */
static int remove_stale(const char *dir, const char *name, char *err, size_t errsize) {
  char *path = NULL;
  if (asprintf(&path, "%s/%s", dir, name) < 0) {
    snprintf(err, errsize, "%s: out of memory", dir);
    return -1;
  }
  int rc = 0;
  if (unlink(path) != 0 && errno != ENOENT) {
    snprintf(err, errsize, "%s: cannot remove: %s", path, strerror(errno));
    rc = -1;
  }
  free(path);
  return rc;
}

/* Writes index.json, index.html and, when a set has Japanese files,
 * index.ja.html (else removes a stale one) from the scanned index; css[0]
 * is the English page's style sheet, css[1] the Japanese one's. */
static int write_index_files(const char *dir, const bd_index *index, char *const css[2],
                             const bd_catalogue *cat, char *err, size_t errsize) {
  int japanese = 0;
  for (size_t i = 0; i < index->count; i++) japanese = japanese || index->entries[i].has_japanese;
  char *json = NULL;
  size_t json_len = 0;
  FILE *fj = open_memstream(&json, &json_len);
  if (fj) write_index_json(fj, index);
  if (fj == NULL || fclose(fj) != 0) {
    snprintf(err, errsize, "%s: out of memory", dir);
    free(json);
    return -1;
  }
  int rc = write_atomically(dir, "index.json", json, json_len, err, errsize);
  free(json);
  index_page en = {cat, "en", japanese ? "index.ja.html" : NULL, "ja"};
  index_page ja = {cat, "ja", "index.html", "en"};
  if (rc == 0) rc = write_page(dir, "index.html", index, css[0], &en, err, errsize);
  if (rc == 0)
    rc = japanese ? write_page(dir, "index.ja.html", index, css[1], &ja, err, errsize)
                  : remove_stale(dir, "index.ja.html", err, errsize);
  return rc;
}

int bd_index_write(const char *dir, const char *css_dir, char *err, size_t errsize) {
  char *lock_path = NULL, *catalogue_path = NULL;
  if (asprintf(&lock_path, "%s/.badday-lock-index", dir) < 0) {
    snprintf(err, errsize, "%s: out of memory", dir);
    return -1;
  }
  int lock = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  if (lock < 0 || flock(lock, LOCK_EX) != 0) {
    snprintf(err, errsize, "%s: cannot lock: %s", lock_path, strerror(errno));
    if (lock >= 0) close(lock);
    free(lock_path);
    return -1;
  }
  free(lock_path);
  bd_index index;
  bd_catalogue *cat = NULL;
  char *css[2] = {read_css(css_dir, "en"), read_css(css_dir, "ja")};
  int rc = -1;
  if (css[0] == NULL || css[1] == NULL) {
    snprintf(err, errsize, "%s: cannot read base.css, report.css, index.css and index.ja.css",
             css_dir);
  } else if (asprintf(&catalogue_path, "%s/messages.tsv", css_dir) < 0) {
    catalogue_path = NULL;
    snprintf(err, errsize, "%s: out of memory", dir);
  } else if (bd_catalogue_load(catalogue_path, &cat, err, errsize) != 0) {
    /* err says which line or why */
  } else if (bd_index_scan(dir, &index, err, errsize) == 0) {
    rc = write_index_files(dir, &index, css, cat, err, errsize);
    bd_index_free(&index);
  }
  bd_catalogue_free(cat);
  free(catalogue_path);
  free(css[0]);
  free(css[1]);
  close(lock);
  return rc;
}
