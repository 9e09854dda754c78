"""Publishing: the freeze and what makes it fast and safe.

freeze.py       the views into static files, checked, then swapped into place
incremental.py  which pages of the previous build are kept as they are
search.py       the search index (Pagefind) of a built site
changes.py      what a freeze changed against the build it replaces
workers.py      the work of a freeze or check shared across the cores
"""
