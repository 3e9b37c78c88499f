"""The dialogs over the reading screen: the entity card and its prompts, the bookmark
form, export, help and related articles. Import each from its module; the package
imports nothing (none of them is needed for the first frame)."""
