"""Plain text and Markdown files, with an optional YAML front-matter block.

    ---
    title: Example headline
    outlet: Example News
    published: 2024-03-01
    ---
    The body, stored exactly as written.

The front matter takes the keys of a JSON record (see ``jsonl``). The stored text is the
body after the block with only the blank lines that follow the block removed, because
claim offsets index into it. The title is the front matter's ``title``; a Markdown file
without one takes its first line when that is a ``# heading``; a plain text file has none.
"""
from __future__ import annotations

import re

import yaml
from frontmatter.default_handlers import YAMLHandler

from claimkb.ingest.readers.jsonl import article_from_fields, decode_utf8
from claimkb.ingest.records import ArticleRecord, InputError


class FrontMatterLoader(yaml.SafeLoader):
    """YAML's safe loader (no custom tags: ``!!python/object`` is an error, never code),
    except that a timestamp naming no real day ("published: 2024-13-45") stays text, for
    ``iso_date`` to report, instead of failing the whole front matter."""

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", FrontMatterLoader.construct_yaml_timestamp)
FRONT_MATTER = YAMLHandler()
UNCLOSED_FRONT_MATTER = "opens with a '---' line that no '---' line closes: read as text, not front matter"
MARKDOWN_HEADING = re.compile(r"#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*(?:\r?\n|$)")


def read_text(data: bytes, source: str, markdown: bool = False) -> ArticleRecord:
    """The article in a .txt (or, with ``markdown``, .md) file; raises InputError if unusable."""
    text = decode_utf8(data, source)
    fields, body = split_front_matter(text, source)
    if not body.strip():
        raise InputError(source, "empty body" if fields else "empty file")
    record = article_from_fields(fields, body, source)
    if body is text and FRONT_MATTER.detect(text):
        # an opening "---" line with no closing one may be a Markdown rule, or front
        # matter whose closing line was forgotten: stored as text, and said so
        record.warnings.append(UNCLOSED_FRONT_MATTER)
    if record.title is None and markdown:
        heading = MARKDOWN_HEADING.match(body)
        record.title = heading.group(1).strip() if heading else None
    return record


def split_front_matter(text: str, source: str) -> tuple[dict, str]:
    """The front-matter mapping (empty if there is none) and the body after it.

    python-frontmatter's ``loads`` strips the body, which would shift every offset, so
    only its YAML handler is used to find and parse the block.
    """
    if not FRONT_MATTER.detect(text):
        return {}, text
    try:
        block, body = FRONT_MATTER.split(text)
    except ValueError:  # an opening "---" line with no closing one: not front matter
        return {}, text
    try:
        fields = FRONT_MATTER.load(block, Loader=FrontMatterLoader)
    except yaml.YAMLError as error:
        problem = " ".join(str(error).split())
        raise InputError(source, f"invalid front matter: {problem}") from None
    if fields is None:
        fields = {}
    if not isinstance(fields, dict):
        raise InputError(source, "front matter is not a block of key: value lines")
    return fields, body.lstrip("\r\n")
