/*
 * pdf_plans.c - several plans in one document.  The views paginate and
 * draw the plan in d->r with the pagination state d->ps (page starts, row
 * heights, the first page of every section and loss).  Each plan has its
 * own state, kept once in d->plans; entering a plan points d->ps at it, so
 * the views need not know about portfolios.  Page numbers stay global.
 */
#include "pdf.h"

#include "../deck/deck_trend.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The plan i. */
static const bd_report *plan_report(const pdf_doc *d, size_t i) {
  return d->portfolio ? d->portfolio->reports[i] : d->req->report;
}

/* See pdf.h. */
int pdf_plans_open(pdf_doc *d) {
  d->plan_count = d->portfolio ? d->portfolio->report_count : 1;
  d->plans = calloc(d->plan_count ? d->plan_count : 1, sizeof *d->plans);
  return d->plans ? 0 : -1;
}

/* See pdf.h. */
void pdf_plan_enter(pdf_doc *d, size_t i) {
  d->plan = i;
  d->r = plan_report(d, i);
  d->ps = &d->plans[i];
  /* a fresh state: a large plan's report summarises (see pdf.h) */
  if (d->ps->section_pages[PDF_SEC_COVER] == 0)
    d->ps->summary = !d->slides && d->r->scenario_count > PDF_SUMMARY_SCENARIOS;
}

/* See pdf.h. */
void pdf_plan_leave(pdf_doc *d, size_t i) {
  (void)i;
  d->ps = &d->own_state;
}

/* See pdf.h. */
int pdf_plan_first_page(const pdf_doc *d, size_t i) {
  return i < d->plan_count ? d->plans[i].section_first[PDF_SEC_COVER] : 0;
}

/* See pdf.h. */
void pdf_plans_free(pdf_doc *d) {
  for (size_t i = 0; d->plans && i < d->plan_count; i++)
    pdf_plan_state_free(&d->plans[i], plan_report(d, i));
  free(d->plans);
  d->plans = NULL;
  d->ps = &d->own_state;
  free(d->portfolio_starts);
  d->portfolio_starts = NULL;
}

/* See pdf.h. */
const char *pdf_running(pdf_doc *d, const char *section) {
  if (section == NULL || d->portfolio == NULL) return section;
  snprintf(d->running_buf, sizeof d->running_buf, "%s  \xc2\xb7  %s", d->r->service, section);
  return d->running_buf;
}

/* See pdf.h. */
const bd_comparison *pdf_comparison(const pdf_doc *d) {
  const bd_report *r = d->r;
  if (r == NULL || !BD_HAS(r, bd_report, comparison)) return NULL;
  return r->comparison;
}

/* See pdf.h. */
int pdf_section_wanted(pdf_doc *d, pdf_section s) {
  if (s == PDF_SEC_TREND) return deck_trend_history(d->r) != NULL;
  return s != PDF_SEC_CHANGES || pdf_comparison(d) != NULL;
}
