"""The HTML reader: HTML, XHTML and inline XBRL (TDnet 決算短信 summaries, EDINET) as source lines.

Encoding. A byte-order mark wins; then the XML declaration (`<?xml ... encoding="Shift_JIS"?>`),
then `<meta charset>` / `<meta http-equiv="Content-Type" content="...; charset=...">` in the
first 8 KB. A declared encoding is used when the bytes decode with it (Shift_JIS aliases read as
CP932, its superset; ISO-8859-1 and ASCII as windows-1252, as browsers do), except that bytes which
are valid UTF-8 with multi-byte characters are UTF-8 whatever the declaration says (a file re-saved
as UTF-8 without updating its meta tag). Without a usable declaration the text reader's detection
(taiyaku.read.decode: UTF-8, then CP932 against EUC-JP by plausibility) decides.

Parsing. A document that starts with an XML declaration or names the XHTML or inline XBRL
namespace is parsed as XML (lxml.etree, no DTD, no network, no entity expansion; HTML named
entities such as `&nbsp;` and `&yen;` are turned into character references first). If it is not
well-formed XML it is parsed as HTML instead, like everything else: lxml's (libxml2's) recovering
HTML parser, through lxml.etree.HTMLParser (plain elements, without lxml.html's element classes,
which cost time and give nothing here). Under the HTML parser namespaces are not resolved, so
inline XBRL elements are recognised by their conventional `ix:` prefix. Malformed markup reads
as far as the parser recovers it.

What is dropped. Scripts never run: `<script>`, `<noscript>`, `<style>`, `<template>`, `<head>`
(and so `<title>`), comments, processing instructions, `<svg>`/`<canvas>` (chart labels),
`<select>`, embedded objects and frames, ruby annotations (`<rt>`, `<rp>`: furigana), elements
with the `hidden` attribute, an inline `style` with `display:none` or `visibility:hidden`, and
elements a `<style>` sheet hides through a simple selector (`.cls`, `tag.cls`, `#id`, `tag`;
rules inside @media and compound selectors are not evaluated). Inline XBRL `ix:header` (with
`ix:hidden`, `ix:references`, `ix:resources`) is dropped, and so are stray XBRL instance and
linkbase elements. Entities are decoded; no-break and other Unicode spaces read as spaces;
zero-width characters and soft hyphens are removed. Whitespace is collapsed as a browser does,
and a line break in the source between two East Asian wide characters is removed (CSS Text 3),
so `売上\\n高` reads 売上高. `<sup>x</sup>` reads `^{x}`, the superscript markup the parse stage
strips, so a footnote mark is never glued onto a figure (`1,234<sup>1</sup>` is not 1,2341).

Prose. Block elements (p, div, h1-h6, li, dt/dd, blockquote, section, ...) and `<br>`/`<hr>`
end lines; each non-empty line is one prose SourceLine located "line N", N being the line of
the HTML source where its text starts. `<pre>` keeps its own lines. A line that is only a page
number (`－ 5 －`, `- 5 -`, `Page 5`, `5 / 12`) is page furniture and dropped.

Tables. Each `<table>` is a data table or a layout table. It is a data table when it has at
least two non-empty rows and two non-empty columns, at least two figure cells (a number, signed,
in parentheses, with %, a currency mark or a unit word, or a range) outside its first column and
no fewer figure cells than prose cells (long text or sentences), and holds no multi-row table of
its own. Any other table is layout: its text is prose, row by row (the short cells of one row
joined with spaces into one line; a cell with blocks or long text gives its own lines; tables
inside it are read in turn as tables). A one-row table nested in a data cell is flattened into
that cell's text. The rows of a data table come in rendered order (thead, then tbody and bare
rows, then tfoot), hidden rows and cells left out. Each row is one SourceLine: `cells` is the
row label and then one cell per column; `table` is "html:N" and `locator` "table N row R",
with `cell_locators` "table N row R cell C" (N counts every `<table>` of the file in document
order, R the table's visible rows, C the grid column), `text` the cells joined by tabs.

- colspan: the text goes in the first spanned column; the others are empty.
- rowspan: a row label (the label columns of a body row) is repeated in every row it spans, so
  each row keeps its label; any other spanned cell is left empty below its first row (a period
  header repeated lower down would, in the parse stage, carry its period onto the columns to its
  right, and a repeated figure would be counted twice).
- Label columns: the leading columns that hold no figure in any body row but hold some text
  (at least the first column) are read as one label, their texts joined with spaces (a label
  with a separate notes column, 現金及び預金 | ※1, or an indentation column).
- Columns empty in every row (spacers) are left out.
- Header rows: the leading rows in `<thead>` or made only of `<th>` cells, and the rows a
  top-left corner cell spans with its rowspan when they hold no amounts, are header rows. Their
  label cells are left empty, which is how the parse stage recognises a header row, and the
  corner's text, if any ("(単位：百万円)", "区分", "(Millions of yen)"), is given as a prose line
  just above the table's rows, where the parse stage reads a table's title lines (a unit there
  becomes the table's unit; other words may become its caption when no caption line is nearer).
  Other leading rows are left to the parse stage to judge.
- `<caption>` is a prose line above the rows; stray content inside `<table>` outside any cell
  is prose before it.

Inline XBRL facts. The visible text is what a reader of the page sees and what the translation
renders, so it is kept; the attributes change a cell's text only where the display alone would
mislead:

- `sign="-"`: when the display shows no negative mark of its own (△, ▲, -, −, － or an opening
  parenthesis directly before the figure, inside or outside the tag, as in
  `△<ix:nonFraction sign="-">1,234</ix:nonFraction>`), a "-" is put before the figure, but
  only in a table cell that holds the bare figure (with at most a currency mark, %, a closing
  parenthesis or a unit word around it) whose row label does not itself name the negative
  (営業損失, 減少, "Operating loss": EDINET tags such rows with a positive display of a negated
  element). In prose the words carry the direction (5.2%減, a decrease of ...), so prose is
  never changed.
- `format`: ixt:fixed-zero and ixt:zerodash ("－" meaning zero) read "0" (with as many decimals
  as the `decimals` attribute gives, "0.00" for decimals="2"); comma-decimal formats
  (num-comma-decimal, numcommadecimal, numdotcomma, numspacecomma: "1.234,5") read as dot-decimal
  "1,234.5"; space-grouped figures ("1 234") read "1,234"; num-unit-decimal ("38円52銭",
  "5 dollars 50 cents") reads "38.52"; English number words (ixt-sec:numwordsen and
  num-word-en: "five", "no", "none") read as digits. Dot-decimal formats and formats not listed
  (dates, booleans) leave the display as it is.
- `scale` is not applied: a fact's display is in the unit the page shows for it (the 百万円 unit
  row, "(百万円未満切捨て)", a unit word after the figure), which is what the parse stage reads;
  `scale="6"` under a 百万円 unit row is that same unit.
- `xsi:nil="true"`: a nil fact shows nothing; in a table cell with no other text it reads "—"
  (nil), so it is not taken for a missing figure.
- `ix:nonNumeric` is text like any other. A fact continued elsewhere (`continuedAt` ->
  `ix:continuation`) is joined: when the part before the break does not end a sentence, the
  first line of its continuation is appended to the part's last line (page furniture between
  them stays where it is).

Limits: CSS is not laid out (absolutely positioned text is read in source order; `::before`
content and class rules in compound selectors are ignored); images (and their alt text) are
not read; frames are not followed.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from html.entities import html5
from typing import Any

from lxml import etree

from ..errors import InputError
from ..lang import ja as ja_lang
from ..model import Source, SourceLine
from .decode import decode_bytes

__all__ = ["read_html"]

# --------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------

_XHTML_NS = "http://www.w3.org/1999/xhtml"
_IX_NS = frozenset({"http://www.xbrl.org/2013/inlineXBRL", "http://www.xbrl.org/2008/inlineXBRL"})
_XBRL_NS = frozenset({
    "http://www.xbrl.org/2003/instance", "http://www.xbrl.org/2003/linkbase",
    "http://xbrl.org/2006/xbrldi", "http://www.w3.org/1999/xlink",
})  # fmt: skip
_XBRL_PREFIXES = frozenset({"xbrli", "link", "xbrldi", "xlink"})

# Elements whose content is never shown (or is not document text).
_DROP = frozenset({
    "script", "noscript", "style", "template", "head", "title", "meta", "link", "base",
    "svg", "canvas", "select", "datalist", "option", "object", "embed", "iframe", "frame",
    "frameset", "applet", "audio", "video", "map", "area", "param", "source", "track",
    "rt", "rp", "input", "img",
    "ix:header", "ix:hidden", "ix:references", "ix:resources", "xbrl:",
})  # fmt: skip

# Elements that end a line before and after them.
_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "center", "dd", "details", "dialog",
    "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
    "h3", "h4", "h5", "h6", "header", "hgroup", "html", "legend", "li", "listing", "main",
    "menu", "nav", "ol", "p", "plaintext", "section", "summary", "ul", "xmp", "caption",
    "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "col",
})  # fmt: skip

_MAX_DEPTH = 300  # deeper markup is read as plain text (no recursion blow-up on hostile input)


@lru_cache(maxsize=1024)
def _kind(tag: str) -> str:
    """The lower-case local name of an element: "p", "td", "ix:nonfraction"; "xbrl:" for XBRL
    instance/linkbase elements; "?name" for other foreign elements."""
    if tag[:1] == "{":
        ns, _, local = tag[1:].partition("}")
        local = local.lower()
        if ns == _XHTML_NS:
            return local
        if ns in _IX_NS:
            return "ix:" + local
        if ns in _XBRL_NS:
            return "xbrl:"
        return "?" + local
    tag = tag.lower()
    if ":" in tag:
        prefix, _, local = tag.partition(":")
        if prefix == "ix":
            return "ix:" + local
        if prefix in _XBRL_PREFIXES:
            return "xbrl:"
        return "?" + local
    return tag


def _attr(el: Any, name: str) -> str | None:
    """An attribute by local name, case-insensitively ("xsi:nil", "{...}nil", "continuedAt")."""
    for key, value in el.attrib.items():
        local = key.rpartition("}")[2] if key[:1] == "{" else key.rpartition(":")[2]
        if local.lower() == name:
            return str(value)
    return None


# --------------------------------------------------------------------------------------------
# Encoding
# --------------------------------------------------------------------------------------------

_UTF8_BOM = b"\xef\xbb\xbf"
_XML_DECL_ENCODING = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']")
_META_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.I)
_CODEC_ALIASES = {
    "shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932",
    "ms_kanji": "cp932", "csshiftjis": "cp932", "windows-31j": "cp932", "cp932": "cp932",
    "ms932": "cp932", "x-ms-cp932": "cp932",
    "euc-jp": "euc_jp", "euc_jp": "euc_jp", "eucjp": "euc_jp", "x-euc-jp": "euc_jp",
    "cseucpkdfmtjapanese": "euc_jp",
    "utf-8": "utf-8", "utf8": "utf-8", "unicode-1-1-utf-8": "utf-8",
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
    "us-ascii": "cp1252", "ascii": "cp1252", "windows-1252": "cp1252",
}  # fmt: skip


def _codec(name: str) -> str | None:
    key = name.strip().lower()
    if key in _CODEC_ALIASES:
        return _CODEC_ALIASES[key]
    if key.startswith(("utf-16", "utf-32", "utf16", "utf32")):
        return "utf-8"  # an 8-bit file cannot be UTF-16; browsers read it as UTF-8
    try:
        return codecs.lookup(key).name
    except LookupError:
        return None


def _decode(data: bytes, path: str) -> tuple[str, str]:
    """The text of the file and the encoding it was read in."""
    if not data.strip():
        raise InputError(f"cannot read {path}: is empty")
    if data.startswith(_UTF8_BOM) or b"\x00" in data:
        st = decode_bytes(data, path)  # the BOM'd UTF-8, or the reasons binary data is refused
        return "\n".join(st.lines), st.encoding
    head = data[:8192]
    m = _XML_DECL_ENCODING.match(head) or _META_CHARSET.search(head)
    declared = _codec(m.group(1).decode("ascii")) if m else None
    if declared is not None:
        if declared != "utf-8" and not data.isascii():
            try:
                return data.decode("utf-8"), "utf-8"  # valid UTF-8 with multi-byte characters
            except UnicodeDecodeError:
                pass
        try:
            return data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass  # the declaration is wrong: detect
    st = decode_bytes(data, path)
    return "\n".join(st.lines), st.encoding


# --------------------------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------------------------

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_NAMED_ENTITY = re.compile(r"&([A-Za-z][A-Za-z0-9]{1,31});")
_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})


def _without_declaration(text: str) -> str:
    """The text without its XML declaration, which lxml refuses in a str; line numbers kept."""
    return _XML_DECL.sub(lambda m: "\n" * m.group().count("\n"), text, count=1)


def _as_xml(text: str) -> str:
    """The text without its XML declaration (lxml refuses one in a str) and with HTML named
    entities as character references (XML knows only five). Line numbers are kept."""
    text = _without_declaration(text)

    def entity(m: re.Match[str]) -> str:
        name = m.group(1)
        if name in _XML_ENTITIES:
            return m.group()
        value = html5.get(name + ";")
        if value is None:
            return m.group()
        return "".join(f"&#{ord(c)};" for c in value)

    return _NAMED_ENTITY.sub(entity, text) if "&" in text else text


def _parse(text: str, path: str) -> Any:
    head = text[:4096]
    if head.lstrip().startswith("<?xml") or _XHTML_NS in head or "xmlns:ix" in head:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                                 remove_comments=True, remove_pis=True, huge_tree=True)  # fmt: skip
        try:
            root = etree.fromstring(_as_xml(text), parser)
        except etree.XMLSyntaxError:
            root = None  # not well-formed: read it as HTML
        if root is not None:
            return root
    # huge_tree: no depth limit (deep markup would otherwise lose its text silently); entities are
    # never expanded, so there is nothing to blow up.
    parser = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True, recover=True,
                              huge_tree=True)  # fmt: skip
    try:
        root = etree.fromstring(_without_declaration(text), parser)
    except (etree.XMLSyntaxError, ValueError):
        root = None
    if any("Excessive depth" in e.message for e in parser.error_log):
        raise InputError(f"cannot read {path}: its markup is nested too deeply (over 2,000 levels) to be read whole")
    if root is None:
        raise InputError(f"cannot read {path}: no HTML content the parser could recover")
    return root


# --------------------------------------------------------------------------------------------
# Hidden content
# --------------------------------------------------------------------------------------------

_HIDING_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*(?:hidden|collapse)", re.I)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_RULE = re.compile(r"([^{}]*)\{([^{}]*)\}")
_SIMPLE_SELECTOR = re.compile(r"^([A-Za-z][A-Za-z0-9]*)?(?:\.([\w-]+)|#([\w-]+))?$")


@dataclass
class _Hiding:
    classes: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    tags: set[str] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.classes or self.ids or self.tags)


def _hiding_rules(root: Any) -> _Hiding:
    """The simple selectors the document's style sheets hide (display:none)."""
    out = _Hiding()
    for el in root.iter():
        if not isinstance(el.tag, str) or _kind(el.tag) != "style":
            continue
        css = _CSS_COMMENT.sub("", "".join(el.itertext()))
        css = _strip_at_blocks(css)
        for selectors, body in _CSS_RULE.findall(css):
            if not _HIDING_STYLE.search(body):
                continue
            for sel in selectors.split(","):
                m = _SIMPLE_SELECTOR.match(sel.strip())
                if not m or not any(m.groups()):
                    continue
                tag, cls, ident = m.groups()
                if cls:
                    out.classes.add(cls)
                elif ident:
                    out.ids.add(ident)
                elif tag:
                    out.tags.add(tag.lower())
    return out


