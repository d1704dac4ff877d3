/* exec_plugin.c - see exec_plugin.h. */
#include "output/exec_plugin.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/prctl.h>
#endif

#include "base/arena.h"
#include "base/diag.h"
#include "output/interrupt.h"
#include "plan/yaml_read.h"
#include "plan/ynode.h"

enum {
  DESCRIBE_TIMEOUT = 10,     /* seconds --describe may take */
  DESCRIPTOR_MAX = 64 * 1024 /* bytes of a descriptor */
};

/* An executable plugin's program and the descriptor made from --describe. */
struct bd_exec_info {
  int fd;                  /* the checked program, open for fexecve */
  bd_arena arena;          /* every string and array below */
  bd_plugin plugin;        /* what the host lists, picks by format and checks options with */
  const char **extensions; /* per format (parallel to plugin.formats), NULL: the format's name */
};

/* Returns 1 when s[0..len) is a valid name (host.h). */
static int is_short_name(const char *s, size_t len) {
  return bd_plugin_valid_name(s, len);
}

int bd_exec_plugin_name(const char *name) {
  size_t plen = strlen(BD_EXEC_PREFIX);
  return strncmp(name, BD_EXEC_PREFIX, plen) == 0 &&
         is_short_name(name + plen, strlen(name + plen));
}

/* --- running the program ------------------------------------------------- */

/* The environment an executable plugin gets: only these variables, when
 * set (doc/plugins.md lists them), and BADDAY_PLUGIN_PROTOCOL. */
static const char *const allowed_env[] = {"PATH",   "HOME",     "LANG",
                                          "LC_ALL", "LC_CTYPE", "LC_MESSAGES",
                                          "TZ",     "TMPDIR",   "SOURCE_DATE_EPOCH"};
enum { ENV_MAX = sizeof allowed_env / sizeof allowed_env[0] + 2 };

/* Fills env (ENV_MAX entries) from the allow-list; the strings in store. */
static void clean_environment(char *store, size_t size, const char *env[ENV_MAX]) {
  size_t n = 0, used = 0;
  for (size_t i = 0; i < sizeof allowed_env / sizeof allowed_env[0]; i++) {
    const char *v = getenv(allowed_env[i]);
    if (v == NULL) continue;
    int len = snprintf(store + used, size - used, "%s=%s", allowed_env[i], v);
    if (len < 0 || (size_t)len >= size - used) continue; /* too long: left out */
    env[n++] = store + used;
    used += (size_t)len + 1;
  }
  env[n++] = "BADDAY_PLUGIN_PROTOCOL=1";
  env[n] = NULL;
}

/* In the child: wires the pipes to 0, 1 and 2, closes everything else but
 * the program and executes it; never returns. */
static void exec_in_child(int program, const char *path, const char *arg, int in, int out, int err,
                          char *const *env) {
  bd_interrupt_reset_in_child(1);
  setpgid(0, 0); /* its own group, so that a time-out stops its children too */
#if defined(__linux__)
  prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
  /* the program's descriptor goes above the three, where dup2 cannot clobber it */
  int prog = fcntl(program, F_DUPFD, 3);
  if (prog < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0) _exit(127);
  if (prog != 3) {
    if (dup2(prog, 3) < 0) _exit(127);
    prog = 3;
  }
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
  closefrom(4); /* one close_range(2) call */
#else
  struct rlimit rl;
  long max = getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < 65536 ? (long)rl.rlim_cur : 65536;
  for (long fd = 4; fd < max; fd++) close((int)fd);
#endif
  /* a script's interpreter opens /dev/fd/3, so it must survive the exec */
  fcntl(prog, F_SETFD, 0);
  char *argv[3] = {(char *)path, (char *)arg, NULL};
  fexecve(prog, argv, env);
  dprintf(2, "cannot run %s: %s\n", path, strerror(errno));
  _exit(127);
}

/* Keeps an executable plugin's stderr: whole lines, escaped, up to the
 * size of messages->text; the rest is only counted. */
