/*
 * pptx_slide.c - one slide part: its shape tree, the heading in the
 * layout's title placeholder (so a template's title style applies), the
 * footer, and the slide's notes page with the speaker notes collected
 * while the slide was drawn.
 */
#include "pptx.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* px of the deck as EMU. */
static long long emu(double px) {
  return llround(px * PPTX_EMU_PER_PX);
}

/* The font of the footer. */
static const pptx_font footer_font = {13, 0, BD_COLOR_MUTED};

/* See pptx.h. */
double pptx_body_bottom(void) {
  return DECK_HEIGHT - DECK_FOOT - DECK_BODY_BOTTOM;
}

/* The group properties every shape tree starts with. */
static void tree_head(pptx_xml *x) {
  pptx_xml_start(x, "p:nvGrpSpPr");
  pptx_xml_empty(x, "p:cNvPr", "id", "1", "name", "", NULL);
  pptx_xml_empty(x, "p:cNvGrpSpPr", NULL);
  pptx_xml_empty(x, "p:nvPr", NULL);
  pptx_xml_end(x);
  pptx_xml_start(x, "p:grpSpPr");
  pptx_xml_start(x, "a:xfrm");
  pptx_xml_empty(x, "a:off", "x", "0", "y", "0", NULL);
  pptx_xml_empty(x, "a:ext", "cx", "0", "cy", "0", NULL);
  pptx_xml_empty(x, "a:chOff", "x", "0", "y", "0", NULL);
  pptx_xml_empty(x, "a:chExt", "cx", "0", "cy", "0", NULL);
  pptx_xml_end(x);
  pptx_xml_end(x);
}

/* The heading in the title placeholder, at the deck's heading box. */
static void heading_shape(pptx *d, const char *heading, double h) {
  pptx_xml *x = &d->x;
  unsigned id = d->next_id++;
  pptx_xml_start(x, "p:sp");
  pptx_xml_start(x, "p:nvSpPr");
  pptx_xml_start(x, "p:cNvPr");
  pptx_xml_attrl(x, "id", id);
  pptx_xml_attrf(x, "name", "Title %u", id);
  pptx_xml_end(x);
  pptx_xml_start(x, "p:cNvSpPr");
  pptx_xml_empty(x, "a:spLocks", "noGrp", "1", NULL);
  pptx_xml_end(x);
  pptx_xml_start(x, "p:nvPr");
  pptx_xml_empty(x, "p:ph", "type", "title", NULL);
  pptx_xml_end(x);
  pptx_xml_end(x);
  pptx_xml_start(x, "p:spPr");
  pptx_xml_start(x, "a:xfrm");
  pptx_xml_start(x, "a:off");
  pptx_xml_attrl(x, "x", emu(DECK_PAD_X));
  pptx_xml_attrl(x, "y", emu(DECK_PAD_TOP));
  pptx_xml_end(x);
  pptx_xml_start(x, "a:ext");
  pptx_xml_attrl(x, "cx", emu(DECK_CONTENT));
  pptx_xml_attrl(x, "cy", emu(h));
  pptx_xml_end(x);
  pptx_xml_end(x);
  pptx_xml_end(x);
  pptx_xml_start(x, "p:txBody");
  pptx_xml_empty(x, "a:bodyPr", "wrap", "square", "lIns", "0", "tIns", "0", "rIns", "0", "bIns",
                 "0", "anchor", "t", NULL);
  pptx_xml_empty(x, "a:lstStyle", NULL);
  pptx_xml_start(x, "a:p");
  pptx_xml_start(x, "a:pPr");
  pptx_xml_attr(x, "algn", "l");
  pptx_xml_start(x, "a:lnSpc");
  pptx_xml_start(x, "a:spcPts");
  pptx_xml_attrl(x, "val", llround(deck_pt(DECK_HEAD_FONT * DECK_HEAD_LINE) * 100));
  pptx_xml_end(x);
  pptx_xml_end(x);
  pptx_xml_end(x);
  pptx_xml_start(x, "a:r");
  pptx_xml_start(x, "a:rPr");
  int ja = pptx_is_japanese(heading);
  pptx_xml_attr(x, "lang", ja ? "ja-JP" : "en-US");
  if (ja) pptx_xml_attr(x, "altLang", "en-US");
  pptx_xml_attrl(x, "sz", llround(deck_pt(DECK_HEAD_FONT) * 100));
  pptx_xml_attr(x, "b", "1");
  pptx_xml_attr(x, "dirty", "0");
  pptx_fill(d, PPTX_THEME_ACCENT);
  pptx_xml_empty(x, "a:latin", "typeface", "+mj-lt", NULL);
  pptx_xml_empty(x, "a:ea", "typeface", "+mj-ea", NULL);
  pptx_xml_empty(x, "a:cs", "typeface", "+mj-cs", NULL);
  pptx_xml_end(x);
  pptx_xml_start(x, "a:t");
  pptx_xml_text(x, heading);
  pptx_xml_end(x);
  pptx_xml_end(x);
  pptx_xml_end(x);
  pptx_xml_end(x);
  pptx_xml_end(x);
}

