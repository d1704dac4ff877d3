/*
 * values.h - parsers for the plan format's value types (plan-format.md,
 * "Values").  Pure functions on text: no YAML, no locale, no allocation.
 *
 * Each parser takes the scalar's text and length and returns 0 with the
 * value in *out, or -1 with a static, human-readable description of what
 * was expected in *expected (e.g. "a duration such as 30m, 1h30m or 3d").
 */
#ifndef BD_VALUES_H
#define BD_VALUES_H

#include <stddef.h>

/* An identifier: [A-Za-z0-9][A-Za-z0-9._-]*, at most 64 bytes. */
int bd_parse_identifier(const char *s, size_t len, const char **expected);

/* An amount: a number >= 0, digits with optional '_' between digits and an
 * optional fraction ("1_200_000", "1500.50"); no sign, NaN or infinity. */
int bd_parse_amount(const char *s, size_t len, double *out, const char **expected);

/* A duration in hours: "0" or one or more <number><unit> parts with unit
 * s, m, h, d (24h) or w (168h): "90s", "1h30m", "1.5h", "3d". */
int bd_parse_duration(const char *s, size_t len, double *out_hours, const char **expected);

/* A frequency in incidents per year: a number, or "N/year", "N/quarter" (x4),
 * "N/month" (x12), "N/week" (x52), "N/day" (x365).  Must be >= 0. */
int bd_parse_frequency(const char *s, size_t len, double *out_per_year, const char **expected);

/* A share 0..1: "40%" (0..100%) or a number from 0 to 1. */
int bd_parse_share(const char *s, size_t len, double *out, const char **expected);

/* A calendar date "YYYY-MM-DD" (years 1..9999, a real day of the month);
 * *out_days is the number of days since 1970-01-01 (negative before). */
int bd_parse_date(const char *s, size_t len, long *out_days, const char **expected);

/* Formats days since 1970-01-01 as "YYYY-MM-DD" into buf (at least 11 bytes). */
void bd_format_date(long days, char buf[11]);

/* A plain decimal number (for slo, amortize_years): like an amount, but the
 * range is checked by the caller. */
int bd_parse_number(const char *s, size_t len, double *out, const char **expected);

/* A currency: exactly three capital letters A-Z. */
int bd_parse_currency(const char *s, size_t len, const char **expected);

/* The mean of the distribution behind a range [low, high] (0 <= low <=
 * high), by the plan format's rules (a calibrated 90 % interval): a share
 * (is_share) is uniform on [low, high]; another value is lognormal with
 * 5th and 95th percentiles low and high, mean exp(mu + sigma^2 / 2), or
 * uniform on [0, high] when low is 0; low == high is that value.  The
 * same distributions as bd_sim_range() (analysis/simulate.h). */
double bd_range_mean(double low, double high, int is_share);

/* The edit distance between two short strings (for "did you mean"); gives
 * up and returns a large number for strings over 64 bytes. */
size_t bd_edit_distance(const char *a, const char *b);

#endif
