"""The offline gazetteer: shipped places with fr/en/ar names, a user overlay, a fast name index.

Public API (others code against it)::

    from gazetteer import Place, Candidate, load_index, normalize_name, data_path
    idx = load_index()
    idx.candidates("Abou Kamal", limit=10, fuzzy=True, countries=["SY"])
    idx.get("gn:173813"); idx.places_in("SY", "governorate")
"""

from gazetteer.index import GazetteerIndex, is_confident, load_index
from gazetteer.model import Candidate, Place
from gazetteer.normalize import normalize_name, skeleton_key
from gazetteer.paths import data_path, overlay_path

__all__ = [
    "Candidate",
    "GazetteerIndex",
    "Place",
    "data_path",
    "is_confident",
    "load_index",
    "normalize_name",
    "overlay_path",
    "skeleton_key",
]