/* See pptx.h. */
double pptx_slide_begin(pptx *d, const char *heading) {
  d->slide_no++;
  d->next_id = 2;
  d->notes_len = 0;
  if (d->notes) d->notes[0] = '\0';
  if (pptx_xml_begin(&d->x) != 0) {
    d->failed = 1;
    return DECK_PAD_TOP;
  }
  pptx_root(&d->x, "p:sld");
  pptx_xml_start(&d->x, "p:cSld");
  pptx_xml_start(&d->x, "p:spTree");
  tree_head(&d->x);
  if (heading == NULL) return DECK_PAD_TOP;
  pptx_font hf = {DECK_HEAD_FONT, 1, PPTX_THEME_ACCENT};
  int lines = pptx_lines(d, heading, hf, DECK_CONTENT);
  double h = lines * DECK_HEAD_FONT * DECK_HEAD_LINE;
  heading_shape(d, heading, h);
  char foot[512];
  snprintf(foot, sizeof foot, "%s  \xc2\xb7  %s %s", d->footer ? d->footer : d->r->service,
           pptx_msg(d, "meta.as_of"), d->r->as_of);
  double fy = DECK_HEIGHT - DECK_FOOT + 14;
  pptx_text_box(d, DECK_PAD_X, fy, DECK_CONTENT - 80, 20, foot, footer_font, PPTX_LEFT);
  char no[32];
  snprintf(no, sizeof no, "%zu", d->slide_no);
  pptx_text_box(d, DECK_WIDTH - DECK_PAD_X - 80, fy, 80, 20, no, footer_font, PPTX_RIGHT);
  return DECK_PAD_TOP + h + DECK_BODY_TOP;
}

/* The notes page of slide n: the slide image and the notes, a paragraph
 * a line. */
