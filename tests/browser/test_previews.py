"""The popup of a link to a quote, in Chromium, under the four themes.

On the worked example's chapter page (``example/chapter4``) each commentary's
"on" link carries its quote's label and text (``tests/test_previews.py``);
here, under :data:`browserconf.THEMES`, at 375 px and desktop width, light
and dark: nothing shows before the pointer comes; hovering the link, and
focusing it from the keyboard, shows a box with the quote's label and text,
readable (a contrast of 4.5), without making the page scroll sideways.

Collected only with ``POLICYNOTES_BROWSER=1`` or ``pytest tests/browser``
(see ``conftest.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from browserconf import MIN_CONTRAST, View

OpenPage = Callable[..., Any]

PAGE = "example/chapter4"
LINK = "div.policynotes-commentary p.policynotes-label a[data-policynotes-text]"

#: The popup as the page draws it: the ::after box's content and colours,
#: and whether the page now scrolls sideways.
POPUP_JS = """(link) => {
  const s = getComputedStyle(link, "::after");
  const parse = (c) => c.match(/[\\d.]+/g).map(Number);
  const lum = (c) => { const [r, g, b] = c.slice(0, 3).map((v) => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const fg = parse(s.color), bg = parse(s.backgroundColor);
  const [a, b] = [lum(fg), lum(bg)];
  const root = document.scrollingElement;
  return { content: s.content, display: s.display, bgAlpha: bg.length > 3 ? bg[3] : 1,
           ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05),
           sideways: root.scrollWidth > root.clientWidth + 1 };
}"""


def test_hover_and_focus_show_the_quote(open_page: OpenPage, view: View) -> None:
    theme, viewport, scheme = view
    tab = open_page(theme, PAGE, viewport=viewport, dark=scheme == "dark")
    links = tab.locator(LINK)
    assert links.count() >= 3
    link = links.first
    text = link.get_attribute("data-policynotes-text")
    head = link.get_attribute("data-policynotes-head")
    assert text and head
    before = link.evaluate(POPUP_JS)
    assert before["content"] in ("none", "normal"), before  # nothing before the pointer
    link.scroll_into_view_if_needed()
    link.hover()
    shown = link.evaluate(POPUP_JS)
    assert head in shown["content"] and text[:20] in shown["content"], shown
    assert shown["bgAlpha"] == 1 and shown["ratio"] >= MIN_CONTRAST, shown
    assert not shown["sideways"], shown
    # Keyboard: move the pointer away, then Tab onto the link from the one before it.
    tab.mouse.move(0, 0)
    assert link.evaluate(POPUP_JS)["content"] in ("none", "normal")
    link.evaluate("(a) => { a.blur(); }")
    tab.evaluate("(a) => { const all = [...document.querySelectorAll('a[href]')];"
                 " all[all.indexOf(a) - 1].focus(); }", link.element_handle())
    tab.keyboard.press("Tab")
    assert link.evaluate("(a) => document.activeElement === a")
    focused = link.evaluate(POPUP_JS)
    assert head in focused["content"] and not focused["sideways"], focused
