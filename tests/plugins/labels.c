/* A plugin that ships its own labels (ABI 2.2): each line is a key, then
 * what message() and message_or() give for it in the request's language.
 * One key is a common label, one is the plugin's own with a fallback in
 * English and Japanese, so the test sees both the catalogue and the
 * fallback win where they should. */
#include <stdio.h>
#include <string.h>

#include <badday/plugin.h>

/* The plugin's own label for key in lang, or NULL when it has none. */
static const char *own_label(const char *key, const char *lang) {
  int ja = lang != NULL && strcmp(lang, "ja") == 0;
  if (strcmp(key, "labels.register") == 0) return ja ? "リスク台帳" : "Risk register";
  if (strcmp(key, "column.id") == 0) return ja ? "（プラグインのID）" : "(plugin's ID)";
  return NULL;
}

static int render(const bd_host *host, const bd_render_request *req, bd_error *err) {
  if (!BD_HAS(host, bd_host, message_or)) {
    snprintf(err->message, sizeof err->message, "the host has no message_or service");
    return -1;
  }
  bd_output *out = req->output;
  static const char *const keys[] = {"column.id",     "column.measures", "column.kind",
                                     "column.status", "labels.register", "labels.missing"};
  for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
    const char *own = own_label(keys[i], req->lang);
    if (host->print(out, "%s|%s|%s\n", keys[i], host->message(out, keys[i]),
                    host->message_or(out, keys[i], own ? own : "(none)")) != 0)
      return -1;
  }
  return 0;
}

static const char *const formats[] = {"labels", NULL};

BD_PLUGIN_DEFINE("labels", "test module for message and message_or", formats, render, NULL, 0)
