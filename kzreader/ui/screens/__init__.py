"""The reader's screens: the main reading screen (``main``) and the dialogs over it.

Import each from its module (``kzreader.ui.screens.main``, ``.entity_card``, ...):
this package imports nothing, so importing one screen never imports the others.
"""
