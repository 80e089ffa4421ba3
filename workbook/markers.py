"""The whole marker vocabulary of a solution notebook, in one place."""

SOLUTION_BEGIN = "### BEGIN SOLUTION"
SOLUTION_END = "### END SOLUTION"
STARTER = "### STARTER"  # inside a solution region: commented existing code the learner starts from
STUB = 'raise NotImplementedError("write your solution here")'

# First line of a cell that marks its role.
FRONT_MATTER = "<!-- exercise -->"  # markdown: a ```toml block with the exercise metadata
HINT = "<!-- hint -->"  # markdown: one progressive hint, in order
SOLUTION_ONLY_MARKDOWN = "<!-- solution-only -->"  # markdown: discussion, removed for learners
SOLUTION_ONLY_CODE = "#| solution-only"  # code: plots or demos of the reference solution
CHECKS = "#| checks"  # code: the one cell that runs the visible checks

# Key under which generated notebooks record what they were built from.
NOTEBOOK_METADATA_KEY = "workbook"


def first_line(source: str) -> str:
    """The first line of a cell's source, stripped."""
    return source.lstrip().split("\n", 1)[0].strip()


def has_marker(cell: dict, marker: str) -> bool:
    """Whether a cell starts with the given marker line."""
    return first_line(cell.get("source", "")) == marker


def without_marker_line(source: str) -> str:
    """A cell's source without its first (marker) line."""
    return source.lstrip().split("\n", 1)[1] if "\n" in source.strip() else ""
