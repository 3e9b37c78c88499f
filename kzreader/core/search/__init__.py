"""All of search: the service the UI and the CLI use, the index and its building,
query reading and widening, passages, spelling; ``engine`` is the only code that
touches whoosh internals.

Importing this package imports no whoosh (the UI reads ``passages`` and ``service``
while drawing its first frame); ``index.SearchIndex`` is the service.
"""
