"""Backups of the embedded default: the SQLite database and the local storage tree.

The database is copied with SQLite's online backup API, which gives a consistent snapshot
while web and worker processes keep writing (WAL: readers never block writers). The storage
tree is copied after the snapshot: every object is written (atomically, by rename) before the
row that refers to it commits, so each object a snapshot row refers to already exists.
PostgreSQL and S3 have better tools of their own (pg_dump, bucket versioning): see the README.
"""
import datetime
import json
import os
import shutil
import sqlite3
from urllib.parse import urlparse

DATABASE_FILE = "renderowl.db"
STORAGE_DIR = "storage"
MANIFEST = "manifest.json"
TEMP_PREFIX = ".tmp-"  # local storage's uploads in flight, never objects


class BackupError(Exception):
    """The backup or restore cannot be done as asked (the message says why and what to use)."""


def sqlite_path(database_url):
    """The file behind a `sqlite:///` URL; BackupError for any other database."""
    if not urlparse(database_url).scheme.startswith("sqlite"):
        raise BackupError("The database is not SQLite: back PostgreSQL up with pg_dump "
                          "(e.g. `pg_dump -Fc -f renderowl.dump $DATABASE`), restore with pg_restore.")
    return database_url.split(":///", 1)[1]


def storage_root(storage_url):
    """The directory behind a `file://` storage URL; None for S3 (versioning protects a bucket)."""
    if storage_url.startswith("file://"):
        return storage_url[len("file://"):]
    return None


def _copy_database(source, target):
    src = sqlite3.connect("file:%s?mode=ro" % source, uri=True, timeout=30)
    dst = sqlite3.connect(target)
    try:
        with dst:
            # One step, inside one read transaction: a consistent moment. In WAL mode writers go
            # on meanwhile (copying in small steps would restart at every write and might never end).
            src.backup(dst)
        return {name: dst.execute('SELECT COUNT(*) FROM "%s"' % name).fetchone()[0]
                for (name,) in dst.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                           "AND name NOT LIKE 'sqlite_%' ORDER BY name")}
    finally:
        src.close()
        dst.close()


def _copy_tree(source, target):
    """Copy every object under `source`; returns (count, bytes). Objects deleted meanwhile are
    skipped (their rows were deleted too, or will be purged)."""
    count = size = 0
    for folder, _, files in os.walk(source):
        for name in files:
            if name.startswith(TEMP_PREFIX):
                continue
            path = os.path.join(folder, name)
            dest = os.path.join(target, os.path.relpath(path, source))
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            try:
                shutil.copy2(path, dest)
            except FileNotFoundError:
                continue
            count += 1
            size += os.path.getsize(dest)
    return count, size


def backup(database_url, storage_url, out_dir):
    """Write a consistent copy of the database and the local storage tree into `out_dir`;
    returns the manifest (table row counts, objects, bytes)."""
    source = sqlite_path(database_url)
    if not os.path.exists(source):
        raise BackupError("No database at %s" % source)
    if os.path.exists(out_dir) and os.listdir(out_dir):
        raise BackupError("%s is not empty; back up into a new directory" % out_dir)
    os.makedirs(out_dir, exist_ok=True)
    started = datetime.datetime.now(datetime.timezone.utc)
    tables = _copy_database(source, os.path.join(out_dir, DATABASE_FILE))
    manifest = {"createdAt": started.strftime("%Y-%m-%dT%H:%M:%SZ"), "database": DATABASE_FILE, "tables": tables,
                "storage": None, "objects": 0, "bytes": 0}
    root = storage_root(storage_url)
    if root is not None:
        os.makedirs(os.path.join(out_dir, STORAGE_DIR), exist_ok=True)
        if os.path.isdir(root):
            manifest["objects"], manifest["bytes"] = _copy_tree(root, os.path.join(out_dir, STORAGE_DIR))
        manifest["storage"] = STORAGE_DIR
    with open(os.path.join(out_dir, MANIFEST), "w") as fh:
        json.dump(manifest, fh, indent=2)
    return manifest


def restore(backup_dir, database_url, storage_url, force=False):
    """Put a backup in place of the configured database (and local storage). Stop the web and
    worker processes first. Refuses to overwrite existing data unless `force`."""
    with open(os.path.join(backup_dir, MANIFEST)) as fh:
        manifest = json.load(fh)
    target = sqlite_path(database_url)
    root = storage_root(storage_url)
    if not force:
        if os.path.exists(target) and os.path.getsize(target) > 0:
            raise BackupError("%s exists; pass --force to replace it" % target)
        if root and os.path.isdir(root) and os.listdir(root):
            raise BackupError("%s is not empty; pass --force to replace it" % root)
    os.makedirs(os.path.dirname(os.path.abspath(target)), exist_ok=True)
    for suffix in ("-wal", "-shm"):  # a stale log must not be replayed over the restored file
        if os.path.exists(target + suffix):
            os.remove(target + suffix)
    _copy_database(os.path.join(backup_dir, manifest["database"]), target)
    if manifest.get("storage") and root:
        if force and os.path.isdir(root):
            shutil.rmtree(root)
        os.makedirs(root, exist_ok=True)
        _copy_tree(os.path.join(backup_dir, manifest["storage"]), root)
    elif manifest.get("storage"):
        raise BackupError("The backup holds local storage but RENDEROWL_STORAGE_URL is not file://")
    return manifest
