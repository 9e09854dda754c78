"""The app that ``flask run`` and ``flask freeze`` find in the repository root."""

from tag_site import create_app

app = create_app()
