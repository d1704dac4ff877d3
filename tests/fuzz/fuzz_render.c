/*
 * fuzz_render.c - libFuzzer target for the whole path a plan takes:
 * load -> bd_analyse -> bd_render with the json plugin, through the real
 * host: plugin choice, services and an atomically written file.
 *
 * The json plugin (plugins/json/json.c) is compiled into this program with
 * its entry renamed (-Dbd_plugin_entry=bd_json_entry), so the fuzzer sees
 * its coverage; it is the one plugin of the set bd_render chooses from.
 * The report is written to a scratch file (in /dev/shm when there is one,
 * so that the host's fsync costs nothing) and read back: it must be valid
 * UTF-8 JSON (RFC 8259) for every plan the loader accepts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analysis/analyse.h"
#include "base/arena.h"
#include "badday/plugin.h"
#include "base/diag.h"
#include "fuzz.h"
#include "output/render.h"
#include "plan/load.h"

/* The report last written (one per process: libFuzzer runs inputs one at a
 * time). */
static struct {
  char *data;
  size_t len, cap;
} copy;

/* The scratch file reports are written to, in a directory of its own made
 * on first use (removed at exit). */
static char scratch_dir[256], scratch_path[300];

static void remove_scratch(void) {
  unlink(scratch_path);
  rmdir(scratch_dir);
}

static const char *scratch_file(void) {
  if (scratch_path[0]) return scratch_path;
  struct stat st;
  const char *tmp = getenv("TMPDIR");
  const char *base =
      stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) && access("/dev/shm", W_OK) == 0
          ? "/dev/shm"
      : tmp && *tmp ? tmp
                    : "/tmp";
  snprintf(scratch_dir, sizeof scratch_dir, "%s/badday-fuzz-XXXXXX", base);
  if (mkdtemp(scratch_dir) == NULL) bd_fuzz_fail("cannot make a scratch directory");
  snprintf(scratch_path, sizeof scratch_path, "%s/report.json", scratch_dir);
  atexit(remove_scratch);
  return scratch_path;
}

/* Reads the file at path into copy. */
static void read_back(const char *path) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) bd_fuzz_fail("the rendered report is missing");
  copy.len = 0;
  for (;;) {
    if (copy.cap - copy.len < 64 * 1024) {
      size_t cap = copy.cap ? copy.cap * 2 : 256 * 1024;
      char *grown = realloc(copy.data, cap);
      if (grown == NULL) bd_fuzz_fail("out of memory keeping the report");
      copy.data = grown;
      copy.cap = cap;
    }
    size_t n = fread(copy.data + copy.len, 1, copy.cap - copy.len, f);
    copy.len += n;
    if (n == 0) break;
  }
  int bad = ferror(f);
  fclose(f);
  if (bad) bd_fuzz_fail("cannot read the rendered report back");
}

/* A tiny RFC 8259 checker over s[*i..n): each function consumes one
 * production and returns 0, or -1 when the text is not JSON. */
typedef struct json_in {
  const unsigned char *s;
  size_t i, n;
  int depth;
} json_in;

static int json_value(json_in *in);

/* Skips JSON whitespace. */
static void json_space(json_in *in) {
  while (in->i < in->n && (in->s[in->i] == ' ' || in->s[in->i] == '\t' || in->s[in->i] == '\n' ||
                           in->s[in->i] == '\r'))
    in->i++;
}

/* Consumes the literal word w. */
static int json_word(json_in *in, const char *w) {
  size_t len = strlen(w);
  if (in->n - in->i < len || memcmp(in->s + in->i, w, len) != 0) return -1;
  in->i += len;
  return 0;
}

/* Consumes one or more digits. */
static int json_digits(json_in *in) {
  size_t start = in->i;
  while (in->i < in->n && in->s[in->i] >= '0' && in->s[in->i] <= '9') in->i++;
  return in->i > start ? 0 : -1;
}

/* Consumes a number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static int json_number(json_in *in) {
  if (in->i < in->n && in->s[in->i] == '-') in->i++;
  if (in->i < in->n && in->s[in->i] == '0')
    in->i++;
  else if (json_digits(in) != 0)
    return -1;
  if (in->i < in->n && in->s[in->i] == '.') {
    in->i++;
    if (json_digits(in) != 0) return -1;
  }
  if (in->i < in->n && (in->s[in->i] == 'e' || in->s[in->i] == 'E')) {
    in->i++;
    if (in->i < in->n && (in->s[in->i] == '+' || in->s[in->i] == '-')) in->i++;
    if (json_digits(in) != 0) return -1;
  }
  return 0;
}

/* Consumes a string: no raw control characters, only JSON's escapes
 * (UTF-8 validity is checked over the whole text). */
