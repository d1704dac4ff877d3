/* render.c - see render.h; also the services table plugins call. */
#include "output/render.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/prctl.h>
#endif

#include "base/numfmt.h"
#include "base/sha256.h"
#include "output/catalogue.h"
#include "output/child.h"
#include "output/exec_plugin.h"
#include "output/interrupt.h"
#include "output/output.h"

/* The context of one render, handed to the plugin as an opaque bd_output
 * and back to every service it calls. */
struct bd_output {
  bd_output_file *file;
  const char *plugin_name;
  bd_lazy_catalogue *catalogue;
  const char *lang;
  int verbose;
  const char *const *option_names; /* -O values, in order */
  const char *const *option_values;
  size_t option_count;
  const bd_plugin *plugin; /* whose options these are (bd_plugin_option) */
  bd_render_log_fn log;
  void *log_context;
  int channel;                /* in the render child: the pipe its messages go up; -1 in the host */
  struct memory_sink *memory; /* when set, writes go here instead of to file */
};

/* Bytes written into memory (the report's JSON for an executable plugin). */
typedef struct memory_sink {
  char *data;
  size_t len, cap;
} memory_sink;

/* Appends len bytes to the output (the file, or memory); returns 0 or -1. */
static int sink_write(bd_output *out, const void *data, size_t len) {
  if (out->memory == NULL) return bd_output_write(out->file, data, len);
  memory_sink *m = out->memory;
  if (len > m->cap - m->len) {
    size_t cap = m->cap ? m->cap : 65536;
    while (cap - m->len < len) {
      if (cap > SIZE_MAX / 2) return -1;
      cap *= 2;
    }
    char *more = realloc(m->data, cap);
    if (more == NULL) return -1;
    m->data = more;
    m->cap = cap;
  }
  memcpy(m->data + m->len, data, len);
  m->len += len;
  return 0;
}

/* --- messages from the render child -------------------------------------- */

/* A message the render child sends the host, followed by len bytes of text. */
typedef struct child_record {
  char kind; /* one of the CHILD_* below */
  char from_plugin;
  unsigned char level; /* bd_log_level of a log line */
  uint32_t line, column;
  uint32_t value; /* CHILD_WRITE_FAILED: the errno */
  uint32_t len;
} child_record;

enum {
  CHILD_LOG = 'L',          /* a log line */
  CHILD_FAILED = 'E',       /* the plugin returned an error: line, column, text */
  CHILD_WRITE_FAILED = 'W', /* a write failed: value is the errno */
  CHILD_DONE = 'D',         /* the render succeeded and everything is written */
  CHILD_TEXT_MAX = 8192     /* longer log lines are cut */
};

/* Sends one record up the channel (the child's side; errors are ignored:
 * the host sees a child that ended without saying it was done). */
static void send_record(int fd, char kind, const child_record *fields, const char *text) {
  child_record r = fields ? *fields : (child_record){0};
  r.kind = kind;
  size_t len = text ? strlen(text) : 0;
  r.len = (uint32_t)(len > CHILD_TEXT_MAX ? CHILD_TEXT_MAX : len);
  char buf[sizeof r + CHILD_TEXT_MAX];
  memcpy(buf, &r, sizeof r);
  if (r.len) memcpy(buf + sizeof r, text, r.len);
  const char *p = buf;
  size_t left = sizeof r + r.len;
  while (left > 0) {
    ssize_t n = write(fd, p, left);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;
    p += n;
    left -= (size_t)n;
  }
}

/* --- services ------------------------------------------------------------ */

/* Formats a log line and hands it to the caller's callback; plugin is the
 * name shown with it (NULL for the host's own lines). */
static void emit_log(const bd_output *out, const char *plugin, bd_log_level level, const char *fmt,
                     va_list ap) {
  if (out->log == NULL || (level == BD_LOG_DEBUG && !out->verbose)) return;
  char *text = NULL;
  if (vasprintf(&text, fmt, ap) < 0) return; /* out of memory: the line is lost */
  if (out->channel >= 0) {
    child_record r = {.from_plugin = plugin != NULL, .level = (unsigned char)level};
    send_record(out->channel, CHILD_LOG, &r, text);
  } else {
    out->log(out->log_context, plugin, level, text);
  }
  free(text);
}