static void keep_messages(void *context, const char *data, size_t len) {
  bd_exec_messages *m = context;
  m->total += len;
  size_t used = strlen(m->text);
  for (size_t i = 0; i < len; i++) {
    unsigned char c = (unsigned char)data[i];
    char esc[8] = {0};
    size_t elen = 1;
    if (c == '\n') {
      esc[0] = '\n';
    } else if (c < 0x20 || c == 0x7f) {
      elen = (size_t)snprintf(esc, sizeof esc, "\\x%02x", c);
    } else if (c == 0xe2 && i + 2 < len && (unsigned char)data[i + 1] == 0x80 &&
               (((unsigned char)data[i + 2] >= 0xa8 && (unsigned char)data[i + 2] <= 0xae))) {
      /* U+2028, U+2029 and the bidi controls U+202A-202E */
      elen =
          (size_t)snprintf(esc, sizeof esc, "\\u%04x", 0x2000 + (unsigned char)data[i + 2] - 0x80);
      i += 2;
    } else if (c == 0xe2 && i + 2 < len && (unsigned char)data[i + 1] == 0x81 &&
               (unsigned char)data[i + 2] >= 0xa6 && (unsigned char)data[i + 2] <= 0xa9) {
      /* the bidi isolates U+2066-2069 */
      elen =
          (size_t)snprintf(esc, sizeof esc, "\\u%04x", 0x2040 + (unsigned char)data[i + 2] - 0x80);
      i += 2;
    } else {
      esc[0] = (char)c;
    }
    if (m->dropped || used + elen + 1 >= sizeof m->text || m->lines >= BD_EXEC_MESSAGE_LINES) {
      m->dropped += 1;
      continue;
    }
    memcpy(m->text + used, esc, elen);
    used += elen;
    m->text[used] = '\0';
    if (c == '\n') m->lines++;
  }
}

/* Runs the program of fd (path for argv[0]) with arg (or none); see
 * bd_exec_plugin_run. */
static int run_program(int fd, const char *path, const char *arg, const char *input,
                       size_t input_len, unsigned timeout_seconds,
                       void (*sink)(void *, const char *, size_t), void *context,
                       bd_exec_messages *messages, bd_child_end *end) {
  memset(messages, 0, sizeof *messages);
  char store[8192];
  const char *env[ENV_MAX];
  clean_environment(store, sizeof store, env);
  int in[2] = {-1, -1}, out[2] = {-1, -1}, err[2] = {-1, -1};
  if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0 || pipe2(err, O_CLOEXEC) != 0) {
    int saved = errno;
    for (int i = 0; i < 2; i++) {
      if (in[i] >= 0) close(in[i]);
      if (out[i] >= 0) close(out[i]);
      if (err[i] >= 0) close(err[i]);
    }
    errno = saved;
    return -1;
  }
  fflush(NULL);
  pid_t pid = fork();
  if (pid == 0) exec_in_child(fd, path, arg, in[0], out[1], err[1], (char *const *)env);
  int saved = errno;
  close(in[0]);
  close(out[1]);
  close(err[1]);
  if (pid < 0) {
    close(in[1]);
    close(out[0]);
    close(err[0]);
    errno = saved;
    return -1;
  }
  setpgid(pid, pid); /* also here: the time-out may come before the child's own call */
  bd_interrupt_track_child(-pid);
  bd_child_channel channels[3] = {
      {.fd = in[1], .send = input ? input : "", .send_len = input ? input_len : 0},
      {.fd = out[0], .receive = sink, .context = context},
      {.fd = err[0], .receive = keep_messages, .context = messages},
  };
  int rc = bd_child_supervise(pid, -pid, channels, 3, timeout_seconds, end);
  bd_interrupt_track_child(0);
  /* whatever the program left running in its group goes too */
  kill(-pid, SIGKILL);
  return rc;
}

int bd_exec_plugin_run(const bd_plugin_file *pf, const char *input, size_t input_len,
                       unsigned timeout_seconds,
                       void (*sink)(void *context, const char *data, size_t len), void *context,
                       bd_exec_messages *messages, bd_child_end *end) {
  return run_program(pf->exec->fd, pf->path, NULL, input, input_len, timeout_seconds, sink, context,
                     messages, end);
}

/* --- the descriptor ------------------------------------------------------ */

