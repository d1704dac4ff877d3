/*
 * badday/plugin.h - the one header a badday output plugin needs.
 *
 * A plugin is a shared object that exports one function,
 *
 *     const bd_plugin *bd_plugin_entry(void);
 *
 * returning a static, constant descriptor; BD_PLUGIN_DEFINE writes both:
 *
 *     BD_PLUGIN_DEFINE("mine", "one line for badday plugins", formats, render,
 *                      options, features)
 *
 * The host checks the descriptor's
 * magic number, ABI version and size before it uses anything else, then calls
 * render() with a services table (bd_host) and a read-only report model
 * (badday/report.h).  A plugin never links against badday: everything it
 * needs from the host comes through the services table, so it builds with
 *
 *     cc $(pkg-config --cflags badday-plugin) -shared -fPIC -o my.so my.c
 *
 * ABI policy
 *   - BD_ABI_MAJOR changes when a struct member is removed, reordered or
 *     changes meaning, or a function's signature changes.  The host refuses
 *     a plugin built for another major.
 *   - BD_ABI_MINOR grows when members are appended at the end of a struct or
 *     a new service is appended to bd_host.  The host loads any plugin whose
 *     minor is not newer than its own.
 *   - The growth rule: a struct is only ever reached through a pointer and
 *     only grows at its end; read a member newer than your build only after
 *     BD_HAS.  Every struct the host hands over starts with struct_size (the
 *     host's sizeof), and lists of structs are arrays of pointers
 *     (r->scenarios[i]->title), so a grown element never moves the next.
 *     The one array the host reads from a plugin, its options, is read with
 *     the plugin's stride (bd_plugin.option_size).
 *
 * ABI change log
 *   1.0  first release: bd_plugin, bd_host, bd_render_request, bd_error and
 *        the report model of badday/report.h.
 *   1.1  several plans in one report and comparisons:
 *        bd_render_request.portfolio (bd_portfolio), bd_report.comparison
 *        (bd_comparison, bd_scenario_delta, bd_change), bd_plugin.features
 *        (BD_FEATURE_PORTFOLIO, BD_FEATURE_COMPARISON).  A 1.0 plugin still
 *        renders one plan; the host refuses to hand it several and warns
 *        that it does not show a comparison.
 *   1.2  one display rule for every writer (doc/display-rules.md):
 *        bd_host.format_money (amounts in the request's language: yen in
 *        Japanese as 円 with 万/億/兆; BD_MONEY_COMPACT, BD_MONEY_BARE) and
 *        bd_host.format_slo (the SLO as the plan wrote it); format_share
 *        never reads "100%" or "0%" for a share that is not exactly 1 or 0.
 *   2.0  a report model that can grow; replaces 1.x (the host refuses 1.x
 *        plugins).  Every struct of badday/report.h starts with struct_size,
 *        and every list of model structs is an array of pointers: scenarios,
 *        losses, failures, measures, trees and their nodes, matrix rows,
 *        comparison deltas, extension items, and state[] and totals[] are
 *        pointers to bd_figures and bd_totals (`.` becomes `->` after the
 *        index).  bd_portfolio and bd_comparison have struct_size.  BD_HAS
 *        replaces hand-written struct_size/offsetof checks; BD_PLUGIN_DEFINE
 *        writes the descriptor and bd_plugin_entry(); bd_plugin.option_size
 *        is the stride the host reads the options with.  Every member of 1.2
 *        is kept with its meaning.  Also new in 2.0: bd_host.print and
 *        bd_host.puts (text through the host's output buffer) and
 *        bd_render_request.generated_at (the generation time, which the PDF
 *        plugin writes as its creation date instead of reading
 *        SOURCE_DATE_EPOCH).
 *   2.1  waivers of CI gate rules: bd_scenario.waivers and waiver_count
 *        (bd_waiver: rule, reason, until, expired); the fourth state,
 *        proven (only verified measures count): bd_scenario.proven,
 *        bd_report.proven_totals, and eal_proven in bd_failure, bd_loss and
 *        bd_portfolio.  All appended at the ends of their structs; read them
 *        after BD_HAS, e.g. BD_HAS(s, bd_scenario, proven).
 *   2.2  ranges and the simulation (plan format, "Ranges"): bd_range;
 *        bd_figures.range and bd_totals.range; bd_scenario.has_pays_off,
 *        pays_off, has_confidence, confidence and uncertain; bd_loss.range[]
 *        and range_proven; bd_report.simulation (bd_simulation: trials,
 *        seed and the loss-exceedance curve).  NULL or 0 for a plan
 *        without ranges.  Also in 2.2: bd_host.message_or (a label with
 *        the plugin's own fallback for a key the catalogue lacks) and the
 *        common labels column.id, column.measures, column.kind,
 *        column.status, column.title and column.owner; bd_plugin.extensions
 *        (the file extension of each format, BD_PLUGIN_DEFINE_EXTENSIONS);
 *        bd_report.scenarios_by_loss (every scenario by current yearly
 *        loss, largest first, ties in file order: plugins need not sort).
 *   2.3  the history of a service (`--history DIR`): bd_report.history
 *        (bd_history: every archived period of the service before this
 *        report's, then this report, as bd_history_point: yearly loss now
 *        and planned, error budget used, coverage, verified coverage and
 *        decisions needed).  NULL without --history.
 */
