/* yaml_hints.c - see yaml_hints.h. */
#include "plan/yaml_hints.h"

#include <stdio.h>
#include <string.h>

/* One line of the text: [start, end) without its line break. */
typedef struct text_line {
  const char *start;
  const char *end;
} text_line;

/* Finds line number `n` (1-based) of text[0..len); returns 0 when the text
 * has fewer lines. */
static int find_line(const char *text, size_t len, unsigned n, text_line *out) {
  const char *p = text, *end = text + len;
  for (unsigned i = 1; i < n; i++) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    if (nl == NULL) return 0;
    p = nl + 1;
  }
  const char *nl = memchr(p, '\n', (size_t)(end - p));
  out->start = p;
  out->end = nl ? nl : end;
  if (out->end > out->start && out->end[-1] == '\r') out->end--;
  return 1;
}

/* The number of leading ASCII spaces of a line. */
static unsigned indent_of(const text_line *l) {
  const char *p = l->start;
  while (p < l->end && *p == ' ') p++;
  return (unsigned)(p - l->start);
}

/* Whether the line holds only spaces or a comment. */
static int is_blank(const text_line *l) {
  const char *p = l->start + indent_of(l);
  return p == l->end || *p == '#';
}

/* The column (0-based, in bytes = characters here: indentation is ASCII)
 * where the line's key starts, after any "- " list markers; -1 when the
 * line does not start with "key:" (a plain key followed by ':'). */
static int key_column(const text_line *l) {
  const char *p = l->start + indent_of(l);
  while (p + 1 < l->end && p[0] == '-' && p[1] == ' ') {
    p += 2;
    while (p < l->end && *p == ' ') p++;
  }
  const char *k = p;
  while (p < l->end && *p != ':' && *p != ' ' && *p != '#' && *p != '"' && *p != '\'') p++;
  if (p == k || p >= l->end || *p != ':' || (p + 1 < l->end && p[1] != ' ')) return -1;
  return (int)(k - l->start);
}

/* Whether the line's value is empty ("key:" alone): it opens a block. */
static int opens_block(const text_line *l) {
  const char *p = l->end;
  while (p > l->start && p[-1] == ' ') p--;
  return p > l->start && p[-1] == ':';
}

/* The invisible or look-alike spaces an editor or IME slips in. */
static const struct {
  const char *bytes;
  const char *name;
} odd_spaces[] = {
    {"\xE3\x80\x80", "U+3000 IDEOGRAPHIC SPACE (a full-width space)"},
    {"\xC2\xA0", "U+00A0 NO-BREAK SPACE"},
    {"\xE2\x80\x8B", "U+200B ZERO WIDTH SPACE"},
    {"\xEF\xBB\xBF", "U+FEFF ZERO WIDTH NO-BREAK SPACE"},
    {"\xE2\x80\x83", "U+2003 EM SPACE"},
    {"\xE2\x80\x82", "U+2002 EN SPACE"},
};

/* Looks for an odd space among the leading spaces of the line (or right
 * after its "key:"); returns its index in odd_spaces and its column
 * (1-based, characters) in *column, or -1. */
static int find_odd_space(const text_line *l, unsigned *column) {
  const char *p = l->start;
  unsigned col = 1;
  int after_key = 0;
  while (p < l->end) {
    for (size_t i = 0; i < sizeof odd_spaces / sizeof odd_spaces[0]; i++) {
      size_t n = strlen(odd_spaces[i].bytes);
      if ((size_t)(l->end - p) >= n && memcmp(p, odd_spaces[i].bytes, n) == 0) {
        *column = col;
        return (int)i;
      }
    }
    if (*p == ' ' || *p == '-') {
      p++;
    } else if (!after_key) { /* skip the key and its ':' once */
      while (p < l->end && *p != ':' && *p != ' ') p += 1;
      if (p >= l->end || *p != ':') return -1;
      p++;
      after_key = 1;
    } else {
      return -1;
    }
    col++;
  }
  return -1;
}

/* Finds the nearest line before n that carries a key, skipping blank
 * lines and lines more indented than `below` (children of a sibling).
 * Returns its number, or 0. */
static unsigned previous_key_line(const char *text, size_t len, unsigned n, text_line *out) {
  for (unsigned i = n - 1; i >= 1; i--) {
    text_line l;
    if (!find_line(text, len, i, &l)) return 0;
    if (is_blank(&l) || key_column(&l) < 0) continue;
    *out = l;
    return i;
  }
  return 0;
}

/* The first line of the mapping whose keys stand at column col, searching
 * back from line n (a line of that mapping). */
