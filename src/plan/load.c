/*
 * load.c - the plan loader's facade (load.h): refuses XML where a plan
 * belongs, reads the checked node tree (yaml_read.c), validates it into a
 * plan (validate.c) and adds the warnings about a valid plan
 * (yaml_hints.c).
 */
#include "plan/load.h"

#include <string.h>

#include "plan/input.h"
#include "plan/validate.h"
#include "plan/yaml_hints.h"
#include "plan/yaml_read.h"

/* What reading a plan needs beside the tree (a bd_tree_reader's context). */
typedef struct plan_reader {
  const bd_load_options *opt;
  bd_arena *arena;
  bd_plan *plan;
} plan_reader;

/* Validates the tree as a plan (a bd_tree_reader). */
static int read_plan(void *ctx, const char *path, const bd_ynode *root, size_t node_count,
                     bd_diags *diags) {
  plan_reader *pr = ctx;
  return bd_validate_plan(path, root, node_count, pr->opt, pr->arena, &pr->plan, diags);
}

int bd_plan_load_buffer(const char *path, const char *data, size_t len, const bd_load_options *opt,
                        bd_arena *arena, bd_plan **out, bd_diags *diags) {
  plan_reader pr = {opt, arena, NULL};
  char hex[65];
  *out = NULL;
  if (len <= BD_LOAD_MAX_BYTES && bd_input_is_xml(data, len)) /* a larger one is refused below */
    return bd_diag_add(diags, path, 1, 1,
                       "this is XML, not a plan; JUnit test results go to --evidence FILE");
  if (bd_yaml_read_buffer(path, data, len, arena, read_plan, &pr, hex, diags) != 0) return -1;
  if (opt->warnings) {
    size_t bom = bd_input_bom_length(data, len);
    bd_yaml_comment_warnings(path, data + bom, len - bom, opt->warnings);
  }
  memcpy(pr.plan->sha256, hex, sizeof hex);
  *out = pr.plan;
  return 0;
}

int bd_plan_load_file(const char *path, const bd_load_options *opt, bd_arena *arena, bd_plan **out,
                      bd_diags *diags) {
  bd_input in;
  *out = NULL;
  int rc = bd_input_read(path, &in, diags);
  if (rc == 0) rc = bd_plan_load_buffer(in.name, in.data, in.len, opt, arena, out, diags);
  bd_input_free(&in);
  return rc;
}
