/* main.c - badday's entry point: dispatches to the commands of cli.h. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "badday/plugin.h"
#include "cli/cli.h"
#include "output/interrupt.h"

int main(int argc, char **argv) {
  /* A closed pipe must be a write error we report, not a silent death. */
  signal(SIGPIPE, SIG_IGN);
  /* Likewise a file-size limit (ulimit -f): EFBIG is reported, the old report kept. */
  signal(SIGXFSZ, SIG_IGN);
  /* SIGINT, SIGTERM, SIGHUP during a render: stop the plugin, remove the
   * temporary file, exit 128 + the signal. */
  bd_interrupt_install();
  if (argc < 2) {
    bd_print_usage(stderr);
    return BD_EXIT_USAGE;
  }
  const char *cmd = argv[1];
  if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
    bd_print_usage(stdout);
    return fflush(stdout) == 0 ? BD_EXIT_OK : BD_EXIT_OUTPUT;
  }
  if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
    printf("badday %s (plan format 1, plugin ABI %d.%d)\n", PACKAGE_VERSION, BD_ABI_MAJOR,
           BD_ABI_MINOR);
    return fflush(stdout) == 0 ? BD_EXIT_OK : BD_EXIT_OUTPUT;
  }
  if (strcmp(cmd, "check") == 0) return bd_cmd_check(argc - 1, argv + 1);
  if (strcmp(cmd, "render") == 0) return bd_cmd_render(argc - 1, argv + 1);
  if (strcmp(cmd, "plugins") == 0) return bd_cmd_plugins(argc - 1, argv + 1);
  if (strcmp(cmd, "archive") == 0) return bd_cmd_archive(argc - 1, argv + 1);
  if (strcmp(cmd, "init") == 0) return bd_cmd_init(argc - 1, argv + 1);
  if (strcmp(cmd, "schema") == 0) return bd_cmd_schema(argc - 1, argv + 1);
  fprintf(stderr,
          "badday: unknown command '%s' (expected check, render, archive, plugins, init or schema; "
          "try --help)\n",
          cmd);
  return BD_EXIT_USAGE;
}