/* Collects --describe's output, up to DESCRIPTOR_MAX bytes. */
typedef struct descriptor_text {
  char data[DESCRIPTOR_MAX];
  size_t len;
  int too_long;
} descriptor_text;

static void keep_descriptor(void *context, const char *data, size_t len) {
  descriptor_text *d = context;
  if (d->len + len > sizeof d->data) {
    d->too_long = 1;
    len = sizeof d->data - d->len;
  }
  memcpy(d->data + d->len, data, len);
  d->len += len;
}

/* Reading the descriptor's tree into a bd_exec_info. */
typedef struct describe_reader {
  struct bd_exec_info *info;
  const char *name; /* NAME of badday-format-NAME */
} describe_reader;

/* Reads n as a short name ([a-z0-9_-], at most 32) into *out (arena). */
static int short_name(bd_vctx *c, const bd_ynode *n, const char *what, const char **out) {
  const char *text;
  if (bd_v_text(c, n, &text) != 0) return -1;
  if (!is_short_name(text, strlen(text))) {
    char q[64];
    return bd_v_error(c, n->line, n->column,
                      "%s %s must be 1 to %d characters of a-z, 0-9, '_' and '-'", what,
                      bd_v_quote(text, strlen(text), q, sizeof q), BD_PLUGIN_NAME_MAX);
  }
  *out = bd_arena_strdup(c->arena, text);
  return *out ? 0 : bd_v_out_of_memory(c);
}

/* Reads n as text into *out (arena). */
static int text_of(bd_vctx *c, const bd_ynode *n, const char **out) {
  const char *text;
  if (bd_v_text(c, n, &text) != 0) return -1;
  *out = bd_arena_strdup(c->arena, text);
  return *out ? 0 : bd_v_out_of_memory(c);
}

/* Reads the list of options. */
static int read_options(bd_vctx *c, const bd_ynode *n, struct bd_exec_info *info) {
  const bd_ynode *list = bd_v_list(c, n, "the list of options");
  if (list == NULL) return -1;
  bd_option_spec *o = bd_arena_array(c->arena, list->len + 1, sizeof *o);
  if (o == NULL) return bd_v_out_of_memory(c);
  static const char *const keys[] = {"name", "help", "values", "default", NULL};
  static const bd_v_schema schema = {"option", keys, 0};
  for (size_t i = 0; i < list->len; i++) {
    const bd_ynode *m = bd_v_mapping(c, list->u.items[i], "an option object");
    if (m == NULL) return -1;
    bd_v_fields f;
    bd_v_collect(c, m, &schema, &f, NULL);
    static const int required[] = {0, -1};
    bd_v_require(c, m, &schema, &f, "an option", required);
    if (f.value[0] && short_name(c, f.value[0], "the option name", &o[i].name) != 0) return -1;
    for (size_t k = 0; k < i && o[i].name; k++)
      if (strcmp(o[k].name, o[i].name) == 0)
        return bd_v_error(c, f.value[0]->line, f.value[0]->column,
                          "the option '%s' is declared twice", o[i].name);
    if (f.value[1] && text_of(c, f.value[1], &o[i].help) != 0) return -1;
    if (f.value[3] && text_of(c, f.value[3], &o[i].default_value) != 0) return -1;
    if (f.value[2]) {
      const bd_ynode *vals = bd_v_list(c, f.value[2], "the list of allowed values");
      if (vals == NULL) return -1;
      const char **v = bd_arena_array(c->arena, vals->len + 1, sizeof *v);
      if (v == NULL) return bd_v_out_of_memory(c);
      for (size_t k = 0; k < vals->len; k++)
        if (text_of(c, vals->u.items[k], &v[k]) != 0) return -1;
      o[i].values = v;
      int ok = o[i].default_value == NULL;
      for (size_t k = 0; !ok && k < vals->len; k++) ok = strcmp(v[k], o[i].default_value) == 0;
      if (!ok)
        return bd_v_error(c, f.value[3]->line, f.value[3]->column,
                          "the default of option '%s' is not one of its values", o[i].name);
    }
  }
  info->plugin.options = list->len ? o : NULL;
  return 0;
}