static int json_string(json_in *in) {
  if (in->i >= in->n || in->s[in->i] != '"') return -1;
  for (in->i++; in->i < in->n; in->i++) {
    unsigned char c = in->s[in->i];
    if (c == '"') {
      in->i++;
      return 0;
    }
    if (c < 0x20) return -1;
    if (c != '\\') continue;
    if (++in->i >= in->n) return -1;
    c = in->s[in->i];
    if (c == 'u') {
      for (int k = 0; k < 4; k++) {
        if (++in->i >= in->n || !strchr("0123456789abcdefABCDEF", in->s[in->i]) ||
            in->s[in->i] == '\0')
          return -1;
      }
    } else if (!strchr("\"\\/bfnrt", c) || c == '\0') {
      return -1;
    }
  }
  return -1;
}

/* Consumes an array or an object (open is '[' or '{'). */
static int json_container(json_in *in, unsigned char open) {
  unsigned char close = open == '[' ? ']' : '}';
  if (++in->depth > 64) return -1;
  in->i++;
  json_space(in);
  if (in->i < in->n && in->s[in->i] == close) {
    in->i++;
    in->depth--;
    return 0;
  }
  for (;;) {
    if (open == '{') {
      if (json_string(in) != 0) return -1;
      json_space(in);
      if (in->i >= in->n || in->s[in->i] != ':') return -1;
      in->i++;
    }
    if (json_value(in) != 0) return -1;
    json_space(in);
    if (in->i < in->n && in->s[in->i] == ',') {
      in->i++;
      json_space(in);
      continue;
    }
    if (in->i < in->n && in->s[in->i] == close) {
      in->i++;
      in->depth--;
      return 0;
    }
    return -1;
  }
}

static int json_value(json_in *in) {
  json_space(in);
  if (in->i >= in->n) return -1;
  switch (in->s[in->i]) {
  case '{':
  case '[':
    return json_container(in, in->s[in->i]);
  case '"':
    return json_string(in);
  case 't':
    return json_word(in, "true");
  case 'f':
    return json_word(in, "false");
  case 'n':
    return json_word(in, "null");
  default:
    return json_number(in);
  }
}

/* Returns 1 when s[0..n) is valid UTF-8 (no overlong forms, surrogates or
 * code points above U+10FFFF). */
static int valid_utf8(const unsigned char *s, size_t n) {
  for (size_t i = 0; i < n;) {
    unsigned c = s[i], cp, width;
    if (c < 0x80) {
      i++;
      continue;
    }
    if ((c & 0xE0) == 0xC0)
      cp = c & 0x1F, width = 2;
    else if ((c & 0xF0) == 0xE0)
      cp = c & 0x0F, width = 3;
    else if ((c & 0xF8) == 0xF0)
      cp = c & 0x07, width = 4;
    else
      return 0;
    if (width > n - i) return 0;
    for (unsigned k = 1; k < width; k++) {
      if ((s[i + k] & 0xC0) != 0x80) return 0;
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    if ((width == 2 && cp < 0x80) || (width == 3 && cp < 0x800) || (width == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return 0;
    i += width;
  }
  return 1;
}

/* Renders report as JSON through bd_render into the scratch file and
 * checks what was written. */
static void render_json(const bd_report *report) {
  bd_plugin_file json = {.path = "(built in)", .plugin = bd_json_entry()};
  bd_plugin_set set = {&json, 1};
  bd_render_job job = {.report = report,
                       .format = "json",
                       .layout = "report",
                       .lang = "en",
                       .output = scratch_file(),
                       .generated_at = BD_FUZZ_TODAY * 86400L,
                       .generated_at_set = 1};
  bd_render_result result;
  if (bd_render(&set, &job, &result) != 0) {
    if (result.failure == BD_RENDER_OUTPUT) bd_fuzz_fail(result.message);
    bd_fuzz_fail("the json plugin failed on a valid plan");
  }
  read_back(job.output);
  json_in in = {(const unsigned char *)copy.data, 0, copy.len, 0};
  if (json_value(&in) != 0) bd_fuzz_fail("the report is not JSON");
  json_space(&in);
  if (in.i != in.n) bd_fuzz_fail("text after the JSON report");
  if (!valid_utf8(in.s, in.n)) bd_fuzz_fail("the JSON report is not UTF-8");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  bd_load_options opt = {.today = BD_FUZZ_TODAY};
  bd_arena arena = {0};
  bd_diags diags = {0};
  bd_plan *plan = NULL;
  bd_report *report = NULL;
  int rc = bd_plan_load_buffer("fuzz.yaml", (const char *)data, size, &opt, &arena, &plan, &diags);
  bd_fuzz_check_diags(rc, plan, &diags);
  if (rc == 0) {
    if (bd_analyse(plan, &arena, &report) != 0) bd_fuzz_fail("bd_analyse failed");
    render_json(report);
  }
  bd_diags_free(&diags);
  bd_arena_free(&arena);
  return 0;
}
