/*
 * pptx_theme.h - the built-in theme (colours of the pdf deck, DejaVu Sans
 * with Noto Sans CJK JP as the East Asian font), slide master and "Title
 * Only" layout, and the notes master, as PresentationML text.
 */
#ifndef BD_PPTX_THEME_H
#define BD_PPTX_THEME_H

/* The body of theme1.xml after the XML declaration, a printf format whose
 * eleven %06X are the colours of pptx_theme_colors, in order. */
extern const char pptx_theme_xml[];

/* The theme's colours, 0xRRGGBB, from plugin.h's BD_COLOR_* (one value
 * for every writer): dk1, dk2, lt2, accent1 to accent6, hlink, folHlink. */
extern const unsigned pptx_theme_colors[11];
/* The body of the slide master (layout relationship rId1, theme rId2). */
extern const char pptx_master_xml[];
/* The body of the Title Only layout (master relationship rId1). */
extern const char pptx_layout_xml[];
/* The body of the notes master (theme relationship rId1). */
extern const char pptx_notes_master_xml[];

#endif
