"""The fixture museum's whole site, file by file, against tests/golden/ (refresh: `make golden`)."""

from golden import build_fixture, differences


def test_the_built_site_matches_the_golden_files(tmp_path):
    problems = differences(build_fixture(tmp_path))
    assert not problems, "\n\n".join(problems) + "\n\nIf the change is intended, run `make golden` and review the diff."
