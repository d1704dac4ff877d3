/*
 * exec_plugin.h - executable output plugins (doc/plugins.md, "Writing a
 * plugin in any language"): a program named badday-format-NAME in a plugin
 * directory, trusted like a .so plugin, that describes itself with
 * --describe (a JSON descriptor) and renders by reading one JSON request
 * (protocol 1: {"protocol":1,"request":{...},"report":{...}}) on standard
 * input and writing the report's bytes on standard output.
 *
 * Loading runs `PROGRAM --describe` (no shell, the clean environment, a
 * 10-second limit) and turns the descriptor into a bd_plugin, so that the
 * host lists it, picks it by format and checks its -O options exactly as
 * it does a C plugin's.  Never prints.
 */
#ifndef BD_EXEC_PLUGIN_H
#define BD_EXEC_PLUGIN_H

#include <stddef.h>
#include <sys/types.h>

#include "output/child.h"
#include "output/host.h"

/* The version of the protocol this host speaks. */
#define BD_EXEC_PROTOCOL 1

/* The prefix of an executable plugin's file name. */
#define BD_EXEC_PREFIX "badday-format-"

/* Returns 1 when name is an executable plugin's file name:
 * badday-format-NAME with NAME of 1 to 32 characters of [a-z0-9_-]. */
int bd_exec_plugin_name(const char *name);

/* Loads the executable plugin at path (absolute), already opened and
 * checked for trust as fd (kept open by the file on success, closed on
 * refusal): runs it with --describe and checks the descriptor.  Returns 0
 * and fills file (plugin, exec_fd, arena), or -1 with file->refusal set. */
int bd_exec_plugin_load(const char *path, int fd, bd_plugin_file *file);

/* The most lines of an executable plugin's stderr shown. */
#define BD_EXEC_MESSAGE_LINES 40

/* What an executable plugin's render left: its messages on stderr. */
typedef struct bd_exec_messages {
  char text[4096]; /* the first lines (at most BD_EXEC_MESSAGE_LINES), escaped: control
                      characters as \xNN, U+2028/2029 and bidi controls as \uNNNN */
  size_t lines;    /* lines kept in text */
  size_t dropped;  /* bytes read but not kept */
  size_t total;    /* bytes read */
} bd_exec_messages;

/* Runs the executable plugin pf with `input` on its standard input, passes
 * each chunk of its standard output to sink(context, data, len) and keeps
 * its standard error, bounded and escaped, in *messages.  timeout_seconds
 * 0 means no limit.  Returns 0 with *end telling how it ended, or -1 with
 * errno when it could not be started or waited for. */
int bd_exec_plugin_run(const bd_plugin_file *pf, const char *input, size_t input_len,
                       unsigned timeout_seconds,
                       void (*sink)(void *context, const char *data, size_t len), void *context,
                       bd_exec_messages *messages, bd_child_end *end);

/* Frees what an executable plugin's file record holds (its descriptor,
 * the program's descriptor fd); bd_plugins_free calls it. */
void bd_exec_plugin_free(bd_plugin_file *file);

/* Returns the file extension the plugin declares for format (e.g. "md"
 * for "register"), or NULL when it uses the format's name. */
const char *bd_exec_plugin_extension(const bd_plugin_file *pf, const char *format);

#endif
