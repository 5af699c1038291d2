"""One verb per module: build and check, hub refresh, inspect, schema."""
