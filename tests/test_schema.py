"""The migration chain produces exactly the schema the models describe, on both databases."""
from playhouse.schema_diff import diff_models

from renderowl.extensions import database
from renderowl.models import MODELS


def _normal_type(db, field):
    return db.get_context_options()["field_types"].get(field.field_type, field.field_type).split("(")[0].lower()


def test_migrated_schema_equals_models(app):
    with app.app_context(), database.connection_context():
        db = database.obj
        diff = diff_models(db, MODELS)
        assert not diff, "schema drift:\n%s" % diff
        for model in MODELS:
            table = model._meta.table_name
            columns = {c.name: c for c in db.get_columns(table)}
            for field in model._meta.sorted_fields:
                column = columns[field.column_name]
                assert column.null == field.null, (table, field.column_name)
                assert column.primary_key == field.primary_key, (table, field.column_name)
                declared = column.data_type.split("(")[0].lower()
                expected = _normal_type(db, field)
                # PostgreSQL reports aliases: "character varying" for VARCHAR, "timestamp without time zone".
                aliases = {"character varying": "varchar", "timestamp without time zone": "timestamp",
                           "integer": "integer", "bigint": "bigint"}
                assert aliases.get(declared, declared) == expected, (table, field.column_name, declared, expected)
            fks = {(fk.column, fk.dest_table) for fk in db.get_foreign_keys(table)}
            for field in model._meta.refs:
                assert (field.column_name, field.rel_model._meta.table_name) in fks, (table, field.name)
