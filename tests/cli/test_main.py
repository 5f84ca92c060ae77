"""The root command: version, help, and usage errors."""

from __future__ import annotations

import subprocess
import sys

from amends import __version__


def test_version(cli) -> None:
    result = cli("--version")
    assert result.code == 0
    assert result.out.strip() == f"amends {__version__}"


def test_help_lists_commands(cli) -> None:
    result = cli("--help")
    assert result.code == 0
    assert "Usage" in result.out


def test_unknown_option_is_a_usage_error_without_traceback() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "amends", "--no-such-option"], capture_output=True, text=True
    )
    assert proc.returncode == 2
    assert "No such option" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_help_imports_no_heavy_library() -> None:
    """Every command module keeps its heavy imports inside the command: `amends --help` (and the
    start of every command) must not pay for the analysis, database or web stacks."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from amends.cli.main import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = {'numpy', 'pandas', 'pyarrow', 'ibis', 'duckdb', 'matplotlib', 'sqlalchemy',\n"
        "         'fastapi', 'scipy', 'jinja2', 'babel', 'httpx', 'uvicorn', 'pyspark'}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"
