"""Build the shipped .docx template of the drafts: templates/docx/draft.docx (issue 17).

The template is hand-built WordprocessingML, written with fixed timestamps so that running this
script again gives the same bytes (a test checks the committed file is current). It carries what a
Chinese filing document needs and python-docx's default template lacks:

- A4 (11906 × 16838 twips) with the margins of GB/T 9704-2012 (党政机关公文格式): top 37 mm,
  bottom 35 mm, left 28 mm, right 26 mm (版心 156 mm × 225 mm), 22 lines of 28.95 pt;
- 仿宋 三号 body, 黑体 level-1 headings, 楷体 level-2 headings, 宋体 tables, a 二号 title;
- w:lang zh-CN (eastAsia zh-CN) in docDefaults and every style, so no reader falls back to a
  Japanese CJK font;
- numbered headings (一、 （一） 1. （1）, the GB/T 9704 hierarchy) and 第X条 articles, as Word
  numbering bound to the heading styles;
- a page number (PAGE field, "— 1 —") centred in the footer;
- a title block (密级, title, service, provider, model and version, date, status) filled by docxtpl.

Run:  python scripts/build_docx_template.py        (writes the template)
      python scripts/build_docx_template.py --check (exit 1 if the committed file differs)
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "gaicheck" / "_data" / "templates" / "docx" / "draft.docx"

# GB/T 9704-2012 §5.2.1: 天头 37 mm, 订口 28 mm, 版心 156 × 225 mm on A4 (210 × 297 mm).
MM = 1440 / 25.4
PAGE = {"w": 11906, "h": 16838}
MARGINS = {"top": round(37 * MM), "bottom": round(35 * MM), "left": round(28 * MM), "right": round(26 * MM)}
LINE = 579  # 28.95 pt: 22 lines in the 225 mm type area (GB/T 9704 §5.2.3)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = (f'xmlns:w="{W}" xmlns:r="{R}" '
      'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="w14"')
LANG = '<w:lang w:val="zh-CN" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def fonts(east: str, latin: str = "Times New Roman") -> str:
    return f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east}" w:cs="{latin}"/>'


def style(sid: str, name: str, *, east: str, size: int, kind: str = "paragraph", bold: bool = False,
          ppr: str = "", based: str = "Normal", nxt: str = "Normal") -> str:
    b = "<w:b/><w:bCs/>" if bold else ""
    base = f'<w:basedOn w:val="{based}"/>' if based and sid != based else ""
    return (f'<w:style w:type="{kind}" w:customStyle="1" w:styleId="{sid}"><w:name w:val="{name}"/>{base}'
            f'<w:next w:val="{nxt}"/><w:qFormat/><w:pPr>{ppr}</w:pPr>'
            f'<w:rPr>{fonts(east)}{b}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>{LANG}</w:rPr></w:style>')


def heading(level: int, east: str, size: int, bold: bool) -> str:
    ppr = (f'<w:keepNext/><w:keepLines/><w:numPr><w:ilvl w:val="{level - 1}"/><w:numId w:val="1"/></w:numPr>'
           f'<w:spacing w:before="0" w:after="0" w:line="{LINE}" w:lineRule="exact"/>'
           f'<w:ind w:firstLine="640"/><w:outlineLvl w:val="{level - 1}"/>')
    s = style(f"Heading{level}", f"heading {level}", east=east, size=size, bold=bold, ppr=ppr)
    return s.replace(' w:customStyle="1"', "")


STYLES = HEAD + f'''<w:styles {NS}>
<w:docDefaults>
<w:rPrDefault><w:rPr>{fonts("仿宋")}<w:kern w:val="2"/><w:sz w:val="32"/><w:szCs w:val="32"/>{LANG}</w:rPr></w:rPrDefault>
<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="{LINE}" w:lineRule="exact"/><w:jc w:val="both"/></w:pPr></w:pPrDefault>
</w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>
<w:pPr><w:ind w:firstLine="640"/></w:pPr><w:rPr>{fonts("仿宋")}<w:sz w:val="32"/><w:szCs w:val="32"/>{LANG}</w:rPr></w:style>
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/>
<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
{style("DocTitle", "文件标题", east="宋体", size=44, bold=True, ppr='<w:jc w:val="center"/><w:spacing w:before="240" w:after="240" w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/>')}
{style("Classification", "密级", east="黑体", size=32, ppr='<w:ind w:firstLine="0"/>')}
{heading(1, "黑体", 32, False)}
{heading(2, "楷体", 32, False)}
{heading(3, "仿宋", 32, True)}
{heading(4, "仿宋", 32, False)}
{style("Article", "条", east="黑体", size=32, ppr='<w:keepNext/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr><w:ind w:firstLine="640"/><w:outlineLvl w:val="0"/>')}
{style("ListItem", "列项", east="仿宋", size=32, ppr='<w:ind w:left="640" w:hanging="0" w:firstLine="0"/>')}
{style("CheckItem", "勾选项", east="仿宋", size=32, ppr='<w:ind w:left="640" w:firstLine="0"/>')}
{style("Note", "说明", east="楷体", size=28, ppr='<w:ind w:firstLine="560"/><w:spacing w:line="480" w:lineRule="exact"/>')}
{style("TableText", "表格文字", east="宋体", size=21, ppr='<w:ind w:firstLine="0"/><w:jc w:val="left"/><w:spacing w:line="300" w:lineRule="exact"/>')}
{style("TableHeader", "表头", east="黑体", size=21, ppr='<w:ind w:firstLine="0"/><w:jc w:val="center"/><w:spacing w:line="300" w:lineRule="exact"/>', based="TableText")}
{style("BlockLabel", "题头项", east="黑体", size=28, ppr='<w:ind w:firstLine="0"/><w:spacing w:line="440" w:lineRule="exact"/>')}
{style("BlockValue", "题头内容", east="仿宋", size=28, ppr='<w:ind w:firstLine="0"/><w:spacing w:line="440" w:lineRule="exact"/>')}
{style("Signature", "落款", east="仿宋", size=32, ppr='<w:jc w:val="right"/><w:ind w:firstLine="0" w:right="1280"/>')}
{style("Footer", "页脚", east="宋体", size=28, ppr='<w:jc w:val="center"/><w:ind w:firstLine="0"/><w:spacing w:line="240" w:lineRule="auto"/>')}
<w:style w:type="table" w:customStyle="1" w:styleId="DraftTable"><w:name w:val="表格（网格）"/><w:basedOn w:val="TableNormal"/>
<w:pPr><w:ind w:firstLine="0"/></w:pPr><w:rPr>{fonts("宋体")}<w:sz w:val="21"/><w:szCs w:val="21"/>{LANG}</w:rPr>
<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders>
<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="85" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
</w:styles>
'''


def level(ilvl: int, fmt: str, text: str, style_id: str) -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:pStyle w:val="{style_id}"/>'
            f'<w:suff w:val="nothing"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl>')


NUMBERING = HEAD + f'''<w:numbering {NS}>
<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>
{level(0, "chineseCounting", "%1、", "Heading1")}{level(1, "chineseCounting", "（%2）", "Heading2")}{level(2, "decimal", "%3.", "Heading3")}{level(3, "decimal", "（%4）", "Heading4")}
</w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/>
{level(0, "chineseCounting", "第%1条　", "Article")}
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>
'''

SETTINGS = HEAD + f'''<w:settings {NS}>
<w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/>
<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>
<w:themeFontLang w:val="zh-CN" w:eastAsia="zh-CN"/><w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>
</w:settings>
'''


def font(name: str, alt: str, family: str, pitch: str = "variable") -> str:
    return (f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
            f'<w:family w:val="{family}"/><w:pitch w:val="{pitch}"/></w:font>')


FONT_TABLE = HEAD + f'''<w:fonts {NS}>
{font("宋体", "SimSun", "auto")}{font("仿宋", "FangSong", "modern", "fixed")}{font("黑体", "SimHei", "modern", "fixed")}{font("楷体", "KaiTi", "modern", "fixed")}
<w:font w:name="Times New Roman"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>
</w:fonts>
'''

# GB/T 9704 §7.5: the page number in 4号 宋体 Arabic digits with a dash on each side.
FOOTER = HEAD + f'''<w:ftr {NS}><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>
<w:r><w:rPr>{LANG}</w:rPr><w:t xml:space="preserve">— </w:t></w:r>
<w:r><w:rPr>{LANG}</w:rPr><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:rPr>{LANG}</w:rPr><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:rPr>{LANG}</w:rPr><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr>{LANG}</w:rPr><w:t>1</w:t></w:r><w:r><w:rPr>{LANG}</w:rPr><w:fldChar w:fldCharType="end"/></w:r>
<w:r><w:rPr>{LANG}</w:rPr><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>
'''


def run(text: str) -> str:
    return f'<w:r><w:rPr>{LANG}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def para(style_id: str, text: str) -> str:
    return f'<w:p><w:pPr><w:pStyle w:val="{style_id}"/></w:pPr>{run(text)}</w:p>'


def block_row(label: str, value: str) -> str:
    cell = '<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr>{p}</w:tc>'
    return ("<w:tr>" + cell.format(w=2200, p=para("BlockLabel", label))
            + cell.format(w=6644, p=para("BlockValue", value)) + "</w:tr>")


TEXT_WIDTH = PAGE["w"] - MARGINS["left"] - MARGINS["right"]
# The title block: every value is a docxtpl tag, each in one run so Word never splits it.
DOCUMENT = HEAD + f'''<w:document {NS}><w:body>
{para("Classification", "{{ labels.classification }}：{{ classification }}")}
{para("DocTitle", "{{ title }}")}
<w:tbl><w:tblPr><w:tblW w:w="{TEXT_WIDTH}" w:type="dxa"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/></w:tblPr>
<w:tblGrid><w:gridCol w:w="2200"/><w:gridCol w:w="6644"/></w:tblGrid>
{block_row("{{ labels.service }}", "{{ service }}")}
{block_row("{{ labels.provider }}", "{{ provider }}")}
{block_row("{{ labels.model }}", "{{ model }}")}
{block_row("{{ labels.date }}", "{{ date }}")}
{block_row("{{ labels.status }}", "{{ status }}")}
</w:tbl>
<w:p><w:pPr><w:ind w:firstLine="0"/></w:pPr></w:p>
<w:p><w:r><w:t>{{{{p body }}}}</w:t></w:r></w:p>
<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter1"/>
<w:pgSz w:w="{PAGE["w"]}" w:h="{PAGE["h"]}"/>
<w:pgMar w:top="{MARGINS["top"]}" w:right="{MARGINS["right"]}" w:bottom="{MARGINS["bottom"]}" w:left="{MARGINS["left"]}" w:header="851" w:footer="992" w:gutter="0"/>
<w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="{LINE}"/></w:sectPr>
</w:body></w:document>
'''

CONTENT_TYPES = HEAD + '''<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>
<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>
<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>
<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>
</Types>
'''

ROOT_RELS = HEAD + '''<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>
</Relationships>
'''

DOC_RELS = HEAD + '''<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
<Relationship Id="rIdNumbering" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>
<Relationship Id="rIdFonts" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/>
<Relationship Id="rIdFooter1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>
</Relationships>
'''

CORE = HEAD + '''<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<dc:title>草稿</dc:title><dc:language>zh-CN</dc:language>
<dcterms:created xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2026-01-01T00:00:00Z</dcterms:modified>
</cp:coreProperties>
'''

APP = HEAD + '''<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Office Word</Application></Properties>
'''

PARTS = (
    ("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", ROOT_RELS), ("docProps/core.xml", CORE),
    ("docProps/app.xml", APP), ("word/document.xml", DOCUMENT), ("word/_rels/document.xml.rels", DOC_RELS),
    ("word/styles.xml", STYLES), ("word/numbering.xml", NUMBERING), ("word/settings.xml", SETTINGS),
    ("word/fontTable.xml", FONT_TABLE), ("word/footer1.xml", FOOTER),
)


def build() -> bytes:
    """The template's bytes: fixed member order, timestamps and permissions."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as zf:
        for name, text in PARTS:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED  # no zlib-version dependence: --check is byte-exact anywhere
            info.external_attr = 0o644 << 16
            info.create_system = 3
            zf.writestr(info, text.encode("utf-8"))
    return buf.getvalue()


def main(argv: list[str]) -> int:
    data = build()
    if "--check" in argv:
        current = OUT.read_bytes() if OUT.exists() else b""
        if current != data:
            print(f"{OUT} is out of date: run python scripts/build_docx_template.py", file=sys.stderr)
            return 1
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(data)
    print(f"wrote {OUT} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