/* A log line of the host itself. */
__attribute__((format(printf, 3, 4))) static void
host_note(const bd_output *out, bd_log_level level, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  emit_log(out, NULL, level, fmt, ap);
  va_end(ap);
}

static int host_write(bd_output *out, const void *data, size_t len) {
  return sink_write(out, data, len);
}

__attribute__((format(printf, 3, 4))) static void host_log(bd_output *out, bd_log_level level,
                                                           const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  emit_log(out, out->plugin_name ? out->plugin_name : "plugin", level, fmt, ap);
  va_end(ap);
}

static const char *host_message(bd_output *out, const char *key) {
  if (out->catalogue == NULL) return key;
  int failed_now;
  const char *text = bd_lazy_catalogue_get(out->catalogue, out->lang, key, &failed_now);
  if (failed_now)
    host_log(out, BD_LOG_WARNING, "cannot read the message catalogue (%s); labels show their keys",
             out->catalogue->error);
  return text;
}

static const char *host_message_or(bd_output *out, const char *key, const char *fallback) {
  const char *text = host_message(out, key);
  /* the catalogue hands back the key itself for a key it does not have */
  return text == key ? fallback : text;
}

static const char *host_option(bd_output *out, const char *name) {
  for (size_t i = out->option_count; i-- > 0;) /* the last -O of a name wins */
    if (strcmp(out->option_names[i], name) == 0) return out->option_values[i];
  const bd_option_spec *o;
  for (size_t i = 0; (o = bd_plugin_option(out->plugin, i)) != NULL; i++)
    if (strcmp(o->name, name) == 0) return o->default_value;
  return NULL;
}

__attribute__((format(printf, 2, 3))) static int host_print(bd_output *out, const char *fmt, ...) {
  char small[512];
  va_list ap, again;
  va_start(ap, fmt);
  va_copy(again, ap);
  int len = vsnprintf(small, sizeof small, fmt, ap);
  va_end(ap);
  int rc = -1;
  if (len >= 0 && (size_t)len < sizeof small) {
    rc = sink_write(out, small, (size_t)len);
  } else if (len >= 0) {
    char *big = malloc((size_t)len + 1);
    if (big != NULL && vsnprintf(big, (size_t)len + 1, fmt, again) == len)
      rc = sink_write(out, big, (size_t)len);
    free(big);
  }
  va_end(again);
  return rc;
}

static int host_puts(bd_output *out, const char *s) {
  return sink_write(out, s, strlen(s));
}

static const bd_host services = {
    .struct_size = sizeof(bd_host),
    .abi_major = BD_ABI_MAJOR,
    .abi_minor = BD_ABI_MINOR,
    .version = PACKAGE_VERSION,
    .write = host_write,
    .log = host_log,
    .format_number = bd_format_number,
    .message = host_message,
    .format_amount = bd_format_amount,
    .format_duration = bd_format_duration,
    .format_share = bd_format_share,
    .option = host_option,
    .sha256 = bd_sha256,
    .format_money = bd_format_money,
    .format_slo = bd_format_slo,
    .print = host_print,
    .puts = host_puts,
    .message_or = host_message_or,
};

/* --- one render ---------------------------------------------------------- */

/* Records a failure in result; returns -1. */
__attribute__((format(printf, 3, 4))) static int
fail(bd_render_result *result, bd_render_failure failure, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(result->message, sizeof result->message, fmt, ap);
  va_end(ap);
  result->failure = failure;
  return -1;
}

/* Writes ", "-separated the formats that a plugin of set renders several
 * plans in (the first plugin offering each) into buf. */
