"""The drawing code of ``tools/make_example_images.py``, by job (that file is the command)."""
