"""linkchecker, run as the user who starts it: `python tests/run_linkchecker.py ARGS` takes linkchecker's ARGS.

Started as root, linkchecker drops to user `nobody` before it loads its plugins; in a
checkout inside a private folder (what `mktemp -d` gives) nobody cannot list them, and
the anchor check is left out without a word. We check our own built pages, so it keeps
the caller's rights. Used by the tests (tests/checks.py) and `make linkcheck-external`.
"""

import sys

import linkcheck.command.linkchecker as command

command.drop_privileges = lambda: None
sys.argv[0] = "linkchecker"
command.linkchecker()
