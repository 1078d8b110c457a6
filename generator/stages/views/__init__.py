"""View-models: everything a page template prints, resolved in Python (`base`: links, `Here`,
`Deferred`, page keys; then a module per kind of page).

A template receives one frozen dataclass (`view`) and only loops and prints: titles, outlets,
dates and links are already looked up here, hrefs are already relative to the page. So a
keyed page's key is the digest of its view (see `page_key`): nothing a template can read
escapes the key. A part of a view that is costly to build (a source's linked text, a month of
an actor's archive) is `Deferred`: it stands in the key for the cache key of everything it is
built from, and is built only when the page is drawn.

Strings named `*_md` are Markdown already (escaped here); every other string is untrusted text
that templates pass through `|md`.
"""
