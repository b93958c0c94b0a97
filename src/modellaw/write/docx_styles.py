"""The fixed parts of a modellaw DOCX: styles, settings, content types, relationships.

Everything here is constant text (built once, at import), so a render only pays for the
document body, the numbering of its lists and the properties.  The look is a Commonwealth
bill: Times New Roman 12 pt on A4, bold section headings, hanging-indented (1)/(a)/(i).

Indentation grid (twentieths of a point; 720 = 1.27 cm): a level's label sits where its
parent's text starts, and its text one step further in.
"""

from __future__ import annotations

from typing import Any

STEP = 720
#: Where the text of each level starts; the label hangs one STEP to the left of it.
TEXT_INDENT = {"section": STEP, "subsection": 2 * STEP, "paragraph": 3 * STEP,
               "subparagraph": 4 * STEP, "definition": 2 * STEP}
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 11906, 16838, 1440  # A4, 2.54 cm margins
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FONT = "Times New Roman"

#: Paragraph style name -> styleId (Word shows the name; the XML refers to the id).  The
#: arrangement's entries are Word's own "toc 1" / "toc 2", the styles Word applies when it
#: regenerates the TOC field, so an updated arrangement looks like the one written.
STYLE_IDS = {name: name.replace(" ", "") for name in (
    "Bill Title", "Cover Line", "Long Title", "Preamble", "Enacting Formula",
    "Arrangement Heading", "Part Heading",
    "Section Heading", "Section Text", "Subsection", "Paragraph", "Subparagraph",
    "Definition", "Wrap Up", "Schedule Heading", "Schedule Text", "Header", "Footer")}
STYLE_IDS.update({"Arrangement Part": "TOC1", "Arrangement Entry": "TOC2"})
#: Word's built-in styles: lower-case names, not marked custom.
BUILT_IN = {"Header": "header", "Footer": "footer", "Arrangement Part": "toc 1",
            "Arrangement Entry": "toc 2"}

#: The list levels linked to styles: (style, numFmt) — label text depends on the tradition.
LIST_LEVELS = (("Subsection", "decimal"), ("Paragraph", "lowerLetter"),
               ("Subparagraph", "lowerRoman"))


def use_font(style: Any, font: str = FONT) -> None:
    """Give a python-docx style `font`, dropping the theme fonts (Calibri, Cambria) of
    python-docx's template that would override it: Word prints the theme's, and LibreOffice,
    without them, a substitute serif of its own."""
    style.font.name = font
    set_fonts(style.element.rPr.rFonts, font)


def set_fonts(fonts: Any, font: str = FONT) -> None:
    """A `w:rFonts` element: every script in `font`, no theme font."""
    for attr in [a for a in fonts.attrib if a.endswith("Theme")]:
        del fonts.attrib[attr]
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(f"{{{W_NS}}}{script}", font)


def level_text(level: int, tradition: str) -> str:
    if level == 0:
        return "%1." if tradition == "civil-law" else "(%1)"
    return f"(%{level + 1})"


def _style(name: str, ppr: str = "", rpr: str = "", based: str = "Normal",
           next_: str = "", outline: int | None = None, kind: str = "paragraph") -> str:
    sid = STYLE_IDS.get(name, name.replace(" ", ""))
    custom = ' w:customStyle="1"' if name not in BUILT_IN else ""
    name = BUILT_IN.get(name, name)
    if outline is not None:
        ppr += f'<w:outlineLvl w:val="{outline}"/>'
    return (f'<w:style w:type="{kind}"{custom} w:styleId="{sid}">'
            f'<w:name w:val="{name}"/>'
            + (f'<w:basedOn w:val="{STYLE_IDS.get(based, based)}"/>' if based else "")
            + (f'<w:next w:val="{STYLE_IDS.get(next_, next_)}"/>' if next_ else "")
            + '<w:uiPriority w:val="10"/><w:qFormat/>'
            + (f"<w:pPr>{ppr}</w:pPr>" if ppr else "")
            + (f"<w:rPr>{rpr}</w:rPr>" if rpr else "")
            + "</w:style>")


def _ind(left: int, hanging: int = 0) -> str:
    return f'<w:ind w:left="{left}" w:hanging="{hanging}"/>' if hanging else f'<w:ind w:left="{left}"/>'


def _sp(before: int = 0, after: int = 120) -> str:
    return f'<w:spacing w:before="{before}" w:after="{after}"/>'


def _numpr(level: int) -> str:
    return f'<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="1"/></w:numPr>'


_KEEP = "<w:keepNext/><w:keepLines/>"
_CENTRE = '<w:jc w:val="center"/>'
_BOTH = '<w:jc w:val="both"/>'
_BOLD = "<w:b/><w:bCs/>"
S, T = STEP, TEXT_INDENT

