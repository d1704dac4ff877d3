/*
 * yaml_hints.h - libyaml's errors said in the plan author's terms.
 *
 * libyaml reports where its grammar broke ("did not find expected key",
 * "mapping values are not allowed in this context"), often a line after
 * the slip and never in the words of someone editing a plan.  These pure
 * functions look at the plan's text around such an error and name the
 * slip itself: a line indented differently from its sibling keys, a tab,
 * a full-width or other invisible space, ": " inside an unquoted value.
 * They also find the plain values whose end YAML silently cut at " #".
 * No YAML parser, no allocation: the text and a position in, a message out.
 */
#ifndef BD_YAML_HINTS_H
#define BD_YAML_HINTS_H

#include <stddef.h>

#include "base/diag.h"

/* Explains the libyaml error `problem` found at *line:*column (1-based,
 * columns in characters) of text[0..len).  When it recognises the slip it
 * writes a one-line message into buf (size >= 256), may move *line and
 * *column to the slip itself, and returns 1; otherwise returns 0 and
 * leaves everything unchanged. */
int bd_yaml_explain(const char *text, size_t len, const char *problem, unsigned *line,
                    unsigned *column, char *buf, size_t size);

/* Appends to warnings (file `path`) one warning for each plain value that
 * YAML cut at " #" where the text after '#' looks like part of the value
 * (it starts with a letter or digit, as in "Slack #incident"), not like a
 * comment ("# why").  Returns the number of warnings added. */
size_t bd_yaml_comment_warnings(const char *path, const char *text, size_t len, bd_diags *warnings);

#endif
