"""Keyset lists: one index per list that matches its WHERE and its whole ORDER BY.

Every list is `WHERE <owner> = ? AND (created_at, id) < (?, ?) ORDER BY created_at DESC, id DESC`.
An index on (owner, created_at) alone leaves the id tie-break to a sort and, with the cursor
written as an OR, lets SQLite seek only on the owner: a page 100,000 rows deep scanned all of
them. With (owner, created_at, id) and a row-value comparison both databases seek straight to
the cursor and read the page in index order.
"""

LISTS = (
    ('project', None),
    ('api_key', 'project_id'),
    ('asset', 'project_id'),
    ('caption_template', 'project_id'),
    ('render_job', 'project_id'),
    ('automation', 'project_id'),
    ('automation_run', 'automation_id'),
    ('webhook_delivery', 'project_id'),
)


def _columns(owner):
    return [c for c in (owner, 'created_at', 'id') if c]


def up(migrator, db):
    # (project_id, created_at) is a prefix of the new asset index.
    migrator.migrate(
        migrator.drop_index('asset', 'asset_project_id_created_at'),
        *[migrator.add_index(table, _columns(owner)) for table, owner in LISTS],
    )


def down(migrator, db):
    migrator.migrate(
        *[migrator.drop_index(table, '_'.join([table] + _columns(owner))) for table, owner in LISTS],
        migrator.add_index('asset', ['project_id', 'created_at']),
    )