#ifndef BADDAY_PLUGIN_H
#define BADDAY_PLUGIN_H

#include <stddef.h>
#include <stdint.h>
#include <badday/report.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The colours every badday view uses, as 0xRRGGBB, so that the HTML, the PDF
 * and third-party plugins agree.  Chosen to stay distinct for the common
 * colour-vision deficiencies and in greyscale; every cell also carries a
 * word or mark, so colour is never the only signal. */
#define BD_COLOR_CELL_NONE        0xE6E6E6 /* light grey */
#define BD_COLOR_CELL_PLANNED     0xBFD7EA /* pale blue */
#define BD_COLOR_CELL_IMPLEMENTED 0x6BAED6 /* mid blue */
#define BD_COLOR_CELL_STALE       0xF2C14E /* amber */
#define BD_COLOR_CELL_VERIFIED    0x1B7837 /* dark green (white text) */
#define BD_COLOR_CELL_FAILING     0xB2182B /* dark red (white text) */
#define BD_COLOR_HEAT_LOW         0xFFF5EB /* loss-matrix shading, 0 */
#define BD_COLOR_HEAT_HIGH        0xD94801 /* loss-matrix shading, 1 */
#define BD_COLOR_TEXT             0x1F2933
#define BD_COLOR_MUTED            0x616E7C
#define BD_COLOR_ACCENT           0x0B4F8A

#define BD_PLUGIN_MAGIC 0xBADDA700u
#define BD_ABI_MAJOR    2
#define BD_ABI_MINOR    3

/* True when the struct at ptr, of type `type` as the host built it, has
 * `member`: its struct_size covers the member.  Check it before reading a
 * member newer than the ABI your plugin was built against (the struct then
 * comes from an older host), e.g. BD_HAS(host, bd_host, format_slo).  The
 * plugin-side counterpart of Apache's AP_MODULE_MAGIC_AT_LEAST. */
#define BD_HAS(ptr, type, member)                                                                  \
  ((ptr)->struct_size >= offsetof(type, member) + sizeof(((const type *)0)->member))

/* The name of the one function a plugin exports. */
#define BD_PLUGIN_ENTRY_NAME "bd_plugin_entry"

/* Where a render writes; opaque to plugins, written through bd_host.write. */
typedef struct bd_output bd_output;

/* An error a plugin returns from render().  The host zeroes it before the
 * call; the plugin fills message (NUL-terminated, truncated to fit) and, when
 * the error is about a place in the plan, line and column (1-based). */
typedef struct bd_error {
  char message[512];
  unsigned line;
  unsigned column;
} bd_error;

/* Severity for bd_host.log. */
typedef enum bd_log_level { BD_LOG_DEBUG = 0, BD_LOG_INFO = 1, BD_LOG_WARNING = 2 } bd_log_level;

