"""Stable import path for the benchmark kit's score.py: the code lives in
generator.review.candidates."""

from generator.review.candidates import (
    find_candidates as find_candidates,
)
