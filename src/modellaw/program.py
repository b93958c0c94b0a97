"""The `modellaw` program (the console script and `python -m modellaw`): what the process
sets before the command line is even imported.

A command lives for a fraction of a second, and almost everything it allocates lives to the
end: modules, classes, the library, the bill.  Python's collector, run every 700 new
objects, went through them 35 times in a cold draft and found next to nothing, 10-20 ms of
a ~250 ms run, half of it while click and the commands were being imported (which is why
this happens here, before `modellaw.cli`).  So the program collects every 100,000 new
objects instead; a draft makes fewer than that, and a long run (`serve`, a large `analyze`)
still collects, only less often.  `import modellaw` changes nothing: a program that uses the
library keeps its own collector settings.
"""

from __future__ import annotations

import gc

#: New objects between collections (Python's default is 700); the older generations are
#: collected after this many younger collections, as by default.
NEW_OBJECTS = 100_000


def run() -> None:
    """Run the command line as the `modellaw` program."""
    _, older, oldest = gc.get_threshold()
    gc.set_threshold(NEW_OBJECTS, older, oldest)
    from modellaw.cli import main

    main()
