/* cmd_schema.c - `badday schema`: prints the JSON Schema of plan format 1
 * (templates/plan-1.schema.json, installed with the templates), for
 * editors and for CI steps that validate plans without badday. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_common.h"

int bd_cmd_schema(int argc, char **argv) {
  if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
    bd_print_usage(stdout);
    return BD_EXIT_OK;
  }
  if (argc > 1) {
    fprintf(stderr, "badday schema: unexpected argument '%s'\n", argv[1]);
    return BD_EXIT_USAGE;
  }
  char *path = bd_cli_data_file("templates/plan-1.schema.json");
  if (path == NULL) return BD_EXIT_INTERNAL;
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    fprintf(stderr, "badday schema: %s: %s\n", path, strerror(errno));
    free(path);
    return BD_EXIT_INTERNAL;
  }
  char buf[8192];
  size_t n;
  int status = BD_EXIT_OK;
  while ((n = fread(buf, 1, sizeof buf, f)) > 0)
    if (fwrite(buf, 1, n, stdout) != n) break;
  if (ferror(f)) {
    fprintf(stderr, "badday schema: %s: read error\n", path);
    status = BD_EXIT_INTERNAL;
  }
  fclose(f);
  free(path);
  if (fflush(stdout) != 0 || ferror(stdout)) {
    fprintf(stderr, "badday schema: standard output: %s\n", strerror(errno));
    status = BD_EXIT_OUTPUT;
  }
  return status;
}
