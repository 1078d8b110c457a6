"""Stable import path for the benchmark kit's score.py: the code lives in
generator.text.dates."""

from generator.text.dates import (
    find_dates as find_dates,
)
