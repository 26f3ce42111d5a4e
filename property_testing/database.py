"""The test database as PostgreSQL (production) sees it, and telling that nothing was written.

SQLite accepts what PostgreSQL refuses. While ``postgres_rules`` lasts, the test database refuses
it too: a NUL byte in any text sent to the database (psycopg refuses it before sending), ``\\u0000``
in JSON (jsonb refuses it), text longer than its column, a number outside its column's range; and
model fields check integers against PostgreSQL's ranges, as they do in production. What slips
past a form then fails the test here instead of failing in production."""

from __future__ import annotations

import hashlib
import json
from contextlib import contextmanager
from decimal import Decimal

from django.apps import apps
from django.db import DataError, connection, models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models.signals import pre_save

POSTGRES_INTEGER_RANGES = BaseDatabaseOperations.integer_field_ranges
NUL = "\x00"


def _has_json_nul(value: str) -> bool:
    if "\\u0000" not in value or value[:1] not in '{["':
        return False
    try:
        json.loads(value)
    except ValueError:
        return False
    return True


def _refuse_what_postgres_refuses(execute, sql, params, many, context):
    for row in (params if many else [params]) or []:
        for value in (row.values() if isinstance(row, dict) else row or []):
            if isinstance(value, str) and NUL in value:
                raise DataError("PostgreSQL text fields cannot contain NUL (0x00) bytes "
                                f"(psycopg refuses it before it is sent): {sql[:120]}")
            if isinstance(value, str) and _has_json_nul(value):
                raise DataError("unsupported Unicode escape sequence: \\u0000 cannot be converted to text (jsonb)")
    return execute(sql, params, many, context)


def _check_columns(sender, instance, raw=False, **kwargs):
    """Before a row is written: what PostgreSQL's columns would refuse."""
    if raw:
        return
    for model_field in instance._meta.concrete_fields:
        value = getattr(instance, model_field.attname, None)
        if value is None:
            continue
        internal = model_field.get_internal_type()
        if isinstance(value, str) and model_field.max_length and internal in ("CharField", "SlugField", "EmailField",
                                                                              "URLField", "FileField"):
            if len(value) > model_field.max_length:
                raise DataError(f"value too long for type character varying({model_field.max_length}): "
                                f"{sender.__name__}.{model_field.name} has {len(value)} characters")
        if internal in POSTGRES_INTEGER_RANGES and isinstance(value, int) and not isinstance(value, bool):
            low, high = POSTGRES_INTEGER_RANGES[internal]
            if not low <= value <= high:
                raise DataError(f"{internal} out of range: {sender.__name__}.{model_field.name} = {value}")
        if isinstance(value, Decimal) and internal == "DecimalField":
            whole = model_field.max_digits - model_field.decimal_places
            if value.is_finite() and abs(value) >= Decimal(10) ** whole:
                raise DataError(f"numeric field overflow: {sender.__name__}.{model_field.name} = {value}")


def _integer_fields():
    for model in apps.get_models(include_auto_created=True):
        for model_field in model._meta.concrete_fields:
            if isinstance(model_field, models.IntegerField):
                yield model_field


@contextmanager
def postgres_rules():
    """While it lasts, the test database refuses what PostgreSQL refuses (see the module's doc), and
    model fields check integers against PostgreSQL's column ranges, as they do in production."""
    ops = connection.ops
    original = ops.integer_field_range
    ops.integer_field_range = lambda internal_type: POSTGRES_INTEGER_RANGES[internal_type]
    integer_fields = list(_integer_fields())
    for model_field in integer_fields:
        model_field.__dict__.pop("validators", None)  # a cached property: worked out again with the new ranges
    pre_save.connect(_check_columns, dispatch_uid="property_testing_columns")
    try:
        with connection.execute_wrapper(_refuse_what_postgres_refuses):
            yield
    finally:
        pre_save.disconnect(dispatch_uid="property_testing_columns")
        ops.integer_field_range = original
        for model_field in integer_fields:
            model_field.__dict__.pop("validators", None)


# --- everything the database holds, to tell that nothing changed ------------------------------------

IGNORED_TABLES = {"django_session"}  # signing in and the messages shown after a save


def tables() -> list[str]:
    return sorted(name for name in connection.introspection.table_names() if name not in IGNORED_TABLES)


def fingerprint() -> dict[str, str]:
    """Each table's rows, hashed: equal fingerprints mean nothing was added, changed or removed."""
    prints = {}
    with connection.cursor() as cursor:
        for table in tables():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows = sorted(repr(row) for row in cursor.fetchall())
            prints[table] = f"{len(rows)}:{hashlib.sha1(''.join(rows).encode('utf-8', 'surrogatepass')).hexdigest()}"
    return prints


def changed_tables(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(table for table in set(before) | set(after) if before.get(table) != after.get(table))


def write_count() -> int | None:
    """Rows the connection has inserted, changed or deleted so far (SQLite's total_changes()), or None
    on a database that does not count them: there the fingerprint is compared instead."""
    if connection.vendor != "sqlite":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT total_changes()")
        return cursor.fetchone()[0]
