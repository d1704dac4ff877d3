/*
 * pptx_theme.c - the built-in theme, slide master, "Title Only" layout
 * and notes master (see pptx_theme.h): the pdf deck's colours (BD_COLOR_*
 * of plugin.h: text 1F2933, accent 0B4F8A, heat D94801, the cell states),
 * DejaVu Sans with Noto Sans CJK JP as the East Asian font (the fonts the
 * deck is measured with), a 16:9 slide.
 */
#include "pptx_theme.h"

#include <badday/plugin.h>

#include "pptx.h"

/* See pptx_theme.h. */
const unsigned pptx_theme_colors[11] = {BD_COLOR_TEXT,
                                        BD_COLOR_ACCENT,
                                        (unsigned)PPTX_COLOR_CARD,
                                        BD_COLOR_ACCENT,
                                        BD_COLOR_HEAT_HIGH,
                                        BD_COLOR_CELL_VERIFIED,
                                        BD_COLOR_CELL_STALE,
                                        BD_COLOR_CELL_IMPLEMENTED,
                                        BD_COLOR_CELL_FAILING,
                                        BD_COLOR_ACCENT,
                                        BD_COLOR_MUTED};

/* See pptx_theme.h. */
const char pptx_theme_xml[] =
    "<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"badday\">"
    "<a:themeElements>"
    "<a:clrScheme name=\"badday\">"
    "<a:dk1><a:srgbClr val=\"%06X\"/></a:dk1><a:lt1><a:srgbClr val=\"FFFFFF\"/></a:lt1>"
    "<a:dk2><a:srgbClr val=\"%06X\"/></a:dk2><a:lt2><a:srgbClr val=\"%06X\"/></a:lt2>"
    "<a:accent1><a:srgbClr val=\"%06X\"/></a:accent1><a:accent2><a:srgbClr "
    "val=\"%06X\"/></a:accent2>"
    "<a:accent3><a:srgbClr val=\"%06X\"/></a:accent3><a:accent4><a:srgbClr "
    "val=\"%06X\"/></a:accent4>"
    "<a:accent5><a:srgbClr val=\"%06X\"/></a:accent5><a:accent6><a:srgbClr "
    "val=\"%06X\"/></a:accent6>"
    "<a:hlink><a:srgbClr val=\"%06X\"/></a:hlink><a:folHlink><a:srgbClr "
    "val=\"%06X\"/></a:folHlink>"
    "</a:clrScheme>"
    "<a:fontScheme name=\"badday\">"
    "<a:majorFont><a:latin typeface=\"DejaVu Sans\"/><a:ea typeface=\"Noto Sans CJK JP\"/><a:cs "
    "typeface=\"\"/><a:font script=\"Jpan\" typeface=\"Noto Sans CJK JP\"/></a:majorFont>"
    "<a:minorFont><a:latin typeface=\"DejaVu Sans\"/><a:ea typeface=\"Noto Sans CJK JP\"/><a:cs "
    "typeface=\"\"/><a:font script=\"Jpan\" typeface=\"Noto Sans CJK JP\"/></a:minorFont>"
    "</a:fontScheme>"
    "<a:fmtScheme name=\"badday\">"
    "<a:fillStyleLst><a:solidFill><a:schemeClr "
    "val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr "
    "val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr "
    "val=\"phClr\"/></a:solidFill></a:fillStyleLst>"
    "<a:lnStyleLst><a:ln w=\"6350\"><a:solidFill><a:schemeClr "
    "val=\"phClr\"/></a:solidFill></a:ln><a:ln w=\"12700\"><a:solidFill><a:schemeClr "
    "val=\"phClr\"/></a:solidFill></a:ln><a:ln w=\"19050\"><a:solidFill><a:schemeClr "
    "val=\"phClr\"/></a:solidFill></a:ln></a:lnStyleLst>"
    "<a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></"
    "a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>"
    "<a:bgFillStyleLst><a:solidFill><a:schemeClr "
    "val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr "
    "val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr "
    "val=\"phClr\"/></a:solidFill></a:bgFillStyleLst>"
    "</a:fmtScheme>"
    "</a:themeElements>"
    "<a:objectDefaults/><a:extraClrSchemeLst/>"
    "</a:theme>";

