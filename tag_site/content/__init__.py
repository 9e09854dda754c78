"""Reading content: the files of ``content/`` to typed, immutable values.

files.py         what each file is (settings, data, page, attachment, never published)
kinds.py         the kinds of dated content: folder, reader, flask new starter, issue form
    urls.py          the URLs the site makes itself, and the file each URL is frozen into
front_matter.py  bytes to text, front matter and body; YAML with line numbers
fields.py        typed values out of YAML mappings, an error at the key's line for each bad one
dates.py         dates and times as editors write them; the one clock
settings.py      site.yml
pages.py, news.py, events.py, jobs.py, members.py   one module a kind
store.py         the Site snapshot, and the store that re-reads only what changed
watch.py         the one watcher of the site's folders: changes for the store, saves for live reload
"""
