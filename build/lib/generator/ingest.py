"""Stable import path for the benchmark kit's score.py: the code lives in
generator.intake.ingest."""

from generator.intake.ingest import (
    IngestError as IngestError,
)
from generator.intake.ingest import (
    decode as decode,
)
from generator.intake.ingest import (
    parse_article as parse_article,
)
