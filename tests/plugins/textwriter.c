/* A plugin that writes only through the host's text services, print and
 * puts (ABI 2.0), never through a buffer of its own: a heading, -O lines=N
 * numbered lines and one line wider than the host's formatting buffer.
 * When a write fails it stops at once and returns -1, as plugins should,
 * so the host must report the write error itself. */
#include <stddef.h>
#include <stdio.h>

#include <badday/plugin.h>

/* Returns 1 when the host offers print and puts. */
static int has_text_services(const bd_host *host) {
  return BD_HAS(host, bd_host, puts);
}

/* Reads a line count from the option text (digits only; 0 when malformed). */
static unsigned long line_count(const char *text) {
  unsigned long n = 0;
  for (const char *p = text ? text : ""; *p; p++) {
    if (*p < '0' || *p > '9') return 0;
    n = n * 10 + (unsigned long)(*p - '0');
  }
  return n;
}

static int render(const bd_host *host, const bd_render_request *req, bd_error *err) {
  if (!has_text_services(host)) {
    snprintf(err->message, sizeof err->message, "the host has no print and puts services");
    return -1;
  }
  bd_output *out = req->output;
  unsigned long lines = line_count(host->option(out, "lines"));
  if (host->puts(out, "# written through print and puts\n") != 0) return -1;
  if (host->print(out, "%s, %s layout, %lu lines\n", req->report->service, req->layout, lines) != 0)
    return -1;
  for (unsigned long i = 1; i <= lines; i++)
    if (host->print(out, "line %lu of %lu\n", i, lines) != 0) return -1;
  /* wider than the host's 512-byte formatting buffer */
  if (host->print(out, "%-700s|%d\n", "wide", 700) != 0) return -1;
  return host->puts(out, "end\n");
}

static const char *const formats[] = {"text", NULL};

static const bd_option_spec options[] = {
    {"lines", "how many numbered lines to write", NULL, "3"},
    {NULL, NULL, NULL, NULL},
};

BD_PLUGIN_DEFINE("textwriter", "test module writing through print and puts", formats, render,
                 options, 0)
