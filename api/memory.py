"""The garbage collector of a long-running API worker.

Start-up leaves some 220,000 objects that live as long as the worker (modules, routes, models,
compiled statements). CPython's full collection walks every one of them: measured in process on
the national bench dataset (bench/meeting_request_cost.py, minutes of 40 cases), such a pause
took up to 245 ms, long enough to stall every request the worker holds, and the young-generation
collections that ran 2-3 times a request cost 0.6 ms of each. Frozen after start-up (moved
where the collector never looks) and collected young only every 10,000 net allocations: pauses
of at most 8 ms, and 0.02 ms a request. Reference counting still frees everything at once; only
cyclic garbage waits a little longer for its collection.

Once per process: a test process starts an app for every test, and a full collection each
time, over a heap that grows with the suite, would cost it minutes.
"""

import gc

YOUNG_COLLECTION_EVERY = 10_000  # net container allocations; CPython's default is 700

_settled = False


def settle() -> None:
    """Once the app has started: collect what start-up left, then freeze the rest. Only the
    first start in a process does anything."""
    global _settled
    if _settled:
        return
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION_EVERY, middle, old)
    _settled = True
