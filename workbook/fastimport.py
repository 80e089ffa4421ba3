"""Keep `import nbformat` fast in every process that grades or builds notebooks.

JupyterLab's dependency chain installs `rfc3987-syntax`, an optional extra of jsonschema
that compiles a parser grammar at import time (about 1.1 s). jsonschema only needs it
to validate the "iri" string format, which no notebook schema uses. Marking the module
as absent makes jsonschema skip that one checker, through the import system's documented
rule that a `None` entry in `sys.modules` raises ImportError. Load this module before
nbformat: `workbook.cli` imports it first, and pytest loads it with `-p workbook.fastimport`.
"""

import sys

SKIPPED_MODULES = ("rfc3987_syntax",)


def skip_slow_optional_imports() -> None:
    """Make the slow optional imports look absent, unless something already loaded them."""
    for name in SKIPPED_MODULES:
        sys.modules.setdefault(name, None)


skip_slow_optional_imports()
