/*
 * pdf_plans.c - several plans in one document.  The views paginate and
 * draw the plan in d->r with the pagination state kept in pdf_doc (page
 * starts, row heights, the first page of every section and loss).  With a
 * portfolio each plan has its own such state: it is saved here after the
 * plan is paginated and put back into pdf_doc before the plan is drawn, so
 * the views need not know about portfolios.  Page numbers stay global.
 */
#include "pdf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What pdf_doc holds for the plan being paginated or drawn. */
typedef struct pdf_plan_state {
  int summary;
  int section_first[PDF_SEC_COUNT];
  int section_pages[PDF_SEC_COUNT];
  size_t *decision_starts, decision_page_count;
  size_t *matrix_starts, matrix_page_count;
  size_t *coverage_starts, coverage_page_count;
  pdf_appendix_row *appendix_rows;
  size_t appendix_row_count;
  size_t *appendix_starts, appendix_page_count;
  double *decision_heights, *matrix_heights, *coverage_heights, *appendix_heights;
  pdf_tree_plan *tree_plans;
  int *tree_first;
  int *matrix_loss_page;
  int *scenario_tree_page;
  size_t *changes_starts, changes_page_count;
  double *changes_heights;
} pdf_plan_state;

/* Copies the plan state between a saved copy and the doc: to the doc when
 * load, else from it. */
static void copy_state(pdf_doc *d, pdf_plan_state *s, int load) {
#define COPY(field) (load ? (void)(d->field = s->field) : (void)(s->field = d->field))
  COPY(summary);
  COPY(decision_starts), COPY(decision_page_count);
  COPY(matrix_starts), COPY(matrix_page_count);
  COPY(coverage_starts), COPY(coverage_page_count);
  COPY(appendix_rows), COPY(appendix_row_count);
  COPY(appendix_starts), COPY(appendix_page_count);
  COPY(decision_heights), COPY(matrix_heights), COPY(coverage_heights), COPY(appendix_heights);
  COPY(tree_plans), COPY(tree_first), COPY(matrix_loss_page), COPY(scenario_tree_page);
  COPY(changes_starts), COPY(changes_page_count), COPY(changes_heights);
#undef COPY
  if (load) {
    memcpy(d->section_first, s->section_first, sizeof d->section_first);
    memcpy(d->section_pages, s->section_pages, sizeof d->section_pages);
  } else {
    memcpy(s->section_first, d->section_first, sizeof d->section_first);
    memcpy(s->section_pages, d->section_pages, sizeof d->section_pages);
  }
}

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
  copy_state(d, &d->plans[i], 1);
  /* a fresh state: a large plan's report summarises (see pdf.h) */
  if (d->section_pages[PDF_SEC_COVER] == 0)
    d->summary = !d->slides && d->r->scenario_count > PDF_SUMMARY_SCENARIOS;
}

/* See pdf.h. */
void pdf_plan_leave(pdf_doc *d, size_t i) {
  copy_state(d, &d->plans[i], 0);
  pdf_plan_state empty;
  memset(&empty, 0, sizeof empty);
  copy_state(d, &empty, 1);
}

/* See pdf.h. */
int pdf_plan_first_page(const pdf_doc *d, size_t i) {
  if (i == d->plan && d->section_first[PDF_SEC_COVER]) return d->section_first[PDF_SEC_COVER];
  return i < d->plan_count ? d->plans[i].section_first[PDF_SEC_COVER] : 0;
}

/* See pdf.h. */
void pdf_plans_free(pdf_doc *d) {
  for (size_t i = 0; d->plans && i < d->plan_count; i++) {
    pdf_plan_state *s = &d->plans[i];
    free(s->decision_starts);
    free(s->matrix_starts);
    free(s->coverage_starts);
    free(s->appendix_rows);
    free(s->appendix_starts);
    free(s->decision_heights);
    free(s->matrix_heights);
    free(s->coverage_heights);
    free(s->appendix_heights);
    for (size_t t = 0; s->tree_plans && t < plan_report(d, i)->tree_count; t++)
      free(s->tree_plans[t].cuts);
    free(s->tree_plans);
    free(s->tree_first);
    free(s->matrix_loss_page);
    free(s->scenario_tree_page);
    free(s->changes_starts);
    free(s->changes_heights);
  }
  /* pdf.c frees the views' arrays still in d, but not these */
  free(d->changes_starts);
  free(d->changes_heights);
  d->changes_starts = NULL;
  d->changes_heights = NULL;
  free(d->plans);
  d->plans = NULL;
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
  return s != PDF_SEC_CHANGES || pdf_comparison(d) != NULL;
}
