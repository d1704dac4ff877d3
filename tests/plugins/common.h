/*
 * common.h - shared code of the test modules in tests/plugins: each is a
 * real shared object built in the build tree (never installed) to prove one
 * behaviour of the plugin host.  TEST_MAGIC, TEST_MAJOR, TEST_MINOR and
 * TEST_FAIL select what the module gets wrong; a module that sets none of
 * the first three gets its descriptor from BD_PLUGIN_DEFINE (or, with
 * TEST_EXTENSION, from BD_PLUGIN_DEFINE_EXTENSIONS).
 */
#include <stdio.h>
#include <string.h>

#include <badday/plugin.h>

/* Writes "NAME: SERVICE (N scenarios)\n"; with TEST_FAIL, writes half a line
 * and fails, as a crashing renderer would. */
static int render(const bd_host *host, const bd_render_request *req, bd_error *err) {
  char line[512];
  int n = snprintf(line, sizeof line, "%s: %s (%zu scenarios, layout %s)\n", TEST_NAME,
                   req->report->service, req->report->scenario_count, req->layout);
  if (n < 0) n = 0;
#ifdef TEST_FAIL
  host->write(req->output, line, (size_t)n / 2);
  snprintf(err->message, sizeof err->message, "deliberate failure for the test");
  return -1;
#else
  (void)err;
  return host->write(req->output, line, (size_t)n);
#endif
}

static const char *const formats[] = {TEST_FORMAT, NULL};

#if defined(TEST_MAGIC) || defined(TEST_MAJOR) || defined(TEST_MINOR)
/* A deliberately malformed or dated descriptor, written by hand. */
#ifndef TEST_MAGIC
#define TEST_MAGIC BD_PLUGIN_MAGIC
#endif
#ifndef TEST_MAJOR
#define TEST_MAJOR BD_ABI_MAJOR
#endif
#ifndef TEST_MINOR
#define TEST_MINOR BD_ABI_MINOR
#endif
static const bd_plugin plugin = {
    .magic = TEST_MAGIC,
    .abi_major = TEST_MAJOR,
    .abi_minor = TEST_MINOR,
    .struct_size = sizeof(bd_plugin),
    .name = TEST_NAME,
    .description = "test module",
    .formats = formats,
    .render = render,
    .option_size = sizeof(bd_option_spec),
};

BD_PLUGIN_EXPORT const bd_plugin *bd_plugin_entry(void) {
  return &plugin;
}
#elif defined(TEST_EXTENSION)
/* A module that declares the file extension of its format (ABI 2.2). */
static const char *const extensions[] = {TEST_EXTENSION, NULL};
BD_PLUGIN_DEFINE_EXTENSIONS(TEST_NAME, "test module", formats, extensions, render, NULL, 0)
#else
/* A well-formed module: the descriptor every plugin writes. */
BD_PLUGIN_DEFINE(TEST_NAME, "test module", formats, render, NULL, 0)
#endif
