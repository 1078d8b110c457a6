"""A publication date proposed for an undated source: shown as inferred, never stored as fact
until the analyst accepts it. The rules are intake's (generator.intake.published), the same
that `add` uses to say what an undated article's address or dateline suggests."""

from __future__ import annotations

from generator.intake.article import Article
from generator.intake.published import infer_published, url_date
from generator.intake.published import propose_published as propose_for_article
from generator.model import Source


def propose_published(source: Source) -> tuple[str, str] | None:
    """(YYYY-MM-DD, why) from the address (/2017/05/03/), a dateline with its year, or a
    dateline completed with the address's or the text's year; None when nothing says."""
    if day := url_date(source.url or ""):
        return day.isoformat(), f"the date in its address ({day.isoformat()})"
    if found := infer_published([], list(source.paragraphs[:2])):
        return found[0].isoformat(), "its dateline"
    article = Article(url=source.url, paragraphs=list(source.paragraphs))
    if proposal := propose_for_article(article):
        return proposal[0].isoformat(), proposal[1]
    return None