/* Reads the descriptor (a bd_tree_reader). */
static int read_descriptor(void *ctx, const char *path, const bd_ynode *root, size_t node_count,
                           bd_diags *diags) {
  describe_reader *r = ctx;
  struct bd_exec_info *info = r->info;
  bd_vctx c = {0};
  c.path = path;
  c.diags = diags;
  c.arena = &info->arena;
  c.budget = 2 * node_count + 1000;
  static const char *const keys[] = {"protocol", "description", "formats", "extensions",
                                     "options",  "features",    NULL};
  static const bd_v_schema schema = {"descriptor", keys, 1};
  const bd_ynode *m = bd_v_mapping(&c, root, "the descriptor object");
  if (m == NULL) return -1;
  bd_v_fields f;
  bd_extensions ignored = {0};
  bd_v_collect(&c, m, &schema, &f, &ignored);
  static const int required[] = {0, 2, -1};
  bd_v_require(&c, m, &schema, &f, "the descriptor", required);
  if (c.errors) goto done;
  double protocol = 0;
  const bd_ynode *p = bd_v_scalar(&c, f.value[0], "a protocol number");
  if (p == NULL) goto done;
  protocol = strtod(p->u.text, NULL);
  if (protocol != BD_EXEC_PROTOCOL) {
    bd_v_error(&c, p->line, p->column,
               "the plugin speaks protocol %s; this badday speaks protocol %d (doc/plugins.md)",
               p->u.text, BD_EXEC_PROTOCOL);
    goto done;
  }
  if (f.value[1]) text_of(&c, f.value[1], &info->plugin.description);
  const bd_ynode *formats = bd_v_list(&c, f.value[2], "the list of formats");
  if (formats == NULL) goto done;
  if (formats->len == 0) {
    bd_v_error(&c, formats->line, formats->column, "the plugin declares no format");
    goto done;
  }
  const char **names = bd_arena_array(&info->arena, formats->len + 1, sizeof *names);
  info->extensions = bd_arena_array(&info->arena, formats->len + 1, sizeof *info->extensions);
  if (names == NULL || info->extensions == NULL) {
    bd_v_out_of_memory(&c);
    goto done;
  }
  for (size_t i = 0; i < formats->len; i++) {
    if (short_name(&c, formats->u.items[i], "the format name", &names[i]) != 0) goto done;
    for (size_t k = 0; k < i; k++)
      if (strcmp(names[k], names[i]) == 0) {
        bd_v_error(&c, formats->u.items[i]->line, formats->u.items[i]->column,
                   "the format '%s' is declared twice", names[i]);
        goto done;
      }
  }
  info->plugin.formats = names;
  if (f.value[3]) {
    const bd_ynode *ext = bd_v_mapping(&c, f.value[3], "a mapping of formats to extensions");
    for (size_t i = 0; ext && i + 1 < ext->len; i += 2) {
      const char *format, *extension;
      if (short_name(&c, ext->u.items[i], "the format", &format) != 0 ||
          short_name(&c, ext->u.items[i + 1], "the extension", &extension) != 0)
        goto done;
      size_t k = 0;
      while (k < formats->len && strcmp(names[k], format) != 0) k++;
      if (k == formats->len) {
        bd_v_error(&c, ext->u.items[i]->line, ext->u.items[i]->column,
                   "an extension for '%s', which is not one of the plugin's formats", format);
        goto done;
      }
      info->extensions[k] = extension;
    }
  }
  if (f.value[4]) read_options(&c, f.value[4], info);
done:
  free(c.json);
  return c.errors ? -1 : 0;
}

/* Refuses the file: "PATH: why"; returns -1. */
static int refuse_with(bd_plugin_file *file, const char *why) {
  char *msg = NULL;
  if (asprintf(&msg, "%s: %s", file->path, why) < 0) msg = NULL;
  free(file->refusal);
  file->refusal = msg;
  return -1;
}

