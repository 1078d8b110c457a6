"""Stable import path for the benchmark kit's score.py: the code lives in
generator.text.matching."""

from generator.text.matching import (
    AliasMatcher as AliasMatcher,
)
from generator.text.matching import (
    RoleIndex as RoleIndex,
)
