/*
 * yaml_read.c - one YAML document into a checked node tree, handed to a
 * reader.  See yaml_read.h; the tree is built by ytree.c (with two
 * threads for a large plan: ytree_split.c).
 */
#include "plan/yaml_read.h"

#include <stdlib.h>
#include <string.h>

#include "base/sha256.h"
#include "plan/input.h"
#include "plan/limits.h"
#include "plan/ytree.h"
#include "plan/ytree_split.h"

/* Orders diags->items[first..count) by position (stably; no position
 * first) and drops exact repeats, which aliases can cause. */
static void sort_diags(bd_diags *d, size_t first) {
  size_t n = d->count - first;
  if (n < 2) return;
  bd_diag *a = d->items + first;
  bd_diag *tmp = malloc(n * sizeof *tmp);
  if (tmp == NULL) return;
  for (size_t width = 1; width < n; width *= 2) { /* bottom-up merge sort */
    for (size_t lo = 0; lo < n; lo += 2 * width) {
      size_t mid = lo + width < n ? lo + width : n, hi = lo + 2 * width < n ? lo + 2 * width : n;
      size_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        int later = a[i].line > a[j].line || (a[i].line == a[j].line && a[i].column > a[j].column);
        tmp[k++] = later ? a[j++] : a[i++];
      }
      while (i < mid) tmp[k++] = a[i++];
      while (j < hi) tmp[k++] = a[j++];
    }
    memcpy(a, tmp, n * sizeof *a);
  }
  free(tmp);
  size_t kept = 1;
  for (size_t i = 1; i < n; i++) {
    bd_diag *prev = &a[kept - 1];
    if (a[i].line == prev->line && a[i].column == prev->column &&
        strcmp(a[i].message, prev->message) == 0) {
      free(a[i].file);
      free(a[i].message);
    } else {
      a[kept++] = a[i];
    }
  }
  d->count = first + kept;
}

int bd_yaml_read_buffer(const char *path, const char *data, size_t len, bd_arena *arena,
                        bd_tree_reader read, void *ctx, char sha256_hex[65], bd_diags *diags) {
  bd_ytree b;
  size_t first = diags->count;
  int rc = -1, hashing = 0;
  bd_ytree_init(&b, path, data, len, arena, diags);
  if (len > BD_LOAD_MAX_BYTES) {
    bd_ytree_fail(&b, 0, 0, "the plan is larger than %zu MiB", BD_LOAD_MAX_BYTES / (1024 * 1024));
    goto done;
  }
  /* The file's SHA-256 (traceability) is computed beside the parse. */
  bd_sha256_job hash;
  bd_sha256_job_start(&hash, data, len);
  hashing = 1;
  size_t bom = bd_input_bom_length(data, len); /* a UTF-8 byte order mark */
  b.data += bom;
  b.len -= bom;
  if (bd_ytree_check_encoding(&b) != 0) goto done;
  bd_ytree_split_parse(&b);
  if (!b.complete) {
    if (b.errors == 0) bd_ytree_fail(&b, 0, 0, "the file holds no YAML document");
    goto done;
  }
  if (b.documents == 0 || b.root == NULL) {
    bd_ytree_fail(&b, 0, 0, "the file holds no YAML document");
    goto done;
  }
  if (read(ctx, path, b.root, b.node_count, diags) == 0 && b.errors == 0) rc = 0;
done:
  if (hashing) {
    char hex[65];
    bd_sha256_job_finish(&hash, hex);                    /* always joined: data is the caller's */
    if (sha256_hex) memcpy(sha256_hex, hex, sizeof hex); /* the file as read, BOM included */
  }
  bd_arena_free(&b.scratch);
  sort_diags(diags, first);
  return rc;
}

int bd_yaml_read_file(const char *path, bd_arena *arena, bd_tree_reader read, void *ctx,
                      char sha256_hex[65], bd_diags *diags) {
  bd_input in;
  int rc = bd_input_read(path, &in, diags);
  if (rc == 0)
    rc = bd_yaml_read_buffer(in.name, in.data, in.len, arena, read, ctx, sha256_hex, diags);
  bd_input_free(&in);
  return rc;
}
