"""Feeds are read by programs that render their text as HTML: a hostile incident title must
reach them as text in both feeds (parsed with a real XML parser, then with an HTML parser)."""

from __future__ import annotations

from html import unescape
from html.parser import HTMLParser
from xml.etree import ElementTree

from tests.web.conftest import settings_for_tests
from tests.web.factories import incident, insert_statement

from amends.publish import operations as ops
from amends.publish.feeds import atom_feed, rss_feed
from amends.publish.site import load_site_data

HOSTILE = 'Calls <script>alert("t")</script><img src=x onerror=alert(1)> & texts'
ATOM = "{http://www.w3.org/2005/Atom}"


class _Tags(HTMLParser):
    """The start tags an HTML renderer would create from a text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)


def live_tags(html: str) -> list[str]:
    """The elements `html` makes when a reader renders it as HTML."""
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser.tags


def _data(store):
    inc = incident(title=HOSTILE, locales=["en"])
    ops.save_incident(store, inc)
    insert_statement(store, inc.id, "We are on it <b>now</b>.")
    return load_site_data(store, settings_for_tests().page_info())


def test_rss_title_and_description_render_as_text(sqlite_store):
    root = ElementTree.fromstring(rss_feed(_data(sqlite_store)))
    item = root.find("channel/item")
    assert item is not None
    for field in ("title", "description"):
        text = item.findtext(field)
        assert text is not None and "alert" in text
        assert live_tags(text) == [], (field, text)
    # what a reader shows after rendering is the title as written
    assert unescape(item.findtext("title") or "") == HOSTILE
    content = item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded")
    assert content is not None and "script" not in live_tags(content)
    assert live_tags(content).count("b") == 0  # the body's markup is text too


def test_atom_title_is_text_and_content_escaped_html(sqlite_store):
    root = ElementTree.fromstring(atom_feed(_data(sqlite_store)))
    entry = root.find(f"{ATOM}entry")
    assert entry is not None
    title = entry.find(f"{ATOM}title")
    assert title is not None and title.get("type", "text") == "text"
    assert title.text == HOSTILE  # a text construct: shown as text, never parsed as HTML
    content = entry.find(f"{ATOM}content")
    assert content is not None and content.get("type") == "html"
    assert "We are on it &lt;b&gt;now&lt;/b&gt;." in (content.text or "")  # the updates
    assert set(live_tags(content.text or "")) <= {"p", "small", "br", "strong"}
    summary = entry.find(f"{ATOM}summary")
    assert summary is not None and summary.text == f"investigating: {HOSTILE}"
