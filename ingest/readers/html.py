"""HTML to article: a whole page through trafilatura, or a fragment (feed content) to text.

Both paths flatten markup with ``element_text`` (trafilatura's cleaned tree for a page,
all of a fragment), so every reader hands extraction the same shape of text: one
paragraph per block, paragraphs separated by a blank line.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import cast
from urllib.parse import urlsplit

import lxml.html
import trafilatura
from courlan import extract_domain
from lxml import etree
from rapidfuzz import fuzz
from trafilatura.settings import Document
from trafilatura.utils import decode_file, load_html

from claimkb.ingest.readers.json_ld import has_type, json_ld_objects, schema_type
from claimkb.ingest.records import ArticleRecord, InputError

# Elements that end a paragraph when markup is flattened to text: HTML blocks, and the
# tags of the cleaned tree trafilatura extracts (head, list, item, quote, row).
BLOCK_TAGS = (
    "address", "article", "aside", "blockquote", "dd", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "ol",
    "p", "pre", "section", "table", "tr", "ul",
    "head", "list", "item", "quote", "row", "code",
)
LINE_BREAK_TAGS = ("br", "lb")
CELL_TAGS = ("td", "th", "cell")  # a table row is one paragraph, its cells apart
# <meta charset="..."> or <meta http-equiv="Content-Type" content="text/html; charset=...">
DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
DOCUMENT_TAG = re.compile(r"<(?:html|head|body)[\s>]", re.IGNORECASE)
# Shorter main text is what trafilatura falls back to on pages without an article (a
# menu, a cookie notice); counted in characters, since CJK text has no spaces.
MIN_PAGE_TEXT = 100
INVISIBLE = dict.fromkeys(map(ord, "\xad\u200b\ufeff"))
# Control characters other than tab and line breaks: no HTML page may hold them, and
# lxml refuses text with them, so they are dropped before parsing.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# schema.org types whose ``articleBody`` is a news or magazine article's text.
# "Article", "NewsArticle", "ReportageNewsArticle", "TechArticle", "BlogPosting", "Report"
ARTICLE_TYPE = schema_type(r"\w*Article|BlogPosting|Report")
# A declared body replaces the text read from the page only when it is this much longer
# (a page that shows its first screen and loads the rest by script) ...
FULLER_BODY = 1.5
# ... and opens with the same words: it is this article, not a related one.
SAME_OPENING_WORDS = 8
MARKDOWN_LINK = re.compile(r"\[([^\]\n]+)\]\((?:https?://|/)[^)\s]*\)")
HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")
# A page title often ends with the site's name after one of these separators:
# "Headline | Site", "Headline - Site", "見出し：サイト", "标题_频道_网站".
TITLE_SEPARATOR = re.compile(r"\s+[|\-–—·:]\s+|\s*[|｜：_]\s*")


def read_html(html: str | bytes, source: str, url: str | None = None) -> ArticleRecord:
    """The main text and metadata of an HTML page; raises InputError if it has no main text.

    ``html`` as bytes is decoded by ``decode_html``. ``url`` is where the page came from;
    the page's own canonical URL wins when it declares one. Markup without
    ``<html>``/``<head>``/``<body>`` is read as a fragment: all of its text.
    """
    markup = CONTROL_CHARACTERS.sub("", decode_html(html))
    if not DOCUMENT_TAG.search(markup):
        # A bare fragment (a saved article body) has no boilerplate to remove, so all of
        # its text is the article; trafilatura's heuristics are made for whole pages.
        return read_html_fragment(markup, source, url)
    tree = load_html(markup)
    if tree is None:
        raise InputError(source, "not a readable HTML document")
    # trafilatura's metadata ignores <html lang>, and seeks the canonical link only in <head>.
    language, declared_url = page_language(tree), page_url(tree)
    # A Document or None: the stubs' dict is what as_dict=True returns.
    document = cast("Document | None", trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,  # reader comments are not the article
        include_tables=True,
    ))
    text = element_text(document.body) if document is not None and document.body is not None else ""
    text = fuller_declared_body(tree, text)
    if document is None or len(text) < MIN_PAGE_TEXT:
        raise InputError(
            source,
            f"no main text found in the HTML page ({len(text)} characters; "
            "it may be a front page, an error page or built by JavaScript)",
        )
    page_address = document.url or declared_url or url
    return ArticleRecord(
        text=text,
        title=clean_title(document.title, document.sitename, page_address),
        url=page_address,
        outlet=single_line(document.sitename),
        author=single_line(document.author),
        published=document.date,
        language=language,
        source=source,
    )


def fuller_declared_body(tree: lxml.html.HtmlElement, text: str) -> str:
    """``text``, or the ``articleBody`` the page declares in its schema.org JSON-LD, as
    text with its paragraphs: when ``text`` is that body's words run together (what
    trafilatura makes of a page with no visible article), or when the body is the whole
    article where the page's markup holds only its start (the rest loaded by script):
    FULLER_BODY times as long, and opening with the same words. A body written in HTML
    or with Markdown links is flattened to text."""
    bodies = [item.get("articleBody") for item in json_ld_objects(tree, lambda v: has_type(v, ARTICLE_TYPE))]
    declared = max((b for b in bodies if isinstance(b, str)), key=len, default="")
    if len(declared) < MIN_PAGE_TEXT:
        return text
    unlinked = MARKDOWN_LINK.sub(r"\1", declared)
    body = html_fragment_to_text(unlinked) if HTML_TAG.search(unlinked) else join_paragraphs(unlinked.split("\n"))
    words = text.split()
    if words in (declared.split(), body.split()):
        return body
    opening = " ".join(words[:SAME_OPENING_WORDS])
    fuller = len(body) >= FULLER_BODY * len(text) and opening in " ".join(body.split()[: 4 * SAME_OPENING_WORDS])
    return body if fuller else text


def decode_html(html: str | bytes) -> str:
    """HTML as text: UTF-8 when it is valid UTF-8 (pages often declare a charset they do
    not use), else the charset the page declares, else trafilatura's guess."""
    if isinstance(html, str):
        return html
    try:
        return html.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if declared := DECLARED_CHARSET.search(html[:4096]):
        try:
            return html.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_file(html)


