"""The idle collector runs full GC passes only when nobody is waiting for the app."""

from __future__ import annotations

import gc

from reader.ui.idle_gc import IdleCollector


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def collector(
    clock: Clock, passes: list[float], *, pending: bool = True, busy: bool = False
) -> IdleCollector:
    return IdleCollector(
        0.5,
        clock=clock,
        collect=lambda: passes.append(clock.now),
        pending=lambda: pending,
        busy=lambda: busy,
    )


def test_no_pass_while_keys_keep_coming() -> None:
    clock, passes = Clock(), []
    idle = collector(clock, passes)
    for _ in range(20):
        clock.now += 0.2
        idle.input_seen()
        assert not idle.tick()
    assert passes == []


def test_a_pass_once_input_has_been_quiet() -> None:
    clock, passes = Clock(), []
    idle = collector(clock, passes)
    idle.input_seen()
    clock.now += 0.4
    assert not idle.tick()
    clock.now += 0.2
    assert idle.tick()
    assert passes == [clock.now]
    assert idle.collections == 1


def test_no_pass_when_nothing_new_or_the_app_is_busy() -> None:
    clock, passes = Clock(), []
    clock.now += 5
    assert not collector(clock, passes, pending=False).tick()
    assert not collector(clock, passes, busy=True).tick()
    assert passes == []


def test_real_collector_frees_cycles_left_behind() -> None:
    """With the defaults, a quiet tick really runs the cyclic collector."""

    class Node:
        def __init__(self) -> None:
            self.me = self

    gc.collect()
    for _ in range(20_000):  # enough for the young passes to count towards a full one
        Node()
    alive = sum(isinstance(o, Node) for o in gc.get_objects())
    assert alive > 0
    clock = Clock()
    idle = IdleCollector(0.5, clock=clock)
    clock.now += 1
    assert idle.tick()
    assert not any(isinstance(o, Node) for o in gc.get_objects())
