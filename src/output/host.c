/* host.c - see host.h. */
#include "output/host.h"

#include "output/exec_plugin.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The smallest descriptor and option stride: every member of ABI 2.0's
 * bd_plugin and bd_option_spec. */
#define BD_PLUGIN_SIZE_2_0 (offsetof(bd_plugin, option_size) + sizeof(size_t))
#define BD_OPTION_SIZE_2_0 (offsetof(bd_option_spec, default_value) + sizeof(const char *))

/* Formats a refusal into file->refusal; returns -1. */
__attribute__((format(printf, 2, 3))) static int refuse(bd_plugin_file *file, const char *fmt,
                                                        ...) {
  va_list ap;
  va_start(ap, fmt);
  char *msg = NULL;
  if (vasprintf(&msg, fmt, ap) < 0) msg = NULL;
  va_end(ap);
  free(file->refusal);
  file->refusal = msg;
  return -1;
}

int bd_plugin_valid_name(const char *s, size_t len) {
  if (len == 0 || len > BD_PLUGIN_NAME_MAX) return 0;
  for (size_t i = 0; i < len; i++) {
    char c = s[i];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return 0;
  }
  return 1;
}

/* Checks a descriptor against this host's ABI; returns 0 or refuses. */
static int check_descriptor(bd_plugin_file *file, const bd_plugin *p) {
  const char *path = file->path;
  if (p == NULL) return refuse(file, "%s: bd_plugin_entry() returned NULL", path);
  if (p->magic != BD_PLUGIN_MAGIC)
    return refuse(file,
                  "%s: not a badday plugin (magic number 0x%08X, expected 0x%08X); "
                  "delete the file if it does not belong here",
                  path, (unsigned)p->magic, BD_PLUGIN_MAGIC);
  const char *name = BD_HAS(p, bd_plugin, name) && p->name ? p->name : "?";
  if (p->abi_major < BD_ABI_MAJOR)
    return refuse(file,
                  "%s: plugin '%s' was built for plugin ABI %u.%u, this badday needs ABI %d.x: "
                  "ABI %d.0 reaches every struct of the report model through a pointer, so a "
                  "plugin of ABI %u.x cannot read it; rebuild it against this badday's "
                  "<badday/plugin.h> (doc/plugins.md, \"Moving a plugin from 1.x to 2.0\"), or "
                  "delete the file if it is obsolete",
                  path, name, (unsigned)p->abi_major, (unsigned)p->abi_minor, BD_ABI_MAJOR,
                  BD_ABI_MAJOR, (unsigned)p->abi_major);
  if (p->abi_major != BD_ABI_MAJOR)
    return refuse(file,
                  "%s: plugin '%s' was built for plugin ABI %u.%u, this badday needs ABI %d.x; "
                  "rebuild it against this badday's <badday/plugin.h>, or delete the file if it "
                  "is obsolete",
                  path, name, (unsigned)p->abi_major, (unsigned)p->abi_minor, BD_ABI_MAJOR);
  if (p->abi_minor > BD_ABI_MINOR)
    return refuse(file,
                  "%s: plugin '%s' needs plugin ABI %u.%u, this badday provides %d.%d; "
                  "upgrade badday or rebuild the plugin, or delete the file if it is obsolete",
                  path, name, (unsigned)p->abi_major, (unsigned)p->abi_minor, BD_ABI_MAJOR,
                  BD_ABI_MINOR);
  if (!BD_HAS(p, bd_plugin, option_size))
    return refuse(file, "%s: descriptor is %zu bytes, ABI %d.0 needs at least %zu", path,
                  p->struct_size, BD_ABI_MAJOR, (size_t)BD_PLUGIN_SIZE_2_0);
  if (p->options != NULL && p->option_size < BD_OPTION_SIZE_2_0)
    return refuse(file, "%s: option_size is %zu bytes, ABI %d.0 needs at least %zu", path,
                  p->option_size, BD_ABI_MAJOR, (size_t)BD_OPTION_SIZE_2_0);
  if (p->name == NULL || p->name[0] == '\0' || p->render == NULL || p->formats == NULL ||
      p->formats[0] == NULL)
    return refuse(file, "%s: descriptor lacks a name, formats or a render function", path);
  for (const char *const *f = p->formats; *f; f++) {
    if (!bd_plugin_valid_name(*f, strlen(*f)))
      return refuse(file,
                    "%s: plugin '%s' declares the format '%.40s': a format name is 1 to %d "
                    "characters of a-z, 0-9, '_' and '-'",
                    path, name, *f, BD_PLUGIN_NAME_MAX);
    for (const char *const *g = p->formats; g < f; g++)
      if (strcmp(*g, *f) == 0)
        return refuse(file, "%s: plugin '%s' declares the format '%s' twice", path, name, *f);
    const char *ext =
        BD_HAS(p, bd_plugin, extensions) && p->extensions ? p->extensions[f - p->formats] : NULL;
    if (ext && !bd_plugin_valid_name(ext, strlen(ext)))
      return refuse(file,
                    "%s: plugin '%s' declares the extension '%.40s' for '%s': an extension is 1 "
                    "to %d characters of a-z, 0-9, '_' and '-'",
                    path, name, ext, *f, BD_PLUGIN_NAME_MAX);
  }
  return 0;
}

