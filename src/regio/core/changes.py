"""Following changes to agenda entries without the domain apps knowing who follows them.

The services report each topic, meeting, agreement or commitment they change with
`entry_changed(instance)`, inside their transaction; an app that keeps something derived (the
search index) registers a listener in its AppConfig.ready(). So the index stays current on every
change, and the dependencies still point one way.
"""

from __future__ import annotations

from collections.abc import Callable

_listeners: list[Callable[[object], None]] = []


def on_entry_changed(listener: Callable[[object], None]) -> Callable[[object], None]:
    if listener not in _listeners:
        _listeners.append(listener)
    return listener


def entry_changed(instance) -> None:
    for listener in _listeners:
        listener(instance)
