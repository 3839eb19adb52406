"""NewsViewer: a desktop library of saved news articles."""

__version__ = "0.1.0"