def _strip_at_blocks(css: str) -> str:
    """The style sheet without @media / @supports / ... blocks (their rules are conditional)."""
    out = []
    i, n = 0, len(css)
    while i < n:
        at = css.find("@", i)
        if at < 0:
            out.append(css[i:])
            break
        out.append(css[i:at])
        brace, semi = css.find("{", at), css.find(";", at)
        if brace < 0 or (0 <= semi < brace):  # @import ...; @charset ...;
            i = n if semi < 0 else semi + 1
            continue
        depth, j = 0, brace
        while j < n:
            if css[j] == "{":
                depth += 1
            elif css[j] == "}":
                depth -= 1
                if depth == 0:
                    break
            j += 1
        i = j + 1
    return "".join(out)


# --------------------------------------------------------------------------------------------
# Text
# --------------------------------------------------------------------------------------------

_TRANSLATE = {
    **{cp: " " for cp in (0x00A0, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x0009, 0x000B, 0x000C)},
    **{cp: None for cp in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD)},
}
_WS = re.compile(r"[ \n\r]+")


def _wide(c: str) -> bool:
    return unicodedata.east_asian_width(c) in ("W", "F")


def _ws(m: re.Match[str]) -> str:
    g = m.group()
    if "\n" in g or "\r" in g:
        s, a, b = m.string, m.start(), m.end()
        if a > 0 and b < len(s) and _wide(s[a - 1]) and _wide(s[b]):
            return ""  # a line break between two wide characters is no space (CSS Text 3)
    return " "