static void portfolio_formats(const bd_plugin_set *set, char *buf, size_t size) {
  size_t len = 0;
  buf[0] = '\0';
  for (size_t i = 0; i < set->count; i++) {
    const bd_plugin *p = set->files[i].plugin;
    if (p == NULL || !(bd_plugin_features(p) & BD_FEATURE_PORTFOLIO)) continue;
    for (const char *const *f = p->formats; *f; f++) {
      if (bd_plugins_shadowed(set, &set->files[i], *f)) continue;
      int n = snprintf(buf + len, size - len, "%s%s", len ? ", " : "", *f);
      if (n < 0 || (size_t)n >= size - len) return;
      len += (size_t)n;
    }
  }
  if (len == 0) snprintf(buf, size, "none is installed");
}

/* Returns 1 when a report of the job carries a comparison. */
static int shows_comparison(const bd_render_job *job) {
  if (job->portfolio == NULL) return job->report->comparison != NULL;
  for (size_t i = 0; i < job->portfolio->report_count; i++)
    if (job->portfolio->reports[i]->comparison) return 1;
  return 0;
}

/* Checks that the plugin shows what the job holds: several plans need
 * BD_FEATURE_PORTFOLIO (a failure); a comparison the plugin does not show
 * is only warned about.  Returns 0 or -1. */
static int check_features(const bd_plugin_set *set, const bd_plugin_file *pf,
                          const bd_render_job *job, const bd_output *out,
                          bd_render_result *result) {
  unsigned features = bd_plugin_features(pf->plugin);
  if (job->portfolio != NULL && !(features & BD_FEATURE_PORTFOLIO)) {
    char formats[256];
    portfolio_formats(set, formats, sizeof formats);
    return fail(result, BD_RENDER_UNSUPPORTED,
                "the %s plugin (%s) renders one plan at a time; render each plan on its own, or "
                "use a format that takes several (%s)",
                pf->plugin->name, pf->path, formats);
  }
  if (shows_comparison(job) && !(features & BD_FEATURE_COMPARISON))
    host_note(out, BD_LOG_WARNING,
              "the %s plugin does not show comparisons; %s is written without the comparison",
              pf->plugin->name, job->output);
  return 0;
}

/* What the host gathered from the render child's messages. */
typedef struct child_news {
  bd_output *out;
  char *pending; /* bytes of an incomplete record */
  size_t pending_len, pending_cap;
  int done, failed, write_errno;
  unsigned line, column;
  char message[sizeof((bd_error *)0)->message];
  int broken; /* a record made no sense: the rest is ignored */
} child_news;

/* Acts on one complete record from the child. */
static void take_record(child_news *news, const child_record *r, const char *text) {
  switch (r->kind) {
  case CHILD_LOG:
    if (news->out->log) {
      char *line = strndup(text, r->len);
      if (line == NULL) return;
      news->out->log(news->out->log_context, r->from_plugin ? news->out->plugin_name : NULL,
                     (bd_log_level)r->level, line);
      free(line);
    }
    break;
  case CHILD_FAILED:
    news->failed = 1;
    news->line = r->line;
    news->column = r->column;
    snprintf(news->message, sizeof news->message, "%.*s", (int)r->len, text);
    break;
  case CHILD_WRITE_FAILED: /* with the plugin's own message, if it gave one */
    news->write_errno = (int)r->value;
    snprintf(news->message, sizeof news->message, "%.*s", (int)r->len, text);
    break;
  case CHILD_DONE:
    news->done = 1;
    break;
  default:
    news->broken = 1;
  }
}

