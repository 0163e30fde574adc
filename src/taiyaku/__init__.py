"""taiyaku: check a Japanese financial disclosure against its English translation."""

__version__ = "0.1.0"
