"""The `workbook` command: build, grade, audit, new, reset, mock, scorecard, plan, progress, data, lab."""

import argparse
import os
import sys

import workbook.fastimport  # noqa: F401  (first: keeps `import nbformat` fast)
from workbook.metadata import BANDS, ROLES, ROUNDS, TRACKS
from workbook.paths import Layout


def cmd_build(args) -> int:
    from workbook import build, catalog, integrity

    layout = Layout()
    report = build.build(layout, check=args.check, force=args.force)
    readme = catalog.readme_path(layout)
    derived = {
        readme: catalog.with_index(
            readme.read_text(encoding="utf-8"), catalog.index_markdown(catalog.exercises(layout))
        ),
        layout.root / integrity.MANIFEST: integrity.manifest_text(layout),
    }
    for path, fresh in derived.items():
        if path.exists() and fresh == path.read_text(encoding="utf-8"):
            continue
        if args.check:
            report.stale.append(path)
        else:
            path.write_text(fresh, encoding="utf-8")
            report.written.append(path)
    for path in report.written:
        print(f"wrote {path.relative_to(layout.root)}")
    for path in report.backups:
        print(f"backed up your previous version to {path.relative_to(layout.root)}")
    for path, edits in report.refused.items():
        print(
            f"kept {path.relative_to(layout.root)}: you changed it ({', '.join(edits)}); "
            "rerun with --force to replace it (a backup is written first)"
        )
    for path in report.stale:
        print(f"stale: {path.relative_to(layout.root)} (run `workbook build`)")
    return 1 if report.stale or report.refused else 0


def cmd_grade(args) -> int:
    from workbook.grading.grade import GradeOptions, grade

    fields = GradeOptions.__dataclass_fields__
    return grade(args.paths, GradeOptions(**{name: getattr(args, name) for name in fields}))


def cmd_audit(args) -> int:
    from workbook import audit, catalog

    layout = Layout()
    ids = args.ids or [m.id for m in catalog.exercises(layout)]
    failed = 0
    for exercise_id in ids:
        result = audit.audit(
            layout, exercise_id, cell_timeout=args.cell_timeout, reference=not args.no_reference
        )
        print(result.report(), flush=True)
        failed += bool(result.problems())
    print(f"audited {len(ids)} exercise(s): {failed} with problems")
    return 1 if failed else 0


def cmd_backups(args) -> int:
    from workbook import backups

    layout = Layout()
    found = backups.listed(layout)
    for backup in found:
        print(f"{backup.path.name}  ({backup.exercise_id})")
    print(f"{len(found)} backup(s) in {backups.folder(layout).relative_to(layout.root)}")
    return 0


def cmd_restore(args) -> int:
    from workbook import backups

    layout = Layout()
    try:
        target, previous = backups.restore(args.backup, layout)
    except FileNotFoundError as error:
        print(f"workbook restore: {error}", file=sys.stderr)
        return 2
    print(f"restored {target.relative_to(layout.root)} from {args.backup}")
    if previous:
        print(f"the version it replaced is in {previous.path.relative_to(layout.root)}")
    return 0


def cmd_new(args) -> int:
    from workbook.scaffold import new_exercise

    try:
        for path in new_exercise(args.id, Layout()):
            print(f"created {path}")
    except (ValueError, FileExistsError) as error:
        print(f"workbook new: {error}", file=sys.stderr)
        return 2
    print("next: write the statement and solution, the hidden tests, then run `workbook build`")
    return 0


def cmd_reset(args) -> int:
    from workbook.build import reset

    layout = Layout()
    if args.data:
        from workbook.data import generate

        for path in generate.write_all(layout.data):
            print(f"restored {path.relative_to(layout.root)}")
        if not args.id:
            return 0
    if not args.id:
        print("workbook reset: name an exercise (<track>/NN_slug) or --data", file=sys.stderr)
        return 2
    try:
        saved = reset(layout, args.id)
    except FileNotFoundError as error:
        print(f"workbook reset: {error}", file=sys.stderr)
        return 2
    print(
        f"restored exercises/{args.id}.ipynb"
        + (
            f"; your version is in {saved.relative_to(layout.root)}"
            if saved
            else " (it was untouched)"
        )
    )
    return 0


def cmd_merge_notebook(args) -> int:
    from workbook.merge import main as merge_main

    return merge_main([args.base, args.ours, args.theirs, args.path])


