/*
 * portfolio.h - several plans rendered into one report: the figures of the
 * portfolio summary (per service they are the reports' own).  Pure.
 */
#ifndef BD_PORTFOLIO_H
#define BD_PORTFOLIO_H

#include "base/arena.h"
#include "badday/report.h"

/* Builds the portfolio of the count reports (the array is copied into
 * arena; the reports must outlive the portfolio).  Sums of money are
 * computed only when every plan has the same currency.  Returns 0 with
 * *out set, or -1 when memory ran out. */
int bd_portfolio_build(const bd_report *const *reports, size_t count, bd_arena *arena,
                       bd_portfolio **out);

#endif
