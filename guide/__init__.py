"""The Sclerotherapy Patient Guide's build steps.

MkDocs builds the site; the hooks in overrides/hooks/ are thin adapters that
call this package. After the build, `python -m guide` makes the PDF handouts,
the USB bundle and the benchmark. The tests import this package; nothing here
imports the tests. CONTRIBUTING.md shows how the parts fit together.
"""
