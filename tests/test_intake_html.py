"""Saved HTML pages: each failure mode of the old block parser, on a small page written here."""

from __future__ import annotations

import time

from generator.intake.ingest import parse_article
from generator.intake.published import propose_published
from generator.intake.readers.outlets import choose_outlet, cut_site_name

STORY = [
    "The foreign ministers of the three countries met in Geneva on Thursday to prepare the "
    "constitutional committee that the United Nations has tried to convene for two years.",
    "After five hours of talks the envoy told reporters that the list of members was agreed "
    "except for six names, which the delegations would settle within a week.",
    "The opposition delegation, which arrived late, said it had not been consulted on the "
    "final list and would study it before giving an answer to the envoy next Monday.",
    "Diplomats said the committee could hold its first session in Geneva before the end of "
    "October if the last names were agreed, though several earlier dates had slipped.",
]


def page(body: str, head: str = "<title>Ministers agree committee list in Geneva</title>") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


def read(html: str) -> tuple[list[str], str | None, str | None, str | None]:
    article, kind = parse_article(html, ".html", "page.html")
    assert kind == "HTML page"
    published = article.published.isoformat() if article.published else None
    return article.paragraphs, article.title, article.outlet, published


def test_a_page_wrapped_in_a_form_keeps_its_article() -> None:
    # ASP.NET sites put the whole page, article and all, inside one <form>.
    paragraphs = "".join(f"<p>{text}</p>" for text in STORY)
    html = page(
        "<form method='post' action='./story.aspx' id='aspnetForm'>"
        "<input type='hidden' name='__VIEWSTATE' value='abc'>"
        "<div class='nav'><a href='/'>Home</a> <a href='/world'>World</a></div>"
        f"<div class='story'><h1>Ministers agree committee list in Geneva</h1>{paragraphs}</div>"
        "</form>"
    )
    body, title, _outlet, _published = read(html)
    assert body == STORY
    assert title == "Ministers agree committee list in Geneva"


def test_an_article_written_in_divs_keeps_all_its_paragraphs() -> None:
    paragraphs = "".join(f"<div class='para'>{text}</div>" for text in STORY)
    html = page(
        "<div class='menu'><div><a href='/'>Home</a></div><div><a href='/a'>About</a></div></div>"
        f"<div class='article-body'>{paragraphs}</div>"
        "<div class='footer'><div>Contact us</div></div>"
    )
    body, _title, _outlet, _published = read(html)
    assert body == STORY


def test_a_line_break_inside_a_paragraph_is_a_space_not_a_new_paragraph() -> None:
    first, second = STORY[0], STORY[1]
    html = page(f"<article><p>{first}<br>{second}</p><p>{STORY[2]}</p></article>")
    body, _title, _outlet, _published = read(html)
    assert body[0] == f"{first} {second}"


def test_placeholder_dates_in_the_markup_are_not_the_publication_date() -> None:
    head = (
        "<title>Ministers agree committee list</title>"
        "<meta property='article:published_time' content='0001-01-01T00:00:00Z'>"
        '<script type="application/ld+json">{"@type": "NewsArticle", '
        '"datePublished": "0001-01-01T00:00:00Z", "dateModified": "0001-01-01T00:00:00Z"}'
        "</script>"
    )
    html = page("<article>" + "".join(f"<p>{t}</p>" for t in STORY) + "</article>", head)
    _body, _title, _outlet, published = read(html)
    assert published is None


def test_a_placeholder_is_skipped_for_the_next_date_the_markup_states() -> None:
    head = (
        "<title>Ministers agree committee list</title>"
        "<meta property='article:published_time' content='0001-01-01'>"
        '<script type="application/ld+json">{"datePublished": "2019-09-19T08:00:00Z"}</script>'
    )
    html = page("<article>" + "".join(f"<p>{t}</p>" for t in STORY) + "</article>", head)
    assert read(html)[3] == "2019-09-19"