/* Receives bytes of the message pipe (a bd_child_channel's receive). */
static void receive_news(void *context, const char *data, size_t len) {
  child_news *news = context;
  if (news->broken) return;
  if (news->pending_len + len > news->pending_cap) {
    size_t cap = news->pending_cap ? news->pending_cap : 4096;
    while (cap < news->pending_len + len) cap *= 2;
    char *more = realloc(news->pending, cap);
    if (more == NULL) {
      news->broken = 1;
      return;
    }
    news->pending = more;
    news->pending_cap = cap;
  }
  memcpy(news->pending + news->pending_len, data, len);
  news->pending_len += len;
  size_t used = 0;
  while (news->pending_len - used >= sizeof(child_record)) {
    child_record r;
    memcpy(&r, news->pending + used, sizeof r);
    if (r.len > CHILD_TEXT_MAX) {
      news->broken = 1;
      return;
    }
    if (news->pending_len - used < sizeof r + r.len) break;
    take_record(news, &r, news->pending + used + sizeof r);
    used += sizeof r + r.len;
  }
  memmove(news->pending, news->pending + used, news->pending_len - used);
  news->pending_len -= used;
}

/* In the render child: calls the plugin and tells the host how it went;
 * never returns. */
static void render_in_child(const bd_plugin_file *pf, const bd_render_request *req, bd_output *out,
                            int channel) {
  bd_interrupt_reset_in_child(0);
#if defined(__linux__)
  prctl(PR_SET_PDEATHSIG, SIGKILL); /* a host killed with SIGKILL takes its child along */
#endif
  out->channel = channel;
  bd_error perr;
  memset(&perr, 0, sizeof perr);
  int rc = pf->plugin->render(&services, req, &perr);
  int write_errno = bd_output_write_error(out->file);
  if (rc == 0 && bd_output_flush(out->file) != 0) write_errno = bd_output_write_error(out->file);
  if (write_errno != 0) {
    /* the plugin stopped because a write failed, or its last bytes did not go out */
    child_record r = {.value = (uint32_t)write_errno};
    perr.message[sizeof perr.message - 1] = '\0';
    send_record(channel, CHILD_WRITE_FAILED, &r, rc != 0 ? perr.message : NULL);
    _exit(2);
  }
  if (rc != 0) {
    perr.message[sizeof perr.message - 1] = '\0';
    child_record r = {.line = perr.line, .column = perr.column};
    send_record(channel, CHILD_FAILED, &r, perr.message);
    _exit(1);
  }
  send_record(channel, CHILD_DONE, NULL, NULL);
  _exit(0);
}

/* Words how a plugin's process ended badly into result (the old report is
 * kept by the caller); returns -1. */
static int fail_ended(bd_render_result *result, int executable, const char *name, const char *path,
                      const bd_render_job *job, const bd_child_end *end) {
  const char *kept = strcmp(job->output, "-") == 0 ? "standard output may hold part of it"
                                                   : "the old report is unchanged";
  char sig[16];
  if (end->timed_out)
    return fail(result, BD_RENDER_PLUGIN_FAILED,
                "the %s plugin (%s) did not finish within %u second%s and was stopped "
                "(--plugin-timeout); %s",
                name, path, job->plugin_timeout, job->plugin_timeout == 1 ? "" : "s", kept);
  if (end->signal)
    return fail(result, BD_RENDER_PLUGIN_FAILED,
                "the %s plugin (%s) crashed with %s while rendering; %s", name, path,
                bd_signal_name(end->signal, sig), kept);
  return fail(result, BD_RENDER_PLUGIN_FAILED,
              "the %s plugin (%s) exited with status %d while rendering%s; %s", name, path,
              end->exit_status, executable ? "" : " (a plugin returns from render, never exits)",
              kept);
}

/* The request a plugin gets for job, in format, writing to out. */
static bd_render_request request_for(const bd_render_job *job, const char *format, bd_output *out) {
  bd_render_request req = {.struct_size = sizeof req,
                           .report = job->report,
                           .format = format,
                           .layout = job->layout,
                           .output = out,
                           .output_name = job->output,
                           .lang = job->lang,
                           .template_dir = job->template_dir,
                           .font_dir = job->font_dir,
                           .portfolio = job->portfolio,
                           .generated_at = job->generated_at,
                           .generated_at_set = job->generated_at_set};
  return req;
}

/* Calls the plugin in a child process on the opened output, then commits
 * or aborts the output. */