def cmd_install_merge_driver(args) -> int:
    from workbook.merge import register_driver

    if not register_driver(Layout().root):
        print("workbook install-merge-driver: not inside a git clone", file=sys.stderr)
        return 2
    print("installed the notebook merge driver for exercises/ (see .gitattributes)")
    return 0


def cmd_mock(args) -> int:
    from workbook.mock import NoExerciseFits, mock

    layout = Layout()
    if args.loop:
        return start_mock_loop(layout, args)
    try:
        choice, path = mock(layout, args.band, args.round, args.track, args.minutes, args.seed)
    except NoExerciseFits as error:
        print(f"workbook mock: {error}", file=sys.stderr)
        return 1
    print(choice.id)
    print(
        f"{path.relative_to(layout.root)}  ({args.minutes or choice.minutes} minutes: {choice.title})"
    )
    return 0


def start_mock_loop(layout: Layout, args) -> int:
    from workbook.loop import start_loop
    from workbook.scorecard import scorecard

    if not (args.band and args.role):
        print("workbook mock --loop: give --band and --role", file=sys.stderr)
        return 2
    folder = start_loop(layout, args.role, args.band, args.seed)
    print(f"wrote {folder.relative_to(layout.root)}/: one notebook per round, in order")
    print(scorecard(layout, folder).render())
    return 0


def cmd_scorecard(args) -> int:
    from workbook.scorecard import latest_loop, scorecard

    layout = Layout()
    folder = args.attempt and layout.root / args.attempt if args.attempt else latest_loop(layout)
    if folder is None:
        print(
            "workbook scorecard: no mock loop yet; start one with `workbook mock --loop`",
            file=sys.stderr,
        )
        return 2
    try:
        print(scorecard(layout, folder.resolve()).render())
    except FileNotFoundError as error:
        print(f"workbook scorecard: {error}", file=sys.stderr)
        return 2
    return 0


def cmd_plan(args) -> int:
    from workbook.plan import render, study_plan
    from workbook.progress import solved
    from workbook.scorecard import completed_loops

    layout = Layout()
    plan, rest = study_plan(layout, args.days, args.band, args.role, args.minutes_per_day)
    print(render(plan, rest, args.band, args.role, solved(layout), completed_loops(layout)))
    return 0


def cmd_progress(args) -> int:
    from workbook.progress import progress, render

    print(render(progress(Layout())))
    return 0


def cmd_data(args) -> int:
    from workbook.data import generate

    for path in generate.write_all(Layout().data):
        print(f"wrote {path}")
    return 0


def lab_command(layout: Layout, extra: list[str]) -> list[str]:
    """JupyterLab on the start-here notebook: loopback only, token auth on, root only if needed."""
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.root_dir={layout.root}",
        "--LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb",
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")  # JupyterLab refuses to start as root without it
    return command + extra


