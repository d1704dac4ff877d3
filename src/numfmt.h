/*
 * numfmt.h - locale-independent number formatting and parsing.
 *
 * printf and strtod follow LC_NUMERIC; badday's output and input must not
 * ("1.5" is one and a half under de_DE too), so everything numeric goes
 * through these functions, which use a private "C" locale.
 */
#ifndef BD_NUMFMT_H
#define BD_NUMFMT_H

#include <stddef.h>

/* Writes the shortest decimal text that reads back as exactly v (at most 17
 * significant digits, '.' as the decimal point) into buf and returns its
 * length.  NaN and infinities give "null".  size should be at least 32. */
size_t bd_format_number(double v, char *buf, size_t size);

/* The people's formats of bd_host (badday/plugin.h): amounts with thousands
 * separators or compact ("JPY 1.2M"), durations ("4h 30m"), shares ("37.5%").
 * Each writes into buf (size >= 64) and returns the length. */
size_t bd_format_amount(double v, const char *currency, int compact, char *buf, size_t size);
size_t bd_format_duration(double hours, char *buf, size_t size);
size_t bd_format_share(double share, char *buf, size_t size);

/* strtod in the "C" locale: parses a decimal number at s, sets *end. */
double bd_strtod_c(const char *s, char **end);

#endif
