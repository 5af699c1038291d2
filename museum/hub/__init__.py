"""The Hugging Face Hub: config.json snapshots on disk, the huggingface_hub client and its failures, refresh."""

from .client import FAILURES, FetchError, fetch_config
from .refresh import RefreshResult, Target, diff_configs, format_report, refresh
from .snapshots import key_line, read_snapshot, snapshot_path, write_snapshot

__all__ = [
    "FAILURES", "FetchError", "RefreshResult", "Target", "diff_configs", "fetch_config", "format_report",
    "key_line", "read_snapshot", "refresh", "snapshot_path", "write_snapshot",
]  # fmt: skip
