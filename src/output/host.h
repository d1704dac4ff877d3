/*
 * host.h - the plugin host: finds output plugins, loads them with dlopen
 * and checks their descriptors (render.h calls them).
 *
 * Search order: the --plugin-dir directory, then each absolute directory of
 * BADDAY_PLUGIN_PATH (':'-separated; empty and relative entries ignored),
 * then the compiled-in plugin directory.  Never the current directory.  In
 * each directory, in name order, regular files named *.so (C plugins) and
 * badday-format-NAME (executable plugins, exec_plugin.h); dot files are
 * skipped.  When two plugins
 * offer the same format, the first found wins and the later one is listed
 * as shadowed.
 */
#ifndef BD_HOST_H
#define BD_HOST_H

#include <stddef.h>

#include "badday/plugin.h"

/* One file the host looked at: a loaded plugin or a refused file. */
typedef struct bd_plugin_file {
  char *path;
  void *handle;            /* dlopen handle, NULL when refused */
  const bd_plugin *plugin; /* the checked descriptor, NULL when refused */
  char *refusal;           /* why the file was refused, or NULL */
  /* an executable plugin (exec_plugin.h): its program and descriptor;
   * NULL for a shared object */
  struct bd_exec_info *exec;
} bd_plugin_file;

/* Every plugin file found; owns its strings and handles. */
typedef struct bd_plugin_set {
  bd_plugin_file *files;
  size_t count;
} bd_plugin_set;

/* Where to look; NULL members are skipped. */
typedef struct bd_plugin_search {
  const char *cli_dir;  /* --plugin-dir */
  const char *env_path; /* BADDAY_PLUGIN_PATH */
  const char *builtin_dir;
} bd_plugin_search;

/* Finds and loads every plugin along the search path into *set.  Files that
 * fail to load are kept with their refusal.  Returns 0, or -1 when memory
 * ran out.  Free with bd_plugins_free. */
int bd_plugins_discover(const bd_plugin_search *search, bd_plugin_set *set);

/* Loads and checks one plugin file (absolute path).  On success returns 0
 * and fills *file; on refusal returns -1 and file->refusal says why. */
int bd_plugin_load(const char *path, bd_plugin_file *file);

/* Opens path (absolute) for loading as a plugin when it is trusted: its
 * directory and the file itself (never through a symbolic link) are
 * writable only by their owner, who is you or root.  Returns the open
 * descriptor (close-on-exec), or -1 with file->refusal set. */
int bd_plugin_open_trusted(const char *path, bd_plugin_file *file);

/* The longest name of a format (and of an executable plugin). */
#define BD_PLUGIN_NAME_MAX 32

/* Returns 1 when s[0..len) is a valid format name: 1 to BD_PLUGIN_NAME_MAX
 * characters of [a-z0-9_-]. */
int bd_plugin_valid_name(const char *s, size_t len);

/* Returns the first loaded plugin offering `format`, or NULL. */
const bd_plugin_file *bd_plugins_find(const bd_plugin_set *set, const char *format);

/* The extension plugin file pf declares for format (an executable's
 * --describe or a C plugin's bd_plugin.extensions, ABI 2.2), or NULL when
 * it declares none.  The string belongs to the plugin. */
const char *bd_plugin_file_extension(const bd_plugin_file *pf, const char *format);

/* The file extension the plugin of `format` writes: the extension an
 * executable plugin declares for it, else the format's name.  The string
 * belongs to the set or is `format`. */
const char *bd_plugins_extension(const bd_plugin_set *set, const char *format);

/* The format of an output named *.ext: ext itself when a plugin offers
 * it, else the format whose plugin declares the extension ext, else ext. */
const char *bd_plugins_format_for_extension(const bd_plugin_set *set, const char *ext);

/* Returns 1 when `file`'s format `format` is offered earlier by another plugin. */
int bd_plugins_shadowed(const bd_plugin_set *set, const bd_plugin_file *file, const char *format);

/* Unloads every plugin and frees the set. */
void bd_plugins_free(bd_plugin_set *set);

/* Option i (from 0) a loaded plugin declares, read with the plugin's stride
 * (bd_plugin.option_size), so that bd_option_spec can grow; NULL past the
 * last one or for a plugin taking none.  The spec belongs to the plugin. */
const bd_option_spec *bd_plugin_option(const bd_plugin *plugin, size_t i);

/* The BD_FEATURE_* bits a loaded plugin declares. */
unsigned bd_plugin_features(const bd_plugin *plugin);

/* Checks -O options against the plugin's declaration.  Returns 0, or -1
 * with a message in errbuf naming the option and what is allowed. */
int bd_plugin_check_options(const bd_plugin *plugin, const char *const *names,
                            const char *const *values, size_t count, char *errbuf, size_t errsize);

#endif
