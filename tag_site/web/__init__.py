"""The web: the routes and what they answer (pages, feeds, calendars, sitemap), and the parts
only the preview has (live reload, the last freeze's search index).

    views.py    the routes; each reads the current Build and fills a template or asks feeds
    feeds.py    Atom, iCalendar, sitemap and robots.txt, as bytes
    forms.py    the repository's issue forms, as the pages and proposals read them
    preview.py  what only the preview serves
"""
