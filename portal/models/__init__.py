from .ward import PredecessorWard, WardProfile

__all__ = ["PredecessorWard", "WardProfile"]
