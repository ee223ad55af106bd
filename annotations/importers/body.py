"""Find the article in a text that is a whole page: its body, the page furniture around and inside
it, and the outlet and byline the furniture names.

A scraped page is more than its article: a site name and section labels on top, a byline and a
time stamp under the headline, a "Read more" or a row of share buttons inside, and a list of
other stories' headlines (each with its byline and time) below. The text keeps all of it, so
offsets stay true to the source; `read_page` says which part is the article.

The heuristic works on lines, and cuts only where the page itself shows furniture:

1. Each line is *prose* (6+ words ending in a full stop, question or exclamation mark, or 20+
   words), a *byline* ("By ..."), a *time stamp* ("05/13/2024 03:39 AM", "12 May 2024", "2 hours
   ago", "4 min read"), a *furniture line* (a known word of page furniture on a line of its own:
   "Separator", "Read more", a section label; a short line opening as a link or a call does:
   "READ MORE: …", "Sign up for …"; a row of share buttons, a breadcrumb, a copyright line, a
   cookie banner; the words are in resources/body/furniture.json), a *heading* of a list of
   stories ("Most read", "Related stories") or *short* (a headline, a sub-heading, a list item,
   a caption).
2. A *listing* is two or more headlines in a row each followed by its byline or time stamp, or
   the lines under a listing heading up to the next prose: other stories, furniture whole.
3. The body runs from its headline to its last prose line. Before the first prose line it takes
   up to two short lines (headline, kicker or standfirst) — unless nothing above the prose is
   furniture, when it starts at the top of the text. After the last prose line it goes on to
   the first furniture, byline, time stamp or listing (to the end when there is none).
4. Inside the body, furniture, bylines, time stamps and listings are furniture; so is a lone
   line in Headline Case of five words or more between two prose lines (a link to another
   story) when the article's own headline is in Headline Case.

A text without a prose line, or with no furniture found, is all body. Tuned on seed 004 (a
scraped Jerusalem Post page) and checked on the 2,225 BBC articles of the data beside the
project, which all come out whole (`python -m annotations.quality.body`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from annotations.model import Article, Body
from annotations.paths import RESOURCES

FURNITURE_FILE = RESOURCES / "body" / "furniture.json"
MIN_PROSE_WORDS = 6  # a line ending like a sentence with fewer words reads as a headline
LONG_PROSE_WORDS = 20  # a line this long is prose whatever its end
MAX_HEADLINE_LINES = 2  # short lines the body takes above its first prose line
MAX_BYLINE_WORDS = 10
MAX_FURNITURE_WORDS = 15  # a longer line is never a furniture word, stamp or byline
MAX_PREFIXED_WORDS = 12  # "Read more: …" and the like, up to this long
MAX_COOKIE_WORDS = 60  # a cookie banner, up to this long
MIN_RELATED_WORDS = 5  # a lone Headline Case line this long inside the body links elsewhere
MIN_HEADLINE_WORDS = 4
MAX_STAMP_CHARS = 60

PROSE, SHORT, BYLINE, STAMP, FURNITURE, HEADING, BLANK = (
    "prose", "short", "byline", "stamp", "furniture", "heading", "blank",
)  # fmt: skip
STRONG = frozenset({BYLINE, STAMP, FURNITURE, HEADING})  # lines that show a page's furniture


@dataclass(frozen=True)
class PageReading:
    """What `read_page` finds: the body, and the outlet and byline its furniture names."""

    body: Body
    outlet: str | None = None
    byline: str | None = None


@dataclass
class _Line:
    start: int
    end: int
    text: str  # stripped
    kind: str
    listed: bool = False  # part of a listing of other stories


# ---------------------------------------------------------------------- words of furniture
@dataclass(frozen=True)
class _Words:
    lines: frozenset[str]
    headings: frozenset[str]
    share: frozenset[str]
    roles: frozenset[str]
    outlets: frozenset[str]
    prefixes: tuple[str, ...]


@lru_cache(maxsize=1)
def _words() -> _Words:
    data = json.loads(FURNITURE_FILE.read_text(encoding="utf-8"))
    return _Words(
        lines=frozenset(data["lines"]) | frozenset(data["sections"]),
        headings=frozenset(data["headings"]),
        share=frozenset(data["share_words"]),
        roles=frozenset(data["byline_roles"]),
        outlets=frozenset(data["outlets"]),
        prefixes=tuple(data["prefixes"]),
    )


def _plain(line: str) -> str:
    """A line as the word lists hold it: lower case, letters, digits, apostrophes and spaces."""
    return " ".join(re.sub(r"[^\w' -]+", " ", line.lower().replace("’", "'")).split())


# ---------------------------------------------------------------------- line kinds
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?"
_CLOCK = r"\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*[a-z]{2,4}|\s*[+-]\d{2}:?\d{2})?"
_DATE = (
    rf"(?:{_DAY}\s*)?(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
)
_AGO = (
    r"(?:\d+|an?|one)\s*(?:s|sec|secs|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|weeks?)\s+ago"
)
_STAMP = re.compile(
    rf"(?:(?:updated|published|posted|last updated|last modified|first published|modified)"
    rf"\s*(?:on|at)?:?\s*)?"
    rf"(?:{_DATE}(?:\s*(?:[,|•·-]|at)?\s*{_CLOCK})?|{_CLOCK}(?:\s*(?:[,|•·-]|on)?\s*{_DATE})?"
    rf"|{_AGO}|(?:today|yesterday)(?:\s*(?:,|at)?\s*{_CLOCK})?|just now"
    rf"|\d+\s*(?:-\s*)?(?:min|minute)s?\s+read)",
    re.I,
)
_BYLINE = re.compile(r"(?:by|written by)\s+(\S.*)", re.I)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_CRUMB = re.compile(r"\s[|›»>]\s")
_COOKIE_TALK = re.compile(r"\b(?:accept|agree|consent|continu|privacy|policy|settings|preferences)")
_COPYRIGHT_START = re.compile(r"©|\(c\)\s|copyright\s+(?:©|\(c\)|\d{4})", re.I)
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_SMALL_WORDS = frozenset(
    "a an the of in on at to for and or but nor with by from as vs via into over than".split()
)


def _kind(line: str) -> str:
    words = line.split()
    n = len(words)
    if n <= MAX_FURNITURE_WORDS:  # furniture is short: long lines skip straight to prose
        w = _words()
        plain = _plain(line)
        if plain in w.headings:
            return HEADING
        if plain in w.lines or _is_share_row(plain, w.share) or _starts_furniture(line, n, w):
            return FURNITURE
        if len(line) <= MAX_STAMP_CHARS and _STAMP.fullmatch(line.strip(" .,|•·-")):
            return STAMP
        m = _BYLINE.fullmatch(line) if n <= MAX_BYLINE_WORDS else None
        if m and not _SENTENCE_END.search(line) and m.group(1)[0].isupper():
            return BYLINE
    low = line.lower()
    if _COPYRIGHT_START.match(line) or (n <= MAX_FURNITURE_WORDS and "all rights reserved" in low):
        return FURNITURE
    if n <= MAX_COOKIE_WORDS and "cookie" in low and _COOKIE_TALK.search(low):
        return FURNITURE  # the cookie banner
    if "›" in line or "»" in line or "|" in line or " > " in line:
        parts = _CRUMB.split(line)
        if len(parts) >= 3 and all(
            0 < len(part.split()) <= 4 and not any(c.isdigit() for c in part) for part in parts
        ):
            return FURNITURE  # a breadcrumb or a menu: Home › News › World
    if n >= LONG_PROSE_WORDS or (n >= MIN_PROSE_WORDS and _SENTENCE_END.search(line)):
        return PROSE
    return SHORT


def _starts_furniture(line: str, n_words: int, w: _Words) -> bool:
    """A short line opening with the words of a link or a call ("Read more: …", "Share on …",
    "Sign up for …", "We use cookies …")."""
    if n_words > MAX_PREFIXED_WORDS:
        return False
    low = " ".join(line.lower().replace("’", "'").split())
    return any(low.startswith(p) and low[len(p) : len(p) + 1] in ("", " ") for p in w.prefixes)


def _is_share_row(plain: str, share: frozenset[str]) -> bool:
    parts = plain.split()
    return len(parts) >= 2 and all(p in share for p in parts)


def _headline_case(line: str, min_words: int = MIN_RELATED_WORDS) -> bool:
    """Most words capitalised, as headlines are on sites that write them so; not a sentence,
    not a list of names (commas), not all capitals."""
    words = [x.strip("'’\"“”‘") for x in _WORD.findall(line)]
    content = [x for x in words if x and x.lower() not in _SMALL_WORDS]
    if (len(words) < min_words or len(content) < min_words - 1 or line.isupper()
            or line.count(",") > 1 or _SENTENCE_END.search(line)):  # fmt: skip
        return False
    return sum(x[0].isupper() for x in content) >= 0.8 * len(content)


def _lines(text: str) -> list[_Line]:
    out, at = [], 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            start = at + lead
            out.append(_Line(start, start + len(stripped), stripped, _kind(stripped)))
        else:
            out.append(_Line(at, at, "", BLANK))
        at += len(raw) + 1
    return out


# ---------------------------------------------------------------------- listings
def _mark_listings(lines: list[_Line]) -> None:
    """Mark the lines of other stories: headlines each followed by a byline or time stamp (two or
    more in a row), and the lines under a listing heading up to the next prose; but not the
    headline with its byline and stamp right above the article's first prose line."""
    filled = [ln for ln in lines if ln.kind is not BLANK]
    items: list[list[_Line]] = []  # each: a headline and the byline/stamp lines under it
    i = 0
    while i < len(filled):
        head = filled[i]
        j = i + 1
        while j < len(filled) and filled[j].kind in (BYLINE, STAMP):
            j += 1
        if head.kind in (SHORT, PROSE) and j > i + 1:
            items.append(filled[i:j])
            i = j
            continue
        items.append([])  # breaks a run
        i += 1
    run: list[list[_Line]] = []
    for item in [*items, []]:
        if item:
            run.append(item)
            continue
        if len(run) >= 2:
            for it in run:
                for ln in it:
                    ln.listed = True
        run = []
    under = False
    for ln in filled:
        if ln.kind is HEADING:
            under, ln.listed = True, True
        elif under and ln.kind is PROSE and not ln.listed:
            under = False
        elif under:
            ln.listed = True
    # The headline, byline and stamp right above the first prose are the article's own.
    first = next((i for i, ln in enumerate(filled) if ln.kind is PROSE and not ln.listed), None)
    i = (first or 0) - 1
    while first is not None and i >= 0 and filled[i].listed and filled[i].kind in (BYLINE, STAMP):
        filled[i].listed = False
        i -= 1
    if first is not None and i >= 0 and filled[i].listed and filled[i].kind is SHORT:
        filled[i].listed = False