static int run_plugin(const bd_plugin_file *pf, const bd_render_job *job, bd_output *out,
                      bd_render_result *result) {
  bd_render_request req = request_for(job, job->format, out);
  host_note(out, BD_LOG_DEBUG, "using %s (%s)", pf->plugin->name, pf->path);
  int pipefd[2];
  if (pipe2(pipefd, O_CLOEXEC) != 0) {
    bd_output_abort(out->file);
    return fail(result, BD_RENDER_PLUGIN_FAILED, "cannot start the render: %s", strerror(errno));
  }
  fflush(NULL); /* nothing the host buffered may be written twice */
  pid_t pid = fork();
  if (pid < 0) {
    int saved = errno;
    close(pipefd[0]);
    close(pipefd[1]);
    bd_output_abort(out->file);
    return fail(result, BD_RENDER_PLUGIN_FAILED, "cannot start the render: %s", strerror(saved));
  }
  if (pid == 0) {
    close(pipefd[0]);
    render_in_child(pf, &req, out, pipefd[1]);
  }
  close(pipefd[1]);
  bd_interrupt_track_child(pid);
  child_news news = {.out = out};
  bd_child_channel channel = {.fd = pipefd[0], .receive = receive_news, .context = &news};
  bd_child_end end;
  int rc = bd_child_supervise(pid, pid, &channel, 1, job->plugin_timeout, &end);
  bd_interrupt_track_child(0);
  free(news.pending);
  char err[1024];
  if (rc != 0) {
    bd_output_abort(out->file);
    return fail(result, BD_RENDER_PLUGIN_FAILED, "lost the render of the %s plugin (%s): %s",
                pf->plugin->name, pf->path, strerror(errno));
  }
  if (end.exited && end.exit_status == 2 && news.write_errno) {
    /* The plugin stopped because a write failed: an output problem. */
    bd_output_fail(out->file, news.write_errno);
    bd_output_commit(out->file, err, sizeof err);
    if (news.message[0])
      return fail(result, BD_RENDER_OUTPUT, "%s (the %s plugin: %s)", err, pf->plugin->name,
                  news.message);
    return fail(result, BD_RENDER_OUTPUT, "%s", err);
  }
  if (end.exited && end.exit_status == 1 && news.failed) {
    bd_output_abort(out->file);
    result->line = news.line;
    result->column = news.line ? news.column : 0;
    if (news.line) return fail(result, BD_RENDER_PLUGIN_FAILED, "%s", news.message);
    return fail(result, BD_RENDER_PLUGIN_FAILED, "%s plugin failed: %s", pf->plugin->name,
                news.message[0] ? news.message : "no reason given");
  }
  if (!(end.exited && end.exit_status == 0 && news.done)) {
    bd_output_abort(out->file);
    return fail_ended(result, 0, pf->plugin->name, pf->path, job, &end);
  }
  if (bd_output_commit_checked(out->file, job->no_clobber, &result->unchanged, err, sizeof err) !=
      0)
    return fail(result, BD_RENDER_OUTPUT, "%s", err);
  host_note(out, BD_LOG_DEBUG, "%s %s (%s, %s layout)", result->unchanged ? "unchanged" : "wrote",
            job->output, job->format, job->layout);
  return 0;
}

/* --- executable plugins --------------------------------------------------- */

/* The report's JSON, the json format's bytes, from the json plugin's code
 * linked into the host (plugins/json/json.c; Makefile.am renames its entry). */
const bd_plugin *bd_json_plugin_entry(void);

/* Appends s to m as a JSON string literal. */
static int json_string(memory_sink *m, bd_output *mem, const char *s) {
  if (sink_write(mem, "\"", 1) != 0) return -1;
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    char esc[8];
    if (*p == '"' || *p == '\\')
      snprintf(esc, sizeof esc, "\\%c", *p);
    else if (*p < 0x20)
      snprintf(esc, sizeof esc, "\\u%04x", *p);
    else {
      esc[0] = (char)*p;
      esc[1] = '\0';
    }
    if (sink_write(mem, esc, strlen(esc)) != 0) return -1;
  }
  (void)m;
  return sink_write(mem, "\"", 1);
}

