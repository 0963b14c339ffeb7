"""The package's version: part of every cache key (a new version renders every PDF again)."""

__version__ = "0.1.0"
