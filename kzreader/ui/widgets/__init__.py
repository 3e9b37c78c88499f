"""The reader's widgets, one class (with its helpers) per module.

Import each from its module: this package imports nothing, so importing one widget
never imports the others (start-up time).
"""
