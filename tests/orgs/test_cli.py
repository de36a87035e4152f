"""Commands as an operator runs them: a real process, Vietnamese messages, documented exit codes."""

import os
import subprocess
import sys


def test_an_unknown_unit_code_exits_2_naming_the_code(tmp_path):
    env = dict(os.environ, CANBO_DEBUG="1", CANBO_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="canbo.settings")
    env.pop("DATABASE_URL", None)
    subprocess.run([sys.executable, "-m", "canbo", "migrate", "-v0"], env=env, check=True, timeout=300)
    result = subprocess.run(
        [sys.executable, "-m", "canbo", "units", "--unit", "DB-KHONGCO"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "Không có đơn vị nào có mã “DB-KHONGCO”" in result.stderr
