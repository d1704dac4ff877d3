/* cmd_init.c - `badday init`: a commented starter plan that passes `check`.
 *
 * The starter is templates/starter.LANG.yaml with four words filled in:
 * @SCHEMA@ (the installed JSON Schema, for the yaml-language-server
 * modeline on its first line), @TODAY@ (today, or the day of
 * SOURCE_DATE_EPOCH), @PERIOD@ (today's quarter, YYYY-Qn) and
 * @QUARTER_END@ (its last day, YYYY-MM-DD, for the example waiver).  It goes to
 * standard output, or with -o to a new file: init never overwrites one. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "cli/cli_common.h"
#include "output/output.h"
#include "plan/values.h"

/* The largest starter template read (they are about 4 KB). */
#define STARTER_MAX (64 * 1024)

/* Reads the whole file at path into a new NUL-terminated string (caller
 * frees); NULL after printing why. */
static char *read_template(const char *path) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    fprintf(stderr, "badday init: %s: %s\n", path, strerror(errno));
    return NULL;
  }
  char *text = malloc(STARTER_MAX + 1);
  size_t n = text ? fread(text, 1, STARTER_MAX + 1, f) : 0;
  int bad = text == NULL || ferror(f) || n > STARTER_MAX;
  fclose(f);
  if (bad) {
    fprintf(stderr, "badday init: %s: cannot read the starter plan\n", path);
    free(text);
    return NULL;
  }
  text[n] = '\0';
  return text;
}

/* Writes text to out with each of words[] replaced by values[]. */
static int write_filled(bd_output_file *out, const char *text, const char *const *words,
                        const char *const *values, size_t count) {
  const char *p = text, *at;
  while ((at = strchr(p, '@')) != NULL) {
    size_t i = 0;
    while (i < count && strncmp(at, words[i], strlen(words[i])) != 0) i++;
    if (bd_output_write(out, p, (size_t)(at - p)) != 0) return -1;
    const char *value = i < count ? values[i] : "@";
    if (bd_output_write(out, value, strlen(value)) != 0) return -1;
    p = i < count ? at + strlen(words[i]) : at + 1;
  }
  return bd_output_write(out, p, strlen(p));
}

int bd_cmd_init(int argc, char **argv) {
  static const struct option options[] = {{"lang", required_argument, NULL, 'l'},
                                          {"output", required_argument, NULL, 'o'},
                                          {"help", no_argument, NULL, 'h'},
                                          {NULL, 0, NULL, 0}};
  const char *lang = bd_cli_default_lang(), *path = "-";
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "o:h", options, NULL)) != -1) {
    if (c == 'l' && (strcmp(optarg, "en") == 0 || strcmp(optarg, "ja") == 0))
      lang = optarg;
    else if (c == 'l') {
      fprintf(stderr, "badday init: --lang '%s': expected en or ja\n", optarg);
      return BD_EXIT_USAGE;
    } else if (c == 'o')
      path = optarg;
    else if (c == 'h') {
      bd_print_usage(stdout);
      return BD_EXIT_OK;
    } else
      return BD_EXIT_USAGE;
  }
  if (optind < argc) {
    fprintf(stderr, "badday init: unexpected argument '%s' (write the plan with -o FILE)\n",
            argv[optind]);
    return BD_EXIT_USAGE;
  }
  struct stat st;
  if (strcmp(path, "-") != 0 && lstat(path, &st) == 0) {
    fprintf(stderr, "badday init: %s already exists; init never overwrites a file\n", path);
    return BD_EXIT_OUTPUT;
  }
  long today;
  if (bd_cli_today(&today) != 0) return BD_EXIT_USAGE;
  char date[11], period[32], quarter_end[32];
  bd_format_date(today, date);
  int quarter = (atoi(date + 5) + 2) / 3;
  snprintf(period, sizeof period, "%.4s-Q%d", date, quarter);
  static const char *const last_days[] = {"03-31", "06-30", "09-30", "12-31"};
  snprintf(quarter_end, sizeof quarter_end, "%.4s-%s", date, last_days[quarter - 1]);

  char name[64];
  snprintf(name, sizeof name, "templates/starter.%s.yaml", lang);
  char *template_path = bd_cli_data_file(name);
  char *schema_path = bd_cli_data_file("templates/plan-1.schema.json");
  char *text = template_path && schema_path ? read_template(template_path) : NULL;
  int status = text ? BD_EXIT_OK : BD_EXIT_INTERNAL;
  bd_output_file *out = NULL;
  char err[1024];
  if (status == BD_EXIT_OK && bd_output_open(path, &out, err, sizeof err) != 0) {
    fprintf(stderr, "badday init: %s\n", err);
    status = BD_EXIT_OUTPUT;
  }
  if (status == BD_EXIT_OK) {
    static const char *const words[] = {"@SCHEMA@", "@TODAY@", "@PERIOD@", "@QUARTER_END@"};
    const char *const values[] = {schema_path, date, period, quarter_end};
    int unchanged = 0;
    if (write_filled(out, text, words, values, 4) != 0) {
      bd_output_commit(out, err, sizeof err); /* reports the write error */
      fprintf(stderr, "badday init: %s\n", err);
      status = BD_EXIT_OUTPUT;
    } else if (bd_output_commit_checked(out, 1, &unchanged, err, sizeof err) != 0 || unchanged) {
      fprintf(stderr, "badday init: %s\n",
              unchanged ? "the file appeared while writing; init never overwrites a file" : err);
      status = BD_EXIT_OUTPUT;
    }
  }
  free(text);
  free(template_path);
  free(schema_path);
  return status;
}