# ---------------------------------------------------------------------- the reading
def read_page(text: str) -> PageReading:
    """The body of `text` and the outlet and byline its furniture names (see the module)."""
    lines = _lines(text)
    _mark_listings(lines)
    filled = [ln for ln in lines if ln.kind is not BLANK]
    prose = [i for i, ln in enumerate(filled) if ln.kind is PROSE and not ln.listed]
    if not prose:
        return PageReading(Body.whole(text))
    first, last = prose[0], prose[-1]

    def furniture(ln: _Line) -> bool:
        return ln.listed or ln.kind in STRONG

    lead = filled[:first]
    byline = next((ln for ln in lead if ln.kind is BYLINE), None)
    outlet_line = _outlet_line(lead, byline)
    # Where the body starts: the headline above the first prose line, when the page shows
    # furniture there; otherwise the top of the text.
    start = 0
    if any(furniture(ln) for ln in lead) or outlet_line is not None:
        start_line, taken = filled[first], 0
        for ln in reversed(lead):
            if ln is outlet_line:
                break
            if furniture(ln):
                if taken:
                    break
                continue  # a byline or stamp under the headline: a hole, looked past
            if taken == MAX_HEADLINE_LINES:
                break
            start_line, taken = ln, taken + 1
        start = start_line.start if text[: start_line.start].strip() else 0
    # Where it ends: at the first furniture after the last prose line.
    end_line = filled[last]
    for ln in filled[last + 1 :]:
        if furniture(ln):
            break
        end_line = ln
    end = len(text) if end_line is filled[-1] else end_line.end
    # A site that writes its headline in Headline Case writes its links to other stories so.
    headline = next((ln for ln in filled if ln.start >= start), None)
    links = headline is not None and _headline_case(headline.text, MIN_HEADLINE_WORDS)
    holes = []
    for i, ln in enumerate(filled):
        if not start <= ln.start < end:
            continue
        if furniture(ln) or (
            links
            and first < i < last
            and ln.kind is SHORT
            and filled[i - 1].kind is PROSE
            and filled[i + 1].kind is PROSE
            and _headline_case(ln.text)
        ):
            holes.append((ln.start, ln.end))
    body = Body(start, end, tuple(_merged(holes, text)))
    outlet = _outlet_name(outlet_line, byline)
    return PageReading(body, outlet, _byline_name(byline, outlet))


