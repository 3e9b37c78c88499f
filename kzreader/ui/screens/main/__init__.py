"""The main reading screen (``screen``) and the controllers it routes events to."""

from .screen import MainScreen

__all__ = ["MainScreen"]
