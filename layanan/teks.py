"""A component of a standard as it is shown: Markdown (lists, numbered steps, bold) with each line kept
as a line, so "a) …" items typed one per line read as written, sanitised to a fixed set of tags."""

import markdown
import nh3
from django.utils.safestring import SafeString, mark_safe

TAG = {"p", "br", "ul", "ol", "li", "strong", "em", "b", "i", "table", "thead", "tbody", "tr", "th", "td"}


def komponen_html(teks: str) -> SafeString:
    html = markdown.markdown(teks or "", extensions=["nl2br", "sane_lists", "tables"], output_format="html")
    return mark_safe(nh3.clean(html, tags=TAG, attributes={}))