/* Writes the request of protocol 1 into mem's memory sink:
 *   {"protocol":1,"request":{...},"report":THE JSON FORMAT'S BYTES}
 * Returns 0, or -1 (out of memory, or the JSON writer failed: err). */
static int build_exec_input(const bd_plugin_file *pf, const bd_render_job *job, bd_output *out,
                            bd_output *mem, bd_error *err) {
  memory_sink *m = mem->memory;
  char num[64];
  int rc = host_puts(mem, "{\"protocol\": 1, \"request\": {\"format\": ");
  rc |= json_string(m, mem, job->format);
  rc |= host_puts(mem, ", \"layout\": ");
  rc |= json_string(m, mem, job->layout);
  rc |= host_puts(mem, ", \"lang\": ");
  rc |= json_string(m, mem, job->lang);
  rc |= host_puts(mem, ", \"output_name\": ");
  rc |= json_string(m, mem, job->output);
  const char *ext = bd_exec_plugin_extension(pf, job->format);
  rc |= host_puts(mem, ", \"extension\": ");
  rc |= json_string(m, mem, ext ? ext : job->format);
  snprintf(num, sizeof num, "%lld", (long long)job->generated_at);
  rc |= host_print(mem, ", \"generated_at\": %s", job->generated_at_set ? num : "null");
  rc |= host_puts(mem, ", \"badday_version\": ");
  rc |= json_string(m, mem, PACKAGE_VERSION);
  rc |= host_print(mem, ", \"abi\": \"%d.%d\", \"portfolio\": %s, \"comparison\": %s", BD_ABI_MAJOR,
                   BD_ABI_MINOR, job->portfolio ? "true" : "false",
                   shows_comparison(job) ? "true" : "false");
  rc |= host_puts(mem, ", \"options\": {");
  const bd_option_spec *o;
  int first = 1;
  for (size_t i = 0; (o = bd_plugin_option(pf->plugin, i)) != NULL; i++) {
    const char *value = host_option(out, o->name);
    if (value == NULL) continue;
    rc |= host_puts(mem, first ? "" : ", ");
    rc |= json_string(m, mem, o->name);
    rc |= host_puts(mem, ": ");
    rc |= json_string(m, mem, value);
    first = 0;
  }
  rc |= host_puts(mem, "}}, \"report\": ");
  if (rc != 0) return -1;
  const bd_plugin *json = bd_json_plugin_entry();
  bd_render_request req = request_for(job, "json", mem);
  if (json->render(&services, &req, err) != 0) return -1;
  return host_puts(mem, "}\n");
}

/* Writes a chunk of the program's standard output to the destination (a
 * bd_exec_plugin_run sink; after a failed write the rest is only drained). */
static void exec_output(void *context, const char *data, size_t len) {
  bd_output_write(context, data, len);
}

/* Shows what the program wrote on stderr as the plugin's log lines. */
static void show_exec_messages(bd_output *out, const bd_exec_messages *m) {
  char *text = strdup(m->text);
  if (text == NULL) return;
  char *save = NULL;
  for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
    host_log(out, BD_LOG_INFO, "%s", line);
  if (m->dropped)
    host_log(out, BD_LOG_INFO, "... %zu more bytes of messages not shown", m->dropped);
  free(text);
}