def _normalize(s: str) -> str:
    s = s.translate(_TRANSLATE)
    return _WS.sub(_ws, s).strip()


def _glue(a: str, b: str) -> str:
    """Two pieces of one line joined as a line break between them would render."""
    if a and b and _wide(a[-1]) and _wide(b[0]):
        return a + b
    return f"{a} {b}" if a and b else a or b


_FURNITURE = re.compile(
    r"^(?:[-－―—–‐ー−]\s*[0-9０-９]{1,4}\s*[-－―—–‐ー−]|(?i:page|p\.)\s*[0-9]{1,4}(?:\s*(?:of|/)\s*[0-9]{1,4})?"
    r"|[0-9]{1,4}\s*/\s*[0-9]{1,4})$"
)
_SENTENCE_END = tuple("。．.!?！？」』)）")

# --------------------------------------------------------------------------------------------
# Figures: what makes a table a data table, and where a fact's sign needs writing out
# --------------------------------------------------------------------------------------------

_NUM = r"[0-9０-９][0-9０-９,，.．]*"
_NEG = r"[△▲\-−－]"
_FIGURE = re.compile(
    rf"^[(（\[]?\s*[+＋]?{_NEG}?\s*(?:US\$|[¥￥$]|JPY|USD)?\s*{_NEG}?\s*{_NUM}"
    rf"(?:\s*(?:[～〜~\-－–]|to)\s*[(（]?{_NEG}?\s*(?:[¥￥$])?{_NUM}[)）]?)?"
    r"\s*(?:[%％]|[千百万億兆]*円|銭|倍|[千百万]?株|人|社|件|x|(?i:million|billion|thousand)(?:\s*(?i:yen))?)?"
    r"\s*[)）\]]?\s*[%％]?$"
)
_YEAR = re.compile(r"^(?:19|20)[0-9]{2}$")
_PROSE_SENTENCE = re.compile(r"[。．]|\.\s+[A-Z]|\.$")
_NEGATIVE_MARK_END = ("△", "▲", "-", "−", "－", "‐", "(", "（")
_BARE_BEFORE = re.compile(r"^[\s¥￥$]*(?:US\$|JPY|USD)?\s*$")
_BARE_AFTER = re.compile(r"^[\s%％)）]*(?:[千百万億兆]*円|銭|倍|[A-Za-z]{1,8})?[\s%％)）]*$")
_NAMES_NEGATIVE = re.compile(r"損失|差損|減少|控除|(?i:\blosse?s?\b|\bdecrease|\bdeficit|\bdeduct)")
_NAMES_POSITIVE = re.compile(r"利益|増加|(?i:profit|income|gain|increase|surplus)")