/* Refuses st (of the file or directory `what` at path) when someone other
 * than us or root could change it.  Returns 0 when trusted. */
static int check_trust(bd_plugin_file *file, const char *path, const char *what,
                       const struct stat *st) {
  if (st->st_mode & (S_IWGRP | S_IWOTH))
    return refuse(file, "%s: %s is writable by group or others (mode %04o); run chmod go-w on it",
                  path, what, (unsigned)(st->st_mode & 07777));
  if (st->st_uid != geteuid() && st->st_uid != 0)
    return refuse(file, "%s: %s is owned by user %u, neither you nor root", path, what,
                  (unsigned)st->st_uid);
  return 0;
}

/* Checks every directory above dir (an absolute path), as ssh's
 * StrictModes does: none may be writable by others without the sticky bit
 * (whoever can write there can replace what lies below), and no component
 * may be a symbolic link owned by someone other than us or root.  Returns
 * 0 when trusted. */
static int check_ancestors(bd_plugin_file *file, const char *path, const char *dir) {
  size_t len = strlen(dir);
  char *prefix = malloc(len + 1);
  if (prefix == NULL) return refuse(file, "out of memory");
  int rc = 0;
  for (size_t end = 1; rc == 0 && end <= len; end++) {
    if (end < len && dir[end] != '/') continue;
    memcpy(prefix, dir, end);
    prefix[end] = '\0';
    struct stat st;
    if (lstat(prefix, &st) != 0) continue; /* the plugin's own check reports it */
    if (S_ISLNK(st.st_mode) && st.st_uid != geteuid() && st.st_uid != 0)
      rc = refuse(file,
                  "%s: reached through %s, a symbolic link owned by user %u, neither you nor "
                  "root",
                  path, prefix, (unsigned)st.st_uid);
    else if (end < len && stat(prefix, &st) == 0 && (st.st_mode & S_IWOTH) &&
             !(st.st_mode & S_ISVTX))
      rc = refuse(file,
                  "%s: %s above it is writable by others without the sticky bit (mode %04o), "
                  "so anyone could replace the plugin directory; run chmod o-w or +t on it",
                  path, prefix, (unsigned)(st.st_mode & 07777));
  }
  free(prefix);
  return rc;
}

/* Checks the directory that holds path, and every directory above it, both
 * as named and as resolved through symbolic links. */
static int check_directory(bd_plugin_file *file, const char *path) {
  const char *slash = strrchr(path, '/');
  char *dir = strndup(path, slash == path ? 1 : (size_t)(slash - path));
  if (dir == NULL) return refuse(file, "out of memory");
  struct stat st;
  int rc = stat(dir, &st) != 0 ? refuse(file, "%s: %s", dir, strerror(errno))
                               : check_trust(file, path, "its directory", &st);
  if (rc == 0) rc = check_ancestors(file, path, dir);
  char *real = rc == 0 ? realpath(dir, NULL) : NULL;
  if (real != NULL && strcmp(real, dir) != 0) rc = check_ancestors(file, path, real);
  free(real);
  free(dir);
  return rc;
}

