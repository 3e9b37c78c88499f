"""The reader's screens: the main reading screen and the help screen."""

from .help import HelpScreen
from .main import MainScreen

__all__ = ["HelpScreen", "MainScreen"]
