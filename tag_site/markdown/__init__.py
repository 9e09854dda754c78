"""Markdown to HTML: one configured Python-Markdown, and what it must keep safe and bounded.

render.py      Markdown to HTML (kramdown's ids, site links under any base URL); trusted HTML
typography.py  kramdown's typography: dashes, ellipses, curly quotes
formulas.py    TeX formulas to MathML
markup.py      the HTML vocabulary: the tokenizer, attributes that carry URLs, schemes, and
               what in markup can run code or send readers elsewhere
source_map.py  where a Markdown text writes its code, comments, raw HTML and links
liquid.py      Jekyll's Liquid, found block by block with what to write instead
limits.py      what keeps the work on one file bounded
addresses.py   what an e-mail address is: found in text, and hidden from harvesters
"""