# A cell of one of these is a value column's "none", never label text.
_NIL_MARKS = frozenset({"-", "－", "—", "―", "‐", "–", "−", "_", "N/A", "n/a", "n.a.", "NA", "該当なし", "*", "＊"})


def _is_figure(text: str) -> bool:
    return bool(text) and _FIGURE.match(text) is not None


_COUNTER_ALT = "|".join(sorted(map(re.escape, ja_lang.COUNTERS), key=len, reverse=True))
# A cell that states a fact a table of facts holds: a date (設立 | 昭和36年4月, "Record date |
# As of March 31, 2026"), a counted figure (2,417名, 281千台, "2,417 employees").
_FACT = re.compile(
    r"^[(（]?\s*(?:As\s+of\s+)?(?:"
    r"(?:(?:19|20)[0-9]{2}|(?:明治|大正|昭和|平成|令和)[0-9]{1,2}|(?:明治|大正|昭和|平成|令和)元)年\s*[0-9]{1,2}月(?:\s*[0-9]{1,2}日)?(?:現在)?"
    r"|(?:19|20)[0-9]{2}/[0-9]{1,2}/[0-9]{1,2}"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(?:[0-9]{1,2},\s*)?(?:19|20)[0-9]{2}"
    r"|[0-9]{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(?:19|20)[0-9]{2}"
    rf"|約?{_NUM}\s*[千万]?(?:{_COUNTER_ALT})"
    r"|(?:approx\.\s*)?[0-9][0-9,.]*\s+(?:thousand\s+|million\s+)?[A-Za-z]+"
    r")\s*[)）]?$",
    re.I,
)
# A row's unit in a column of its own: "(百万円)", "(人)", "(Millions of yen)", "(Persons)".
_UNIT_CELL = re.compile(r"^[(（]\s*[^\d()（）]{1,24}?\s*[)）]$")


def _is_fact(text: str) -> bool:
    """A fact of a table of facts, or a figure or fact with a remark in brackets after it
    ("8,560百万円（概算額）", "180,000株（議決権の数：180,000個）", "¥8,560 million (approximate)")."""
    if not text:
        return False
    if _FACT.match(text) is not None:
        return True
    bare = _REMARK.sub("", text)
    return bare != text and bool(bare) and (_FACT.match(bare) is not None or _is_figure(bare))


_REMARK = re.compile(r"\s*[(（][^()（）]{1,40}[)）]\s*$")


def _is_amount(text: str) -> bool:
    """A figure that is not a bare year (header rows name years: 2026, 2025)."""
    return _is_figure(text) and not _YEAR.match(text)


