"""Operator commands for running a service: legacy data, usage for invoicing, backups."""
import csv
import datetime
import sys

import click
from peewee import IntegrityError

from .backup import BackupError, backup, restore
from .extensions import database


def register_ops_cli(app):
    """Attach `assign-default-project`, `usage`, `backup` and `restore`."""
    register_backup_cli(app)

    @app.cli.command("assign-default-project")
    @click.argument("slug")
    def assign_default_project(slug):
        """Move render jobs that have no project into project SLUG (created if missing)."""
        from .projects.models import Project
        from .renders.models import RenderJob
        from .usage.tasks import reconcile_project
        from .signing import generate_secret
        with database.connection_context():
            project = Project.get_or_none(Project.slug == slug)
            if project is None:
                try:
                    project = Project.create(slug=slug, name=slug, settings={}, webhook_secret=generate_secret())
                    click.echo(f"created project {slug} ({project.id})")
                except IntegrityError:
                    project = Project.get(Project.slug == slug)
            moved = RenderJob.assign_unowned(project.id)
            # Their completed renders now count in the project's usage counters.
            reconcile_project(project.id)
        click.echo(f"assigned {moved} render job(s) to {slug} ({project.id})")

    @app.cli.command("usage")
    @click.option("--project", "project_ident", required=True, help="project id or slug")
    @click.option("--month", required=True, help="YYYY-MM (UTC calendar month)")
    @click.option("--csv", "as_csv", is_flag=True, help="CSV (one row a day, then a total row)")
    def usage(project_ident, month, as_csv):
        """Print a project's daily usage for a month, with totals, for invoicing."""
        from .errors import ApiError
        from .projects.models import Project
        from .usage.history import history
        try:
            first = datetime.date.fromisoformat(month + "-01")
        except ValueError:
            raise click.BadParameter("expected YYYY-MM", param_hint="--month")
        last = (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        with database.connection_context():
            try:
                project = Project.lookup(project_ident)
            except ApiError:
                raise click.ClickException(f"no project '{project_ident}'")
            rows = history(project, first, last)
        _print_usage(project, month, rows, as_csv)


COLUMNS = ("date", "storageBytes", "renderCount", "renderMinutes", "deliveries", "runs")


def usage_totals(rows):
    """The month's total row: sums, with storage as the peak day's bytes."""
    total = {"date": "total", "storageBytes": max((r["storageBytes"] for r in rows), default=0)}
    for name in ("renderCount", "deliveries", "runs"):
        total[name] = sum(r[name] for r in rows)
    total["renderMinutes"] = round(sum(r["renderMinutes"] for r in rows), 4)
    return total


def _print_usage(project, month, rows, as_csv):
    everything = rows + [usage_totals(rows)]
    if as_csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(everything)
        return
    click.echo(f"{project.slug} ({project.id}) — {month} (UTC); storage total = peak day")
    click.echo("%-10s %15s %8s %14s %10s %6s" % COLUMNS)
    for row in everything:
        click.echo("%-10s %15d %8d %14.4f %10d %6d" % tuple(row[c] for c in COLUMNS))


def register_backup_cli(app):
    """Attach `backup OUT/` and `restore BACKUP/`."""

    @app.cli.command("backup")
    @click.argument("out_dir", type=click.Path(file_okay=False))
    def backup_command(out_dir):
        """Copy the SQLite database (online, consistent) and the local storage tree into OUT_DIR."""
        try:
            manifest = backup(app.config["DATABASE_URL"], app.config["STORAGE_URL"], out_dir)
        except BackupError as exc:
            raise click.ClickException(str(exc))
        rows = sum(manifest["tables"].values())
        click.echo(f"backed up {rows} rows in {len(manifest['tables'])} tables and "
                   f"{manifest['objects']} objects ({manifest['bytes']} bytes) into {out_dir}")

    @app.cli.command("restore")
    @click.argument("backup_dir", type=click.Path(exists=True, file_okay=False))
    @click.option("--force", is_flag=True, help="replace an existing database and storage tree")
    def restore_command(backup_dir, force):
        """Restore a backup into the configured database and storage (stop the server first)."""
        try:
            manifest = restore(backup_dir, app.config["DATABASE_URL"], app.config["STORAGE_URL"], force)
        except BackupError as exc:
            raise click.ClickException(str(exc))
        click.echo(f"restored the backup of {manifest['createdAt']}: {sum(manifest['tables'].values())} rows, "
                   f"{manifest['objects']} objects")
