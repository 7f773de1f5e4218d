"""HTML: the page's main text, without navigation, banners, scripts, styles and other boilerplate.

Parsed with lxml's HTML parser (libxml2): it is maintained, already installed for python-docx,
repairs broken markup the way browsers do and is fast. Nothing is executed and nothing of the
markup is kept: the result is plain text, so stored HTML can never be rendered unescaped.
"""

from __future__ import annotations

import re

import lxml.html
from django.utils.translation import gettext_lazy as _
from lxml import etree

from regio.documents.readers.base import Budget, PageText, Reader, ReadResult
from regio.documents.readers.plain import decode_text, head_text

# Never text: code, styling, embedded objects, form controls.
_NEVER_TEXT = (
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math", "canvas",
    "button", "select", "textarea", "input", "head",
)  # fmt: skip
# Boilerplate around the content of a page.
_BOILERPLATE = ("nav", "aside", "menu", "dialog")
_BANNER = ("header", "footer")
_BOILERPLATE_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar", "dialog"}
_BOILERPLATE_NAMES = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|breadcrumbs?|cookies?|cookie-?banner|skip-?links?|share|social)(?:$|[\s_-])",
    re.IGNORECASE,
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

_BLOCKS = {
    "address", "article", "blockquote", "dd", "details", "div", "dl", "dt", "fieldset", "figcaption", "figure",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li", "main", "ol", "p", "pre", "section", "summary",
    "table", "ul", "caption", "header", "footer", "body", "html",
}  # fmt: skip
_CELLS = {"td", "th"}

_DOCUMENT_START = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<", re.DOTALL)
_HTML_TAG = re.compile(r"<(?:!doctype\s+html|html|head|body|title|meta|div|p|h[1-6]|article|main|table|ul)[\s>/]", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


def decode_html(data: bytes) -> str:
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass  # An unknown charset name: fall back to detection.
    return decode_text(data)[0]


def _is_boilerplate(element: etree._Element, inside_content: bool) -> bool:
    tag = element.tag
    if tag in _BOILERPLATE:
        return True
    # A header or footer inside an article or main belongs to it (title, date, signature);
    # only the page's own banner and footer are boilerplate.
    if tag in _BANNER and not inside_content:
        return True
    attrs = element.attrib
    if attrs.get("role", "").lower() in _BOILERPLATE_ROLES:
        return True
    if "hidden" in attrs or attrs.get("aria-hidden", "").lower() == "true":
        return True
    if _HIDDEN_STYLE.search(attrs.get("style", "")):
        return True
    names = f"{attrs.get('id', '')} {attrs.get('class', '')}"
    return bool(_BOILERPLATE_NAMES.search(names))


def _remove_boilerplate(root: etree._Element) -> None:
    etree.strip_elements(root, *_NEVER_TEXT, with_tail=False)
    doomed = []
    content_depth = 0
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        if not isinstance(element.tag, str):
            continue
        is_content = element.tag in ("main", "article")
        if event == "end":  # lxml still reports the end of a skipped subtree
            content_depth -= is_content
            continue
        if _is_boilerplate(element, content_depth > 0):
            doomed.append(element)
            walker.skip_subtree()
        content_depth += is_content
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


def _main_content(root: etree._Element) -> etree._Element:
    for query in ("//main", "//*[@role='main']"):
        found = root.xpath(query)
        if found:
            return found[0]
    articles = root.xpath("//article")
    if len(articles) == 1:
        return articles[0]
    body = root.find("body")
    return body if body is not None else root


def html_to_text(root: etree._Element) -> str:
    """Text of an element tree with blocks on their own lines and table cells separated by tabs."""
    chunks: list[str] = []
    in_pre = 0

    def add(text: str | None) -> None:
        if not text:
            return
        if not in_pre:
            text = re.sub(r"\s+", " ", text)
            if text.startswith(" ") and chunks and chunks[-1].endswith((" ", "\n", "\t")):
                text = text[1:]
        chunks.append(text)

    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag == "pre":
                in_pre += 1
            if tag in _BLOCKS:
                chunks.append("\n\n")
            add(element.text)
            continue
        if tag == "pre":
            in_pre -= 1
        if tag == "br":
            chunks.append("\n")
        elif tag in _CELLS:
            chunks.append("\t")
        elif tag == "tr":
            chunks.append("\n")
        elif tag in _BLOCKS:
            chunks.append("\n\n")
        if element is not root:
            add(element.tail)
    # Collapsed text leaves at most one space at a line's start; more is preformatted indentation.
    lines = [line.rstrip(" \t") for line in "".join(chunks).split("\n")]
    lines = [line[1:] if line.startswith(" ") and not line.startswith("  ") else line for line in lines]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _title(root: etree._Element) -> str:
    for query in ("//title", "//h1"):
        found = root.xpath(query)
        if found:
            title = re.sub(r"\s+", " ", found[0].text_content()).strip()
            if title:
                return title
    return ""


def parse_html(text: str) -> etree._Element:
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    return lxml.html.document_fromstring(_XML_DECLARATION.sub("", text), parser=parser)


class HtmlReader(Reader):
    name = "html"
    label = _("HTML")
    media_types = ("text/html",)
    extensions = (".html", ".htm", ".xhtml")
    order = 30

    def recognises(self, data: bytes) -> bool:
        head = head_text(data)
        return head is not None and bool(_DOCUMENT_START.match(head)) and bool(_HTML_TAG.search(head))

    def extract(self, data: bytes, budget: Budget) -> ReadResult:
        return self.read_text(decode_html(data))

    def read_text(self, text: str) -> ReadResult:
        root = parse_html(text)
        title = _title(root)
        _remove_boilerplate(root)
        body = html_to_text(_main_content(root))
        return self.result([PageText(1, body)], title=title)
