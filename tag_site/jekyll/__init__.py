"""Jekyll sites into this site: Jekyll's URL rules, and ``flask import-jekyll``."""
