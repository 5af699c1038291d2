"""The Hugging Face Hub: config.json snapshots on disk, the huggingface_hub client and its failures, refresh."""

from .client import FAILURES, FetchError, fetch_config
from .refresh import RefreshResult, Target, diff_configs, format_report, refresh
from .snapshots import key_line, read_snapshot, snapshot_path, write_snapshot
from .weights import fetch_header_count, read_local_counts, read_weights, weights_path, write_weights

__all__ = [
    "FAILURES", "FetchError", "RefreshResult", "Target", "diff_configs", "fetch_config", "fetch_header_count",
    "format_report", "key_line", "read_local_counts", "read_snapshot", "read_weights", "refresh", "snapshot_path",
    "weights_path", "write_snapshot", "write_weights",
]  # fmt: skip
