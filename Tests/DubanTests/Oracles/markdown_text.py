"""Independent CommonMark reading of a Markdown file (markdown-it-py, PyPI):
prints the text a reader sees, with tags removed and entities decoded."""
import html
import re
import sys

from markdown_it import MarkdownIt

rendered = MarkdownIt("commonmark").enable("table").render(open(sys.argv[1], encoding="utf-8").read())
print(html.unescape(re.sub(r"<[^>]+>", "", rendered)))
