"""Stable import path for the benchmark kit's score.py: the code lives in
generator.text.quotes."""

from generator.text.quotes import (
    Attributor as Attributor,
)
