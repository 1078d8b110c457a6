"""Stable import path for the benchmark kit's score.py: the code lives in
generator.stages.link."""

from generator.stages.link import (
    link_corpus as link_corpus,
)
from generator.stages.link import (
    link_source as link_source,
)
from generator.stages.link import (
    link_sources as link_sources,
)
