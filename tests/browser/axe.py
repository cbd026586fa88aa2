"""axe-core (shipped by the axe-playwright-python package) run on the page as it is now, and the
responsive check: the page at a phone's width and a desktop's."""

from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe

_axe = Axe()
BLOCKING = {"serious", "critical"}

# A phone (390 px) and a desktop (1280 px). The page is laid out again at each width (a resize
# reruns the media queries and the scripts' resize handlers: the same layout as a page loaded
# at that width, for half the time of a second load).
WIDTHS = (390, 1280)

# In the page: whether the document is wider than the window, and whether a word of a table
# cell is split across lines. A word's characters give one rectangle per line they are on: more
# than one line, the word is broken. Words are split where a break is normal (spaces, hyphens,
# ")(", a slash before a letter), nowhere else: "06/12/2026" or "Lefèvre" must stay whole.
LAYOUT_SCRIPT = r"""
() => {
  const problems = [];
  const width = document.documentElement.scrollWidth;
  if (width > window.innerWidth + 1) {
    problems.push(`the page is ${width}px wide in a ${window.innerWidth}px window`);
  }
  const separator = /([\s\-\u2010\u2011\u2013\u2014]+)/;
  // Where a line may also break inside a token: between ")(" ("13(2)(b)") and after a slash
  // followed by a letter (a path, "and/or"), never after one followed by a digit (a date).
  const joint = /(?<=\))(?=\()|(?<=\/)(?=[^\d\/])/;
  for (const cell of document.querySelectorAll("td, th")) {
    if (!cell.getClientRects().length) continue;
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      let offset = 0;
      for (const token of node.textContent.split(separator)) {
        const parts = separator.test(token) ? [token] : token.split(joint);
        for (const part of parts) {
          if (part.length > 1 && !separator.test(part)) {
            const range = document.createRange();
            range.setStart(node, offset);
            range.setEnd(node, offset + part.length);
            const lines = new Set();
            for (const rect of range.getClientRects()) {
              if (rect.width > 0) lines.add(Math.round(rect.top));
            }
            if (lines.size > 1) {
              problems.push(`"${part}" is broken across lines in a table cell`);
              if (problems.length >= 5) return problems;
            }
          }
          offset += part.length;
        }
      }
    }
  }
  return problems;
}
"""


def layout_problems(page) -> list[str]:
    """What is wrong with the page's layout at each width of WIDTHS; the window is left at the
    last (the desktop's)."""
    height = (page.viewport_size or {}).get("height", 720)
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        problems += [f"{width}px: {problem}" for problem in page.evaluate(LAYOUT_SCRIPT)]
    return problems


def blocking_violations(page) -> list[str]:
    """The serious and critical axe violations of the page, and its layout problems at a
    phone's and a desktop's width: every page checked for accessibility is checked for both."""
    results = _axe.run(
        page,
        options={
            "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}
        },
    )
    violations = [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v.get("impact") in BLOCKING
    ]
    return violations + layout_problems(page)