def _is_prose_cell(text: str) -> bool:
    return len(text) >= 100 or (len(text) >= 40 and _PROSE_SENTENCE.search(text) is not None)


def _label_names_negative(label: str) -> bool:
    return _NAMES_NEGATIVE.search(label) is not None and _NAMES_POSITIVE.search(label) is None


# --------------------------------------------------------------------------------------------
# Inline XBRL facts
# --------------------------------------------------------------------------------------------

_ZERO_FORMATS = frozenset({"fixed-zero", "fixedzero", "zerodash", "fixed-zero-dash"})
_COMMA_DECIMAL = frozenset({"num-comma-decimal", "numcommadecimal", "numdotcomma", "numspacecomma",
                            "num-space-comma"})  # fmt: skip
_UNIT_DECIMAL = frozenset({"num-unit-decimal", "numunitdecimal", "num-unit-decimal-apos",
                           "numunitdecimalin"})  # fmt: skip
_WORD_FORMATS = frozenset({"numwordsen", "num-word-en", "numwordsenno", "number-words-en"})
_DIGITS = re.compile(r"[0-9０-９]+")
_SPACE_GROUPED = re.compile(r"^[0-9]{1,3}(?:[ \u00a0\u202f][0-9]{3})+(?:\.[0-9]+)?$")

_UNITS_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}  # fmt: skip
_TENS_WORDS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split())
               if w != "_"}  # fmt: skip
_SCALE_WORDS = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}


