"""dossier: turn a corpus of news articles into a cross-linked briefing site."""

__version__ = "0.1.0"
