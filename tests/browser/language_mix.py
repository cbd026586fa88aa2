"""Does a page mix the two languages? Words that exist only in the other language, looked for
in what the page shows and says (text, including text hidden for screen readers, and the
aria-label, title, alt and placeholder attributes). A part marked with its own `lang` (the
language switcher, a quoted document) is left out: marking it is how a page may mix them.

Called by the accessibility crawl with one line: `problems += mixed_language_words(page)`."""

from __future__ import annotations

import re

# Function words, not names: an organization called "Association des…" on an English page or
# a person called "Anderson" must not count.
OTHER_LANGUAGE_WORDS = {
    # On a French page, these are English.
    "fr": ["the", "your", "you", "with", "and", "this", "please", "which", "should", "sign in"],
    # On an English page, these are French.
    "en": ["vous", "votre", "vos", "avec", "dans", "cette", "sont", "veuillez", "aucun", "être"],
}

_VISIBLE_TEXT = """
() => {
  const root = document.documentElement.lang || "";
  const own = (el) => {
    const marked = el.closest("[lang]");
    return !marked || marked.lang.split("-")[0] === root.split("-")[0];
  };
  const rendered = (el) => el.getClientRects().length > 0;
  const parts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!el || ["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE"].includes(el.tagName)) continue;
    if (rendered(el) && own(el)) parts.push(walker.currentNode.nodeValue);
  }
  for (const el of document.body.querySelectorAll("[aria-label], [title], [alt], [placeholder]")) {
    if (!rendered(el) || !own(el)) continue;
    for (const name of ["aria-label", "title", "alt", "placeholder"]) {
      if (el.hasAttribute(name)) parts.push(el.getAttribute(name));
    }
  }
  parts.push(document.title);
  return {lang: root, text: parts.join(" \\n ")};
}
"""


def words_of_the_other_language(text: str, language: str) -> list[str]:
    found = []
    for word in OTHER_LANGUAGE_WORDS.get(language.split("-")[0], []):
        match = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE)
        if match:
            start = max(0, match.start() - 40)
            found.append(f"{word!r} in “…{' '.join(text[start : match.end() + 40].split())}…”")
    return found


def mixed_language_words(page) -> list[str]:
    """The other language's words found on the page as shown now, with their context."""
    shown = page.evaluate(_VISIBLE_TEXT)
    return [
        f"{page.url} ({shown['lang']}): {problem}"
        for problem in words_of_the_other_language(shown["text"], shown["lang"])
    ]
