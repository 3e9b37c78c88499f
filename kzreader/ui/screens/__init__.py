"""The reader's screens: the main reading screen (``main``); the dialogs over it are in
``kzreader.ui.dialogs``. This package imports nothing: import from the modules.
"""
