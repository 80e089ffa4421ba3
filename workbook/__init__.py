"""Spotify interview workbook: the API that exercise notebooks import."""

from workbook.checking import Case, Outcome, check, raises
from workbook.exercise import exercise

__all__ = ["Case", "Outcome", "check", "exercise", "raises"]
