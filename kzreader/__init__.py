"""kzreader: a terminal reader for a collection of news and analysis articles."""

__version__ = "0.1.0"
