"""Stage 3, link: find every actor mention, quotation and evidence sentence in the sources."""

from __future__ import annotations

from bisect import bisect_right

from generator.matching import AliasMatcher, RoleIndex
from generator.model import Corpus, EvidenceAnchor, Links, Mention, Quote
from generator.quotes import Attributor, SpeakerState, find_quotations
from generator.text import sentence_spans


def link_corpus(corpus: Corpus) -> Links:
    matcher = AliasMatcher(corpus.actors.values())
    attributor = Attributor(corpus.actors, RoleIndex(corpus.actors.values()))
    mentions: list[Mention] = []
    quotes: list[Quote] = []
    sentences: dict[tuple[str, int], tuple[tuple[int, int], ...]] = {}
    for source in corpus.sources.values():
        state = SpeakerState()
        for index, text in enumerate(source.paragraphs):
            quotations = find_quotations(text)
            spans = sentence_spans(text, [(s, e) for s, e, _ in quotations])
            sentences[(source.id, index)] = tuple(spans)
            found = matcher.find(text)
            starts = [s for s, _ in spans]
            for start, end, actor in found:
                sentence = max(bisect_right(starts, start) - 1, 0)
                mentions.append(
                    Mention(actor, source.id, index, sentence, start, end, text[start:end])
                )
            quotes.extend(
                attributor.attribute_paragraph(
                    source.id, index, text, spans, found, quotations, state
                )
            )
    return Links(
        mentions=tuple(mentions),
        quotes=tuple(quotes),
        evidence=link_evidence(corpus),
        sentences=sentences,
    )


def link_evidence(corpus: Corpus) -> tuple[EvidenceAnchor, ...]:
    """The paragraph of each evidence sentence (validate has checked that it is there)."""
    anchors = []
    for event in corpus.events.values():
        for evidence in event.evidence:
            paragraphs = corpus.sources[evidence.source].paragraphs
            index = next(i for i, p in enumerate(paragraphs) if evidence.text in p)
            anchors.append(EvidenceAnchor(event.id, evidence.source, index, evidence.text))
    return tuple(anchors)