static unsigned mapping_start(const char *text, size_t len, unsigned n, int col) {
  unsigned first = n;
  for (unsigned i = n; i >= 1; i--) {
    text_line l;
    if (!find_line(text, len, i, &l)) break;
    if (is_blank(&l)) continue;
    int k = key_column(&l);
    if ((int)indent_of(&l) < col && k != col) break; /* the parent */
    if (k == col) first = i;
    if (k == col && indent_of(&l) < (unsigned)col) break; /* "- key:" starts it */
  }
  return first;
}

/* "line N is indented I spaces; the other keys of this mapping, from line
 * M, use K" for a key line whose indentation differs from its siblings'. */
static int explain_indent(const char *text, size_t len, unsigned *line, unsigned *column, char *buf,
                          size_t size) {
  text_line l, prev;
  for (unsigned n = *line; n >= 1 && n + 1 >= *line; n--) { /* the error line or the one before */
    if (!find_line(text, len, n, &l) || is_blank(&l) || key_column(&l) < 0) continue;
    unsigned p = previous_key_line(text, len, n, &prev);
    if (p == 0) return 0;
    int mine = key_column(&l), theirs = key_column(&prev);
    if (opens_block(&prev) && mine > theirs) return 0; /* a child: not a sibling */
    if (mine == theirs) continue;
    if (mine < theirs) { /* a sibling of the parent? then theirs is not its mapping */
      text_line up;
      unsigned q = p;
      int ok = 1;
      while ((q = previous_key_line(text, len, q, &up)) != 0) {
        int k = key_column(&up);
        if (k == mine) ok = 0; /* an outer mapping uses this column: no slip */
        if (k <= mine) break;
      }
      if (!ok) return 0;
    }
    unsigned from = mapping_start(text, len, p, theirs);
    unsigned spaces = (unsigned)mine;
    snprintf(buf, size,
             "line %u is indented %u space%s; the other keys of this mapping, from line %u, use %d "
             "(indent every key of a mapping by the same number of spaces)",
             n, spaces, spaces == 1 ? "" : "s", from, theirs);
    *line = n;
    *column = (unsigned)mine + 1;
    return 1;
  }
  return 0;
}

/* Quotes s[0..n) for YAML double quotes into out (size > 2n + 3). */
static void yaml_quote(const char *s, size_t n, char *out, size_t size) {
  size_t o = 0;
  out[o++] = '"';
  for (size_t i = 0; i < n && o + 3 < size; i++) {
    if (s[i] == '"' || s[i] == '\\') out[o++] = '\\';
    out[o++] = s[i];
  }
  out[o++] = '"';
  out[o] = '\0';
}

/* "the value of KEY contains ': '; quote it" for a mapping value error on a
 * line "key: text: more". */
static int explain_colon(const text_line *l, unsigned *column, char *buf, size_t size) {
  int k = key_column(l);
  if (k < 0) return 0;
  const char *key = l->start + k, *colon = memchr(key, ':', (size_t)(l->end - key));
  const char *value = colon + 1;
  while (value < l->end && *value == ' ') value++;
  if (value >= l->end || strchr("\"'[{|>&*!", *value)) return 0;
  const char *second = NULL;
  for (const char *p = value; p < l->end; p++)
    if (*p == ':' && (p + 1 == l->end || p[1] == ' ')) {
      second = p;
      break;
    }
  if (second == NULL) return 0;
  const char *vend = l->end;
  const char *hash = NULL;
  for (const char *p = value; p + 1 < vend; p++)
    if (*p == ' ' && p[1] == '#') {
      hash = p;
      break;
    }
  if (hash) vend = hash;
  while (vend > value && vend[-1] == ' ') vend--;
  char quoted[200];
  size_t vlen = (size_t)(vend - value);
  if (vlen > 90) return 0; /* too long to repeat in a message */
  yaml_quote(value, vlen, quoted, sizeof quoted);
  snprintf(buf, size,
           "the value of '%.*s' contains ': ', which YAML reads as the start of another key; "
           "quote the value: %.*s: %s",
           (int)(colon - key), key, (int)(colon - key), key, quoted);
  unsigned col = 1;
  for (const char *p = l->start; p < value; p++)
    if ((*p & 0xC0) != 0x80) col++;
  *column = col;
  return 1;
}