/* The services the host offers a plugin.  Valid for one render call. */
typedef struct bd_host {
  size_t struct_size; /* sizeof(bd_host) in the host; check before using newer members */
  int abi_major;
  int abi_minor;
  const char *version; /* badday's version, e.g. "0.1.0" */

  /* Appends len bytes to the output.  Returns 0, or -1 when the write failed
   * (disk full, closed pipe): the plugin should then stop and return -1; the
   * host reports the write error itself and keeps the old file. */
  int (*write)(bd_output *out, const void *data, size_t len);

  /* Logs a message for the user (shown on stderr with the plugin's name;
   * DEBUG only with --verbose).  printf-style; never write to stderr directly. */
  void (*log)(bd_output *out, bd_log_level level, const char *fmt, ...)
#if defined(__GNUC__)
      __attribute__((format(printf, 3, 4)))
#endif
      ;

  /* Writes the shortest text that reads back as exactly v ("0.1", "1e+21",
   * "300000"), with a decimal point whatever the locale, into buf (size at
   * least 32).  NaN and infinities give "null".  Returns the length. */
  size_t (*format_number)(double v, char *buf, size_t size);

  /* Returns the label for `key` (e.g. "heading.summary", "cell.verified")
   * in the request's language from the message catalogue
   * (templates/messages.tsv), falling back to English, then to the key
   * itself (use message_or, ABI 2.2, to give your own fallback).  The string belongs to the host
   * and lives for the render call. */
  const char *(*message)(bd_output *out, const char *key);

  /* People's formats, the same in every output and independent of the
   * locale.  Each writes into buf (size at least 64) and returns the length.
   *   format_amount:   "JPY 1,234,568" (rounded to a whole unit), or with
   *                    compact set "JPY 1.2M" (K, M, B, T); currency may be NULL.
   *   format_duration: hours as "4h 30m", "2d 3h", "45m", "30s" (two units at most).
   *   format_share:    0.375 as "37.5%", 0.0004 as "0.04%", 0 as "0%"; since
   *                    ABI 1.2 only exactly 1 reads "100%" (0.99996 as
   *                    "99.996%") and only 0 reads "0%". */
  size_t (*format_amount)(double v, const char *currency, int compact, char *buf, size_t size);
  size_t (*format_duration)(double hours, char *buf, size_t size);
  size_t (*format_share)(double share, char *buf, size_t size);

  /* Returns the value of the plugin option `name` for this render: the
   * value given with -O name=value, else the option's default_value, else
   * NULL.  The host has already rejected options the plugin does not
   * declare and values outside an option's `values`.  The string belongs
   * to the host and lives for the render call. */
  const char *(*option)(bd_output *out, const char *name);

  /* SHA-256 of len bytes of data into digest (32 bytes), for plugins that
   * hash what they write (a Content-Security-Policy, a manifest). */
  void (*sha256)(const void *data, size_t len, unsigned char digest[32]);

  /* ABI 1.2 (check struct_size first).  People's formats that follow the
   * request's language; every writer formats amounts and the SLO through
   * these.  Each writes into buf (size at least 64) and returns the length.
   *   format_money: v in whole units, rounded half away from zero, with
   *                 the currency code before it ("USD 52,500"); with
   *                 BD_MONEY_COMPACT in `compact` "USD 53K" (K, M, B, T).
   *                 With lang "ja" and currency "JPY": "88,080,000円",
   *                 compact "8,808万円", "1.2億円", "1.2兆円".  With
   *                 BD_MONEY_BARE or'ed in, the currency is left out and the
   *                 units kept ("8,808万", "53K"), for a column whose heading
   *                 names the currency.  currency may be NULL; lang is
   *                 req->lang (NULL means "en").
   *   format_slo:   the SLO percentage as the plan wrote it: 99.95 as
   *                 "99.95%", 99.999 as "99.999%", never rounded. */
  size_t (*format_money)(double v, const char *currency, int compact, const char *lang, char *buf,
                         size_t size);
  size_t (*format_slo)(double slo_percent, char *buf, size_t size);

  /* ABI 2.0.  Text written through the host's output buffer, so that a
   * plugin writing text needs no buffer of its own.
   *   print: formats like printf (the C library's conversions, so numbers
   *          a reader sees go through format_number or the people's
   *          formats above) and appends the text; any length.
   *   puts:  appends the NUL-terminated s as it is (no newline added).
   * Both return 0, or -1 when the write failed (or memory ran out), like
   * write: the plugin should then stop and return -1. */
  int (*print)(bd_output *out, const char *fmt, ...)
#if defined(__GNUC__)
      __attribute__((format(printf, 2, 3)))
#endif
      ;
  int (*puts)(bd_output *out, const char *s);

  /* ABI 2.2 (check BD_HAS(host, bd_host, message_or) first).  Like message,
   * but for a key the catalogue does not have (or when it cannot be read)
   * it returns `fallback`, the plugin's own label, instead of the key: a
   * plugin ships its own labels and picks the fallback for req->lang, so
   * --lang ja output is not mixed.  Returns the host's string (living for
   * the render call) or fallback itself (owned by the plugin). */
  const char *(*message_or)(bd_output *out, const char *key, const char *fallback);
} bd_host;

