"""Stage 3, link: find every actor mention, quotation and evidence sentence in the sources.

Per source, the full findings (SourceLinks) are needed only to draw that source's page and
for review; the rest of the build needs a small SourceSummary. Both are cached by the
source's text and the actors, so a build after adding one article links one article and
decodes the full findings of no other.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from itertools import combinations

from generator.cache import Memo, digest, source_key
from generator.model import Corpus, EvidenceAnchor, Links, Mention, Quote, Source, SourceMention
from generator.text.dates import DateMention, find_dates
from generator.text.folding import lowercase_words, sentence_spans
from generator.text.matching import AliasMatcher, RoleIndex
from generator.text.quotes import (
    Attributor,
    SpeakerState,
    open_quotation,
    opens_with_quotation,
    scan_quotations,
)

Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class SourceLinks:
    """Everything linking finds in one source; sentences are spans, per paragraph."""

    mentions: tuple[Mention, ...]
    quotes: tuple[Quote, ...]
    sentences: tuple[Spans, ...]


@dataclass(frozen=True)
class SourceSummary:
    """What the analysis needs of one source (small: it is loaded for every source)."""

    actors: tuple[SourceMention, ...]  # in order of first mention
    pairs: tuple[tuple[str, str], ...]  # actors named in one sentence, once per sentence
    quotes: tuple[Quote, ...]
    mentions: int


# Keyed by the source's text and the actors (summaries, links) or by its text alone.
SUMMARIES: Memo[SourceSummary] = Memo("summary", __name__)
LINKS: Memo[SourceLinks] = Memo("links", __name__)
DATES: Memo[tuple[tuple[int, DateMention], ...]] = Memo("dates", __name__)
WORDS: Memo[frozenset[str]] = Memo("words", __name__)
# The corpus's vocabulary, with the text keys of the sources it was drawn from.
VOCABULARY: Memo[tuple[frozenset[str], frozenset[str]]] = Memo("vocabulary", __name__)
LATEST = "latest"


class LinkedCorpus:
    """The link stage's result: a summary of every source, full findings on demand."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        actors_key = digest(tuple(corpus.actors.values()))
        self.text_keys = {s.id: source_key(s) for s in corpus.sources.values()}
        self.keys = {source: digest(key, actors_key) for source, key in self.text_keys.items()}
        self.summaries = {
            source.id: SUMMARIES.get_or_make(
                self.keys[source.id],
                lambda source=source: summarise(source, self.source_links(source.id)),  # type: ignore[misc]
            )
            for source in corpus.sources.values()
        }
        for key in self.keys.values():
            LINKS.keep(key)  # not decoded, but kept for the pages that need it
        for key in self.text_keys.values():
            DATES.keep(key)  # for the page, when it is drawn
            WORDS.keep(key)  # and for review
        self.evidence = link_evidence(corpus)

    @cached_property
    def _matcher(self) -> AliasMatcher:
        return AliasMatcher(self.corpus.actors.values(), implied=True)

    @cached_property
    def _attributor(self) -> Attributor:
        return Attributor(self.corpus.actors, RoleIndex(self.corpus.actors.values()))

    def source_links(self, source_id: str) -> SourceLinks:
        source = self.corpus.sources[source_id]
        return LINKS.get_or_make(
            self.keys[source_id],
            lambda: link_source(source, self._matcher, self._attributor),
        )

    def dates(self, source_id: str) -> tuple[tuple[int, DateMention], ...]:
        """The date expressions of a source, by paragraph (asked for when its page is drawn)."""
        source = self.corpus.sources[source_id]
        return DATES.get_or_make(self.text_keys[source_id], lambda: source_dates(source))

    def vocabulary(self) -> frozenset[str]:
        """Every word the corpus writes in lower case (review tells names from common words).

        The last vocabulary is kept with the texts it was drawn from: when sources were only
        added, the new ones' words join it (decoding every source's words took 1 s at
        5,000 sources); when any went away, it is drawn again from all."""
        keys = frozenset(self.text_keys.values())
        known, words = VOCABULARY.get_or_make(LATEST, lambda: (frozenset(), frozenset()))
        if not known <= keys:
            known, words = frozenset(), frozenset()
        new = [s for s in self.corpus.sources.values() if self.text_keys[s.id] not in known]
        if not new:
            return words
        words = words.union(
            *(
                WORDS.get_or_make(
                    self.text_keys[s.id],
                    lambda s=s: lowercase_words(s.paragraphs),  # type: ignore[misc]
                )
                for s in new
            )
        )
        VOCABULARY.put(LATEST, (keys, words))
        return words

    @cached_property
    def quotes(self) -> tuple[Quote, ...]:
        return tuple(q for summary in self.summaries.values() for q in summary.quotes)

    @cached_property
    def mention_count(self) -> int:
        return sum(summary.mentions for summary in self.summaries.values())

    @cached_property
    def links(self) -> Links:
        """All findings of all sources at once (for review and measurement, not the build)."""
        mentions: list[Mention] = []
        sentences: dict[tuple[str, int], Spans] = {}
        for source_id in self.corpus.sources:
            found = self.source_links(source_id)
            mentions.extend(found.mentions)
            for index, spans in enumerate(found.sentences):
                sentences[(source_id, index)] = spans
        return Links(
            mentions=tuple(mentions),
            quotes=self.quotes,
            evidence=self.evidence,
            sentences=sentences,
        )


