/*
 * cli.h - the badday command line: `check`, `render`, `archive`, `plugins`,
 * `init` and `schema`.
 *
 * The CLI is the only part of badday that prints diagnostics or exits; the
 * library returns errors with their positions and the CLI formats them as
 * "FILE:LINE:COL: error: MESSAGE".
 */
#ifndef BD_CLI_H
#define BD_CLI_H

#include <stdio.h>

/* Exit codes (documented in the README and in --help). */
enum bd_exit {
  BD_EXIT_OK = 0,
  BD_EXIT_INVALID_PLAN = 1, /* a plan has errors (or cannot be read) */
  BD_EXIT_USAGE = 2,        /* wrong command line */
  BD_EXIT_PLUGIN = 3,       /* no plugin for the format, a refused plugin, or a failed render */
  BD_EXIT_OUTPUT = 4,       /* the report could not be written */
  BD_EXIT_INTERNAL = 5,     /* out of memory or another internal failure */
  BD_EXIT_GATE = 6,         /* check --fail-on: a rule found something */
  BD_EXIT_VERIFY = 7        /* archive --verify: a file missing, changed or extra, or a report
                               that its kept inputs no longer give */
};

/* Each command takes the arguments after its name (argv[0] is the command)
 * and returns an exit code. */
int bd_cmd_check(int argc, char **argv);
int bd_cmd_render(int argc, char **argv);
int bd_cmd_plugins(int argc, char **argv);
int bd_cmd_archive(int argc, char **argv);
int bd_cmd_init(int argc, char **argv);
int bd_cmd_schema(int argc, char **argv);

/* Prints the usage text to f. */
void bd_print_usage(FILE *f);

#endif
