"""ORM `values()` querysets compiled to SQL once per process and query shape.

The API's busiest reads run the same few queries thousands of times with other ids; building and
compiling a queryset costs the ORM far more than the database needs to answer it. `prepared_rows`
builds the queryset once with stand-in values, remembers its SQL, where each stand-in went among the
parameters, and the ORM's converters, and afterwards only runs that SQL with the real values.

A query shape whose stand-ins cannot all be found back among the compiled parameters (a value the
ORM rewrites, such as a LIKE pattern or a date) is simply built and run as an ordinary queryset.
A stand-in may occur more than once (one value in several conditions).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet

MAX_SHAPES = 256
# Stand-ins: ints beyond any real id here, strings no client sends (control characters are refused).
FIRST_INT_STANDIN = 9_000_000_000_000_000
STR_STANDIN = "\x1fregio-standin-{}\x1f"


@dataclass(frozen=True)
class Compiled:
    using: str
    sql: str
    params: tuple
    slots: tuple[tuple[int, str, int | None], ...]  # (position in params, argument name, index in a list or None)
    names: tuple[str, ...]
    converters: tuple


_compiled: OrderedDict[tuple, Compiled | None] = OrderedDict()
_lock = threading.Lock()


def _standins(arguments: dict) -> tuple[dict, dict]:
    """Stand-in arguments, and each stand-in's (argument name, index in a list or None)."""
    counter = iter(range(FIRST_INT_STANDIN, FIRST_INT_STANDIN + 10**6))
    standins, origin = {}, {}
    for name, value in arguments.items():
        if isinstance(value, (list, tuple)):
            standins[name] = [next(counter) for _ in value]
            origin.update({standin: (name, i) for i, standin in enumerate(standins[name])})
        elif isinstance(value, int) and not isinstance(value, bool):
            standins[name] = next(counter)
            origin[standins[name]] = (name, None)
        elif isinstance(value, str):
            standins[name] = STR_STANDIN.format(next(counter))
            origin[standins[name]] = (name, None)
        else:
            raise TypeError(f"{name}: only ints, strings and lists of ints can be query arguments")
    return standins, origin


def _compile(queryset: QuerySet, origin: dict) -> Compiled | None:
    query = queryset.query
    compiler = query.get_compiler(queryset.db)
    try:
        sql, params = compiler.as_sql()
    except EmptyResultSet:
        return None
    slots = [(position, *origin[param]) for position, param in enumerate(params)
             if isinstance(param, (int, str)) and param in origin]
    if {(name, index) for _position, name, index in slots} != set(origin.values()):
        return None  # the ORM rewrote a stand-in (a LIKE pattern, a date): this shape is not reusable
    names = tuple(query.selected or (*query.extra_select, *query.values_select, *query.annotation_select))
    fields = [s[0] for s in compiler.select[: compiler.col_count]]
    converters = tuple(compiler.get_converters(fields).items())
    return Compiled(queryset.db, sql, tuple(params), tuple(slots), names, converters)


def prepared_rows(shape: str, build: Callable[..., QuerySet], **arguments) -> list[dict]:
    """The rows of `build(**arguments)` (a `values()` queryset) as dicts, as the queryset would give them.

    `shape` names the query; together with the kinds and list lengths of the arguments it picks the
    compiled SQL. `build` must depend on its arguments only through the queryset's parameters.
    """
    key = (shape, *((name, len(v) if isinstance(v, (list, tuple)) else type(v).__name__)
                    for name, v in arguments.items()))
    with _lock:
        compiled = _compiled.get(key, False)
        if compiled is not False:
            _compiled.move_to_end(key)
    if compiled is False:
        standins, origin = _standins(arguments)
        compiled = _compile(build(**standins), origin)
        with _lock:
            _compiled[key] = compiled
            while len(_compiled) > MAX_SHAPES:
                _compiled.popitem(last=False)
    if compiled is None:
        return list(build(**arguments))
    connection = connections[compiled.using]
    params = list(compiled.params)
    for position, name, index in compiled.slots:
        params[position] = arguments[name] if index is None else arguments[name][index]
    with connection.cursor() as cursor:
        cursor.execute(compiled.sql, params)
        rows = cursor.fetchall()
    names = compiled.names
    result = []
    for row in rows:
        if compiled.converters:
            row = list(row)
            for position, (converters, expression) in compiled.converters:
                value = row[position]
                for converter in converters:
                    value = converter(value, expression, connection)
                row[position] = value
        result.append(dict(zip(names, row, strict=False)))  # as Django's ValuesIterable
    return result