def test_a_date_after_next_year_is_refused() -> None:
    head = "<title>T</title><meta property='article:published_time' content='2999-01-01'>"
    html = page("<article>" + "".join(f"<p>{t}</p>" for t in STORY) + "</article>", head)
    assert read(html)[3] is None


def test_a_hosting_platform_site_name_is_not_the_outlet() -> None:
    # A wire story on the agency's hosting platform: og:site_name is the platform's section.
    head = (
        "<title>Ministers agree committee list | Hosted</title>"
        "<meta property='og:site_name' content='Hosted'>"
        "<meta property='og:url' content='https://hosted.ap.org/paper/article/abc123/geneva'>"
    )
    html = page("<article>" + "".join(f"<p>{t}</p>" for t in STORY) + "</article>", head)
    _body, title, outlet, _published = read(html)
    assert outlet == "Associated Press"
    assert title == "Ministers agree committee list"


def test_a_junk_site_name_on_an_unknown_host_falls_back_to_the_host() -> None:
    assert choose_outlet(["Home", None], "https://www.valley-courier.example/news/1") == (
        "valley-courier.example"
    )


def test_a_handle_is_not_an_outlet_and_a_tagline_is_cut() -> None:
    assert choose_outlet(["@valleycourier", "Valley Courier"], None) == "Valley Courier"
    assert choose_outlet(["Valley Courier | News you can trust"], None) == "Valley Courier"


def test_a_site_name_written_as_a_slug_takes_the_spelled_out_form() -> None:
    assert choose_outlet(["valleycourier", "The Valley Courier"], None) == "The Valley Courier"
    assert choose_outlet(["VC", "The Valley Courier"], None) == "VC"  # another name: kept


def test_the_site_name_is_cut_off_the_title_only_behind_a_separator() -> None:
    url = "https://www.valleycourier.example/story"
    assert cut_site_name("Mayor resigns – Valley Courier", ["Valley Courier"], url) == (
        "Mayor resigns"
    )
    # no site name given, but the last segment names the host
    assert cut_site_name("Mayor resigns – Valley Courier Online", [], url) == "Mayor resigns"
    assert cut_site_name("Introducing our new CEO at Valley Courier", ["Valley Courier"], url) == (
        "Introducing our new CEO at Valley Courier"
    )
    # a segment that reads as a phrase, not a name, stays even when it starts like the host
    assert cut_site_name("Take care - valleycourier at the fair 2018", [], url) == (
        "Take care - valleycourier at the fair 2018"
    )


def test_a_page_with_twenty_thousand_unclosed_tags_is_read_in_linear_time() -> None:
    html = page(("<div><p>" + STORY[0]) * 20000)
    start = time.monotonic()
    body, _title, _outlet, _published = read(html)
    assert time.monotonic() - start < 20  # quadratic took minutes; linear well under this
    assert body


def test_a_one_megabyte_paragraph_is_read_in_seconds() -> None:
    text = " ".join([STORY[0]] * (1_000_000 // len(STORY[0])))
    start = time.monotonic()
    body, _title, _outlet, _published = read(page(f"<article><p>{text}</p></article>"))
    assert time.monotonic() - start < 20
    assert len(body) == 1 and len(body[0]) > 900_000


def test_a_date_taken_off_an_image_path_does_not_contradict_the_address() -> None:
    head = (
        "<title>Ministers agree committee list</title>"
        "<meta property='og:url' content='https://valley.example/story/2019/11/20/geneva-talks'>"
        "<meta property='og:image' content='https://cdn.example/media/2016/04/05/photo.jpg'>"
    )
    body = "<img src='https://cdn.example/media/2016/04/05/photo.jpg'><article>"
    body += "".join(f"<p>{t}</p>" for t in STORY) + "</article>"
    article, _kind = parse_article(page(body, head), ".html", "page.html")
    assert article.published is None  # htmldate reads 2016-04-05 off the image path
    proposal = propose_published(article)
    assert proposal is not None and proposal[0].isoformat() == "2019-11-20"
