"""The weights' own count: safetensors headers on the Hub (through huggingface_hub) or on disk.

Never a weight is downloaded. On the Hub, `get_safetensors_metadata` asks whether
model.safetensors exists (else model.safetensors.index.json, then each shard it names) and
reads each header with a ranged GET. On disk, each *.safetensors file's first 8 bytes give the
header's length (little-endian), and the JSON header follows.

The counts `museum hub refresh` records live next to each config snapshot, as
``<owner>__<name>.safetensors.json``: the repo and revision, where the count came from, the
parameters per dtype and their total.
"""

from __future__ import annotations

import json
import math
import struct
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import display_path
from .client import FetchError, _explain, _Request
from .snapshots import json_type, why, write_json

MAX_HEADER = 100_000_000  # safetensors refuses headers larger than 100 MB
SOURCE = "safetensors headers, read through huggingface_hub get_safetensors_metadata (no weight downloaded)"
NO_SAFETENSORS = "no-safetensors"


def fetch_header_count(
    repo: str, revision: str, *, endpoint: str | None = None, timeout: float = 10.0
) -> dict[str, int]:
    """Parameters per dtype in the safetensors headers of `repo` at `revision`; raises FetchError."""
    from huggingface_hub import HfApi
    from huggingface_hub.errors import NotASafetensorsRepoError, SafetensorsParsingError

    request = _Request(repo, revision, endpoint, timeout)
    try:
        metadata = HfApi(endpoint=endpoint).get_safetensors_metadata(repo, revision=revision, timeout=timeout)
    except NotASafetensorsRepoError:
        raise FetchError(NO_SAFETENSORS, f"{request.where} has no safetensors weights",
                         "the header count needs model.safetensors or model.safetensors.index.json") from None  # fmt: skip
    except SafetensorsParsingError as error:
        raise FetchError("bad-header", f"a safetensors header of {request.where} cannot be read ({error})",
                         "the weights on the Hub look broken; pin another revision") from None  # fmt: skip
    except Exception as error:  # every other failure is explained as for config.json
        raise _explain(error, request) from error
    return add_counts({str(dtype): n for dtype, n in metadata.parameter_count.items()})


def read_local_counts(folder: Path) -> dict[str, int] | None:
    """Parameters per dtype over every *.safetensors file in `folder`; None when there is none.

    Raises ValueError naming the file when a header cannot be read."""
    files = sorted(folder.glob("*.safetensors"))
    if not files:
        return None
    return add_counts(*(read_header_counts(path) for path in files))


def read_header_counts(path: Path) -> dict[str, int]:
    try:
        with path.open("rb") as f:
            prefix = f.read(8)
            if len(prefix) < 8:
                raise ValueError("shorter than the 8-byte header length")
            (size,) = struct.unpack("<Q", prefix)
            if size > MAX_HEADER:
                raise ValueError(f"declares a {size:,}-byte header")
            data = f.read(size)
        if len(data) < size:
            raise ValueError("ends inside its header")
        header = json.loads(data)
        if not isinstance(header, dict):
            raise ValueError(f"its header is a JSON {json_type(header)}, not an object")
        return header_counts(header)
    except ValueError as error:
        raise ValueError(f"{display_path(path)}: not a readable safetensors file ({why(error)})") from None


def header_counts(header: Mapping[str, Any]) -> dict[str, int]:
    """Parameters per dtype in one parsed safetensors header; raises ValueError when it is malformed."""
    counts: dict[str, int] = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        dtype, shape = (info.get("dtype"), info.get("shape")) if isinstance(info, dict) else (None, None)
        if not isinstance(dtype, str) or not isinstance(shape, list) or not all(_dim(d) for d in shape):
            raise ValueError(f"tensor {name!r} has no dtype and shape")
        counts[dtype] = counts.get(dtype, 0) + math.prod(shape)
    return counts


def _dim(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def add_counts(*parts: Mapping[str, int]) -> dict[str, int]:
    """Per-dtype counts of several files (shards) together, dtypes in sorted order."""
    total: dict[str, int] = {}
    for part in parts:
        for dtype, n in part.items():
            total[dtype] = total.get(dtype, 0) + n
    return dict(sorted(total.items()))


# --- the recorded counts next to each snapshot ----------------------------------------------


def weights_path(snapshot_dir: Path, repo: str) -> Path:
    owner, _, name = repo.partition("/")
    return Path(snapshot_dir) / f"{owner}__{name}.safetensors.json"


def weights_record(repo: str, revision: str, counts: dict[str, int]) -> dict[str, Any]:
    return {"repo": repo, "revision": revision, "source": SOURCE, "parameters": dict(sorted(counts.items())),
            "total": sum(counts.values())}  # fmt: skip


def read_weights(snapshot_dir: Path, repo: str) -> dict[str, int] | None:
    """The recorded header count of `repo` per dtype; None when none is recorded, ValueError when malformed."""
    path = weights_path(snapshot_dir, repo)
    if not path.exists():
        return None
    try:
        record = json.loads(path.read_bytes())
    except ValueError as error:
        raise ValueError(f"{display_path(path)}: not valid JSON ({why(error)})") from None
    counts = record.get("parameters") if isinstance(record, dict) else None
    if not isinstance(counts, dict) or not all(isinstance(n, int) and n >= 0 for n in counts.values()):
        raise ValueError(f'{display_path(path)}: no "parameters" object of counts per dtype')
    return {str(k): int(v) for k, v in counts.items()}


def write_weights(snapshot_dir: Path, repo: str, revision: str, counts: dict[str, int]) -> Path:
    path = weights_path(snapshot_dir, repo)
    write_json(path, weights_record(repo, revision, counts))
    return path
