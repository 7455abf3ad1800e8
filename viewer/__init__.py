"""RefView: an offline desktop reader for MediaWiki articles."""

__version__ = "0.1.0"