/* Bits of format_money's `compact`. */
#define BD_MONEY_COMPACT 0x1 /* "USD 53K", "8,808万円" instead of every digit */
#define BD_MONEY_BARE    0x2 /* without the currency, keeping its units */

/* What to render: one report (or a portfolio) in one format.  Valid for one
 * render call. */
typedef struct bd_render_request {
  size_t struct_size;      /* sizeof(bd_render_request) in the host */
  const bd_report *report; /* the analysed plan */
  const char *format;      /* one of the plugin's formats, e.g. "json" */
  const char *layout;      /* "report" or "slides" */
  bd_output *output;       /* pass to host->write and host->log */
  const char *output_name; /* the destination as the user named it ("-" for stdout); for messages */
  const char *lang;        /* "en" or "ja": the language of labels */
  const char *template_dir; /* directory of the templates (page skeletons, CSS, messages.tsv) */
  const char *font_dir;     /* directory of the fontconfig configuration (fonts.conf) */
  /* ABI 1.1: with several plans, all of them and the portfolio figures
   * (report is then the first plan); NULL for one plan.  Only handed to a
   * plugin that declares BD_FEATURE_PORTFOLIO. */
  const bd_portfolio *portfolio;
  /* ABI 2.0: when the report was generated, in seconds since 1970-01-01
   * UTC; meaningful only when generated_at_set is 1.  The host takes it
   * from SOURCE_DATE_EPOCH, else (for an archive) the plan's as-of date,
   * else the clock.  A plugin writes it wherever its format records a
   * creation time (the PDF's CreationDate and ModDate) and never reads
   * the clock or the environment itself, so two renders of one request
   * are identical. */
  int64_t generated_at;
  int generated_at_set;
} bd_render_request;

/* An option a plugin takes (-O name=value on the command line). */
typedef struct bd_option_spec {
  const char *name;          /* e.g. "paper"; [a-z0-9_-]+ */
  const char *help;          /* one line for `badday plugins -v` */
  const char *const *values; /* NULL-terminated allowed values, or NULL for any text */
  const char *default_value; /* or NULL */
} bd_option_spec;

