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

/* The people's formats of bd_host (badday/plugin.h; the rules and their
 * reasons are in doc/display-rules.md).  Each writes into buf (size >= 64),
 * returns the length, and allocates nothing.
 *   bd_format_money:    an amount in whole units, rounded half away from
 *                       zero: "USD 52,500", compact (BD_MONEY_COMPACT)
 *                       "USD 53K"; yen in Japanese (lang "ja", currency
 *                       "JPY") "88,080,000円", compact "8,808万円".
 *                       BD_MONEY_BARE leaves the currency out but keeps its
 *                       units ("8,808万").  currency may be NULL, lang NULL
 *                       means "en".
 *   bd_format_amount:   bd_format_money in English (compact nonzero).
 *   bd_format_slo:      the SLO as written, 99.95 as "99.95%".
 *   bd_format_duration: hours as "4h 30m", "2d 3h".
 *   bd_format_share:    0..1 as a percentage, "37.5%", "99.996%", "0.04%";
 *                       only exactly 1 reads "100%" and 0 "0%". */
size_t bd_format_money(double v, const char *currency, int compact, const char *lang, char *buf,
                       size_t size);
size_t bd_format_amount(double v, const char *currency, int compact, char *buf, size_t size);
size_t bd_format_slo(double slo_percent, char *buf, size_t size);
size_t bd_format_duration(double hours, char *buf, size_t size);
size_t bd_format_share(double share, char *buf, size_t size);

/* strtod in the "C" locale: parses a decimal number at s, sets *end. */
double bd_strtod_c(const char *s, char **end);

#endif
