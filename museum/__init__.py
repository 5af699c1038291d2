"""Model Museum: YAML dossiers about small open language models → a static museum website."""

__version__ = "0.1.0"
