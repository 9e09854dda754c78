"""Authoring: new content files that pass the check, from a title (``flask new``) or from what
a member proposed through an issue form or an e-mail."""
