"""The articles of a folder: the document model (``model``), the folder scan (``scan``,
``collection``), one parser per format behind ``formats.FormatParser`` (``txt``, ``md``,
``html``, ``pdf``, ``word``, chosen in ``parsers``) and the rules that tell titles,
bylines, captions and comments apart (``classify``).

Nothing is imported here: the app draws its first frame with only the model loaded,
and the scan and parsers come with the worker that lists the library.
"""
