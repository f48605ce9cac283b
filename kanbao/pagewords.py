r"""Words of the page itself: strings that recur inside the page's own lines.

A column break can cut a name or term that no dictionary knows (五|邑,
岷|山, 1848|年 …) but that the page prints whole elsewhere.  ``PageWords``
counts the 1- to 4-character strings inside each line (never across a line
end) and says whether a join makes such a string, and how surprising it is
by chance: a pair of rare characters seen together several times (五邑) is
evidence; a pair with a very common character (的发) is not.

>>> pw = PageWords(["江门五邑侨批", "五邑人多", "五邑华侨", "大多来自五", "邑？保存至今", "年美国加州",
...                 "近代到北美等地谋生的华侨大多来自珠江三角洲及其周边乡村"])
>>> pw.across("大多来自五", "邑？保存至今")
('五邑', 3)
>>> pw.across("大多来自五", "年美国加州")
('', 0)

Pages over ``MAX_CHARS`` get no page words (the evidence is for real pages;
a huge dump must stay linear and small in memory), and say so when asked:

>>> PageWords(["大多来自五邑" * 70_000]).across("大多来自五", "邑？保存至今")
('', 0)
"""
from __future__ import annotations

import re
from collections import Counter

MAX_CHARS = 400_000
MAX_N = 4
WORDLIKE = re.compile(r"^(?:[\u4e00-\u9fff]+|\d+[\u4e00-\u9fff%]+|[\u4e00-\u9fff]+\d+)$")


class PageWords:
    """Counts of short strings inside the lines of one page."""

    def __init__(self, texts: list[str]):
        self.grams: Counter = Counter()
        self.chars: Counter = Counter()
        total = sum(len(t) for t in texts)
        self.total = 1
        if total > MAX_CHARS:        # a huge page: no page words (``across`` finds none)
            return
        for t in texts:
            self.chars.update(t)
            for n in range(2, MAX_N + 1):
                self.grams.update(t[i:i + n] for i in range(len(t) - n + 1))
        self.total = max(1, sum(self.chars.values()))

    def surprising(self, s: str) -> int:
        """How many times ``s`` occurs, when that is more than chance would give (else 0).

        Two characters must be seen together at least three times and ten times
        more often than their frequencies predict; three or more, once.
        """
        if not WORDLIKE.match(s):
            return 0
        seen = self.grams.get(s, 0)
        if len(s) >= 3:
            return seen
        a, b = self.chars.get(s[0], 0), self.chars.get(s[1], 0)
        expected = a * b / self.total
        return seen if seen >= 3 and seen >= 10 * expected else 0

    def across(self, left: str, right: str) -> tuple[str, int]:
        """The longest recurring string made by the end of ``left`` and the start of ``right``, and its count."""
        best, count = "", 0
        for i in range(1, min(MAX_N - 1, len(left)) + 1):
            for j in range(1, min(MAX_N - i, len(right)) + 1):
                s = left[-i:] + right[:j]
                c = self.surprising(s)
                if c and (len(s), c) > (len(best), count):
                    best, count = s, c
        return best, count