/* Runs an executable plugin on the opened output, then commits or aborts it. */
static int run_exec_plugin(const bd_plugin_file *pf, const bd_render_job *job, bd_output *out,
                           bd_render_result *result) {
  host_note(out, BD_LOG_DEBUG, "using %s (%s, protocol %d)", pf->plugin->name, pf->path,
            BD_EXEC_PROTOCOL);
  memory_sink sink = {0};
  bd_output mem = *out;
  mem.memory = &sink;
  mem.plugin = bd_json_plugin_entry();
  mem.plugin_name = "json";
  mem.option_count = 0;
  bd_error jerr;
  memset(&jerr, 0, sizeof jerr);
  if (build_exec_input(pf, job, out, &mem, &jerr) != 0) {
    free(sink.data);
    bd_output_abort(out->file);
    return fail(result, BD_RENDER_PLUGIN_FAILED, "cannot write the request for the %s plugin: %s",
                pf->plugin->name, jerr.message[0] ? jerr.message : "out of memory");
  }
  bd_exec_messages *messages = malloc(sizeof *messages);
  if (messages == NULL) {
    free(sink.data);
    bd_output_abort(out->file);
    return fail(result, BD_RENDER_PLUGIN_FAILED, "out of memory");
  }
  bd_child_end end;
  int rc = bd_exec_plugin_run(pf, sink.data, sink.len, job->plugin_timeout, exec_output, out->file,
                              messages, &end);
  int saved = errno;
  free(sink.data);
  show_exec_messages(out, messages);
  free(messages);
  char err[1024];
  if (rc != 0) {
    bd_output_abort(out->file);
    return fail(result, BD_RENDER_PLUGIN_FAILED, "cannot run the %s plugin (%s): %s",
                pf->plugin->name, pf->path, strerror(saved));
  }
  if (!(end.exited && end.exit_status == 0)) {
    bd_output_abort(out->file);
    return fail_ended(result, 1, pf->plugin->name, pf->path, job, &end);
  }
  if (bd_output_write_error(out->file) != 0) {
    bd_output_commit(out->file, err, sizeof err); /* reports the write error */
    return fail(result, BD_RENDER_OUTPUT, "%s", err);
  }
  if (bd_output_size(out->file) == 0) {
    bd_output_abort(out->file);
    return fail(result, BD_RENDER_PLUGIN_FAILED,
                "the %s plugin (%s) exited with status 0 but wrote nothing on its standard "
                "output; %s",
                pf->plugin->name, pf->path,
                strcmp(job->output, "-") == 0 ? "nothing was written"
                                              : "the old report is unchanged");
  }
  if (bd_output_commit_checked(out->file, job->no_clobber, &result->unchanged, err, sizeof err) !=
      0)
    return fail(result, BD_RENDER_OUTPUT, "%s", err);
  host_note(out, BD_LOG_DEBUG, "%s %s (%s, %s layout)", result->unchanged ? "unchanged" : "wrote",
            job->output, job->format, job->layout);
  return 0;
}

int bd_render(const bd_plugin_set *set, const bd_render_job *job, bd_render_result *result) {
  memset(result, 0, sizeof *result);
  const bd_plugin_file *pf = bd_plugins_find(set, job->format);
  if (pf == NULL)
    return fail(result, BD_RENDER_NO_PLUGIN, "no plugin renders the format '%s'", job->format);
  result->plugin = pf->plugin;
  if (bd_plugin_check_options(pf->plugin, job->option_names, job->option_values, job->option_count,
                              result->message, sizeof result->message) != 0) {
    result->failure = BD_RENDER_BAD_OPTION;
    return -1;
  }
  /* An overriding template directory without messages.tsv uses the fallback. */
  bd_lazy_catalogue catalogue = {{job->template_dir, job->fallback_template_dir}, NULL, 0, ""};
  bd_output out = {.plugin_name = pf->plugin->name,
                   .catalogue = &catalogue,
                   .lang = job->lang,
                   .verbose = job->verbose,
                   .option_names = job->option_names,
                   .option_values = job->option_values,
                   .option_count = job->option_count,
                   .plugin = pf->plugin,
                   .log = job->log,
                   .log_context = job->log_context,
                   .channel = -1};
  if (check_features(set, pf, job, &out, result) != 0) return -1;
  int rc;
  if (bd_output_open(job->output, &out.file, result->message, sizeof result->message) != 0) {
    result->failure = BD_RENDER_OUTPUT;
    rc = -1;
  } else {
    rc = pf->exec ? run_exec_plugin(pf, job, &out, result) : run_plugin(pf, job, &out, result);
  }
  bd_lazy_catalogue_free(&catalogue);
  return rc;
}
