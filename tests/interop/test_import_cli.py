"""`netui import FILE...` from the shell: format from content, report, dry run, JSON."""

from __future__ import annotations

import shutil

from ..cli_helpers import run


def test_import_detects_formats_and_reports(capsys, tmp_path, samples):
    data = ["--data-dir", str(tmp_path / "data")]
    # Names that lie: the format comes from the content.
    shutil.copy(samples / "apple.vcf", tmp_path / "apple.txt")
    shutil.copy(samples / "Connections.csv", tmp_path / "download")
    files = [str(tmp_path / "apple.txt"), str(tmp_path / "download")]
    dry = run(capsys, *data, "import", "--dry-run", *files)
    assert dry.code == 0, dry.err
    assert dry.out.splitlines()[0] == ("Import: 6 added, 0 updated, 0 unchanged, 0 skipped "
                                       "(dry run: nothing written)")
    assert run(capsys, *data, "list", "--json").json() == []
    done = run(capsys, *data, "import", *files)
    assert done.out.splitlines()[0] == "Import: 6 added, 0 updated, 0 unchanged, 0 skipped"
    again = run(capsys, *data, "import", "-v", *files)
    assert again.out.splitlines()[0] == "Import: 0 added, 0 updated, 6 unchanged, 0 skipped"
    assert "unchanged Priya Raman (download line 5): same email" in again.out


def test_import_names_bad_files_without_a_traceback(capsys, tmp_path, shared_vcards):
    data = ["--data-dir", str(tmp_path / "data")]
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"\x00\x01\x02 nothing here")
    result = run(capsys, *data, "import", str(junk), str(shared_vcards / "khard" / "unparsable.vcf"),
                 str(tmp_path / "missing.vcf"))
    assert result.code == 1  # F12 / D9: files not read are an error, the rest imports
    assert "Import: 0 added" in result.out and "3 files not read" in result.out
    assert "not a vCard, contacts CSV" in result.out
    assert "unparsable.vcf card 1 (line 1): the file ends in the middle" in result.out
    assert "cannot read" in result.out and "Traceback" not in result.out + result.err


def test_import_json_still_restores_a_full_export(capsys, tmp_path):
    src = ["--data-dir", str(tmp_path / "a")]
    run(capsys, *src, "add", "Ann Lee", "--email", "ann@example.com")
    backup = tmp_path / "backup.json"
    assert run(capsys, *src, "export", "json", str(backup)).code == 0
    dst = ["--data-dir", str(tmp_path / "b")]
    assert run(capsys, *dst, "import", "json", str(backup)).code == 0
    assert [c["name"] for c in run(capsys, *dst, "list", "--json").json()] == ["Ann Lee"]
    # Without the `json` word the format is detected too.
    dst2 = ["--data-dir", str(tmp_path / "c")]
    assert run(capsys, *dst2, "import", str(backup)).code == 0
    assert [c["name"] for c in run(capsys, *dst2, "list", "--json").json()] == ["Ann Lee"]


def test_a_missing_or_unrecognised_file_exits_1_and_the_rest_imports(capsys, tmp_path, samples):
    data = ["--data-dir", str(tmp_path / "data")]
    junk = tmp_path / "notes.txt"
    junk.write_text("hello\n")
    result = run(capsys, *data, "import", str(samples / "apple.vcf"), str(junk),
                 str(tmp_path / "nonexistent.vcf"))
    assert result.code == 1
    assert f"not read  {junk}: not a vCard" in result.out
    assert f"not read  {tmp_path / 'nonexistent.vcf'}: cannot read" in result.out
    assert len(run(capsys, *data, "list", "--json").json()) == 3
    ok = run(capsys, *data, "import", str(samples / "apple.vcf"))
    assert f"netui: 2 files not read: {junk}," in result.err
    assert ok.code == 0 and "not read" not in ok.out