def _merged(ranges: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Holes next to each other (only white space between) as one."""
    out: list[tuple[int, int]] = []
    for a, b in ranges:
        if out and not text[out[-1][1] : a].strip():
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
    return out


# ---------------------------------------------------------------------- outlet and byline
def _outlet_line(lead: list[_Line], byline: _Line | None) -> _Line | None:
    """The site's name on a line of its own above the headline: a known outlet, a name the
    byline repeats ("By JERUSALEM POST STAFF"), or the first line of a page whose top shows
    other furniture."""
    if not lead:
        return None
    w = _words()
    named = byline is not None and _plain(lead[0].text) in _plain(byline.text)
    for i, ln in enumerate(lead[:3]):
        if ln.kind is not SHORT or len(ln.text.split()) > 5 or not ln.text[0].isupper():
            continue
        plain = _plain(ln.text)
        if plain in w.outlets or (byline is not None and plain in _plain(byline.text)):
            return ln
        if i == 0 and (named or any(x.kind in (FURNITURE, HEADING) for x in lead[1:])):
            return ln
    return None


def _outlet_name(line: _Line | None, byline: _Line | None) -> str | None:
    if line is not None:
        return _recase(line.text, None)
    if byline is not None:  # "By Reuters staff": the outlet's own staff
        m = _BYLINE.fullmatch(byline.text)
        name = m.group(1) if m else ""
        words = name.split()
        roles = _words().roles
        if len(words) >= 2 and words[-1].lower() in ("staff", "reporters", "correspondents"):
            outlet = " ".join(x for x in words[:-1] if x.lower() not in roles or x == words[0])
            return _recase(outlet, None) if outlet else None
    return None


def _byline_name(line: _Line | None, outlet: str | None) -> str | None:
    if line is None:
        return None
    m = _BYLINE.fullmatch(line.text)
    name = re.split(r"\s[|•·]\s|,\s*(?=\d)", m.group(1) if m else line.text)[0].strip()
    return _recase(name, outlet) or None


def _recase(name: str, outlet: str | None) -> str:
    """An all-capitals name in ordinary case: the outlet's own spelling where it is named, role
    words ("staff", "correspondent") in lower case, other words capitalised."""
    name = " ".join(name.split())
    if not name.isupper():
        return name
    if outlet and outlet.lower() in name.lower():
        at = name.lower().index(outlet.lower())
        return _recase(name[:at], None) + outlet + _recase_rest(name[at + len(outlet) :])
    return _recase_rest(name).strip()


def _recase_rest(part: str) -> str:
    roles = _words().roles
    out = []
    for word in part.split(" "):
        low = word.lower()
        out.append(low if low in roles else word.capitalize())
    return " ".join(out)


# ---------------------------------------------------------------------- articles
def fill_in(article: Article) -> Article:
    """Give an article read from a file its body, and the outlet and byline its furniture names
    where the file did not say; an article that knows its body (a web page) is left as it is."""
    if article.body is not None:
        return article
    reading = read_page(article.text)
    article.body = reading.body
    if reading.outlet and not article.outlet:
        article.outlet = reading.outlet
    if reading.byline and "byline" not in article.meta:
        article.meta["byline"] = reading.byline
    return article
