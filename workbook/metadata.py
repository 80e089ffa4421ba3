"""Exercise metadata: typed, validated, read from a solution notebook's front-matter cell."""

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from workbook import markers

TRACKS = (
    "cold_start",
    "graphs",
    "audio_buffering",
    "event_streams",
    "experimentation_ml",
    "screen",  # phone-screen fundamentals
    "home",  # take-home assignments and pair programming
    "values",  # the values round
)
DIFFICULTIES = ("warm-up", "interview", "stretch")
BANDS = ("Engineer I", "Engineer II", "Senior Engineer", "Staff Engineer")
ROLES = ("backend", "data", "ml")  # the loops `workbook mock --loop` and `workbook plan` know
ROUNDS = (
    "phone screen coding",
    "phone screen fundamentals",
    "on-site coding",
    "system design",
    "data/ML",
    "case",
    "values",
    "home assignment",
)
FIELDS = (
    "title",
    "track",
    "difficulty",
    "bands",
    "round",
    "minutes",
    "topics",
    "exports",
    "contract",
)
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_TOML_BLOCK = re.compile(r"```toml\n(.*?)```", re.DOTALL)


class MetadataError(ValueError):
    """A solution notebook's metadata is missing or has a bad value."""


@dataclass(frozen=True)
class Metadata:
    """What a learner needs to choose an exercise."""

    id: str
    title: str
    track: str
    difficulty: str
    bands: tuple[str, str]
    round: str
    minutes: int
    topics: tuple[str, ...]
    exports: tuple[str, ...] = ()  # the notebook names hidden tests may use
    contract: tuple[tuple[str, str], ...] = ()  # (clause name, what it promises), in order

    @property
    def band_range(self) -> str:
        low, high = self.bands
        return low if low == high else f"{low} – {high}"

    def fits_band(self, band: str) -> bool:
        """Whether `band` lies within this exercise's band range."""
        low, high = (BANDS.index(b) for b in self.bands)
        return low <= BANDS.index(band) <= high


def parse(text: str, exercise_id: str, source: Path) -> Metadata:
    """Validate front-matter TOML; errors name the file and the field."""

    def fail(field: str, problem: str) -> MetadataError:
        return MetadataError(f"{source}: metadata field '{field}': {problem}")

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise MetadataError(f"{source}: metadata is not valid TOML: {error}") from None
    for field in FIELDS:
        if field not in raw:
            raise fail(field, "missing")
    for field in sorted(set(raw) - set(FIELDS)):
        raise fail(field, f"unknown field (expected one of {', '.join(FIELDS)})")

    def one_of(field: str, allowed: tuple[str, ...]) -> str:
        value = raw[field]
        if value not in allowed:
            raise fail(field, f"{value!r} is not one of {', '.join(allowed)}")
        return value

    track = one_of("track", TRACKS)
    if track != exercise_id.split("/")[0]:
        raise fail("track", f"{track!r} does not match the notebook's folder {exercise_id!r}")
    bands = raw["bands"]
    if not (isinstance(bands, list) and len(bands) == 2 and all(b in BANDS for b in bands)):
        raise fail("bands", f"{bands!r} must be [lowest, highest] from {', '.join(BANDS)}")
    if BANDS.index(bands[0]) > BANDS.index(bands[1]):
        raise fail("bands", f"{bands!r} is not ordered from lowest to highest")
    minutes = raw["minutes"]
    if not (isinstance(minutes, int) and 5 <= minutes <= 180):
        raise fail("minutes", f"{minutes!r} must be a whole number from 5 to 180")
    title, topics = raw["title"], raw["topics"]
    if not (isinstance(title, str) and title.strip()):
        raise fail("title", "must be a non-empty string")
    if not (isinstance(topics, list) and topics and all(isinstance(t, str) for t in topics)):
        raise fail("topics", f"{topics!r} must be a non-empty list of strings")
    exports, contract = raw["exports"], raw["contract"]
    if not (isinstance(exports, list) and exports and all(_is_identifier(e) for e in exports)):
        raise fail("exports", f"{exports!r} must be a non-empty list of Python names")
    if not (isinstance(contract, dict) and contract):
        raise fail("contract", 'must be a table of named clauses: name = "what it promises"')
    for name, text in contract.items():
        if not (_is_identifier(name) and isinstance(text, str) and text.strip()):
            raise fail("contract", f"clause {name!r} needs a snake_case name and a sentence")
    return Metadata(
        id=exercise_id,
        title=title.strip(),
        track=track,
        difficulty=one_of("difficulty", DIFFICULTIES),
        bands=(bands[0], bands[1]),
        round=one_of("round", ROUNDS),
        minutes=minutes,
        topics=tuple(topics),
        exports=tuple(exports),
        contract=tuple((name, " ".join(text.split())) for name, text in contract.items()),
    )


def _is_identifier(value) -> bool:
    return isinstance(value, str) and bool(_IDENTIFIER.match(value))


def front_matter_text(cells: list[dict], source: Path) -> str:
    """The TOML inside the front-matter cell, which must be the first cell."""
    if not cells or not markers.has_marker(cells[0], markers.FRONT_MATTER):
        raise MetadataError(
            f"{source}: the first cell must be a markdown cell starting with "
            f"{markers.FRONT_MATTER} and holding a ```toml block"
        )
    match = _TOML_BLOCK.search(cells[0]["source"])
    if match is None:
        raise MetadataError(f"{source}: the front-matter cell has no ```toml block")
    return match.group(1)


def header_markdown(meta: Metadata) -> str:
    """The header line a learner sees instead of the front matter."""
    topics = ", ".join(meta.topics)
    return (
        f"# {meta.title}\n\n"
        f"**{meta.id}** · {meta.difficulty} · {meta.band_range} · {meta.round} · "
        f"~{meta.minutes} min · {topics}\n\n"
        f"*Generated by `workbook build` from `solutions/{meta.id}.ipynb`: your answers are "
        f"safe here, but edits to the statement belong in the solution.*"
    )