int bd_plugin_open_trusted(const char *path, bd_plugin_file *file) {
  if (path[0] != '/') return refuse(file, "%s: plugin paths must be absolute", path);
  if (check_directory(file, path) != 0) return -1;
  int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0)
    return refuse(file, "%s: %s", path,
                  errno == ELOOP ? "is a symbolic link (plugins are never loaded through links)"
                                 : strerror(errno));
  struct stat st;
  int rc = 0;
  if (fstat(fd, &st) != 0)
    rc = refuse(file, "%s: %s", path, strerror(errno));
  else if (!S_ISREG(st.st_mode))
    rc = refuse(file, "%s: not a regular file", path);
  else
    rc = check_trust(file, path, "the file", &st);
  if (rc != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

/* A plugin's constructors run inside dlopen, before any ABI check, so trust
 * is decided first, on the very file that will be loaded: it is opened
 * without following links, checked through its descriptor (no window for a
 * swap between check and load), and loaded through /proc/self/fd/N. */
int bd_plugin_load(const char *path, bd_plugin_file *file) {
  memset(file, 0, sizeof *file);
  file->path = strdup(path);
  if (file->path == NULL) return refuse(file, "out of memory");
  int fd = bd_plugin_open_trusted(path, file);
  if (fd < 0) return -1;
  char fd_path[64];
  snprintf(fd_path, sizeof fd_path, "/proc/self/fd/%d", fd);
  dlerror();
  void *handle = dlopen(fd_path, RTLD_NOW | RTLD_LOCAL);
  /* glibc knows a loaded object by the name it was opened with: were fd
   * closed and its number reused for the next plugin, dlopen would hand
   * back this object again.  So the descriptor of a loaded object stays
   * open for the life of the process, as the object itself does. */
  if (handle == NULL) {
    close(fd);
    const char *why = dlerror();
    return refuse(file, "%s: cannot load: %s", path, why ? why : "unknown error");
  }
  dlerror();
  void *sym = dlsym(handle, BD_PLUGIN_ENTRY_NAME);
  if (sym == NULL) {
    dlclose(handle);
    return refuse(file, "%s: not a badday plugin (no %s function)", path, BD_PLUGIN_ENTRY_NAME);
  }
  bd_plugin_entry_fn entry;
  memcpy(&entry, &sym, sizeof entry); /* object pointer to function pointer, as POSIX allows */
  const bd_plugin *p = entry();
  if (check_descriptor(file, p) != 0) {
    dlclose(handle);
    return -1;
  }
  file->handle = handle;
  file->plugin = p;
  return 0;
}

static int compare_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Returns 1 if name ends in ".so" (a C plugin) or is an executable
 * plugin's badday-format-NAME; dot files never are. */
static int is_module_name(const char *name) {
  size_t len = strlen(name);
  if (name[0] == '.') return 0;
  return (len > 3 && strcmp(name + len - 3, ".so") == 0) || bd_exec_plugin_name(name);
}

/* Loads the plugin at path: a C plugin, or an executable plugin by its
 * name.  Returns 0, or -1 with file->refusal set. */
static int load_any(const char *path, const char *name, bd_plugin_file *file) {
  if (!bd_exec_plugin_name(name)) return bd_plugin_load(path, file);
  memset(file, 0, sizeof *file);
  file->path = strdup(path);
  if (file->path == NULL) return refuse(file, "out of memory");
  int fd = bd_plugin_open_trusted(path, file);
  if (fd < 0) return -1;
  return bd_exec_plugin_load(path, fd, file);
}

/* Appends a file record to the set; returns 0 or -1 on exhaustion. */
static int append_file(bd_plugin_set *set, const bd_plugin_file *file) {
  bd_plugin_file *files = realloc(set->files, (set->count + 1) * sizeof *files);
  if (files == NULL) return -1;
  set->files = files;
  set->files[set->count++] = *file;
  return 0;
}

/* Loads every *.so in dir, in name order. */
static int scan_directory(const char *dir, bd_plugin_set *set) {
  if (dir == NULL || dir[0] != '/') return 0;
  for (size_t i = 0; i < set->count; i++) /* a directory named twice is scanned once */
    if (set->files[i].path && strncmp(set->files[i].path, dir, strlen(dir)) == 0 &&
        strchr(set->files[i].path + strlen(dir) + 1, '/') == NULL &&
        set->files[i].path[strlen(dir)] == '/')
      return 0;
  DIR *d = opendir(dir);
  if (d == NULL) return 0; /* a missing directory on the path is not an error */
  char **names = NULL;
  size_t count = 0;
  struct dirent *e;
  int rc = 0;
  while ((e = readdir(d)) != NULL) {
    if (!is_module_name(e->d_name)) continue;
    char **more = realloc(names, (count + 1) * sizeof *names);
    if (more == NULL || (more[count] = strdup(e->d_name)) == NULL) {
      names = more ? more : names;
      rc = -1;
      break;
    }
    names = more;
    count++;
  }
  closedir(d);
  if (count) qsort(names, count, sizeof *names, compare_names);
  for (size_t i = 0; i < count; i++) {
    char *path = NULL;
    if (rc == 0 && asprintf(&path, "%s/%s", dir, names[i]) >= 0) {
      bd_plugin_file file;
      load_any(path, names[i], &file);
      if (append_file(set, &file) != 0) rc = -1;
      free(path);
    }
    free(names[i]);
  }
  free(names);
  return rc;
}

static int discover_all(const bd_plugin_search *search, bd_plugin_set *set);

/* Returns the length of path's directory part. */
static size_t directory_length(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? (size_t)(slash - path) : 0;
}

/* Returns the first format of b that a also offers, or NULL. */
static const char *shared_format(const bd_plugin *a, const bd_plugin *b) {
  for (const char *const *f = b->formats; *f; f++)
    for (const char *const *g = a->formats; *g; g++)
      if (strcmp(*f, *g) == 0) return *f;
  return NULL;
}

/* Unloads a file's plugin and records why (the descriptor of an
 * executable plugin is freed; a shared object stays mapped, as every
 * loaded one does). */
static void withdraw(bd_plugin_file *file, const char *why) {
  free(file->refusal);
  file->refusal = strdup(why);
  bd_exec_plugin_free(file);
  file->plugin = NULL;
}

/* Format names are unique: a plugin declaring a format that another plugin
 * of the same directory declared before it (in name order) is refused, and
 * so is an executable plugin declaring a format of any C plugin on the
 * path (so that a script can never take over json or pdf); a C plugin in an
 * earlier directory of the search path still shadows a later one. */
static void refuse_collisions(bd_plugin_set *set) {
  for (size_t i = 0; i < set->count; i++) {
    bd_plugin_file *late = &set->files[i];
    for (size_t k = 0; late->plugin && k < set->count; k++) {
      const bd_plugin_file *early = &set->files[k];
      if (k == i || early->plugin == NULL) continue;
      int same_dir = directory_length(early->path) == directory_length(late->path) &&
                     strncmp(early->path, late->path, directory_length(late->path)) == 0;
      const char *format = shared_format(early->plugin, late->plugin);
      if (format == NULL) continue;
      char *why = NULL;
      if (late->exec && !early->exec) {
        if (asprintf(&why,
                     "%s: declares the format '%s', which the %s plugin (%s) renders; an "
                     "executable plugin cannot take a C plugin's format: rename it",
                     late->path, format, early->plugin->name, early->path) < 0)
          why = NULL;
      } else if (same_dir && k < i) {
        if (asprintf(&why,
                     "%s: declares the format '%s', which the %s plugin (%s) in the same "
                     "directory declares first; remove one of them",
                     late->path, format, early->plugin->name, early->path) < 0)
          why = NULL;
      } else {
        continue;
      }
      withdraw(late, why ? why : "a format collides with another plugin's");
      free(why);
    }
  }
}

int bd_plugins_discover(const bd_plugin_search *search, bd_plugin_set *set) {
  int rc = discover_all(search, set);
  if (rc == 0) refuse_collisions(set);
  return rc;
}

/* Scans every directory of the search path, in order. */
static int discover_all(const bd_plugin_search *search, bd_plugin_set *set) {
  memset(set, 0, sizeof *set);
  if (scan_directory(search->cli_dir, set) != 0) return -1;
  if (search->env_path) {
    char *copy = strdup(search->env_path);
    if (copy == NULL) return -1;
    char *save = NULL;
    for (char *dir = strtok_r(copy, ":", &save); dir; dir = strtok_r(NULL, ":", &save)) {
      if (scan_directory(dir, set) != 0) {
        free(copy);
        return -1;
      }
    }
    free(copy);
  }
  return scan_directory(search->builtin_dir, set);
}

/* Returns 1 if the plugin offers format. */
static int offers(const bd_plugin *p, const char *format) {
  for (const char *const *f = p->formats; *f; f++)
    if (strcmp(*f, format) == 0) return 1;
  return 0;
}

const bd_plugin_file *bd_plugins_find(const bd_plugin_set *set, const char *format) {
  for (size_t i = 0; i < set->count; i++)
    if (set->files[i].plugin && offers(set->files[i].plugin, format)) return &set->files[i];
  return NULL;
}

const char *bd_plugin_file_extension(const bd_plugin_file *pf, const char *format) {
  if (pf->exec) return bd_exec_plugin_extension(pf, format);
  const bd_plugin *p = pf->plugin;
  if (p == NULL || !BD_HAS(p, bd_plugin, extensions) || p->extensions == NULL) return NULL;
  for (size_t i = 0; p->formats[i]; i++)
    if (strcmp(p->formats[i], format) == 0) return p->extensions[i];
  return NULL;
}

const char *bd_plugins_extension(const bd_plugin_set *set, const char *format) {
  const bd_plugin_file *pf = bd_plugins_find(set, format);
  const char *ext = pf ? bd_plugin_file_extension(pf, format) : NULL;
  return ext ? ext : format;
}

const char *bd_plugins_format_for_extension(const bd_plugin_set *set, const char *ext) {
  if (bd_plugins_find(set, ext) != NULL) return ext;
  for (size_t i = 0; i < set->count; i++) {
    const bd_plugin_file *pf = &set->files[i];
    if (pf->plugin == NULL) continue;
    for (const char *const *f = pf->plugin->formats; *f; f++) {
      const char *declared = bd_plugin_file_extension(pf, *f);
      if (declared && strcmp(declared, ext) == 0 && !bd_plugins_shadowed(set, pf, *f)) return *f;
    }
  }
  return ext;
}

int bd_plugins_shadowed(const bd_plugin_set *set, const bd_plugin_file *file, const char *format) {
  const bd_plugin_file *first = bd_plugins_find(set, format);
  return first != NULL && first != file;
}

void bd_plugins_free(bd_plugin_set *set) {
  for (size_t i = 0; i < set->count; i++) {
    /* Plugins may have registered atexit handlers or thread-local data (pango
     * does); unloading them would leave dangling code, so handles stay open. */
    free(set->files[i].path);
    free(set->files[i].refusal);
    bd_exec_plugin_free(&set->files[i]);
  }
  free(set->files);
  set->files = NULL;
  set->count = 0;
}

unsigned bd_plugin_features(const bd_plugin *plugin) {
  return BD_HAS(plugin, bd_plugin, features) ? plugin->features : 0;
}

const bd_option_spec *bd_plugin_option(const bd_plugin *plugin, size_t i) {
  /* a stride smaller than 2.0's (never loaded, but a linked-in descriptor
   * could have one) would read the same spec forever */
  if (!BD_HAS(plugin, bd_plugin, option_size) || plugin->options == NULL ||
      plugin->option_size < BD_OPTION_SIZE_2_0)
    return NULL;
  /* the plugin's stride: its bd_option_spec may be older or newer than ours */
  const bd_option_spec *o = (const bd_option_spec *)(const void *)((const char *)plugin->options +
                                                                   i * plugin->option_size);
  return o->name ? o : NULL;
}

/* Finds the spec of option `name` of plugin, or NULL. */
static const bd_option_spec *find_spec(const bd_plugin *plugin, const char *name) {
  const bd_option_spec *o;
  for (size_t i = 0; plugin && (o = bd_plugin_option(plugin, i)) != NULL; i++)
    if (strcmp(o->name, name) == 0) return o;
  return NULL;
}

/* Appends "a, b, c" (the option names of plugin, or else the names of
 * values, NULL-terminated) to buf. */
static void join_names(char *buf, size_t size, const bd_plugin *plugin, const char *const *values) {
  size_t len = strlen(buf);
  int first = 1;
  for (size_t i = 0;; i++) {
    const bd_option_spec *o = plugin ? bd_plugin_option(plugin, i) : NULL;
    const char *name = plugin ? (o ? o->name : NULL) : values[i];
    if (name == NULL) break;
    int n = snprintf(buf + len, size - len, "%s%s", first ? "" : ", ", name);
    if (n < 0 || (size_t)n >= size - len) break;
    len += (size_t)n;
    first = 0;
  }
  if (first) snprintf(buf + len, size - len, "none");
}

int bd_plugin_check_options(const bd_plugin *plugin, const char *const *names,
                            const char *const *values, size_t count, char *errbuf, size_t errsize) {
  for (size_t i = 0; i < count; i++) {
    const bd_option_spec *spec = find_spec(plugin, names[i]);
    if (spec == NULL) {
      snprintf(errbuf, errsize, "the %s plugin has no option '%s' (its options: ", plugin->name,
               names[i]);
      join_names(errbuf, errsize, plugin, NULL);
      strncat(errbuf, ")", errsize - strlen(errbuf) - 1);
      return -1;
    }
    if (spec->values) {
      int ok = 0;
      for (const char *const *v = spec->values; *v; v++) ok |= strcmp(*v, values[i]) == 0;
      if (!ok) {
        snprintf(errbuf, errsize, "option %s of the %s plugin must be one of ", spec->name,
                 plugin->name);
        join_names(errbuf, errsize, NULL, spec->values);
        size_t len = strlen(errbuf);
        snprintf(errbuf + len, errsize - len, ", not '%s'", values[i]);
        return -1;
      }
    }
  }
  return 0;
}