STYLES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:styles xmlns:w="{W_NS}">'
    "<w:docDefaults><w:rPrDefault><w:rPr>"
    f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>'
    '<w:sz w:val="24"/><w:szCs w:val="24"/><w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/>'
    "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
    '<w:spacing w:after="120" w:line="240" w:lineRule="auto"/>'
    "</w:pPr></w:pPrDefault></w:docDefaults>"
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
    "<w:qFormat/><w:pPr><w:widowControl/></w:pPr></w:style>"
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
    '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
    "<w:unhideWhenUsed/></w:style>"
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr>'
    '<w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
    '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
    '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
    '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>'
    + _style("Cover Line", _sp(120, 120) + _CENTRE, _BOLD + "<w:caps/>")
    + _style("Bill Title", _KEEP + _sp(1440, 480) + _CENTRE,
             _BOLD + '<w:sz w:val="36"/><w:szCs w:val="36"/>', outline=0)
    + _style("Long Title", _sp(120, 240) + _ind(S, 0) + _BOTH, "<w:i/><w:iCs/>")
    + _style("Preamble", _sp(0, 120) + _ind(S) + _BOTH)
    + _style("Enacting Formula", _sp(240, 360) + _BOTH, _BOLD, next_="Part Heading")
    + _style("Arrangement Heading", _KEEP + _sp(480, 240) + _CENTRE, _BOLD + "<w:caps/>")
    + _style("Arrangement Part", _KEEP + _sp(240, 60) + _CENTRE,
             '<w:caps/><w:sz w:val="22"/><w:szCs w:val="22"/>')
    + _style("Arrangement Entry",
             f'<w:tabs><w:tab w:val="left" w:pos="{S}"/></w:tabs>' + _sp(0, 40) + _ind(S, S),
             '<w:sz w:val="22"/><w:szCs w:val="22"/>')
    + _style("Part Heading", _KEEP + _sp(480, 240) + _CENTRE, _BOLD + "<w:caps/>",
             next_="Section Heading", outline=0)
    + _style("Section Heading", _KEEP + f'<w:tabs><w:tab w:val="left" w:pos="{S}"/></w:tabs>'
             + _sp(240, 120) + _ind(S, S), _BOLD, next_="Subsection", outline=1)
    + _style("Section Text", _sp() + _ind(T["section"]) + _BOTH)
    + "".join(_style(name, _numpr(level) + _sp() + _ind(T[name.lower()], S) + _BOTH,
                     next_=name)
              for level, (name, _) in enumerate(LIST_LEVELS))
    + _style("Definition", _sp() + _ind(T["definition"]) + _BOTH, next_="Definition")
    + _style("Wrap Up", _sp() + _ind(T["subsection"]) + _BOTH)
    + _style("Schedule Heading", _KEEP + '<w:pageBreakBefore/>' + _sp(0, 360) + _CENTRE,
             _BOLD + "<w:caps/>", next_="Schedule Text", outline=0)
    + _style("Schedule Text", _sp(0, 120) + _BOTH)
    + _style("Defined Term", rpr=_BOLD, based="", kind="character")
    + _style("Header", f'<w:tabs><w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs>'
             + _sp(0, 0), '<w:sz w:val="18"/><w:szCs w:val="18"/>')
    + _style("Footer", _sp(0, 0) + _CENTRE, '<w:sz w:val="18"/><w:szCs w:val="18"/>')
    + '<w:style w:type="table" w:customStyle="1" w:styleId="ScheduleTable">'
    '<w:name w:val="Schedule Table"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="10"/>'
    '<w:pPr><w:spacing w:after="0"/></w:pPr><w:rPr><w:sz w:val="20"/><w:szCs w:val="20"/></w:rPr>'
    "<w:tblPr><w:tblBorders>"
    + "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
              for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    + '</w:tblBorders><w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="100" w:type="dxa"/>'
    '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="100" w:type="dxa"/></w:tblCellMar></w:tblPr>'
    '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/></w:rPr>'
    '<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="D9D9D9"/></w:tcPr></w:tblStylePr>'
    "</w:style>"
    "</w:styles>")


SETTINGS_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:settings xmlns:w="{W_NS}">'
    '<w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>'
    '<w:characterSpacingControl w:val="doNotCompress"/>'
    '<w:compat><w:compatSetting w:name="compatibilityMode" '
    'w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>'
    '<w:themeFontLang w:val="en-GB"/>'
    '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>'
    "</w:settings>")

FONT_TABLE_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    f'<w:fonts xmlns:w="{W_NS}"><w:font w:name="{FONT}">'
    '<w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/>'
    '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>')

_OD = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"

CONTENT_TYPES_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/word/document.xml" ContentType="{_CT}.document.main+xml"/>'
    f'<Override PartName="/word/styles.xml" ContentType="{_CT}.styles+xml"/>'
    f'<Override PartName="/word/numbering.xml" ContentType="{_CT}.numbering+xml"/>'
    f'<Override PartName="/word/settings.xml" ContentType="{_CT}.settings+xml"/>'
    f'<Override PartName="/word/fontTable.xml" ContentType="{_CT}.fontTable+xml"/>'
    f'<Override PartName="/word/header1.xml" ContentType="{_CT}.header+xml"/>'
    f'<Override PartName="/word/footer1.xml" ContentType="{_CT}.footer+xml"/>'
    '<Override PartName="/docProps/core.xml" '
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    '<Override PartName="/docProps/custom.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>'
    "</Types>")

PACKAGE_RELS_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_OD}/officeDocument" Target="word/document.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
    'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
    f'<Relationship Id="rId3" Type="{_OD}/extended-properties" Target="docProps/app.xml"/>'
    f'<Relationship Id="rId4" Type="{_OD}/custom-properties" Target="docProps/custom.xml"/>'
    "</Relationships>")

DOCUMENT_RELS_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_OD}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId2" Type="{_OD}/numbering" Target="numbering.xml"/>'
    f'<Relationship Id="rId3" Type="{_OD}/settings" Target="settings.xml"/>'
    f'<Relationship Id="rId4" Type="{_OD}/fontTable" Target="fontTable.xml"/>'
    f'<Relationship Id="rId5" Type="{_OD}/header" Target="header1.xml"/>'
    f'<Relationship Id="rId6" Type="{_OD}/footer" Target="footer1.xml"/>'
    "</Relationships>")

HEADER_REL, FOOTER_REL = "rId5", "rId6"

APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>modellaw</Application><DocSecurity>0</DocSecurity></Properties>")