int bd_yaml_explain(const char *text, size_t len, const char *problem, unsigned *line,
                    unsigned *column, char *buf, size_t size) {
  text_line l;
  if (problem == NULL || *line == 0 || !find_line(text, len, *line, &l)) return 0;
  /* a tab in the indentation of this line or the one before */
  for (unsigned n = *line; n >= 1 && n + 1 >= *line; n--) {
    text_line t;
    if (!find_line(text, len, n, &t)) continue;
    const char *p = t.start;
    while (p < t.end && *p == ' ') p++;
    if (p < t.end && *p == '\t') {
      snprintf(buf, size,
               "line %u is indented with a tab; YAML indents with spaces only (replace the tab "
               "with spaces)",
               n);
      *line = n;
      *column = (unsigned)(p - t.start) + 1;
      return 1;
    }
  }
  /* a full-width or invisible space where YAML expects a space */
  for (unsigned n = *line; n >= 1 && n + 1 >= *line; n--) {
    text_line t;
    unsigned col;
    int i = find_line(text, len, n, &t) ? find_odd_space(&t, &col) : -1;
    if (i >= 0) {
      snprintf(buf, size,
               "%s at line %u, column %u, where YAML expects an ordinary space; replace it with "
               "spaces",
               odd_spaces[i].name, n, col);
      *line = n;
      *column = col;
      return 1;
    }
  }
  int mapping_value = strcmp(problem, "mapping values are not allowed in this context") == 0;
  if ((mapping_value || strstr(problem, "did not find expected")) &&
      explain_indent(text, len, line, column, buf, size))
    return 1;
  return mapping_value && explain_colon(&l, column, buf, size);
}

/* The length of s[0..n) cut to at most max bytes at a character boundary. */
static int utf8_prefix(const char *s, size_t n, size_t max) {
  if (n <= max) return (int)n;
  while (max > 0 && (s[max] & 0xC0) == 0x80) max--;
  return (int)max;
}

/* Where the plain value of a line starts ("key: VALUE" or "- VALUE"), or
 * NULL when the line has none or it is quoted, a collection or a block. */
static const char *plain_value(const text_line *l) {
  const char *p = l->start + indent_of(l);
  int k = key_column(l);
  if (k >= 0) {
    p = memchr(l->start + k, ':', (size_t)(l->end - l->start - k)) + 1;
  } else if (p + 1 < l->end && p[0] == '-' && p[1] == ' ') {
    p += 2;
  } else {
    return NULL;
  }
  while (p < l->end && *p == ' ') p++;
  if (p >= l->end || strchr("\"'[{|>&*!#%@`", *p)) return NULL;
  return p;
}

/* Whether the line's value starts a block scalar (| or >). */
static int starts_block_scalar(const text_line *l) {
  const char *p = l->start + indent_of(l);
  int k = key_column(l);
  if (k >= 0)
    p = memchr(l->start + k, ':', (size_t)(l->end - l->start - k)) + 1;
  else if (p + 1 < l->end && p[0] == '-' && p[1] == ' ')
    p += 2;
  while (p < l->end && *p == ' ') p++;
  return p < l->end && (*p == '|' || *p == '>');
}

size_t bd_yaml_comment_warnings(const char *path, const char *text, size_t len,
                                bd_diags *warnings) {
  size_t added = 0;
  const char *p = text, *end = text + len;
  unsigned n = 0;
  int block_indent = -1; /* inside a block scalar more indented than this */
  while (p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    text_line l = {p, nl ? nl : end};
    if (l.end > l.start && l.end[-1] == '\r') l.end--;
    p = nl ? nl + 1 : end;
    n++;
    if (is_blank(&l)) continue;
    if (block_indent >= 0 && (int)indent_of(&l) > block_indent) continue;
    block_indent = starts_block_scalar(&l) ? (int)indent_of(&l) : -1;
    const char *value = plain_value(&l);
    if (value == NULL) continue;
    const unsigned char *hash = NULL;
    for (const char *q = value; q + 2 < l.end; q++)
      if (q[0] == ' ' && q[1] == '#') {
        hash = (const unsigned char *)q + 1;
        break;
      }
    /* "# why" is a comment; "#incident" reads like part of the value */
    if (hash == NULL || !(hash[1] >= 0x80 || (hash[1] >= '0' && hash[1] <= '9') ||
                          ((hash[1] | 0x20) >= 'a' && (hash[1] | 0x20) <= 'z')))
      continue;
    const char *vend = (const char *)hash - 1;
    while (vend > value && vend[-1] == ' ') vend--;
    int k = key_column(&l);
    const char *key = k >= 0 ? l.start + k : NULL;
    size_t key_len =
        key ? (size_t)((const char *)memchr(key, ':', (size_t)(l.end - key)) - key) : 0;
    unsigned column = 1;
    for (const char *q = l.start; q < (const char *)hash; q++)
      if ((*q & 0xC0) != 0x80) column++;
    const char *comment = (const char *)hash;
    bd_diag_add(warnings, path, n, column,
                "YAML reads '%.*s' as a comment, so the value%s%.*s%s is '%.*s'; if the text "
                "after '#' belongs to it, quote the value",
                utf8_prefix(comment, (size_t)(l.end - comment), 60), comment, key ? " of '" : "",
                (int)key_len, key ? key : "", key ? "'" : "",
                utf8_prefix(value, (size_t)(vend - value), 80), value);
    added++;
  }
  return added;
}
