"""Stage 3, link: find every actor mention, quotation and evidence sentence in the sources."""

from __future__ import annotations

from bisect import bisect_right

from generator.cache import Cache, digest
from generator.matching import AliasMatcher, RoleIndex
from generator.model import Corpus, EvidenceAnchor, Links, Mention, Quote, Source
from generator.quotes import Attributor, SpeakerState, find_quotations
from generator.text import sentence_spans

SourceLinks = tuple[
    tuple[Mention, ...], tuple[Quote, ...], dict[tuple[str, int], tuple[tuple[int, int], ...]]
]


def link_corpus(corpus: Corpus, cache: Cache | None = None) -> Links:
    cache = cache or Cache()
    matcher = AliasMatcher(corpus.actors.values())
    attributor = Attributor(corpus.actors, RoleIndex(corpus.actors.values()))
    actors_key = digest(tuple(corpus.actors.values()))
    mentions: list[Mention] = []
    quotes: list[Quote] = []
    sentences: dict[tuple[str, int], tuple[tuple[int, int], ...]] = {}
    for source in corpus.sources.values():
        found_mentions, found_quotes, found_sentences = cache.get_or_make(
            "links",
            digest(source.id, source.paragraphs, actors_key),
            lambda source=source: link_source(source, matcher, attributor),  # type: ignore[misc]
        )
        mentions.extend(found_mentions)
        quotes.extend(found_quotes)
        sentences.update(found_sentences)
    return Links(
        mentions=tuple(mentions),
        quotes=tuple(quotes),
        evidence=link_evidence(corpus),
        sentences=sentences,
    )


def link_source(source: Source, matcher: AliasMatcher, attributor: Attributor) -> SourceLinks:
    """Mentions, attributed quotations and sentence spans of one source."""
    mentions: list[Mention] = []
    quotes: list[Quote] = []
    sentences: dict[tuple[str, int], tuple[tuple[int, int], ...]] = {}
    state = SpeakerState()
    for index, text in enumerate(source.paragraphs):
        quotations = find_quotations(text)
        spans = sentence_spans(text, [(s, e) for s, e, _ in quotations])
        sentences[(source.id, index)] = tuple(spans)
        found = matcher.find(text)
        starts = [s for s, _ in spans]
        for start, end, actor in found:
            sentence = max(bisect_right(starts, start) - 1, 0)
            mentions.append(Mention(actor, source.id, index, sentence, start, end, text[start:end]))
        quotes.extend(
            attributor.attribute_paragraph(source.id, index, text, spans, found, quotations, state)
        )
    return tuple(mentions), tuple(quotes), sentences


def link_evidence(corpus: Corpus) -> tuple[EvidenceAnchor, ...]:
    """The paragraph of each evidence sentence (validate has checked that it is there)."""
    anchors = []
    for event in corpus.events.values():
        for evidence in event.evidence:
            index = corpus.sources[evidence.source].paragraph_of(evidence.text)
            anchors.append(EvidenceAnchor(event.id, evidence.source, index, evidence.text))
    return tuple(anchors)
