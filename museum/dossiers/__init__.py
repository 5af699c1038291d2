"""Dossiers: the YAML a person writes, read with a line for every key, validated and cross-checked.

- `reader`: plain YAML only, with lines; `schema`: the pydantic models (the format's single source
  of truth); `validate`: pydantic errors → located diagnostics; `rules`: checks across fields and
  files; `collection`: the validated result; `load`: all of it for a museum folder.
"""
