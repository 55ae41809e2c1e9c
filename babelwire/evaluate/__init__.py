"""Measuring linking quality against gold clusters."""

from babelwire.evaluate.dataset import load_gold
from babelwire.evaluate.metrics import bcubed, pairwise, score
from babelwire.evaluate.run import evaluate

__all__ = ["bcubed", "evaluate", "load_gold", "pairwise", "score"]