/* Words how --describe ended badly into buf. */
static void describe_failure(const bd_child_end *end, const bd_exec_messages *m, char *buf,
                             size_t size) {
  char sig[16];
  int n;
  if (end->timed_out)
    n = snprintf(buf, size, "did not answer within %d seconds", DESCRIBE_TIMEOUT);
  else if (end->signal)
    n = snprintf(buf, size, "crashed with %s", bd_signal_name(end->signal, sig));
  else
    n = snprintf(buf, size, "exited with status %d", end->exit_status);
  if (n > 0 && (size_t)n < size && m->text[0]) {
    size_t first = strcspn(m->text, "\n");
    snprintf(buf + n, size - (size_t)n, " (it said: %.*s)", (int)(first > 160 ? 160 : first),
             m->text);
  }
}

int bd_exec_plugin_load(const char *path, int fd, bd_plugin_file *file) {
  struct bd_exec_info *info = calloc(1, sizeof *info);
  if (info == NULL) {
    close(fd);
    return refuse_with(file, "out of memory");
  }
  info->fd = fd;
  file->exec = info;
  if (faccessat(AT_FDCWD, path, X_OK, AT_EACCESS) != 0) {
    bd_exec_plugin_free(file);
    return refuse_with(file, "not executable (an executable plugin needs chmod +x)");
  }
  descriptor_text *d = calloc(1, sizeof *d);
  bd_exec_messages *m = malloc(sizeof *m);
  if (d == NULL || m == NULL) {
    free(d);
    free(m);
    bd_exec_plugin_free(file);
    return refuse_with(file, "out of memory");
  }
  bd_child_end end;
  int rc =
      run_program(fd, path, "--describe", NULL, 0, DESCRIBE_TIMEOUT, keep_descriptor, d, m, &end);
  char why[512];
  if (rc != 0) {
    snprintf(why, sizeof why, "cannot run it with --describe: %s", strerror(errno));
  } else if (!end.exited || end.exit_status != 0) {
    char how[400];
    describe_failure(&end, m, how, sizeof how);
    snprintf(why, sizeof why, "--describe %s", how);
    rc = -1;
  } else if (d->too_long) {
    snprintf(why, sizeof why, "--describe wrote more than %d bytes", DESCRIPTOR_MAX);
    rc = -1;
  }
  if (rc == 0) {
    const char *base = strrchr(path, '/');
    describe_reader reader = {info, base + 1 + strlen(BD_EXEC_PREFIX)};
    bd_diags diags = {0};
    diags.limit = 1;
    char source[] = "--describe";
    if (bd_yaml_read_buffer(source, d->len ? d->data : "", d->len, &info->arena, read_descriptor,
                            &reader, NULL, &diags) != 0) {
      if (diags.count)
        snprintf(why, sizeof why, "the descriptor (--describe) at line %u, column %u: %s",
                 diags.items[0].line, diags.items[0].column, diags.items[0].message);
      else
        snprintf(why, sizeof why, "the descriptor (--describe) cannot be read");
      rc = -1;
    } else {
      bd_plugin *p = &info->plugin;
      p->magic = BD_PLUGIN_MAGIC;
      p->abi_major = BD_ABI_MAJOR;
      p->abi_minor = BD_ABI_MINOR;
      p->struct_size = sizeof *p;
      p->name = bd_arena_strdup(&info->arena, reader.name);
      p->features = BD_FEATURE_PORTFOLIO | BD_FEATURE_COMPARISON; /* the JSON holds both */
      p->option_size = sizeof(bd_option_spec);
      if (p->name == NULL) {
        snprintf(why, sizeof why, "out of memory");
        rc = -1;
      }
    }
    bd_diags_free(&diags);
  }
  free(d);
  free(m);
  if (rc != 0) {
    bd_exec_plugin_free(file);
    return refuse_with(file, why);
  }
  file->plugin = &info->plugin;
  return 0;
}

void bd_exec_plugin_free(bd_plugin_file *file) {
  if (file->exec == NULL) return;
  close(file->exec->fd);
  bd_arena_free(&file->exec->arena);
  free(file->exec);
  file->exec = NULL;
  file->plugin = NULL;
}

const char *bd_exec_plugin_extension(const bd_plugin_file *pf, const char *format) {
  if (pf->exec == NULL || pf->exec->extensions == NULL) return NULL;
  for (size_t i = 0; pf->plugin->formats[i]; i++)
    if (strcmp(pf->plugin->formats[i], format) == 0) return pf->exec->extensions[i];
  return NULL;
}