def cmd_lab(args) -> int:
    from workbook.merge import register_driver

    layout = Layout()
    register_driver(layout.root)  # inside a git clone: `git pull` keeps answers (conda users too)
    command = lab_command(layout, args.extra)
    os.execv(command[0], command)
    return 0  # not reached


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="workbook", description=__doc__)
    sub = top.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="generate exercises/ and the README index from solutions/")
    build.add_argument(
        "--check", action="store_true", help="only report stale files (exit 1 if any)"
    )
    build.add_argument(
        "--force", action="store_true", help="replace notebooks you edited, after a backup"
    )
    build.set_defaults(run=cmd_build)
    grade = sub.add_parser("grade", help="run notebooks and their hidden tests in a fresh kernel")
    grade.add_argument("paths", nargs="+", help="notebooks or folders of notebooks")
    grade.add_argument(
        "--cell-timeout",
        type=float,
        default=10.0,
        help="CPU seconds one cell or hidden test may use (default 10; a cell that waits "
        "is stopped by a wall-clock safety net at 6x)",
    )
    grade.add_argument(
        "--notebook-timeout",
        type=float,
        default=60.0,
        help="CPU seconds per notebook, all cells and tests (default 60; wall-clock net at 6x)",
    )
    grade.add_argument(
        "--memory", type=float, default=4.0, help="GiB a notebook's kernel may allocate (default 4)"
    )
    grade.add_argument(
        "--run-timeout",
        type=float,
        help="wall seconds after which the whole run is ended, whatever state it is in "
        "(default: from the notebook budgets)",
    )
    grade.add_argument("--junitxml", help="also write JUnit XML here")
    grade.add_argument(
        "--results-file", help="append results here (default .workbook/results.jsonl)"
    )
    grade.add_argument(
        "--hidden-tests", help="folder of hidden-test modules (default tests/hidden)"
    )
    grade.add_argument(
        "--summary", choices=["markdown"], help="print only a markdown table (for CI job summaries)"
    )
    grade.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="notebooks graded in parallel (default: the number of cores)",
    )
    grade.add_argument(
        "-k", dest="select", help="only hidden tests matching this pytest -k expression"
    )
    grade.add_argument("-v", "--verbose", action="store_true", help="pytest's full report")
    grade.set_defaults(run=cmd_grade)
    audit = sub.add_parser(
        "audit", help="map contract clauses to the hidden tests that pin them and mutants killed"
    )
    audit.add_argument("ids", nargs="*", help="<track>/NN_slug (default: every exercise)")
    audit.add_argument("--cell-timeout", type=float, default=60.0, help="seconds per test")
    audit.add_argument(
        "--no-reference",
        action="store_true",
        help="skip running the reference solution (when it is graded elsewhere, as in CI)",
    )
    audit.set_defaults(run=cmd_audit)
    new = sub.add_parser("new", help="scaffold a solution notebook and its hidden tests")
    new.add_argument("id", help="<track>/NN_slug, e.g. graphs/03_related_artists")
    new.set_defaults(run=cmd_new)
    lab = sub.add_parser(
        "lab", help="open JupyterLab on 127.0.0.1 with token auth (other options go to JupyterLab)"
    )
    lab.set_defaults(run=cmd_lab, passes_options_through=True)
    merge = sub.add_parser("merge-notebook", help="git merge driver for exercise notebooks")
    for name in ("base", "ours", "theirs", "path"):
        merge.add_argument(name)
    merge.set_defaults(run=cmd_merge_notebook)
    driver = sub.add_parser(
        "install-merge-driver", help="register the notebook merge driver in this clone"
    )
    driver.set_defaults(run=cmd_install_merge_driver)
    reset = sub.add_parser(
        "reset", help="restore a pristine exercise (keeping a backup of yours) or the data"
    )
    reset.add_argument("id", nargs="?", help="<track>/NN_slug")
    reset.add_argument("--data", action="store_true", help="regenerate the datasets in data/")
    reset.set_defaults(run=cmd_reset)
    listing = sub.add_parser("backups", help="list the backups of your notebooks")
    listing.set_defaults(run=cmd_backups)
    restore = sub.add_parser("restore", help="put a backup back (the current version is saved)")
    restore.add_argument("backup", help="a name that `workbook backups` lists")
    restore.set_defaults(run=cmd_restore)
    mock = sub.add_parser("mock", help="a timed attempt at an unsolved exercise that fits")
    mock.add_argument("--band", choices=BANDS)
    mock.add_argument("--round", choices=ROUNDS)
    mock.add_argument("--track", choices=TRACKS)
    mock.add_argument(
        "--minutes", type=int, help="time budget; picks exercises estimated at most this long"
    )
    mock.add_argument("--seed", type=int, help="the same seed picks the same exercise")
    mock.add_argument(
        "--loop", action="store_true", help="a full loop: screen, take-home and on-site rounds"
    )
    mock.add_argument("--role", choices=ROLES, help="with --loop: the loop's role")
    mock.set_defaults(run=cmd_mock)
    card = sub.add_parser("scorecard", help="a mock loop's rounds: tests, time, self-assessment")
    card.add_argument("attempt", nargs="?", help="attempts/loop-... (default: the latest loop)")
    card.set_defaults(run=cmd_scorecard)
    plan = sub.add_parser("plan", help="a day-by-day study plan for a role and band")
    plan.add_argument("--days", type=int, default=14)
    plan.add_argument("--band", choices=BANDS, required=True)
    plan.add_argument("--role", choices=ROLES, required=True)
    plan.add_argument("--minutes-per-day", type=int, default=150)
    plan.set_defaults(run=cmd_plan)
    progress = sub.add_parser("progress", help="where you stand, per track, from your results")
    progress.set_defaults(run=cmd_progress)
    data = sub.add_parser("data", help="regenerate the datasets in data/")
    data.set_defaults(run=cmd_data)
    return top


def main(argv: list[str] | None = None) -> int:
    top = parser()
    args, extra = top.parse_known_args(argv)
    if extra and not getattr(args, "passes_options_through", False):
        top.error(f"unrecognized arguments: {' '.join(extra)}")
    args.extra = extra
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
