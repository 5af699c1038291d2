"""`museum schema`: the dossier JSON Schema, generated from the pydantic models, for editors.

It is written to `specimens/_schema/dossier.schema.json` (committed); every dossier's first line,
`# yaml-language-server: $schema=_schema/dossier.schema.json`, points YAML editors at it.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..dossiers.schema import Dossier
from ..project import Project

SCHEMA_FILE = Path("_schema") / "dossier.schema.json"
MODELINE = f"# yaml-language-server: $schema={SCHEMA_FILE.as_posix()}"


def schema_text() -> str:
    return json.dumps(Dossier.model_json_schema(), indent=2, ensure_ascii=False) + "\n"


def schema_path(project: Project) -> Path:
    return project.specimens / SCHEMA_FILE


def write_schema(project: Project) -> Path:
    path = schema_path(project)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(schema_text(), encoding="utf-8")
    return path
