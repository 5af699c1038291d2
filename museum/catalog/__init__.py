"""The catalog: dossiers enriched into typed specimens (anatomy + claims checked), and the whole collection."""

from .catalog import Catalog
from .claims import Check, check_variant
from .enrich import enrich
from .specimen import Specimen, VariantAnatomy

__all__ = ["Catalog", "Check", "Specimen", "VariantAnatomy", "check_variant", "enrich"]
