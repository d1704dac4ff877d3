/* cmd_plugins.c - `badday plugins`: what was found along the search path,
 * with formats, ABI, path and options, and every refused file. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli_common.h"
#include "output/exec_plugin.h"
#include "output/host.h"

int bd_cmd_plugins(int argc, char **argv) {
  enum { OPT_PLUGIN_DIR = 256 };
  static const struct option options[] = {{"verbose", no_argument, NULL, 'v'},
                                          {"plugin-dir", required_argument, NULL, OPT_PLUGIN_DIR},
                                          {"help", no_argument, NULL, 'h'},
                                          {NULL, 0, NULL, 0}};
  int verbose = 0, c;
  const char *plugin_dir = NULL;
  static char resolved[4096];
  optind = 1;
  while ((c = getopt_long(argc, argv, "vh", options, NULL)) != -1) {
    if (c == 'v')
      verbose = 1;
    else if (c == OPT_PLUGIN_DIR)
      plugin_dir = optarg;
    else if (c == 'h') {
      bd_print_usage(stdout);
      return BD_EXIT_OK;
    } else
      return BD_EXIT_USAGE;
  }
  if (optind < argc) {
    fprintf(stderr, "badday plugins: unexpected argument '%s'\n", argv[optind]);
    return BD_EXIT_USAGE;
  }
  if (plugin_dir && (plugin_dir = bd_cli_absolute_dir("plugins", plugin_dir, resolved)) == NULL)
    return BD_EXIT_USAGE;
  const char *env = getenv("BADDAY_PLUGIN_PATH");
  bd_plugin_set set;
  if (bd_cli_discover(plugin_dir, &set) != 0) return BD_EXIT_INTERNAL;
  if (verbose) {
    printf("search path: %s%s%s%s%s (plugin ABI %d.%d)\n", plugin_dir ? plugin_dir : "",
           plugin_dir ? ":" : "", env && *env ? env : "", env && *env ? ":" : "", BD_PLUGINDIR,
           BD_ABI_MAJOR, BD_ABI_MINOR);
  }
  size_t loaded = 0, refused = 0;
  for (size_t i = 0; i < set.count; i++) {
    const bd_plugin_file *f = &set.files[i];
    if (f->plugin == NULL) continue;
    loaded++;
    printf("%-10s formats:", f->plugin->name);
    for (const char *const *fmt = f->plugin->formats; *fmt; fmt++)
      printf(" %s%s", *fmt, bd_plugins_shadowed(&set, f, *fmt) ? " (shadowed)" : "");
    if (f->exec)
      printf("  executable, protocol %d  %s\n", BD_EXEC_PROTOCOL, f->path);
    else
      printf("  ABI %u.%u  %s\n", (unsigned)f->plugin->abi_major, (unsigned)f->plugin->abi_minor,
             f->path);
    for (const char *const *fmt = f->plugin->formats; verbose && *fmt; fmt++) {
      const char *ext = bd_plugin_file_extension(f, *fmt);
      if (ext) printf("           writes %s as *.%s\n", *fmt, ext);
    }
    if (verbose && f->plugin->description) printf("           %s\n", f->plugin->description);
    const bd_option_spec *o;
    for (size_t k = 0; verbose && (o = bd_plugin_option(f->plugin, k)) != NULL; k++) {
      printf("           -O %s=", o->name);
      if (o->values)
        for (const char *const *v = o->values; *v; v++)
          printf("%s%s", v == o->values ? "" : "|", *v);
      else
        printf("TEXT");
      printf("%s%s%s  %s\n", o->default_value ? " (default " : "",
             o->default_value ? o->default_value : "", o->default_value ? ")" : "",
             o->help ? o->help : "");
    }
  }
  for (size_t i = 0; i < set.count; i++) {
    if (set.files[i].refusal == NULL) continue;
    refused++;
    printf("refused    %s\n", set.files[i].refusal);
  }
  if (loaded == 0 && refused == 0) printf("no plugins found\n");
  bd_plugins_free(&set);
  return fflush(stdout) == 0 ? BD_EXIT_OK : BD_EXIT_OUTPUT;
}
