"""Issue 15, item 5: SIGTERM stops like Ctrl-C; workers die with their parent, quietly; a
second Ctrl-C stops within about a second and says what is stored."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

from sayso.scale.interrupt import stop_on_interrupt

ROOT = Path(__file__).resolve().parents[1]
SAYSO = [sys.executable, "-m", "sayso"]
TEXT = ("The army said on {} that its soldiers had shelled the border post, and a spokesman for "
        "the ministry said the talks would resume next week in Geneva.")


def corpus(folder: Path, n: int) -> Path:
    folder.mkdir()
    for i in range(n):
        (folder / f"a{i:03}.txt").write_text(TEXT.format(f"day {i}") + "\n\n" + TEXT.format("Monday") * 3)
    return folder


def tagged(tag: str) -> list[int]:
    """Processes whose environment carries `tag` (the command, its fork server, its workers)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if tag.encode() in (entry / "environ").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def start(args: list[str], tag: str, cwd: Path) -> subprocess.Popen:
    env = dict(os.environ, SAYSO_TEST_TAG=tag, PYTHONPATH=str(ROOT))
    return subprocess.Popen(SAYSO + args, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_sigterm_sets_the_stop_flag_like_ctrl_c():
    with stop_on_interrupt(announce=False) as flag:
        os.kill(os.getpid(), signal.SIGTERM)
        time.sleep(0.1)
        assert flag.requested


def test_sigterm_stops_ingest_gracefully_with_its_summary(tmp_path):
    folder = corpus(tmp_path / "news", 40)
    tag = uuid.uuid4().hex
    child = start(["ingest", str(folder), "--ledger", "l.db", "--workers", "0", "--batch-size", "1", "--quiet"], tag, tmp_path)
    assert wait_for(lambda: (tmp_path / "l.db").exists(), 60)
    time.sleep(2)
    child.send_signal(signal.SIGTERM)
    out, err = child.communicate(timeout=120)
    assert child.returncode == 130, err
    assert "articles read" in out and "interrupted; what was extracted is stored" in err
    assert "Traceback" not in err


def test_workers_die_with_their_parent_quietly(tmp_path):
    folder = corpus(tmp_path / "news", 200)
    tag = uuid.uuid4().hex
    child = start(["extract", str(folder), "-o", "out.jsonl", "--workers", "2", "--batch-size", "1"], tag, tmp_path)
    assert wait_for(lambda: len(tagged(tag)) >= 4, 90)  # the command, a fork server, two workers
    time.sleep(3)  # the workers load the model and start on their batches
    child.kill()
    child.wait()
    assert wait_for(lambda: not tagged(tag), 5), f"left running: {tagged(tag)}"
    err = child.stderr.read()
    assert "Traceback" not in err and "BrokenPipe" not in err


def test_second_ctrl_c_stops_within_a_second_and_says_what_is_stored(tmp_path):
    folder = corpus(tmp_path / "news", 200)
    tag = uuid.uuid4().hex
    child = start(["ingest", str(folder), "--ledger", "l.db", "--workers", "1", "--batch-size", "1", "--quiet"], tag, tmp_path)
    assert wait_for(lambda: len(tagged(tag)) >= 3, 90)
    time.sleep(4)
    child.send_signal(signal.SIGINT)
    time.sleep(0.2)
    child.send_signal(signal.SIGINT)
    stopped = time.monotonic()
    out, err = child.communicate(timeout=60)
    took = time.monotonic() - stopped
    assert child.returncode == 130, err
    assert took < 3, f"took {took:.1f} s"  # about a second; slack for a loaded machine
    assert "stopped now" in out and "articles of this run stored" in out
    assert "Traceback" not in err
    assert wait_for(lambda: not tagged(tag), 5)