/* The descriptor a plugin returns from bd_plugin_entry(). */
typedef struct bd_plugin {
  uint32_t magic;             /* BD_PLUGIN_MAGIC */
  uint16_t abi_major;         /* BD_ABI_MAJOR the plugin was built against */
  uint16_t abi_minor;         /* BD_ABI_MINOR the plugin was built against */
  size_t struct_size;         /* sizeof(bd_plugin) the plugin was built with */
  const char *name;           /* short name, e.g. "json" */
  const char *description;    /* one line for `badday plugins` */
  const char *const *formats; /* NULL-terminated; the file extension unless `extensions` says */

  /* Renders req->report to req->output.  Returns 0 on success; on failure
   * fills err and returns -1.  Must not keep pointers into the report, must
   * not print, exit or change the process's locale. */
  int (*render)(const bd_host *host, const bd_render_request *req, bd_error *err);

  /* The options the plugin takes, ended by an entry whose name is NULL; NULL
   * when it takes none.  The host rejects any other -O option. */
  const bd_option_spec *options;

  /* What the plugin shows beyond one plan, BD_FEATURE_* or'ed. */
  unsigned features;

  /* sizeof(bd_option_spec) the plugin was built with: the stride the host
   * reads `options` with, so that bd_option_spec can grow. */
  size_t option_size;

  /* ABI 2.2: the file extension of each format, parallel to `formats`
   * (without the dot, e.g. "md"; a NULL entry means the format's name), or
   * NULL when every format is its own extension.  The host uses it for the
   * default output name and to find the format of `-o FILE.EXT`, as for
   * executable plugins; BD_PLUGIN_DEFINE_EXTENSIONS fills it in. */
  const char *const *extensions;
} bd_plugin;

/* bd_plugin.features */
#define BD_FEATURE_PORTFOLIO  0x1u /* renders req->portfolio (several plans) */
#define BD_FEATURE_COMPARISON 0x2u /* shows report->comparison */

/* The type of the entry function. */
typedef const bd_plugin *(*bd_plugin_entry_fn)(void);

/* Declares the entry function with default visibility (BD_PLUGIN_DEFINE
 * uses it). */
#if defined(__GNUC__)
#define BD_PLUGIN_EXPORT __attribute__((visibility("default")))
#else
#define BD_PLUGIN_EXPORT
#endif

BD_PLUGIN_EXPORT const bd_plugin *bd_plugin_entry(void);

/* Defines a plugin: its static, constant descriptor (magic number, the ABI
 * and the sizes it was built with filled in) and the exported
 * bd_plugin_entry() returning it.  Write it once, at file scope:
 *     static const char *const formats[] = {"txt", NULL};
 *     BD_PLUGIN_DEFINE("summary", "a one-page text summary", formats, render, NULL, 0)
 * `options` is a bd_option_spec array ended by a NULL name, or NULL;
 * `features` is BD_FEATURE_* or'ed, or 0.  The descriptor belongs to the
 * plugin and lives as long as it is loaded. */
#define BD_PLUGIN_DEFINE(name_, description_, formats_, render_, options_, features_)              \
  BD_PLUGIN_DEFINE_EXTENSIONS(name_, description_, formats_, NULL, render_, options_, features_)

/* Like BD_PLUGIN_DEFINE, with the file extension of each format (ABI 2.2):
 *     static const char *const formats[] = {"register", NULL};
 *     static const char *const extensions[] = {"md", NULL};
 *     BD_PLUGIN_DEFINE_EXTENSIONS("register", "a risk register", formats,
 *                                 extensions, render, NULL, 0)
 * A plugin built with it needs a 2.2 host (older ones refuse newer minors). */
#define BD_PLUGIN_DEFINE_EXTENSIONS(name_, description_, formats_, extensions_, render_, options_, \
                                    features_)                                                     \
  static const bd_plugin bd_plugin_descriptor = {                                                  \
      .magic = BD_PLUGIN_MAGIC,                                                                    \
      .abi_major = BD_ABI_MAJOR,                                                                   \
      .abi_minor = BD_ABI_MINOR,                                                                   \
      .struct_size = sizeof(bd_plugin),                                                            \
      .name = (name_),                                                                             \
      .description = (description_),                                                               \
      .formats = (formats_),                                                                       \
      .render = (render_),                                                                         \
      .options = (options_),                                                                       \
      .features = (features_),                                                                     \
      .option_size = sizeof(bd_option_spec),                                                       \
      .extensions = (extensions_),                                                                 \
  };                                                                                               \
  BD_PLUGIN_EXPORT const bd_plugin *bd_plugin_entry(void) {                                        \
    return &bd_plugin_descriptor;                                                                  \
  }

#ifdef __cplusplus
}
#endif
#endif