def link_sources(corpus: Corpus) -> LinkedCorpus:
    return LinkedCorpus(corpus)


def link_corpus(corpus: Corpus) -> Links:
    return link_sources(corpus).links


def link_source(source: Source, matcher: AliasMatcher, attributor: Attributor) -> SourceLinks:
    """Mentions, attributed quotations and sentence spans of one source."""
    mentions: list[Mention] = []
    quotes: list[Quote] = []
    sentences: list[Spans] = []
    state = SpeakerState()
    seen: set[str] = set()  # actors named so far: what a generic short form may stand for
    for index, text in enumerate(source.paragraphs):
        quotations, still_open = scan_quotations(text)
        following = source.paragraphs[index + 1] if index + 1 < len(source.paragraphs) else ""
        if still_open is not None and opens_with_quotation(following):
            # a quotation over several paragraphs: open here, reopened by the next one
            quotations.append(open_quotation(text, still_open))
        spans = sentence_spans(text, [(s, e) for s, e, _ in quotations])
        sentences.append(tuple(spans))
        named = matcher.find_named(text)  # speakers are named, never implied by a demonym
        short = matcher.short_forms.find(text, named, seen)
        seen.update(a for _, _, a in named)
        starts = [s for s, _ in spans]
        for start, end, actor in sorted(matcher.with_implied(text, named) + short):
            sentence = max(bisect_right(starts, start) - 1, 0)
            mentions.append(Mention(actor, source.id, index, sentence, start, end, text[start:end]))
        quotes.extend(
            attributor.attribute_paragraph(source.id, index, text, spans, named, quotations, state)
        )
    return SourceLinks(tuple(mentions), tuple(quotes), tuple(sentences))


def source_dates(source: Source) -> tuple[tuple[int, DateMention], ...]:
    return tuple(
        (i, d)
        for i, text in enumerate(source.paragraphs)
        for d in find_dates(text, source.published)
    )


def summarise(source: Source, found: SourceLinks) -> SourceSummary:
    first: dict[str, Mention] = {}
    counts: Counter[str] = Counter()
    in_sentence: dict[tuple[int, int], set[str]] = {}
    for m in found.mentions:
        first.setdefault(m.actor, m)
        counts[m.actor] += 1
        in_sentence.setdefault((m.paragraph, m.sentence), set()).add(m.actor)
    uses = []
    for actor, m in first.items():
        start, end = found.sentences[m.paragraph][m.sentence]
        context = source.paragraphs[m.paragraph][start:end]
        uses.append(SourceMention(actor, source.id, counts[actor], m.paragraph, context))
    pairs = sorted(
        pair for actors in in_sentence.values() for pair in combinations(sorted(actors), 2)
    )
    return SourceSummary(
        actors=tuple(uses),
        pairs=tuple(pairs),
        quotes=found.quotes,
        mentions=len(found.mentions),
    )


def link_evidence(corpus: Corpus) -> tuple[EvidenceAnchor, ...]:
    """The paragraph of each evidence sentence (validate has checked that it is there; in a
    corpus cut down to some sources, as review makes, evidence from the others is left out)."""
    anchors = []
    for event in corpus.events.values():
        for evidence in event.evidence:
            if evidence.source not in corpus.sources:
                continue
            index = corpus.sources[evidence.source].paragraph_of(evidence.text)
            anchors.append(EvidenceAnchor(event.id, evidence.source, index, evidence.text))
    return tuple(anchors)
