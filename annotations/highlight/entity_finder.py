"""The name finder of the entity rules: runs of capitalised words in one document, judged by
the lists (entity_vocabulary), word shapes (entity_patterns) and the words around them
(entity_context). O(tokens), plus a pass that reuses what the text itself taught."""

from __future__ import annotations

import numpy as np

from annotations.highlight import entity_context as context
from annotations.highlight.entity_patterns import (
    BUSINESS,
    CAP,
    SPORTS,
    UPPER,
    SentenceStarts,
    demonym_shaped,
    headline_lines,
    is_acronym,
    is_initial,
    is_shouted_name,
)
from annotations.highlight.entity_vocabulary import Lexicon, is_common

# Distinct runs of capitalised words whose verdicts are kept per process.
RUN_CACHE_MAX = 200_000


class NameFinder:
    """Finds names in one document: O(tokens), plus a pass that reuses what the text taught."""

    def __init__(
        self, lex: Lexicon, words: list[str], flags: np.ndarray, taken: bytearray, cache: dict
    ):
        self.lex = lex
        self.ctx = lex.context
        self.cache = cache
        self._ops: list[tuple[str, int, int, str | None]] = []
        self._base = 0
        self.words = words
        self.taken = taken
        cap = (flags & CAP).astype(bool)
        if 1 in taken:
            cap &= np.frombuffer(bytes(taken), dtype=np.uint8) == 0
        upper = (flags & UPPER).astype(bool)
        # A run of capital-letter words is a shouted headline, not a row of acronyms.
        pairs = upper[1:] & upper[:-1]
        if pairs.any():
            near = np.zeros_like(upper)
            near[1:] |= pairs
            near[:-1] |= pairs
            shout = near & cap
            self.shout = shout.tolist()
            self.shout_positions = np.flatnonzero(shout).tolist()
        else:
            self.shout = [False] * len(words)
            self.shout_positions = []
        self.cap = cap.tolist()
        self.cap_positions = np.flatnonzero(cap).tolist()
        self.initial = SentenceStarts(words, lex.context.sentence_end)
        # Lines in headline case: a capital there says nothing, so the rules guess and the
        # model decides (no run of ordinary words is asked about for being capitalised).
        self.headline = bytearray(len(words))
        for start, end in headline_lines(words, flags):
            self.headline[start:end] = b"\x01" * (end - start)
        self._in_headline = False
        # In a sports report a city or county is mostly a team: "Surrey beat Kent".
        self.sports = np.count_nonzero(flags & SPORTS) >= lex.sports_min_words
        # In a business report a lone unknown name is rather a company: "Cofinec said".
        self.business = np.count_nonzero(flags & BUSINESS) >= self.ctx.business_min_words
        self.found: list[tuple[int, int, str]] = []
        self.guesses: list[tuple[int, int]] = []  # single unknown words, labelled at the end
        self.doubtful: list[int] = []  # common words in capitals, named only if the text says so
        self.weak: set[tuple[int, int]] = set()  # found by default, not by any evidence
        self.ask: list[tuple[int, int]] = []  # left bare, but a model may know better

    # -- runs ------------------------------------------------------------------------------
    def find(self) -> list[tuple[int, int, str]]:
        words, cap, shout = self.words, self.cap, self.shout
        n = len(words)
        done = 0
        for i in self.cap_positions:
            if i < done or shout[i]:
                continue
            j = i + 1
            while j < n:
                if cap[j] and not shout[j]:
                    j += 1
                    continue
                k = j
                while k < n and (words[k] in self.ctx.connectors or self._particle_hyphen(k)):
                    k += 1
                if k > j and k < n and cap[k] and not shout[k] and k - j <= 2:
                    j = k
                    continue
                break
            titled = i > 0 and words[i - 1].lower() in self.lex.lower_titles
            self._run(i, j, titled)
            done = j
        self._resolve_guesses()
        self._shouted()
        if self.sports:
            self._teams()
        return self.found

    def _teams(self) -> None:
        """In a sports report, a name followed by a score is a team: "Surrey 3 Kent 1"; unless
        a first name or title made it a person, or it is a country ("England 2 Wales 1" are
        places by CoNLL's convention)."""
        words = self.words

        def scored(e: int) -> bool:
            return context.scored(words, context.past_code(words, e))

        countries = self.lex.countries
        found = {f[:2] for f in self.found}
        for k, (s, e, label) in enumerate(self.found):
            if label not in ("PERSON", "GPE", "LOC") or not scored(e):
                continue
            if label == "PERSON" and (s, e) not in self.weak:
                continue
            if tuple(w.lower() for w in words[s:e]) in countries or context.dateline(words, s, e):
                continue
            self.found[k] = (s, e, "ORG")
            self.weak.discard((s, e))
        for i in self.doubtful:  # the first word of a line: "Somerset 4 Durham 2"
            if (i, i + 1) not in found and words[i].isalpha() and scored(i + 1):
                if (words[i].lower(),) not in countries and not self.taken[i]:
                    self._add(i, i + 1, "ORG")

    def _particle_hyphen(self, k: int) -> bool:
        """Whether token k is the hyphen of "al-", "bin-" and the like."""
        return k > 0 and self.words[k] == "-" and self.words[k - 1] in self.ctx.name_particles

    def _strip(self, i: int, j: int) -> tuple[int, int]:
        words = self.words
        while i < j and (words[i] in self.ctx.connectors or words[i] == "-"):
            i += 1
        while j > i and (words[j - 1] in self.ctx.connectors or words[j - 1] == "-"):
            j -= 1
        return i, j

    def _run(self, i: int, j: int, titled: bool) -> None:
        """Judge one run of capitalised words; the same words in the same place judge alike,
        so the verdict is kept (relative to the run) and replayed for the next occurrence."""
        headline = bool(self.headline[i])
        key = (tuple(self.words[i:j]), titled, self.initial[i], headline)
        ops = self.cache.get(key)
        if ops is None:
            self._in_headline = headline
            self._ops, self._base = [], i
            self._segment(i, j, titled)
            ops = tuple(self._ops)
            if len(self.cache) > RUN_CACHE_MAX:
                self.cache.clear()
            self.cache[key] = ops
        for op, s, e, label in ops:
            if op == "emit":
                self._add(i + s, i + e, label)
            elif op == "place":
                self._add_place(i + s, i + e, label)
            elif op == "guess":
                self.guesses.append((i + s, i + e))
            elif op == "weak":
                self._add_weak(i + s, i + e, label)
            elif op == "ask":
                self.ask.append((i + s, i + e))
            else:
                self.doubtful.append(i + s)

    def _record(self, op: str, i: int, j: int, label: str | None = None) -> None:
        if i < j:
            self._ops.append((op, i - self._base, j - self._base, label))

    def _emit(self, i: int, j: int, label: str) -> None:
        self._record("emit", i, j, label)

    def _place(self, i: int, j: int, label: str) -> None:
        self._record("place", i, j, label)

    def _add_weak(self, i: int, j: int, label: str) -> None:
        """A guess no list or cue backs; the words around may name it ("in Kerem Shalom")."""
        cue = context.guess_cue(self.lex, self.words, i, j)
        if cue is not None and not self.headline[i]:
            label = cue
        elif self.sports and context.team_in_report(self.lex, self.words, i, j):
            label = "ORG"
        self._add(i, j, label, weak=True)

    def _add(self, i: int, j: int, label: str, weak: bool = False) -> None:
        self.found.append((i, j, label))
        if weak:
            self.weak.add((i, j))

    def _segment(self, i: int, j: int, titled: bool) -> None:
        i, j = self._strip(i, j)
        if i >= j:
            return
        lex, words = self.lex, self.words
        if words[i] in lex.stop_initial and self.initial[i]:
            self._segment(i + 1, j, False)
            return
        k = self._title_at(i, j)
        if k is not None:
            t_start, t_end = k
            if (
                t_start == i
                and j - 1 > t_end
                and words[j - 1] in lex.org_tails
                and "of" not in words[i:j]
            ):
                self._emit(i, j, "ORG")  # "General Motors", "King's College"
                return
            self._segment(i, t_start, False)
            self._segment(t_end, j, True)
            return
        self._classify(i, j, titled)

    def _title_at(self, i: int, j: int) -> tuple[int, int] | None:
        """The first title phrase in [i, j) as (start, end): "UK [Foreign Secretary] James"."""
        lex, words = self.lex, self.words
        for k in range(i, j):
            if words[k] not in lex.titles or (k > i + 1 and self._particle_hyphen(k - 1)):
                continue
            if k == i and j - i == 1:
                return None
            start = k
            while start > i and words[start - 1] in lex.title_modifiers:
                start -= 1
            end = k + 1
            while end < j and (words[end] in lex.titles or words[end] == "-"):
                end += 1
            # "Secretary of State Antony Blinken": the office's "of X" belongs to the title.
            if end + 2 < j and words[end] == "of" and words[end + 1][0].isupper():
                rest = range(end + 1, j)
                if not any(words[r] in lex.org_tails or words[r] in lex.org_heads for r in rest):
                    end += 2
            return start, end
        return None

    def _org_end(self, i: int, j: int) -> int | None:
        """Where an organisation name that starts at i ends, if a cue word says it is one."""
        lex, words = self.lex, self.words
        end = None
        k = i
        while k < j:
            w = words[k]
            if w in lex.org_heads and k + 1 < j and words[k + 1] in ("of", "for", "on"):
                # "Department of State", "Ministry of Health": run on to the end of the name,
                # but stop before a person's first name ("... of State Matthew Miller").
                m = k + 2
                while m < j and not (words[m] in lex.first_names and m + 1 < j and m > k + 2):
                    m += 1
                return m
            if w in lex.org_tails and k > i:
                end = k + 1
                while end < j and words[end] in lex.org_tails:
                    end += 1
                return end
            k += 1
        return end

    def _classify(self, i: int, j: int, titled: bool) -> None:
        lex, words = self.lex, self.words
        key = tuple(w.lower() for w in words[i:j])
        label = lex.gazetteer.get(key)
        if label:
            self._place(i, j, label)
            return
        end = self._org_end(i, j)
        if end is not None:
            self._emit(i, end, "ORG")
            self._segment(end, j, False)
            return
        if j - i >= 2:
            tail = lex.tail_labels.get(words[j - 1])
            if words[i] in lex.loc_heads:
                self._emit(i, j, "LOC")
                return
            if tail and not (words[i] in lex.first_names and j - i == 2):
                self._emit(i, j, tail)
                return
            if is_initial(words[i]) or (
                words[i] in lex.first_names
                and key[:1] not in lex.gazetteer
                and not self._arabic_article(i)
            ):
                self._emit(i, j, "PERSON")
                return
        # Places and peoples inside the run: emit them, and judge the words between.
        matches = []
        k = i
        while k < j:
            m = self._gazetteer_match(k, j)
            if m is None:
                k += 1
                continue
            matches.append((k, m[0], m[1]))
            k = m[0]
        if (
            matches
            and not titled
            and not self._in_headline
            and self._named_after_place(i, j, matches)
        ):
            self._emit(i, j, "ORG")  # "Air France", "China Steel", "Manitoba Pork"
            return
        pending = i
        for k, end, label in matches:
            self._unknown(pending, k, titled)
            self._place(k, end, label)
            pending = end
        self._unknown(pending, j, titled)

    def _arabic_article(self, i: int) -> bool:
        """ "Al Jazeera", "Al Qaeda": the article, not the first name "Al", unless a known
        name follows ("Al Gore")."""
        lex, words = self.lex, self.words
        if words[i] not in self.ctx.article_particles or i + 1 >= len(words):
            return False
        nxt = words[i + 1]
        return nxt not in lex.surnames and nxt not in lex.first_names

    def _named_after_place(self, i: int, j: int, matches: list[tuple[int, int, str]]) -> bool:
        """One place or people's name in the run and ordinary capitalised words beside it
        that no place takes: a company or a club named after it."""
        if len(matches) != 1:
            return False
        s, e, _ = matches[0]
        rest = [k for k in range(i, j) if not s <= k < e]
        if rest and rest[0] == i and self.initial[i]:
            return False  # "Meanwhile Israel ...": any word is capitalised first
        if len(rest) == 1 and not is_common(self.lex, self.words[rest[0]]):
            return False  # "Jordan Henderson": a place's name and a surname
        return context.place_with_company_word(self.lex, self.words, [(s, e)], i, j)

    def _gazetteer_match(self, k: int, j: int) -> tuple[int, str] | None:
        lex = self.lex
        for end in range(min(j, k + lex.gazetteer_max), k, -1):
            label = lex.gazetteer.get(tuple(w.lower() for w in self.words[k:end]))
            if label:
                return end, label
        return None

    def _unknown(self, i: int, j: int, titled: bool) -> None:
        """Capitalised words that no list or cue explains."""
        i, j = self._strip(i, j)
        words = self.words
        if not titled:
            run = i, j
            while i < j and self._plain_word(i):
                self._record("doubt", i, i + 1)
                i += 1
            # An ordinary word closing a name is part of it in a sentence ("Kerem Shalom",
            # "Crystal Palace"); in a headline it is the next word ("... Meets").
            while j > i and self._plain_word(j - 1) and self._in_headline:
                self._record("doubt", j - 1, j)
                j -= 1
            i, j = self._strip(i, j)
            if (
                i >= j
                and run[1] - run[0] >= 2
                and not self.initial[run[0]]
                and not self._in_headline
            ):
                # "the United Nations", "the White House": ordinary words, capitalised
                # mid-sentence, in a row. A headline in title case looks the same; a model
                # reading the words around can tell.
                self._record("ask", *run)
        if i >= j:
            return
        if all(len(w) <= 2 for w in words[i:j]):
            # initials, table headers ("W D L"), the pronoun "I"; "UN" or "TV" is for a model
            if j - i == 1 and words[i].isupper() and words[i].isalpha() and len(words[i]) == 2:
                self._record("ask", i, j)
            return
        if j - i >= 3 and not titled:
            # A headline in title case: "Blinken Meets Netanyahu" is two names and a verb.
            for k in range(i + 1, j - 1):
                if words[k] not in self.ctx.connectors and words[k] != "-" and self._plain_word(k):
                    self._unknown(i, k, False)
                    self._record("doubt", k, k + 1)
                    self._unknown(k + 1, j, False)
                    return
        if titled:
            self._emit(i, j, "PERSON")
            return
        if j - i >= 2:  # no first name, title or cue vouches for it: a guess a model may overrule
            self._record("weak", i, j, "ORG" if self._arabic_article(i) else "PERSON")
            return
        if is_acronym(self.lex, words[i]) or is_shouted_name(self.lex, words[i]):
            self._emit(i, j, "ORG")
        else:
            self._record("guess", i, j)

    def _add_place(self, i: int, j: int, label: str) -> None:
        """A place's name, unless the words around make it a team or a company named after
        it: in a sports report a city or county mostly is one ("Surrey beat Kent"), anywhere
        "Surrey captain", "shares of Santa Fe". A country stays a place (CoNLL and OntoNotes
        label national teams by their country)."""
        if label in ("GPE", "LOC"):
            lex, words = self.lex, self.words
            key = tuple(w.lower() for w in words[i:j])
            if key not in lex.countries and not context.dateline(words, i, j):
                if context.company_named_after_place(lex, words, i, j):
                    label = "ORG"
                elif self.sports and (
                    context.word_before(words, i) not in self.ctx.place_prepositions
                    or context.team_in_report(lex, words, i, j)
                ):
                    label = "ORG"
        self._add(i, j, label)

    def _plain_word(self, k: int) -> bool:
        w = self.words[k]
        if is_acronym(self.lex, w) or self._particle_hyphen(k - 1) or self._arabic_article(k):
            return False
        if w in self.lex.first_names and not (self.initial[k] and is_common(self.lex, w)):
            return False  # a first name, but "Man, kids burnt..." opens with a plain word
        return self.initial[k] or is_common(self.lex, w) or not w.isalpha()

    # -- what the document itself says ----------------------------------------------------
    def _known(self) -> tuple[dict[tuple[str, ...], str], set[str]]:
        known: dict[tuple[str, ...], str] = {}
        person_parts: set[str] = set()
        for s, e, label in self.found:
            known[tuple(map(str.lower, self.words[s:e]))] = label
            if label == "PERSON" and e - s >= 2:
                person_parts.add(self.words[e - 1].lower())
        return known, person_parts

    def _resolve_guesses(self) -> None:
        known, person_parts = self._known()
        # One word, one reading per text: the cue at one mention ("militant group Hamas")
        # names the others ("Hamas said").
        votes: dict[str, list[str]] = {}
        unsure: set[str] = set()
        for i, j in self.guesses:
            cue = context.guess_cue(self.lex, self.words, i, j)
            w = self.words[i].lower()
            cues = votes.setdefault(w, [])
            if cue:
                cues.append(cue)
                if (cue == "GPE" and context.modifies_noun(self.words, j)) or self.headline[i]:
                    unsure.add(w)  # "in Haredi neighborhood": a place, or a people's word
        guessed: dict[str, str] = {}
        weak_words: set[str] = set()
        for i, j in self.guesses:
            w = self.words[i].lower()
            cues = votes[w]
            weak = False
            if w in person_parts:
                label = "PERSON"
            else:
                label = known.get((w,))
                if (
                    label is None
                    and self.sports
                    and context.team_in_report(self.lex, self.words, i, j)
                ):
                    label = "ORG"  # "By stumps Kent had reached 108 for three"
                if label is None and cues:
                    label, weak = max(cues, key=cues.count), w in unsure
                    if weak and label == "GPE" and demonym_shaped(self.words[i]):
                        label, weak = "NORP", False  # its shape and place say more than "in"
                if label is None:
                    label, weak = ("ORG" if self.business else "PERSON"), True
            guessed[w] = label
            if weak:
                weak_words.add(w)
            self._add(i, j, label, weak)
        # A capitalised word at a sentence start or in a headline is named only when the
        # rest of the text names it.
        for i in self.doubtful:
            w = self.words[i].lower()
            label = "PERSON" if w in person_parts else known.get((w,)) or guessed.get(w)
            mid_sentence = not self.initial[i] and not self.headline[i]
            if label is None and mid_sentence:
                label = self._ordinary_word_named(i)
            elif label is None and self.sports and not self.headline[i]:
                if context.team_in_report(self.lex, self.words, i, i + 1):
                    label = "ORG"  # "Somerset got a solid start", at a sentence's start
            if label:
                self._add(i, i + 1, label, w in weak_words and w not in person_parts)
            elif self.words[i].isalpha() and not is_common(self.lex, w):
                self.ask.append((i, i + 1))  # "Hamas attacked...": unknown, and first
            elif mid_sentence and context.word_before(self.words, i) == "the":
                self.ask.append((i, i + 1))  # "the Fed", "the Treasury", but "the Midwest"
        # "MaliVai Washington ... Washington": a surname met in full outranks a town's name.
        for n, (s, e, label) in enumerate(self.found):
            if e - s == 1 and label in ("GPE", "LOC", "ORG"):
                w = self.words[s].lower()
                if w in person_parts and (w,) not in self.lex.countries:
                    self.found[n] = (s, e, "PERSON")

    def _ordinary_word_named(self, i: int) -> str | None:
        """An ordinary word capitalised mid-sentence that the words around name: "the Fed",
        "Fed chairman", "division side Nice", in a sports report "earn Real a point"."""
        lex, words = self.lex, self.words
        # Not "the" alone: "the Midwest", "the South" are places as often.
        if (
            context.word_before(words, i) != "the"
            and context.guess_cue(lex, words, i, i + 1) == "ORG"
        ):
            return "ORG"
        if context.company_named_after_place(lex, words, i, i + 1):
            return "ORG"  # "At the Oval, Surrey captain Chris Lewis ..."
        if self.sports and (
            context.team_in_report(lex, words, i, i + 1) or context.nickname(words, i)
        ):
            return "ORG"  # "earn Real a point", "the Braves", "the All Blacks"
        return None

    def _shouted(self) -> None:
        """Headlines in capitals: name only what a list or the rest of the text vouches for."""
        if not self.shout_positions:
            return
        known, person_parts = self._known()
        words, shout = self.words, self.shout
        n = len(words)
        done = 0
        for k in self.shout_positions:
            if k < done:
                continue
            r = k
            while r < n and shout[r]:
                r += 1
            m = self._gazetteer_match(k, r)
            # What the text itself names wins over the lists: "JERUSALEM POST" after
            # "Jerusalem Post" is the newspaper, not the city.
            for end in range(min(r, k + 4), m[0] if m else k, -1):
                label = known.get(tuple(w.lower() for w in words[k:end]))
                if label:
                    m = end, label
                    break
            if m is None and words[k].lower() in person_parts:
                m = k + 1, "PERSON"
            if m is not None:
                self._add_place(k, m[0], m[1])
                done = m[0]