/* See pptx_theme.h. */
const char pptx_master_xml[] =
    "<p:sldMaster xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
    "xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/"
    "main\"><p:cSld><p:bg><p:bgPr><a:solidFill><a:schemeClr "
    "val=\"bg1\"/></a:solidFill><a:effectLst/></p:bgPr></p:bg><p:spTree><p:nvGrpSpPr><p:cNvPr "
    "id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x=\"0\" "
    "y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/><a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"0\" "
    "cy=\"0\"/></a:xfrm></p:grpSpPr><p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Title Placeholder "
    "1\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph "
    "type=\"title\"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x=\"571500\" y=\"342900\"/><a:ext "
    "cx=\"11049000\" cy=\"419100\"/></a:xfrm><a:prstGeom "
    "prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr><p:txBody><a:bodyPr lIns=\"0\" tIns=\"0\" "
    "rIns=\"0\" bIns=\"0\" anchor=\"t\"><a:noAutofit/></a:bodyPr><a:lstStyle/><a:p><a:r><a:rPr "
    "lang=\"en-US\"/><a:t>Title</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld><p:clrMap "
    "bg1=\"lt1\" tx1=\"dk1\" bg2=\"lt2\" tx2=\"dk2\" accent1=\"accent1\" accent2=\"accent2\" "
    "accent3=\"accent3\" accent4=\"accent4\" accent5=\"accent5\" accent6=\"accent6\" "
    "hlink=\"hlink\" folHlink=\"folHlink\"/><p:sldLayoutIdLst><p:sldLayoutId id=\"2147483649\" "
    "r:id=\"rId1\"/></p:sldLayoutIdLst><p:txStyles><p:titleStyle><a:lvl1pPr algn=\"l\"><a:defRPr "
    "sz=\"2700\" b=\"1\"><a:solidFill><a:schemeClr val=\"accent1\"/></a:solidFill><a:latin "
    "typeface=\"+mj-lt\"/><a:ea typeface=\"+mj-ea\"/><a:cs "
    "typeface=\"+mj-cs\"/></a:defRPr></a:lvl1pPr></p:titleStyle><p:bodyStyle><a:lvl1pPr "
    "algn=\"l\"><a:defRPr sz=\"1800\" b=\"0\"><a:solidFill><a:schemeClr "
    "val=\"tx1\"/></a:solidFill><a:latin typeface=\"+mn-lt\"/><a:ea typeface=\"+mn-ea\"/><a:cs "
    "typeface=\"+mn-cs\"/></a:defRPr></a:lvl1pPr></p:bodyStyle><p:otherStyle><a:lvl1pPr "
    "algn=\"l\"><a:defRPr sz=\"1800\" b=\"0\"><a:solidFill><a:schemeClr "
    "val=\"tx1\"/></a:solidFill><a:latin typeface=\"+mn-lt\"/><a:ea typeface=\"+mn-ea\"/><a:cs "
    "typeface=\"+mn-cs\"/></a:defRPr></a:lvl1pPr></p:otherStyle></p:txStyles></p:sldMaster>";

/* See pptx_theme.h. */
const char pptx_layout_xml[] =
    "<p:sldLayout xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
    "xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\" type=\"titleOnly\" "
    "preserve=\"1\"><p:cSld name=\"Title Only\"><p:spTree><p:nvGrpSpPr><p:cNvPr id=\"1\" "
    "name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x=\"0\" "
    "y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/><a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"0\" "
    "cy=\"0\"/></a:xfrm></p:grpSpPr><p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Title "
    "1\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph "
    "type=\"title\"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/"
    "><a:p><a:r><a:rPr "
    "lang=\"en-US\"/><a:t>Title</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></"
    "p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>";

/* See pptx_theme.h. */
const char pptx_notes_master_xml[] =
    "<p:notesMaster xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
    "xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"><p:cSld><p:bg><p:bgRef "
    "idx=\"1001\"><a:schemeClr val=\"bg1\"/></p:bgRef></p:bg><p:spTree><p:nvGrpSpPr><p:cNvPr "
    "id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x=\"0\" "
    "y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/><a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"0\" "
    "cy=\"0\"/></a:xfrm></p:grpSpPr><p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Slide Image "
    "Placeholder 1\"/><p:cNvSpPr><a:spLocks noGrp=\"1\" noRot=\"1\" "
    "noChangeAspect=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"sldImg\" "
    "idx=\"2\"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x=\"381000\" y=\"685800\"/><a:ext "
    "cx=\"6096000\" cy=\"3429000\"/></a:xfrm><a:prstGeom "
    "prst=\"rect\"><a:avLst/></a:prstGeom><a:noFill/><a:ln w=\"12700\"><a:solidFill><a:prstClr "
    "val=\"black\"/></a:solidFill></a:ln></p:spPr></p:sp><p:sp><p:nvSpPr><p:cNvPr id=\"3\" "
    "name=\"Notes Placeholder 2\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph "
    "type=\"body\" sz=\"quarter\" idx=\"3\"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off "
    "x=\"685800\" y=\"4343400\"/><a:ext cx=\"5486400\" cy=\"4114800\"/></a:xfrm><a:prstGeom "
    "prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr><p:txBody><a:bodyPr vert=\"horz\" "
    "lIns=\"91440\" tIns=\"45720\" rIns=\"91440\" bIns=\"45720\" "
    "rtlCol=\"0\"/><a:lstStyle/><a:p><a:pPr lvl=\"0\"/><a:r><a:rPr "
    "lang=\"en-US\"/><a:t>Notes</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld><p:clrMap "
    "bg1=\"lt1\" tx1=\"dk1\" bg2=\"lt2\" tx2=\"dk2\" accent1=\"accent1\" accent2=\"accent2\" "
    "accent3=\"accent3\" accent4=\"accent4\" accent5=\"accent5\" accent6=\"accent6\" "
    "hlink=\"hlink\" folHlink=\"folHlink\"/><p:notesStyle><a:lvl1pPr marL=\"0\" "
    "algn=\"l\"><a:defRPr sz=\"1200\"><a:solidFill><a:schemeClr "
    "val=\"tx1\"/></a:solidFill><a:latin typeface=\"+mn-lt\"/><a:ea typeface=\"+mn-ea\"/><a:cs "
    "typeface=\"+mn-cs\"/></a:defRPr></a:lvl1pPr></p:notesStyle></p:notesMaster>";
