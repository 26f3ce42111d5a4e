"""Several reads in one round trip to the database.

A page that makes five small reads pays, on PostgreSQL, five round trips and five passes through
the driver, and on a child's record these cost more than the reads themselves. ``read_together``
sends the querysets' SQL as one string of statements (Django binds parameters on the client with
psycopg's ``ClientCursor``, which allows several statements with parameters in one execute) and
hands each queryset its own result set. Each is then turned into objects exactly as Django would
have: the same model instances, values or tuples, the same converters, and any
``prefetch_related`` still applied afterwards. On SQLite (the embedded demo) each is read in turn.

Only whole lists: a queryset that would be evaluated as ``.first()``, ``.get()``, ``.count()`` or
``.aggregate()`` is not a list and is read the usual way.
"""

from collections.abc import Iterator

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet
from django.db.models.sql.constants import MULTI


def read_together(*querysets: QuerySet) -> list[list]:
    """Each queryset's rows as a list, in the order given, read in one round trip on PostgreSQL."""
    if not querysets:
        return []
    db = querysets[0].db
    if any(queryset.db != db for queryset in querysets):
        raise ValueError("read_together reads from one database at a time.")
    connection = connections[db]
    if connection.vendor != "postgresql" or len(querysets) == 1:
        return [list(queryset) for queryset in querysets]

    statements: list[str] = []
    params: list = []
    prepared: list = []  # per queryset: its compiler, or None if there is nothing to send
    for queryset in querysets:
        compiler = None
        if queryset._result_cache is None:  # not read already
            compiler = queryset.query.get_compiler(using=db)
            try:
                sql, sql_params = compiler.as_sql()
            except EmptyResultSet:  # e.g. a filter on an empty list: Django sends nothing either
                sql = ""
            if sql:
                statements.append(sql)
                params.extend(sql_params)
            else:
                compiler = None
        prepared.append(compiler)

    results: list[list] = []
    if statements:
        with connection.cursor() as cursor:
            cursor.execute("; ".join(statements), params)
            for index in range(len(statements)):
                if index and not cursor.nextset():
                    raise RuntimeError("The database returned fewer result sets than statements sent.")
                results.append(cursor.fetchall())

    rows_of = iter(results)
    read = []
    for queryset, compiler in zip(querysets, prepared, strict=True):
        if compiler is None:
            read.append(list(queryset) if queryset._result_cache is not None else list(queryset.none()))
            continue
        rows = next(rows_of)
        if compiler.has_extra_select:  # ordering columns Django adds beyond those selected
            rows = [row[:compiler.col_count] for row in rows]
        read.append(_evaluated(queryset, compiler, rows))
    return read


def _evaluated(queryset: QuerySet, compiler, rows: list) -> list:
    """A copy of the queryset evaluated by Django's own iterable over rows already read: the
    compiler prepared above hands back these rows instead of running its statement again."""
    queryset = queryset._chain()

    def execute_sql(result_type=MULTI, chunked_fetch=False, chunk_size=None) -> Iterator[list]:
        if result_type != MULTI:
            raise NotImplementedError("read_together reads whole lists only.")
        return iter([rows])

    compiler.execute_sql = execute_sql
    queryset.query.get_compiler = lambda using=None, connection=None, elide_empty=True: compiler
    return list(queryset)