def _words_number(text: str) -> str | None:
    """'twenty-five' -> '25', 'no' / 'none' -> '0'; None when the words are not a number."""
    words = re.findall(r"[a-z]+", text.lower())
    if words in (["no"], ["none"], ["nil"]):
        return "0"
    total = current = 0
    seen = False
    for w in words:
        if w == "and":
            continue
        if w in _UNITS_WORDS:
            current += _UNITS_WORDS[w]
        elif w in _TENS_WORDS:
            current += _TENS_WORDS[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w in _SCALE_WORDS:
            total += max(current, 1) * _SCALE_WORDS[w]
            current = 0
        else:
            return None
        seen = True
    return f"{total + current:,}" if seen else None


def _formatted(display: str, fmt: str, decimals: str | None) -> str:
    """The display as the figure it stands for, under the fact's ixt format."""
    s = display.strip()
    if fmt in _ZERO_FORMATS:
        d = int(decimals) if decimals and decimals.lstrip("-").isdigit() else 0
        return "0." + "0" * min(d, 6) if d > 0 else "0"
    if fmt in _COMMA_DECIMAL:
        compact = re.sub(r"[.\s\u00a0\u202f']", "", s)
        whole, _, frac = compact.partition(",")
        if whole.isdigit() and (not frac or frac.isdigit()):
            grouped = f"{int(whole):,}" if whole != compact or "." in s or " " in s else whole
            return grouped + ("." + frac if frac else "")
        return s
    if fmt in _UNIT_DECIMAL:
        parts = _DIGITS.findall(unicodedata.normalize("NFKC", s).replace(",", ""))
        if 1 <= len(parts) <= 2:
            whole = f"{int(parts[0]):,}"
            return whole + ("." + parts[1].rjust(2, "0") if len(parts) == 2 else "")
        return s
    if fmt in _WORD_FORMATS:
        return _words_number(s) or s
    if _SPACE_GROUPED.match(s):
        return re.sub(r"[ \u00a0\u202f]", ",", s)
    return display


@dataclass
class _Fact:
    display: str  # the visible text, read through the format
    negative: bool  # sign="-"
    nil: bool  # xsi:nil="true"


def _fact(el: Any) -> _Fact:
    display = "".join(t for t in el.itertext() if isinstance(t, str))
    fmt = (_attr(el, "format") or "").rpartition(":")[2].strip().lower()
    if fmt:
        display = _formatted(display, fmt, _attr(el, "decimals"))
    nil = (_attr(el, "nil") or "").strip().lower() in ("true", "1")
    return _Fact(display, (_attr(el, "sign") or "").strip() == "-", nil)


def _fact_text(f: _Fact, before: str, after: str, in_cell: bool, label: str) -> str:
    """The text a fact contributes, given the text around it in its cell (or line)."""
    shown = _normalize(f.display)
    if not shown:
        if f.nil and in_cell and not before.strip() and not _normalize(after):
            return "—"
        return f.display
    if not (f.negative and in_cell) or shown[0] in "△▲-−－‐(（" or not _DIGITS.search(shown):
        return f.display
    if set(shown) <= set("0０,.，．"):
        return f.display  # -0 is 0
    b = _normalize(before)
    if b.endswith(_NEGATIVE_MARK_END):
        return f.display
    if not (_BARE_BEFORE.match(b) and _BARE_AFTER.match(_normalize(after))):
        return f.display
    if _label_names_negative(label):
        return f.display
    return "-" + shown


# --------------------------------------------------------------------------------------------
# Tokens: an element's content as text, facts and structure
# --------------------------------------------------------------------------------------------


FLOW, CELL, FLAT = 0, 1, 2  # how tables inside collected content are read


class _Break:
    """A line break (block boundary, <br>)."""


BREAK = _Break()


@dataclass
class _TableTok:
    el: Any


@dataclass
class _Cont:
    start: bool  # True: an ix:continuation begins (id); False: a part ends (continuedAt)
    id: str


Token = str | int | _Fact | _Break | _TableTok | _Cont  # int: the source line of what follows


@dataclass
class _Out:
    text: str
    cells: tuple[str, ...] | None
    locator: str
    cell_locators: tuple[str, ...] | None = None
    table: str | None = None


@dataclass
class _Cell:
    tokens: list[Token]
    colspan: int
    rowspan: int
    th: bool
    text: str = ""  # display text (facts as shown)
    blocks: bool = False  # holds breaks or tables
    nested: bool = False  # holds a multi-row table
    signed: bool = False  # holds a negative or nil fact (its text may depend on the row label)


@dataclass
class _Slot:
    cell: _Cell
    row: int  # the row the cell starts in
    dr: int  # rows below its first
    dc: int  # columns right of its first


class _Reader:
    def __init__(self, root: Any) -> None:
        self.root = root
        self.hiding = _hiding_rules(root)
        self.numbers: dict[Any, int] = {}
        for el in root.iter():
            if isinstance(el.tag, str) and _kind(el.tag) == "table":
                self.numbers[el] = len(self.numbers) + 1
        self.out: list[_Out] = []
        self.pending: dict[str, int] = {}  # continuation id -> index of the line it continues
        self.join_into: int | None = None

    # -- collecting -------------------------------------------------------------------------

    def _hidden(self, el: Any, kind: str) -> bool:
        if kind in _DROP or kind.startswith("xbrl:"):
            return True
        attrib = el.attrib
        if not attrib:
            return kind in self.hiding.tags
        if "hidden" in attrib:
            return True
        style = attrib.get("style")
        if style and _HIDING_STYLE.search(style):
            return True
        if self.hiding:
            if kind in self.hiding.tags:
                return True
            cls = attrib.get("class")
            if cls and not self.hiding.classes.isdisjoint(cls.split()):
                return True
            ident = attrib.get("id")
            if ident and ident in self.hiding.ids:
                return True
        return False

    def collect(self, el: Any, out: list[Token], depth: int = 0, mode: int = FLOW) -> None:
        """The tokens of el's content. `mode`: FLOW (tables stay tables), CELL (a one-row table
        inside is flattened into the text), FLAT (every table is flattened)."""
        if el.text:
            out.append(el.sourceline or 0)
            out.append(el.text)
        for child in el:
            tag = child.tag
            if isinstance(tag, str):
                self._child(child, _kind(tag), out, depth, mode)
            if child.tail:
                out.append(child.sourceline or 0)
                out.append(child.tail)

    def _child(self, el: Any, kind: str, out: list[Token], depth: int, mode: int) -> None:
        if self._hidden(el, kind):
            return
        if depth > _MAX_DEPTH:
            out.append(" ".join(t for t in el.itertext() if isinstance(t, str)))
            return
        if kind == "table":
            if mode == FLAT or (mode == CELL and self._one_row(el)):
                out.append(BREAK)
                self._flat_table(el, out, depth)
                out.append(BREAK)
            else:
                out.append(_TableTok(el))
        elif kind in ("br", "hr"):
            out.append(BREAK)
        elif kind == "pre":
            out.append(BREAK)
            first = el.sourceline or 0
            text = "".join(t for t in el.itertext() if isinstance(t, str))
            for i, line in enumerate(text.split("\n")):
                out.append(first + i)
                out.append(line)
                out.append(BREAK)
        elif kind in _BLOCK:
            out.append(BREAK)
            self.collect(el, out, depth + 1, mode)
            out.append(BREAK)
        elif kind == "ix:nonfraction":
            out.append(el.sourceline or 0)
            out.append(_fact(el))
        elif kind == "sup":
            sub: list[Token] = []
            self.collect(el, sub, depth + 1, FLAT)
            text = _normalize("".join(t for t in sub if isinstance(t, str)))
            if text:
                out.append("^{" + text.replace("{", "(").replace("}", ")") + "}")
        elif kind == "ix:continuation":
            out.append(BREAK)
            out.append(_Cont(True, el.get("id") or ""))
            self.collect(el, out, depth + 1, mode)
            nxt = _attr(el, "continuedat")
            if nxt:
                out.append(_Cont(False, nxt))
            out.append(BREAK)
        else:  # inline (span, a, b, ix:nonnumeric, ix:exclude, font, ...)
            self.collect(el, out, depth + 1, mode)
            if kind == "ix:nonnumeric":
                nxt = _attr(el, "continuedat")
                if nxt:
                    out.append(_Cont(False, nxt))

    def _one_row(self, table: Any) -> bool:
        rows = [tr for tr in self._rows(table)[0] if "".join(t for t in tr.itertext() if isinstance(t, str)).strip()]
        return len(rows) <= 1

    def _flat_table(self, table: Any, out: list[Token], depth: int) -> None:
        for tr in self._rows(table)[0]:
            for td in self._cells(tr):
                out.append(" ")
                self.collect(td, out, depth + 1, FLAT)
            out.append(BREAK)

    def _rows(self, table: Any) -> tuple[list[Any], int, Any, list[Any]]:
        """(visible rows in rendered order, how many of them are in <thead>, the caption, stray
        content) of a table."""
        head: list[Any] = []
        body: list[Any] = []
        foot: list[Any] = []
        caption = None
        strays: list[Any] = []
        for child in table:
            if not isinstance(child.tag, str):
                continue
            kind = _kind(child.tag)
            if self._hidden(child, kind):
                continue
            if kind in ("thead", "tbody", "tfoot"):
                section = head if kind == "thead" else foot if kind == "tfoot" else body
                for tr in child:
                    if isinstance(tr.tag, str) and _kind(tr.tag) == "tr" and not self._hidden(tr, "tr"):
                        section.append(tr)
            elif kind == "tr":
                body.append(child)
            elif kind == "caption":
                caption = child
            elif kind not in ("colgroup", "col"):
                strays.append(child)
        return head + body + foot, len(head), caption, strays

    def _cells(self, tr: Any) -> Iterator[Any]:
        for td in tr:
            if isinstance(td.tag, str) and _kind(td.tag) in ("td", "th") and not self._hidden(td, "td"):
                yield td

    # -- emitting ---------------------------------------------------------------------------

    def flow(self, tokens: Iterable[Token]) -> None:
        """Emit tokens as prose lines, and the tables among them as tables."""
        pieces: list[str | _Fact] = []
        line = 0
        first = 0
        for tok in tokens:
            if isinstance(tok, int):
                line = tok
            elif isinstance(tok, (str, _Fact)):
                if not pieces or not first:
                    if (tok.strip() if isinstance(tok, str) else tok.display.strip()):
                        first = line
                pieces.append(tok)
            elif tok is BREAK:
                self._prose(pieces, first)
                pieces, first = [], 0
            elif isinstance(tok, _TableTok):
                self._prose(pieces, first)
                pieces, first = [], 0
                self.join_into = None  # a continuation that starts with a table joins nothing
                self.table(tok.el)
            elif isinstance(tok, _Cont):
                self._prose(pieces, first)
                pieces, first = [], 0
                if tok.start:
                    self.join_into = self.pending.pop(tok.id, None)
                else:
                    last = next((i for i in range(len(self.out) - 1, -1, -1) if self.out[i].cells is None), None)
                    if last is not None:
                        self.pending[tok.id] = last
        self._prose(pieces, first)

    def _prose(self, pieces: list[str | _Fact], line: int) -> None:
        text = _render(pieces, False, "")
        if not text or _FURNITURE.match(text):
            return
        target, self.join_into = self.join_into, None
        if target is not None and target < len(self.out):
            prev = self.out[target]
            if prev.cells is None and not prev.text.endswith(_SENTENCE_END):
                self.out[target] = _Out(_glue(prev.text, text), None, prev.locator)
                return
        self.out.append(_Out(text, None, f"line {line}" if line else ""))

    def table(self, el: Any) -> None:
        n = self.numbers.get(el, 0)
        rows, n_thead, caption, strays = self._rows(el)
        for stray in strays:
            self.flow(self._tokens_of(stray))
        grid: list[list[_Slot | None]] = []
        heads: list[bool] = []  # a row in <thead>
        cells_by_row: list[list[_Cell]] = []
        for r, tr in enumerate(rows):
            while len(grid) <= r:
                grid.append([])
            heads.append(r < n_thead)
            row_cells = []
            c = 0
            for td in self._cells(tr):
                tokens: list[Token] = []
                self.collect(td, tokens, 1, CELL)
                cell = _Cell(tokens, _span(td.get("colspan"), 1000), _span(td.get("rowspan"), 65534),
                             _kind(td.tag) == "th")  # fmt: skip
                cell.text = _render(tokens, True, "")
                for t in tokens:
                    if isinstance(t, (str, int)):
                        continue
                    if t is BREAK:
                        cell.blocks = True
                    elif isinstance(t, _TableTok):
                        cell.blocks = cell.nested = True
                    elif isinstance(t, _Fact) and (t.negative or t.nil):
                        cell.signed = True
                row_cells.append(cell)
                while c < len(grid[r]) and grid[r][c] is not None:
                    c += 1
                rowspan = cell.rowspan if cell.rowspan > 0 else len(rows) - r
                rowspan = min(rowspan, len(rows) - r)
                for dr in range(rowspan):
                    while len(grid) <= r + dr:
                        grid.append([])
                    g = grid[r + dr]
                    for dc in range(cell.colspan):
                        while len(g) <= c + dc:
                            g.append(None)
                        g[c + dc] = _Slot(cell, r, dr, dc)
                c += cell.colspan
            cells_by_row.append(row_cells)
        grid = grid[: len(rows)]
        width = max((len(g) for g in grid), default=0)
        for g in grid:
            g.extend([None] * (width - len(g)))

        if _is_data(grid, cells_by_row, width):
            self._data_table(n, el.sourceline or 0, grid, heads, width, caption)
        else:
            self._layout_table(cells_by_row, caption)

    def _tokens_of(self, el: Any) -> list[Token]:
        tokens: list[Token] = [BREAK]
        self._child(el, _kind(el.tag), tokens, 1, FLOW)
        tokens.append(BREAK)
        return tokens

    def _layout_table(self, cells_by_row: list[list[_Cell]], caption: Any) -> None:
        if caption is not None:
            self.flow(self._tokens_of(caption))
        for row_cells in cells_by_row:
            inline: list[Token] = []
            for cell in row_cells:
                if cell.blocks or _is_prose_cell(cell.text):
                    self.flow(inline)
                    inline = []
                    self.flow([BREAK, *cell.tokens, BREAK])
                elif cell.text:
                    if inline:
                        inline.append("  ")
                    inline.extend(cell.tokens)
            self.flow(inline)

    def _data_table(self, n: int, source_line: int, grid: list[list[_Slot | None]], heads: list[bool],
                    width: int, caption: Any) -> None:  # fmt: skip
        nrows = len(grid)

        def text(r: int, c: int) -> str:
            s = grid[r][c]
            return s.cell.text if s is not None and s.dr == 0 and s.dc == 0 else ""

        # Leading header rows: <thead>, all-<th> rows, the rows a top-left corner spans.
        n_head = 0
        for r in range(nrows):
            origins = [s.cell for s in grid[r] if s is not None and s.row == r]
            if heads[r] or (origins and all(c.th for c in origins) and any(c.text for c in origins)):
                n_head = r + 1
            else:
                break
        corner = grid[0][0] if nrows and width else None
        if corner is not None and corner.cell.rowspan > 1:
            span = min(corner.cell.rowspan, nrows)
            if not any(_is_amount(text(r, c)) for r in range(span) for c in range(1, width)):
                n_head = max(n_head, span)

        # Label columns: leading columns with text but no figure in the body rows.
        body = range(n_head, nrows)
        k = 1
        while k < width:
            col = [text(r, k) for r in body]
            if any(_is_figure(t) or _is_fact(t) for t in col) or not any(t and t not in _NIL_MARKS for t in col):
                break
            if width == 2:
                break  # label | value
            if k + 1 < width and all(_UNIT_CELL.match(t) for t in col if t):
                break  # the rows' units, a value column of their own (parse.tables reads them)
            k += 1
        keep = [c for c in range(k, width) if any(text(r, c) for r in range(nrows))]

        lines: list[_Out] = []
        corner_texts: list[str] = []
        table_id = f"html:{n}"
        for r in range(nrows):
            labels: list[str] = []
            label_col = 0
            for c in range(k):
                s = grid[r][c]
                if s is None or s.dc:
                    continue
                t = s.cell.text if s.dr == 0 or (r >= n_head and s.row >= n_head) else ""
                if t and t not in labels:
                    if not labels:
                        label_col = c
                    labels.append(t)
            label = " ".join(labels)
            if r < n_head:
                corner_texts.extend(t for t in labels if t not in corner_texts)
                label = ""
            values = []
            for c in keep:
                s = grid[r][c]
                if s is None or s.dr or s.dc:
                    values.append("")
                else:
                    values.append(_render(s.cell.tokens, True, label) if s.cell.signed else s.cell.text)
            if not label and not any(values):
                continue
            cells = (label, *values)
            where = f"table {n} row {r + 1}"
            locs = (f"{where} cell {label_col + 1}", *(f"{where} cell {c + 1}" for c in keep))
            lines.append(_Out("\t".join(cells), cells, where, locs, table_id))

        if caption is not None:
            self.flow(self._tokens_of(caption))
        if corner_texts:
            self._prose([" ".join(corner_texts)], source_line)
        self.out.extend(lines)


def _span(value: str | None, limit: int) -> int:
    try:
        n = int(str(value).strip()) if value is not None else 1
    except ValueError:
        return 1
    if limit > 1000 and n == 0:
        return 0  # rowspan="0": to the end of the table
    return min(max(n, 1), limit)


# A label cell of a label: value layout ("Listing:", "URL：").
_KEY = re.compile(r"\S[:：]\s*$")


def _is_data(grid: list[list[_Slot | None]], cells_by_row: list[list[_Cell]], width: int) -> bool:
    """A table of figures, not a layout table (see the module docstring)."""
    if any(c.nested for row in cells_by_row for c in row):
        return False
    rows = sum(1 for row in cells_by_row if any(c.text for c in row))
    cols = sum(1 for c in range(width) if any((s := g[c]) is not None and s.cell.text for g in grid))
    if rows < 2 or cols < 2:
        return False
    if sum(1 for row in cells_by_row if any(_KEY.search(c.text) for c in row[1:-1])) >= 2:
        return False  # Company name: | … | Listing: | …: label: value pairs side by side (a cover)
    figures = facts = prose = 0
    for g in grid:
        for c, s in enumerate(g):
            if s is None or s.dr or s.dc:
                continue
            t = s.cell.text
            if c > 0 and _is_figure(t):
                figures += 1
            elif c > 0 and _is_fact(t):
                facts += 1
            elif _is_prose_cell(t):
                prose += 1
    if cols == 2 and rows >= 3 and not prose and figures + facts >= 1:
        return True  # label | value: a table of facts (a report's cover, a company profile)
    return figures + facts >= 2 and figures + facts >= prose


def _render(tokens: Sequence[Token], in_cell: bool, label: str) -> str:
    """The normalised text of a line or cell; facts written as _fact_text says."""
    parts: list[str] = []
    if not any(isinstance(t, _Fact) for t in tokens):
        return _normalize("".join(t if isinstance(t, str) else "\n" if t is BREAK else "" for t in tokens
                                  if not isinstance(t, int)))  # fmt: skip
    for i, t in enumerate(tokens):
        if isinstance(t, str):
            parts.append(t)
        elif t is BREAK:
            parts.append("\n")
        elif isinstance(t, _Fact):
            if in_cell and (t.negative or t.nil):
                after = "".join(
                    x if isinstance(x, str) else x.display if isinstance(x, _Fact) else ""
                    for x in tokens[i + 1 :]
                )
                parts.append(_fact_text(t, "".join(parts), after, in_cell, label))
            else:
                parts.append(_fact_text(t, "", "", False, label))
    return _normalize("".join(parts))


def read_html(path: str, data: bytes) -> Source:
    """The HTML reader of taiyaku.read: the lines of an HTML, XHTML or iXBRL file."""
    text, encoding = _decode(data, path)
    root = _parse(text, path)
    reader = _Reader(root)
    tokens: list[Token] = []
    try:
        reader.collect(root, tokens)
        reader.flow(tokens)
    except RecursionError:
        raise InputError(f"cannot read {path}: its markup is nested too deeply (tables within tables)") from None
    if not reader.out:
        if any(isinstance(el.tag, str) and _kind(el.tag) == "script" and (el.get("src") or (el.text or "").strip())
               for el in root.iter()):  # fmt: skip
            raise InputError(f"cannot read {path}: the page has no text of its own (its content would be made "
                             "by scripts, which are not run); save the page as displayed, or as PDF")  # fmt: skip
        raise InputError(f"cannot read {path}: no visible text in the HTML (only markup or hidden content)")
    lines = tuple(
        SourceLine(o.text, no, o.cells, locator=o.locator, cell_locators=o.cell_locators, table=o.table)
        for no, o in enumerate(reader.out, 1)
    )
    return Source(path, "html", encoding, lines)
