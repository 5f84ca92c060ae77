"""The CLI stays thin (issue 17): a module in `amends.cli` parses arguments, calls one function of
the core or of the publish/store layer, and prints. Checked on the source (AST), so it is cheap:
no CLI module queries a database or an engine itself, nothing else imports the CLI, and the
helpers beside the commands stay few and short."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import amends
import amends.cli

CLI = Path(amends.cli.__file__).parent
SRC = Path(amends.__file__).parent
#: Libraries that do the work (queries, engines, data frames): the core and the store use them.
ENGINES = ("sqlalchemy", "duckdb", "ibis", "pyspark", "pandas", "polars")
#: Modules that are the store's or the core's own business.
FORBIDDEN = ("amends.store.schema", "pyarrow.compute")
#: Narrow exceptions, each with its reason.
ALLOWED = {
    # `open_cli_store` turns a connection failure into the one-line error every command prints
    ("db.py", "sqlalchemy.exc"),
}
#: Helpers (functions that are neither a command nor `register`) per module: the longest one, and
#: all of them together, in lines. Printing a table or parsing an option is fine; work is not.
HELPER_LINES = 50
MODULE_HELPER_LINES = 100


def _modules() -> list[Path]:
    return sorted(CLI.glob("*.py"))


def _imports(tree: ast.AST) -> set[str]:
    """Every module a source imports, at any depth (commands import lazily)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _commands(tree: ast.Module) -> set[str]:
    """Functions registered as commands: decorated `@x.command(...)`/`@x.callback(...)`, or
    passed to `app.command("name")(function)`."""
    names = {"register"}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and any(
            isinstance(d, ast.Call)
            and isinstance(d.func, ast.Attribute)
            and d.func.attr in ("command", "callback")
            for d in node.decorator_list
        ):
            names.add(node.name)
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Call)
            and isinstance(node.func.func, ast.Attribute)
            and node.func.func.attr in ("command", "callback")
            and node.args
            and isinstance(node.args[0], ast.Name)
        ):
            names.add(node.args[0].id)
    return names


@pytest.mark.parametrize("path", _modules(), ids=lambda p: p.name)
def test_no_cli_module_queries_or_computes_itself(path: Path) -> None:
    imported = _imports(ast.parse(path.read_text(encoding="utf-8")))
    bad = sorted(
        name
        for name in imported
        if (name.split(".")[0] in ENGINES or name in FORBIDDEN or name.startswith(FORBIDDEN))
        and not any(
            path.name == file and (name == module or name.startswith(f"{module}."))
            for file, module in ALLOWED
        )
    )
    assert not bad, f"{path.name} does the work itself ({', '.join(bad)}): move it to the core"


def test_nothing_but_the_entry_point_imports_the_cli() -> None:
    """Logic the console, the API or another stage needs lives outside `amends.cli`."""
    users = []
    for path in sorted(SRC.rglob("*.py")):
        if CLI in path.parents or path == SRC / "__main__.py":
            continue
        imported = _imports(ast.parse(path.read_text(encoding="utf-8")))
        if any(name == "amends.cli" or name.startswith("amends.cli.") for name in imported):
            users.append(str(path.relative_to(SRC)))
    assert not users, f"these import amends.cli: {users}; call the core instead"


@pytest.mark.parametrize(
    "path", [p for p in _modules() if not p.name.startswith("demo")], ids=lambda p: p.name
)
def test_helpers_beside_the_commands_stay_few_and_short(path: Path) -> None:
    """The demo modules are the demo's script and exempt; every other module is held to it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    commands = _commands(tree)
    helpers = {
        node.name: node.end_lineno - node.lineno + 1  # type: ignore[operator]
        for node in tree.body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name not in commands
    }
    long = {name: n for name, n in helpers.items() if n > HELPER_LINES}
    assert not long, f"{path.name}: helpers over {HELPER_LINES} lines {long}; move the work out"
    total = sum(helpers.values())
    assert total <= MODULE_HELPER_LINES, (
        f"{path.name}: {total} lines of helpers (over {MODULE_HELPER_LINES}); move the work out"
    )


def test_the_guard_sees_what_it_should() -> None:
    """The checks above find a query, a reverse import and a long helper when there is one."""
    source = "def f():\n    from sqlalchemy import select\n    import amends.cli.db\n"
    assert {"sqlalchemy", "sqlalchemy.select", "amends.cli.db"} <= _imports(ast.parse(source))
    tree = ast.parse(
        "@app.command('x')\ndef x(): pass\ndef register(a): a.command('y')(y)\ndef y(): pass\n"
    )
    assert _commands(tree) == {"register", "x", "y"}
