"""What notebooks import stays light: `from workbook import exercise` must not pull in nbformat."""

import subprocess
import sys


def test_importing_the_notebook_api_does_not_import_nbformat_or_jsonschema():
    code = "import sys, workbook; print(sorted(m for m in ('nbformat', 'jsonschema', 'pandas') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", f"`import workbook` loaded {done.stdout.strip()}"


def test_any_workbook_import_skips_the_slow_iri_grammar():
    code = "import sys, workbook.notebook_file; print('rfc3987_syntax' in sys.modules and sys.modules['rfc3987_syntax'] is not None)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