static int notes_part(pptx *d, size_t n) {
  pptx_xml x;
  if (pptx_xml_begin(&x) != 0) return -1;
  pptx_root(&x, "p:notes");
  pptx_xml_start(&x, "p:cSld");
  pptx_xml_start(&x, "p:spTree");
  tree_head(&x);
  pptx_xml_start(&x, "p:sp");
  pptx_xml_start(&x, "p:nvSpPr");
  pptx_xml_empty(&x, "p:cNvPr", "id", "2", "name", "Slide Image 1", NULL);
  pptx_xml_start(&x, "p:cNvSpPr");
  pptx_xml_empty(&x, "a:spLocks", "noGrp", "1", "noRot", "1", "noChangeAspect", "1", NULL);
  pptx_xml_end(&x);
  pptx_xml_start(&x, "p:nvPr");
  pptx_xml_empty(&x, "p:ph", "type", "sldImg", NULL);
  pptx_xml_end(&x);
  pptx_xml_end(&x);
  pptx_xml_empty(&x, "p:spPr", NULL);
  pptx_xml_end(&x);
  pptx_xml_start(&x, "p:sp");
  pptx_xml_start(&x, "p:nvSpPr");
  pptx_xml_empty(&x, "p:cNvPr", "id", "3", "name", "Notes Placeholder 2", NULL);
  pptx_xml_start(&x, "p:cNvSpPr");
  pptx_xml_empty(&x, "a:spLocks", "noGrp", "1", NULL);
  pptx_xml_end(&x);
  pptx_xml_start(&x, "p:nvPr");
  pptx_xml_empty(&x, "p:ph", "type", "body", "idx", "1", NULL);
  pptx_xml_end(&x);
  pptx_xml_end(&x);
  pptx_xml_empty(&x, "p:spPr", NULL);
  pptx_xml_start(&x, "p:txBody");
  pptx_xml_empty(&x, "a:bodyPr", NULL);
  pptx_xml_empty(&x, "a:lstStyle", NULL);
  const char *s = d->notes ? d->notes : "";
  do {
    const char *nl = strchr(s, '\n');
    size_t len = nl ? (size_t)(nl - s) : strlen(s);
    char line[2048];
    if (len >= sizeof line) len = sizeof line - 1;
    memcpy(line, s, len);
    line[len] = '\0';
    pptx_xml_start(&x, "a:p");
    if (len) {
      pptx_xml_start(&x, "a:r");
      pptx_xml_start(&x, "a:rPr");
      pptx_xml_attr(&x, "lang", pptx_is_japanese(line) ? "ja-JP" : "en-US");
      pptx_xml_attr(&x, "dirty", "0");
      pptx_xml_end(&x);
      pptx_xml_start(&x, "a:t");
      pptx_xml_text(&x, line);
      pptx_xml_end(&x);
      pptx_xml_end(&x);
    }
    pptx_xml_end(&x);
    s = nl && nl[1] ? nl + 1 : NULL;
  } while (s);
  pptx_xml_end(&x);
  pptx_xml_end(&x);
  pptx_xml_end(&x);
  pptx_xml_end(&x);
  pptx_xml_start(&x, "p:clrMapOvr");
  pptx_xml_empty(&x, "a:masterClrMapping", NULL);
  pptx_xml_end(&x);
  pptx_xml_end(&x);
  char name[96], slide[96];
  snprintf(name, sizeof name, "ppt/notesSlides/notesSlide%zu.xml", n);
  snprintf(slide, sizeof slide, "ppt/slides/slide%zu.xml", n);
  if (pptx_add_part(d, name, PPTX_CT "notesSlide+xml", &x) != 0) return -1;
  pptx_rel rels[] = {{"notesMaster", "ppt/notesMasters/notesMaster1.xml"}, {"slide", slide}};
  return pptx_add_rels(d, name, rels, 2);
}

/* See pptx.h. */
int pptx_slide_end(pptx *d) {
  if (d->x.w == NULL) return -1;
  pptx_xml_end(&d->x); /* spTree */
  pptx_xml_end(&d->x); /* cSld */
  pptx_xml_start(&d->x, "p:clrMapOvr");
  pptx_xml_empty(&d->x, "a:masterClrMapping", NULL);
  pptx_xml_end(&d->x);
  pptx_xml_end(&d->x);
  char name[96], notes[96];
  snprintf(name, sizeof name, "ppt/slides/slide%zu.xml", d->slide_no);
  snprintf(notes, sizeof notes, "ppt/notesSlides/notesSlide%zu.xml", d->slide_no);
  if (pptx_add_part(d, name, PPTX_CT "slide+xml", &d->x) != 0) return -1;
  pptx_rel rels[] = {{"slideLayout", d->layouts.content}, {"notesSlide", notes}};
  if (pptx_add_rels(d, name, rels, 2) != 0) return -1;
  return notes_part(d, d->slide_no);
}
