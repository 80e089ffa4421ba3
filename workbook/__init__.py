"""Spotify interview workbook: the API that exercise notebooks import."""

from workbook import fastimport  # noqa: F401  (first, before anything imports nbformat)
from workbook.checking import Case, Outcome, check, raises
from workbook.exercise import exercise

__all__ = ["Case", "Outcome", "check", "exercise", "raises"]