def read_html_fragment(fragment: str, source: str, url: str | None = None) -> ArticleRecord:
    """An article from an HTML fragment without ``<html>``/``<body>``: all of its text."""
    text = html_fragment_to_text(fragment)
    if not text:
        raise InputError(source, "no text in the HTML")
    return ArticleRecord(text=text, url=url, source=source)


def html_fragment_to_text(fragment: str) -> str:
    """All the text of an HTML fragment (a feed entry's content), one paragraph per block.

    Unlike a page, a fragment has no boilerplate to remove, and trafilatura's
    main-content heuristics drop short fragments entirely, so this keeps everything.
    """
    try:
        root = lxml.html.fragment_fromstring(CONTROL_CHARACTERS.sub("", fragment), create_parent="div")
    except etree.ParserError:
        return ""
    return element_text(root)


def element_text(root: etree._Element) -> str:
    """The text under ``root``, one paragraph per block element. Changes ``root``.

    A lone line break is layout inside a paragraph (an address, a verse), so it becomes
    a space; two in a row end a paragraph, as pages built from ``<br><br>`` intend.
    """
    etree.strip_elements(root, "script", "style", etree.Comment, etree.ProcessingInstruction, with_tail=False)
    for element in root.iter(*BLOCK_TAGS):
        element.text = "\n\n" + (element.text or "")
        element.tail = "\n\n" + (element.tail or "")
    for element in root.iter(*LINE_BREAK_TAGS):
        element.tail = "\n" + (element.tail or "")
    for element in root.iter(*CELL_TAGS):
        element.tail = " " + (element.tail or "")
    return join_paragraphs(re.split(r"\n\s*\n", "".join(root.itertext())))


def join_paragraphs(blocks) -> str:
    """Blocks with whitespace collapsed, empty ones dropped, separated by a blank line."""
    return "\n\n".join(block for block in map(single_line, blocks) if block)


def single_line(text: str | None) -> str | None:
    """Whitespace collapsed to single spaces, invisible characters (soft hyphen, zero-width
    space, byte order mark) dropped; None if nothing is left."""
    if text is None:
        return None
    text = " ".join(text.translate(INVISIBLE).split())
    return text or None


def clean_title(title: str | None, sitename: str | None, url: str | None) -> str | None:
    """The headline without trailing site furniture: "Headline | Example News | 01.02.2024"
    -> "Headline".

    A trailing segment is dropped only when it names the site (its name or its host) or
    holds no letters (a date), so headlines that merely contain a separator keep it.
    """
    title = single_line(title)
    if not title:
        return None
    host = (urlsplit(url).hostname or "").removeprefix("www.") if url else ""
    domain = (extract_domain(url) or "") if url and host else ""  # registrable: "news.bbc.co.uk" -> "bbc.co.uk"
    site = SiteNames(_comparable(sitename), _comparable(host), _comparable(domain.split(".")[0]))
    for separator in reversed(list(TITLE_SEPARATOR.finditer(title))):
        head, tail = title[: separator.start()], title[separator.end():]
        if not head or not (site.named_by(tail) or not any(ch.isalpha() for ch in tail)):
            break
        title = head
    return title


@dataclass
class SiteNames:
    """A site's name and host in comparable form: "Börsen-Zeitung", "boersen-zeitung.de"."""

    name: str  # "borsenzeitung"
    host: str  # "boersenzeitungde"
    label: str  # the registrable domain's first label: "boersenzeitung"

    def named_by(self, segment: str) -> bool:
        text = _comparable(segment)
        if not text:
            return False
        return (
            text == self.name
            or (len(text) >= 2 and self.host.startswith(text))  # "WELT" on welt.de
            # "NTV Haber" on ntv.com.tr; short, so that a headline clause is not taken
            or (len(self.label) >= 3 and text.startswith(self.label) and len(segment.split()) <= 3)
            # transliterations: "Börsen-Zeitung" on boersen-zeitung.de
            or (len(self.label) >= 6 and fuzz.ratio(text, self.label) >= 90)
        )


def _comparable(text: str | None) -> str:
    """Lower-case letters and digits only, accents removed: "Aktuálně.cz" -> "aktualnecz"."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum())


def page_language(tree: lxml.html.HtmlElement) -> str | None:
    """The page's declared language: ``<html lang>``, else its ``og:locale``."""
    declared = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not declared:
        locales = tree.xpath('//meta[@property="og:locale"]/@content')
        declared = locales[0].replace("_", "-") if locales else None
    return single_line(declared)


def page_url(tree: lxml.html.HtmlElement) -> str | None:
    """The page's canonical or ``og:url`` address wherever it sits: trafilatura only looks
    in ``<head>``, which the HTML parser closes early on pages with stray markup there."""
    for found in tree.xpath('//link[@rel="canonical"]/@href | //meta[@property="og:url"]/@content'):
        if urlsplit(found).scheme in ("http", "https"):
            return found.strip()
    return None
